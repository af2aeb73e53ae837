//! Any text, cleaned then annotated: never a panic, and every sentence,
//! time and mention span lies on char boundaries inside the cleaned text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_clean::Cleaner;
use sitrep_extract::Annotator;
use sitrep_model::{DocId, RawDocument, Span};

fn check(text: &str, layer: &str, span: Span) {
    assert!(
        text.get(span.start..span.end).is_some(),
        "{layer} span {}..{} is not a slice of the {}-byte cleaned text",
        span.start,
        span.end,
        text.len()
    );
}

fuzz_target!(|data: &[u8]| {
    let raw = RawDocument {
        id: DocId("f".into()),
        path: "f".into(),
        text: String::from_utf8_lossy(data).into_owned(),
        meta: Default::default(),
        warnings: vec![],
    };
    let mut doc = Cleaner::default().clean(raw);
    Annotator::default().annotate(&mut doc);
    let layers = doc.annotations.as_ref().expect("annotate fills doc.annotations");
    for s in &layers.sentences {
        check(&doc.text, "sentence", s.span);
    }
    for t in &layers.times {
        check(&doc.text, "time", t.span);
    }
    for m in &layers.mentions {
        check(&doc.text, "mention", m.span);
    }
});
