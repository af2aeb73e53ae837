//! Documents: what was read, cleaned, and annotated.

use serde::{Deserialize, Serialize};

use crate::DocId;
use crate::annotation::Annotations;
use crate::span::{OffsetMap, Span};

/// Metadata a reader found beside the text (JSONL fields, file names).
///
/// Values here are what the record said; the cleaner may fill what is
/// missing from the text itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMeta {
    pub id: Option<String>,
    pub title: Option<String>,
    /// The publication date as the record wrote it, not yet parsed.
    pub date: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
}

/// A report as read from its source, before cleaning.
#[derive(Clone, Debug)]
pub struct RawDocument {
    pub id: DocId,
    /// Where it was read from: a file path, `path:line` for JSONL, `-` for stdin.
    pub path: String,
    /// The report's text, decoded to UTF-8.
    pub text: String,
    pub meta: SourceMeta,
    /// Notes on how it was read (a legacy encoding, replaced bytes).
    pub warnings: Vec<String>,
}

/// Why a block of the raw report is not part of the article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DropReason {
    Title,
    Dateline,
    Byline,
    TagLine,
    Url,
    Boilerplate,
    Headline,
    Separator,
}

/// A block of the raw report left out of the article text, kept so that
/// nothing is silently lost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// Byte range in the raw report.
    #[serde(flatten)]
    pub span: Span,
    pub reason: DropReason,
}

/// A cleaned report: the unit every annotator and the resolver work on.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    pub path: String,
    pub title: Option<String>,
    pub published: Option<jiff::civil::Date>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// The web address the report was read from, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// ISO 639-1 code.
    pub language: Option<String>,
    /// The article body, boilerplate removed; paragraphs separated by a blank line.
    pub text: String,
    /// Maps byte offsets of `text` to byte offsets of the raw report.
    #[serde(skip)]
    pub offsets: OffsetMap,
    /// Blocks of the raw report that are not the story, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Annotations>,
}
