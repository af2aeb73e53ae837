//! Counts with their hedges, attached to what they count.
//!
//! A count phrase is `[hedge] number [range] [of (the|them)] [modifiers]
//! [noun]`: "more than 100 United States soldiers", "between 15 and 30
//! Katyusha rockets", "two dozen", "dozens of people", "no casualties". The
//! number is digits or number words ("forty-two", "one hundred and five",
//! "a dozen"); a hedge turns it into bounds:
//!
//! | statement       | value | low          | high          |
//! |-----------------|-------|--------------|---------------|
//! | 12              | 12    | 12           | 12            |
//! | more than 15    | 15    | 16           | —             |
//! | at least 110    | 110   | 110          | —             |
//! | up to 40        | 40    | —            | 40            |
//! | fewer than 40   | 40    | —            | 39            |
//! | nearly 40       | 40    | 36 (N − N/10)| 39            |
//! | about 40        | 40    | 36 (N − N/10)| 44 (N + N/10) |
//! | between 15 and 30 | —   | 15           | 30            |
//! | dozens          | —     | 24           | —             |
//!
//! ("about" and "nearly" move by a tenth of N, at least 1.) The counted noun
//! comes from `data/count_nouns.tsv` (lemmatised); what happened to it from
//! the verb or adjective after the phrase ("were injured", "80 injured",
//! "with ... injuries") or the verb before it ("killing three"). A count
//! introduced by "including", "N of them" or "one fatally" is a part of the
//! count before it, with what sets it apart ("US", "seriously") as detail.
//!
//! Only numbers that count something are kept: calibres ("107mm"), ages,
//! dates, times, phone numbers, money and numbers of unknown things are not.

mod casualties;
mod lexicon;
mod tokens;

use sitrep_model::{Outcome, Quantity, Sentence, Span};

pub use casualties::{Casualties, Count, CountSource, casualties};
use lexicon::{Happened, Hedge, LEXICON, NounClass, NumWord};
use tokens::{Kind, Token, tokenize};

/// Find the counts of `text`, sentence by sentence.
pub fn annotate(text: &str, sentences: &[Sentence]) -> Vec<Quantity> {
    let lower = text.to_ascii_lowercase();
    let whole = [Sentence { span: Span { start: 0, end: text.len() }, paragraph: 0 }];
    let sentences = if sentences.is_empty() { &whole[..] } else { sentences };
    let mut out = Vec::new();
    let mut toks = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        // Sentences with no digit and no number word hold no count.
        if !text.as_bytes().get(s.span.start..s.span.end).is_some_and(|hay| LEXICON.numeric.is_match(hay)) {
            continue;
        }
        tokenize(text, s.span.start, s.span.end, &mut toks);
        let ctx = Ctx { text, lower: &lower, toks: &toks };
        sentence_counts(&ctx, si, &mut out);
    }
    out
}

/// One sentence's tokens and the text they point into.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    /// `text`, ASCII-lowercased (same offsets).
    pub lower: &'a str,
    pub toks: &'a [Token],
}

impl<'a> Ctx<'a> {
    /// The lowercased word at `i`, or "" past the end.
    pub fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).and_then(|t| self.lower.get(t.start..t.end)).unwrap_or("")
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }
}

/// A number as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Num {
    Exact(u64),
    /// "dozens": at least this many.
    Vague(u64),
}

