//! Sentence boundaries in news prose: abbreviations and titles ("Army Col.",
//! "U.S."), initials, decimals, closing quotes, paragraph breaks.

use foldhash::HashSet;
use std::sync::LazyLock;

use sitrep_model::{Sentence, Span};

static ABBREVIATIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/abbreviations.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Split a cleaned text (paragraphs separated by blank lines) into sentences.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut pos = 0;
    for (paragraph, para) in text.split("\n\n").enumerate() {
        split_paragraph(text, pos, para.len(), paragraph, &mut out);
        pos += para.len() + 2;
    }
    out
}

fn split_paragraph(text: &str, start: usize, len: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let para = &text[start..start + len];
    let bytes = para.as_bytes();
    let mut sent_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // Take in further stops and closing quotes/brackets.
            let mut j = i + 1;
            loop {
                if j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                    j += 1;
                } else if para[j..].starts_with('\u{201d}') || para[j..].starts_with('\u{2019}') {
                    j += 3;
                } else {
                    break;
                }
            }
            if is_boundary(para, i, j) {
                push(text, start, sent_start, j, paragraph, out);
                sent_start = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    push(text, start, sent_start, bytes.len(), paragraph, out);
}

fn push(text: &str, base: usize, from: usize, to: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let s = &text[base + from..base + to];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if s.trim().is_empty() {
        return;
    }
    out.push(Sentence { span: Span::new(base + from + lead, base + to - trail), paragraph });
}

/// Whether the stop at `stop` (with its closing marks up to `after`) ends a sentence.
fn is_boundary(para: &str, stop: usize, after: usize) -> bool {
    let rest = &para[after..];
    let Some(next_ws) = rest.chars().next() else {
        return true;
    };
    if !next_ws.is_whitespace() {
        return false;
    }
    let Some(next) = rest.trim_start().chars().next() else {
        return true;
    };
    if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '\u{201c}' | '\'' | '(' | '[' | '*')) {
        return false;
    }
    if para.as_bytes()[stop] != b'.' {
        return true;
    }
    // The word before the stop: an abbreviation or an initial does not end it.
    let before = &para[..stop];
    let word_start = before
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = before[word_start..].trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return true;
    }
    let mut chars = word.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    !(initial || ABBREVIATIONS.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.span.start..s.span.end]).collect()
    }

    #[test]
    fn titles_abbreviations_initials_and_decimals() {
        let t = "Army Col. Myles Caggins said 2.5 rockets hit U.S. forces. Gen. J. R. Smith agreed! \"It was bad.\" He left.\n\nNew paragraph here.";
        assert_eq!(
            texts(t),
            [
                "Army Col. Myles Caggins said 2.5 rockets hit U.S. forces.",
                "Gen. J. R. Smith agreed!",
                "\"It was bad.\"",
                "He left.",
                "New paragraph here."
            ]
        );
        let s = split(t);
        assert_eq!(s[4].paragraph, 1);
    }

    #[test]
    fn multibyte_space_before_a_stop_does_not_panic() {
        // Regression: the word before a stop started one byte after a
        // three-byte space, inside it.
        assert_eq!(texts("\u{2000}.\u{2000}A"), [".", "A"]);
    }

    #[test]
    fn lower_case_after_a_stop_continues() {
        assert_eq!(texts("It hit at 7 a.m. on Monday, e.g. the base."), ["It hit at 7 a.m. on Monday, e.g. the base."]);
    }

    proptest::proptest! {
        #[test]
        fn sentences_are_in_order_on_char_boundaries(s in "(?s)[a-zA-Z .!?\"\u{201d}\u{2019}\n]{0,200}") {
            let mut last = 0;
            for sent in split(&s) {
                proptest::prop_assert!(sent.span.start >= last && sent.span.end > sent.span.start);
                proptest::prop_assert!(s.get(sent.span.start..sent.span.end).is_some());
                last = sent.span.end;
            }
        }
    }
}
