//! Layers read from a document's text, each item with byte offsets into it.

use serde::{Deserialize, Serialize};

use crate::DateValue;
use crate::event::EventType;
use crate::span::{OffsetRun, Span};

/// All layers of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    pub sentences: Vec<Sentence>,
    pub times: Vec<TimeExpr>,
    pub mentions: Vec<EventMention>,
    /// The offset map of the cleaned text back to the raw report.
    #[serde(default)]
    pub offsets: Vec<OffsetRun>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    #[serde(flatten)]
    pub span: Span,
    /// Index of the paragraph the sentence stands in.
    pub paragraph: usize,
}

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

/// A time expression and its normalised value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TIMEX3 value: "2020-03-11", "2020-03", "P2D", "2020-W11".
    pub value: String,
    /// The calendar date it denotes, for DATE expressions that have one.
    #[serde(skip)]
    pub date: Option<DateValue>,
}

/// A sentence that reports a real-world event, with what it says of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    /// The trigger word or phrase ("rocket attack", "protesters were killed").
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub sub_type: String,
    /// Index into the document's sentences.
    pub sentence: usize,
    pub date: Option<DateValue>,
    /// The place the sentence puts the event in, as written.
    pub place: Option<String>,
}
