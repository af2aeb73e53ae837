//! GVA: the events sitrep fuses from the articles vs the incidents they
//! report.
//!
//! Every article with an incident record goes through sitrep's whole
//! pipeline (clean, annotate, geoparse, resolve across all articles). An
//! article's event is the violent event holding most of its mentions (the
//! first of equals), else its event with most mentions; an article with no
//! event is an event of its own.
//!
//! - Grouping: the articles grouped by event vs by incident, scored with
//!   B-cubed precision, recall and F1 (per article: the share of its
//!   event's articles that report its incident, and the share of its
//!   incident's articles in its event). One event per article scores
//!   precision 1 and a recall that is the mean of 1 / incident size.
//! - Fields, per incident: the event most of its articles are in, and
//!   whether its best date is the incident's date, its best place the
//!   incident's city (as `sitrep eval places` compares them), its best
//!   killed and injured the incident's (an event that states none counts
//!   as 0: GVA records zeros).
//!
//! An article listed under two incidents keeps the first.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use sitrep_geo::{Geoparser, name_key};
use sitrep_model::{DateValue, Document, Event};

use crate::places::city_keys;
use crate::{Report, Result, gva};

#[derive(Deserialize)]
struct Incident {
    incident_uri: serde_json::Value,
    #[serde(default)]
    date: String,
    #[serde(default)]
    city_or_county: String,
    num_killed: Option<u64>,
    num_injured: Option<u64>,
}

/// Score sitrep's events on the GVA set in `dir`.
pub fn evaluate(dir: &Path) -> Result<Report> {
    let geoparser = Geoparser::default();
    let mut docs: Vec<Document> = Vec::new();
    let mut incident_of: Vec<String> = Vec::new();
    let mut incidents: BTreeMap<String, Incident> = BTreeMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    let skipped = gva::each_article(dir, |inc: &Incident, doc, words| {
        if !seen.insert(doc.id.0.clone()) {
            return;
        }
        geoparser.annotate_document(doc, words);
        let key = gva::id(&inc.incident_uri);
        incidents.entry(key.clone()).or_insert_with(|| Incident {
            incident_uri: inc.incident_uri.clone(),
            date: inc.date.clone(),
            city_or_county: inc.city_or_county.clone(),
            num_killed: inc.num_killed,
            num_injured: inc.num_injured,
        });
        incident_of.push(key);
        docs.push(doc.clone());
    })?;
    // Read again with their outlet's home, as a run does.
    let mut outlets = sitrep_geo::Outlets::default();
    let homes = geoparser.outlet_homes(&mut outlets, &docs);
    for (doc, home) in docs.iter_mut().zip(homes).filter(|(_, home)| home.is_some()) {
        let words = sitrep_extract::Words::new(&doc.text);
        geoparser.annotate_document_at(doc, &words, home);
    }
    outlets.place_unplaced(&mut docs);
    let events = sitrep_resolve::resolve(&docs);
    let event_of = article_events(&docs, &events);

    let mut report = Report::new("gva/events");
    let (p, r, f) = bcubed(&event_of, &incident_of);
    report.count("articles", docs.len());
    skipped.report(&mut report);
    report.count("articles_without_event", event_of.iter().filter(|e| e.is_none()).count());
    report.count("events", events.len());
    report.count("incidents", incidents.len());
    report.ratio("bcubed_precision", p);
    report.ratio("bcubed_recall", r);
    report.ratio("bcubed_f1", f);
    let singletons: Vec<Option<usize>> = (0..docs.len()).map(Some).collect();
    report.ratio("bcubed_f1_one_event_per_article", bcubed(&singletons, &incident_of).2);

    // Per incident: the event most of its articles are in.
    let mut by_incident: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (a, inc) in incident_of.iter().enumerate() {
        by_incident.entry(inc.as_str()).or_default().push(a);
    }
    let (mut date_ok, mut city_ok, mut killed_ok, mut injured_ok, mut n) = (0, 0, 0, 0, 0usize);
    for (key, articles) in &by_incident {
        let inc = &incidents[*key];
        n += 1;
        let Some(e) = majority(articles.iter().filter_map(|&a| event_of[a])) else {
            report.misses.push(format!("incident {key}: no event in {} article(s)", articles.len()));
            continue;
        };
        let event = &events[e];
        let facts = &event.facts;
        let date = facts.date.as_ref().and_then(|f| f.best);
        let gold_date = parse_gva_date(&inc.date);
        let d_ok = date.is_some() && date == gold_date;
        let place = facts.location.as_ref().and_then(|f| f.best.as_ref());
        let c_ok = place.is_some_and(|l| city_keys(&inc.city_or_county).contains(&name_key(&l.name)));
        let best = |f: &Option<sitrep_model::Fact<u64>>| f.as_ref().and_then(|f| f.best).unwrap_or(0);
        let (killed, injured) = (best(&facts.killed), best(&facts.injured));
        let k_ok = killed == inc.num_killed.unwrap_or(0);
        let i_ok = injured == inc.num_injured.unwrap_or(0);
        date_ok += usize::from(d_ok);
        city_ok += usize::from(c_ok);
        killed_ok += usize::from(k_ok);
        injured_ok += usize::from(i_ok);
        if !(d_ok && c_ok && k_ok && i_ok) {
            report.misses.push(format!(
                "incident {key}: gold {} {} {}k/{}i, ours {} {} {killed}k/{injured}i ({} article(s), event {})",
                gold_date.map(|d| d.to_string()).unwrap_or_default(),
                inc.city_or_county,
                inc.num_killed.unwrap_or(0),
                inc.num_injured.unwrap_or(0),
                date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                place.map_or("-", |l| l.name.as_str()),
                articles.len(),
                event.id,
            ));
        }
    }
    let ratio = |ok: usize| if n == 0 { 0.0 } else { ok as f64 / n as f64 };
    report.ratio("date_accuracy", ratio(date_ok));
    report.ratio("city_accuracy", ratio(city_ok));
    report.ratio("killed_accuracy", ratio(killed_ok));
    report.ratio("injured_accuracy", ratio(injured_ok));
    Ok(report)
}

