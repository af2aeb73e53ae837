//! ECB+: cross-document event coreference.
//!
//! `mentions.jsonl` holds the annotated mentions (`kind` "event" are the
//! events) with their gold cluster (`cluster_id`), `documents.jsonl` the
//! texts. Following the usual setting, the event mentions of the validated
//! sentences are scored, clustered within their subtopic (the documents of
//! one story) by [`sitrep_resolve::coref::cluster`]; the scores are MUC,
//! B-cubed, CEAF-e and their mean F1 (CoNLL), as the reference coreference
//! scorer defines them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use sitrep_resolve::coref::{Chains, Mention, cluster};

use crate::{Report, Result, json_lines, read};

/// One line of `mentions.jsonl`.
#[derive(Clone, Debug, Deserialize)]
pub struct EcbMention {
    pub mention_id: String,
    pub doc_name: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub subtopic: String,
    pub kind: String,
    pub text: String,
    #[serde(default)]
    pub in_validated_sentence: bool,
    #[serde(default)]
    pub cluster_id: String,
}

impl EcbMention {
    /// The group its mentions are clustered in: the subtopic, else the
    /// topic, else the document.
    pub fn group(&self) -> &str {
        [&self.subtopic, &self.topic, &self.doc_name].into_iter().find(|g| !g.is_empty()).map_or("", |g| g.as_str())
    }
}

/// The event mentions of `mentions.jsonl`.
pub fn event_mentions(path: &Path) -> Result<Vec<EcbMention>> {
    let text = read(path)?;
    let mut out = Vec::new();
    for rec in json_lines::<EcbMention>(path, &text) {
        let (_, _, m) = rec?;
        if m.kind == "event" {
            out.push(m);
        }
    }
    Ok(out)
}

/// Cluster ECB+ event mentions with sitrep's coreference.
pub fn clusters(mentions: &[EcbMention]) -> Vec<usize> {
    let input: Vec<Mention<'_>> =
        mentions.iter().map(|m| Mention { group: m.group(), doc: &m.doc_name, text: &m.text }).collect();
    cluster(&input)
}

/// Score sitrep's event coreference on the ECB+ set in `dir`.
pub fn evaluate(dir: &Path) -> Result<Report> {
    let mentions: Vec<EcbMention> =
        event_mentions(&dir.join("mentions.jsonl"))?.into_iter().filter(|m| m.in_validated_sentence).collect();
    let ours = clusters(&mentions);
    let gold: Vec<&str> = mentions.iter().map(|m| m.cluster_id.as_str()).collect();
    let key = groups(&gold);
    let response = groups(&ours);
    let (muc, b3, ceaf) = (muc(&key, &response), bcubed(&key, &response), ceafe(&key, &response));
    let mut report = Report::new("ecbplus/events");
    report.count("mentions", mentions.len());
    report.count("gold_clusters", key.len());
    report.count("clusters", response.len());
    for (name, (p, r, f)) in [("muc", muc), ("bcubed", b3), ("ceafe", ceaf)] {
        report.ratio(&format!("{name}_precision"), p);
        report.ratio(&format!("{name}_recall"), r);
        report.ratio(&format!("{name}_f1"), f);
    }
    report.ratio("conll_f1", (muc.2 + b3.2 + ceaf.2) / 3.0);
    // Misses: gold clusters that sitrep splits, with their mentions.
    for members in &key {
        let parts: HashSet<usize> = members.iter().map(|&i| ours[i]).collect();
        if parts.len() > 1 && report.misses.len() < 2000 {
            let texts: Vec<&str> = members.iter().map(|&i| mentions[i].text.as_str()).collect();
            report.misses.push(format!("split in {}: {}", parts.len(), texts.join(" | ")));
        }
    }
    Ok(report)
}

