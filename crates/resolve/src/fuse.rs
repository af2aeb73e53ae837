//! Across documents: frames clustered into events.
//!
//! Each frame joins the existing event that fits it best, or starts one.
//! An event fits when it has the frame's type, no frame of the frame's
//! document yet, days that overlap the frame's (a day of slack between two
//! dates written to the day), and a place that fits (the same place, two
//! within 30 km, or a country, province or county that holds the other).
//! Both must have a place: a frame that names none joins only an event in a
//! province its document names, and an event that has none takes no other
//! frame, for the type and the day alone would join unrelated shootings.
//! A frame dated only by its document's date (taken as a bound, or as the
//! day of the one event its headline announces) needs a town, site or
//! county of its own; one dated as a bound joins an event no sentence
//! dates only if their reports are at most three days apart.
//!
//! Their killed and injured must be able to be one event's ("two killed"
//! and "no one was hurt" are two shootings), unless the same place (or a
//! town 10 km away, or the county that holds it) and day say it is one
//! event that sources count differently.
//!
//! A report's second frame joins an event that holds its first only when
//! it gives the same place and the same counts: one night's shooting
//! written on two days.
//!
//! A frame that names the same people as an event (persons written with
//! their age: victims, suspects) is a later report of it, an arrest or a
//! charge weeks on, whatever day its sentences give, provided the event
//! came before the report and the places fit or lie in one province.
//!
//! Cost grows near-linearly: events are indexed by type and by the days
//! they span, and by the people they name, so a frame is compared only
//! with the events of its days and of its people.
//! Frames are taken in an order fixed by their content (written dates
//! first), so the clusters do not depend on the order of the input.

use std::collections::{BTreeMap, BTreeSet};

use sitrep_model::{DateValue, DocId, EntityKind, EventType, Place, PlacePrecision};

use crate::facts::reconcile;
use crate::frames::{Frame, Strength, distance_km, places_fit};

/// An event being built: its frames and what they agree on so far.
struct Cluster<'d> {
    event_type: EventType,
    frames: Vec<usize>,
    docs: BTreeSet<&'d DocId>,
    days: Option<(i32, i32)>,
    written: bool,
    /// The first and last report dates of the frames dated only by them.
    reported: Option<(i32, i32)>,
    /// The killed and injured every frame's counts allow together.
    tally: Tally,
    place: Option<&'d Place>,
    /// The people its frames name (see [`participants`]).
    people: BTreeSet<&'d str>,
}

/// Bounds on the killed and injured: (least, most) each.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Tally([(u64, Option<u64>); 2]);

impl Tally {
    const ANY: Tally = Tally([(0, None), (0, None)]);

    /// What a frame's sentences (or its document's tally) state.
    fn of(f: &Frame<'_>) -> Tally {
        let bound = |claims: &Vec<_>| {
            if claims.is_empty() {
                return (0, None);
            }
            let fact = reconcile(Vec::clone(claims));
            (fact.low.unwrap_or(0), fact.high)
        };
        Tally(f.counts.each_ref().map(bound))
    }

    /// Both, or `None` when they cannot be one event's ("2 killed" and "no
    /// one killed").
    fn meet(self, other: Tally) -> Option<Tally> {
        let mut out = Tally::ANY;
        for k in 0..2 {
            let ((a, x), (b, y)) = (self.0[k], other.0[k]);
            let low = a.max(b);
            let high = match (x, y) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            if high.is_some_and(|h| low > h) {
                return None;
            }
            out.0[k] = (low, high);
        }
        Some(out)
    }
}

/// Days an index entry may span before the event goes to the coarse list
/// (events known only to the month or year), which every query reads.
const MAX_INDEXED_DAYS: i32 = 31;

