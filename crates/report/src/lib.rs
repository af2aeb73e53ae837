//! Writers for sitrep's results: the JSON contract (`spec/OUTPUT.md`), JSON
//! Lines, a Markdown situation report with citations, ACLED-compatible CSV
//! and GeoJSON.
//!
//! ```
//! use sitrep_report::{write, Format};
//!
//! let mut out = Vec::new();
//! write(&mut out, Format::Json, &[], &[])?;
//! let v: serde_json::Value = serde_json::from_slice(&out)?;
//! assert!(v["documents"].is_array() && v["events"].is_array());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod markdown;
mod table;

use std::io::{self, Write};

use serde::Serialize;
use sitrep_model::{Document, Event};

pub use markdown::escape;

/// Output formats of `sitrep run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// One JSON object `{"documents": [...], "events": [...]}`.
    Json,
    /// One JSON object per line: every document, then every event, each
    /// tagged with `"record": "document" | "event"`.
    Jsonl,
    /// A situation report for people.
    Markdown,
    /// One row per event, ACLED's column names where they apply.
    Csv,
    /// A GeoJSON FeatureCollection of the events.
    GeoJson,
}

#[derive(Serialize)]
struct Output<'a> {
    documents: &'a [Document],
    events: &'a [Event],
}

#[derive(Serialize)]
struct Tagged<'a, T> {
    record: &'static str,
    #[serde(flatten)]
    item: &'a T,
}

/// Write documents and events in `format`.
pub fn write(out: &mut impl Write, format: Format, documents: &[Document], events: &[Event]) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &Output { documents, events })?;
            writeln!(out)
        }
        Format::Jsonl => {
            for d in documents {
                serde_json::to_writer(&mut *out, &Tagged { record: "document", item: d })?;
                writeln!(out)?;
            }
            for e in events {
                serde_json::to_writer(&mut *out, &Tagged { record: "event", item: e })?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Markdown => markdown::write(out, documents, events),
        Format::Csv => table::write_csv(out, documents, events),
        Format::GeoJson => table::write_geojson(out, events),
    }
}
