//! Stable identifiers derived from content.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Hex digest (16 hex digits, 64 bits) of the given parts, each length-prefixed
/// so that `["ab", "c"]` and `["a", "bc"]` differ.
pub fn content_hash<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    let digest = h.finalize();
    let mut out = String::with_capacity(16);
    for b in &digest[..8] {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The id of a document: its record's own id where it has one, else a hash
/// of its bytes. The same input gives the same id on every run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl DocId {
    /// The id of a document read from these bytes.
    pub fn from_content(bytes: &[u8]) -> DocId {
        DocId(format!("doc-{}", content_hash([bytes])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The id of an event, derived from what identifies it (type, date, place),
/// so that reruns and reordered input give the same ids.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub String);

impl EventId {
    pub fn from_key<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> EventId {
        EventId(format!("ev-{}", content_hash(parts)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_length_prefixed() {
        assert_eq!(content_hash([b"abc".as_slice()]), content_hash([b"abc".as_slice()]));
        assert_ne!(
            content_hash([b"ab".as_slice(), b"c".as_slice()]),
            content_hash([b"a".as_slice(), b"bc".as_slice()])
        );
        assert_eq!(content_hash([b"x".as_slice()]).len(), 16);
    }
}
