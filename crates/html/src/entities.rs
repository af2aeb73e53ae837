//! Character references: `&amp;`, `&#8217;`, `&#x2014;`, `&eacute;`.
//!
//! The named references are those news pages use: markup, typography,
//! currency and the Latin-1 letters. An unknown name is kept as written, as
//! browsers do with a reference they cannot resolve.

/// Named references beyond the Latin-1 letters, sorted by name.
const NAMED: &[(&str, char)] = &[
    ("AMP", '&'),
    ("GT", '>'),
    ("LT", '<'),
    ("OElig", 'Œ'),
    ("QUOT", '"'),
    ("Scaron", 'Š'),
    ("Yuml", 'Ÿ'),
    ("amp", '&'),
    ("apos", '\''),
    ("bdquo", '„'),
    ("bull", '•'),
    ("cent", '¢'),
    ("circ", 'ˆ'),
    ("copy", '©'),
    ("dagger", '†'),
    ("deg", '°'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("euro", '€'),
    ("fnof", 'ƒ'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("gt", '>'),
    ("hellip", '…'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lrm", '\u{200E}'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("middot", '·'),
    ("minus", '−'),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("oelig", 'œ'),
    ("para", '¶'),
    ("permil", '‰'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rlm", '\u{200F}'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("scaron", 'š'),
    ("sect", '§'),
    ("shy", '\u{AD}'),
    ("thinsp", '\u{2009}'),
    ("tilde", '˜'),
    ("times", '×'),
    ("trade", '™'),
    ("yen", '¥'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// The Latin-1 letters U+00C0 to U+00FF, in code point order (U+00D7 and
/// U+00F7 are `times` and `divide`).
const LATIN1: [&str; 64] = [
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml",
    "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde",
    "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
    "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// The character a reference's name stands for.
fn named(name: &str) -> Option<char> {
    if let Ok(i) = NAMED.binary_search_by(|(n, _)| n.cmp(&name)) {
        return Some(NAMED[i].1);
    }
    let i = LATIN1.iter().position(|n| *n == name)?;
    char::from_u32(0xC0 + i as u32)
}

/// Append `raw` to `out` with its character references resolved.
pub(crate) fn decode_into(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// `raw` with its character references resolved.
pub(crate) fn decode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    decode_into(raw, &mut out);
    out
}

/// The character of the reference `s` starts with (at its `&`), and the
/// reference's length including a closing `;` when there is one.
fn reference(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (digits_at, radix) = if matches!(b.get(2), Some(b'x' | b'X')) { (3, 16) } else { (2, 10) };
        let n = b[digits_at..]
            .iter()
            .take(8)
            .take_while(|c| c.is_ascii_hexdigit() && (radix == 16 || c.is_ascii_digit()))
            .count();
        if n == 0 {
            return None;
        }
        let value = u32::from_str_radix(&s[digits_at..digits_at + n], radix).ok()?;
        let end = digits_at + n + usize::from(b.get(digits_at + n) == Some(&b';'));
        // The C1 range as Windows-1252, as browsers read it.
        let c = match value {
            0 => '\u{FFFD}',
            0x80..=0x9F => windows_1252(value),
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((c, end));
    }
    let n = b[1..].iter().take(32).take_while(|c| c.is_ascii_alphanumeric()).count();
    if n == 0 {
        return None;
    }
    let c = named(&s[1..1 + n])?;
    Some((c, 1 + n + usize::from(b.get(1 + n) == Some(&b';'))))
}

fn windows_1252(v: u32) -> char {
    let byte = [u8::try_from(v).unwrap_or(b'?')];
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte).0.chars().next().unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve() {
        assert_eq!(decode("Tom &amp; Jerry&#8217;s &#x2014; caf&eacute; &nbsp;"), "Tom & Jerry’s — café \u{A0}");
        assert_eq!(decode("&#150; &#0; &bogus; & alone &#xZZ;"), "– \u{FFFD} &bogus; & alone &#xZZ;");
        assert_eq!(decode("&lt;script&gt;"), "<script>");
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0), "NAMED is sorted");
    }
}
