//! Events across documents: event mentions grouped into one record per
//! real-world event, every fact with the claims it was read from.
//!
//! Three steps, each in its module:
//! 1. [`frames`]: within each document, mentions grouped into frames (one
//!    per event the document reports) and every sentence given to the
//!    frame it speaks about, by its own date, place, type and references
//!    ("the attack"), not by position alone;
//! 2. [`fuse`]: frames of different documents clustered into events, by
//!    type, overlapping days and places that fit, with candidates blocked
//!    by type and day so that cost grows near-linearly;
//! 3. [`facts`]: each fact of an event from the claims of its frames,
//!    reconciled (interval logic for counts).
//!
//! Event ids derive from the event's content (type, date, place), so
//! reruns and reordered input give the same ids.
//!
//! ```
//! use sitrep_model::*;
//!
//! let text = "Rockets hit Camp Taji on Wednesday.";
//! let mention = EventMention {
//!     span: Span::new(0, 11), text: "Rockets hit".into(),
//!     event_type: EventType::ExplosionsRemoteViolence,
//!     sub_type: "Shelling/artillery/missile attack".into(), sentence: 0,
//!     date: Some("2020-03-11".parse()?), place: None,
//! };
//! let times = vec![TimeExpr { span: Span::new(25, 34), text: "Wednesday".into(), kind: TimeType::Date,
//!                             value: "2020-03-11".into(), date: Some("2020-03-11".parse()?) }];
//! let doc = Document {
//!     id: DocId("d".into()), path: "d".into(), title: None, published: None, outlet: None,
//!     author: None, url: None, language: None, text: text.into(), offsets: OffsetMap::identity(text.len()),
//!     dropped: vec![], warnings: vec![],
//!     annotations: Some(Annotations { sentences: vec![Sentence { span: Span::new(0, text.len()), paragraph: 0 }],
//!                                     times, mentions: vec![mention], ..Annotations::default() }),
//! };
//! let events = sitrep_resolve::resolve(&[doc]);
//! assert_eq!(events.len(), 1);
//! assert_eq!(events[0].facts.date.as_ref().and_then(|f| f.best).map(|d| d.to_string()).as_deref(), Some("2020-03-11"));
//! assert_eq!(events[0].facts.weapon.as_ref().and_then(|f| f.best.clone()).as_deref(), Some("rocket"));
//! # Ok::<(), DateValueError>(())
//! ```

pub mod coref;
mod cues;
mod facts;
mod frames;
mod fuse;

use std::collections::{BTreeMap, BTreeSet};

use sitrep_model::{DocId, Document, Event, EventId, MentionRef, Related};

pub use cues::LexiconError;

use crate::frames::Frame;

/// Group the event mentions of all documents into events.
pub fn resolve(docs: &[Document]) -> Vec<Event> {
    let frames: Vec<Frame<'_>> = docs.iter().flat_map(frames::frames).collect();
    let clusters = fuse::fuse(&frames);
    let mut event_of: Vec<Option<usize>> = vec![None; frames.len()];
    for (e, members) in clusters.iter().enumerate() {
        for &f in members {
            event_of[f] = Some(e);
        }
    }
    let mut events: Vec<Event> = clusters.iter().map(|members| event(&frames, members)).collect();
    assign_ids(&mut events);
    // "in response to", "retaliatory": the event answers the one its
    // document names before it; "after the attack": it follows it.
    let mut related: Vec<BTreeSet<(usize, &str)>> = vec![BTreeSet::new(); events.len()];
    let mut offset = 0;
    for doc in docs {
        let n = frames[offset..].iter().take_while(|f| std::ptr::eq(f.doc, doc)).count();
        for (k, f) in frames[offset..offset + n].iter().enumerate() {
            let Some(e) = event_of[offset + k] else { continue };
            for (earlier, relation) in [(f.answers, "retaliation_for"), (f.follows, "follows")] {
                let Some(other) = earlier.and_then(|i| event_of[offset + i]).filter(|&o| o != e) else { continue };
                // An event answers or follows one that is not later.
                let (a, b) = (date_key(&events[other]), date_key(&events[e]));
                let answered = relation == "follows" && related[e].contains(&(other, "retaliation_for"));
                if !answered && a.zip(b).is_none_or(|(a, b)| a.days().0 <= b.days().1) {
                    related[e].insert((other, relation));
                }
            }
        }
        offset += n;
    }
    for (e, links) in related.into_iter().enumerate() {
        events[e].related = links
            .into_iter()
            .map(|(o, relation)| Related { event: events[o].id.clone(), relation: relation.into() })
            .collect();
    }
    events.sort_by(|a, b| (date_key(a), &a.id).cmp(&(date_key(b), &b.id)));
    events
}

fn date_key(e: &Event) -> Option<sitrep_model::DateValue> {
    e.facts.date.as_ref().and_then(|f| f.best)
}

fn event(frames: &[Frame<'_>], members: &[usize]) -> Event {
    let mut members: Vec<&Frame<'_>> = members.iter().map(|&i| &frames[i]).collect();
    members.sort_by(|a, b| (&a.doc.id, &a.mentions).cmp(&(&b.doc.id, &b.mentions)));
    let sources: Vec<DocId> = members.iter().map(|f| f.doc.id.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let mut mentions = Vec::new();
    let mut sub_types = Vec::new();
    for f in &members {
        let Some(ann) = &f.doc.annotations else { continue };
        for m in f.mentions.iter().filter_map(|&m| ann.mentions.get(m)) {
            mentions.push(MentionRef {
                doc: f.doc.id.clone(),
                start: m.span.start,
                end: m.span.end,
                text: m.text.clone(),
            });
            sub_types.push(m.sub_type.as_str());
        }
        // A headline's mention has no offsets in the text: its type only.
        if let Some(m) = f.title_mention.and_then(|k| ann.title_mentions.get(k)) {
            sub_types.push(m.sub_type.as_str());
        }
    }
    Event {
        id: EventId(String::new()),
        event_type: members[0].event_type,
        sub_type: most_common(sub_types.into_iter()),
        sources,
        mentions,
        facts: facts::facts(&members),
        related: Vec::new(),
    }
}

/// Ids from each event's type, best date and best place; events that share
/// those are told apart by their first mention.
fn assign_ids(events: &mut [Event]) {
    let key = |e: &Event| {
        let date = e.facts.date.as_ref().and_then(|f| f.best).map(|d| d.to_string()).unwrap_or_default();
        let place = e.facts.location.as_ref().and_then(|f| f.best.as_ref()).map(|l| fold(&l.name)).unwrap_or_default();
        (e.event_type.as_str().to_string(), date, place)
    };
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for e in events.iter() {
        *seen.entry(key(e)).or_default() += 1;
    }
    for e in events.iter_mut() {
        let k = key(e);
        let first = e.mentions.iter().map(|m| (m.doc.as_str(), m.start)).min();
        let tiebreak = match first {
            Some((doc, start)) if seen[&k] > 1 => format!("{doc}:{start}"),
            _ => String::new(),
        };
        e.id = EventId::from_key([k.0.as_bytes(), k.1.as_bytes(), k.2.as_bytes(), tiebreak.as_bytes()]);
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
