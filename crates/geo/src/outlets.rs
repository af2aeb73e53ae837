//! Where an outlet reports from, learned from its reports in one batch.
//!
//! A local paper or station writes about its own region: most of the
//! reports a batch holds from `ksla.com` place their event in Louisiana.
//! An address that names no place ([`crate::Geoparser::home`] finds none in
//! `ksla.com`) still tells this through the outlet's other reports. When
//! at least [`MIN_REPORTS`] other reports of an outlet have an event place,
//! and most of them lie in one province, that province is
//! the outlet's home. It weighs as a province the address named would: a
//! namesake in it is preferred, and a report that names another province
//! keeps it.
//!
//! A report's own place does not vote for itself (leave one out), so an
//! outlet's home is never just what a report said of itself.
//!
//! A report that names no place at all (a headline and a paywall, a story
//! that only names streets) most likely happened in the outlet's home
//! town: the town or site most of its other placed reports lie in, when
//! there are [`MIN_REPORTS`] or more of them ([`Outlets::place_unplaced`]).

use std::collections::HashMap;

use sitrep_model::{Document, Place, PlacePrecision, Span};

use crate::gazetteer::Gazetteer;

/// The fewest other placed reports of an outlet that tell its home.
pub const MIN_REPORTS: usize = 3;

/// The [`Place::basis`] of a place told by the outlet's other reports.
pub const OUTLET_BASIS: &str = "where most of its outlet's reports happened";

/// The provinces each outlet's reports place their events in.
#[derive(Debug, Default)]
pub struct Outlets {
    by_outlet: HashMap<String, Tally>,
}

#[derive(Debug, Default)]
struct Tally {
    /// Reports with an event place.
    placed: usize,
    /// Of those, how many lie in each province (gazetteer entries).
    provinces: HashMap<u32, usize>,
    /// And in each town or site, by name and province, with its place.
    towns: HashMap<(String, Option<String>), (usize, Place)>,
}

impl Outlets {
    /// Count where `docs`, already geoparsed, place their events; then, for
    /// each of them, the home of its outlet to read it again with: where
    /// its event place lies outside that home or is unknown.
    pub fn learn_homes(&mut self, gaz: &Gazetteer, docs: &[Document]) -> Vec<Option<u32>> {
        for doc in docs {
            let (Some(outlet), Some(place)) = (outlet(doc), event_place(doc)) else { continue };
            let tally = self.by_outlet.entry(outlet).or_default();
            tally.placed += 1;
            if let Some(p) = province(gaz, place) {
                *tally.provinces.entry(p).or_default() += 1;
            }
            if matches!(place.precision, PlacePrecision::Town | PlacePrecision::Site) {
                let key = (place.name.clone(), place.admin1.clone());
                tally.towns.entry(key).or_insert_with(|| (0, place.clone())).0 += 1;
            }
        }
        docs.iter()
            .map(|doc| {
                let own = event_place(doc);
                let home = self.home(gaz, &outlet(doc)?, own)?;
                (own.and_then(|p| province(gaz, p)) != Some(home)).then_some(home)
            })
            .collect()
    }

    /// Give each of `docs` that has no event place the home town of its
    /// outlet, where most of the outlet's placed reports lie (all of them
    /// other reports: a report with no place never voted), as a place of
    /// no span with [`OUTLET_BASIS`].
    pub fn place_unplaced(&self, docs: &mut [Document]) {
        for doc in docs {
            let Some(tally) = outlet(doc).and_then(|o| self.by_outlet.get(&o)) else { continue };
            let Some(layers) = doc.annotations.as_mut().filter(|l| l.event_place.is_none()) else { continue };
            let Some((n, town)) = tally.towns.values().max_by(|a, b| a.0.cmp(&b.0).then(b.1.name.cmp(&a.1.name)))
            else {
                continue;
            };
            if tally.placed >= MIN_REPORTS && 2 * n > tally.placed {
                layers.event_place = Some(Place {
                    span: Span::new(0, 0),
                    text: town.name.clone(),
                    description: None,
                    sentence: 0,
                    basis: Some(OUTLET_BASIS.into()),
                    ..town.clone()
                });
            }
        }
    }

