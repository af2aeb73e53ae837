//! Cross-document coreference of given event mentions (the ECB+ setting):
//! mentions of one group (a topic or subtopic: documents about one story)
//! whose heads share a stem are one event.
//!
//! The head of a mention is its first word; its stem is the Snowball
//! (Porter 2) English stem, with the common irregular past forms of verbs
//! first mapped to their base ("took" → "take") and a few synonyms to one
//! word ("quake" → "earthquake"). Reporting verbs ("said",
//! "told") corefer only within a document: they are rarely one act.
//!
//! ```
//! use sitrep_resolve::coref::{Mention, cluster};
//!
//! let m = |doc: &'static str, text: &'static str| Mention { group: "1", doc, text };
//! let ids = cluster(&[m("a", "shooting"), m("b", "shot"), m("b", "shootings"), m("a", "arrested")]);
//! assert_eq!(ids[0], ids[2]);
//! assert_ne!(ids[0], ids[3]);
//! ```

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

/// An event mention to cluster.
#[derive(Clone, Copy, Debug)]
pub struct Mention<'a> {
    /// Mentions of different groups never corefer.
    pub group: &'a str,
    pub doc: &'a str,
    /// The mention as written ("took over", "earthquake").
    pub text: &'a str,
}

/// Common irregular verb forms and their base, and a few synonyms news
/// use for one event ("quake", "tremor" → "earthquake").
const IRREGULAR: &[(&str, &str)] = &[
    ("took", "take"),
    ("taken", "take"),
    ("shot", "shoot"),
    ("hit", "hit"),
    ("struck", "strike"),
    ("stricken", "strike"),
    ("killed", "kill"),
    ("died", "die"),
    ("dead", "die"),
    ("death", "die"),
    ("deaths", "die"),
    ("fled", "flee"),
    ("left", "leave"),
    ("won", "win"),
    ("lost", "lose"),
    ("sold", "sell"),
    ("bought", "buy"),
    ("made", "make"),
    ("gave", "give"),
    ("given", "give"),
    ("held", "hold"),
    ("met", "meet"),
    ("went", "go"),
    ("gone", "go"),
    ("came", "come"),
    ("began", "begin"),
    ("begun", "begin"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("found", "find"),
    ("caught", "catch"),
    ("hung", "hang"),
    ("beat", "beat"),
    ("beaten", "beat"),
    ("brought", "bring"),
    ("sent", "send"),
    ("spent", "spend"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("broke", "break"),
    ("broken", "break"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("named", "name"),
    ("ran", "run"),
    ("quit", "quit"),
    ("led", "lead"),
    ("fought", "fight"),
    ("quake", "earthquake"),
    ("tremor", "earthquake"),
    ("blaze", "fire"),
];

/// Heads whose mentions corefer only within one document.
const REPORTING: &[&str] = &["say", "said", "tell", "told", "report", "announc", "state", "claim", "confirm"];

/// The cluster of each mention (ids are indices of a cluster's first mention).
pub fn cluster(mentions: &[Mention<'_>]) -> Vec<usize> {
    let stemmer = Stemmer::create(Algorithm::English);
    let irregular: HashMap<&str, &str> = IRREGULAR.iter().copied().collect();
    let mut first: HashMap<(String, String, String), usize> = HashMap::new();
    mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let head = m.text.split_whitespace().next().unwrap_or("").to_lowercase();
            let head = head.trim_matches(|c: char| !c.is_alphanumeric());
            let base = irregular.get(head).copied().unwrap_or(head);
            let stem = stemmer.stem(base).into_owned();
            let reporting = REPORTING.iter().any(|r| stem.starts_with(r));
            let scope = if reporting { m.doc.to_string() } else { String::new() };
            *first.entry((m.group.to_string(), scope, stem)).or_insert(i)
        })
        .collect()
}
