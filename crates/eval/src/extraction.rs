//! Article extraction: sitrep's main text of each page against the gold
//! article body, scored as the public article-extraction benchmark scores
//! it.
//!
//! The set is a folder with `ground-truth.json` (`{id: {"articleBody": …,
//! "url": …}}`) and `html/<id>.html.gz`. Each text is cut into
//! case-sensitive `\w+` tokens and those into 4-token shingles, counted as
//! multisets (a text of fewer tokens is one shingle). Per page, true and
//! false positives and false negatives are normalised to sum to one;
//! precision is averaged over pages with something extracted, recall over
//! pages with a gold body, and F1 is taken from the two averages.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use serde::Deserialize;

use crate::{Error, Report, Result};

#[derive(Deserialize)]
struct Gold {
    #[serde(rename = "articleBody", default)]
    article_body: String,
}

/// The shingles of 4 tokens of a text, with their counts.
fn shingles(text: &str) -> HashMap<String, u32> {
    let tokens: Vec<&str> =
        text.split(|c: char| !(c.is_alphanumeric() || c == '_' || is_mark(c))).filter(|t| !t.is_empty()).collect();
    let mut out = HashMap::new();
    let n = 4;
    let last = tokens.len().saturating_sub(n) + 1;
    for i in 0..last.max(1) {
        let shingle = tokens[i..(i + n).min(tokens.len())].join(" ");
        if !shingle.is_empty() {
            *out.entry(shingle).or_insert(0) += 1;
        }
    }
    out
}

/// Combining marks, which Python's `\w` counts as word characters.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5BD}' | '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{900}'..='\u{903}' | '\u{93A}'..='\u{94F}')
}

/// Normalised true positives, false positives and false negatives of a
/// page.
pub fn page_score(gold: &str, ours: &str) -> (f64, f64, f64) {
    let (g, o) = (shingles(gold), shingles(ours));
    let (mut tp, mut fp, mut fn_) = (0f64, 0f64, 0f64);
    for (k, &gc) in &g {
        let oc = o.get(k).copied().unwrap_or(0);
        tp += f64::from(gc.min(oc));
        fn_ += f64::from(gc.saturating_sub(oc));
    }
    for (k, &oc) in &o {
        fp += f64::from(oc.saturating_sub(g.get(k).copied().unwrap_or(0)));
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 { (tp / sum, fp / sum, fn_ / sum) } else { (0.0, 0.0, 0.0) }
}

/// Score sitrep's extraction on the set in `dir`.
pub fn evaluate(dir: &Path) -> Result<Report> {
    let gold_path = dir.join("ground-truth.json");
    let raw = std::fs::read(&gold_path).map_err(|source| Error::Io { path: gold_path.clone(), source })?;
    let gold: HashMap<String, Gold> = serde_json::from_slice(&raw).map_err(|e| Error::Format {
        path: gold_path.clone(),
        line: e.line(),
        message: e.to_string(),
    })?;
    let mut ids: Vec<&String> = gold.keys().collect();
    ids.sort();
    // Pages are read and decompressed first, then extracted in timed
    // passes; the side-by-side benchmark times trafilatura the same way.
    let mut pages = Vec::new();
    let mut missing = 0usize;
    for id in ids {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let Ok(file) = std::fs::File::open(&path) else {
            missing += 1;
            continue;
        };
        let mut html = Vec::new();
        if let Err(source) = flate2::read::GzDecoder::new(file).read_to_end(&mut html) {
            return Err(Error::Io { path, source });
        }
        pages.push((id, html));
    }
    // The median of five passes: one pass over the set takes some 50 ms,
    // short enough for a scheduler's hiccup to halve it.
    let mut passes = Vec::new();
    let mut articles = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        articles = pages.iter().map(|(_, html)| sitrep_html::read(html, None)).collect::<Vec<_>>();
        passes.push(started.elapsed());
    }
    passes.sort();
    let elapsed = passes[passes.len() / 2];
    let bytes: usize = pages.iter().map(|(_, html)| html.len()).sum();

    let (mut precision, mut recall) = ((0f64, 0usize), (0f64, 0usize));
    let mut scored = Vec::new();
    for ((id, _), article) in pages.iter().zip(&articles) {
        let (tp, fp, fn_) = page_score(&gold[*id].article_body, &article.text);
        if tp + fp > 0.0 {
            precision.0 += tp / (tp + fp);
            precision.1 += 1;
        }
        if tp + fn_ > 0.0 {
            recall.0 += tp / (tp + fn_);
            recall.1 += 1;
        }
        let f1 = if tp > 0.0 { 2.0 * tp / (2.0 * tp + fp + fn_) } else { 0.0 };
        let (p, r) = (safe_div(tp, tp + fp), safe_div(tp, tp + fn_));
        let chars = article.text.chars().count();
        scored.push((f1, format!("{id}: F1 {f1:.3} (P {p:.3}, R {r:.3}), {chars} chars extracted")));
    }
    let pages = pages.len();
    let p = safe_div(precision.0, precision.1 as f64);
    let r = safe_div(recall.0, recall.1 as f64);
    let mut report = Report::new("extraction");
    report.count("pages", pages);
    report.count("pages_missing", missing);
    report.ratio("precision", p);
    report.ratio("recall", r);
    report.ratio("f1", safe_div(2.0 * p * r, p + r));
    let secs = elapsed.as_secs_f64();
    report.metrics.insert("pages_per_second".into(), serde_json::json!((safe_div(pages as f64, secs)).round()));
    report
        .metrics
        .insert("mb_per_second".into(), serde_json::json!((safe_div(bytes as f64 / 1e6, secs) * 10.0).round() / 10.0));
    // The worst pages first.
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    report.misses = scored.into_iter().filter(|(f1, _)| *f1 < 0.9).map(|(_, line)| line).collect();
    Ok(report)
}

fn safe_div(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_score_as_the_benchmark_does() {
        let gold = "The quick brown fox jumps over the lazy dog";
        assert_eq!(page_score(gold, gold), (1.0, 0.0, 0.0));
        let (tp, fp, fn_) = page_score(gold, "The quick brown fox jumps");
        // 2 shared shingles, 4 missed, none extra.
        assert!((tp - 2.0 / 6.0).abs() < 1e-9 && fp == 0.0 && (fn_ - 4.0 / 6.0).abs() < 1e-9);
        assert_eq!(page_score("", ""), (0.0, 0.0, 0.0));
        // Fewer than four tokens are one shingle; case counts.
        assert_eq!(shingles("Hello, world").len(), 1);
        assert_eq!(page_score("Hello world", "hello world").0, 0.0);
    }
}