/// The frames' clusters, as lists of frame indices.
pub(crate) fn fuse(frames: &[Frame<'_>]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..frames.len()).filter(|&i| !frames[i].generic).collect();
    order.sort_by_cached_key(|&i| {
        let f = &frames[i];
        let first = f.doc.annotations.as_ref().and_then(|a| f.mentions.first().and_then(|&m| a.mentions.get(m)));
        (std::cmp::Reverse(f.strength), f.days(), f.event_type, f.doc.id.clone(), first.map(|m| m.span.start))
    });
    let tallies: Vec<Tally> = frames.iter().map(|f| if f.generic { Tally::ANY } else { Tally::of(f) }).collect();
    let mut clusters: Vec<Cluster<'_>> = Vec::new();
    let mut by_day: BTreeMap<(EventType, i32), Vec<usize>> = BTreeMap::new();
    let mut coarse: BTreeMap<EventType, Vec<usize>> = BTreeMap::new();
    let mut undated: BTreeMap<EventType, Vec<usize>> = BTreeMap::new();
    let mut by_person: BTreeMap<(EventType, &str), Vec<usize>> = BTreeMap::new();
    for i in order {
        let f = &frames[i];
        let days = f.days();
        let people = participants(f);
        let mut candidates: Vec<usize> = Vec::new();
        for &p in &people {
            candidates.extend(by_person.get(&(f.event_type, p)).into_iter().flatten());
        }
        if let Some((a, b)) = days {
            for (_, list) in by_day.range((f.event_type, a - 1)..=(f.event_type, b + 1)) {
                candidates.extend(list);
            }
        }
        candidates.extend(coarse.get(&f.event_type).into_iter().flatten());
        candidates.extend(undated.get(&f.event_type).into_iter().flatten());
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .into_iter()
            .filter_map(|c| fit(&clusters[c], f, tallies[i], &people).map(|score| (score, c)))
            .max_by_key(|&(score, c)| (score, std::cmp::Reverse(c)))
            .map(|(_, c)| c);
        let c = match best {
            Some(c) => {
                let cl = &mut clusters[c];
                cl.frames.push(i);
                cl.docs.insert(&f.doc.id);
                if f.strength > Strength::Document {
                    cl.days = match (cl.days, days) {
                        (Some((a, b)), Some((x, y))) if a.max(x) <= b.min(y) && cl.written => {
                            Some((a.max(x), b.min(y)))
                        }
                        (_, Some(d)) if !cl.written => Some(d),
                        (d, _) => d,
                    };
                    cl.written = true;
                }
                let finer = |p: Option<&Place>| p.map_or(u8::MAX, |p| p.precision as u8);
                if finer(f.place) < finer(cl.place) {
                    cl.place = f.place;
                }
                cl.tally = cl.tally.meet(tallies[i]).unwrap_or(cl.tally);
                if let Some(day) = reported(f) {
                    cl.reported = Some(cl.reported.map_or((day, day), |(a, b)| (a.min(day), b.max(day))));
                }
                cl.people.extend(&people);
                c
            }
            None => {
                clusters.push(Cluster {
                    event_type: f.event_type,
                    frames: vec![i],
                    docs: BTreeSet::from([&f.doc.id]),
                    days,
                    written: f.strength > Strength::Document,
                    reported: reported(f).map(|d| (d, d)),
                    tally: tallies[i],
                    place: f.place,
                    people: people.iter().copied().collect(),
                });
                clusters.len() - 1
            }
        };
        let cl = &clusters[c];
        for &p in &people {
            push_once(by_person.entry((cl.event_type, p)).or_default(), c);
        }
        match cl.days {
            Some((a, b)) if b - a < MAX_INDEXED_DAYS => {
                for day in a..=b {
                    let list = by_day.entry((cl.event_type, day)).or_default();
                    if list.last() != Some(&c) {
                        list.push(c);
                    }
                }
            }
            Some(_) => push_once(coarse.entry(cl.event_type).or_default(), c),
            None => push_once(undated.entry(cl.event_type).or_default(), c),
        }
    }
    clusters.into_iter().map(|c| c.frames).collect()
}

fn push_once(list: &mut Vec<usize>, c: usize) {
    if !list.contains(&c) {
        list.push(c);
    }
}

fn specific(p: Option<&Place>) -> bool {
    p.is_some_and(|p| p.precision.is_local())
}

/// The report date of a frame dated only by it.
fn reported(f: &Frame<'_>) -> Option<i32> {
    f.days().filter(|_| f.strength == Strength::Document).map(|(_, b)| b)
}

/// How many days apart two frames dated only by their reports may be.
const REPORT_SLACK: i32 = 3;

/// How long after an event a report that names its people may still be
/// about it (an arrest, a charge, a trial).
const FOLLOW_UP_DAYS: i32 = 366;

/// The people a frame names: persons the document writes with their age
/// (victims, suspects, not the officials who speak of every case), named
/// in full or by surname in its sentences, or anywhere in the document
/// when the frame is its only violent event. Canonical names of two words
/// or more.
fn participants<'d>(f: &Frame<'d>) -> Vec<&'d str> {
    let Some(ann) = f.doc.annotations.as_ref() else { return Vec::new() };
    let persons = || ann.entities.iter().filter(|e| e.kind == EntityKind::Person && e.canonical.contains(' '));
    let titled: Vec<&str> = persons().filter(|e| e.title.is_some()).map(|e| e.canonical.as_str()).collect();
    let aged: Vec<&str> = persons()
        .filter(|e| e.age.is_some() && !titled.contains(&e.canonical.as_str()))
        .map(|e| e.canonical.as_str())
        .collect();
    let mut out: Vec<&str> = persons()
        .filter(|e| aged.contains(&e.canonical.as_str()))
        .filter(|e| f.single || f.sentences.contains(&e.sentence))
        .map(|e| e.canonical.as_str())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether the event has a place and the frame one too, or, for a frame
