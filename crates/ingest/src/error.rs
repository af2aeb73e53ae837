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
            Error::Unsupported { .. } => "unsupported format",
            Error::Io { .. } => "unreadable",
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
