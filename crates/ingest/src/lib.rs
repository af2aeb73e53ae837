//! Readers: files, directories and standard input to [`RawDocument`]s.
//!
//! Formats are detected from content, not names:
//!
//! - plain-text reports;
//! - JSON Lines (one article per line), a JSON array of articles, or one
//!   JSON article;
//! - web pages (HTML): one document each, its article text and metadata
//!   read by `sitrep-html`;
//! - RSS 2.0, RSS 1.0 (RDF) and Atom feeds: a document per item that
//!   carries its article; an item with only a link is reported
//!   ([`Error::LinkOnly`]);
//! - WARC archives (`WARC/1.0`, `WARC/1.1`), such as Common Crawl's
//!   CC-NEWS: a document per HTTP 200 HTML response, read a record at a
//!   time; other records are reported ([`Error::SkippedRecord`]);
//! - gzip (one member or many) or zstd of any of these.
//!
//! Every input yields a stream of outcomes: a document, or an [`Error`]
//! that skips that document only.
//!
//! ```
//! use sitrep_ingest::{Input, Reader, ReaderConfig};
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::write(dir.path().join("a.jsonl"), "{\"id\":\"a1\",\"text\":\"Rockets hit.\"}\nnot json\n")?;
//! let outcomes: Vec<_> = Reader::new(vec![Input::Path(dir.path().into())], ReaderConfig::default()).collect();
//! assert_eq!(outcomes.len(), 2);
//! assert_eq!(outcomes[0].as_ref().map(|d| d.id.as_str()).ok(), Some("a1"));
//! assert!(outcomes[1].is_err());
//! # Ok::<(), std::io::Error>(())
//! ```

mod decode;
mod error;
mod feed;
mod http;
mod page;
mod record;
mod sniff;
mod warc;
mod zstd;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use sitrep_model::{DocId, RawDocument, SourceMeta};

pub use decode::decode;
pub use error::{Error, Result};
pub use sniff::{Format, SNIFF_LEN, sniff};
pub use warc::warc_record;

use crate::page::Transport;
use crate::warc::WarcRecords;
use crate::zstd::ZstdDecoder;

/// Where to read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory (walked recursively, in name order).
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// `-` is standard input; anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" { Input::Stdin } else { Input::Path(arg.into()) }
    }
}

/// Limits of the readers.
#[derive(Clone, Debug)]
pub struct ReaderConfig {
    /// The largest document (a text file, one JSON record, a web page, a
    /// feed, a WARC record) read, in bytes after decompression. Larger ones
    /// are skipped with [`Error::TooLarge`].
    pub max_bytes: u64,
}

impl Default for ReaderConfig {
    fn default() -> ReaderConfig {
        ReaderConfig { max_bytes: 16 << 20 }
    }
}

/// One document read, or why one was skipped.
pub type Outcome = Result<RawDocument>;

/// A stream of outcomes over all inputs, in order. Memory stays bounded by
/// the largest single document: JSON Lines files are read a line at a time,
/// WARC archives a record at a time.
pub struct Reader {
    config: ReaderConfig,
    pending: VecDeque<Input>,
    current: Option<Records>,
}

impl Reader {
    pub fn new(inputs: Vec<Input>, config: ReaderConfig) -> Reader {
        Reader { config, pending: inputs.into(), current: None }
    }

    /// Open the next input: expand a directory, or start reading a stream.
    fn open(&mut self, input: Input) -> Option<Outcome> {
        let (name, reader, size): (String, Box<dyn Read + Send>, Option<u64>) = match input {
            Input::Stdin => ("-".to_string(), Box::new(io::stdin()), None),
            Input::Path(path) => {
                if path.is_dir() {
                    return self.expand_dir(&path);
                }
                let file = match File::open(&path) {
                    Ok(f) => f,
                    Err(source) => return Some(Err(Error::Io { path, source })),
                };
                let size = file.metadata().ok().map(|m| m.len());
                (path.display().to_string(), Box::new(file), size)
            }
        };
        match classify(name, reader, size, &self.config, 0) {
            Ok(records) => {
                self.current = Some(records);
                None
            }
            Err(e) => Some(Err(e)),
        }
    }

    fn expand_dir(&mut self, dir: &Path) -> Option<Outcome> {
        let mut files = Vec::new();
        let mut first_error = None;
        let walk = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name();
        for entry in walk.into_iter().filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(Input::Path(e.into_path())),
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                    let source = e.into_io_error().unwrap_or_else(|| io::Error::other("filesystem loop"));
                    first_error.get_or_insert(Err(Error::Io { path, source }));
                }
            }
        }
        for f in files.into_iter().rev() {
            self.pending.push_front(f);
        }
        first_error
    }
}

impl Iterator for Reader {
    type Item = Outcome;

