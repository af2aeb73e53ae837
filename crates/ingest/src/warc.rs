//! WARC web archives (ISO 28500, `WARC/1.0` and `WARC/1.1`), read one
//! record at a time. A `response` record holding an HTTP 200 HTML page is a
//! document; every other record is reported as skipped, with why.
//!
//! A record is a version line, header lines up to a blank line, then
//! `Content-Length` bytes of block and a blank line or two. Memory is
//! bounded by the largest record read: records over the limit, and records
//! that cannot be pages, are passed over without being loaded.

use std::io::{self, BufRead, BufReader, Read};

use crate::error::{Error, Result};
use crate::http::{self, Headers, shorten};
use crate::page::{Transport, page_document};
use crate::{Outcome, SNIFF_LEN, io_error};

/// The longest header line read: a longer one is not WARC.
const MAX_LINE_BYTES: u64 = 16 << 10;
/// The most header bytes of one record.
const MAX_HEADER_BYTES: usize = 256 << 10;

/// The records of one WARC stream (already decompressed), in order.
pub(crate) struct WarcRecords {
    name: String,
    reader: BufReader<Box<dyn Read + Send>>,
    record: usize,
    max_bytes: u64,
    finished: bool,
}

impl WarcRecords {
    pub fn new(name: String, stream: Box<dyn Read + Send>, max_bytes: u64) -> WarcRecords {
        WarcRecords { name, reader: BufReader::with_capacity(1 << 16, stream), record: 0, max_bytes, finished: false }
    }

    /// The outcome of the next record, `None` at the end of the stream, or
    /// the error that ends the stream (malformed, truncated, unreadable).
    fn next_record(&mut self) -> Result<Option<Outcome>> {
        let Some(version) = self.version_line()? else {
            return Ok(None);
        };
        self.record += 1;
        let path = format!("{}#record-{}", self.name, self.record);
        if !is_version(&version) {
            return Err(malformed(&path, format!("expected a WARC/1.x version line, found {:?}", shorten(&version))));
        }
        let headers = self.headers(&path)?;
        let length = content_length(&headers).map_err(|message| malformed(&path, message))?;
        let record_type = headers.get("WARC-Type").unwrap_or("untyped");
        if !record_type.eq_ignore_ascii_case("response") {
            self.skip_block(&path, length)?;
            return Ok(Some(Err(Error::SkippedRecord { path, why: format!("WARC {record_type} record") })));
        }
        if length > self.max_bytes {
            self.skip_block(&path, length)?;
            return Ok(Some(Err(Error::TooLarge { path, size: length, limit: self.max_bytes })));
        }
        let block = self.read_block(&path, length)?;
        Ok(Some(response_document(path, &headers, &block, self.max_bytes)))
    }

    /// The next non-blank line (blank lines end the previous record).
    fn version_line(&mut self) -> Result<Option<String>> {
        let at = format!("{}#record-{}", self.name, self.record + 1);
        loop {
            match self.line(&at)? {
                None => return Ok(None),
                Some(line) if line.trim().is_empty() => continue,
                Some(line) => return Ok(Some(line)),
            }
        }
    }

    /// The header fields, up to the blank line that ends them.
    fn headers(&mut self, path: &str) -> Result<Headers> {
        let mut headers = Headers::default();
        let mut total = 0;
        loop {
            let line = self.line(path)?.ok_or_else(|| malformed(path, "the file ends inside the headers".into()))?;
            if line.trim().is_empty() {
                return Ok(headers);
            }
            total += line.len();
            if total > MAX_HEADER_BYTES {
                return Err(malformed(path, format!("headers longer than {MAX_HEADER_BYTES} bytes")));
            }
            headers.push_line(line.trim_end()).map_err(|message| malformed(path, message))?;
        }
    }

