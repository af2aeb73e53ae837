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
    let start = out.len();
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
        // Abbreviated and written-out forms: "St." / "Saint", "Ft." / "Fort".
        let k = match k {
            "saint" => "st",
            "sainte" => "ste",
            "mount" => "mt",
            "fort" => "ft",
            "point" => "pt",
            _ => k,
        };
        for c in k.chars() {
            if !out[start..].ends_with(c) {
                out.push(c);
            }
        }
    }
}

/// The key of a name as written in a gazetteer.
pub fn name_key(name: &str) -> String {
    let mut toks = Vec::new();
    tokenize(name, 0, &mut toks);
    let keys: Vec<String> = toks
        .iter()
        .map(|t| {
            let mut k = String::new();
            if t.word {
                key(name.get(t.start..t.end).unwrap_or_default(), &mut k);
            }
            k
        })
        .collect();
    let mut out = String::new();
    join(&toks, |i| keys[i].as_str(), &mut out);
    out
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
