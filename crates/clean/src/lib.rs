//! The article in a report: boilerplate out, metadata read, offsets kept.
//!
//! The [`Cleaner`] splits a raw report into blocks and classifies each by
//! general signals: position (the header before the first paragraph of
//! prose), shape (headline-like lines, date lines, bylines, tag lines),
//! link and URL density, e-mail addresses, and a weighted lexicon of
//! boilerplate cues. What is kept becomes [`Document::text`], with an
//! [`OffsetMap`](sitrep_model::OffsetMap) back to the raw text; what is
//! dropped is listed with its reason.
//!
//! ```
//! use sitrep_clean::Cleaner;
//! use sitrep_model::{DocId, RawDocument, SourceMeta};
//!
//! let raw = RawDocument {
//!     id: DocId("d1".into()),
//!     path: "d1.txt".into(),
//!     text: "Rockets hit a base\n\nMonday, 2 Mar, 2020\n\nBy Jane Roe\n\n\
//!            Rockets struck the base on Monday, officials said.\n\n\
//!            Copyright © 2020 Example News. All rights reserved.".into(),
//!     meta: SourceMeta::default(),
//!     warnings: vec![],
//! };
//! let doc = Cleaner::default().clean(raw);
//! assert_eq!(doc.title.as_deref(), Some("Rockets hit a base"));
//! assert_eq!(doc.published.map(|d| d.to_string()).as_deref(), Some("2020-03-02"));
//! assert_eq!(doc.author.as_deref(), Some("Jane Roe"));
//! assert_eq!(doc.text, "Rockets struck the base on Monday, officials said.");
//! ```

mod blocks;
mod boilerplate;
pub mod dates;
mod lang;

use std::sync::LazyLock;

use regex::Regex;
use sitrep_model::{Document, DropReason, Dropped, RawDocument, Span, TextBuilder};

use blocks::is_function_word;
pub use blocks::{Block, Features};
pub use boilerplate::{Lexicon, LexiconError};

/// Turns a [`RawDocument`] into a [`Document`]: main text and metadata.
#[derive(Clone, Debug)]
pub struct Cleaner {
    lexicon: Lexicon,
}

impl Default for Cleaner {
    fn default() -> Cleaner {
        static BUILTIN: LazyLock<Lexicon> = LazyLock::new(Lexicon::builtin);
        Cleaner { lexicon: BUILTIN.clone() }
    }
}

/// What a block is, once judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Body,
    Drop(DropReason),
}

/// Metadata read from the report's text.
#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    published: Option<jiff::civil::Date>,
    outlet: Option<String>,
    author: Option<String>,
}

static BYLINE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:by|written by|posted by|author:)\s+(.{2,80})$").expect("byline pattern"));
static TAG_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\*{0,2}[A-Z][\w&\- ]{0,28}:\*{0,2}\s+(.+)$").expect("tag pattern"));
static MARKUP_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(?P<text>[^\]\n]*)\]\([^)\s]*\)|\*\*|<https?://[^>\s]+>").expect("markup pattern"));

impl Cleaner {
    /// A cleaner with this boilerplate lexicon instead of the built-in one.
    pub fn with_lexicon(lexicon: Lexicon) -> Cleaner {
        Cleaner { lexicon }
    }

    /// Clean one report. Never fails: a report with no story left has an
    /// empty text.
    pub fn clean(&self, raw: RawDocument) -> Document {
        let text = raw.text.as_str();
        let blocks = blocks::split(text);
        let mut meta = Meta {
            title: raw.meta.title.as_deref().map(collapse_ws),
            published: raw.meta.date.as_deref().and_then(dates::parse_date),
            outlet: raw.meta.outlet.clone(),
            author: raw.meta.author.clone(),
        };
        let title_given = meta.title.is_some();
        let kinds = self.classify(text, &blocks, &mut meta, title_given);

        let mut out = TextBuilder::new();
        let mut dropped = Vec::new();
        for (block, kind) in blocks.iter().zip(&kinds) {
            match kind {
                Kind::Drop(reason) => dropped.push(Dropped { span: block.span, reason: *reason }),
                Kind::Body => {
                    if !out.is_empty() {
                        out.push_inserted("\n\n");
                    }
                    for (i, line) in block.lines.iter().enumerate() {
                        if i > 0 {
                            out.push_inserted("\n");
                        }
                        push_without_markup(&mut out, text, *line);
                    }
                }
            }
        }
        let (clean, offsets) = out.finish();
        let language = lang::detect(&clean).map(str::to_string);
        Document {
            id: raw.id,
            path: raw.path,
            title: meta.title,
            published: meta.published,
            outlet: meta.outlet,
            author: meta.author,
            url: raw.meta.url,
            language,
            text: clean,
            offsets,
            dropped,
            warnings: raw.warnings,
            annotations: None,
        }
    }

