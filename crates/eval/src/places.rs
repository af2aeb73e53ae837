//! GVA: the place of the event an article reports vs the incident's city
//! and state.
//!
//! Each article with an incident record is read, cleaned, annotated and
//! geoparsed; its event place is chosen by [`sitrep_geo::event_place`]. It
//! is right when its name is the incident's city (or the town or county in
//! parentheses: "Miami (Cutler Bay)", "Webster (county)") and its
//! first-level division is the incident's state. Names compare through
//! [`sitrep_geo::name_key`], so "St. Louis" is "Saint Louis".

use std::path::Path;

use serde::Deserialize;
use sitrep_extract::Words;
use sitrep_geo::{Gazetteer, Geoparser, Outlets, name_key};
use sitrep_model::Place;

use crate::{Report, Result, gva};

#[derive(Deserialize)]
struct Incident {
    #[serde(default)]
    city_or_county: String,
    #[serde(default)]
    state: String,
}

/// An article's incident: the keys of its city, its state, and how the
/// misses name it.
struct Gold {
    city: Vec<String>,
    state: String,
    label: String,
}

/// The keys a right answer's name may have: "Miami (Cutler Bay)" gives
/// `miami` and `cutlerbay`; "Webster (county)" and "Noble County" give the
/// county's name with and without "county".
pub(crate) fn city_keys(city: &str) -> Vec<String> {
    let (main, paren) = match city.split_once('(') {
        Some((m, p)) => (m.trim(), Some(p.trim_end_matches(')').trim())),
        None => (city.trim(), None),
    };
    let mut keys = vec![name_key(main)];
    let county = paren.is_some_and(|p| p.eq_ignore_ascii_case("county")) || main.ends_with(" County");
    if county {
        let bare = main.trim_end_matches(" County");
        keys.push(name_key(bare));
        keys.push(name_key(&format!("{bare} County")));
    } else if let Some(p) = paren {
        keys.push(name_key(p));
    }
    keys
}

/// Whether a place is the incident's city, and in its state. Both go
/// through the gazetteer's spellings: the city "Washington" in the state
/// "District of Columbia" is the entry "Washington, D.C.", so a place is the
/// city when its name is one of the city's keys or when it is an entry one
/// of those keys names.
fn is_right(gaz: &Gazetteer, place: &Place, city: &[String], state: &str) -> (bool, bool) {
    let named_entry = |key: &String| {
        place.geonames_id.is_some() && gaz.lookup(key).any(|i| gaz.entry(i).geonames_id == place.geonames_id)
    };
    let name_ok =
        city.contains(&name_key(&place.name)) || city.contains(&name_key(&place.text)) || city.iter().any(named_entry);
    let gold_state = gaz.admin1(*b"US", state).map(|i| gaz.entry(i).name.as_str()).unwrap_or(state);
    let state_ok =
        place.country == "US" && place.admin1.as_deref().is_some_and(|a| name_key(a) == name_key(gold_state));
    (name_ok, state_ok)
}

