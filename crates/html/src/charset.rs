//! Bytes of a web page to text: the encoding from the byte-order mark, the
//! transport's declaration, the page's `<meta charset>`, or detection.

use encoding_rs::Encoding;

/// A page's text and how its encoding was found.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding used (WHATWG name).
    pub encoding: &'static str,
    /// Set when the bytes were not valid in that encoding, or the encoding
    /// had to be guessed.
    pub warning: Option<String>,
}

/// How far into a page its `<meta charset>` is looked for (the HTML
/// standard's prescan reads 1024 bytes; pages put long scripts first).
const PRESCAN: usize = 4096;

/// Decode a page. In order of authority: a byte-order mark; `declared` (an
/// HTTP `Content-Type` header or its charset); the page's own `<meta
/// charset>` or `http-equiv` declaration; valid UTF-8; chardetng's guess.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom..], None);
    }
    let named = declared.and_then(charset_of).or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]));
    if let Some(enc) = named {
        // A page that says UTF-16 in ASCII markup is not UTF-16.
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { encoding_rs::UTF_8 } else { enc };
        return finish(enc, bytes, None);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_string(), encoding: "UTF-8", warning: None };
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(None, true);
    finish(enc, bytes, Some(format!("no charset declared; decoded as {} (detected)", enc.name())))
}

fn finish(enc: &'static Encoding, bytes: &[u8], note: Option<String>) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let warning = match (note, had_errors) {
        (Some(n), true) => Some(format!("{n}, with invalid sequences replaced")),
        (Some(n), false) => Some(n),
        (None, true) => Some(format!("invalid {} sequences replaced with U+FFFD", enc.name())),
        (None, false) => None,
    };
    Decoded { text: text.into_owned(), encoding: enc.name(), warning }
}

/// The encoding a `Content-Type` value or a bare label names:
/// `text/html; charset=ISO-8859-1`, `"utf-8"`, `windows-1251`.
pub fn charset_of(value: &str) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let label = match lower.find("charset") {
        Some(at) => lower[at + 7..].trim_start().strip_prefix('=')?,
        None if !lower.contains('/') => lower.as_str(),
        None => return None,
    };
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'');
    let end = label.find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace()).unwrap_or(label.len());
    Encoding::for_label(&label.as_bytes()[..end])
}

/// The charset a page declares in its first bytes: `<meta charset="x">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while let Some(i) =
        memchr::memmem::find(&head[at..], b"<meta").or_else(|| memchr::memmem::find(&head[at..], b"<META"))
    {
        let start = at + i + 5;
        let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |e| start + e);
        let tag = String::from_utf8_lossy(&head[start..end]).to_ascii_lowercase();
        if let Some(p) = tag.find("charset")
            && let Some(enc) = charset_of(&tag[p..])
        {
            return Some(enc);
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_by_authority() {
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9</body></html>";
        let d = decode(latin, None);
        assert!(d.text.contains("Café"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1252");
        let http = b"<html><head><meta charset=\"utf-8\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>";
        assert!(decode(http, Some("text/html; charset=windows-1251")).text.contains("Привет"));
        let equiv = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">\xcf\xf0\xe8";
        assert!(decode(equiv, None).text.contains("При"));
        let bom = b"\xef\xbb\xbf<meta charset=latin1>\xc3\xa9";
        assert!(decode(bom, None).text.ends_with('é'));
        assert!(decode("plain é".as_bytes(), None).warning.is_none());
        let guessed = decode(b"<p>Les \xe9l\xe8ves de l'\xe9cole fran\xe7aise sont arriv\xe9s.</p>", None);
        assert!(guessed.text.contains("élèves"), "{}", guessed.text);
        assert!(guessed.warning.is_some());
    }
}
