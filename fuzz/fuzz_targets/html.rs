//! Any bytes, read as a web page: an article (possibly empty) with its
//! metadata, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let article = sitrep_html::read(data, None);
    std::hint::black_box((article.text.len(), article.title, article.published, article.url, article.warnings));
});
