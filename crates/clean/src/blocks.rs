//! A report split into blocks (paragraphs, or lines where a paragraph is a
//! stack of headline-like lines), and the signals read from each block.

use std::sync::LazyLock;

use regex::Regex;
use sitrep_model::Span;

/// A paragraph, or one line of a stack of short lines, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Byte range in the raw text, trimmed of surrounding whitespace.
    pub span: Span,
    /// Byte ranges of its lines, each trimmed.
    pub lines: Vec<Span>,
}

/// Split a text into blocks at blank lines. A paragraph whose every line is
/// short and unterminated (stacked headlines, a tag list) is split into
/// one block per line, so that each line is judged on its own.
pub fn split(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines: Vec<Span> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let span = trim_span(text, Span::new(pos, pos + line.len()));
        pos += line.len();
        if span.is_empty() {
            flush(text, &mut lines, &mut blocks);
        } else {
            lines.push(span);
        }
    }
    flush(text, &mut lines, &mut blocks);
    blocks
}

fn flush(text: &str, lines: &mut Vec<Span>, blocks: &mut Vec<Block>) {
    if lines.is_empty() {
        return;
    }
    let stacked = lines.len() > 1
        && lines.iter().all(|l| {
            let s = l.slice(text).unwrap_or_default();
            s.len() < 160 && !ends_sentence(s)
        });
    if stacked {
        blocks.extend(lines.iter().map(|&l| Block { span: l, lines: vec![l] }));
    } else if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
        blocks.push(Block { span: Span::new(first.start, last.end), lines: lines.clone() });
    }
    lines.clear();
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = span.slice(text).unwrap_or_default();
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    Span::new(start, end.max(start))
}

/// Whether a line ends the way a sentence does.
pub fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end().trim_end_matches(['*', '_']);
    s.ends_with(['.', '!', '?', '"', '\u{201d}', '\u{2019}', '\'', ')', ':', ';', '\u{2026}'])
}

/// Markdown links `[text](target)`, autolinks `<http…>` and bare URLs.
pub static LINK_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\[(?P<text>[^\]\n]*)\]\((?P<target>[^)\s]*)\)|<https?://[^>\s]+>|(?-u:\b)(?:https?://|www\.)[^\s<>()\[\]]{2,}",
    )
    .expect("link pattern compiles")
});

static EMAIL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+(?-u:\b)").expect("email pattern compiles")
});

/// Signals read from one block.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    pub words: usize,
    /// Share of the block's bytes inside links and URLs (0..=1).
    pub link_density: f64,
    /// The block is one link or URL and nothing else.
    pub only_link: bool,
    pub has_email: bool,
    /// Ends like a sentence and has enough words to be one.
    pub prose: bool,
    /// Punctuation only (`*`, `***`, `---`).
    pub separator: bool,
    /// Share of capitalised words among words that are not function words.
    pub capitalised: f64,
}

impl Features {
    pub fn of(s: &str) -> Features {
        // Shape is judged on the text a reader sees: link targets do not count.
        let plain = without_links(s);
        let words: Vec<&str> = plain.split_whitespace().collect();
        let link_bytes: usize = if plain.len() == s.len() { 0 } else { LINK_RE.find_iter(s).map(|m| m.len()).sum() };
        let bare = s.trim();
        let only_link = LINK_RE.find(bare).is_some_and(|m| m.start() == 0 && m.end() == bare.len());
        let content: Vec<&&str> = words.iter().filter(|w| !is_function_word(w)).collect();
        let caps = content
            .iter()
            .filter(|w| {
                w.trim_start_matches(|c: char| !c.is_alphanumeric())
                    .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            })
            .count();
        Features {
            words: words.len(),
            link_density: if s.is_empty() { 0.0 } else { link_bytes as f64 / s.len() as f64 },
            only_link,
            has_email: s.contains('@') && EMAIL_RE.is_match(s),
            prose: words.len() >= 6 && ends_sentence(&plain),
            separator: !s.is_empty() && s.chars().all(|c| c.is_ascii_punctuation() || c.is_whitespace()),
            capitalised: if content.is_empty() { 0.0 } else { caps as f64 / content.len() as f64 },
        }
    }

    /// Shaped like a headline: one short line, no closing punctuation, most
    /// content words capitalised, or very short.
    pub fn headline_shaped(&self, s: &str) -> bool {
        let plain = without_links(s);
        !s.contains('\n') && self.words <= 20 && !ends_sentence(&plain) && (self.capitalised >= 0.5 || self.words <= 4)
    }
}

/// The text with markdown links replaced by their text (cheap when there is none).
fn without_links(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains("](") || s.contains("://") || s.contains("www.") {
        LINK_RE.replace_all(s, "$text")
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub(crate) fn is_function_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "at", "to", "by", "for", "and", "or", "but", "with", "from", "as", "into",
        "after", "over", "is", "are", "was", "were", "be", "its", "their",
    ];
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    WORDS.iter().any(|f| f.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_and_stacked_headlines_per_line() {
        let text = "Title\n\nFirst para line one\ncontinues here.\n\n  \nHeadline One Here\nSecond Headline There\n";
        let blocks = split(text);
        let got: Vec<&str> = blocks.iter().map(|b| b.span.slice(text).unwrap_or_default()).collect();
        assert_eq!(
            got,
            ["Title", "First para line one\ncontinues here.", "Headline One Here", "Second Headline There"]
        );
    }

    #[test]
    fn features_of_links_and_prose() {
        let f = Features::of("Theme: [Intelligence](#), [Military](#)");
        assert!(f.link_density > 0.5);
        assert!(!f.prose);
        assert!(Features::of("https://example.org/video.mp4").only_link);
        let p = Features::of("A volley of rockets struck the base on Wednesday.");
        assert!(p.prose && !p.headline_shaped("A volley of rockets struck the base on Wednesday."));
        let h = "Iraqi Troops Injured in 2nd Rocket Attack on US Base";
        assert!(Features::of(h).headline_shaped(h));
        assert!(Features::of("contact: press@example.org").has_email);
        assert!(Features::of("***").separator);
    }
}
