//! The HTTP response archived in a WARC record: status, headers, and the
//! body with its transfer coding (chunked) and content codings (gzip,
//! deflate, zstd) undone.

use std::borrow::Cow;
use std::io::Read;

use crate::error::{Error, Result};
use crate::read_limited;
use crate::zstd::ZstdDecoder;

/// Header fields in their order, looked up by name without regard to case
/// (the WARC and HTTP rule).
#[derive(Debug, Default)]
pub(crate) struct Headers(Vec<(String, String)>);

impl Headers {
    /// The value of the first field named `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Add a `Name: value` line; a line that opens with white space
    /// continues the previous field's value (folding).
    pub fn push_line(&mut self, line: &str) -> std::result::Result<(), String> {
        if line.starts_with([' ', '\t'])
            && let Some((_, value)) = self.0.last_mut()
        {
            value.push(' ');
            value.push_str(line.trim());
            return Ok(());
        }
        match line.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() => {
                self.0.push((name.trim().to_string(), value.trim().to_string()));
                Ok(())
            }
            _ => Err(format!("not a header line: {:?}", shorten(line))),
        }
    }
}

/// An HTTP response: its status code, headers, and body as archived.
#[derive(Debug)]
pub(crate) struct Response<'a> {
    pub status: u16,
    pub headers: Headers,
    pub body: &'a [u8],
}

/// Parse the response in a WARC record's block.
pub(crate) fn parse(block: &[u8]) -> std::result::Result<Response<'_>, String> {
    // Without a blank line, the block is all head (a body-less response).
    let (head, body) = split_head(block).unwrap_or((block, &[]));
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status =
        status_code(status_line).ok_or_else(|| format!("not an HTTP status line: {:?}", shorten(status_line)))?;
    let mut headers = Headers::default();
    for line in lines {
        // Crawled servers send odd lines; one that is not a header is passed over.
        let _ = headers.push_line(line);
    }
    Ok(Response { status, headers, body })
}

/// The head and the body, split at the first blank line (CRLF or LF).
fn split_head(block: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut from = 0;
    while let Some(at) = block.get(from..)?.iter().position(|&b| b == b'\n').map(|i| i + from) {
        let after = block.get(at + 1..)?;
        if let Some(body) = after.strip_prefix(b"\r\n").or_else(|| after.strip_prefix(b"\n")) {
            return Some((block.get(..at)?, body));
        }
        from = at + 1;
    }
    None
}

/// `200` of `HTTP/1.1 200 OK`.
fn status_code(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    let version = parts.next()?;
    if !version.starts_with("HTTP/") {
        return None;
    }
    parts.next()?.parse().ok()
}

/// Whether a `Content-Type` value is a web page.
pub(crate) fn is_html(content_type: &str) -> bool {
    let essence = media_type(content_type);
    essence.eq_ignore_ascii_case("text/html") || essence.eq_ignore_ascii_case("application/xhtml+xml")
}

/// `text/html` of `text/html; charset=utf-8`.
pub(crate) fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or_default().trim()
}

/// The body as the server meant it: chunks joined, content codings
/// undone (the last applied first). At most `limit` bytes once decoded.
pub(crate) fn decoded_body<'a>(response: &Response<'a>, path: &str, limit: u64) -> Result<Cow<'a, [u8]>> {
    let malformed = |message: String| Error::MalformedHttp { path: path.to_string(), message };
    let chunked =
        response.headers.get("Transfer-Encoding").is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    let mut body = Cow::Borrowed(response.body);
    if chunked {
        body = Cow::Owned(dechunk(response.body).map_err(malformed)?);
    }
    let codings = response.headers.get("Content-Encoding").unwrap_or_default();
    for coding in codings.rsplit(',').map(str::trim).filter(|c| !c.is_empty()) {
        body = decode_content(body, coding, path, limit)?;
    }
    Ok(body)
}

/// Join the chunks of a `Transfer-Encoding: chunked` body. A body cut
/// after a whole chunk (without the last, empty one) is taken as it is.
fn dechunk(mut rest: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut body = Vec::with_capacity(rest.len());
    while !rest.is_empty() {
        let line_end = rest.iter().position(|&b| b == b'\n').ok_or("a chunk size line without its end")?;
        let line = String::from_utf8_lossy(rest.get(..line_end).unwrap_or_default());
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size =
            usize::from_str_radix(size_text, 16).map_err(|_| format!("not a chunk size: {:?}", shorten(size_text)))?;
        if size == 0 {
            break; // The last chunk; trailer fields are not needed.
        }
        let after = rest.get(line_end + 1..).unwrap_or_default();
        let chunk = after.get(..size).ok_or_else(|| format!("a chunk of {size} bytes ends after {}", after.len()))?;
        body.extend_from_slice(chunk);
        let after = after.get(size..).unwrap_or_default();
        rest = after.strip_prefix(b"\r\n").or_else(|| after.strip_prefix(b"\n")).unwrap_or(after);
    }
    Ok(body)
}

