//! Words, numbers and punctuation of one sentence, with byte offsets.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Digits, with thousands commas: "12", "10,000".
    Digits,
    /// Anything with a letter, or digits joined to other characters
    /// ("107mm", "17-year-old", "2.5", "555-1234").
    Word,
    /// One character that is neither.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whether the first character is an upper-case letter.
    pub capital: bool,
}

fn joins(prev: char, c: char, next: char) -> bool {
    match c {
        '-' => prev.is_alphanumeric() && next.is_alphanumeric(),
        '\'' | '\u{2019}' => prev.is_alphabetic() && next.is_alphabetic(),
        '.' | ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// The character at byte `i` of `s` and its length: one byte for ASCII,
/// decoded otherwise; a space past the end.
fn char_at(s: &str, i: usize) -> (char, usize) {
    match s.as_bytes().get(i) {
        None => (' ', 0),
        Some(&b) if b.is_ascii() => (b as char, 1),
        Some(_) => s.get(i..).and_then(|t| t.chars().next()).map_or((' ', 1), |c| (c, c.len_utf8())),
    }
}

/// Tokens of `text[start..end]` (offsets into `text`). Out-of-range or
/// off-boundary spans give no tokens.
pub(crate) fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    out.clear();
    let Some(s) = text.get(start..end) else { return };
    let mut prev = ' ';
    let mut cur: Option<Token> = None;
    let (mut c, mut len) = char_at(s, 0);
    let mut i = 0;
    while len > 0 {
        let (next, next_len) = char_at(s, i + len);
        if c.is_alphanumeric() || (cur.is_some() && joins(prev, c, next)) {
            match &mut cur {
                Some(t) => {
                    t.end = start + i + len;
                    if !c.is_ascii_digit() && (c != ',' || t.kind != Kind::Digits) {
                        t.kind = Kind::Word;
                    }
                }
                None => {
                    let kind = if c.is_ascii_digit() { Kind::Digits } else { Kind::Word };
                    cur = Some(Token { start: start + i, end: start + i + len, kind, capital: c.is_uppercase() })
                }
            }
        } else {
            if let Some(t) = cur.take() {
                out.push(t);
            }
            if !c.is_whitespace() {
                out.push(Token { start: start + i, end: start + i + len, kind: Kind::Punct, capital: false });
            }
        }
        prev = c;
        i += len;
        (c, len) = (next, next_len);
        // The rest of an ASCII word at once.
        if let Some(t) = &mut cur
            && c.is_ascii_alphanumeric()
        {
            let bytes = s.as_bytes();
            let mut j = i;
            while bytes.get(j + 1).is_some_and(u8::is_ascii_alphanumeric) {
                j += 1;
            }
            if j > i {
                if bytes[i..j].iter().any(|b| !b.is_ascii_digit()) {
                    t.kind = Kind::Word;
                }
                t.end = start + j;
                prev = bytes[j - 1] as char;
                i = j;
                (c, len) = char_at(s, i);
            }
        }
    }
    if let Some(t) = cur.take() {
        out.push(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, 0, text.len(), &mut v);
        v.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn joins_numbers_hyphens_and_apostrophes() {
        assert_eq!(
            words("10,000 troops, forty-two 107mm barrels."),
            ["10,000", "troops", ",", "forty-two", "107mm", "barrels", "."]
        );
        assert_eq!(words("Barbee's 17-year-old — 2.5%"), ["Barbee's", "17-year-old", "—", "2.5", "%"]);
        assert_eq!(words("a,b -x"), ["a", ",", "b", "-", "x"]);
    }
}
