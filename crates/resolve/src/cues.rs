//! The phrase lexicons the resolver reads (`data/cues.tsv`,
//! `data/weapons.tsv`): cue phrases by class, weapons by canonical name.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// What a cue phrase tells the resolver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    /// Before a trigger: a kind of event, not one event ("several attacks").
    Generic,
    /// A definite event noun referring back ("the attack").
    Anaphor,
    /// No one claimed the event.
    Unclaimed,
    /// An actor in the sentence claimed it.
    Claimed,
    /// An actor in the sentence is blamed or suspected.
    Suspected,
    /// The event answers an earlier one.
    Retaliation,
    /// A verb of killing, whose victim may be named.
    Kill,
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "generic" => Cue::Generic,
            "anaphor" => Cue::Anaphor,
            "unclaimed" => Cue::Unclaimed,
            "claimed" => Cue::Claimed,
            "suspected" => Cue::Suspected,
            "retaliation" => Cue::Retaliation,
            "kill" => Cue::Kill,
            _ => return None,
        })
    }
}

/// Why a lexicon could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct LexiconError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

/// Phrases with a value each, found on word boundaries, longest first.
#[derive(Clone, Debug)]
pub(crate) struct Phrases<T> {
    matcher: AhoCorasick,
    values: Vec<T>,
}

/// A phrase found: its byte range in the searched text and its value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

impl<T> Phrases<T> {
    /// Read `a<TAB>b` lines (`#` comments) and make each a phrase and value.
    fn parse(
        file: &'static str,
        src: &str,
        mut entry: impl FnMut(&str, &str) -> Option<(String, T)>,
    ) -> Result<Phrases<T>, LexiconError> {
        let mut phrases = Vec::new();
        let mut values = Vec::new();
        for (i, line) in src.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: &str| LexiconError { file, line: i + 1, message: message.to_string() };
            let (a, b) = line.split_once('\t').ok_or_else(|| err("expected two columns separated by a tab"))?;
            let (phrase, value) = entry(a.trim(), b.trim()).ok_or_else(|| err("unknown class"))?;
            phrases.push(phrase.to_ascii_lowercase());
            values.push(value);
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .map_err(|e| LexiconError { file, line: 0, message: e.to_string() })?;
        Ok(Phrases { matcher, values })
    }

    /// Every phrase in `text`, on word boundaries.
    pub fn find_iter<'s>(&'s self, text: &'s str) -> impl Iterator<Item = Hit<'s, T>> + 's {
        let bytes = text.as_bytes();
        let is_word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
        self.matcher
            .find_iter(text)
            .filter(move |m| (m.start() == 0 || !is_word(m.start() - 1)) && !is_word(m.end()))
            .map(|m| Hit { start: m.start(), end: m.end(), value: &self.values[m.pattern().as_usize()] })
    }
}

impl Phrases<Cue> {
    /// Whether `text` holds a cue of `class`.
    pub fn has(&self, text: &str, class: Cue) -> bool {
        self.find_iter(text).any(|h| *h.value == class)
    }
}

/// The cue lexicon that ships with sitrep.
pub(crate) static CUES: LazyLock<Phrases<Cue>> = LazyLock::new(|| {
    Phrases::parse("cues.tsv", include_str!("../data/cues.tsv"), |class, phrase| {
        Some((phrase.to_string(), Cue::parse(class)?))
    })
    .expect("the built-in cue lexicon parses")
});

/// The weapon lexicon that ships with sitrep.
pub(crate) static WEAPONS: LazyLock<Phrases<String>> = LazyLock::new(|| {
    Phrases::parse("weapons.tsv", include_str!("../data/weapons.tsv"), |phrase, name| {
        Some((phrase.to_string(), name.to_string()))
    })
    .expect("the built-in weapon lexicon parses")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_found_on_word_boundaries() {
        let hits: Vec<Cue> = CUES
            .find_iter("There were no immediate claims of responsibility for the attack.")
            .map(|h| *h.value)
            .collect();
        assert_eq!(hits, [Cue::Unclaimed, Cue::Anaphor]);
        assert!(!CUES.has("The attackers fled.", Cue::Anaphor), "not inside a word");
    }

    #[test]
    fn weapons_take_the_longest_phrase() {
        let names: Vec<&str> =
            WEAPONS.find_iter("between 15 and 30 Katyusha rockets and a car bomb").map(|h| h.value.as_str()).collect();
        assert_eq!(names, ["Katyusha rocket", "car bomb"]);
    }

    #[test]
    fn bad_lines_are_reported() {
        let err =
            Phrases::parse("x.tsv", "generic\tseveral\nnonsense\tfoo\n", |c, p| Some((p.to_string(), Cue::parse(c)?)))
                .expect_err("unknown class");
        assert_eq!((err.line, err.file), (2, "x.tsv"));
    }
}
