//! Cross-document coreference of given event mentions (the ECB+ setting):
//! mentions of one group (a topic or subtopic: documents about one story)
//! corefer when their heads share a stem or a WordNet concept.
//!
//! The head of a mention is its last word ("Watergate scandal", "scoring
//! record"), unless that is a particle ("checked into", "broke out"): then
//! its first; a leading preposition or article goes ("on suspicion").
//! Heads meet through two keys:
//!
//! - their Snowball (Porter 2) English stem, with the common irregular past
//!   forms of verbs first mapped to their base ("took" → "take") and a few
//!   synonyms to one word ("quake" → "earthquake");
//! - the concepts of their lemma's most frequent WordNet sense
//!   (`data/wordnet.tsv`, made by `scripts/wordnet.py`): its synset ("hit" /
//!   "strike"), its derivations ("decision" / "decide"), what it causes
//!   ("kill" → "die").
//!
//! Mentions that share a key are one event, and so are their chains (a
//! union of keys). Reporting verbs ("said", "told") corefer only within a
//! document: they are rarely one act.
//!
//! ```
//! use sitrep_resolve::coref::{Mention, cluster};
//!
//! let m = |doc: &'static str, text: &'static str| Mention { group: "1", doc, text };
//! let ids = cluster(&[m("a", "shooting"), m("b", "shot"), m("b", "decision"), m("a", "decided"), m("a", "arrested")]);
//! assert_eq!(ids[0], ids[1]);
//! assert_eq!(ids[2], ids[3]);
//! assert_ne!(ids[0], ids[4]);
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

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

/// Words before the head of a mention that are not it ("on suspicion").
const LEADING: &[&str] = &["on", "in", "at", "under", "behind", "a", "an", "the"];

/// Words that are never the head.
const ARTICLES: &[&str] = &["a", "an", "the"];

/// Particles that end a phrasal verb ("checked into", "broke out"): the
/// verb before them is the head.
const PARTICLES: &[&str] = &[
    "into", "in", "to", "out", "down", "off", "over", "up", "on", "onto", "away", "back", "about", "around", "through",
];

/// The cluster of each mention (ids are indices of a cluster's first mention).
pub fn cluster(mentions: &[Mention<'_>]) -> Vec<usize> {
    let stemmer = Stemmer::create(Algorithm::English);
    let irregular: HashMap<&str, &str> = IRREGULAR.iter().copied().collect();
    let mut chains = Chains::new(mentions.len());
    // The first mention that had each key, by group and scope.
    let mut first: HashMap<(&str, &str, Key), usize> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let head = head(m.text).to_lowercase();
        let base = irregular.get(head.as_str()).copied().unwrap_or(&head);
        let stem = stemmer.stem(base).into_owned();
        let reporting = REPORTING.iter().any(|r| stem.starts_with(r));
        let scope = if reporting { m.doc } else { "" };
        let concepts = if reporting { Vec::new() } else { WORDNET.concepts(base) };
        for key in std::iter::once(Key::Stem(stem)).chain(concepts.into_iter().map(Key::Concept)) {
            let j = *first.entry((m.group, scope, key)).or_insert(i);
            chains.join(i, j);
        }
    }
    // Each mention's cluster is named by the chain's first mention.
    let mut name: HashMap<usize, usize> = HashMap::new();
    (0..mentions.len()).map(|i| *name.entry(chains.root(i)).or_insert(i)).collect()
}

/// What two heads may share.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Stem(String),
    Concept(u32),
}

/// The head word of a mention as written: see the module's documentation.
fn head(text: &str) -> &str {
    let is = |list: &[&str], w: &str| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let lead = words.iter().take_while(|w| is(LEADING, w)).count().min(words.len().saturating_sub(1));
    let words: Vec<&str> = words[lead..].iter().copied().filter(|w| !is(ARTICLES, w)).collect();
    match words.as_slice() {
        [] => "",
        [only] => only,
        [first, .., last] if is(PARTICLES, last) => first,
        [.., last] => last,
    }
}

/// Items `0..n` joined into chains (union–find with path halving).
#[derive(Clone, Debug)]
pub struct Chains(Vec<usize>);

impl Chains {
    /// `n` items, each a chain of its own.
    pub fn new(n: usize) -> Chains {
        Chains((0..n).collect())
    }

