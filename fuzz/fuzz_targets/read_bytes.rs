//! Any bytes, read as a file: every outcome is a document or an error,
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{ReaderConfig, read_bytes};

fuzz_target!(|data: &[u8]| {
    let config = ReaderConfig { max_bytes: 1 << 20 };
    for outcome in read_bytes("fuzz", data.to_vec(), &config) {
        match outcome {
            Ok(doc) => {
                std::hint::black_box((doc.id.as_str().len(), doc.text.len(), doc.warnings.len()));
            }
            Err(e) => {
                std::hint::black_box(e.to_string());
            }
        }
    }
});
