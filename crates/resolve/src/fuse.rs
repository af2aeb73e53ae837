//! Across documents: frames clustered into events.
//!
//! Each frame joins the existing event that fits it best, or starts one.
//! An event fits when it has the frame's type, no frame of the frame's
//! document yet, days that overlap the frame's (a day of slack between two
//! dates written to the day), and a place that fits (the same place, two
//! within 30 km, or a country or province that holds the other). A frame
//! dated only by its document's date needs a town or site of its own.
//!
//! Cost grows near-linearly: events are indexed by type and by the days
//! they span, so a frame is compared only with the events of its days.
//! Frames are taken in an order fixed by their content (written dates
//! first), so the clusters do not depend on the order of the input.

use std::collections::{BTreeMap, BTreeSet};

use sitrep_model::{DocId, EventType, Place, PlacePrecision};

use crate::frames::{Frame, Strength, distance_km, places_fit};

/// An event being built: its frames and what they agree on so far.
struct Cluster<'d> {
    event_type: EventType,
    frames: Vec<usize>,
    docs: BTreeSet<&'d DocId>,
    days: Option<(i32, i32)>,
    written: bool,
    place: Option<&'d Place>,
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
    let mut clusters: Vec<Cluster<'_>> = Vec::new();
    let mut by_day: BTreeMap<(EventType, i32), Vec<usize>> = BTreeMap::new();
    let mut coarse: BTreeMap<EventType, Vec<usize>> = BTreeMap::new();
    let mut undated: BTreeMap<EventType, Vec<usize>> = BTreeMap::new();
    for i in order {
        let f = &frames[i];
        let days = f.days();
        let mut candidates: Vec<usize> = Vec::new();
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
            .filter_map(|c| fit(&clusters[c], f).map(|score| (score, c)))
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
                c
            }
            None => {
                clusters.push(Cluster {
                    event_type: f.event_type,
                    frames: vec![i],
                    docs: BTreeSet::from([&f.doc.id]),
                    days,
                    written: f.strength > Strength::Document,
                    place: f.place,
                });
                clusters.len() - 1
            }
        };
        let cl = &clusters[c];
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
    p.is_some_and(|p| matches!(p.precision, PlacePrecision::Site | PlacePrecision::Town))
}

/// How well a frame fits an event (higher is better), or `None`.
fn fit(c: &Cluster<'_>, f: &Frame<'_>) -> Option<i32> {
    if c.event_type != f.event_type || c.docs.contains(&f.doc.id) {
        return None;
    }
    let days = f.days();
    let exact = |d: Option<(i32, i32)>| d.is_some_and(|(a, b)| a == b);
    let slack = i32::from(c.written && f.strength > Strength::Document && exact(c.days) && exact(days));
    if let (Some((a, b)), Some((x, y))) = (c.days, days)
        && (x > b + slack || a > y + slack)
    {
        return None;
    }
    if f.strength == Strength::Document && !specific(f.place) {
        return None;
    }
    if !places_fit(c.place, f.place, 30.0) {
        return None;
    }
    let same_place = matches!((c.place, f.place), (Some(a), Some(b)) if a.name == b.name);
    let near = matches!((c.place, f.place), (Some(a), Some(b)) if specific(Some(a)) && specific(Some(b)) && distance_km(a, b) <= 10.0);
    let same_day = c.written && exact(c.days) && c.days == days;
    Some(3 * i32::from(same_place) + 2 * i32::from(near) + 2 * i32::from(same_day))
}
