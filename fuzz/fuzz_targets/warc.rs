//! Any bytes after a WARC version line, read as an archive: every record
//! is a document or an error, and a malformed archive ends with one error,
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{ReaderConfig, read_bytes};

fuzz_target!(|data: &[u8]| {
    let config = ReaderConfig { max_bytes: 1 << 20 };
    let mut bytes = b"WARC/1.0\r\n".to_vec();
    bytes.extend_from_slice(data);
    for outcome in read_bytes("fuzz.warc", bytes, &config) {
        match outcome {
            Ok(doc) => {
                std::hint::black_box((doc.id.as_str().len(), doc.text.len(), doc.meta.url));
            }
            Err(e) => {
                std::hint::black_box(e.to_string());
            }
        }
    }
});
