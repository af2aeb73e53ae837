//! Date parsing and time expressions over any text: never a panic.
//!
//! The whole input goes to `parse_date` and to `times::annotate` with a
//! fixed document date. Its first line is also parsed as a date on its own
//! and, when that succeeds, used as the document date of the whole input,
//! so that extreme document dates (year -9999 or 9999) reach the relative
//! date arithmetic as they can through `Document::published`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_clean::dates::parse_date;
use sitrep_extract::{sentences, times};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    std::hint::black_box(parse_date(&text));
    let sents = sentences::split(&text);
    let dct = "2020-03-13".parse().expect("a valid date");
    std::hint::black_box(times::annotate(&text, &sents, Some(dct)));
    std::hint::black_box(times::annotate(&text, &sents, None));
    let first_line = text.split('\n').next().unwrap_or_default();
    if let Some(dct) = parse_date(first_line) {
        std::hint::black_box(times::annotate(&text, &sents, Some(dct)));
    }
});
