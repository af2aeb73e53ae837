//! TempEval-3 (TBAQ-cleaned): detection and normalisation of time expressions.
//! (Being written: see issue #3.)

use std::path::Path;

use crate::{Report, Result};

/// Score sitrep's time annotator on a TempEval-3 JSON Lines file.
pub fn evaluate(_path: &Path) -> Result<Report> {
    Ok(Report::new("tempeval3"))
}