/// A count phrase found in a sentence, before it becomes a [`Quantity`].
#[derive(Clone, Debug)]
struct Found {
    first: usize,
    /// One past the last token of the phrase (number, noun).
    last: usize,
    value: Option<u64>,
    low: Option<u64>,
    high: Option<u64>,
    qualifier: Option<String>,
    unit: Option<String>,
    class: Option<NounClass>,
    happened: Option<Happened>,
    /// Introduced as a part: "including", "of them", "one fatally".
    part: bool,
    detail: Option<String>,
    /// Kept only if it turns out to be a part: "and one British".
    tentative: bool,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words after a number that make it something other than a count.
const NOT_AFTER: &[&str] = &[
    "%",
    "percent",
    "per",
    "percentage",
    "dollars",
    "cents",
    "a",
    "am",
    "pm",
    "o'clock",
    "year",
    "years",
    "yr",
    "yrs",
    "-year-old",
    "st",
    "nd",
    "rd",
    "th",
    "mph",
    "degrees",
    "inch",
    "inches",
    "feet",
    "foot",
    "mm",
    "caliber",
    "calibre",
    "times",
    "block",
    "yo",
];

/// Words that end a noun phrase (or a modifier run before a noun).
const STOP: &[&str] = &[
    "and",
    "or",
    "of",
    "the",
    "a",
    "an",
    "in",
    "at",
    "on",
    "to",
    "by",
    "for",
    "from",
    "with",
    "who",
    "whom",
    "that",
    "which",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "had",
    "has",
    "have",
    "said",
    "says",
    "after",
    "before",
    "when",
    "while",
    "as",
    "but",
    "during",
    "into",
    "including",
    "than",
    "their",
    "his",
    "her",
    "its",
    "they",
    "he",
    "she",
    "it",
    "them",
    "those",
    "these",
    "this",
    "there",
    "not",
    "no",
    "will",
    "would",
    "could",
    "also",
    "all",
    "both",
    "each",
    "were",
    "got",
    "did",
    "do",
    "near",
    "inside",
    "outside",
];

/// Words that end the clause a count's outcome is read from.
const CLAUSE_END: &[&str] = &[
    "but",
    "while",
    "after",
    "before",
    "when",
    "because",
    "since",
    "although",
    "though",
    "as",
    "said",
    "says",
    "told",
    "according",
    "whereas",
    "if",
    "until",
    "who",
    "whom",
    "which",
    "where",
];

/// Negations that keep an outcome word from applying ("were not hurt").
const NEGATION: &[&str] = &["not", "n't", "never", "unharmed", "uninjured", "unhurt", "escaped"];

fn sentence_counts(ctx: &Ctx<'_>, si: usize, out: &mut Vec<Quantity>) {
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    let lex = &*LEXICON;
    while i < ctx.toks.len() {
        let starts = match ctx.kind(i) {
            Some(Kind::Digits) => true,
            Some(Kind::Word) => {
                let w = ctx.w(i);
                // A byte scan: words are short, and `str::find` costs a call.
                let w = w.bytes().position(|b| b == b'-').map_or(w, |at| &w[..at]);
                lex.starts_sieve.may_contain(w) && lex.starts.contains(w)
            }
            _ => false,
        };
        if !starts {
            i += 1;
            continue;
        }
        match phrase(ctx, i) {
            Some(f) => {
                i = f.last.max(i + 1);
                found.push(f);
            }
            None => i += 1,
        }
    }
    // Attach: parts to wholes, units and outcomes to coordinated counts.
    let mut whole_of: Vec<Option<usize>> = vec![None; found.len()];
    for k in 0..found.len() {
        let (before, rest) = found.split_at_mut(k);
        let Some(f) = rest.first_mut() else { continue };
        // A part: of the nearest earlier whole that is not smaller.
        let after_part = k > 0
            && whole_of[k - 1].is_some()
            && matches!(ctx.w(f.first.wrapping_sub(1)), "and" | ",")
            && f.unit.is_none();
        if f.part || after_part {
            let whole = if after_part {
                whole_of[k - 1]
            } else {
                (0..k).rev().find(|&j| whole_of[j].is_none() && before[j].low.unwrap_or(0) >= f.low.unwrap_or(0))
            };
            if let Some(j) = whole {
                whole_of[k] = Some(j);
                if f.unit.is_none() || f.unit.as_deref() == Some("other") {
                    f.unit.clone_from(&before[j].unit);
                    f.class = before[j].class;
                }
                match (f.happened, before[j].happened) {
                    (None, h) => f.happened = h,
                    // "four people were shot, one fatally".
                    (Some(Happened::Outcome(Outcome::Killed)), _) => {}
                    (Some(_), h @ Some(_)) => f.happened = h,
                    _ => {}
                }
                continue;
            }
        }
        // "four protesters were killed and 80 injured"; "killing three ... and injuring 12 others".
        if (f.unit.is_none() || f.unit.as_deref() == Some("other"))
            && let Some(j) = (0..k).rev().find(|&j| before[j].class == Some(NounClass::Person) && whole_of[j].is_none())
        {
            f.unit.clone_from(&before[j].unit);
            f.class = before[j].class;
        }
        if f.happened.is_none() && k > 0 && matches!(ctx.w(f.first.wrapping_sub(1)), "and" | "," | "or") {
            f.happened = before[k - 1].happened;
        }
    }
    // "two civilians and one police officer were killed": the outcome of the
    // last of a coordination holds for all.
    for k in (0..found.len().saturating_sub(1)).rev() {
        let (head, tail) = found.split_at_mut(k + 1);
        let (Some(f), Some(g)) = (head.last_mut(), tail.first()) else { continue };
        if f.happened.is_none()
            && whole_of[k].is_none()
            && whole_of[k + 1].is_none()
            && g.first == f.last + 1
            && matches!(ctx.w(f.last), "and" | "," | "or")
        {
            f.happened = g.happened;
        }
    }
    // Tentative parts that found no whole are dropped; indices follow.
    let mut index = vec![None; found.len()];
    for (k, f) in found.into_iter().enumerate() {
        if f.tentative && whole_of[k].is_none() {
            continue;
        }
        let (Some(first), Some(last)) = (ctx.toks.get(f.first), ctx.toks.get(f.last.saturating_sub(1))) else {
            continue;
        };
        let span = Span { start: first.start, end: last.end.max(first.start) };
        let Some(surface) = ctx.text.get(span.start..span.end) else { continue };
        let outcome = match (f.happened, f.class) {
            (Some(Happened::Outcome(o)), _) => Some(o),
            (_, Some(NounClass::Outcome(o))) => Some(o),
            _ => None,
        };
        index[k] = Some(out.len());
        out.push(Quantity {
            span,
            text: surface.to_string(),
            value: f.value,
            low: f.low,
            high: f.high,
            qualifier: f.qualifier,
            unit: f.unit,
            outcome,
            part_of: whole_of[k].and_then(|j| index.get(j).copied().flatten()),
            detail: f.detail,
            sentence: si,
        });
    }
}

/// The count phrase that starts at token `i`, if one does.
fn phrase(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let lex = &*LEXICON;
    if lex.multiples.contains_key(ctx.w(i).split('-').next().unwrap_or_default()) {
        return multiple(ctx, i);
    }
    // Hedge.
    let mut j = i;
    let mut hedge = None;
    let mut between = false;
    if ctx.w(i) == "between" {
        between = true;
        j = i + 1;
    } else {
        for (words, h, phrase) in &lex.hedges {
            if words.iter().enumerate().all(|(k, w)| ctx.w(i + k) == w) {
                hedge = Some((*h, phrase.clone()));
                j = i + words.len();
                break;
            }
        }
    }
    let (num, mut k) = number(ctx, j)?;
    if hedge.is_some() && matches!(num, Num::Vague(_)) && ctx.w(j) == "no" {
        return None;
    }
    if !is_count_position(ctx, j, k) {
        return None;
    }
    let zero = matches!(ctx.w(j), "no" | "none");
    // Ranges: "between 15 and 30", "15 to 30", "two or three", "15-30".
    let mut range = None;
    if let Num::Exact(a) = num
        && !zero
    {
        let joiner = ctx.w(k);
        if ((between && joiner == "and") || matches!(joiner, "to" | "or"))
            && let Some((Num::Exact(b), k2)) = number(ctx, k + 1)
            && b > a
            && !matches!(ctx.w(k + 1), "no" | "none")
        {
            range = Some((a, b));
            k = k2;
        }
    }
    let mut qualifier = hedge.as_ref().map(|(_, p)| p.clone());
    if range.is_some() && between {
        qualifier = Some("between".into());
    } else if hedge.is_none() && range.is_none() {
        // Trailing hedges: "40 or more", "40 or so".
        match (ctx.w(k), ctx.w(k + 1)) {
            ("or", "more") => {
                hedge = Some((Hedge::AtLeast, "or more".into()));
                qualifier = Some("or more".into());
                k += 2;
            }
            ("or", "so") => {
                hedge = Some((Hedge::About, "or so".into()));
                qualifier = Some("or so".into());
                k += 2;
            }
            _ => {}
        }
    }
    let first = if hedge.is_some() || (between && range.is_some()) { i } else { j };
    let (value, low, high) = match (range, num) {
        (Some((a, b)), _) => (None, Some(a), Some(b)),
        (None, Num::Vague(v)) => (None, Some(v), None),
        (None, Num::Exact(n)) => bounds(n, hedge.map(|(h, _)| h)),
    };
    let bounds3 = (value, low, high);
    // "of them", "of whom", "of the", "dozens of".
    let mut part = matches!(ctx.w(first.wrapping_sub(1)), "including" | "includes" | "include");
    let mut m = k;
    if ctx.w(m) == "of" {
        match ctx.w(m + 1) {
            "them" | "whom" | "those" | "these" | "us" => {
                part = true;
                m += 2;
            }
            "the" | "their" | "his" | "her" => m += 2,
            _ if matches!(num, Num::Vague(_)) || ctx.w(j) == "none" => m += 1,
            _ => {}
        }
    }
    if zero && ctx.w(j) == "no" && ctx.w(m) == "one" {
        // "no one was hurt": a person count of zero.
        let f = finish(ctx, first, m + 1, bounds3, None, Some(("person", NounClass::Person)), part, true);
        return f.happened.is_some().then_some(f);
    }
    // "two of them Americans", "one British": a part set apart by a detail.
    let demonym =
        |m: usize| LEXICON.details.get(ctx.w(m)).filter(|_| ctx.toks.get(m).is_some_and(|t| t.capital)).cloned();
    if part && let Some(d) = demonym(m) {
        let mut f = finish(ctx, first, m + 1, bounds3, qualifier, None, part, false);
        f.detail = Some(d);
        return Some(f);
    }
    // Modifiers, then the noun (known, or an unknown plural head).
    let mut noun = None;
    let mut head = None;
    let mut p = m;
    for _ in 0..5 {
        if let Some((len, n)) = noun_at(ctx, p) {
            if n.class == NounClass::Measure {
                return None;
            }
            noun = Some((n.lemma.as_str(), n.class));
            p += len;
            break;
        }
        if is_modifier(ctx, p) {
            p += 1;
            continue;
        }
        if is_plural_head(ctx, p) {
            head = Some(p);
            p += 1;
        }
        break;
    }
    if let Some(n) = noun {
        return Some(finish(ctx, first, p, bounds3, qualifier, Some(n), part, true));
    }
    if let Some(h) = head {
        // "two firefighters were injured": kept only with an outcome.
        let w = ctx.w(h);
        let lemma =
            w.strip_suffix("ies").map(|s| format!("{s}y")).unwrap_or_else(|| w.trim_end_matches('s').to_string());
        let mut f = finish(ctx, first, p, bounds3, qualifier, None, part, true);
        f.unit = Some(lemma);
        return (f.happened.is_some() && !zero).then_some(f);
    }
    if let Some(d) = demonym(m) {
        let mut f = finish(ctx, first, m + 1, bounds3, qualifier.clone(), None, part, false);
        f.detail = Some(d);
        f.tentative = true;
        return Some(f);
    }
    // Words we do not know stand where the noun would: a count of something else.
    if p > m && !part {
        return None;
    }
    if is_gunshot(ctx, first, k) {
        return None;
    }
    // No noun: "80 injured", "killing three", "five who ...", "two of them".
    let scan = matches!(ctx.w(k), "were" | "was" | "have" | "had" | "are" | "has") || part;
    let f = finish(ctx, first, if part { p } else { k }, bounds3, qualifier.clone(), None, part, scan);
    if f.happened.is_some() || f.part {
        return Some(f);
    }
    // "the death toll rose to 12", "these 'no casualties' turned into at
    // least 110": a new figure for a count named earlier in the clause.
    let noun = changed_count_noun(ctx, first)?;
    Some(finish(ctx, first, k, bounds3, qualifier, Some(noun), part, false))
}

/// Whether the "shot" after the number at `first` (token `k`) is a gunshot,
/// not people shot: "one shot was fired", "fired one shot", "two shots
/// rang out".
fn is_gunshot(ctx: &Ctx<'_>, first: usize, k: usize) -> bool {
    if !matches!(ctx.w(k), "shot" | "shots") {
        return false;
    }
    let fired_after = matches!((ctx.w(k + 1), ctx.w(k + 2)), ("was" | "were", "fired" | "heard" | "discharged"))
        || matches!(ctx.w(k + 1), "rang" | "fired" | "hit" | "struck" | "went");
    let fired_before = matches!(ctx.w(first.wrapping_sub(1)), "fired" | "fire" | "fires" | "firing" | "heard");
    fired_after || fired_before
}

/// An event named with its number of victims at token `i`: "a triple
/// homicide" (three killed), "a quadruple-shooting" (four shot), "a double
/// fatal shooting" (two killed).
fn multiple(ctx: &Ctx<'_>, i: usize) -> Option<Found> {
    let lex = &*LEXICON;
    let word = ctx.w(i);
    let (times, rest) = word.split_once('-').map_or((word, None), |(t, r)| (t, Some(r)));
    let n = *lex.multiples.get(times)?;
    // The event noun: joined by a hyphen, or the next word, maybe after
    // "fatal" or "deadly"; "murder-suicide" is a murder.
    let (mut at, mut noun) = match rest {
        Some(r) => (i, r),
        None => (i + 1, ctx.w(i + 1)),
    };
    let fatal = matches!(noun, "fatal" | "deadly");
    if fatal && rest.is_none() {
        at += 1;
        noun = ctx.w(at);
    }
    let noun = noun.split('-').next().unwrap_or_default();
    let happened =
        match *lex.events.get(noun.strip_suffix('s').filter(|s| lex.events.contains_key(*s)).unwrap_or(noun))? {
            Happened::Shot if fatal => Happened::Outcome(Outcome::Killed),
            h => h,
        };
    Some(Found {
        first: i,
        last: at + 1,
        value: Some(n),
        low: Some(n),
        high: Some(n),
        qualifier: None,
        unit: Some("person".into()),
        class: Some(NounClass::Person),
        happened: Some(happened),
        part: false,
        detail: None,
        tentative: false,
    })
}

/// Verbs that give a count a new figure: "rose to", "turned into", "reached".
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rises",
    "rising",
    "climbed",
    "climbs",
    "climbing",
    "increased",
    "increases",
    "grew",
    "grown",
    "jumped",
    "soared",
    "mounted",
    "turned",
    "turns",
    "revised",
    "raised",
    "reached",
    "reaches",
    "hit",
    "stood",
    "stands",
];

