//! Byte spans and the offset map that ties a derived text back to its source.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into one text.
///
/// Every annotation carries one, so that whatever sitrep reports can be
/// traced to the characters it was read from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text under this span, or `None` when it is out of range or not on
    /// character boundaries (never panics).
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// This span moved right by `by` bytes.
    pub fn shift(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// A run of the cleaned text copied unchanged from the raw text, as
/// `--annotations` shows it: `text[start..start+len] == raw[raw_start..raw_start+len]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetRun {
    pub start: usize,
    pub raw_start: usize,
    pub len: usize,
}

/// One run of bytes copied unchanged from the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    /// Start in the derived text.
    out: usize,
    /// Start in the source text.
    src: usize,
    len: usize,
}

/// Maps byte offsets in a derived text (the cleaned article) back to the
/// source text it was built from (the raw report).
///
/// The derived text is a sequence of runs copied from the source, with
/// inserted bytes (paragraph breaks, normalised spaces) between them. An
/// offset inside a copied run maps exactly; an inserted byte maps to the
/// source position where the next copied run starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    runs: Vec<Run>,
    out_len: usize,
}

impl OffsetMap {
    /// The identity map over a text of `len` bytes.
    pub fn identity(len: usize) -> OffsetMap {
        OffsetMap { runs: vec![Run { out: 0, src: 0, len }], out_len: len }
    }

    /// The source offset of derived offset `out`.
    pub fn to_source(&self, out: usize) -> usize {
        // The last run starting at or before `out`.
        let idx = self.runs.partition_point(|r| r.out <= out);
        if idx == 0 {
            return self.runs.first().map_or(0, |r| r.src);
        }
        let run = self.runs[idx - 1];
        if out < run.out + run.len {
            run.src + (out - run.out)
        } else {
            // An inserted byte: point at the next copied run, else past the last.
            self.runs.get(idx).map_or(run.src + run.len, |next| next.src)
        }
    }

    /// The source span of a derived span.
    pub fn span_to_source(&self, span: Span) -> Span {
        let start = self.to_source(span.start);
        let end = if span.is_empty() { start } else { self.to_source(span.end - 1) + 1 };
        Span::new(start, end.max(start))
    }

    /// The copied runs: (start in the derived text, start in the source, length).
    pub fn runs(&self) -> impl Iterator<Item = OffsetRun> + '_ {
        self.runs.iter().map(|r| OffsetRun { start: r.out, raw_start: r.src, len: r.len })
    }

    /// Length of the derived text this map was built for.
    pub fn len(&self) -> usize {
        self.out_len
    }

    pub fn is_empty(&self) -> bool {
        self.out_len == 0
    }

    fn push(&mut self, out: usize, src: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.runs.last_mut()
            && last.out + last.len == out
            && last.src + last.len == src
        {
            last.len += len;
            return;
        }
        self.runs.push(Run { out, src, len });
    }
}

/// Builds a derived text together with its [`OffsetMap`].
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    map: OffsetMap,
}

impl TextBuilder {
    pub fn new() -> TextBuilder {
        TextBuilder::default()
    }

    /// Append `s`, which stands at byte `src` of the source.
    pub fn push_copied(&mut self, s: &str, src: usize) {
        self.map.push(self.text.len(), src, s.len());
        self.text.push_str(s);
    }

    /// Append `s`, which is not in the source (a separator, a normalised space).
    pub fn push_inserted(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn finish(mut self) -> (String, OffsetMap) {
        self.map.out_len = self.text.len();
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_runs_map_exactly_and_inserted_bytes_map_forward() {
        let src = "  Hello   world. ";
        let mut b = TextBuilder::new();
        b.push_copied("Hello", 2);
        b.push_inserted(" ");
        b.push_copied("world.", 10);
        let (text, map) = b.finish();
        assert_eq!(text, "Hello world.");
        assert_eq!(map.to_source(0), 2);
        assert_eq!(map.to_source(4), 6);
        assert_eq!(map.to_source(5), 10, "inserted space maps to the next run");
        assert_eq!(map.to_source(6), 10);
        let s = map.span_to_source(Span::new(6, 12));
        assert_eq!(&src[s.start..s.end], "world.");
    }

    proptest::proptest! {
        #[test]
        fn every_copied_byte_maps_to_the_same_byte(parts in proptest::collection::vec(("[a-z ]{0,8}", proptest::bool::ANY), 0..20)) {
            let mut src = String::new();
            let mut b = TextBuilder::new();
            for (s, copy) in &parts {
                if *copy {
                    b.push_copied(s, src.len());
                    src.push_str(s);
                } else {
                    src.push('#');
                    b.push_inserted("_");
                }
            }
            let (text, map) = b.finish();
            for (i, c) in text.bytes().enumerate() {
                if c != b'_' {
                    proptest::prop_assert_eq!(src.as_bytes()[map.to_source(i)], c);
                }
            }
        }
    }
}