/// Clusters as lists of item indices, from each item's cluster label.
fn groups<L: std::hash::Hash + Eq + Ord + Clone>(labels: &[L]) -> Vec<Vec<usize>> {
    let mut by: BTreeMap<L, Vec<usize>> = BTreeMap::new();
    for (i, l) in labels.iter().enumerate() {
        by.entry(l.clone()).or_default().push(i);
    }
    by.into_values().collect()
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// Cluster of each item.
fn owner(clusters: &[Vec<usize>]) -> HashMap<usize, usize> {
    clusters.iter().enumerate().flat_map(|(c, items)| items.iter().map(move |&i| (i, c))).collect()
}

/// MUC (Vilain et al. 1995): links kept.
fn muc(key: &[Vec<usize>], response: &[Vec<usize>]) -> (f64, f64, f64) {
    let side = |a: &[Vec<usize>], b: &[Vec<usize>]| {
        let of = owner(b);
        let (mut num, mut den) = (0usize, 0usize);
        for c in a {
            let parts: HashSet<Option<&usize>> = c.iter().map(|i| of.get(i)).collect();
            // Items b lacks are each a part of their own.
            let missing = c.iter().filter(|i| !of.contains_key(i)).count();
            let partitions = parts.iter().filter(|p| p.is_some()).count() + missing;
            num += c.len() - partitions;
            den += c.len() - 1;
        }
        if den == 0 { 0.0 } else { num as f64 / den as f64 }
    };
    let (r, p) = (side(key, response), side(response, key));
    (p, r, f1(p, r))
}

/// B-cubed (Bagga and Baldwin 1998), per item.
fn bcubed(key: &[Vec<usize>], response: &[Vec<usize>]) -> (f64, f64, f64) {
    let side = |a: &[Vec<usize>], b: &[Vec<usize>]| {
        let of = owner(b);
        let (mut sum, mut n) = (0.0, 0usize);
        for c in a {
            let mut count: HashMap<usize, usize> = HashMap::new();
            for i in c {
                if let Some(&o) = of.get(i) {
                    *count.entry(o).or_default() += 1;
                }
            }
            sum += count.values().map(|&k| (k * k) as f64).sum::<f64>() / c.len() as f64;
            n += c.len();
        }
        if n == 0 { 0.0 } else { sum / n as f64 }
    };
    let (r, p) = (side(key, response), side(response, key));
    (p, r, f1(p, r))
}

/// CEAF-e (Luo 2005): the best one-to-one alignment of clusters by
/// 2|K ∩ R| / (|K| + |R|), found per connected group of overlapping
/// clusters with the Hungarian method.
fn ceafe(key: &[Vec<usize>], response: &[Vec<usize>]) -> (f64, f64, f64) {
    let of_r = owner(response);
    // Overlaps: key cluster → response cluster → shared items.
    let mut overlap: Vec<HashMap<usize, usize>> = vec![HashMap::new(); key.len()];
    for (k, c) in key.iter().enumerate() {
        for i in c {
            if let Some(&r) = of_r.get(i) {
                *overlap[k].entry(r).or_default() += 1;
            }
        }
    }
    // Connected groups of the bipartite overlap graph (union-find).
    let mut chains = Chains::new(key.len() + response.len());
    for (k, o) in overlap.iter().enumerate() {
        for &r in o.keys() {
            chains.join(k, key.len() + r);
        }
    }
    let mut components: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for k in 0..key.len() {
        components.entry(chains.root(k)).or_default().0.push(k);
    }
    for r in 0..response.len() {
        components.entry(chains.root(key.len() + r)).or_default().1.push(r);
    }
    let mut total = 0.0;
    for (ks, rs) in components.values() {
        if ks.is_empty() || rs.is_empty() {
            continue;
        }
        let sim: Vec<Vec<f64>> = ks
            .iter()
            .map(|&k| {
                rs.iter()
                    .map(|&r| {
                        let shared = overlap[k].get(&r).copied().unwrap_or(0) as f64;
                        2.0 * shared / (key[k].len() + response[r].len()) as f64
                    })
                    .collect()
            })
            .collect();
        total += max_assignment(&sim);
    }
    let r = if key.is_empty() { 0.0 } else { total / key.len() as f64 };
    let p = if response.is_empty() { 0.0 } else { total / response.len() as f64 };
    (p, r, f1(p, r))
}

/// The greatest sum of a one-to-one assignment of rows to columns
/// (Hungarian method on the padded square matrix, O(n³)).
fn max_assignment(sim: &[Vec<f64>]) -> f64 {
    let rows = sim.len();
    let cols = sim.first().map_or(0, Vec::len);
    let n = rows.max(cols);
    if n == 0 {
        return 0.0;
    }
    let cost = |i: usize, j: usize| -> f64 { -sim.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0) };
    // Potentials and matching, 1-based as in the classic formulation.
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n).filter(|&j| p[j] > 0).map(|j| -cost(p[j] - 1, j - 1)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn scores_match_worked_examples() {
        // Key {a b c} {d e}; response {a b} {c d e}.
        let key = vec![vec![0, 1, 2], vec![3, 4]];
        let response = vec![vec![0, 1], vec![2, 3, 4]];
        let (p, r, _) = muc(&key, &response);
        assert!(close(r, 2.0 / 3.0) && close(p, 2.0 / 3.0), "{p} {r}");
        let (p, r, _) = bcubed(&key, &response);
        // Recall: a, b 2/3 each; c 1/3; d, e 1: (4/3 + 1/3 + 2) / 5.
        assert!(close(r, (4.0 / 3.0 + 1.0 / 3.0 + 2.0) / 5.0), "{r}");
        assert!(close(p, (2.0 + 1.0 / 3.0 + 4.0 / 3.0) / 5.0), "{p}");
        let (p, r, _) = ceafe(&key, &response);
        // Best alignment: {a b c}-{a b} 0.8, {d e}-{c d e} 0.8.
        assert!(close(r, 0.8) && close(p, 0.8), "{p} {r}");
        assert_eq!(ceafe(&key, &key).2, 1.0);
        assert_eq!(muc(&key, &key).2, 1.0);
    }

    #[test]
    fn the_assignment_is_the_best_one() {
        let sim = vec![vec![0.9, 0.8], vec![0.85, 0.1]];
        assert!(close(max_assignment(&sim), 0.8 + 0.85));
    }
}