/// The counted noun of a count that a change verb right before `first`
/// gives a new figure, read back from the clause before it.
fn changed_count_noun<'l>(ctx: &Ctx<'_>, first: usize) -> Option<(&'l str, NounClass)> {
    let verb = match ctx.w(first.checked_sub(1)?) {
        "to" | "into" | "at" => first.checked_sub(2)?,
        _ => first - 1,
    };
    let mut v = ctx.w(verb);
    if !CHANGE_VERBS.contains(&v) {
        // "rose steadily to": one adverb between.
        v = ctx.w(verb.checked_sub(1)?);
        if !(ctx.w(verb).ends_with("ly") && CHANGE_VERBS.contains(&v)) {
            return None;
        }
    }
    // Back to the clause start; the nearest counted noun is the one.
    (verb.saturating_sub(12)..verb)
        .rev()
        .take_while(|&q| !CLAUSE_END.contains(&ctx.w(q)) && !matches!(ctx.w(q), ";" | ":"))
        .find_map(|q| noun_at(ctx, q).filter(|(len, _)| q + len <= verb))
        .map(|(_, n)| (n.lemma.as_str(), n.class))
        .filter(|(_, class)| *class != NounClass::Measure)
}

/// Fill in what happened and details for a phrase `first..last`.
#[allow(clippy::too_many_arguments)]
fn finish(
    ctx: &Ctx<'_>,
    first: usize,
    last: usize,
    (value, low, high): (Option<u64>, Option<u64>, Option<u64>),
    qualifier: Option<String>,
    noun: Option<(&str, NounClass)>,
    part: bool,
    scan: bool,
) -> Found {
    let lex = &*LEXICON;
    let mut happened = None;
    let mut detail = None;
    let mut part = part;
    // Right after the number: "80 injured", "one fatally", "two critically".
    let next = ctx.w(last);
    if noun.is_none() {
        if let Some(h) = lex.happened.get(next) {
            happened = Some(*h);
        }
        // "four people were shot, one fatally": after a comma, a part.
        if ctx.w(first.wrapping_sub(1)) == "," && matches!(next, "fatally" | "critically" | "seriously" | "severely") {
            part = true;
            detail = lex.details.get(next).cloned();
        }
    }
    let mut last = last;
    if happened.is_some() && noun.is_none() {
        last += 1;
    }
    // The verb before: "killing three", "injuring 12 others"; "the deaths of four women".
    if happened.is_none() {
        let prev = ctx.w(first.wrapping_sub(1));
        let noun = ctx.w(first.wrapping_sub(2));
        if prev == "of" && matches!(noun, "deaths" | "death" | "killing" | "killings" | "murders" | "murder") {
            happened = Some(Happened::Outcome(Outcome::Killed));
        }
        if (prev.ends_with("ing") || prev.ends_with("ed") || prev.ends_with("es") || prev.ends_with("ls"))
            && let Some(h @ Happened::Outcome(_)) = lex.happened.get(prev)
        {
            happened = Some(*h);
        }
    }
    // "one of five victims ... dies": what follows is said of the one.
    let of_a_part = ctx.w(first.wrapping_sub(1)) == "of" && number(ctx, first.wrapping_sub(2)).is_some();
    if happened.is_none() && scan && !of_a_part && !matches!(noun, Some((_, NounClass::Thing))) {
        happened = happened_after(ctx, last);
    }
    if part && detail.is_none() {
        // "two of them Americans", "five who required urgent care".
        for q in last..(last + 6).min(ctx.toks.len()) {
            let w = ctx.w(q);
            if let Some(d) = lex.details.get(w) {
                detail = Some(d.clone());
                break;
            }
            if ctx.kind(q) == Some(Kind::Punct) || matches!(w, "and" | "but") {
                break;
            }
        }
    }
    Found {
        first,
        last,
        value,
        low,
        high,
        qualifier,
        unit: noun.map(|(l, _)| l.to_string()),
        class: noun.map(|(_, c)| c),
        happened,
        part,
        detail,
        tentative: false,
    }
}