/// Each article's event: the violent event with most of its mentions (an
/// event read from its headline alone has none, and counts as one), else
/// the event with most of its mentions.
fn article_events(docs: &[Document], events: &[Event]) -> Vec<Option<usize>> {
    let index: HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let mut counts: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); docs.len()];
    for (e, event) in events.iter().enumerate() {
        for s in &event.sources {
            if let Some(&a) = index.get(s.as_str()) {
                counts[a].entry(e).or_default();
            }
        }
        for m in &event.mentions {
            if let Some(&a) = index.get(m.doc.as_str()) {
                *counts[a].entry(e).or_default() += 1;
            }
        }
    }
    // Violent events first: an article on an arrest reports the shooting.
    let violent = |e: usize| events[e].event_type.is_violent();
    counts
        .iter()
        .map(|c| c.iter().max_by_key(|&(&e, &n)| (violent(e), n.max(1), std::cmp::Reverse(e))).map(|(e, _)| *e))
        .collect()
}

/// The value most often given (the least of equals).
fn majority(values: impl Iterator<Item = usize>) -> Option<usize> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(v, n)| (n, std::cmp::Reverse(v))).map(|(v, _)| v)
}

/// B-cubed precision, recall and F1 of a clustering against gold classes;
/// an item with no cluster is a cluster of its own.
fn bcubed<G: Eq + std::hash::Hash>(cluster_of: &[Option<usize>], gold_of: &[G]) -> (f64, f64, f64) {
    let n = cluster_of.len();
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let mut clusters: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, c) in cluster_of.iter().enumerate() {
        if let Some(c) = c {
            clusters.entry(*c).or_default().push(i);
        }
    }
    let mut gold_size: HashMap<&G, usize> = HashMap::new();
    for g in gold_of {
        *gold_size.entry(g).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let members: &[usize] = match cluster_of[i] {
            Some(c) => &clusters[&c],
            None => std::slice::from_ref(&i),
        };
        let both = members.iter().filter(|&&j| gold_of[j] == gold_of[i]).count() as f64;
        p += both / members.len() as f64;
        r += both / gold_size[&gold_of[i]] as f64;
    }
    let (p, r) = (p / n as f64, r / n as f64);
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// "April 10, 2017" → 2017-04-10.
fn parse_gva_date(s: &str) -> Option<DateValue> {
    let date = jiff::civil::Date::strptime("%B %d, %Y", s.trim()).ok()?;
    Some(DateValue::from(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcubed_scores_splits_and_merges() {
        // Gold: {0, 1} {2}. One cluster of all: precision (1/3 of wrong pairs).
        let gold = ["a", "a", "b"];
        let (p, r, _) = bcubed(&[Some(0), Some(0), Some(0)], &gold);
        assert!((p - (2.0 / 3.0 * 2.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9);
        assert!((r - 1.0).abs() < 1e-9);
        // Every item alone: precision 1, recall (1/2 + 1/2 + 1) / 3.
        let (p, r, _) = bcubed(&[None, None, None], &gold);
        assert_eq!(p, 1.0);
        assert!((r - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(bcubed(&[Some(0), Some(0), Some(1)], &gold).2, 1.0);
    }

    #[test]
    fn gva_dates_parse() {
        assert_eq!(parse_gva_date("April 10, 2017").map(|d| d.to_string()).as_deref(), Some("2017-04-10"));
        assert_eq!(parse_gva_date("soon"), None);
    }

    #[test]
    fn scores_a_tiny_set() {
        let dir = std::env::temp_dir().join(format!("sitrep-gva-events-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(
            dir.join("incidents.jsonl"),
            "{\"incident_uri\": \"1\", \"date\": \"March 5, 2017\", \"city_or_county\": \"Springfield\", \
              \"state\": \"Illinois\", \"num_killed\": 1, \"num_injured\": 0}\n",
        )
        .expect("write");
        let article = |id: &str| {
            format!(
                "{{\"incident_id\": \"1\", \"doc_id\": \"{id}\", \"dct\": \"2017-03-06\", \"content\": \
                 \"A man was shot and killed in Springfield on Sunday night, police said. ({id})\"}}\n"
            )
        };
        std::fs::write(dir.join("articles.jsonl"), article("a") + &article("b")).expect("write");
        let r = evaluate(&dir).expect("evaluates");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(r.metrics["articles"], serde_json::json!(2));
        assert_eq!(r.metrics["bcubed_f1"], serde_json::json!(1.0), "{:?}", r.misses);
        assert_eq!(r.metrics["date_accuracy"], serde_json::json!(1.0), "{:?}", r.misses);
        assert_eq!(r.metrics["killed_accuracy"], serde_json::json!(1.0), "{:?}", r.misses);
    }
}
