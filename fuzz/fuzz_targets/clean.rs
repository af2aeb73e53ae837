//! Any text, cleaned: never a panic, and every kept byte (all but the
//! inserted line and paragraph breaks) maps back to the same raw byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_clean::Cleaner;
use sitrep_model::{DocId, RawDocument};

fuzz_target!(|data: &[u8]| {
    let raw = RawDocument {
        id: DocId("f".into()),
        path: "f".into(),
        text: String::from_utf8_lossy(data).into_owned(),
        meta: Default::default(),
        warnings: vec![],
    };
    let raw_text = raw.text.clone();
    let doc = Cleaner::default().clean(raw);
    for (i, b) in doc.text.bytes().enumerate() {
        if b == b'\n' {
            continue;
        }
        let src = doc.offsets.to_source(i);
        assert_eq!(
            raw_text.as_bytes().get(src),
            Some(&b),
            "cleaned byte {i} ({b:#04x}) maps to raw offset {src}, which holds another byte"
        );
    }
});