/// Whether `word` (lowercase) is a noun for people of the count lexicon
/// ("man", "teens", "resident").
pub(crate) fn is_person_noun(word: &str) -> bool {
    LEXICON.nouns.get(word).is_some_and(|v| v.iter().any(|(rest, n)| rest.is_empty() && n.class == NounClass::Person))
}

/// What the clause after a count phrase says happened to it: "were
/// injured", "were shot and killed", "with mild traumatic brain injuries".
pub(crate) fn happened_after(ctx: &Ctx<'_>, from: usize) -> Option<Happened> {
    let lex = &*LEXICON;
    let mut got: Option<Happened> = None;
    let mut after_shot = 0;
    let mut q = from;
    let mut end = (from + 10).min(ctx.toks.len());
    while q < end {
        let w = ctx.w(q);
        // An apposition of ages or members: "Four other teenagers, ages 13
        // to 17, sustained ... injuries"; "Four victims, including a
        // 5-year-old boy, were found shot to death".
        if w == "," && matches!(ctx.w(q + 1), "ages" | "aged" | "age" | "including") {
            let close = (q + 2..(q + 10).min(ctx.toks.len())).find(|&k| ctx.w(k) == ",");
            if let Some(close) = close {
                end = (close + 10).min(ctx.toks.len());
                q = close + 1;
                continue;
            }
        }
        if ctx.kind(q) == Some(Kind::Punct) && !matches!(w, "," | "-") {
            break;
        }
        if ctx.kind(q) == Some(Kind::Digits) || lex.numbers.contains_key(w) && w != "no" || CLAUSE_END.contains(&w) {
            break;
        }
        if NEGATION.contains(&w) || w.ends_with("n't") {
            return None;
        }
        // "two kids and the injured boy": another noun phrase begins.
        if w == "and" && matches!(ctx.w(q + 1), "the" | "a" | "an" | "his" | "her" | "their" | "another" | "other") {
            break;
        }
        // "shot four people, killing one": what the subject did to others.
        if w.ends_with("ing")
            && got.is_none()
            && matches!(lex.happened.get(w), Some(Happened::Outcome(Outcome::Killed | Outcome::Injured)))
        {
            break;
        }
        if let Some(h) = lex.happened.get(w) {
            // "all three had gunshot wounds": they were hit, fate unsaid.
            let gunshot = q > 0 && ctx.w(q - 1) == "gunshot";
            let h = if gunshot && *h == Happened::Outcome(Outcome::Injured) { &Happened::Shot } else { h };
            match (got, h) {
                (None, Happened::Shot) => {
                    got = Some(Happened::Shot);
                    after_shot = 0;
                }
                // "eight youths have been injured or killed": either fate,
                // neither count.
                (_, Happened::Outcome(o))
                    if ctx.w(q + 1) == "or"
                        && matches!(lex.happened.get(ctx.w(q + 2)), Some(Happened::Outcome(p)) if p != o) =>
                {
                    return None;
                }
                (None, _) => return Some(*h),
                (Some(Happened::Shot), Happened::Outcome(_)) => return Some(*h),
                _ => {}
            }
        }
        if got.is_some() {
            after_shot += 1;
            if after_shot > 7 {
                break;
            }
        }
        q += 1;
    }
    got
}

