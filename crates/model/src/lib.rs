//! The data types of sitrep, shared by every stage. No I/O.
//!
//! A report flows as [`RawDocument`] (read) → [`Document`] (cleaned, with an
//! [`OffsetMap`] back to the raw text, then [`Annotations`]) → [`Event`]
//! (fused across documents, every [`Fact`] keeping all its [`Claim`]s).
//!
//! ```
//! use sitrep_model::{Span, TextBuilder};
//!
//! let raw = "Title\n\n  Rockets   struck the base.";
//! let mut b = TextBuilder::new();
//! b.push_copied("Rockets", 9);
//! b.push_inserted(" ");
//! b.push_copied("struck the base.", 19);
//! let (text, map) = b.finish();
//! assert_eq!(text, "Rockets struck the base.");
//! let word = Span::new(8, 14); // "struck" in the cleaned text
//! let in_raw = map.span_to_source(word);
//! assert_eq!(in_raw.slice(raw), Some("struck"));
//! ```

mod annotation;
mod date;
mod document;
mod event;
mod id;
mod span;

pub use annotation::{
    Annotations, CREDIT_BASIS, Entity, EntityKind, EventMention, Outcome, Place, PlacePrecision, Quantity, Sentence,
    Speaker, TimeExpr, TimeType,
};
pub use date::{DateValue, DateValueError, Precision};
pub use document::{Document, DropReason, Dropped, RawDocument, SourceMeta};
pub use event::{Claim, Event, EventType, Fact, Facts, Location, MentionRef, Related, Status};
pub use id::{DocId, EventId, content_hash};
pub use span::{OffsetMap, OffsetRun, Span, TextBuilder};
