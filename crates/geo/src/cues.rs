//! Country cues: names of institutions one country's news uses
//! (`data/country_cues.tsv`), which tell a document's country where it
//! names no country or province ("Toledo Police Department").
//!
//! A cue is matched on the document's words, not its bytes: its words'
//! keys in order, in any case, with or without diacritics or abbreviation
//! dots ("U.S. attorney", "US Attorney"), a possessive where the cue writes
//! one ("Sheriff's Office", "Sheriff’s Office"). The words come from the
//! tokenizer every annotator shares, so a document costs one sieve test per
//! word and a lookup for the few words that open a cue.

use std::sync::LazyLock;

use foldhash::HashMap;
use sitrep_extract::Words;
use sitrep_extract::words::Sieve;

/// One word of a cue.
#[derive(Debug)]
struct CueWord {
    key: String,
    /// Written with a possessive ("sheriff's").
    possessive: bool,
}

/// The cue lexicon, read once.
pub(crate) struct CountryCues {
    /// Each cue's words and country.
    cues: Vec<(Vec<CueWord>, [u8; 2])>,
    /// The cues (indices into `cues`) by the key of their first word.
    by_first: HashMap<String, Vec<usize>>,
    /// The keys of cues' first words, to turn away most words unlooked-up.
    first: Sieve,
}

pub(crate) static COUNTRY_CUES: LazyLock<CountryCues> =
    LazyLock::new(|| CountryCues::parse(include_str!("../data/country_cues.tsv")));

impl CountryCues {
    fn parse(src: &str) -> CountryCues {
        let mut cues = Vec::new();
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        let mut first = Sieve::default();
        for line in src.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let Some((code, phrase)) = line.split_once('\t') else { continue };
            let Ok(code) = <[u8; 2]>::try_from(code.trim().as_bytes()) else { continue };
            let words = Words::new(phrase.trim());
            let cue: Vec<CueWord> = (0..words.len())
                .filter(|&i| words.toks()[i].word)
                .map(|i| CueWord { key: words.key(i).to_string(), possessive: words.toks()[i].possessive })
                .collect();
            let Some(head) = cue.first() else { continue };
            first.insert(&head.key);
            by_first.entry(head.key.clone()).or_default().push(cues.len());
            cues.push((cue, code));
        }
        CountryCues { cues, by_first, first }
    }

    /// A reader of one document's cues, fed its words in order.
    pub(crate) fn reader(&self) -> CueReader<'_> {
        CueReader { cues: self, seen: Vec::new(), next: 0 }
    }

    /// Whether cue `c` is written from word `i`: each of its words in turn,
    /// on one line with no mark between; the last may take a possessive of
    /// its own ("the police department's").
    fn fits(&self, words: &Words, i: usize, c: usize) -> bool {
        let cue = &self.cues[c].0;
        cue.iter().enumerate().all(|(n, w)| {
            words.toks().get(i + n).is_some_and(|t| {
                t.word
                    && (n == 0 || !t.newline)
                    && words.key(i + n) == w.key
                    && (n + 1 == cue.len() || t.possessive == w.possessive)
            })
        })
    }
}

/// The cues of one document, read word by word in the pass that reads its
/// words for other ends. The longest cue that fits at a word is read, and
/// the next read after it ("County Sheriff's Office" is the cue "county
/// sheriff").
pub(crate) struct CueReader<'c> {
    cues: &'c CountryCues,
    /// The cues read, once each.
    seen: Vec<usize>,
    /// The first word after the last cue read.
    next: usize,
}

impl CueReader<'_> {
    /// Read word `i`, after words `0..i`. Inlined: most words are turned
    /// away by the sieve.
    #[inline]
    pub(crate) fn read(&mut self, words: &Words, i: usize) {
        if i < self.next || !words.toks().get(i).is_some_and(|t| t.word) {
            return;
        }
        let key = words.key(i);
        if self.cues.first.may_contain(key) {
            self.read_cue(words, i, key);
        }
    }

    /// The longest cue from word `i`, whose key is `key`.
    #[inline(never)]
    fn read_cue(&mut self, words: &Words, i: usize, key: &str) {
        let Some(cues) = self.cues.by_first.get(key) else { return };
        let longest = cues.iter().filter(|&&c| self.cues.fits(words, i, c)).max_by_key(|&&c| self.cues.cues[c].0.len());
        if let Some(&c) = longest {
            if !self.seen.contains(&c) {
                self.seen.push(c);
            }
            self.next = i + self.cues.cues[c].0.len();
        }
    }

    /// The countries of the cues read, once per distinct cue.
    pub(crate) fn countries(self) -> Vec<[u8; 2]> {
        self.seen.into_iter().map(|c| self.cues.cues[c].1).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn countries(text: &str) -> Vec<[u8; 2]> {
        let words = Words::new(text);
        let mut reader = COUNTRY_CUES.reader();
        for i in 0..words.len() {
            reader.read(&words, i);
        }
        reader.countries()
    }

    #[test]
    fn institutions_tell_their_country_once_each() {
        let text = "Toledo Police Department officers and the Lucas County Sheriff’s Office said. \
                    The police department added that the county jail ...";
        assert_eq!(countries(text), [*b"US", *b"US", *b"US"]);
        assert_eq!(countries("Officers of the constabulary said."), [*b"GB"]);
        // Whole words only.
        assert!(countries("Apolice departments").is_empty());
    }

    #[test]
    fn a_cue_is_its_words_in_order_on_one_line() {
        // Spellings of one word meet: dots, case, a curly apostrophe.
        assert_eq!(countries("the US Attorney for the district"), [*b"US"]);
        assert_eq!(countries("the SHERIFF'S OFFICE said"), [*b"US"]);
        // The cue's possessive is part of it; the last word may take one.
        assert!(countries("the sheriff office").is_empty());
        assert_eq!(countries("the police department's report"), [*b"US"]);
        // No stop, comma or line between its words.
        assert!(countries("in the county. Jail records show").is_empty());
        assert!(countries("the police, department heads").is_empty());
        assert!(countries("the police\ndepartment").is_empty());
    }
}
