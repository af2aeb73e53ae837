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
    pub quantities: Vec<Quantity>,
    pub entities: Vec<Entity>,
    pub speakers: Vec<Speaker>,
    pub mentions: Vec<EventMention>,
    /// Places named in the text, resolved on a gazetteer.
    #[serde(default)]
    pub places: Vec<Place>,
    /// Event mentions of the document's headline (spans into the title).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_mentions: Vec<EventMention>,
    /// Where the event the document mainly reports happened, as its text,
    /// dateline and headline tell (a headline's place has its span in the
    /// title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_place: Option<Place>,
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
#[serde(from = "TimeExprWire")]
pub struct TimeExpr {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TIMEX3 value: "2020-03-11", "2020-03", "P2D", "2020-W11".
    pub value: String,
    /// The calendar date it denotes, for DATE expressions that have one
    /// and TIME expressions of a known day. Not written: read back from
    /// `value`.
    #[serde(skip)]
    pub date: Option<DateValue>,
}

/// A [`TimeExpr`] as written.
#[derive(Deserialize)]
struct TimeExprWire {
    #[serde(flatten)]
    span: Span,
    text: String,
    #[serde(rename = "type")]
    kind: TimeType,
    value: String,
}

impl From<TimeExprWire> for TimeExpr {
    fn from(w: TimeExprWire) -> TimeExpr {
        // "2020-03-11", "2020-03", "2020", "2020-03-11TEV": a calendar
        // date; "2020-W11", "PAST_REF", "P2D": none.
        let date = match w.kind {
            TimeType::Date | TimeType::Time => w.value.split('T').next().and_then(|d| d.parse().ok()),
            TimeType::Duration | TimeType::Set => None,
        };
        TimeExpr { span: w.span, text: w.text, kind: w.kind, value: w.value, date }
    }
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

/// What the text says happened to what a count counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    Killed,
    Injured,
    Missing,
    Arrested,
    Abducted,
}

/// A count with its hedge, attached to what it counts.
///
/// "more than 15 small rockets" is value 15, low 16, high none, qualifier
/// "more than", unit "rocket"; "between 15 and 30" is value none, low 15,
/// high 30; "14 ... troops were injured" has outcome `injured`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    /// The number as stated, when one is ("more than 15" → 15; "dozens" → none).
    pub value: Option<u64>,
    /// The range every reading of the statement allows.
    pub low: Option<u64>,
    pub high: Option<u64>,
    /// The hedge as written: "more than", "at least", "about", "between".
    pub qualifier: Option<String>,
    /// The counted noun, lemmatised: "troop", "rocket", "protester".
    pub unit: Option<String>,
    /// What the sentence says happened to them.
    pub outcome: Option<Outcome>,
    /// Index (in the same list) of the larger count this one is part of:
    /// "14 ... injured, including five who required urgent care".
    pub part_of: Option<usize>,
    /// What sets the part apart: "US", "GB", "seriously".
    pub detail: Option<String>,
    /// Index of the sentence it stands in.
    pub sentence: usize,
}

/// Kinds of named entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityKind {
    Person,
    Organization,
    ArmedGroup,
    /// A country, or a demonym standing for one ("American" → US).
    Country,
    Facility,
    Location,
}

/// A named entity, with one canonical name across spellings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    pub kind: EntityKind,
    /// One name for all spellings and transliterations ("Kataib Hezbollah").
    pub canonical: String,
    /// ISO 3166-1 alpha-2 of a country, demonym or a country-bound actor.
    pub country: Option<String>,
    /// Title or role written with a person ("Army Gen.", "U.S. Secretary of State").
    pub title: Option<String>,
    /// A person's age, written with the name ("Augustus Beachem, 26,",
    /// "25-year-old Laprida Shears"): the people an event happened to or
    /// who did it, rather than officials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u8>,
    pub sentence: usize,
}

/// Who the document says stated a sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// Where the speaker is named (may be in an earlier sentence, for
    /// reported speech that runs across a paragraph).
    #[serde(flatten)]
    pub span: Span,
    /// The speaker as written, with title: "Army Gen. Mark Milley".
    pub text: String,
    /// Index of the sentence attributed to this speaker.
    pub sentence: usize,
    /// Canonical name when the speaker is a known entity.
    pub canonical: Option<String>,
}

/// How fine a place is: the smallest unit that contains it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PlacePrecision {
    /// A base, an airport, a crossing, a camp: one site.
    Site,
    /// A city, town or village.
    Town,
    /// A district or county (second-level division).
    District,
    /// A province, state or governorate (first-level division).
    Province,
    Country,
}

impl PlacePrecision {
    /// A town or a site: where an event happened, not a region around it.
    pub fn is_local(self) -> bool {
        matches!(self, PlacePrecision::Site | PlacePrecision::Town)
    }
}

/// The [`Place::basis`] of the town of the outlet a headline credits ("…
/// - WMC Action News 5 - Memphis, Tennessee"): the headline is its source.
pub const CREDIT_BASIS: &str = "the town of the outlet the headline credits";

/// A place named in the text and the gazetteer entry it resolves to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    /// The gazetteer's name of the place.
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The first-level division (state, province, governorate), when known.
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub geonames_id: Option<u64>,
    /// The population the gazetteer gives (none when unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    pub precision: PlacePrecision,
    /// A relative description written with it: "27km north of Baghdad",
    /// "near the Syrian border".
    pub description: Option<String>,
    pub sentence: usize,
    /// How the place was found when the text does not name it (its span is
    /// empty): "the report's address", "where most of its outlet's reports
    /// happened", [`CREDIT_BASIS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}