    /// The item that stands for the chain of item `i`.
    pub fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// Join the chains of items `a` and `b`.
    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Noun and verb lemmas with the WordNet concepts of their first sense.
struct WordNet {
    nouns: HashMap<&'static str, Vec<u32>>,
    verbs: HashMap<&'static str, Vec<u32>>,
}

static WORDNET: LazyLock<WordNet> = LazyLock::new(|| WordNet::parse(include_str!("../data/wordnet.tsv")));

/// Inflections and their base forms, by part of speech, in the order
/// WordNet's own lemmatiser ("morphy") tries them.
const NOUN_ENDINGS: &[(&str, &str)] = &[
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
];
const VERB_ENDINGS: &[(&str, &str)] =
    &[("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")];

impl WordNet {
    /// Read `lemma<TAB>n|v<TAB>concept,concept…` lines; a malformed line
    /// is skipped (the file is generated, and a test reads all of it).
    fn parse(text: &'static str) -> WordNet {
        let mut wn = WordNet { nouns: HashMap::new(), verbs: HashMap::new() };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let (Some(lemma), Some(pos), Some(concepts)) = (fields.next(), fields.next(), fields.next()) else {
                continue;
            };
            let concepts: Vec<u32> = concepts.split(',').filter_map(|c| c.parse().ok()).collect();
            match pos {
                "n" => wn.nouns.insert(lemma, concepts),
                "v" => wn.verbs.insert(lemma, concepts),
                _ => None,
            };
        }
        wn
    }

    /// The concepts of `word` (lowercase) as a verb and as a noun.
    fn concepts(&self, word: &str) -> Vec<u32> {
        let mut out = Vec::new();
        for (lemmas, endings, verb) in [(&self.verbs, VERB_ENDINGS, true), (&self.nouns, NOUN_ENDINGS, false)] {
            if let Some(concepts) = lemma(lemmas, endings, verb, word) {
                out.extend_from_slice(concepts);
            }
        }
        out
    }
}

/// The concepts of the lemma of `word` among `lemmas`: the word itself,
/// else the first base form an ending gives, else, for a `verb`, its
/// doubled final consonant undone ("stopped" → "stop").
fn lemma<'l>(
    lemmas: &'l HashMap<&str, Vec<u32>>,
    endings: &[(&str, &str)],
    verb: bool,
    word: &str,
) -> Option<&'l Vec<u32>> {
    if let Some(c) = lemmas.get(word) {
        return Some(c);
    }
    let mut base = String::new();
    for (ending, replacement) in endings {
        if let Some(stem) = word.strip_suffix(ending) {
            base.clear();
            base.push_str(stem);
            base.push_str(replacement);
            if let Some(c) = lemmas.get(base.as_str()) {
                return Some(c);
            }
        }
    }
    if verb {
        for ending in ["ed", "ing"] {
            if let Some(stem) = word.strip_suffix(ending)
                && stem.len() > 2
                && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2]
                && let Some(c) = lemmas.get(&stem[..stem.len() - 1])
            {
                return Some(c);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        let ids = cluster(&[Mention { group: "g", doc: "1", text: a }, Mention { group: "g", doc: "2", text: b }]);
        ids[0] == ids[1]
    }

    #[test]
    fn heads_of_phrases() {
        assert_eq!(head("checked into"), "checked");
        assert_eq!(head("Watergate scandal"), "scandal");
        assert_eq!(head("on suspicion"), "suspicion");
        assert_eq!(head("the attack"), "attack");
        assert_eq!(head("broke out"), "broke");
        assert_eq!(head("in"), "in");
        assert_eq!(head("\" murder \""), "murder");
        assert_eq!(head(""), "");
    }

    #[test]
    fn heads_meet_by_stem_and_by_concept() {
        assert!(same("shootings", "shot"));
        assert!(same("Watergate scandal", "scandal"));
        assert!(same("hit", "struck"), "one synset");
        assert!(same("decision", "decided"), "a derivation");
        assert!(same("killed", "died"), "what killing causes");
        assert!(same("stopped", "stop"));
        assert!(!same("killed", "arrested"));
        assert!(!same("said", "said"), "reporting verbs of two documents");
    }

    #[test]
    fn groups_keep_apart() {
        let ids =
            cluster(&[Mention { group: "a", doc: "1", text: "fire" }, Mention { group: "b", doc: "2", text: "fire" }]);
        assert_ne!(ids[0], ids[1]);
    }

    #[test]
    fn the_lexicon_reads_whole() {
        let text = include_str!("../data/wordnet.tsv");
        let lines = text.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(WORDNET.nouns.len() + WORDNET.verbs.len(), lines);
        assert!(lines > 30_000);
    }

    #[test]
    fn chains_join_transitively() {
        let mut c = Chains::new(4);
        c.join(3, 1);
        c.join(1, 2);
        assert_eq!(c.root(3), c.root(2));
        assert_ne!(c.root(0), c.root(2));
    }
}