/// Bounds of an exact number under a hedge.
fn bounds(n: u64, hedge: Option<Hedge>) -> (Option<u64>, Option<u64>, Option<u64>) {
    let tenth = (n / 10).max(1);
    match hedge {
        None => (Some(n), Some(n), Some(n)),
        Some(Hedge::Above) => (Some(n), n.checked_add(1), None),
        Some(Hedge::AtLeast) => (Some(n), Some(n), None),
        Some(Hedge::UpTo) => (Some(n), None, Some(n)),
        Some(Hedge::Below) => (Some(n), None, Some(n.saturating_sub(1))),
        Some(Hedge::Nearly) => (Some(n), Some(n.saturating_sub(tenth)), Some(n.saturating_sub(1))),
        Some(Hedge::About) => (Some(n), Some(n.saturating_sub(tenth)), Some(n.saturating_add(tenth))),
    }
}

/// The number starting at token `i` and the token after it.
fn number(ctx: &Ctx<'_>, i: usize) -> Option<(Num, usize)> {
    let lex = &*LEXICON;
    let w = ctx.w(i);
    match ctx.kind(i)? {
        Kind::Digits => {
            if w.starts_with('0') && w.len() > 1 {
                return None;
            }
            let v = parse_digits(w)?;
            // "2 million", "3 dozen".
            match lex.numbers.get(ctx.w(i + 1)) {
                Some(NumWord::Scale(s)) => Some((Num::Exact(v.checked_mul(*s)?), i + 2)),
                Some(NumWord::Dozen) => Some((Num::Exact(v.checked_mul(12)?), i + 2)),
                _ => Some((Num::Exact(v), i + 1)),
            }
        }
        Kind::Punct => None,
        Kind::Word => {
            match w {
                "a" | "an" => {
                    return match lex.numbers.get(ctx.w(i + 1)) {
                        Some(NumWord::Dozen) => Some((Num::Exact(12), i + 2)),
                        Some(NumWord::Scale(s)) if *s < 1_000_000 => Some((Num::Exact(*s), i + 2)),
                        _ => None,
                    };
                }
                "half" if ctx.w(i + 1) == "a" && ctx.w(i + 2) == "dozen" => return Some((Num::Exact(6), i + 3)),
                "no" | "none" => {
                    // "no." is an abbreviation.
                    return (ctx.w(i + 1) != ".").then_some((Num::Exact(0), i + 1));
                }
                _ => {}
            }
            words_number(ctx, i)
        }
    }
}

