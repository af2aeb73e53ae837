//! TempEval-3 (TBAQ-cleaned): detection and normalisation of time expressions.
//!
//! Each line of the gold file is one document: `{docid, dct, text, timexes:
//! [{type, value, start, end, text}]}`. The offsets are character offsets
//! (converted to bytes here); the document creation time is not among the
//! timexes, so every gold timex is a span of the text. sitrep's sentence
//! splitter and time annotator run on the text with the DCT as the document
//! date.
//!
//! Matching is one-to-one on overlapping spans, regardless of type. For a
//! type T, recall counts gold timexes of type T that are matched, precision
//! counts predicted timexes of type T that are matched, and value accuracy
//! is the share of matched pairs with gold type T whose values are equal.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;
use sitrep_model::{Sentence, Span, TimeExpr, TimeType};

use crate::{Report, Result, json_lines, prf, read};

#[derive(Deserialize)]
struct Record {
    docid: String,
    dct: String,
    text: String,
    timexes: Vec<GoldTimex>,
}

#[derive(Deserialize)]
struct GoldTimex {
    #[serde(rename = "type")]
    kind: String,
    value: String,
    start: usize,
    end: usize,
    text: String,
}

/// A time expression reduced to what is scored.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Timex {
    span: Span,
    kind: &'static str,
    value: String,
    text: String,
}

const TYPES: [&str; 4] = ["DATE", "TIME", "DURATION", "SET"];

fn type_name(t: TimeType) -> &'static str {
    match t {
        TimeType::Date => "DATE",
        TimeType::Time => "TIME",
        TimeType::Duration => "DURATION",
        TimeType::Set => "SET",
        _ => "OTHER",
    }
}

fn gold_type(s: &str) -> &'static str {
    TYPES.iter().find(|t| t.eq_ignore_ascii_case(s)).copied().unwrap_or("OTHER")
}

/// Counts for one type (or for all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Tally {
    gold: usize,
    predicted: usize,
    /// Gold timexes matched by an overlapping prediction.
    gold_matched: usize,
    /// Predictions matched by an overlapping gold timex.
    predicted_matched: usize,
    /// Matched gold timexes whose prediction has exactly the same span.
    gold_strict: usize,
    /// Matched predictions whose gold timex has exactly the same span.
    predicted_strict: usize,
    /// Matched pairs (by gold type) with equal values.
    value_correct: usize,
    /// Matched pairs (by gold type) with equal types.
    type_correct: usize,
}

/// The scores of one document or of the whole set.
#[derive(Clone, Debug, Default)]
struct Scores {
    by_type: BTreeMap<&'static str, Tally>,
    all: Tally,
}

impl Scores {
    fn tallies(&mut self, kind: &'static str) -> [&mut Tally; 2] {
        let t = self.by_type.entry(kind).or_default();
        // Two distinct borrows: one from the map, one from `all`.
        [t, &mut self.all]
    }

    /// Score one document's predictions against its gold timexes; both
    /// sorted by span. Returns the pairs (gold index, predicted index).
    fn add(&mut self, gold: &[Timex], predicted: &[Timex]) -> Vec<(usize, usize)> {
        let pairs = match_overlapping(gold, predicted);
        for g in gold {
            self.tallies(g.kind).into_iter().for_each(|t| t.gold += 1);
        }
        for p in predicted {
            self.tallies(p.kind).into_iter().for_each(|t| t.predicted += 1);
        }
        for &(gi, pi) in &pairs {
            let (Some(g), Some(p)) = (gold.get(gi), predicted.get(pi)) else { continue };
            let strict = g.span == p.span;
            for t in self.tallies(g.kind) {
                t.gold_matched += 1;
                t.gold_strict += usize::from(strict);
                t.value_correct += usize::from(g.value == p.value);
                t.type_correct += usize::from(g.kind == p.kind);
            }
            for t in self.tallies(p.kind) {
                t.predicted_matched += 1;
                t.predicted_strict += usize::from(strict);
            }
        }
        pairs
    }

