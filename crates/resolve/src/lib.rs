//! Events across documents: event mentions grouped into one record per
//! real-world event, every fact with the claims it was read from.
//!
//! This first resolver groups mentions by (type, date, place); ids derive
//! from that key, so reruns and reordered input give the same events.
//!
//! ```
//! use sitrep_model::*;
//!
//! let text = "Rockets hit Camp Taji on Wednesday.";
//! let mention = EventMention {
//!     span: Span::new(0, 11), text: "Rockets hit".into(),
//!     event_type: EventType::ExplosionsRemoteViolence,
//!     sub_type: "Shelling/artillery/missile attack".into(), sentence: 0,
//!     date: Some("2020-03-11".parse()?), place: Some("Camp Taji".into()),
//! };
//! let doc = Document {
//!     id: DocId("d".into()), path: "d".into(), title: None, published: None, outlet: None,
//!     author: None, language: None, text: text.into(), offsets: OffsetMap::identity(text.len()),
//!     dropped: vec![], warnings: vec![],
//!     annotations: Some(Annotations { sentences: vec![Sentence { span: Span::new(0, text.len()), paragraph: 0 }],
//!                                     mentions: vec![mention], ..Annotations::default() }),
//! };
//! let events = sitrep_resolve::resolve(&[doc]);
//! assert_eq!(events.len(), 1);
//! assert_eq!(events[0].facts.date.as_ref().and_then(|f| f.best).map(|d| d.to_string()).as_deref(), Some("2020-03-11"));
//! # Ok::<(), DateValueError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use sitrep_model::{
    Claim, DateValue, DocId, Document, Event, EventId, EventMention, EventType, Fact, Facts, Location, MentionRef,
    Outcome, Span, Status,
};

/// What identifies an event in this resolver.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    event_type: EventType,
    date: Option<DateValue>,
    /// Place name folded to lower-case letters and digits.
    place: String,
}

/// One mention with the document it stands in.
struct Found<'a> {
    doc: &'a Document,
    mention: &'a EventMention,
    sentence: Span,
}

/// Group the event mentions of all documents into events.
pub fn resolve(docs: &[Document]) -> Vec<Event> {
    let mut groups: BTreeMap<Key, Vec<Found<'_>>> = BTreeMap::new();
    for doc in docs {
        let Some(ann) = &doc.annotations else { continue };
        for m in &ann.mentions {
            let key =
                Key { event_type: m.event_type, date: m.date, place: m.place.as_deref().map(fold).unwrap_or_default() };
            let sentence = ann.sentences.get(m.sentence).map_or(m.span, |s| s.span);
            groups.entry(key).or_default().push(Found { doc, mention: m, sentence });
        }
    }
    groups.into_iter().map(|(key, found)| event(&key, found)).collect()
}

