//! Country cues: names of institutions one country's news uses
//! (`data/country_cues.tsv`), which tell a document's country where it
//! names no country or province ("Toledo Police Department").

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// The cue lexicon, compiled once.
pub(crate) struct CountryCues {
    matcher: AhoCorasick,
    /// The country of each pattern.
    countries: Vec<[u8; 2]>,
}

pub(crate) static COUNTRY_CUES: LazyLock<CountryCues> =
    LazyLock::new(|| CountryCues::parse(include_str!("../data/country_cues.tsv")));

impl CountryCues {
    fn parse(src: &str) -> CountryCues {
        let mut patterns = Vec::new();
        let mut countries = Vec::new();
        for line in src.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let Some((code, phrase)) = line.split_once('\t') else { continue };
            let Ok(code) = <[u8; 2]>::try_from(code.trim().as_bytes()) else { continue };
            let phrase = phrase.trim();
            patterns.push(phrase.to_string());
            countries.push(code);
            if phrase.contains('\'') {
                patterns.push(phrase.replace('\'', "\u{2019}"));
                countries.push(code);
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("the country cue lexicon compiles");
        CountryCues { matcher, countries }
    }

    /// The countries `text` cues, once per distinct cue written as whole
    /// words.
    pub(crate) fn countries(&self, text: &str) -> Vec<[u8; 2]> {
        let bytes = text.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric();
        let mut seen: Vec<usize> = Vec::new();
        for m in self.matcher.find_iter(text) {
            let whole = m.start().checked_sub(1).is_none_or(|i| !word(bytes[i]))
                && bytes.get(m.end()).is_none_or(|&b| !word(b));
            if whole && !seen.contains(&m.pattern().as_usize()) {
                seen.push(m.pattern().as_usize());
            }
        }
        seen.into_iter().map(|p| self.countries[p]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn institutions_tell_their_country_once_each() {
        let text = "Toledo Police Department officers and the Lucas County Sheriff’s Office said. \
                    The police department added that the county jail ...";
        assert_eq!(COUNTRY_CUES.countries(text), [*b"US", *b"US", *b"US"]);
        assert_eq!(COUNTRY_CUES.countries("Officers of the constabulary said."), [*b"GB"]);
        // Whole words only: "interstate police departments" is a cue, "Apolice department" is not.
        assert!(COUNTRY_CUES.countries("Apolice departments").is_empty());
    }
}