    fn report(&self, report: &mut Report) {
        let mut put = |name: &str, t: &Tally| {
            let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
            let p = ratio(t.predicted_matched, t.predicted);
            let r = ratio(t.gold_matched, t.gold);
            let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
            let sp = ratio(t.predicted_strict, t.predicted);
            let sr = ratio(t.gold_strict, t.gold);
            let sf = if sp + sr == 0.0 { 0.0 } else { 2.0 * sp * sr / (sp + sr) };
            report.count(&format!("{name}.gold"), t.gold);
            report.count(&format!("{name}.predicted"), t.predicted);
            report.ratio(&format!("{name}.detection_precision"), p);
            report.ratio(&format!("{name}.detection_recall"), r);
            report.ratio(&format!("{name}.detection_f1"), f);
            report.ratio(&format!("{name}.strict_f1"), sf);
            report.ratio(&format!("{name}.value_accuracy"), ratio(t.value_correct, t.gold_matched));
            report.ratio(&format!("{name}.type_accuracy"), ratio(t.type_correct, t.gold_matched));
            // Value F1 as TempEval-3 counts it: a match with the right value.
            let (_, _, vf) = prf(
                t.value_correct,
                t.predicted.saturating_sub(t.value_correct),
                t.gold.saturating_sub(t.value_correct),
            );
            report.ratio(&format!("{name}.value_f1"), vf);
        };
        for kind in TYPES {
            put(kind, &self.by_type.get(kind).cloned().unwrap_or_default());
        }
        put("all", &self.all);
    }
}

/// One-to-one matching of overlapping spans. Both lists are sorted by span
/// and each is free of overlaps, so a merge walk pairs every gold timex with
/// the first unpaired prediction that overlaps it.
fn match_overlapping(gold: &[Timex], predicted: &[Timex]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut used = vec![false; predicted.len()];
    let mut start = 0;
    for (gi, g) in gold.iter().enumerate() {
        while start < predicted.len() && predicted[start].span.end <= g.span.start {
            start += 1;
        }
        let mut pi = start;
        while pi < predicted.len() && predicted[pi].span.start < g.span.end {
            if !used[pi] && predicted[pi].span.overlaps(g.span) {
                used[pi] = true;
                pairs.push((gi, pi));
                break;
            }
            pi += 1;
        }
    }
    pairs
}

/// Byte offset of character offset `c` of `text` (the end of the text when
/// past it).
fn byte_offset(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

fn gold_timexes(rec: &Record) -> Vec<Timex> {
    let ascii = rec.text.is_ascii();
    let mut out: Vec<Timex> = rec
        .timexes
        .iter()
        .map(|t| {
            let (s, e) =
                if ascii { (t.start, t.end) } else { (byte_offset(&rec.text, t.start), byte_offset(&rec.text, t.end)) };
            Timex {
                span: Span::new(s, e.max(s)),
                kind: gold_type(&t.kind),
                value: t.value.clone(),
                text: t.text.clone(),
            }
        })
        .collect();
    out.sort_by_key(|t| t.span);
    out
}

fn predicted_timexes(times: Vec<TimeExpr>) -> Vec<Timex> {
    times.into_iter().map(|t| Timex { span: t.span, kind: type_name(t.kind), value: t.value, text: t.text }).collect()
}

/// Score sitrep's time annotator on a TempEval-3 JSON Lines file.
pub fn evaluate(path: &Path) -> Result<Report> {
    let data = read(path)?;
    let mut scores = Scores::default();
    let mut misses: Vec<String> = Vec::new();
    let mut docs = 0;
    for rec in json_lines::<Record>(path, &data) {
        let (_, _, rec) = rec?;
        let dct: Option<Date> = rec.dct.get(..10).and_then(|d| d.parse().ok());
        let sentences = sitrep_extract::sentences::split(&rec.text);
        let predicted = predicted_timexes(sitrep_extract::times::annotate(&rec.text, &sentences, dct));
        let gold = gold_timexes(&rec);
        let pairs = scores.add(&gold, &predicted);
        docs += 1;
        let doc = Doc { id: &rec.docid, dct: &rec.dct, text: &rec.text, sentences: &sentences };
        collect_misses(&doc, &gold, &predicted, &pairs, &mut misses);
    }
    let mut report = Report::new("tempeval3/tbaq_cleaned");
    report.count("documents", docs);
    scores.report(&mut report);
    report.misses = misses;
    Ok(report)
}

/// What a miss line shows of its document.
struct Doc<'a> {
    id: &'a str,
    dct: &'a str,
    text: &'a str,
    sentences: &'a [Sentence],
}

impl Doc<'_> {
    /// The sentence around `span`, on one line and shortened.
    fn context(&self, span: Span) -> String {
        let s = self.sentences.iter().find(|s| s.span.start <= span.start && span.start < s.span.end);
        let text = s.and_then(|s| s.span.slice(self.text)).unwrap_or_default();
        let mut line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((cut, _)) = line.char_indices().nth(200) {
            line.truncate(cut);
            line.push('…');
        }
        line
    }
}

