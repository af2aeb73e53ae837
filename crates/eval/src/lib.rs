//! Evaluation of sitrep against public gold sets. Each evaluation reads a
//! set in its published format, runs sitrep's own stages on it, and returns
//! a [`Report`]: metrics for scripts (`{"set": ..., "metrics": {...}}`) and
//! a table, with examples of misses, for people.

pub mod counts;
pub mod ecbplus;
pub mod events;
pub mod extraction;
mod gva;
pub mod places;
pub mod tempeval;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("reading {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Format { path: PathBuf, line: usize, message: String },
}

pub type Result<T> = std::result::Result<T, Error>;

/// The outcome of one evaluation.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// Which gold set, e.g. "tempeval3/tbaq_cleaned".
    pub set: String,
    /// Metric name to value (ratios in 0..=1, counts as integers).
    pub metrics: BTreeMap<String, serde_json::Value>,
    /// Every miss, one line each, for people reading the table.
    #[serde(skip)]
    pub misses: Vec<String>,
}

impl Report {
    pub fn new(set: impl Into<String>) -> Report {
        Report { set: set.into(), ..Report::default() }
    }

    /// Record a ratio (rounded to 4 places).
    pub fn ratio(&mut self, name: &str, value: f64) {
        let v = if value.is_finite() { (value * 10_000.0).round() / 10_000.0 } else { 0.0 };
        self.metrics.insert(name.to_string(), serde_json::json!(v));
    }

    /// Record a count.
    pub fn count(&mut self, name: &str, value: usize) {
        self.metrics.insert(name.to_string(), serde_json::json!(value));
    }

    /// The report as a table for people, with `shown` misses spread evenly
    /// over the set.
    pub fn table(&self, shown: usize) -> String {
        let mut out = String::new();
        let width = self.metrics.keys().map(String::len).max().unwrap_or(0);
        let _ = writeln!(out, "{}", self.set);
        for (k, v) in &self.metrics {
            let _ = writeln!(out, "  {k:<width$}  {v}");
        }
        let total = self.misses.len();
        if total > 0 && shown > 0 {
            let shown = shown.min(total);
            let _ = writeln!(out, "\n{shown} of {total} misses:");
            for k in 0..shown {
                let _ = writeln!(out, "  {}", self.misses[k * total / shown]);
            }
        }
        out
    }
}

/// A whole file as text.
pub(crate) fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })
}

/// The records of a JSON Lines text read from `path`, each with its 1-based
/// line number and its line; blank lines are skipped, a line that is not a
/// record is an error naming the file and the line.
pub(crate) fn json_lines<'a, T: serde::de::DeserializeOwned>(
    path: &'a Path,
    data: &'a str,
) -> impl Iterator<Item = Result<(usize, &'a str, T)>> + 'a {
    data.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()).map(move |(i, line)| {
        serde_json::from_str(line).map(|rec| (i + 1, line, rec)).map_err(|e| Error::Format {
            path: path.to_path_buf(),
            line: i + 1,
            message: e.to_string(),
        })
    })
}

/// Precision, recall and F1 from true positives, false positives and false negatives.
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
    let r = if tp + fn_ == 0 { 0.0 } else { tp as f64 / (tp + fn_) as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_of_simple_counts() {
        assert_eq!(prf(0, 0, 0), (0.0, 0.0, 0.0));
        let (p, r, f) = prf(8, 2, 8);
        assert!((p - 0.8).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.615_384_6).abs() < 1e-6);
    }

    #[test]
    fn report_serialises_set_and_metrics() {
        let mut r = Report::new("x");
        r.ratio("f1", 0.123_456);
        r.count("n", 3);
        let v = serde_json::to_value(&r).expect("serialises");
        assert_eq!(v, serde_json::json!({"set": "x", "metrics": {"f1": 0.1235, "n": 3}}));
        assert!(r.table(16).contains("f1"));
        r.misses = (0..10).map(|i| i.to_string()).collect();
        let table = r.table(3);
        assert!(table.contains("3 of 10 misses:\n  0\n  3\n  6\n"), "{table}");
        assert!(!r.table(0).contains("misses"));
    }
}
