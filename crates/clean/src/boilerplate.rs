//! The boilerplate lexicon: weighted cue phrases, matched on word boundaries.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// The lexicon that ships with sitrep.
pub const BUILTIN: &str = include_str!("../data/boilerplate.tsv");

/// Why a lexicon file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// Weighted cue phrases that mark text as not the story.
#[derive(Clone, Debug)]
pub struct Lexicon {
    matcher: AhoCorasick,
    weights: Vec<u32>,
}

impl Lexicon {
    /// Parse `weight<TAB>phrase` lines; `#` starts a comment.
    pub fn parse(src: &str) -> Result<Lexicon, LexiconError> {
        let mut phrases = Vec::new();
        let mut weights = Vec::new();
        for (i, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: &str| LexiconError { line: i + 1, message: message.to_string() };
            let (w, phrase) = line.split_once('\t').ok_or_else(|| err("expected weight<TAB>phrase"))?;
            let w: u32 = w.trim().parse().map_err(|_| err("weight is not a whole number"))?;
            let phrase = phrase.trim();
            if phrase.is_empty() {
                return Err(err("empty phrase"));
            }
            phrases.push(phrase.to_lowercase());
            weights.push(w);
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .map_err(|e| LexiconError { line: 0, message: e.to_string() })?;
        Ok(Lexicon { matcher, weights })
    }

    /// The lexicon that ships with sitrep.
    pub fn builtin() -> Lexicon {
        Lexicon::parse(BUILTIN).expect("the built-in boilerplate lexicon parses")
    }

    /// Sum of the weights of the cues in `s` (whole words only).
    pub fn score(&self, s: &str) -> u32 {
        let bytes = s.as_bytes();
        let word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
        self.matcher
            .find_iter(s)
            .filter(|m| {
                let pat_edge_start = bytes.get(m.start()).is_some_and(|b| b.is_ascii_alphanumeric());
                let pat_edge_end = m.end() > 0 && word(m.end() - 1);
                let clean_start = !pat_edge_start || m.start() == 0 || !word(m.start() - 1);
                let clean_end = !pat_edge_end || !word(m.end());
                clean_start && clean_end
            })
            .map(|m| self.weights[m.pattern().as_usize()])
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_match_whole_words_only() {
        let lex = Lexicon::parse("2\tshare\n1\tdonate\n").expect("parses");
        assert_eq!(lex.score("Please SHARE this"), 2);
        assert_eq!(lex.score("their shares rose; shareholders"), 0);
        assert_eq!(lex.score("share and donate"), 3);
    }

    #[test]
    fn builtin_lexicon_loads_and_bad_lines_are_reported() {
        assert!(Lexicon::builtin().score("Copyright © 2020, all rights reserved") >= 4);
        let err = Lexicon::parse("x\tphrase").expect_err("bad weight");
        assert_eq!(err.line, 1);
    }
}
