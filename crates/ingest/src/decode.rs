//! Bytes to UTF-8 text: BOMs, legacy encodings, invalid sequences.

use std::borrow::Cow;

/// Decoded text, with a note when it was not plain valid UTF-8.
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decode a text file's bytes. Valid UTF-8 (with or without a BOM) is kept
/// as is; UTF-16 with a BOM is converted; anything else is decoded in the
/// legacy encoding that chardetng finds most likely, with a warning.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let warning = had_errors.then(|| format!("invalid {} sequences replaced with U+FFFD", enc.name()));
        return Decoded { text: text.into_owned(), warning };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_string(), warning: None };
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(None, true);
    if enc == encoding_rs::UTF_8 {
        let invalid = count_invalid_utf8(bytes);
        return Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            warning: Some(format!("{invalid} invalid UTF-8 sequences replaced with U+FFFD")),
        };
    }
    let (text, _, had_errors) = enc.decode(bytes);
    let mut warning = format!("not UTF-8; decoded as {} (detected)", enc.name());
    if had_errors {
        warning.push_str(", with invalid sequences replaced");
    }
    Decoded { text: text.into_owned(), warning: Some(warning) }
}

/// UTF-8 text of one JSON line: JSON is UTF-8 by definition, so invalid
/// sequences are replaced rather than guessed at.
pub fn decode_utf8_lossy(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(_) => {
            let n = count_invalid_utf8(bytes);
            (String::from_utf8_lossy(bytes), Some(format!("{n} invalid UTF-8 sequences replaced with U+FFFD")))
        }
    }
}

fn count_invalid_utf8(mut bytes: &[u8]) -> usize {
    let mut n = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return n,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bytes = bytes.get(skip..).unwrap_or_default();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_unchanged() {
        let d = decode("Ālbū Kamāl".as_bytes());
        assert_eq!(d.text, "Ālbū Kamāl");
        assert!(d.warning.is_none());
    }

    #[test]
    fn latin1_is_detected_and_warned() {
        let bytes = b"Le caf\xe9 a \xe9t\xe9 touch\xe9 par une roquette pr\xe8s de la fronti\xe8re.";
        let d = decode(bytes);
        assert!(d.text.contains("café"), "{}", d.text);
        assert!(d.warning.is_some_and(|w| w.contains("windows-1252")));
    }

    #[test]
    fn utf16_with_bom_is_converted() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Rockets".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).text, "Rockets");
    }

    #[test]
    fn invalid_sequences_in_json_are_counted() {
        let (s, w) = decode_utf8_lossy(b"a\xffb\xfe");
        assert_eq!(s, "a\u{fffd}b\u{fffd}");
        assert_eq!(w.as_deref(), Some("2 invalid UTF-8 sequences replaced with U+FFFD"));
    }
}
