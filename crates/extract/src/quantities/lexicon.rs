//! The count lexicons (`crates/extract/data/count_*.tsv`), parsed once.

// Lexicon lookups hash short words: foldhash, not SipHash.
use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

use sitrep_model::Outcome;

use crate::words::Sieve;

/// What a number word contributes to a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumWord {
    /// 0..=19.
    Unit(u64),
    /// 20, 30, ... 90.
    Ten(u64),
    /// hundred, thousand, million.
    Scale(u64),
    /// dozen.
    Dozen,
    /// "dozens", "hundreds": at least this many, no number stated.
    Vague(u64),
    /// "no", "none".
    Zero,
}

/// How a hedge bounds its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hedge {
    Above,
    AtLeast,
    UpTo,
    Below,
    Nearly,
    About,
}

/// The class of a counted noun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NounClass {
    Person,
    Thing,
    /// The noun itself says what happened ("deaths", "injuries").
    Outcome(Outcome),
    /// "casualties": killed or injured.
    Casualty,
    /// Time and measure: "days", "miles" (not counts of anything that happened).
    Measure,
}

/// What a verb or adjective says happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Happened {
    Outcome(Outcome),
    /// Shot, killed or not.
    Shot,
}

/// A counted noun: its lemma, class and how many words it spans.
#[derive(Clone, Debug)]
pub(crate) struct Noun {
    pub lemma: String,
    pub class: NounClass,
}

pub(crate) struct Lexicon {
    pub numbers: HashMap<String, NumWord>,
    /// Hedges by their words.
    pub hedges: Vec<(Vec<String>, Hedge, String)>,
    pub happened: HashMap<String, Happened>,
    /// Nouns by their first word; each entry lists the remaining words.
    pub nouns: HashMap<String, Vec<(Vec<String>, Noun)>>,
    pub details: HashMap<String, String>,
    /// The class of each noun lemma.
    pub lemmas: HashMap<String, NounClass>,
    /// Words a count phrase can start with (besides digits).
    pub starts: HashSet<String>,
    pub starts_sieve: Sieve,
    /// A digit or a number word: what every count phrase holds.
    pub numeric: regex::bytes::Regex,
    /// Multipliers of an event noun ("triple" in "a triple homicide").
    pub multiples: HashMap<String, u64>,
    /// Event nouns a multiplier counts the victims of, and what befell them.
    pub events: HashMap<String, Happened>,
}

/// Non-comment, non-empty lines split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn outcome(name: &str) -> Option<Happened> {
    Some(Happened::Outcome(match name {
        "killed" => Outcome::Killed,
        "injured" => Outcome::Injured,
        "missing" => Outcome::Missing,
        "arrested" => Outcome::Arrested,
        "abducted" => Outcome::Abducted,
        "shot" => return Some(Happened::Shot),
        _ => return None,
    }))
}

impl Lexicon {
    fn builtin() -> Lexicon {
        let mut numbers = HashMap::default();
        for r in rows(include_str!("../../data/count_numbers.tsv")) {
            let (Some(word), Some(kind), Some(value)) = (r.first(), r.get(1), r.get(2)) else { continue };
            let Ok(v) = value.parse::<u64>() else { continue };
            let w = match *kind {
                "unit" => NumWord::Unit(v),
                "ten" => NumWord::Ten(v),
                "scale" => NumWord::Scale(v),
                "dozen" => NumWord::Dozen,
                "vague" => NumWord::Vague(v),
                "zero" => NumWord::Zero,
                _ => continue,
            };
            numbers.insert(word.to_string(), w);
        }
        let mut hedges = Vec::new();
        for r in rows(include_str!("../../data/count_hedges.tsv")) {
            let (Some(phrase), Some(kind)) = (r.first(), r.get(1)) else { continue };
            let h = match *kind {
                "above" => Hedge::Above,
                "atleast" => Hedge::AtLeast,
                "upto" => Hedge::UpTo,
                "below" => Hedge::Below,
                "nearly" => Hedge::Nearly,
                "about" => Hedge::About,
                _ => continue,
            };
            hedges.push((phrase.split(' ').map(str::to_string).collect::<Vec<_>>(), h, phrase.to_string()));
        }
        // Longest first, so "no more than" wins over "more than".
        hedges.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
        let mut happened = HashMap::default();
        for r in rows(include_str!("../../data/count_outcomes.tsv")) {
            let (Some(word), Some(o)) = (r.first(), r.get(1)) else { continue };
            if let Some(h) = outcome(o) {
                happened.insert(word.to_string(), h);
            }
        }
        let mut nouns: HashMap<String, Vec<(Vec<String>, Noun)>> = HashMap::default();
        let mut lemmas = HashMap::default();
        for r in rows(include_str!("../../data/count_nouns.tsv")) {
            let (Some(form), Some(lemma), Some(class)) = (r.first(), r.get(1), r.get(2)) else { continue };
            let class = match *class {
                "person" => NounClass::Person,
                "thing" => NounClass::Thing,
                "casualty" => NounClass::Casualty,
                "measure" => NounClass::Measure,
                other => match outcome(other) {
                    Some(Happened::Outcome(o)) => NounClass::Outcome(o),
                    _ => continue,
                },
            };
            lemmas.insert(lemma.to_string(), class);
            let mut words = form.split(' ').map(str::to_string);
            let Some(first) = words.next() else { continue };
            let entry = nouns.entry(first).or_default();
            entry.push((words.collect(), Noun { lemma: lemma.to_string(), class }));
            entry.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        let details = rows(include_str!("../../data/count_details.tsv"))
            .filter_map(|r| Some((r.first()?.to_string(), r.get(1)?.to_string())))
            .collect();
        let (mut multiples, mut events) = (HashMap::default(), HashMap::default());
        for r in rows(include_str!("../../data/count_multiples.tsv")) {
            let (Some(word), Some(kind), Some(value)) = (r.first(), r.get(1), r.get(2)) else { continue };
            match (*kind, value.parse::<u64>(), outcome(value)) {
                ("times", Ok(n), _) => {
                    multiples.insert(word.to_string(), n);
                }
                ("event", _, Some(h)) => {
                    events.insert(word.to_string(), h);
                }
                _ => {}
            }
        }
        let mut starts: HashSet<String> = numbers.keys().chain(multiples.keys()).cloned().collect();
        starts.extend(hedges.iter().filter_map(|(w, _, _)| w.first().cloned()));
        starts.extend(["a", "an", "half", "between"].map(String::from));
        let mut words: Vec<&str> = numbers.keys().chain(multiples.keys()).map(String::as_str).collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let numeric = regex::bytes::Regex::new(&format!(r"(?i-u)[0-9]|\b(?:{})\b", words.join("|")))
            .expect("the number words make a pattern");
        let mut starts_sieve = Sieve::default();
        starts.iter().for_each(|w| starts_sieve.insert(w));
        Lexicon { numbers, hedges, happened, nouns, details, lemmas, starts, starts_sieve, numeric, multiples, events }
    }

    /// The class of a noun lemma, when the lexicon has it.
    pub fn lemma_class(&self, lemma: &str) -> Option<NounClass> {
        self.lemmas.get(lemma).copied()
    }
}

/// The built-in lexicon.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::builtin);