fn event(key: &Key, mut found: Vec<Found<'_>>) -> Event {
    found.sort_by(|a, b| (&a.doc.id, a.mention.span).cmp(&(&b.doc.id, b.mention.span)));
    let id = EventId::from_key([
        key.event_type.as_str().as_bytes(),
        key.date.map(|d| d.to_string()).unwrap_or_default().as_bytes(),
        key.place.as_bytes(),
    ]);
    let sources: Vec<DocId> = found.iter().map(|f| f.doc.id.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let mentions = found
        .iter()
        .map(|f| MentionRef {
            doc: f.doc.id.clone(),
            start: f.mention.span.start,
            end: f.mention.span.end,
            text: f.mention.text.clone(),
        })
        .collect();
    let date = fact(&found, |m| m.date);
    let location = fact_of(&found, |f| {
        let name = f.mention.place.as_ref()?;
        // The coordinates of the place the document's places layer resolved.
        let resolved = f.doc.annotations.as_ref().and_then(|a| a.places.iter().find(|p| &p.name == name));
        Some(Location {
            name: name.clone(),
            country: resolved.map(|p| p.country.clone()),
            lat: resolved.map(|p| p.lat),
            lon: resolved.map(|p| p.lon),
        })
    });
    let killed = count_fact(&found, Outcome::Killed);
    let injured = count_fact(&found, Outcome::Injured);
    Event {
        id,
        event_type: key.event_type,
        sub_type: most_common(found.iter().map(|f| f.mention.sub_type.as_str())),
        sources,
        mentions,
        facts: Facts { date: Some(date), location: Some(location), killed, injured, ..Facts::default() },
        related: Vec::new(),
    }
}

/// The killed (or injured) of an event: one claim per mention whose
/// sentence states such a count (the whole, not a part of it), with the
/// speaker of that sentence; reconciled by [`reconcile`]. Absent when no
/// mention states one.
fn count_fact(found: &[Found<'_>], outcome: Outcome) -> Option<Fact<u64>> {
    let mut claims: Vec<Claim<u64>> = Vec::new();
    for f in found {
        let Some(ann) = &f.doc.annotations else { continue };
        let Some(q) = ann
            .quantities
            .iter()
            .find(|q| q.sentence == f.mention.sentence && q.outcome == Some(outcome) && q.part_of.is_none())
        else {
            continue;
        };
        let Some(value) = q.value.or(q.low) else { continue };
        let speaker = ann.speakers.iter().find(|s| s.sentence == q.sentence).map(|s| s.text.clone());
        // One mention, one sentence: a second mention in it adds nothing.
        if claims.iter().any(|c| c.doc == f.doc.id && c.start == f.sentence.start) {
            continue;
        }
        claims.push(Claim {
            doc: f.doc.id.clone(),
            value,
            low: q.low,
            high: q.high,
            qualifier: q.qualifier.clone(),
            speaker,
            quote: f.sentence.slice(&f.doc.text).unwrap_or_default().to_string(),
            start: f.sentence.start,
            end: f.sentence.end,
        });
    }
    (!claims.is_empty()).then(|| reconcile(claims))
}

/// Counts reconciled as intervals. Claims that can all be true at once
/// ("more than 100" and "at least 110") agree: the fact's bounds are what
/// they allow together, and its best value the one exact value they share,
/// else the least they allow. Claims that cannot ("12" and "14", both
/// exact) conflict: the bounds span them, and the best value is the one
/// most sources state, if one does.
fn reconcile(claims: Vec<Claim<u64>>) -> Fact<u64> {
    let bounds = |c: &Claim<u64>| (c.low.unwrap_or(c.value), c.high);
    let low = claims.iter().map(|c| bounds(c).0).max().unwrap_or(0);
    let high = claims.iter().filter_map(|c| bounds(c).1).min();
    let docs: BTreeSet<&DocId> = claims.iter().map(|c| &c.doc).collect();
    if high.is_none_or(|h| low <= h) {
        let status = if docs.len() > 1 { Status::Agreed } else { Status::SingleSource };
        return Fact { status, best: Some(low), low: Some(low), high, claims };
    }
    let low = claims.iter().map(|c| bounds(c).0).min();
    let high = claims.iter().map(|c| bounds(c).1.unwrap_or(c.value)).max();
    // The exact value the most documents state, when one leads.
    let mut support: BTreeMap<u64, BTreeSet<&DocId>> = BTreeMap::new();
    for c in claims.iter().filter(|c| c.low == c.high) {
        support.entry(c.value).or_default().insert(&c.doc);
    }
    let most = support.values().map(BTreeSet::len).max().unwrap_or(0);
    let leaders: Vec<u64> = support.iter().filter(|(_, d)| d.len() == most).map(|(v, _)| *v).collect();
    let best = (leaders.len() == 1).then(|| leaders[0]);
    Fact { status: Status::Conflicting, best, low, high, claims }
}

/// A fact from the value each mention gives (if any): one claim per mention.
fn fact<T: Clone + PartialEq>(found: &[Found<'_>], value: impl Fn(&EventMention) -> Option<T>) -> Fact<T> {
    fact_of(found, |f| value(f.mention))
}

/// [`fact`], from what each mention and its document give.
fn fact_of<T: Clone + PartialEq>(found: &[Found<'_>], value: impl Fn(&Found<'_>) -> Option<T>) -> Fact<T> {
    let claims: Vec<Claim<T>> = found
        .iter()
        .filter_map(|f| {
            let v = value(f)?;
            Some(Claim {
                doc: f.doc.id.clone(),
                value: v,
                low: None,
                high: None,
                qualifier: None,
                speaker: None,
                quote: f.sentence.slice(&f.doc.text).unwrap_or_default().to_string(),
                start: f.sentence.start,
                end: f.sentence.end,
            })
        })
        .collect();
    let docs: BTreeSet<&DocId> = claims.iter().map(|c| &c.doc).collect();
    let agree = claims.windows(2).all(|w| w[0].value == w[1].value);
    let status = match (claims.is_empty(), agree, docs.len()) {
        (true, _, _) => Status::Unknown,
        (false, false, _) => Status::Conflicting,
        (false, true, 1) => Status::SingleSource,
        (false, true, _) => Status::Agreed,
    };
    Fact {
        status,
        best: if agree { claims.first().map(|c| c.value.clone()) } else { None },
        low: None,
        high: None,
        claims,
    }
}

fn most_common<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    // Highest count; ties go to the first in name order (BTreeMap order).
    let mut best: Option<(&str, usize)> = None;
    for (k, n) in counts {
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((k, n));
        }
    }
    best.map(|(k, _)| k.to_string()).unwrap_or_default()
}

fn fold(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(doc: &str, value: u64, low: Option<u64>, high: Option<u64>) -> Claim<u64> {
        Claim {
            doc: DocId(doc.into()),
            value,
            low,
            high,
            qualifier: None,
            speaker: None,
            quote: String::new(),
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn exact_counts_that_differ_conflict() {
        let f = reconcile(vec![claim("a", 12, Some(12), Some(12)), claim("b", 14, Some(14), Some(14))]);
        assert_eq!((f.status, f.low, f.high, f.best), (Status::Conflicting, Some(12), Some(14), None));
        let f = reconcile(vec![
            claim("a", 12, Some(12), Some(12)),
            claim("b", 14, Some(14), Some(14)),
            claim("c", 14, Some(14), Some(14)),
        ]);
        assert_eq!(f.best, Some(14), "the value most sources state");
    }

    #[test]
    fn counts_that_can_all_be_true_agree() {
        // "more than 100" and "at least 110".
        let f = reconcile(vec![claim("a", 100, Some(101), None), claim("b", 110, Some(110), None)]);
        assert_eq!((f.status, f.low, f.high, f.best), (Status::Agreed, Some(110), None, Some(110)));
        let f = reconcile(vec![claim("a", 3, Some(3), Some(3))]);
        assert_eq!((f.status, f.best), (Status::SingleSource, Some(3)));
    }
}
