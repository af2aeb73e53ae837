//! Event mentions: trigger phrases from a lexicon, typed with ACLED's types,
//! with the date their sentence gives.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use sitrep_model::{DateValue, EventMention, EventType, Sentence, Span, TimeExpr};

/// The trigger lexicon that ships with sitrep.
pub const BUILTIN: &str = include_str!("../data/triggers.tsv");

/// Why a trigger lexicon could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("trigger lexicon, line {line}: {message}")]
pub struct TriggerError {
    pub line: usize,
    pub message: String,
}

#[derive(Clone, Debug)]
struct Trigger {
    event_type: EventType,
    sub_type: String,
    /// Another trigger of the sentence types the mention instead.
    weak: bool,
}

/// Phrases that report events, each with its ACLED type and sub-type.
#[derive(Clone, Debug)]
pub struct Triggers {
    matcher: AhoCorasick,
    triggers: Vec<Trigger>,
}

impl Triggers {
    /// Parse `phrase<TAB>type<TAB>sub-type[<TAB>weak]` lines; `#` starts a
    /// comment.
    pub fn parse(src: &str) -> Result<Triggers, TriggerError> {
        let mut phrases = Vec::new();
        let mut triggers = Vec::new();
        for (i, line) in src.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| TriggerError { line: i + 1, message };
            let mut cols = line.split('\t');
            let (Some(phrase), Some(ty), Some(sub)) = (cols.next(), cols.next(), cols.next()) else {
                return Err(err("expected phrase<TAB>type<TAB>sub-type".into()));
            };
            let event_type = EventType::parse(ty).ok_or_else(|| err(format!("unknown event type {ty:?}")))?;
            let weak = match cols.next().map(str::trim) {
                None | Some("") => false,
                Some("weak") => true,
                Some(other) => return Err(err(format!("unknown flag {other:?} (expected `weak`)"))),
            };
            phrases.push(phrase.trim().to_lowercase());
            triggers.push(Trigger { event_type, sub_type: sub.trim().to_string(), weak });
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&phrases)
            .map_err(|e| TriggerError { line: 0, message: e.to_string() })?;
        Ok(Triggers { matcher, triggers })
    }

    pub fn builtin() -> Triggers {
        Triggers::parse(BUILTIN).expect("the built-in trigger lexicon parses")
    }

    /// The first trigger in `text[span]`, on word boundaries: the first
    /// that is not weak, if there is one.
    fn first_in(&self, text: &str, span: Span) -> Option<(Span, &Trigger)> {
        let s = span.slice(text)?;
        let bytes = s.as_bytes();
        let is_word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
        let mut found =
            self.matcher.find_iter(s).filter(|m| (m.start() == 0 || !is_word(m.start() - 1)) && !is_word(m.end())).map(
                |m| (Span::new(span.start + m.start(), span.start + m.end()), &self.triggers[m.pattern().as_usize()]),
            );
        let first = found.next()?;
        if !first.1.weak {
            return Some(first);
        }
        Some(found.find(|(_, t)| !t.weak).unwrap_or(first))
    }
}

/// One mention per sentence that holds a trigger. Its date is the first
/// date of the sentence, else that of the previous mention in the same
/// paragraph, else the document's. Its place is left to the places layer
/// (`sitrep_geo::place_mentions`), which reads the gazetteer.
pub fn annotate(
    text: &str,
    sentences: &[Sentence],
    times: &[TimeExpr],
    triggers: &Triggers,
    dct: Option<DateValue>,
) -> Vec<EventMention> {
    let mut out: Vec<EventMention> = Vec::new();
    let mut prev: Option<(usize, Option<DateValue>)> = None;
    for (i, sent) in sentences.iter().enumerate() {
        let Some((span, trig)) = triggers.first_in(text, sent.span) else {
            continue;
        };
        let first = times.partition_point(|t| t.span.start < sent.span.start);
        let own_date = times[first..]
            .iter()
            .take_while(|t| t.span.start < sent.span.end)
            .filter(|t| sent.span.contains(t.span))
            .find_map(|t| t.date);
        let inherited = prev.filter(|(p, _)| *p == sent.paragraph).and_then(|p| p.1);
        let date = own_date.or(inherited).or(dct);
        prev = Some((sent.paragraph, date));
        out.push(EventMention {
            span,
            text: span.slice(text).unwrap_or_default().to_string(),
            event_type: trig.event_type,
            sub_type: trig.sub_type.clone(),
            sentence: i,
            date,
            place: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_trigger_on_word_boundaries() {
        let t = Triggers::builtin();
        let text = "A rocket attack hit Camp Taji. Unprotested, he left.";
        let (span, trig) = t.first_in(text, Span::new(0, text.len())).expect("found");
        assert_eq!(span.slice(text), Some("rocket attack"));
        assert_eq!(trig.event_type, EventType::ExplosionsRemoteViolence);
        assert!(t.first_in(text, Span::new(31, text.len())).is_none(), "no match inside a word");
    }

    #[test]
    fn a_weak_trigger_yields_to_another() {
        let t = Triggers::builtin();
        let text = "Explosions were heard after war jets carried out air strikes.";
        let (span, trig) = t.first_in(text, Span::new(0, text.len())).expect("found");
        assert_eq!((span.slice(text), trig.sub_type.as_str()), (Some("war jets"), "Air/drone strike"));
        let text = "Explosions were heard.";
        assert_eq!(t.first_in(text, Span::new(0, text.len())).map(|(s, _)| s.slice(text)), Some(Some("Explosions")));
    }

    #[test]
    fn bad_lexicon_lines_are_reported() {
        let err = Triggers::parse("rocket\tnonsense\tx").expect_err("bad type");
        assert_eq!(err.line, 1);
    }
}
