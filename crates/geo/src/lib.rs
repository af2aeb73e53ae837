//! An offline geoparser: place names found in text and resolved to
//! coordinates on a gazetteer made from GeoNames, with a curated supplement
//! of the bases, airports, crossings and camps conflict reporting names.
//!
//! ```
//! use sitrep_extract::{Words, sentences};
//! use sitrep_geo::Geoparser;
//!
//! let text = "Rockets struck Camp Taji, 27km north of Baghdad, on Wednesday.";
//! let words = Words::new(text);
//! let sents = sentences::split(text);
//! let places = Geoparser::default().annotate(text, &words, &sents, &[]);
//! assert_eq!(places[0].name, "Camp Taji");
//! ```

mod cues;
pub mod gazetteer;
pub mod import;
mod names;
pub mod outlets;
mod recognize;
mod source;

pub use gazetteer::{Entry, Gazetteer, GazetteerError, Kind, SharedGazetteer, distance_km, within_km};
pub use names::name_key;
pub use outlets::Outlets;
pub use recognize::{Geoparser, event_place, is_unlisted, place_mentions};
