//! Place-name keys: one key for the spellings of a name.
//!
//! The key of a name joins the keys of its words (case, diacritics,
//! apostrophes and dots folded by [`sitrep_extract::words::key`]) with no
//! separator, drops an Arabic article before a hyphen or a capitalised word,
//! and collapses doubled letters: "Ain al-Asad", "Ain Al Assad" and
//! "Ain Al-Asad" are all `ainasad`; "al-Qa'im" and "Qaim" are `qaim`;
//! "Abu Kamal" and "Abukamal" are `abukamal`.

use sitrep_extract::words::{Token, Words, is_article, key, tokenize};

/// Join the keys of the words among `toks` (whose keys `key_of` gives)
/// into `out`.
pub(crate) fn join<'k>(toks: &[Token], key_of: impl Fn(usize) -> &'k str, out: &mut String) {
    join_marking(toks, key_of, out, &mut Vec::new());
}

/// [`join`], noting in `bounds` where the key of each word but the last
/// ends: "New York City" gives `newyorkcity` and 3, 7.
fn join_marking<'k>(toks: &[Token], key_of: impl Fn(usize) -> &'k str, out: &mut String, bounds: &mut Vec<usize>) {
    bounds.clear();
    let start = out.len();
    // Doubled letters collapse across words too ("Tallahassee" meets
    // "Talahasee"); the last letter written is kept rather than read back.
    let mut last = None;
    for (i, t) in toks.iter().enumerate() {
        if !t.word {
            continue;
        }
        let k = key_of(i);
        if is_article(k) && i + 1 < toks.len() {
            let next = &toks[i + 1];
            let hyphen = !next.word && matches!(next.punct, '-' | '\u{2010}' | '\u{2011}');
            if hyphen || (next.word && next.upper) {
                continue;
            }
        }
        let k = abbreviated(k);
        if out.len() > start {
            bounds.push(out.len());
        }
        for c in k.chars() {
            if last != Some(c) {
                out.push(c);
                last = Some(c);
            }
        }
    }
}

/// The one form of words written out or abbreviated: "St." / "Saint",
/// "Ft." / "Fort".
fn abbreviated(k: &str) -> &str {
    match k {
        "saint" => "st",
        "sainte" => "ste",
        "mount" => "mt",
        "fort" => "ft",
        "point" => "pt",
        "co" => "county",
        "twp" => "township",
        _ => k,
    }
}

/// The key of a name as written in a gazetteer.
pub fn name_key(name: &str) -> String {
    let mut keyer = Keyer::default();
    keyer.key(name).to_string()
}

/// Keys of many names, with buffers kept between them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Keyer {
    toks: Vec<Token>,
    keys: String,
    ends: Vec<usize>,
    out: String,
    bounds: Vec<usize>,
}

impl Keyer {
    /// The key of `name` (as [`name_key`]), valid until the next call.
    pub fn key(&mut self, name: &str) -> &str {
        if self.plain(name) {
            return &self.out;
        }
        self.toks.clear();
        self.keys.clear();
        self.ends.clear();
        self.out.clear();
        tokenize(name, 0, &mut self.toks);
        for t in &self.toks {
            if t.word {
                key(name.get(t.start..t.end).unwrap_or_default(), &mut self.keys);
            }
            self.ends.push(self.keys.len());
        }
        let (keys, ends) = (&self.keys, &self.ends);
        let key_of = |i: usize| keys.get(if i == 0 { 0 } else { ends[i - 1] }..ends[i]).unwrap_or_default();
        join_marking(&self.toks, key_of, &mut self.out, &mut self.bounds);
        &self.out
    }

    /// The key of a name of ASCII letters and digits in words parted by
    /// single spaces, the most common kind, without the tokenizer: false
    /// for any other name.
    fn plain(&mut self, name: &str) -> bool {
        let b = name.as_bytes();
        let mut prev = b' ';
        for &c in b {
            if !(c.is_ascii_alphanumeric() || (c == b' ' && prev != b' ')) {
                return false;
            }
            prev = c;
        }
        if b.is_empty() || prev == b' ' {
            return false;
        }
        self.out.clear();
        self.bounds.clear();
        let mut words = name.split(' ').peekable();
        while let Some(w) = words.next() {
            self.keys.clear();
            self.keys.extend(w.bytes().map(|c| char::from(c.to_ascii_lowercase())));
            let k = self.keys.as_str();
            let next_upper = words.peek().is_some_and(|n| n.as_bytes()[0].is_ascii_uppercase());
            if next_upper && k.len() <= 3 && is_article(k) {
                continue;
            }
            let k = if (2..=6).contains(&k.len()) { abbreviated(k) } else { k };
            if !self.out.is_empty() {
                self.bounds.push(self.out.len());
            }
            let mut last = self.out.as_bytes().last().copied();
            for c in k.bytes() {
                if Some(c) != last {
                    self.out.push(char::from(c));
                    last = Some(c);
                }
            }
        }
        true
    }

