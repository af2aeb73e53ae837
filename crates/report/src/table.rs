//! Events as rows: ACLED-compatible CSV and GeoJSON.
//!
//! The CSV keeps ACLED's column names where they apply (`event_id_cnty`,
//! `event_date`, `year`, `time_precision`, `event_type`, `sub_event_type`,
//! `actor1`, `actor2`, `iso` (here the alpha-2 code), `location`,
//! `latitude`, `longitude`, `source`, `notes` (the first mention),
//! `fatalities`), then sitrep's own: each fact's status and range, and its
//! claims as `value [source] (speaker)` joined by ` | `. A cell that a
//! spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
//! tab or carriage return) is prefixed with `'`: article text is untrusted.

use std::collections::HashMap;
use std::fmt::Display;
use std::io::{self, Write};

use serde_json::{Value, json};
use sitrep_model::{Claim, DateValue, DocId, Document, Event, Fact, Precision, Status};

const COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "iso",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
    "date_status",
    "location_status",
    "killed_status",
    "killed_low",
    "killed_high",
    "killed_claims",
    "injured",
    "injured_status",
    "injured_low",
    "injured_high",
    "injured_claims",
    "perpetrator_status",
    "perpetrator_claims",
    "weapon",
    "related",
    "sources",
];

fn status(s: Status) -> &'static str {
    match s {
        Status::Agreed => "agreed",
        Status::Conflicting => "conflicting",
        Status::SingleSource => "single_source",
        _ => "unknown",
    }
}

/// Neutralise what a spreadsheet would run as a formula.
fn cell(s: impl Into<String>) -> String {
    let s = s.into();
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s }
}

fn opt<T: Display>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// ACLED's time precision: 1 the day is known, 2 the week or so, 3 the
/// month or less.
fn time_precision(d: &DateValue) -> u8 {
    match d.precision() {
        Precision::Day => 1,
        _ => 3,
    }
}

fn claims<T>(fact: Option<&Fact<T>>, value: impl Fn(&T) -> String, names: &HashMap<&DocId, String>) -> String {
    let Some(f) = fact else { return String::new() };
    f.claims
        .iter()
        .map(|c: &Claim<T>| {
            let mut s = format!(
                "{}{} [{}]",
                c.qualifier.as_deref().map(|q| format!("{q} ")).unwrap_or_default(),
                value(&c.value),
                names.get(&c.doc).map_or(c.doc.as_str(), String::as_str)
            );
            if let Some(sp) = &c.speaker {
                s.push_str(&format!(" ({sp})"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A short name for each document: its outlet or title, else its path.
fn names(documents: &[Document]) -> HashMap<&DocId, String> {
    documents
        .iter()
        .map(|d| (&d.id, d.outlet.clone().or_else(|| d.title.clone()).unwrap_or_else(|| d.path.clone())))
        .collect()
}

/// Write the events as CSV, one row each.
pub fn write_csv(out: &mut impl Write, documents: &[Document], events: &[Event]) -> io::Result<()> {
    let names = names(documents);
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for e in events {
        let f = &e.facts;
        let date = f.date.as_ref().and_then(|d| d.best);
        let loc = f.location.as_ref().and_then(|l| l.best.as_ref());
        let killed = f.killed.as_ref();
        let injured = f.injured.as_ref();
        let perpetrator = f.perpetrator.as_ref();
        let notes = e.mentions.first().map(|m| m.text.clone()).unwrap_or_default();
        let row: Vec<String> = vec![
            e.id.to_string(),
            opt(date),
            opt(date.map(|d| d.year)),
            opt(date.map(|d| time_precision(&d))),
            e.event_type.as_str().to_string(),
            e.sub_type.clone(),
            opt(perpetrator.and_then(|p| p.best.clone())),
            opt(f.target.as_ref().and_then(|t| t.best.clone())),
            opt(loc.and_then(|l| l.country.clone())),
            opt(loc.map(|l| l.name.clone())),
            opt(loc.and_then(|l| l.lat)),
            opt(loc.and_then(|l| l.lon)),
            e.sources.iter().map(|s| names.get(s).map_or(s.as_str(), String::as_str)).collect::<Vec<_>>().join("; "),
            notes,
            opt(killed.and_then(|k| k.best)),
            opt(f.date.as_ref().map(|d| status(d.status))),
            opt(f.location.as_ref().map(|d| status(d.status))),
            opt(killed.map(|k| status(k.status))),
            opt(killed.and_then(|k| k.low)),
            opt(killed.and_then(|k| k.high)),
            claims(killed, |v| v.to_string(), &names),
            opt(injured.and_then(|k| k.best)),
            opt(injured.map(|k| status(k.status))),
            opt(injured.and_then(|k| k.low)),
            opt(injured.and_then(|k| k.high)),
            claims(injured, |v| v.to_string(), &names),
            opt(perpetrator.map(|k| status(k.status))),
            claims(perpetrator, String::clone, &names),
            opt(f.weapon.as_ref().and_then(|w| w.best.clone())),
            e.related.iter().map(|r| format!("{} {}", r.relation, r.event)).collect::<Vec<_>>().join("; "),
            e.sources.len().to_string(),
        ];
        w.write_record(row.into_iter().map(cell))?;
    }
    w.flush()
}

/// Write the events as a GeoJSON FeatureCollection (RFC 7946): a point per
/// event at its best place, `null` geometry where none is known, and its
/// best facts as properties.
pub fn write_geojson(out: &mut impl Write, events: &[Event]) -> io::Result<()> {
    let features: Vec<Value> = events
        .iter()
        .map(|e| {
            let f = &e.facts;
            let loc = f.location.as_ref().and_then(|l| l.best.as_ref());
            let geometry = match loc.and_then(|l| l.lat.zip(l.lon)) {
                Some((lat, lon)) => json!({"type": "Point", "coordinates": [lon, lat]}),
                None => Value::Null,
            };
            let count = |c: Option<&Fact<u64>>| {
                c.map(|c| json!({"best": c.best, "low": c.low, "high": c.high, "status": status(c.status)}))
            };
            json!({
                "type": "Feature",
                "id": e.id.to_string(),
                "geometry": geometry,
                "properties": {
                    "type": e.event_type.as_str(),
                    "sub_type": e.sub_type,
                    "date": f.date.as_ref().and_then(|d| d.best).map(|d| d.to_string()),
                    "place": loc.map(|l| l.name.clone()),
                    "country": loc.and_then(|l| l.country.clone()),
                    "killed": count(f.killed.as_ref()),
                    "injured": count(f.injured.as_ref()),
                    "perpetrator": f.perpetrator.as_ref().and_then(|p| p.best.clone()),
                    "weapon": f.weapon.as_ref().and_then(|p| p.best.clone()),
                    "sources": e.sources.len(),
                    "related": e.related.iter().map(|r| json!({"event": r.event.to_string(), "relation": r.relation})).collect::<Vec<_>>(),
                }
            })
        })
        .collect();
    serde_json::to_writer(&mut *out, &json!({"type": "FeatureCollection", "features": features}))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-1+2"), "'-1+2");
        assert_eq!(cell("Camp Taji"), "Camp Taji");
    }
}