/// Score sitrep's event places on the GVA set in `dir`.
pub fn evaluate(dir: &Path) -> Result<Report> {
    let geoparser = Geoparser::default();
    let gaz = geoparser.gazetteer();
    // Every article geoparsed, then those of outlets whose home their
    // place lies outside read again, as a run does.
    let (mut docs, mut gold) = (Vec::new(), Vec::new());
    let skipped = gva::each_article(dir, |inc: &Incident, doc, words| {
        geoparser.annotate_document(doc, words);
        gold.push(Gold {
            city: city_keys(&inc.city_or_county),
            state: inc.state.clone(),
            label: format!("{}, {}", inc.city_or_county, inc.state),
        });
        docs.push(doc.clone());
    })?;
    let mut outlets = Outlets::default();
    let homes = geoparser.outlet_homes(&mut outlets, &docs);
    let (mut n, mut none, mut among) = (0usize, 0usize, 0usize);
    let (mut right, mut city_right, mut state_right) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for ((Gold { city, state, label }, mut doc), outlet_home) in gold.into_iter().zip(docs).zip(homes) {
        let words = Words::new(&doc.text);
        if outlet_home.is_some() {
            geoparser.annotate_document_at(&mut doc, &words, outlet_home);
        }
        outlets.place_unplaced(std::slice::from_mut(&mut doc));
        let Some(layers) = doc.annotations.as_ref() else { continue };
        n += 1;
        let Some(place) = layers.event_place.as_ref() else {
            none += 1;
            misses.push(format!("{}: gold {label}, ours none", doc.id.as_str()));
            continue;
        };
        let home = geoparser.document_home(&doc, outlet_home);
        let title_places = doc.title.as_deref().map(|t| geoparser.annotate_title(t, &words, &home)).unwrap_or_default();
        let (name_ok, state_ok) = is_right(gaz, place, &city, &state);
        // Whether the incident's city is among the article's places at all:
        // what a better choice among them could reach.
        among += usize::from(
            layers.places.iter().chain(&title_places).any(|p| is_right(gaz, p, &city, &state) == (true, true)),
        );
        city_right += usize::from(name_ok);
        state_right += usize::from(state_ok);
        right += usize::from(name_ok && state_ok);
        if !(name_ok && state_ok) {
            let sentence = layers
                .sentences
                .get(place.sentence)
                .and_then(|s| doc.text.get(s.span.start..s.span.end))
                .map(|t| t.chars().take(140).collect::<String>().replace('\n', " "))
                .unwrap_or_default();
            misses.push(format!(
                "{}: gold {label}, ours {} ({}, {}) from {:?} | {sentence}",
                doc.id.as_str(),
                place.name,
                place.admin1.as_deref().unwrap_or("-"),
                place.country,
                place.text
            ));
        }
    }
    let mut report = Report::new("gva/places");
    let ratio = |ok: usize| if n == 0 { 0.0 } else { ok as f64 / n as f64 };
    report.count("articles", n);
    skipped.report(&mut report);
    report.count("articles_without_place", none);
    report.ratio("accuracy", ratio(right));
    report.ratio("city_accuracy", ratio(city_right));
    report.ratio("state_accuracy", ratio(state_right));
    report.ratio("city_among_places", ratio(among));
    report.misses = misses;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_tiny_set() {
        let dir = std::env::temp_dir().join(format!("sitrep-gva-places-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(
            dir.join("incidents.jsonl"),
            "{\"incident_uri\": \"1\", \"city_or_county\": \"Saint Louis (Jennings)\", \"state\": \"Missouri\"}\n\
             {\"incident_uri\": \"2\", \"city_or_county\": \"Springfield\", \"state\": \"Illinois\"}\n",
        )
        .expect("write");
        std::fs::write(
            dir.join("articles.jsonl"),
            "{\"incident_id\": \"1\", \"doc_id\": \"a\", \"content\": \"Two men were shot in St. Louis on Sunday, police said.\"}\n\
             {\"incident_id\": \"2\", \"doc_id\": \"b\", \"content\": \"A man was shot in Springfield, Massachusetts, on Monday.\"}\n",
        )
        .expect("write");
        let r = evaluate(&dir).expect("evaluates");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(r.metrics["articles"], serde_json::json!(2));
        assert_eq!(r.metrics["accuracy"], serde_json::json!(0.5), "{:?}", r.misses);
        assert_eq!(r.metrics["city_accuracy"], serde_json::json!(1.0));
    }

    #[test]
    fn city_keys_take_parentheses_and_counties() {
        assert_eq!(city_keys("Miami (Cutler Bay)"), ["miami", "cutlerbay"]);
        assert!(city_keys("Webster (county)").contains(&name_key("Webster County")));
        assert!(city_keys("Noble County").contains(&name_key("Noble")));
        assert_eq!(city_keys("Saint Louis (Jennings)"), [name_key("St. Louis"), name_key("Jennings")]);
    }
}