    /// One line with its end, `None` at the end of the stream.
    fn line(&mut self, path: &str) -> Result<Option<String>> {
        let mut line = Vec::new();
        let read = (&mut self.reader).take(MAX_LINE_BYTES).read_until(b'\n', &mut line);
        let n = read.map_err(|source| io_error(path, source))?;
        if n == 0 {
            return Ok(None);
        }
        if line.last() != Some(&b'\n') {
            let why =
                if n as u64 == MAX_LINE_BYTES { "a line too long for a header" } else { "the file ends inside a line" };
            return Err(malformed(path, why.into()));
        }
        Ok(Some(String::from_utf8_lossy(&line).into_owned()))
    }

    /// Pass over a block without keeping it.
    fn skip_block(&mut self, path: &str, length: u64) -> Result<()> {
        let skipped = io::copy(&mut (&mut self.reader).take(length), &mut io::sink());
        let skipped = skipped.map_err(|source| io_error(path, source))?;
        if skipped < length {
            return Err(truncated(path, length, skipped));
        }
        Ok(())
    }

    fn read_block(&mut self, path: &str, length: u64) -> Result<Vec<u8>> {
        let mut block = Vec::new();
        let read = (&mut self.reader).take(length).read_to_end(&mut block);
        read.map_err(|source| io_error(path, source))?;
        if (block.len() as u64) < length {
            return Err(truncated(path, length, block.len() as u64));
        }
        Ok(block)
    }
}

impl Iterator for WarcRecords {
    type Item = Outcome;

    fn next(&mut self) -> Option<Outcome> {
        if self.finished {
            return None;
        }
        match self.next_record() {
            Ok(Some(outcome)) => Some(outcome),
            Ok(None) => {
                self.finished = true;
                None
            }
            Err(e) => {
                self.finished = true;
                Some(Err(e))
            }
        }
    }
}