    /// The home of `outlet` told by its reports other than one whose event
    /// place is `own` (a gazetteer entry of a province).
    fn home(&self, gaz: &Gazetteer, outlet: &str, own: Option<&Place>) -> Option<u32> {
        let tally = self.by_outlet.get(outlet)?;
        let own_province = own.and_then(|p| province(gaz, p));
        let others = tally.placed.saturating_sub(usize::from(own.is_some()));
        let votes = |(&p, &n): (&u32, &usize)| (n.saturating_sub(usize::from(own_province == Some(p))), p);
        let (n, home) = tally.provinces.iter().map(votes).max()?;
        (others >= MIN_REPORTS && 2 * n > others).then_some(home)
    }
}

/// Who published a report: the host of its web address
/// ([`crate::source::outlet`]), else the outlet it names.
fn outlet(doc: &Document) -> Option<String> {
    match doc.url.as_deref().and_then(crate::source::outlet) {
        Some(host) => Some(host),
        None => doc.outlet.as_deref().map(|o| o.trim().to_lowercase()).filter(|o| !o.is_empty()),
    }
}

fn event_place(doc: &Document) -> Option<&Place> {
    doc.annotations.as_ref()?.event_place.as_ref()
}

/// The province (gazetteer entry) a place lies in.
pub(crate) fn province(gaz: &Gazetteer, place: &Place) -> Option<u32> {
    let country = <[u8; 2]>::try_from(place.country.as_bytes()).ok()?;
    gaz.admin1(country, place.admin1.as_deref()?)
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use sitrep_clean::Cleaner;
    use sitrep_extract::{Annotator, Words};
    use sitrep_ingest::{ReaderConfig, read_bytes};

    use super::*;
    use crate::Geoparser;

    static PIPELINE: LazyLock<(Cleaner, Annotator, Geoparser)> =
        LazyLock::new(|| (Cleaner::default(), Annotator::default(), Geoparser::default()));

    /// A report at `url`, cleaned, annotated and geoparsed.
    fn report(url: &str, text: &str) -> Document {
        let (cleaner, annotator, geoparser) = &*PIPELINE;
        let mut raw = read_bytes("r.txt", text.as_bytes().to_vec(), &ReaderConfig::default())
            .into_iter()
            .next()
            .and_then(Result::ok)
            .expect("a document");
        raw.meta.url = Some(url.into());
        let mut doc = cleaner.clean(raw);
        let words = annotator.annotate(&mut doc);
        geoparser.annotate_document(&mut doc, &words);
        doc
    }

    fn province_of(doc: &Document) -> Option<String> {
        event_place(doc)?.admin1.clone()
    }

    /// Three reports of an outlet in Louisiana, and `last` from it too.
    fn batch(last: &str) -> Vec<Document> {
        let url = |i: usize| format!("https://www.dailyledger.com/story/{i}");
        let mut docs: Vec<Document> = ["Shreveport", "Monroe", "Lafayette"]
            .iter()
            .enumerate()
            .map(|(i, city)| report(&url(i), &format!("A man was shot in {city}, Louisiana, on Monday, police said.")))
            .collect();
        docs.push(report(&url(9), last));
        docs
    }

    #[test]
    fn a_report_is_read_again_with_the_province_its_outlets_other_reports_lie_in() {
        let (_, _, geoparser) = &*PIPELINE;
        let mut docs = batch("A man was shot in Minden on Tuesday night, police said.");
        let homes = Outlets::default().learn_homes(geoparser.gazetteer(), &docs);
        // The three that lie in Louisiana have nothing to learn.
        assert_eq!(homes[..3], [None, None, None]);
        let home = homes[3].expect("a home for the fourth");
        assert_eq!(geoparser.gazetteer().entry(home).name, "Louisiana");
        let last = &mut docs[3];
        let words = Words::new(&last.text);
        geoparser.annotate_document_at(last, &words, Some(home));
        assert_eq!(province_of(last).as_deref(), Some("Louisiana"), "{:?}", event_place(last));
    }

    #[test]
    fn a_report_that_names_its_province_keeps_it() {
        let (_, _, geoparser) = &*PIPELINE;
        let mut docs = batch("A man was shot in Springfield, Illinois, on Tuesday, police said.");
        let homes = Outlets::default().learn_homes(geoparser.gazetteer(), &docs);
        let words = Words::new(&docs[3].text);
        geoparser.annotate_document_at(&mut docs[3], &words, homes[3]);
        assert_eq!(province_of(&docs[3]).as_deref(), Some("Illinois"));
    }

    #[test]
    fn a_report_that_names_no_place_happened_in_its_outlets_home_town() {
        let (_, _, geoparser) = &*PIPELINE;
        let url = |i: usize| format!("https://www.dailyledger.com/story/{i}");
        let texts = [
            "A man was shot in Shreveport, Louisiana, on Monday, police said.",
            "Two women were wounded Friday night in Shreveport, police said.",
            "A teen was shot in Monroe, Louisiana, on Sunday.",
            "A woman was shot near Line Avenue on Tuesday night, police said.",
        ];
        let mut docs: Vec<Document> = texts.iter().enumerate().map(|(i, t)| report(&url(i), t)).collect();
        assert!(event_place(&docs[3]).is_none(), "{:?}", event_place(&docs[3]));
        let mut outlets = Outlets::default();
        outlets.learn_homes(geoparser.gazetteer(), &docs);
        outlets.place_unplaced(&mut docs);
        let place = event_place(&docs[3]).expect("the outlet's home town");
        assert_eq!((place.name.as_str(), place.basis.as_deref()), ("Shreveport", Some(OUTLET_BASIS)));
        assert!(place.span.is_empty());
        // Places the text names are kept.
        assert_eq!(event_place(&docs[2]).map(|p| p.name.as_str()), Some("Monroe"));
        // No town holds most of an outlet's reports: no home town.
        let mut docs: Vec<Document> = texts.iter().enumerate().map(|(i, t)| report(&url(i), t)).collect();
        docs[1] = report(&url(1), "Two women were wounded Friday night in Lafayette, Louisiana, police said.");
        let mut outlets = Outlets::default();
        outlets.learn_homes(geoparser.gazetteer(), &docs);
        outlets.place_unplaced(&mut docs);
        assert!(event_place(&docs[3]).is_none());
    }

    #[test]
    fn a_home_needs_three_other_reports_most_of_them_in_it() {
        let (_, _, geoparser) = &*PIPELINE;
        let gaz = geoparser.gazetteer();
        let docs = batch("A man was shot in Minden on Tuesday night, police said.");
        // Two others are too few: a report's own place never votes for it.
        assert!(Outlets::default().learn_homes(gaz, &docs[1..]).iter().all(Option::is_none));
        // Three of six elsewhere: no majority.
        let mut split = docs;
        for city in ["Austin", "Dallas", "Houston"] {
            let url = format!("https://www.dailyledger.com/{city}");
            split.push(report(&url, &format!("A woman was shot in {city}, Texas, on Friday.")));
        }
        let homes = Outlets::default().learn_homes(gaz, &split);
        assert!(homes[3].is_none(), "{homes:?}");
        // Another outlet's reports tell nothing of this one.
        let mut other = split[..3].to_vec();
        other.push(report("https://www.othertimes.com/a", "A man was shot in Minden on Tuesday night."));
        assert!(Outlets::default().learn_homes(gaz, &other).iter().all(Option::is_none));
    }
}