/// "forty-two", "one hundred and five", "two dozen", "dozens".
fn words_number(ctx: &Ctx<'_>, i: usize) -> Option<(Num, usize)> {
    let lex = &*LEXICON;
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut any = false;
    let mut q = i;
    loop {
        let w = ctx.w(q);
        let mut parts = w.split('-');
        let mut consumed = false;
        let mut ok = true;
        let (mut t, mut c) = (total, current);
        for part in parts.by_ref() {
            match lex.numbers.get(part) {
                Some(NumWord::Unit(v)) if c.is_multiple_of(100) || (c % 100 >= 20 && c.is_multiple_of(10)) => {
                    c = c.checked_add(*v)?
                }
                Some(NumWord::Ten(v)) if c.is_multiple_of(100) => c = c.checked_add(*v)?,
                Some(NumWord::Scale(s)) if c > 0 => {
                    if *s >= 1000 {
                        t = t.checked_add(c.checked_mul(*s)?)?;
                        c = 0;
                    } else {
                        c = c.checked_mul(*s)?;
                    }
                }
                Some(NumWord::Dozen) if c > 0 && t == 0 => c = c.checked_mul(12)?,
                Some(NumWord::Vague(v)) if !any => return Some((Num::Vague(*v), q + 1)),
                _ => {
                    ok = false;
                    break;
                }
            }
            consumed = true;
        }
        if !ok || !consumed || ctx.kind(q) != Some(Kind::Word) {
            break;
        }
        total = t;
        current = c;
        any = true;
        q += 1;
        // "one hundred and five"
        if ctx.w(q) == "and"
            && current >= 100
            && current.is_multiple_of(100)
            && matches!(lex.numbers.get(ctx.w(q + 1)), Some(NumWord::Unit(_) | NumWord::Ten(_)))
        {
            q += 1;
        }
    }
    any.then_some((Num::Exact(total.checked_add(current)?), q))
}