    fn next(&mut self) -> Option<Outcome> {
        loop {
            if let Some(records) = &mut self.current {
                match records.next() {
                    Some(outcome) => return Some(outcome),
                    None => self.current = None,
                }
            }
            let input = self.pending.pop_front()?;
            if let Some(outcome) = self.open(input) {
                return Some(outcome);
            }
        }
    }
}

/// Read the documents in `bytes`, as if they were a file named `name`.
/// Every outcome is returned; nothing panics, whatever the bytes.
pub fn read_bytes(name: &str, bytes: Vec<u8>, config: &ReaderConfig) -> Vec<Outcome> {
    let size = Some(bytes.len() as u64);
    match classify(name.to_string(), Box::new(Cursor::new(bytes)), size, config, 0) {
        Ok(records) => records.collect(),
        Err(e) => vec![Err(e)],
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

/// The documents of one opened stream.
enum Records {
    One(Option<Outcome>),
    Many(VecDeque<Outcome>),
    Lines(JsonLines),
    Warc(WarcRecords),
}

impl Iterator for Records {
    type Item = Outcome;

    fn next(&mut self) -> Option<Outcome> {
        match self {
            Records::One(o) => o.take(),
            Records::Many(q) => q.pop_front(),
            Records::Lines(lines) => lines.next(),
            Records::Warc(records) => records.next(),
        }
    }
}

/// How many layers of compression are undone (`.jsonl.gz.gz` is read,
/// `.gz.gz.gz` is not).
const MAX_COMPRESSION_DEPTH: u8 = 2;

/// Sniff a stream and set up the reading of its documents.
fn classify(
    name: String,
    mut reader: Box<dyn Read + Send>,
    size: Option<u64>,
    config: &ReaderConfig,
    depth: u8,
) -> Result<Records> {
    let mut head = Vec::with_capacity(SNIFF_LEN);
    if let Err(source) = (&mut reader).take(SNIFF_LEN as u64).read_to_end(&mut head) {
        return Err(io_error(&name, source));
    }
    let full_head = head.len() == SNIFF_LEN;
    let stream: Box<dyn Read + Send> = Box::new(Cursor::new(head.clone()).chain(reader));
    match sniff(&head) {
        Format::Gzip | Format::Zstd if depth >= MAX_COMPRESSION_DEPTH => {
            Err(Error::Unsupported { path: name, format: "compression nested more than twice" })
        }
        Format::Gzip => {
            let inner = Box::new(flate2::read::MultiGzDecoder::new(stream));
            classify(name, inner, None, config, depth + 1)
        }
        Format::Zstd => {
            let inner = Box::new(ZstdDecoder::new(BufReader::new(stream)));
            classify(name, inner, None, config, depth + 1)
        }
        Format::Html => {
            let bytes = read_limited(&name, stream, size, config.max_bytes)?;
            Ok(Records::One(Some(page::page_document(name, &bytes, Transport::default()))))
        }
        Format::Feed => {
            let bytes = read_limited(&name, stream, size, config.max_bytes)?;
            Ok(Records::Many(feed::documents(&name, &bytes)))
        }
        Format::Warc => Ok(Records::Warc(WarcRecords::new(name, stream, config.max_bytes))),
        Format::Xml => Err(Error::Unsupported { path: name, format: "XML that is neither a feed nor a web page" }),
        Format::Binary(why) => Err(Error::Binary { path: name, why: why.to_string() }),
        Format::Empty if !full_head => Err(Error::Empty { path: name }),
        Format::Json if first_non_space(&head) == Some(b'[') || !first_line_complete(&head, full_head) => {
            // A JSON array, or one object spread over several lines.
            let bytes = read_limited(&name, stream, size, config.max_bytes)?;
            Ok(Records::Many(json_document(&name, &bytes)))
        }
        Format::Json => Ok(Records::Lines(JsonLines {
            name,
            reader: BufReader::with_capacity(1 << 16, stream),
            line: 0,
            max_bytes: config.max_bytes,
            buf: Vec::new(),
        })),
        Format::Text | Format::Empty => {
            let bytes = read_limited(&name, stream, size, config.max_bytes)?;
            Ok(Records::One(Some(text_document(name, &bytes))))
        }
    }
}

fn first_non_space(head: &[u8]) -> Option<u8> {
    head.iter().copied().find(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
}

pub(crate) fn io_error(name: &str, source: io::Error) -> Error {
    Error::Io { path: PathBuf::from(name), source }
}

/// Read a whole stream, refusing more than `limit` bytes.
pub(crate) fn read_limited(name: &str, stream: impl Read, size: Option<u64>, limit: u64) -> Result<Vec<u8>> {
    if let Some(size) = size.filter(|&s| s > limit) {
        return Err(Error::TooLarge { path: name.to_string(), size, limit });
    }
    let mut bytes = Vec::new();
    let mut limited = stream.take(limit + 1);
    limited.read_to_end(&mut bytes).map_err(|e| io_error(name, e))?;
    if bytes.len() as u64 > limit {
        // Count the rest without keeping it, to report the true size.
        let rest = io::copy(&mut limited.into_inner(), &mut io::sink()).unwrap_or(0);
        return Err(Error::TooLarge { path: name.to_string(), size: bytes.len() as u64 + rest, limit });
    }
    Ok(bytes)
}

fn text_document(name: String, bytes: &[u8]) -> Outcome {
    let decoded = decode(bytes);
    if decoded.text.trim().is_empty() {
        return Err(Error::Empty { path: name });
    }
    Ok(RawDocument {
        id: DocId::from_content(bytes),
        path: name,
        text: decoded.text,
        meta: SourceMeta::default(),
        warnings: decoded.warning.into_iter().collect(),
    })
}

/// Whether the first non-blank line of `head` is a whole JSON value (JSON
/// Lines) rather than the start of one spread over several lines. A line
/// longer than the head is taken to be JSON Lines.
fn first_line_complete(head: &[u8], full_head: bool) -> bool {
    let Some(line) = head.split(|&b| b == b'\n').find(|l| !l.iter().all(u8::is_ascii_whitespace)) else {
        return true;
    };
    let line_ends = line.len() < head.len() || !full_head;
    match serde_json::from_slice::<serde::de::IgnoredAny>(line) {
        Ok(_) => true,
        Err(e) => !(e.is_eof() && line_ends),
    }
}

/// A whole JSON document: an array of records, or a single record.
fn json_document(name: &str, bytes: &[u8]) -> VecDeque<Outcome> {
    let (text, warning) = decode::decode_utf8_lossy(bytes);
    let items = match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Array(items)) => Ok(items),
        Ok(v) => Ok(vec![v]),
        Err(e) => Err(e),
    };
    match items {
        Ok(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let raw = serde_json::to_vec(&v).unwrap_or_default();
                record::to_document(v, format!("{name}#{}", i + 1), &raw, warning.clone().into_iter().collect())
            })
            .collect(),
        Err(e) => VecDeque::from([Err(Error::NotJson { path: name.to_string(), message: e.to_string() })]),
    }
}

