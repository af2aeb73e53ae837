//! GVA: the killed and injured counts an article states vs the incident record.
//!
//! `articles.jsonl` holds news articles, each with the id of the Gun
//! Violence Archive incident it reports; `incidents.jsonl` the incidents
//! with `num_killed` and `num_injured` (people shot and not killed). Each
//! article is read with sitrep's reader, cleaned, annotated, and its
//! killed and injured read with [`sitrep_extract::quantities::casualties`].
//!
//! The headline's counts are preferred to the body's, and fill what the
//! body leaves unsaid ([`Casualties::with_headline`]).
//! An article that states nothing of the killed (or injured) is scored as
//! stating 0: GVA records zeros, and a report of a shooting that names no
//! dead usually has none. The best number of a hedged count is its value,
//! or else its least. Articles whose incident is not in `incidents.jsonl`
//! are skipped (counted as `articles_without_incident`); an incident listed
//! twice keeps its first record.

use std::path::Path;

use serde::Deserialize;
use sitrep_extract::quantities::{Count, CountSource, casualties};
use sitrep_model::Document;

use crate::{Report, Result, gva};

#[derive(Deserialize)]
struct Incident {
    num_killed: Option<u64>,
    num_injured: Option<u64>,
}

/// Score sitrep's counts on the GVA set in `dir` (articles.jsonl, incidents.jsonl).
pub fn evaluate(dir: &Path) -> Result<Report> {
    let mut n = 0usize;
    let (mut killed_ok, mut injured_ok, mut both_ok) = (0usize, 0usize, 0usize);
    let (mut killed_stated, mut injured_stated) = (0usize, 0usize);
    let mut misses = Vec::new();
    let skipped = gva::each_article(dir, |inc: &Incident, doc, _| {
        let (gold_killed, gold_injured) = (inc.num_killed.unwrap_or(0), inc.num_injured.unwrap_or(0));
        let Some(layers) = doc.annotations.as_ref() else { return };
        let mut found = casualties(&doc.text, &layers.sentences, &layers.quantities);
        if let Some(title) = doc.title.as_deref() {
            found = found.with_headline(title);
        }
        n += 1;
        killed_stated += usize::from(found.killed.is_some());
        injured_stated += usize::from(found.injured.is_some());
        let killed = found.killed.and_then(|c| c.best()).unwrap_or(0);
        let injured = found.injured.and_then(|c| c.best()).unwrap_or(0);
        let (k_ok, i_ok) = (killed == gold_killed, injured == gold_injured);
        killed_ok += usize::from(k_ok);
        injured_ok += usize::from(i_ok);
        both_ok += usize::from(k_ok && i_ok);
        if !(k_ok && i_ok) {
            let c = if k_ok { found.injured } else { found.killed };
            misses.push(format!(
                "{}: gold {gold_killed}k/{gold_injured}i, ours {killed}k/{injured}i | {}",
                doc.id.as_str(),
                evidence(doc, c)
            ));
        }
    })?;
    let mut report = Report::new("gva/counts");
    let ratio = |ok: usize| if n == 0 { 0.0 } else { ok as f64 / n as f64 };
    report.count("articles", n);
    skipped.report(&mut report);
    report.ratio("killed_accuracy", ratio(killed_ok));
    report.ratio("injured_accuracy", ratio(injured_ok));
    report.ratio("both_accuracy", ratio(both_ok));
    report.ratio("killed_stated", ratio(killed_stated));
    report.ratio("injured_stated", ratio(injured_stated));
    report.misses = misses;
    Ok(report)
}

/// The sentence (or headline) a count was read from, shortened.
fn evidence(doc: &Document, c: Option<Count>) -> String {
    let Some(layers) = doc.annotations.as_ref() else { return "-".into() };
    let sentence = match c.map(|c| c.source) {
        Some(CountSource::Quantity(i) | CountSource::Shot(i)) => layers.quantities.get(i).map(|q| q.sentence),
        Some(CountSource::Sentence(s) | CountSource::List(s)) => Some(s),
        Some(CountSource::Headline) => return format!("headline: {}", doc.title.as_deref().unwrap_or("")),
        Some(_) | None => None,
    };
    sentence
        .and_then(|s| layers.sentences.get(s))
        .and_then(|s| doc.text.get(s.span.start..s.span.end))
        .map(|t| t.chars().take(160).collect::<String>().replace('\n', " "))
        .unwrap_or_else(|| "-".into())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn scores_a_tiny_set() {
        let dir = std::env::temp_dir().join(format!("sitrep-gva-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("temp dir");
        fs::write(
            dir.join("incidents.jsonl"),
            "{\"incident_uri\": \"1\", \"num_killed\": 1, \"num_injured\": 3}\n{\"incident_uri\": \"2\", \"num_killed\": 0, \"num_injured\": 1}\n",
        )
        .expect("write");
        fs::write(
            dir.join("articles.jsonl"),
            "{\"incident_id\": \"1\", \"doc_id\": \"a\", \"content\": \"Four people were shot on Main Street late Sunday, one fatally, police said.\"}\n\
             {\"incident_id\": \"2\", \"doc_id\": \"b\", \"content\": \"Two men were killed in a crash on Main Street, police said on Monday.\"}\n\
             {\"incident_id\": \"9\", \"doc_id\": \"c\", \"content\": \"Nothing.\"}\n",
        )
        .expect("write");
        let r = evaluate(&dir).expect("evaluates");
        let _ = fs::remove_dir_all(&dir);
        assert_eq!(r.metrics["articles"], serde_json::json!(2));
        assert_eq!(r.metrics["articles_without_incident"], serde_json::json!(1));
        assert_eq!(r.metrics["killed_accuracy"], serde_json::json!(0.5));
        assert_eq!(r.metrics["injured_accuracy"], serde_json::json!(0.5));
        assert_eq!(r.metrics["both_accuracy"], serde_json::json!(0.5));
    }
}