    fn classify(&self, text: &str, blocks: &[Block], meta: &mut Meta, title_given: bool) -> Vec<Kind> {
        let mut kinds = Vec::with_capacity(blocks.len());
        let mut in_header = true;
        for (i, block) in blocks.iter().enumerate() {
            let s = block.span.slice(text).unwrap_or_default();
            let f = Features::of(s);
            let kind = if in_header {
                let k = self.header_kind(s, &f, meta, title_given, i);
                if k == Kind::Body {
                    in_header = false;
                }
                k
            } else {
                self.body_kind(s, &f)
            };
            kinds.push(kind);
        }
        smooth(text, blocks, &mut kinds);
        kinds
    }

    /// A block before the first paragraph of the story.
    fn header_kind(&self, s: &str, f: &Features, meta: &mut Meta, title_given: bool, index: usize) -> Kind {
        if let Some(k) = self.noise_kind(s, f) {
            return Kind::Drop(k);
        }
        let plain = strip_markup(s);
        if let Some(rest) = date_line(&plain) {
            if meta.published.is_none() {
                meta.published = dates::find_dates(&plain).next().map(|(_, d)| d);
            }
            if meta.outlet.is_none() && !rest.is_empty() {
                meta.outlet = Some(rest);
            }
            return Kind::Drop(DropReason::Dateline);
        }
        if let Some(c) = BYLINE_RE.captures(plain.trim()) {
            if meta.author.is_none() {
                meta.author = Some(c[1].trim().trim_end_matches(['.', ',']).to_string());
            }
            return Kind::Drop(DropReason::Byline);
        }
        match &meta.title {
            Some(title) if title_given && same_title(&plain, title) => return Kind::Drop(DropReason::Title),
            None if index == 0 && !f.prose && f.words <= 40 && !s.contains('\n') => {
                meta.title = Some(collapse_ws(&plain));
                return Kind::Drop(DropReason::Title);
            }
            _ => {}
        }
        if !f.prose && f.headline_shaped(s) && !meta.title.as_deref().is_some_and(|t| standfirst(&plain, t)) {
            return Kind::Drop(DropReason::Headline);
        }
        Kind::Body
    }

    /// A block inside the story.
    fn body_kind(&self, s: &str, f: &Features) -> Kind {
        if let Some(k) = self.noise_kind(s, f) {
            return Kind::Drop(k);
        }
        if f.words <= 12 && date_line(&strip_markup(s)).is_some() {
            return Kind::Drop(DropReason::Dateline);
        }
        if f.headline_shaped(s) {
            return Kind::Drop(DropReason::Headline);
        }
        Kind::Body
    }

    /// Separators, bare links, tag lines and boilerplate, wherever they stand.
    fn noise_kind(&self, s: &str, f: &Features) -> Option<DropReason> {
        if f.separator {
            return Some(DropReason::Separator);
        }
        if f.only_link {
            return Some(DropReason::Url);
        }
        if self.is_boilerplate(s, f) {
            return Some(DropReason::Boilerplate);
        }
        if is_tag_line(s, f) {
            return Some(DropReason::TagLine);
        }
        if s.lines().all(|l| l.trim().is_empty() || is_playlist_entry(l)) {
            return Some(DropReason::Boilerplate);
        }
        None
    }

    fn is_boilerplate(&self, s: &str, f: &Features) -> bool {
        let score = self.lexicon.score(s) as f64;
        // Cue density: 2 points per 60 words is a clear signal; links and
        // e-mail addresses in a short block add to it.
        let per_60 = score * 60.0 / f.words.max(20) as f64;
        let extra = if f.has_email { 1.0 } else { 0.0 } + if f.link_density > 0.3 { 1.0 } else { 0.0 };
        (score >= 2.0 && per_60 >= 2.0) || (score >= 1.0 && extra >= 1.0 && f.words < 60) || extra >= 2.0
    }
}

/// A block between two dropped blocks, in the same run of noise, that is
/// not prose itself is noise too (the tail of a footer, split by a blank line).
fn smooth(text: &str, blocks: &[Block], kinds: &mut [Kind]) {
    for i in 1..blocks.len().saturating_sub(1) {
        if kinds[i] != Kind::Body {
            continue;
        }
        let (Kind::Drop(before), Kind::Drop(after)) = (kinds[i - 1], kinds[i + 1]) else {
            continue;
        };
        let boiler = |r: DropReason| matches!(r, DropReason::Boilerplate | DropReason::Url | DropReason::Separator);
        let f = Features::of(blocks[i].span.slice(text).unwrap_or_default());
        if boiler(before) && boiler(after) && f.words < 25 && !f.prose {
            kinds[i] = Kind::Drop(DropReason::Boilerplate);
        }
    }
}

