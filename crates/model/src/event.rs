//! Events: one record per real-world event, every fact with its claims.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{DateValue, DocId, EventId};

/// ACLED's six event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum EventType {
    #[serde(rename = "Battles")]
    Battles,
    #[serde(rename = "Explosions/Remote violence")]
    ExplosionsRemoteViolence,
    #[serde(rename = "Violence against civilians")]
    ViolenceAgainstCivilians,
    #[serde(rename = "Protests")]
    Protests,
    #[serde(rename = "Riots")]
    Riots,
    #[serde(rename = "Strategic developments")]
    StrategicDevelopments,
}

impl EventType {
    pub const ALL: [EventType; 6] = [
        EventType::Battles,
        EventType::ExplosionsRemoteViolence,
        EventType::ViolenceAgainstCivilians,
        EventType::Protests,
        EventType::Riots,
        EventType::StrategicDevelopments,
    ];

    /// ACLED's name of the type.
    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Battles => "Battles",
            EventType::ExplosionsRemoteViolence => "Explosions/Remote violence",
            EventType::ViolenceAgainstCivilians => "Violence against civilians",
            EventType::Protests => "Protests",
            EventType::Riots => "Riots",
            EventType::StrategicDevelopments => "Strategic developments",
        }
    }

    /// Political violence: battles, explosions and remote violence, and
    /// violence against civilians (not protests, riots or strategic
    /// developments).
    pub fn is_violent(self) -> bool {
        matches!(self, EventType::Battles | EventType::ExplosionsRemoteViolence | EventType::ViolenceAgainstCivilians)
    }

    /// The type from ACLED's name, or from a short key used in data files
    /// (`battles`, `explosions`, `violence_against_civilians`, `protests`,
    /// `riots`, `strategic`).
    pub fn parse(s: &str) -> Option<EventType> {
        let key = s.trim().to_ascii_lowercase();
        EventType::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(&key)).or(match key.as_str() {
            "battles" | "battle" => Some(EventType::Battles),
            "explosions" | "remote_violence" => Some(EventType::ExplosionsRemoteViolence),
            "violence_against_civilians" | "vac" => Some(EventType::ViolenceAgainstCivilians),
            "protests" | "protest" => Some(EventType::Protests),
            "riots" | "riot" => Some(EventType::Riots),
            "strategic" | "strategic_developments" => Some(EventType::StrategicDevelopments),
            _ => None,
        })
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the claims of one fact relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// Several documents, and all claims can be true at once.
    Agreed,
    /// Claims that cannot all be true.
    Conflicting,
    /// Claims from one document only.
    SingleSource,
    /// No claim at all.
    Unknown,
}

/// A place as an event's location fact gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// One statement of a fact, by one document (and maybe one speaker in it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim<T> {
    pub doc: DocId,
    pub value: T,
    pub low: Option<u64>,
    pub high: Option<u64>,
    pub qualifier: Option<String>,
    pub speaker: Option<String>,
    /// The sentence the claim was read from.
    pub quote: String,
    /// Byte offsets of `quote` in the document's text.
    pub start: usize,
    pub end: usize,
}

/// A fact of an event: every claim, and the reconciled view beside them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact<T> {
    pub status: Status,
    pub best: Option<T>,
    pub low: Option<u64>,
    pub high: Option<u64>,
    pub claims: Vec<Claim<T>>,
}

/// The facts of an event; a fact nobody stated is absent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Fact<DateValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Fact<Location>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub killed: Option<Fact<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injured: Option<Fact<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub perpetrator: Option<Fact<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Fact<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weapon: Option<Fact<String>>,
}

/// Where an event is mentioned: byte offsets into a document's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRef {
    pub doc: DocId,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A typed link to another event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub event: EventId,
    pub relation: String,
}

/// One real-world event, fused from every document that reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub sub_type: String,
    pub sources: Vec<DocId>,
    pub mentions: Vec<MentionRef>,
    pub facts: Facts,
    pub related: Vec<Related>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_types_serialise_as_acled_names() {
        for t in EventType::ALL {
            let json = serde_json::to_string(&t).expect("serialises");
            assert_eq!(json, format!("\"{}\"", t.as_str()));
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
        assert_eq!(EventType::parse("explosions"), Some(EventType::ExplosionsRemoteViolence));
        assert_eq!(EventType::parse("nonsense"), None);
    }
}