/// JSON Lines, read one line at a time with a cap on the line's length.
struct JsonLines {
    name: String,
    reader: BufReader<Box<dyn Read + Send>>,
    line: usize,
    max_bytes: u64,
    buf: Vec<u8>,
}

enum Line {
    Eof,
    Ok,
    TooLong(u64),
}

impl JsonLines {
    /// Read the next line into `buf` (without its newline), or skip past it
    /// when it is longer than the cap.
    fn read_line(&mut self) -> io::Result<Line> {
        self.buf.clear();
        let mut total: u64 = 0;
        let mut too_long = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(match (total, too_long) {
                    (0, _) => Line::Eof,
                    (n, true) => Line::TooLong(n),
                    _ => Line::Ok,
                });
            }
            let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            total += take as u64 + u64::from(done);
            if !too_long {
                if (self.buf.len() + take) as u64 > self.max_bytes {
                    too_long = true;
                    self.buf.clear();
                } else {
                    self.buf.extend_from_slice(&chunk[..take]);
                }
            }
            self.reader.consume(take + usize::from(done));
            if done {
                return Ok(if too_long { Line::TooLong(total) } else { Line::Ok });
            }
        }
    }
}

impl Iterator for JsonLines {
    type Item = Outcome;

    fn next(&mut self) -> Option<Outcome> {
        loop {
            let read = self.read_line();
            self.line += 1;
            let path = format!("{}:{}", self.name, self.line);
            match read {
                Err(source) => {
                    // A broken stream (truncated gzip, I/O error) ends this input.
                    self.buf.clear();
                    let outcome = Err(io_error(&path, source));
                    self.max_bytes = 0;
                    self.reader = BufReader::new(Box::new(io::empty()));
                    return Some(outcome);
                }
                Ok(Line::Eof) => return None,
                Ok(Line::TooLong(size)) => {
                    return Some(Err(Error::TooLarge { path, size, limit: self.max_bytes }));
                }
                Ok(Line::Ok) => {}
            }
            let bytes = std::mem::take(&mut self.buf);
            if bytes.iter().all(u8::is_ascii_whitespace) {
                self.buf = bytes;
                continue;
            }
            let (text, warning) = decode::decode_utf8_lossy(&bytes);
            let outcome = match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(v) => record::to_document(v, path, &bytes, warning.into_iter().collect()),
                Err(e) => Err(Error::NotJson { path, message: e.to_string() }),
            };
            self.buf = bytes;
            return Some(outcome);
        }
    }
}