/// A line that is a date, maybe with a weekday, a time and a publisher
/// ("Global Research, March 16, 2020"): returns the publisher part
/// (empty when there is none).
fn date_line(plain: &str) -> Option<String> {
    let line = plain.trim();
    if line.contains('\n') || line.split_whitespace().count() > 14 {
        return None;
    }
    let (span, _) = dates::find_dates(line).next()?;
    let before = line.get(..span.start).unwrap_or_default();
    let after = line.get(span.end..).unwrap_or_default();
    let label = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '-' | '–' | '—' | ':' | '(' | ')'))
            .to_string()
    };
    let (before, after) = (label(before), label(after));
    // Words like "Posted", "Updated", "Published" are not a publisher.
    let stamp = |s: &str| {
        let l = s.to_ascii_lowercase();
        ["posted", "updated", "published", "last updated", "first published", "date"].iter().any(|w| l.starts_with(w))
    };
    // What follows the date may be a time ("8:18 PM EST"), nothing else.
    let after_ok = after.is_empty() || after.chars().next().is_some_and(|c| c.is_ascii_digit()) || stamp(&after);
    if !after_ok || before.split_whitespace().count() > 5 {
        return None;
    }
    Some(if stamp(&before) { String::new() } else { before })
}

/// Whether a line is an entry of a video playlist: a running time, then a
/// clip's title ("0:27 Father of man killed during robbery at Tacoma motel
/// talks about sentences Pause"). A time of day ("12:38 p.m.:", "4:14 PM
/// MONDAY: …") opens a line of a live report instead.
fn is_playlist_entry(line: &str) -> bool {
    let line = line.trim();
    let Some((time, title)) = line.split_once(' ') else { return false };
    let Some((min, sec)) = time.split_once(':') else { return false };
    let digits =
        |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let first = title.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
    let of_day = matches!(first.trim_end_matches([':', ',']), "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m");
    digits(min, 1..=2)
        && digits(sec, 2..=2)
        && !of_day
        && title.len() <= 200
        && title.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '\'' | '"' | '‘' | '“'))
}

fn is_tag_line(s: &str, f: &Features) -> bool {
    if s.contains('\n') || f.prose {
        return false;
    }
    let Some(c) = TAG_RE.captures(s) else {
        return false;
    };
    let value = &c[1];
    let vf = Features::of(value);
    // A label followed by links, or by a short list of short items.
    vf.link_density > 0.5 || (vf.words <= 12 && value.split(',').all(|item| item.split_whitespace().count() <= 4))
}

/// Copy a line into the output, turning markdown links into their text and
/// dropping bold markers and autolinks.
fn push_without_markup(out: &mut TextBuilder, text: &str, line: Span) {
    let s = line.slice(text).unwrap_or_default();
    if !s.contains(['[', '*', '<']) {
        out.push_copied(s, line.start);
        return;
    }
    let mut last = 0;
    for c in MARKUP_RE.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        out.push_copied(&s[last..m.start()], line.start + last);
        if let Some(t) = c.name("text") {
            out.push_copied(t.as_str(), line.start + t.start());
        }
        last = m.end();
    }
    out.push_copied(&s[last..], line.start + last);
}

/// A block's text with markdown links turned into their text.
fn strip_markup(s: &str) -> String {
    MARKUP_RE.replace_all(s, "$text").into_owned()
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A headline-shaped line under the title that tells the same story (the
/// standfirst: "7-year-old boy was fatally shot Saturday night" under "7-year-old
/// shot, killed in Southwest Charlotte"): it shares two or more content words
/// with the title, where a stray headline of another story shares fewer.
fn standfirst(line: &str, title: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| w.chars().count() >= 3 && !is_function_word(w))
            .collect()
    };
    let title = words(title);
    let mut line = words(line);
    line.sort_unstable();
    line.dedup();
    line.iter().filter(|w| title.contains(w)).count() >= 2
}