/// Every miss of one document: wrong values or types, missed gold and
/// spurious predictions, each with the document date and its sentence.
fn collect_misses(doc: &Doc<'_>, gold: &[Timex], predicted: &[Timex], pairs: &[(usize, usize)], out: &mut Vec<String>) {
    let (id, dct) = (doc.id, doc.dct.get(..10).unwrap_or(doc.dct));
    for &(g, p) in pairs {
        if let (Some(g), Some(p)) = (gold.get(g), predicted.get(p))
            && (g.value != p.value || g.kind != p.kind)
        {
            out.push(format!(
                "{id} ({dct}): value: gold {:?} {} {} / ours {:?} {} {} | {}",
                g.text,
                g.kind,
                g.value,
                p.text,
                p.kind,
                p.value,
                doc.context(g.span)
            ));
        }
    }
    for (i, g) in gold.iter().enumerate() {
        if !pairs.iter().any(|&(gi, _)| gi == i) {
            out.push(format!("{id} ({dct}): missed: {:?} {} {} | {}", g.text, g.kind, g.value, doc.context(g.span)));
        }
    }
    for (i, p) in predicted.iter().enumerate() {
        if !pairs.iter().any(|&(_, pi)| pi == i) {
            out.push(format!("{id} ({dct}): spurious: {:?} {} {} | {}", p.text, p.kind, p.value, doc.context(p.span)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(s: usize, e: usize, kind: &'static str, value: &str) -> Timex {
        Timex { span: Span::new(s, e), kind, value: value.to_string(), text: String::new() }
    }

    #[test]
    fn overlap_matching_is_one_to_one() {
        let gold = [tx(0, 10, "DATE", "a"), tx(12, 20, "DATE", "b")];
        // One long prediction overlaps both gold spans: it pairs with the first only.
        let pred = [tx(5, 15, "DATE", "a")];
        assert_eq!(match_overlapping(&gold, &pred), [(0, 0)]);
        let pred = [tx(0, 3, "DATE", "x"), tx(3, 9, "DATE", "y"), tx(19, 25, "DATE", "z")];
        assert_eq!(match_overlapping(&gold, &pred), [(0, 0), (1, 2)]);
        assert!(match_overlapping(&gold, &[tx(10, 12, "DATE", "x")]).is_empty());
    }

    #[test]
    fn scores_count_detection_values_and_types() {
        let gold = [tx(0, 5, "DATE", "2020-03-11"), tx(10, 15, "DURATION", "P2D"), tx(20, 25, "DATE", "2020")];
        let pred = [tx(0, 5, "DATE", "2020-03-11"), tx(11, 15, "DATE", "P2D"), tx(30, 35, "SET", "P1W")];
        let mut s = Scores::default();
        s.add(&gold, &pred);
        let date = s.by_type.get("DATE").cloned().unwrap_or_default();
        assert_eq!((date.gold, date.predicted, date.gold_matched, date.predicted_matched), (2, 2, 1, 2));
        assert_eq!((date.gold_strict, date.predicted_strict, date.value_correct), (1, 1, 1));
        let dur = s.by_type.get("DURATION").cloned().unwrap_or_default();
        assert_eq!((dur.gold_matched, dur.value_correct, dur.type_correct, dur.gold_strict), (1, 1, 0, 0));
        assert_eq!((s.all.gold, s.all.predicted, s.all.gold_matched, s.all.type_correct), (3, 3, 2, 1));
        let mut r = Report::new("t");
        s.report(&mut r);
        assert_eq!(r.metrics["DATE.detection_recall"], serde_json::json!(0.5));
        assert_eq!(r.metrics["DATE.detection_precision"], serde_json::json!(1.0));
        assert_eq!(r.metrics["all.value_accuracy"], serde_json::json!(1.0));
        assert_eq!(r.metrics["all.type_accuracy"], serde_json::json!(0.5));
    }

    #[test]
    fn character_offsets_become_byte_offsets() {
        assert_eq!(byte_offset("é March 3", 2), 3);
        assert_eq!(byte_offset("abc", 9), 3);
        let rec = Record {
            docid: "d".into(),
            dct: "2020-03-13".into(),
            text: "é March 3".into(),
            timexes: vec![GoldTimex {
                kind: "DATE".into(),
                value: "2020-03-03".into(),
                start: 2,
                end: 9,
                text: "March 3".into(),
            }],
        };
        let g = gold_timexes(&rec);
        assert_eq!(g[0].span.slice(&rec.text), Some("March 3"));
    }
}