fn parse_digits(w: &str) -> Option<u64> {
    let mut v: u64 = 0;
    for (n, group) in w.split(',').enumerate() {
        if n > 0 && group.len() != 3 {
            return None;
        }
        for b in group.bytes() {
            v = v.checked_mul(10)?.checked_add(u64::from(b.checked_sub(b'0').filter(|d| *d <= 9)?))?;
        }
    }
    Some(v)
}

/// Whether the number at `j..k` stands where a count can: not a date, a
/// time, an age, money, a percentage, a phone number or a year.
fn is_count_position(ctx: &Ctx<'_>, j: usize, k: usize) -> bool {
    let prev = ctx.w(j.wrapping_sub(1));
    let next = ctx.w(k);
    if matches!(
        prev,
        "$" | "£" | "€" | "#" | "aged" | "age" | "ages" | "no" | "number" | "route" | "highway" | "interstate"
    ) || MONTHS.contains(&prev)
        || (prev == "." && MONTHS.contains(&ctx.w(j.wrapping_sub(2))))
        || (prev == "may" && ctx.toks.get(j.wrapping_sub(1)).is_some_and(|t| t.capital))
    {
        return false;
    }
    if NOT_AFTER.contains(&next) || MONTHS.contains(&next) || next.starts_with("year") {
        return false;
    }
    if ctx.kind(j) == Some(Kind::Digits) {
        // Times, dates, phone numbers, scores: "7:30", "3/11", "555-1234", "3-2".
        let joined = |q: usize| ctx.toks.get(q).zip(ctx.toks.get(q + 1)).is_some_and(|(a, b)| a.end == b.start);
        if matches!(next, ":" | "/" | "." | "-") && joined(k - 1) && ctx.kind(k + 1) == Some(Kind::Digits) {
            return false;
        }
        if matches!(prev, ":" | "/" | "-" | "(" | ")" | ".") && j > 0 && joined(j - 1) {
            return false;
        }
        // A year, unless it counts something named right after it ("2000 troops").
        let w = ctx.w(j);
        if w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && noun_at(ctx, k).is_none_or(|(_, n)| n.class != NounClass::Person)
        {
            return false;
        }
        // "Smith, 25, was killed": an age in apposition.
        if prev == "," && matches!(next, "," | ")") {
            return false;
        }
        if prev == "(" && next == ")" {
            return false;
        }
    }
    true
}