    /// The keys of the first words of the last name keyed: for "New York
    /// City", `new` and `newyork`.
    pub fn prefixes(&self) -> impl Iterator<Item = &str> {
        self.bounds.iter().filter_map(|&b| self.out.get(..b))
    }
}

/// The key of the words `range` of a text.
pub(crate) fn text_key(words: &Words, range: std::ops::Range<usize>, out: &mut String) {
    out.clear();
    let base = range.start;
    let Some(toks) = words.toks().get(range) else { return };
    join(toks, |i| words.key(base + i), out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_meet() {
        assert_eq!(name_key("Ain al-Asad"), "ainasad");
        assert_eq!(name_key("Ain Al Assad"), name_key("Ain al-Asad"));
        assert_eq!(name_key("Al Qa'im"), "qaim");
        assert_eq!(name_key("al-Qa\u{2019}im"), "qaim");
        assert_eq!(name_key("Abu Kamal"), name_key("Abukamal"));
        assert_eq!(name_key("al-Bukamal"), name_key("Bukamal"));
        assert_eq!(name_key("Ālbū Kamāl"), name_key("Albu Kamal"));
        assert_eq!(name_key("St. Louis"), "stlouis");
        assert_eq!(name_key("Saint Louis"), "stlouis");
        assert_eq!(name_key("Ft. Worth"), name_key("Fort Worth"));
        assert_eq!(name_key("Winston-Salem"), "winstonsalem");
        assert_eq!(name_key("Tallahassee"), name_key("Talahasee"));
    }

    #[test]
    fn the_plain_path_keys_as_the_tokenizer_does() {
        let slow = |name: &str| {
            let mut k = Keyer::default();
            let mut toks = Vec::new();
            tokenize(name, 0, &mut toks);
            let keys: Vec<String> = toks
                .iter()
                .map(|t| {
                    let mut s = String::new();
                    key(&name[t.start..t.end], &mut s);
                    s
                })
                .collect();
            join_marking(&toks, |i| keys[i].as_str(), &mut k.out, &mut k.bounds);
            (k.out.clone(), k.bounds.clone())
        };
        for name in [
            "New York City",
            "Ain Al Assad",
            "An Najaf",
            "As Is",
            "Saint Louis",
            "Fort Worth",
            "Al",
            "Tallahassee",
            "Jisr ash Shughur",
            "Route 66",
            "el Paso",
            "Abu Kamal",
        ] {
            let mut k = Keyer::default();
            assert!(k.plain(name), "{name}");
            assert_eq!((k.out.clone(), k.bounds.clone()), slow(name), "{name}");
        }
        let mut k = Keyer::default();
        assert!(!k.plain("Winston-Salem") && !k.plain("St. Louis") && !k.plain("Ālbū") && !k.plain("a  b"));
        // And so on every fifth line of the bundled gazetteer.
        for line in crate::gazetteer::BUNDLED.lines().filter(|l| !l.starts_with(['#', '@'])).step_by(5) {
            let cols: Vec<&str> = line.split('\t').collect();
            let names = cols.iter().take(3).chain(cols.get(8)).flat_map(|c| c.split('|'));
            for name in names {
                if k.plain(name) {
                    assert_eq!((k.out.clone(), k.bounds.clone()), slow(name), "{name}");
                }
            }
        }
    }

    #[test]
    fn articles_before_names_drop() {
        assert_eq!(name_key("Jisr ash Shughur"), name_key("Jisr al-Shughur"));
        assert_eq!(name_key("An Najaf"), "najaf");
        assert_eq!(name_key("As Suwayda"), name_key("al-Suwayda"));
    }

    #[test]
    fn an_article_alone_is_a_name() {
        // "Al" with nothing after it, or before a lowercase word, stays.
        assert_eq!(name_key("Al"), "al");
        assert_eq!(name_key("As"), "as");
    }

    #[test]
    fn text_keys_equal_name_keys() {
        let text = "Rockets hit Ain Al-Asad and al-Bukamal.";
        let words = Words::new(text);
        let mut k = String::new();
        text_key(&words, 2..6, &mut k);
        assert_eq!(k, name_key("Ain al-Asad"));
        text_key(&words, 7..10, &mut k);
        assert_eq!(k, name_key("Bukamal"));
    }
}