/// Whether a line repeats the title: the title itself, the title with the
/// outlet after it ("Title - WKRN News 2"), or a long start of it. A line
/// that only begins with a short title ("Shooting", "t") says more.
fn same_title(line: &str, title: &str) -> bool {
    let norm = |s: &str| -> String { s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect() };
    let (l, t) = (norm(line), norm(title));
    let extra = l.len().saturating_sub(t.len());
    !l.is_empty() && ((l.starts_with(&t) && extra <= t.len().max(24)) || (t.starts_with(&l) && l.len() >= 16))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{DocId, SourceMeta};

    fn clean(text: &str) -> Document {
        Cleaner::default().clean(RawDocument {
            id: DocId("t".into()),
            path: "t".into(),
            text: text.into(),
            meta: SourceMeta::default(),
            warnings: vec![],
        })
    }

    #[test]
    fn lines_that_repeat_the_title() {
        assert!(same_title("Man shot on Main Street - WKRN News 2", "Man shot on Main Street"));
        assert!(same_title("Man shot on Main Street in", "Man shot on Main Street in Dayton"));
        assert!(!same_title("The shooting happened in Chicago, police said.", "t"));
        assert!(!same_title("Shooting on Main Street left two men dead and a woman hurt, police said.", "Shooting"));
    }

    #[test]
    fn date_lines_with_publishers() {
        assert_eq!(date_line("Global Research, March 16, 2020").as_deref(), Some("Global Research"));
        assert_eq!(date_line("Friday, 13 Mar, 2020").as_deref(), Some(""));
        assert_eq!(date_line("Posted: Tuesday, January 28, 2014 8:18 PM EST").as_deref(), Some(""));
        assert_eq!(date_line("Rockets hit the base on March 11, 2020 and killed three."), None);
    }

    #[test]
    fn tag_lines_and_footers_are_dropped_story_kept() {
        let doc = clean(
            "Big Story Title\n\nRegion: [Middle East](#)\n\nTheme: [Intelligence](#), [Military](#)\n\n\
             Rockets struck the base, said [Col. Smith](#), a spokesman.\n\n\
             Stray Headline From Another Story\n\n\
             Note to readers: please click the share buttons above.\n\n\
             For media inquiries: press@example.org",
        );
        assert_eq!(doc.text, "Rockets struck the base, said Col. Smith, a spokesman.");
        let reasons: Vec<DropReason> = doc.dropped.iter().map(|d| d.reason).collect();
        assert_eq!(
            reasons,
            [
                DropReason::Title,
                DropReason::TagLine,
                DropReason::TagLine,
                DropReason::Headline,
                DropReason::Boilerplate,
                DropReason::Boilerplate
            ]
        );
    }

    #[test]
    fn registration_and_video_walls_are_dropped() {
        let doc = clean(
            "Four shot in northwest Atlanta\n\n\
             Please enable Javascript to watch this video\n\n\
             Two men were shot Sunday night, police said.\n\n\
             We have sent you a verification email. Please check your email and click on the link.\n\n\
             Thank you for registering! Already have an account? Please sign in.",
        );
        assert_eq!(doc.text, "Two men were shot Sunday night, police said.");
    }

    #[test]
    fn video_playlists_are_dropped_live_report_times_kept() {
        let doc = clean(
            "0:27 Father of man killed during robbery at Tacoma motel talks about sentences Pause\n\n\
             1:57 Tacoma Police spokeswoman talks about massage parlor busts\n\n\
             A man was shot Sunday in Auburn, police said.\n\n\
             12:38 p.m.: Police say the suspect is in custody.",
        );
        assert_eq!(
            doc.text,
            "A man was shot Sunday in Auburn, police said.\n\n12:38 p.m.: Police say the suspect is in custody."
        );
        assert!(!is_playlist_entry("4:14 PM MONDAY: Just found this"));
        assert!(!is_playlist_entry("2014:10 Results"));
    }

    #[test]
    fn a_standfirst_of_the_same_story_is_kept_a_stray_headline_is_not() {
        let doc = clean(
            "7-year-old shot, killed in Southwest Charlotte\n\n\
             7-year-old boy was fatally shot Saturday night on Fieldvale Place\n\n\
             Two adults and another child were also injured, police said.",
        );
        assert!(doc.text.starts_with("7-year-old boy was fatally shot Saturday night"), "{}", doc.text);
        let doc = clean(
            "5 shot on Detroit's west side\n\n\
             Detroit Wick Turning Recycled Bottles Into Candles\n\n\
             Five people were shot on the west side, police said.",
        );
        assert_eq!(doc.text, "Five people were shot on the west side, police said.");
    }

    #[test]
    fn offsets_lead_back_to_the_raw_text() {
        let raw = "T\n\nSaid [Col. Smith](#), a spokesman, on Monday.";
        let doc = clean(raw);
        let at = doc.text.find("Smith").expect("kept");
        let span = doc.offsets.span_to_source(Span::new(at, at + 5));
        assert_eq!(span.slice(raw), Some("Smith"));
    }

    #[test]
    fn empty_and_noise_only_reports_do_not_panic() {
        assert_eq!(clean("").text, "");
        assert_eq!(clean("***\n\nhttps://example.org").text, "");
    }

    proptest::proptest! {
        #[test]
        fn kept_text_maps_back_byte_for_byte(s in "(?s).{0,400}") {
            let doc = clean(&s);
            for (i, b) in doc.text.bytes().enumerate() {
                if b != b'\n' {
                    let src = doc.offsets.to_source(i);
                    proptest::prop_assert_eq!(s.as_bytes().get(src), Some(&b));
                }
            }
        }
    }
}
