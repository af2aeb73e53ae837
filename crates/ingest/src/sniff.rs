//! What a stream of bytes is, judged from its first bytes, not its name.

/// The formats sitrep reads, as detected from content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    Gzip,
    Zstd,
    /// One JSON object per line (also a single object, or a JSON array of them).
    Json,
    /// A web page.
    Html,
    /// An RSS 2.0, RSS 1.0 (RDF) or Atom feed.
    Feed,
    /// A WARC web archive (`WARC/1.0`, `WARC/1.1`).
    Warc,
    /// XML that is neither a feed nor a web page.
    Xml,
    Text,
    Binary(&'static str),
    Empty,
}

/// How many leading bytes [`sniff`] looks at.
pub const SNIFF_LEN: usize = 8192;

/// Detect the format of a stream from its first bytes (up to [`SNIFF_LEN`]).
pub fn sniff(head: &[u8]) -> Format {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Format::Gzip;
    }
    if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        return Format::Zstd;
    }
    // Before the binary check: an archived response may be a PDF or an image.
    if head.starts_with(b"WARC/") {
        return Format::Warc;
    }
    // Text with a UTF-16/32 BOM holds NULs; decide on the BOM first.
    if encoding_rs::Encoding::for_bom(head).is_some_and(|(enc, _)| enc != encoding_rs::UTF_8) {
        return Format::Text;
    }
    if let Some(why) = binary_signature(head) {
        return Format::Binary(why);
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let Some(first) = text.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Format::Empty;
    };
    let rest = &text[first..];
    match rest.first() {
        Some(b'{') | Some(b'[') if looks_like_json(rest) => Format::Json,
        Some(b'<') => markup(rest),
        _ => Format::Text,
    }
}

/// What a document that opens with `<` is: its root element decides
/// between a feed and a page; a page may also be told by its usual tags.
fn markup(rest: &[u8]) -> Format {
    match root_element(rest).map(<[u8]>::to_ascii_lowercase).as_deref() {
        Some(b"rss" | b"feed" | b"rdf:rdf") => Format::Feed,
        _ if looks_like_html(rest) => Format::Html,
        _ if rest.starts_with(b"<?xml") => Format::Xml,
        _ => Format::Text,
    }
}

/// The name of the first element of a markup document, past its XML
/// declaration, processing instructions, comments and doctype.
fn root_element(mut rest: &[u8]) -> Option<&[u8]> {
    loop {
        rest = rest.trim_ascii_start();
        let skip_to: &[u8] = if rest.starts_with(b"<!--") {
            b"-->"
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            b">"
        } else {
            let name = rest.strip_prefix(b"<")?;
            let end = name.iter().position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))?;
            return Some(&name[..end]);
        };
        let at = rest.windows(skip_to.len()).position(|w| w == skip_to)?;
        rest = &rest[at + skip_to.len()..];
    }
}

fn binary_signature(head: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x7FELF", "executable"),
        (b"BZh", "bzip2 archive"),
        (b"\xFD7zXZ", "xz archive"),
    ];
    if let Some((_, name)) = MAGIC.iter().find(|(m, _)| head.starts_with(m)) {
        return Some(name);
    }
    if head.contains(&0) {
        return Some("NUL bytes");
    }
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    (control * 10 > head.len()).then_some("control characters")
}

fn looks_like_json(rest: &[u8]) -> bool {
    // `{"` or `[{` / `[]`, allowing whitespace: enough to tell JSON from a
    // report that opens with a bracket.
    let mut it = rest.iter().copied().filter(|b| !b.is_ascii_whitespace());
    matches!((it.next(), it.next()), (Some(b'{'), Some(b'"' | b'}')) | (Some(b'['), Some(b'{' | b']')))
}

fn looks_like_html(rest: &[u8]) -> bool {
    let head: Vec<u8> = rest.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"].iter().any(|tag| head.windows(tag.len()).any(|w| w == *tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content() {
        assert_eq!(sniff(b"\x1f\x8b\x08\x00"), Format::Gzip);
        assert_eq!(sniff(b"  \n{\"title\": 1}\n"), Format::Json);
        assert_eq!(sniff(b"[{\"a\":1}]"), Format::Json);
        assert_eq!(sniff(b"[South Front](#) report"), Format::Text);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(b"Title\n\nBody."), Format::Text);
        assert_eq!(sniff(b"   \n\t"), Format::Empty);
        assert_eq!(sniff(b""), Format::Empty);
        assert_eq!(sniff(b"%PDF-1.7"), Format::Binary("PDF"));
        assert_eq!(sniff(b"ab\0cd"), Format::Binary("NUL bytes"));
        assert_eq!(sniff(b"\xFF\xFEa\0b\0"), Format::Text);
    }

    #[test]
    fn tells_feeds_archives_and_pages_apart() {
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"), Format::Feed);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><!-- a <comment> --><feed xmlns=\"x\">"), Format::Feed);
        assert_eq!(sniff(b"<rdf:RDF xmlns:rdf=\"x\"><channel>"), Format::Feed);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><!DOCTYPE html><html><body>"), Format::Html);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><urlset>"), Format::Xml);
        assert_eq!(sniff(b"<b>Breaking</b>: a report"), Format::Text);
        assert_eq!(sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\0"), Format::Warc);
        assert_eq!(sniff(b"<!-- unterminated"), Format::Text);
    }
}
