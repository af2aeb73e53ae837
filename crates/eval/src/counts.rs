//! GVA: the killed and injured counts an article states vs the incident record.
//! (Being written: see issue #3.)

use std::path::Path;

use crate::{Report, Result};

/// Score sitrep's counts on the GVA set in `dir` (articles.jsonl, incidents.jsonl).
pub fn evaluate(_dir: &Path) -> Result<Report> {
    Ok(Report::new("gva/counts"))
}