/// `WARC/1.0`, `WARC/1.1` (and any later `WARC/N.N`).
fn is_version(line: &str) -> bool {
    line.trim()
        .strip_prefix("WARC/")
        .and_then(|v| v.split_once('.'))
        .is_some_and(|(major, minor)| is_number(major) && is_number(minor))
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn content_length(headers: &Headers) -> std::result::Result<u64, String> {
    let value = headers.get("Content-Length").ok_or("a record without Content-Length")?;
    value.parse().map_err(|_| format!("not a Content-Length: {:?}", shorten(value)))
}

/// One WARC/1.1 record: `headers` (the writer adds `Content-Length`), then
/// `block`: the inverse of the reader, for tools and tests that write
/// archives.
///
/// ```
/// let record = sitrep_ingest::warc_record(&[("WARC-Type", "warcinfo")], b"software: x\r\n");
/// assert!(record.starts_with(b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 13\r\n\r\n"));
/// ```
pub fn warc_record(headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = b"WARC/1.1\r\n".to_vec();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn malformed(path: &str, message: String) -> Error {
    Error::MalformedWarc { path: path.to_string(), message }
}

fn truncated(path: &str, length: u64, read: u64) -> Error {
    malformed(path, format!("truncated: a block of {length} bytes ends after {read}"))
}

/// The web page in a `response` record, or why there is none.
fn response_document(path: String, warc: &Headers, block: &[u8], max_bytes: u64) -> Outcome {
    if let Some(why) = warc.get("Content-Type").and_then(not_http) {
        return Err(Error::SkippedRecord { path, why });
    }
    let response = match http::parse(block) {
        Ok(response) => response,
        Err(message) => return Err(Error::MalformedHttp { path, message }),
    };
    if let Some(why) = not_a_page(&response) {
        return Err(Error::SkippedRecord { path, why });
    }
    let body = http::decoded_body(&response, &path, max_bytes)?;
    let content_type = response.headers.get("Content-Type");
    if content_type.is_none() && crate::sniff(body.get(..SNIFF_LEN).unwrap_or(&body)) != crate::Format::Html {
        return Err(Error::SkippedRecord { path, why: "WARC response without a content type, not HTML".into() });
    }
    let transport = Transport {
        content_type,
        // WARC/1.0 wrote the address in angle brackets.
        url: warc.get("WARC-Target-URI").map(|uri| uri.trim_start_matches('<').trim_end_matches('>')),
        date: warc.get("WARC-Date"),
    };
    page_document(path, &body, transport)
}

/// Why a `response` record whose block has the media type `record_type`
/// is not an HTTP response, if it is not (a DNS lookup, say).
fn not_http(record_type: &str) -> Option<String> {
    let media_type = http::media_type(record_type);
    (!media_type.eq_ignore_ascii_case("application/http")).then(|| format!("WARC response {media_type}"))
}

/// Why an HTTP response is not a web page to read, if it is not: a status
/// other than 200, or a declared type other than HTML.
fn not_a_page(response: &http::Response<'_>) -> Option<String> {
    if response.status != 200 {
        return Some(format!("WARC response {}", response.status));
    }
    let content_type = response.headers.get("Content-Type")?;
    (!http::is_html(content_type)).then(|| format!("WARC response {}", http::media_type(content_type)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    /// An HTML page whose article is unmistakable.
    fn page(headline: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>\
             <p>Several rockets struck the Camp Taji base north of Baghdad on Wednesday evening, officials \
             said, killing two American soldiers and one British soldier and wounding a dozen others, in \
             the deadliest attack on the base in years.</p></article></body></html>"
        )
    }

    /// A `response` record of an HTTP response with `head` lines and `body`.
    fn response(uri: &str, head: &str, body: &[u8]) -> Vec<u8> {
        let mut block = format!("{head}\r\n\r\n").into_bytes();
        block.extend_from_slice(body);
        warc_record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Target-URI", uri),
                ("WARC-Date", "2020-03-12T08:00:00Z"),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &block,
        )
    }

    fn html_ok() -> &'static str {
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8"
    }

    fn read(bytes: Vec<u8>, max_bytes: u64) -> Vec<Outcome> {
        WarcRecords::new("a.warc".into(), Box::new(Cursor::new(bytes)), max_bytes).collect()
    }

    fn archive() -> Vec<u8> {
        let mut warc =
            warc_record(&[("WARC-Type", "warcinfo"), ("Content-Type", "application/warc-fields")], b"software: t\r\n");
        warc.extend(warc_record(&[("WARC-Type", "request")], b"GET /a HTTP/1.1\r\nHost: x.test\r\n\r\n"));
        warc.extend(response("https://x.test/a", html_ok(), page("Rockets hit Camp Taji").as_bytes()));
        warc.extend(response("<https://x.test/gone>", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html", b"gone"));
        warc.extend(response("https://x.test/a.pdf", "HTTP/1.1 200 OK\r\nContent-Type: application/pdf", b"%PDF-1.7"));
        warc.extend(warc_record(&[("WARC-Type", "metadata")], b"fetchTimeMs: 12\r\n"));
        warc
    }

    #[test]
    fn responses_are_documents_and_other_records_are_skipped_with_why() {
        let outcomes = read(archive(), 1 << 20);
        assert_eq!(outcomes.len(), 6);
        let doc = outcomes[2].as_ref().expect("the page");
        assert_eq!(doc.path, "a.warc#record-3");
        assert!(doc.text.contains("Several rockets struck the Camp Taji base"), "{}", doc.text);
        assert_eq!(doc.meta.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(doc.meta.date.as_deref(), Some("2020-03-12T08:00:00Z"));
        let reasons: Vec<String> = outcomes.iter().filter_map(|o| o.as_ref().err()).map(ToString::to_string).collect();
        assert_eq!(
            reasons,
            [
                "a.warc#record-1: WARC warcinfo record, not a web page",
                "a.warc#record-2: WARC request record, not a web page",
                "a.warc#record-4: WARC response 404, not a web page",
                "a.warc#record-5: WARC response application/pdf, not a web page",
                "a.warc#record-6: WARC metadata record, not a web page",
            ]
        );
    }

    #[test]
    fn chunked_and_gzipped_bodies_are_decoded() {
        let html = page("Chunked");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(html.as_bytes()).expect("gzip");
        let gzipped = gz.finish().expect("gzip");
        let (first, second) = gzipped.split_at(gzipped.len() / 2);
        let mut chunked = format!("{:x}\r\n", first.len()).into_bytes();
        chunked.extend_from_slice(first);
        chunked.extend_from_slice(format!("\r\n{:X}\r\n", second.len()).as_bytes());
        chunked.extend_from_slice(second);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip";
        let outcomes = read(response("https://x.test/c", head, &chunked), 1 << 20);
        let doc = outcomes[0].as_ref().expect("decoded");
        assert!(doc.text.contains("Several rockets struck"), "{}", doc.text);
        assert_eq!(doc.id, sitrep_model::DocId::from_content(html.as_bytes()));
    }

    #[test]
    fn a_record_over_the_limit_is_skipped_unread_and_the_next_is_read() {
        let mut warc = response("https://x.test/big", html_ok(), page("Big").repeat(20).as_bytes());
        warc.extend(response("https://x.test/small", html_ok(), page("Small").as_bytes()));
        let outcomes = read(warc, 4096);
        assert!(matches!(&outcomes[0], Err(Error::TooLarge { path, .. }) if path == "a.warc#record-1"));
        assert!(outcomes[1].is_ok(), "{:?}", outcomes[1]);
    }

    #[test]
    fn a_truncated_archive_ends_with_one_error_after_the_records_read() {
        let good = response("https://x.test/a", html_ok(), page("One").as_bytes());
        let next = response("https://x.test/b", html_ok(), page("Two").as_bytes());
        for cut in [10, 40, next.len() - 20] {
            let mut warc = good.clone();
            warc.extend_from_slice(&next[..cut]);
            let outcomes = read(warc, 1 << 20);
            assert_eq!(outcomes.len(), 2, "cut at {cut}");
            assert!(outcomes[0].is_ok());
            let err = outcomes[1].as_ref().expect_err("truncated");
            assert!(matches!(err, Error::MalformedWarc { .. }), "cut at {cut}: {err}");
            assert!(err.to_string().starts_with("a.warc#record-2: malformed WARC"), "{err}");
        }
    }

    #[test]
    fn garbage_after_the_version_line_is_one_error() {
        for garbage in [
            &b"WARC/1.0\r\nthis is not a header\r\n\r\n"[..],
            b"WARC/1.0\r\nWARC-Type: response\r\n\r\nbody without length",
            b"WARC/1.0\r\nContent-Length: lots\r\n\r\n",
            b"WARC/1.0 and more\r\n",
            b"WARC/1.0\r\nContent-Length: 3\r\n\r\nabc\r\n\r\nnot a record\r\n",
        ] {
            let outcomes = read(garbage.to_vec(), 1 << 20);
            let last = outcomes.last().and_then(|o| o.as_ref().err());
            assert!(
                matches!(last, Some(Error::MalformedWarc { .. })),
                "{:?}: {outcomes:?}",
                String::from_utf8_lossy(garbage)
            );
        }
    }

    #[test]
    fn a_bad_http_response_skips_only_its_record() {
        let mut warc = response("https://x.test/a", "not http at all", b"x");
        warc.extend(response(
            "https://x.test/b",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked",
            b"zz\r\n",
        ));
        warc.extend(response("https://x.test/c", "HTTP/1.1 200 OK", page("No type").as_bytes()));
        let outcomes = read(warc, 1 << 20);
        assert_eq!(outcomes.len(), 3);
        assert!(matches!(&outcomes[0], Err(Error::MalformedHttp { .. })));
        assert!(matches!(&outcomes[1], Err(Error::MalformedHttp { .. })));
        assert!(outcomes[2].is_ok(), "an HTML body without a content type is sniffed: {:?}", outcomes[2]);
    }
}
