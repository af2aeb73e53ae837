//! Any bytes inside an RSS 2.0, Atom or RSS 1.0 (RDF) root element (the
//! first byte picks which), read as a feed: every item is a document or
//! an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{ReaderConfig, read_bytes};

const ROOTS: [&str; 3] = [
    "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let config = ReaderConfig { max_bytes: 1 << 20 };
    let mut bytes = ROOTS[usize::from(pick) % ROOTS.len()].as_bytes().to_vec();
    bytes.extend_from_slice(rest);
    for outcome in read_bytes("fuzz.xml", bytes, &config) {
        match outcome {
            Ok(doc) => {
                std::hint::black_box((doc.id.as_str().len(), doc.text.len(), doc.meta.title));
            }
            Err(e) => {
                std::hint::black_box(e.to_string());
            }
        }
    }
});
