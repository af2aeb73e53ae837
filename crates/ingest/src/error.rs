use std::path::PathBuf;

/// Why a document (a file, a record of a file) could not be read. Each one
/// skips that document only; the batch goes on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{path}: empty")]
    Empty { path: String },
    #[error("{path}: binary content ({why}), not a text report")]
    Binary { path: String, why: String },
    #[error("{path}: too large ({size} bytes; the limit is {limit}, see --max-bytes)")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: not a JSON object: {message}")]
    NotJson { path: String, message: String },
    #[error("{path}: record has no text (looked for {fields})")]
    NoText { path: String, fields: &'static str },
    /// A web page in which the extractor found no article text.
    #[error("{path}: web page has no article text")]
    NoArticle { path: String },
    /// A stream that looked like an RSS or Atom feed but could not be parsed.
    #[error("{path}: not a readable RSS or Atom feed: {message}")]
    MalformedFeed { path: String, message: String },
    /// A feed item that only points to its article (a link, a teaser): it
    /// is listed so that a run says what it did not read.
    #[error("{path}: feed item has no article text, only a link: {}", url.as_deref().unwrap_or("(none)"))]
    LinkOnly { path: String, url: Option<String> },
    /// A WARC record that holds no web page to read: a request, crawl
    /// metadata, a response that failed or is not HTML.
    #[error("{path}: {why}, not a web page")]
    SkippedRecord { path: String, why: String },
    /// A WARC file that cannot be read on from this point: the records
    /// before it were read, the rest of the input is not.
    #[error("{path}: malformed WARC, the rest of the file is not read: {message}")]
    MalformedWarc { path: String, message: String },
    /// An HTTP response in a WARC record whose body cannot be decoded.
    #[error("{path}: malformed HTTP response: {message}")]
    MalformedHttp { path: String, message: String },
    #[error("{path}: {format} is not read yet")]
    Unsupported { path: String, format: &'static str },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// A short, stable name of the kind of failure, for summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Empty { .. } => "empty",
            Error::Binary { .. } => "binary",
            Error::TooLarge { .. } => "too large",
            Error::NotJson { .. } => "not JSON",
            Error::NoText { .. } => "no text",
            Error::NoArticle { .. } => "web page without article text",
            Error::MalformedFeed { .. } => "malformed feed",
            Error::LinkOnly { .. } => "feed item without text (link only)",
            Error::SkippedRecord { .. } => "WARC record not an HTML response",
            Error::MalformedWarc { .. } => "malformed WARC",
            Error::MalformedHttp { .. } => "malformed HTTP response",
            Error::Unsupported { .. } => "unsupported format",
            Error::Io { .. } => "unreadable",
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