/// A counted noun at token `p`: its length in tokens and entry.
fn noun_at<'l>(ctx: &Ctx<'_>, p: usize) -> Option<(usize, &'l lexicon::Noun)> {
    let lex: &'l lexicon::Lexicon = &LEXICON;
    let entries = lex.nouns.get(ctx.w(p))?;
    entries
        .iter()
        .find(|(rest, _)| rest.iter().enumerate().all(|(k, w)| ctx.w(p + 1 + k) == w))
        .map(|(rest, n)| (1 + rest.len(), n))
}

/// Whether the token at `p` is a lowercase plural noun we do not know
/// ("firefighters"), that may head a count phrase.
fn is_plural_head(ctx: &Ctx<'_>, p: usize) -> bool {
    let lex = &*LEXICON;
    let w = ctx.w(p);
    ctx.is_word(p)
        && w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !STOP.contains(&w)
        && !CLAUSE_END.contains(&w)
        && !lex.happened.contains_key(w)
}

/// Whether the token at `p` can stand between a number and its noun:
/// "other", "Iraqi", "anti-government", "107mm", "small".
fn is_modifier(ctx: &Ctx<'_>, p: usize) -> bool {
    let lex = &*LEXICON;
    let Some(t) = ctx.toks.get(p) else { return false };
    if t.kind != Kind::Word && !(t.kind == Kind::Digits && ctx.w(p + 1).ends_with("mm")) {
        return false;
    }
    let w = ctx.w(p);
    if STOP.contains(&w) || CLAUSE_END.contains(&w) || lex.numbers.contains_key(w) || lex.happened.contains_key(w) {
        return false;
    }
    if t.capital || w.contains('-') || w.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    // A lowercase plural is a noun we do not know ("days", "hours").
    !w.ends_with('s') || w.ends_with("ss") || w.ends_with("ous") || w.ends_with("us")
}

#[cfg(test)]
mod tests;
