//! sitrep's embedded store: the documents read and the events resolved
//! from them, in one SQLite file (`sitrep.db` in the store's directory)
//! with FTS5 full-text indexes.
//!
//! Ingest is incremental and crash-safe:
//!
//! 1. [`Store::add_documents`] writes a batch of processed documents in one
//!    transaction. A document whose content was stored before is a no-op;
//!    a near-copy of a stored one (MinHash, [`nearcopy`]) is kept as a copy
//!    of it, which gives no evidence of its own; a document whose id is
//!    stored with other content replaces it (an updated article).
//! 2. [`Store::update_events`] resolves the events of all the original
//!    documents again, in one transaction, and records what changed. An
//!    event keeps its id while it keeps its mentions, and each change is a
//!    revision naming the documents that brought it.
//!
//! A process killed at any point leaves the store as of its last commit;
//! the documents not yet resolved are marked, so the next run resolves
//! them and ends in the store that one uninterrupted run gives.
//!
//! ```
//! use sitrep_store::{EventQuery, Store};
//!
//! let dir = tempfile::tempdir()?;
//! let mut store = Store::open(dir.path())?;
//! let added = store.add_documents(&[], jiff::Timestamp::UNIX_EPOCH)?;
//! assert_eq!(added.new, 0);
//! assert!(store.events(&EventQuery::default())?.events.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod events;
pub mod nearcopy;
mod query;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use sitrep_model::{Document, content_hash};

use crate::nearcopy::Signature;

pub use events::Updated;
pub use query::{
    DocumentSummary, EventDetail, EventPage, EventQuery, EventSummary, QueryError, Revision, StoredDocument,
};

/// The store's file in its directory.
pub const FILE: &str = "sitrep.db";
/// The schema this build writes and reads.
const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("{path}: {source}")]
    Directory { path: PathBuf, source: std::io::Error },
    #[error("{path}: no store here (sitrep ingest makes one)")]
    Missing { path: PathBuf },
    #[error("{path}: a store of schema {found}; this sitrep reads schema {SCHEMA_VERSION}")]
    Schema { path: PathBuf, found: String },
    #[error("the store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the store holds an unreadable record ({what}): {source}")]
    Corrupt { what: String, source: serde_json::Error },
    #[error(transparent)]
    Query(#[from] QueryError),
}

pub type Result<T> = std::result::Result<T, Error>;

/// The store of one directory.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What [`Store::add_documents`] did with a batch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Added {
    /// Documents stored for the first time.
    pub new: usize,
    /// Of the new ones, near-copies of a stored document.
    pub copies: usize,
    /// Documents whose id was stored with other content, now replaced.
    pub updated: usize,
    /// Documents whose content was stored already: nothing done.
    pub unchanged: usize,
}

impl Added {
    pub fn merge(&mut self, other: &Added) {
        self.new += other.new;
        self.copies += other.copies;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }
}

/// How much the store holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub documents: u64,
    pub copies: u64,
    pub events: u64,
    pub revisions: u64,
}

