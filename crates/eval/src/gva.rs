//! The Gun Violence Archive set: `incidents.jsonl` (one record per incident)
//! and `articles.jsonl` (news articles, each with the id of the incident it
//! reports). Shared by the evaluations on it.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use sitrep_clean::Cleaner;
use sitrep_extract::{Annotator, Words};
use sitrep_ingest::{ReaderConfig, read_bytes};
use sitrep_model::Document;

use crate::{Result, json_lines, read};

#[derive(Deserialize)]
struct Article {
    incident_id: serde_json::Value,
}

#[derive(Deserialize)]
struct IncidentId {
    incident_uri: serde_json::Value,
}

/// An id written as a string or a number.
pub(crate) fn id(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// What a pass over the articles could not score.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Skipped {
    /// Articles whose incident is not in `incidents.jsonl`.
    pub without_incident: usize,
    /// Articles sitrep's reader could not read.
    pub unread: usize,
}

impl Skipped {
    /// Put the counts of what was not scored in `report`.
    pub fn report(&self, report: &mut crate::Report) {
        report.count("articles_without_incident", self.without_incident);
        report.count("articles_unread", self.unread);
    }
}

/// Read every article of the set in `dir` that has an incident record (`I`,
/// the first record of each incident), clean and annotate it, and hand it
/// to `score` with its incident and its words.
pub(crate) fn each_article<I: DeserializeOwned>(
    dir: &Path,
    mut score: impl FnMut(&I, &mut Document, &Words),
) -> Result<Skipped> {
    let incidents_path = dir.join("incidents.jsonl");
    let incidents_text = read(&incidents_path)?;
    let mut gold: HashMap<String, I> = HashMap::new();
    for (rec, ids) in json_lines::<I>(&incidents_path, &incidents_text)
        .zip(json_lines::<IncidentId>(&incidents_path, &incidents_text))
    {
        let ((_, _, inc), (_, _, key)) = (rec?, ids?);
        gold.entry(id(&key.incident_uri)).or_insert(inc);
    }
    let articles_path = dir.join("articles.jsonl");
    let cleaner = Cleaner::default();
    let annotator = Annotator::default();
    let config = ReaderConfig::default();
    let mut skipped = Skipped::default();
    let articles = read(&articles_path)?;
    for rec in json_lines::<Article>(&articles_path, &articles) {
        let (line_no, line, article) = rec?;
        let Some(incident) = gold.get(&id(&article.incident_id)) else {
            skipped.without_incident += 1;
            continue;
        };
        let name = format!("{}:{line_no}", articles_path.display());
        let Some(Ok(raw)) = read_bytes(&name, line.as_bytes().to_vec(), &config).into_iter().next() else {
            skipped.unread += 1;
            continue;
        };
        let mut doc = cleaner.clean(raw);
        let words = annotator.annotate(&mut doc);
        if doc.annotations.is_none() {
            skipped.unread += 1;
            continue;
        }
        score(incident, &mut doc, &words);
    }
    Ok(skipped)
}