/// that names none of its own (a second event of its report), whether its
/// document names a place in the event's province.
fn placed_alike(c: &Cluster<'_>, f: &Frame<'_>) -> bool {
    let Some(at) = c.place else { return false };
    f.place.is_some()
        || f.doc.annotations.as_ref().is_some_and(|a| {
            a.places.iter().any(|p| p.country == at.country && p.admin1.is_some() && p.admin1 == at.admin1)
        })
}

/// How well a frame fits an event (higher is better), or `None`.
fn fit(c: &Cluster<'_>, f: &Frame<'_>, tally: Tally, people: &[&str]) -> Option<i32> {
    if c.event_type != f.event_type {
        return None;
    }
    // The same people named: a later report of the same event (an arrest,
    // a charge), whatever day its sentences give, if the event came before
    // the report.
    let report = f.doc.published.map(|d| DateValue::from(d).days().1);
    let named = people.iter().any(|p| c.people.contains(p))
        && matches!((c.days, report), (Some((a, b)), Some(r)) if a <= r && r - b <= FOLLOW_UP_DAYS);
    let days = f.days();
    let exact = |d: Option<(i32, i32)>| d.is_some_and(|(a, b)| a == b);
    let slack = i32::from(c.written && f.strength > Strength::Document && exact(c.days) && exact(days));
    if let (Some((a, b)), Some((x, y))) = (c.days, days)
        && (x > b + slack || a > y + slack)
        && !named
    {
        return None;
    }
    // A frame dated only by its report: a town, site or county of its own,
    // and, with an event no sentence dates yet, reports days apart (the
    // report's day is no evidence of the event's without its place).
    if f.strength <= Strength::Reported && !named {
        let local = f.place.is_some_and(|p| p.precision <= PlacePrecision::District);
        let near_reports = match (c.written, c.reported, reported(f)) {
            (false, Some((a, b)), Some(d)) => d >= a - REPORT_SLACK && d <= b + REPORT_SLACK,
            _ => true,
        };
        if !local || !near_reports {
            return None;
        }
    }
    // Where, on both sides: the type and the day alone would join unrelated
    // shootings of one day.
    if !named && !placed_alike(c, f) {
        return None;
    }
    // The same people in one province: one event, though one report
    // places it in the next town or the county seat.
    let same_province =
        matches!((c.place, f.place), (Some(a), Some(b)) if a.country == b.country && a.admin1 == b.admin1);
    if !(places_fit(c.place, f.place, 30.0) || (named && same_province)) {
        return None;
    }
    let same_place = matches!((c.place, f.place), (Some(a), Some(b)) if a.name == b.name);
    let near = matches!((c.place, f.place), (Some(a), Some(b)) if specific(Some(a)) && specific(Some(b)) && distance_km(a, b) <= 10.0);
    let same_day = c.written && exact(c.days) && c.days == days;
    // Counts that cannot be one event's part two events, unless the place
    // and the day say it is one that sources count differently (12 and 14
    // injured at Camp Taji on 11 March).
    let counts_fit = c.tally.meet(tally).is_some();
    // A second frame of a report the event holds: another event of that
    // report, unless it is the same place with the same counts (a report
    // that writes one night's shooting on two days).
    if c.docs.contains(&f.doc.id) && !(same_place && tally != Tally::ANY && c.tally == tally) {
        return None;
    }
    // A county that holds the town (the places fit) is that place too.
    let county = [c.place, f.place].into_iter().flatten().any(|p| p.precision == PlacePrecision::District);
    if !(counts_fit || named || ((same_place || near || county) && same_day)) {
        return None;
    }
    Some(
        4 * i32::from(named)
            + 3 * i32::from(same_place)
            + 2 * i32::from(near)
            + 2 * i32::from(same_day)
            + i32::from(counts_fit),
    )
}
