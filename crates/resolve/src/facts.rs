//! The facts of one event, from the sentences of its frames: every claim
//! with its document, speaker and sentence, and the reconciled view.

use std::collections::{BTreeMap, BTreeSet};

use sitrep_extract::quantities::{CountSource, casualties};
use sitrep_extract::words::ascii_name;
use sitrep_model::{Claim, DateValue, DocId, Document, EntityKind, Fact, Facts, Location, Outcome, Status};

use crate::cues::{CUES, Cue, WEAPONS};
use crate::frames::{Frame, Strength, distance_km, quote, sentence_text};

/// The facts of the event made of `frames`.
pub(crate) fn facts(frames: &[&Frame<'_>]) -> Facts {
    Facts {
        date: date(frames),
        location: location(frames),
        killed: count(frames, 0),
        injured: count(frames, 1),
        perpetrator: perpetrator(frames),
        target: None,
        weapon: weapon(frames),
    }
}

fn claim<T>(doc: &Document, si: usize, value: T) -> Claim<T> {
    let (quote, span) = quote(doc, si);
    Claim {
        doc: doc.id.clone(),
        value,
        low: None,
        high: None,
        qualifier: None,
        speaker: speaker(doc, si),
        quote,
        start: span.start,
        end: span.end,
    }
}

/// A claim read from the document's headline.
fn title_claim<T>(doc: &Document, value: T) -> Claim<T> {
    Claim {
        doc: doc.id.clone(),
        value,
        low: None,
        high: None,
        qualifier: Some("headline".to_string()),
        speaker: None,
        quote: doc.title.clone().unwrap_or_default(),
        start: 0,
        end: 0,
    }
}

/// A claim of a place the text does not name, quoting the document's
/// address ("abc7chicago.com"), or its headline for the outlet it credits,
/// and qualified by how the place was found (`basis`: the address itself,
/// the outlet it names, the headline's credit).
fn address_claim<T>(doc: &Document, value: T, basis: &str) -> Claim<T> {
    let claim = title_claim(doc, value);
    let quote = if basis == sitrep_model::CREDIT_BASIS { claim.quote } else { doc.url.clone().unwrap_or_default() };
    Claim { qualifier: Some(basis.to_string()), quote, ..claim }
}

/// Who the document says stated sentence `si`.
fn speaker(doc: &Document, si: usize) -> Option<String> {
    doc.annotations.as_ref()?.speakers.iter().find(|s| s.sentence == si).map(|s| s.text.clone())
}

fn single_or_agreed<T>(claims: &[Claim<T>]) -> Status {
    match claims.iter().map(|c| &c.doc).collect::<BTreeSet<_>>().len() {
        0 => Status::Unknown,
        1 => Status::SingleSource,
        _ => Status::Agreed,
    }
}

/// Dates: an event comes before every report of it, so a claim that
/// begins after the first report's day (a follow-up's day of the arrest)
/// weighs least. Then the claims written in a sentence weigh over those
/// taken from an earlier sentence, which weigh over a report's own date.
/// The best value is the most precise of the strongest claims when they
/// can all be the same day; else they conflict, and the value most
/// documents give wins.
fn date(frames: &[&Frame<'_>]) -> Option<Fact<DateValue>> {
    let first_report = frames.iter().filter_map(|f| f.doc.published).map(|d| DateValue::from(d).days().1).min();
    let before_report = |d: &DateValue| first_report.is_none_or(|r| d.days().0 <= r);
    // Only a day that can be the event's outweighs one that cannot. Where
    // no claimed day comes before the first report, the reports may be of
    // two events; their days stand, and a year ("in 2015") does not
    // outweigh them.
    let day_before_report = frames
        .iter()
        .filter(|f| f.strength > Strength::Document)
        .filter_map(|f| f.date)
        .any(|d| d.precision() == sitrep_model::Precision::Day && before_report(&d));
    let possible = |d: &DateValue| before_report(d) || !day_before_report;
    let mut claims = Vec::new();
    let mut strongest = (false, Strength::Document);
    for f in frames {
        let Some(d) = f.date else { continue };
        let mut c = if f.date_in_title { title_claim(f.doc, d) } else { claim(f.doc, f.date_sentence, d) };
        c.qualifier = match f.strength {
            _ if f.date_in_title => Some("headline".to_string()),
            Strength::Own => None,
            Strength::Inherited => Some("from an earlier sentence".to_string()),
            Strength::Document | Strength::Reported => Some("the report's date".to_string()),
        };
        let weight = (possible(&d), f.strength);
        strongest = strongest.max(weight);
        claims.push((weight, c));
    }
    if claims.is_empty() {
        return None;
    }
    let top: Vec<(DateValue, DocId)> =
        claims.iter().filter(|(s, _)| *s == strongest).map(|(_, c)| (c.value, c.doc.clone())).collect();
    let all_fit = top.iter().all(|a| top.iter().all(|b| a.0.compatible(&b.0)));
    let claims: Vec<Claim<DateValue>> = claims.into_iter().map(|(_, c)| c).collect();
    if all_fit {
        let best = top.iter().map(|c| c.0).max_by_key(|d| (d.precision(), std::cmp::Reverse(*d)));
        let status = single_or_agreed(&claims);
        return Some(Fact { status, best, low: None, high: None, claims });
    }
    // The value most documents give; of equals, the earliest: reports
    // come after the event, and a later date is often the report's.
    let best = leaders(top.iter().map(|(v, d)| (*v, d))).into_iter().min();
    Some(Fact { status: Status::Conflicting, best, low: None, high: None, claims })
}

/// The value the most documents give, when one leads.
fn most_supported<'a, T: Ord + Clone + 'a>(values: impl Iterator<Item = (T, &'a DocId)>) -> Option<T> {
    let mut leaders = leaders(values).into_iter();
    let first = leaders.next();
    leaders.next().is_none().then_some(first).flatten()
}

/// The values the most documents give, in order.
fn leaders<'a, T: Ord + Clone + 'a>(values: impl Iterator<Item = (T, &'a DocId)>) -> Vec<T> {
    let mut support: BTreeMap<T, BTreeSet<&DocId>> = BTreeMap::new();
    for (v, d) in values {
        support.entry(v).or_default().insert(d);
    }
    let most = support.values().map(BTreeSet::len).max().unwrap_or(0);
    support.into_iter().filter(|(_, d)| d.len() == most).map(|(v, _)| v).collect()
}

/// Places: the finest place any document gives is the best; two towns or
/// sites more than 30 km apart conflict.
fn location(frames: &[&Frame<'_>]) -> Option<Fact<Location>> {
    let mut places = Vec::new();
    let mut claims = Vec::new();
    for f in frames {
        let Some(p) = f.place else { continue };
        places.push(p);
        let value = Location {
            name: ascii_name(&p.name),
            country: Some(p.country.clone()),
            lat: Some(p.lat),
            lon: Some(p.lon),
        };
        // A place of no span is one the text does not name: the town the
        // report's address names, or its outlet's home.
        let c = if let Some(basis) = p.basis.as_deref().filter(|_| p.span.is_empty()) {
            address_claim(f.doc, value, basis)
        } else if f.place_in_title {
            Claim { qualifier: p.description.clone().or(Some("headline".into())), ..title_claim(f.doc, value) }
        } else {
            Claim { qualifier: p.description.clone(), ..claim(f.doc, f.place_sentence, value) }
        };
        claims.push(c);
    }
    if claims.is_empty() {
        return None;
    }
    let specific: Vec<&sitrep_model::Place> = places.iter().copied().filter(|p| p.precision.is_local()).collect();
    let apart = specific.iter().any(|a| specific.iter().any(|b| distance_km(a, b) > 30.0));
    // The place most documents give, then the finest, then the first.
    let support =
        |name: &str| claims.iter().filter(|c| c.value.name == name).map(|c| &c.doc).collect::<BTreeSet<_>>().len();
    let chosen = (0..places.len())
        .min_by_key(|&i| (std::cmp::Reverse(support(&claims[i].value.name)), places[i].precision as u8, i))?;
    let best = Some(claims[chosen].value.clone());
    let status = if apart { Status::Conflicting } else { single_or_agreed(&claims) };
    Some(Fact { status, best, low: None, high: None, claims })
}

/// Killed and injured claims of one frame, in that order: each count of
/// its sentences that states the outcome of a whole (not "five of them"),
/// with its hedge as bounds. A count of "no casualties" says no one was
/// killed; a count of casualties that the next sentence says were all
/// injured ("All of them ... received traumatic brain injury") is of
/// injured. Victims named by a verb of killing ("Qassem Soleimani was
/// assassinated") count when no number is given. A document that reports
/// one violent event gives its whole tally instead ([`document_counts`]).
/// Made once per frame: fusion and the facts both read them.
///
/// In a document that reports several events, the whole tally's counts
/// ([`document_counts`], given as `tally`) that a frame's own sentences
/// state go to that frame when its counted outcomes say nothing: "six
/// people were shot, two fatally" is two killed and four injured there.
pub(crate) fn frame_counts(f: &Frame<'_>, tally: &[Vec<Claim<u64>>; 2]) -> [Vec<Claim<u64>>; 2] {
    let Some(ann) = f.doc.annotations.as_ref().filter(|_| !f.generic) else { return Default::default() };
    if f.single {
        return tally.clone();
    }
    [(Outcome::Killed, &tally[0]), (Outcome::Injured, &tally[1])].map(|(outcome, from_tally)| {
        let mut claims: Vec<Claim<u64>> = Vec::new();
        for &si in &f.sentences {
            for q in ann.quantities.iter().filter(|q| q.sentence == si && q.part_of.is_none()) {
                let casualty = q.unit.as_deref() == Some("casualty") && q.outcome.is_none();
                let says = q.outcome == Some(outcome)
                    || (casualty && outcome == Outcome::Killed && q.value == Some(0))
                    || (casualty && q.value != Some(0) && next_says_all(f.doc, si) == Some(outcome));
                let Some(value) = q.value.or(q.low).filter(|_| says) else { continue };
                if claims.iter().any(|c| c.start == sentence_start(f.doc, si) && c.value == value) {
                    continue;
                }
                let mut c = claim(f.doc, si, value);
                (c.low, c.high, c.qualifier) = (q.low, q.high, q.qualifier.clone());
                claims.push(c);
            }
        }
        if claims.is_empty() {
            let own = |c: &&Claim<u64>| f.sentences.iter().any(|&si| c.end > 0 && sentence_start(f.doc, si) == c.start);
            claims.extend(from_tally.iter().filter(own).cloned());
        }
        if outcome == Outcome::Killed && claims.is_empty() {
            claims.extend(named_victims(f));
        }
        claims
    })
}

/// The qualifier of a count of 1 read from a statement about one person
/// ("a girl was shot in the leg"), not from a number.
pub(crate) const ONE_PERSON: &str = "one person described";

/// Killed (`k` 0) or injured (1) of an event: its frames' claims,
/// reconciled by [`reconcile`] (injured as [`injured`] says); absent when
/// none states one.
fn count(frames: &[&Frame<'_>], k: usize) -> Option<Fact<u64>> {
    let claims: Vec<Claim<u64>> = frames.iter().flat_map(|f| f.counts[k].iter().cloned()).collect();
    match k {
        _ if claims.is_empty() => None,
        0 => Some(reconcile(claims)),
        _ => Some(injured(frames, claims)),
    }
}

/// The injured of an event. A person hurt, as an earlier report describes
/// them with no word of a death ("a 4-year-old girl is in critical
/// condition"), where a later report says one person died and none says
/// more did, is the one who died: counted killed, not also injured. Such
/// claims stay listed but weigh nothing; where they are all there is, the
/// best is 0.
fn injured(frames: &[&Frame<'_>], claims: Vec<Claim<u64>>) -> Fact<u64> {
    let killed = || frames.iter().flat_map(|f| &f.counts[0]);
    if killed().any(|c| c.low.unwrap_or(c.value) > 1) {
        return reconcile(claims);
    }
    let published: BTreeMap<&DocId, i32> =
        frames.iter().filter_map(|f| Some((&f.doc.id, DateValue::from(f.doc.published?).days().0))).collect();
    let dead: BTreeSet<&DocId> = killed().filter(|c| c.low.unwrap_or(c.value) == 1).map(|c| &c.doc).collect();
    let last_death = dead.iter().filter_map(|d| published.get(d)).max();
    let died_later = |c: &Claim<u64>| {
        c.qualifier.as_deref() == Some(ONE_PERSON)
            && !dead.contains(&c.doc)
            && published.get(&c.doc).zip(last_death).is_some_and(|(hurt, died)| hurt < died)
    };
    let (later, stand): (Vec<_>, Vec<_>) = claims.into_iter().partition(died_later);
    if stand.is_empty() {
        let status = single_or_agreed(&later);
        return Fact { status, best: Some(0), low: Some(0), high: Some(1), claims: later };
    }
    let mut fact = reconcile(stand);
    fact.claims.extend(later);
    fact
}

/// The killed and injured of a document that reports one violent event:
/// its tally as [`casualties`] reads the whole text and the headline
/// (counts of people shot, "one man died", tallies of other incidents
/// left out).
pub(crate) fn document_counts(doc: &Document) -> [Vec<Claim<u64>>; 2] {
    let Some(ann) = doc.annotations.as_ref() else { return Default::default() };
    let mut found = casualties(&doc.text, &ann.sentences, &ann.quantities);
    if let Some(title) = doc.title.as_deref() {
        found = found.with_headline(title);
    }
    [found.killed, found.injured].map(|count| {
        let Some((count, value)) = count.and_then(|c| Some((c, c.best()?))) else { return Vec::new() };
        let (sentence, quantity) = match count.source {
            CountSource::Quantity(q) | CountSource::Shot(q) => {
                (ann.quantities.get(q).map(|q| q.sentence), ann.quantities.get(q))
            }
            CountSource::Sentence(s) | CountSource::List(s) => (Some(s), None),
            _ => (None, None),
        };
        let mut c = match sentence {
            Some(si) => claim(doc, si, value),
            None => title_claim(doc, value),
        };
        (c.low, c.high) = (count.low, count.high);
        if let Some(q) = quantity.filter(|_| matches!(count.source, CountSource::Quantity(_))) {
            c.qualifier.clone_from(&q.qualifier);
        }
        if matches!(count.source, CountSource::Sentence(_)) && value == 1 {
            c.qualifier = Some(ONE_PERSON.to_string());
        }
        vec![c]
    })
}

fn sentence_start(doc: &Document, si: usize) -> usize {
    doc.annotations.as_ref().and_then(|a| a.sentences.get(si)).map_or(0, |s| s.span.start)
}

/// "All of them received traumatic brain injury": the outcome the
/// sentence after `si` gives every one of a count.
fn next_says_all(doc: &Document, si: usize) -> Option<Outcome> {
    let lower = sentence_text(doc, si + 1).to_ascii_lowercase();
    let all = ["all of them", "they all", "all were", "each of them"].iter().any(|p| lower.starts_with(p));
    if !all {
        return None;
    }
    if ["injur", "wound", "hurt", "hospitali"].iter().any(|w| lower.contains(w)) {
        Some(Outcome::Injured)
    } else if [" killed", " died", " dead"].iter().any(|w| lower.contains(w)) {
        Some(Outcome::Killed)
    } else {
        None
    }
}

/// Persons a verb of killing names in the frame's sentences: "X was
/// assassinated", "killing X". At least that many were killed.
fn named_victims(f: &Frame<'_>) -> Option<Claim<u64>> {
    let ann = f.doc.annotations.as_ref()?;
    let text = f.doc.text.as_str();
    for &si in &f.sentences {
        let sentence = ann.sentences.get(si)?;
        let s = sentence.span.slice(text)?;
        let persons: Vec<_> =
            ann.entities.iter().filter(|e| e.sentence == si && e.kind == EntityKind::Person).collect();
        let mut victims = BTreeSet::new();
        for hit in CUES.find_iter(s).filter(|h| *h.value == Cue::Kill) {
            let at = sentence.span.start + hit.start;
            let end = sentence.span.start + hit.end;
            let before = s[..hit.start].trim_end();
            let passive = before.ends_with(" was") || before.ends_with(" were");
            for p in &persons {
                let gap_before = text.get(p.span.end..at).unwrap_or_default();
                let gap_after = text.get(end..p.span.start).unwrap_or_default();
                let named_before = passive && p.span.end <= at && gap_before.split_whitespace().count() <= 2;
                let named_after = !passive && p.span.start >= end && gap_after.split_whitespace().count() <= 1;
                if named_before || named_after {
                    victims.insert(p.canonical.as_str());
                }
            }
        }
        if !victims.is_empty() {
            let n = victims.len() as u64;
            let mut c = claim(f.doc, si, n);
            (c.low, c.high, c.qualifier) = (Some(n), None, Some("named".to_string()));
            return Some(c);
        }
    }
    None
}

/// Counts reconciled as intervals. Claims that can all be true at once
/// ("more than 100" and "at least 110") agree: the fact's bounds are what
/// they allow together, and its best value the least they allow. Claims
/// that cannot ("12" and "14", both exact) conflict: the bounds span them,
/// and the best value is the exact one most documents state; of values
/// stated by as many, the least (the conservative figure).
pub(crate) fn reconcile(claims: Vec<Claim<u64>>) -> Fact<u64> {
    let bounds = |c: &Claim<u64>| (c.low.unwrap_or(c.value), c.high);
    let low = claims.iter().map(|c| bounds(c).0).max().unwrap_or(0);
    let high = claims.iter().filter_map(|c| bounds(c).1).min();
    if high.is_none_or(|h| low <= h) {
        let status = single_or_agreed(&claims);
        return Fact { status, best: Some(low), low: Some(low), high, claims };
    }
    let low = claims.iter().map(|c| bounds(c).0).min();
    let high = claims.iter().map(|c| bounds(c).1.unwrap_or(c.value)).max();
    let best = leaders(claims.iter().filter(|c| c.low == c.high).map(|c| (c.value, &c.doc))).into_iter().min();
    Fact { status: Status::Conflicting, best, low, high, claims }
}

/// Who did it: "unclaimed" where a sentence says no one claimed it; an
/// armed group or organisation of a sentence that says it claimed the
/// event (qualifier "claimed") or that blames or suspects it ("suspected").
/// The best value is the actor that claimed it, else "unclaimed", else the
/// suspect most documents name. Two actors that each claimed it conflict.
fn perpetrator(frames: &[&Frame<'_>]) -> Option<Fact<String>> {
    let mut claims: Vec<Claim<String>> = Vec::new();
    for f in frames {
        let Some(ann) = &f.doc.annotations else { continue };
        for &si in &f.sentences {
            let s = sentence_text(f.doc, si);
            let cues: Vec<Cue> = CUES.find_iter(s).map(|h| *h.value).collect();
            let has = |c: Cue| cues.contains(&c);
            let mut add = |value: String, qualifier: Option<&str>| {
                if !claims.iter().any(|c| c.doc == f.doc.id && c.value == value) {
                    let mut c = claim(f.doc, si, value);
                    c.qualifier = qualifier.map(str::to_string);
                    claims.push(c);
                }
            };
            if has(Cue::Unclaimed) {
                add("unclaimed".to_string(), None);
            }
            let qualifier = if has(Cue::Claimed) {
                "claimed"
            } else if has(Cue::Suspected) {
                "suspected"
            } else {
                continue;
            };
            for e in ann.entities.iter().filter(|e| e.sentence == si && e.kind == EntityKind::ArmedGroup) {
                add(e.canonical.clone(), Some(qualifier));
            }
        }
    }
    if claims.is_empty() {
        return None;
    }
    let by = |q: &'static str| claims.iter().filter(move |c| c.qualifier.as_deref() == Some(q));
    let claimed: BTreeSet<&str> = by("claimed").map(|c| c.value.as_str()).collect();
    let status = if claimed.len() > 1 { Status::Conflicting } else { single_or_agreed(&claims) };
    let best = if claimed.len() == 1 {
        claimed.first().map(|s| s.to_string())
    } else if claimed.is_empty() && claims.iter().any(|c| c.value == "unclaimed") {
        Some("unclaimed".to_string())
    } else if claimed.is_empty() {
        most_supported(by("suspected").map(|c| (c.value.clone(), &c.doc)))
    } else {
        None
    };
    Some(Fact { status, best, low: None, high: None, claims })
}

/// Weapons the sentences name, by canonical name (`data/weapons.tsv`); the
/// best is the one most documents name (then the most named). Weapons do
/// not exclude each other: no conflict.
fn weapon(frames: &[&Frame<'_>]) -> Option<Fact<String>> {
    let mut claims: Vec<Claim<String>> = Vec::new();
    for f in frames {
        for &si in &f.sentences {
            let s = sentence_text(f.doc, si);
            for hit in WEAPONS.find_iter(s) {
                if !claims
                    .iter()
                    .any(|c| c.doc == f.doc.id && &c.value == hit.value && c.start == sentence_start(f.doc, si))
                {
                    claims.push(claim(f.doc, si, hit.value.clone()));
                }
            }
        }
    }
    if claims.is_empty() {
        return None;
    }
    let mut score: BTreeMap<&str, (BTreeSet<&DocId>, usize)> = BTreeMap::new();
    for c in &claims {
        let e = score.entry(c.value.as_str()).or_default();
        e.0.insert(&c.doc);
        e.1 += 1;
    }
    let best = score.iter().max_by_key(|(v, (d, n))| (d.len(), *n, std::cmp::Reverse(*v))).map(|(v, _)| v.to_string());
    let status = single_or_agreed(&claims);
    Some(Fact { status, best, low: None, high: None, claims })
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
        assert_eq!(
            (f.status, f.low, f.high, f.best),
            (Status::Conflicting, Some(12), Some(14), Some(12)),
            "of values as many sources state, the least"
        );
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