impl Store {
    /// Open the store in `dir`, making the directory and the store when
    /// they do not exist.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Directory { path: dir.into(), source })?;
        let path = dir.join(FILE);
        let conn = Connection::open(&path).map_err(|source| Error::Open { path: path.clone(), source })?;
        let store = Store { conn, path };
        store.configure()?;
        store.conn.execute_batch(include_str!("schema.sql"))?;
        store.check_schema(true)?;
        Ok(store)
    }

    /// Open the store in `dir` to read it; it must exist.
    pub fn open_read_only(dir: &Path) -> Result<Store> {
        let path = dir.join(FILE);
        if !path.is_file() {
            return Err(Error::Missing { path: dir.into() });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn =
            Connection::open_with_flags(&path, flags).map_err(|source| Error::Open { path: path.clone(), source })?;
        let store = Store { conn, path };
        store.conn.busy_timeout(Duration::from_secs(10))?;
        store.check_schema(false)?;
        Ok(store)
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(10))?;
        // A write-ahead log: readers (the server) go on while a writer
        // ingests, and a commit is durable against a killed process.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(())
    }

    fn check_schema(&self, write: bool) -> Result<()> {
        let found: Option<String> =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| r.get(0)).optional()?;
        match found {
            Some(v) if v == SCHEMA_VERSION.to_string() => Ok(()),
            None if write => {
                self.conn
                    .execute("INSERT INTO meta (key, value) VALUES ('schema', ?1)", [SCHEMA_VERSION.to_string()])?;
                Ok(())
            }
            other => Err(Error::Schema { path: self.path.clone(), found: other.unwrap_or_else(|| "none".into()) }),
        }
    }

    /// Store a batch of processed documents in one transaction (see the
    /// crate documentation for what is done with each).
    pub fn add_documents(&mut self, docs: &[Document], at: jiff::Timestamp) -> Result<Added> {
        let tx = self.conn.transaction()?;
        let mut added = Added::default();
        let at = at.to_string();
        for doc in docs {
            let hash = document_hash(doc);
            let same: Option<String> =
                tx.query_row("SELECT id FROM documents WHERE content_hash = ?1", [&hash], |r| r.get(0)).optional()?;
            if same.is_some() {
                added.unchanged += 1;
                continue;
            }
            let replaced: Option<(i64, Option<String>, String)> = tx
                .query_row("SELECT seq, title, text FROM documents WHERE id = ?1", [doc.id.as_str()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            if let Some((seq, title, text)) = &replaced {
                tx.execute(
                    "INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', ?1, ?2, ?3)",
                    params![seq, title, text],
                )?;
                tx.execute("DELETE FROM copy_bands WHERE seq = ?1", [seq])?;
                tx.execute("DELETE FROM documents WHERE seq = ?1", [seq])?;
                added.updated += 1;
            } else {
                added.new += 1;
            }
            let signature = Signature::of(&doc.text);
            let copy_of = match &signature {
                Some(s) => original_of(&tx, s)?,
                None => None,
            };
            added.copies += usize::from(copy_of.is_some() && replaced.is_none());
            let body =
                serde_json::to_string(doc).map_err(|source| Error::Corrupt { what: doc.id.0.clone(), source })?;
            tx.execute(
                "INSERT INTO documents (seq, id, content_hash, signature, copy_of, path, url, title, outlet, published,
                                        language, text, body, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    replaced.as_ref().map(|r| r.0),
                    doc.id.as_str(),
                    hash,
                    signature.as_ref().map(Signature::to_bytes),
                    copy_of,
                    doc.path,
                    doc.url,
                    doc.title,
                    doc.outlet,
                    doc.published.map(|d| d.to_string()),
                    doc.language,
                    doc.text,
                    body,
                    at,
                ],
            )?;
            let seq = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
                params![seq, doc.title, doc.text],
            )?;
            for key in signature.iter().flat_map(Signature::bands) {
                tx.execute("INSERT OR IGNORE INTO copy_bands (key, seq) VALUES (?1, ?2)", params![key, seq])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Resolve the events of all original documents again and record what
    /// changed; nothing is done when no document awaits resolution.
    pub fn update_events(&mut self, at: jiff::Timestamp) -> Result<Updated> {
        events::update(&mut self.conn, at)
    }

    /// The bytes the store takes on disk: its file, log and index.
    pub fn disk_bytes(&self) -> u64 {
        let Some(dir) = self.path.parent() else { return 0 };
        let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
        entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(FILE))
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum()
    }

    /// How many documents, copies, live events and revisions are stored.
    pub fn counts(&self) -> Result<Counts> {
        let count = |sql: &str| -> Result<u64> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        Ok(Counts {
            documents: count("SELECT count(*) FROM documents")?,
            copies: count("SELECT count(*) FROM documents WHERE copy_of IS NOT NULL")?,
            events: count("SELECT count(*) FROM events WHERE status = 'live'")?,
            revisions: count("SELECT count(*) FROM revisions")?,
        })
    }
}

/// What makes two documents the same report: outlet, address, headline and
/// text. The same file read twice, or under another name, is the same.
fn document_hash(doc: &Document) -> String {
    let field = |f: &Option<String>| f.as_deref().unwrap_or("").as_bytes().to_vec();
    let (outlet, url, title) = (field(&doc.outlet), field(&doc.url), field(&doc.title));
    content_hash([&outlet[..], &url[..], &title[..], doc.text.as_bytes()])
}

/// The original of a stored document that a text of this signature is a
/// near-copy of: the earliest such document, or the one it copies.
fn original_of(conn: &Connection, signature: &Signature) -> Result<Option<String>> {
    let mut candidates = conn.prepare_cached(
        "SELECT d.seq, d.signature, coalesce(d.copy_of, d.id) FROM copy_bands b JOIN documents d ON d.seq = b.seq
         WHERE b.key = ?1",
    )?;
    let mut best: Option<(i64, String)> = None;
    for key in signature.bands() {
        let rows = candidates
            .query_map([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, String>(2)?)))?;
        for row in rows {
            let (seq, other, original) = row?;
            let copy = Signature::from_bytes(&other).is_some_and(|o| o.is_copy(signature));
            if copy && best.as_ref().is_none_or(|(s, _)| seq < *s) {
                best = Some((seq, original));
            }
        }
    }
    Ok(best.map(|(_, id)| id))
}