/// Undo one content coding.
fn decode_content<'a>(body: Cow<'a, [u8]>, coding: &str, path: &str, limit: u64) -> Result<Cow<'a, [u8]>> {
    let unsupported = |format| Error::Unsupported { path: path.to_string(), format };
    let decoder: Box<dyn Read + Send + '_> = match coding.to_ascii_lowercase().as_str() {
        "identity" => return Ok(body),
        // An archive may store the body decoded yet keep the header.
        "gzip" | "x-gzip" if !body.starts_with(&[0x1f, 0x8b]) => return Ok(body),
        "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(&body[..])),
        "deflate" if is_zlib(&body) => Box::new(flate2::read::ZlibDecoder::new(&body[..])),
        "deflate" => Box::new(flate2::read::DeflateDecoder::new(&body[..])),
        "zstd" => Box::new(ZstdDecoder::new(&body[..])),
        "br" => return Err(unsupported("a brotli-encoded HTTP body")),
        _ => return Err(unsupported("an HTTP body in an unknown content encoding")),
    };
    let decoded = read_limited(path, decoder, None, limit).map_err(|e| match e {
        Error::Io { source, .. } => {
            Error::MalformedHttp { path: path.to_string(), message: format!("{coding} body: {source}") }
        }
        other => other,
    })?;
    Ok(Cow::Owned(decoded))
}

/// Whether a `deflate` body has the zlib wrapper (RFC 1950), as it
/// should; some servers send raw deflate.
fn is_zlib(body: &[u8]) -> bool {
    match body {
        [method, flags, ..] => method & 0x0f == 8 && (u16::from(*method) << 8 | u16::from(*flags)) % 31 == 0,
        _ => false,
    }
}

/// At most 60 characters of `text`, for messages.
pub(crate) fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    let mut short: String = text.chars().take(MAX_CHARS).collect();
    if text.chars().nth(MAX_CHARS).is_some() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn status_headers_and_body_are_split() {
        let block = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html;\r\n  charset=utf-8\r\nX: 1\r\n\r\n<p>gone</p>";
        let response = parse(block).expect("parses");
        assert_eq!(response.status, 404);
        assert_eq!(response.headers.get("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(response.body, b"<p>gone</p>");
        assert!(parse(b"garbage\r\n\r\nbody").is_err());
        assert_eq!(parse(b"HTTP/1.0 204 No Content").map(|r| r.body.len()), Ok(0));
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"5;ext=1\r\nHello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n").as_deref(),
            Ok(&b"Hello, world"[..])
        );
        assert_eq!(dechunk(b"3\r\nabc\r\n").as_deref(), Ok(&b"abc"[..]));
        assert!(dechunk(b"zz\r\nabc").is_err());
        assert!(dechunk(b"10\r\nshort").is_err());
        assert!(dechunk(b"5").is_err());
    }

    #[test]
    fn content_codings_are_undone_within_the_limit() {
        let page = b"<html><body><p>Text of the page.</p></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(page).expect("gzip");
        let gzipped = gz.finish().expect("gzip");
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(page).expect("zlib");
        let deflated = zlib.finish().expect("zlib");
        for (coding, body) in [("gzip", &gzipped), ("deflate", &deflated), ("gzip", &page.to_vec())] {
            let decoded = decode_content(Cow::Borrowed(body), coding, "p", 1 << 20).expect("decodes");
            assert_eq!(&decoded[..], &page[..], "{coding}");
        }
        let too_large = decode_content(Cow::Borrowed(&gzipped), "gzip", "p", 10).expect_err("limit");
        assert!(matches!(too_large, Error::TooLarge { .. }), "{too_large}");
        let corrupt = decode_content(Cow::Borrowed(&gzipped[..20]), "gzip", "p", 1 << 20).expect_err("corrupt");
        assert!(matches!(corrupt, Error::MalformedHttp { .. }), "{corrupt}");
        let brotli = decode_content(Cow::Borrowed(&page[..]), "br", "p", 1 << 20).expect_err("brotli");
        assert!(matches!(brotli, Error::Unsupported { .. }), "{brotli}");
    }
}
