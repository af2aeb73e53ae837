//! Time expressions normalised to TIMEX3 values, relative to the document's
//! date, in the manner of HeidelTime and SUTime: a set of patterns, each with
//! a normalisation, and a reference time that starts as the document date.
//!
//! - Detection: every [`Rule`] is a regular expression (compiled once) run
//!   over the text; overlapping candidates are resolved longest first.
//! - Normalisation, in text order: absolute dates ("March 16, 2020"), dates
//!   without a year ("January 3", year from the document date and the tense
//!   of the sentence), months, years, decades, centuries, quarters, halves,
//!   seasons, weekdays, "yesterday", "last week", "two years ago", durations
//!   ("five weeks" → `P5W`), sets ("weekly" → `P1W`), clock times and
//!   PRESENT_REF / PAST_REF / FUTURE_REF.
//! - "The next day", "two days later", "that day" are anchored on the last
//!   date known to the day that the text mentioned before them (else the
//!   document date); "a year earlier" on the last quarter mentioned.
//! - Weekdays and months without a year point back from the document date,
//!   unless the nearest tense marker in the sentence is a future one ("will",
//!   "next", "is expected to").

use std::ops::Range;
use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::{Regex, RegexSet};
use sitrep_clean::dates::{find_dates, month_number};
use sitrep_model::{DateValue, Sentence, Span, TimeExpr, TimeType};

/// Capitalised month names and abbreviations.
const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
/// Full month names only (a bare abbreviation is too ambiguous).
const MONTH_FULL: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const PART: &str = r"(?:morning|afternoon|evening|night|overnight)";
const YEAR: &str = r"(?:1[6-9]|20)\d\d";
const NUM_WORD: &str = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)";
const UNIT: &str = r"(?:(?:second|minute|hour|day|week|fortnight|month|year|decade)s?|centur(?:y|ies))";
const ORDINAL: &str = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)";
const SEASON: &str = r"(?:spring|summer|fall|autumn|winter)";

/// A number as durations and "ago" expressions write it.
fn num() -> String {
    format!(
        r"(?:\d+(?:[.,]\d+)?|{NUM_WORD}(?:(?:\s+|-)(?:and\s+)?{NUM_WORD})*(?:\s+and\s+a\s+half)?|a\s+couple\s+of|a\s+few|an?|several|few|many|half\s+an?|dozens\s+of|hundreds\s+of)"
    )
}

/// The families of patterns; each has one normalisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    /// A written-out date with its year ("March 16, 2020").
    Absolute,
    MonthDay,
    MonthYear,
    Month,
    Year,
    Decade,
    Century,
    Quarter,
    Season,
    Weekday,
    /// "New Year's Eve", "Thanksgiving night", "the Fourth of July".
    Holiday,
    /// "yesterday", "this morning", "last night".
    RelativeDay,
    /// "last week", "this year", "earlier this month".
    RelativeUnit,
    /// "two years ago", "a year earlier", "three days later".
    Ago,
    /// "the next day", "that day", "the day before".
    Anchored,
    /// "now", "recently", "the future".
    Reference,
    Duration,
    Set,
    Time,
}

/// The patterns, each compiled on its own (one automaton for all of them
/// grows too large to stay fast); listed first wins a tie.
struct Patterns {
    rules: Vec<(Rule, Regex)>,
    /// All rules at once: which of them can match a sentence, in one pass.
    set: RegexSet,
}

fn patterns(list: Vec<(Rule, String)>) -> Patterns {
    // ASCII classes and case folding keep each automaton small and fast.
    let list: Vec<(Rule, String)> = list.into_iter().map(|(r, p)| (r, format!(r"(?x-u)\b(?:{p})\b"))).collect();
    let set = RegexSet::new(list.iter().map(|(_, p)| p)).unwrap_or_else(|e| panic!("time patterns: {e}"));
    let rules = list
        .into_iter()
        .map(|(r, p)| (r, Regex::new(&p).unwrap_or_else(|e| panic!("time pattern {r:?}: {e}"))))
        .collect();
    Patterns { rules, set }
}

fn pat(rule: Rule, p: &str) -> (Rule, String) {
    (rule, p.to_string())
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let num = num();
    let mods = r"(?:(?i:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+)?";
    let month_any = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    patterns(vec![
        pat(
            Rule::Absolute,
            &format!(
                r"(?:{WEEKDAY},?\s+)?(?:{month_any}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{month_any}\.?,?\s+{YEAR}|{YEAR}-[01]\d-[0-3]\d)"
            ),
        ),
        pat(
            Rule::Ago,
            &format!(
                r"(?i:(?:(?:about|nearly|almost|some|more\s+than|less\s+than|over|just|only|roughly|barely)\s+)?{num}[\s-]+{UNIT}\s+(?:ago|earlier|later|from\s+now|hence))"
            ),
        ),
        pat(Rule::MonthYear, &format!(r"{mods}{MONTH}\.?,?\s+(?:of\s+)?{YEAR}")),
        pat(
            Rule::MonthDay,
            &format!(
                r"(?:{WEEKDAY},?\s+)?(?:{MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}|the\s+\d{{1,2}}(?:st|nd|rd|th)\s+of\s+{MONTH})"
            ),
        ),
        pat(
            Rule::Quarter,
            &format!(
                r"(?i:(?:(?:this|last|next)\s+year's\s+)?(?:the\s+)?(?:(?:fiscal|calendar|same|comparable|year-ago|year-earlier|latest|current|previous|preceding|past|last|this|next|that|recent|{ORDINAL})[\s-]+)+(?:quarter|half)(?:\s+of\s+(?:fiscal\s+)?{YEAR}|,?\s+(?:fiscal\s+)?{YEAR})?|(?:the\s+)?(?:fiscal\s+)?{YEAR}\s+{ORDINAL}[\s-]+(?:quarter|half)|the\s+(?:quarter|half)|(?:the\s+)?(?:comparable\s+|same\s+)?year-(?:ago|earlier)(?:\s+(?:period|quarter|{ORDINAL}\s+quarter))?|year-end)"
            ),
        ),
        pat(
            Rule::Year,
            &format!(
                r"(?i:the\s+){YEAR}\s+(?i:period|quarter|fiscal\s+year|season)|{mods}(?i:(?:fiscal|calendar|model)\s+)?{YEAR}"
            ),
        ),
        pat(Rule::Decade, &format!(r"(?i:the\s+)?{mods}(?:1[6-9]|20)\d0'?s")),
        pat(
            Rule::Century,
            r"(?i:(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century)",
        ),
        pat(
            Rule::Month,
            &format!(r"{mods}(?:(?i:last|next|this|this\s+past|past|coming|early|late|mid)[\s-]+)?{MONTH_FULL}"),
        ),
        pat(
            Rule::Season,
            &format!(
                r"(?i:(?:(?:the|this|last|next|this\s+past|past|early|late|mid|coming)[\s-]+)+{SEASON}(?:\s+(?:of\s+)?{YEAR})?|(?:spring|summer|autumn|winter)(?:\s+(?:of\s+)?{YEAR})?)"
            ),
        ),
        pat(
            Rule::Weekday,
            &format!(
                r"(?:(?i:(?:the\s+)?(?:previous|following|preceding)|last|next|this|this\s+past|past|coming|early|late|earlier|later)\s+)?{WEEKDAY}(?:\s+{PART})?"
            ),
        ),
        pat(
            Rule::Holiday,
            &format!(
                r"(?:New\s+Year(?:'|\x{{2019}})?s\s+(?:Eve|Day)|Christmas(?:\s+(?:Eve|Day))?|Thanksgiving(?:\s+Day)?|Halloween|Easter(?:\s+Sunday)?|Independence\s+Day|(?:the\s+)?Fourth\s+of\s+July|July\s+Fourth|Memorial\s+Day|Labor\s+Day|Veterans\s+Day|Valentine(?:'|\x{{2019}})?s\s+Day|St\.?\s+Patrick(?:'|\x{{2019}})?s\s+Day|Mother(?:'|\x{{2019}})?s\s+Day|Father(?:'|\x{{2019}})?s\s+Day|Cinco\s+de\s+Mayo)(?:\s+{PART})?"
            ),
        ),
        pat(
            Rule::Time,
            &format!(
                r"\d{{1,2}}(?::\d\d)?\s*(?i:a\.m\.?|p\.m\.?|am|pm)(?:\s+(?:[A-Z]{{2,4}}T|local\s+time))?|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s+(?:[A-Z]{{2,4}}T|local\s+time))?|(?i:noon|midnight|midday)(?:\s+(?:{WEEKDAY}|yesterday|today|tomorrow))?|(?:\d{{1,2}}|{NUM_WORD})\s+(?:o'clock|(?i:in\s+the\s+(?:morning|afternoon|evening)))"
            ),
        ),
        pat(
            Rule::RelativeDay,
            &format!(
                r"(?i:(?:(?:early|late|earlier|later)\s+)?(?:the\s+day\s+(?:before|after)\s+)?(?:yesterday|today|tomorrow|tonight)(?:\s+{PART})?|(?:(?:early|late|earlier|later)\s+)?(?:this|last)\s+{PART})"
            ),
        ),
        pat(
            Rule::RelativeUnit,
            r"(?i:(?:(?:early|late|earlier|later|mid)[\s-]+)?(?:(?:this|last|next|past|previous|coming|current|the\s+(?:previous|current|coming|following|same|latest|prior|past))\s+)+(?:week(?:end)?|month|year|decade|century)|the\s+(?:weekend|week)|the\s+(?:(?:full|current|latest)\s+)?(?:fiscal\s+)?year)",
        ),
        pat(
            Rule::Anchored,
            &format!(
                r"(?i:the\s+(?:next|following|previous|preceding|same)\s+(?:day|{PART}|week|month|year)|the\s+day\s+(?:before|after)|(?:(?:earlier|later)\s+)?that\s+(?:day|{PART}|week|month|year))"
            ),
        ),
        pat(
            Rule::Duration,
            &format!(
                r"(?i:(?:the\s+)?(?:(?:past|last|next|first|coming|previous|final|following|latest|remaining|preceding|ensuing|initial)\s+)?{num}(?:\s+(?:to|or|and)\s+{num})?[\s-]+{UNIT}(?:\s+and\s+a\s+half)?|(?:several|few|many|some)\s+(?:days|weeks|months|years|decades|centuries)|(?:decades|centuries))"
            ),
        ),
        pat(
            Rule::Reference,
            r"(?i:now|currently|nowadays|at\s+present|these\s+days|recently|lately|the\s+past|formerly|the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short|long)\s+term|(?:in\s+)?recent\s+(?:years|months|weeks|days)|past\s+years|(?:the\s+)?coming\s+(?:years|months|weeks|days|quarters)|future\s+(?:years|quarters)|a\s+later\s+date)",
        ),
        pat(
            Rule::Set,
            &format!(
                r"(?i:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|(?:every|each|per)\s+(?:other\s+)?(?:{num}\s+)?{UNIT}|(?:every|each)\s+(?:{MONTH_FULL}|{WEEKDAY}|{SEASON}|{PART}))|{WEEKDAY}s"
            ),
        ),
    ])
});

/// A candidate expression before normalisation.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    span: Span,
    rule: Rule,
    /// The pattern's place in the list: the lower wins a tie.
    priority: usize,
}

/// Find and normalise the time expressions of `text`, whose document is
/// dated `dct` (when known). The result is sorted by span, without overlaps.
pub fn annotate(text: &str, sentences: &[Sentence], dct: Option<Date>) -> Vec<TimeExpr> {
    let mut cands: Vec<Candidate> = Vec::new();
    let whole = sentences.is_empty().then_some(Span::new(0, text.len()));
    for span in sentences.iter().map(|s| s.span).chain(whole) {
        let Some(hay) = span.slice(text) else { continue };
        // One pass tells which rules can match here; most sentences have none.
        for priority in PATTERNS.set.matches(hay).iter() {
            let Some((rule, re)) = PATTERNS.rules.get(priority) else { continue };
            for m in re.find_iter(hay) {
                let span = Span::new(span.start + m.start(), span.start + m.end());
                if accept(text, span, *rule) {
                    cands.push(Candidate { span, rule: *rule, priority });
                }
            }
        }
    }
    let cands = select(cands);
    let lower = text.to_ascii_lowercase();
    let mut ctx = Context { text, lower: &lower, sentences, dct, reference: None, quarter: None, last: None };
    let mut out = Vec::with_capacity(cands.len());
    for c in cands {
        if let Some(t) = ctx.normalise(c) {
            out.push(t);
        }
    }
    out
}

/// Context checks a pattern cannot make.
fn accept(text: &str, span: Span, rule: Rule) -> bool {
    let bytes = text.as_bytes();
    let before = span.start.checked_sub(1).and_then(|i| bytes.get(i)).copied();
    let after = bytes.get(span.end).copied();
    let after2 = bytes.get(span.end + 1).copied();
    let s = span.slice(text).unwrap_or_default();
    match rule {
        Rule::Year | Rule::MonthYear | Rule::MonthDay | Rule::Time | Rule::Decade => {
            // Not part of a larger number, an amount or an identifier.
            if matches!(before, Some(b'$' | b'#' | b'-' | b'/' | b'.' | b',' | b'0'..=b'9')) {
                return rule == Rule::Time && before != Some(b'$');
            }
            let digit_after = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_digit());
            if matches!(after, Some(b'%' | b'/')) || (matches!(after, Some(b'.' | b',' | b':')) && digit_after(after2))
            {
                return false;
            }
            if rule == Rule::Year {
                return !followed_by_unit(text, span.end) && !is_house_number(text, span.end);
            }
            true
        }
        Rule::Month => {
            // "May" and "March" are also a verb: take them bare only after a
            // preposition or a determiner, or before a number.
            let bare = s.split_whitespace().count() == 1;
            if bare && (s == "May" || s == "March") {
                let prev = previous_word(text, span.start).to_ascii_lowercase();
                return matches!(
                    prev.as_str(),
                    "in" | "since"
                        | "until"
                        | "till"
                        | "by"
                        | "of"
                        | "from"
                        | "through"
                        | "during"
                        | "before"
                        | "after"
                        | "to"
                        | "and"
                        | "or"
                        | "between"
                        | "early"
                        | "late"
                        | "mid"
                        | "last"
                        | "next"
                        | "this"
                );
            }
            true
        }
        Rule::Holiday => {
            // A bare "Christmas" or "Easter" is often a season or a thing
            // ("Christmas shopping"): the day only after "on".
            let bare = s.split_whitespace().count() == 1;
            !bare || previous_word(text, span.start).eq_ignore_ascii_case("on")
        }
        Rule::Reference => {
            // "now" in "from now" belongs to a duration; "soon after" is fine.
            !(s.eq_ignore_ascii_case("now") && previous_word(text, span.start).eq_ignore_ascii_case("from"))
        }
        _ => true,
    }
}

/// Whether the number that ends at `end` opens an address: "the 1600
/// block", "1802 Seventh Ave.", "1900 N. Main St.": up to four capitalised
/// words (or ordinals) that end in a street type.
fn is_house_number(text: &str, end: usize) -> bool {
    let mut words = text.get(end..).unwrap_or_default().split_whitespace().take(5);
    let Some(first) = words.next() else { return false };
    let key = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
    if key(first) == "block" {
        return true;
    }
    for w in std::iter::once(first).chain(words) {
        let k = key(w);
        if crate::words::is_street_word(&k) && w.starts_with(|c: char| c.is_uppercase()) {
            return true;
        }
        let name = w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if !name || k.is_empty() || w.ends_with(',') || crate::words::is_calendar_word(&k) {
            return false;
        }
    }
    false
}

/// Whether a word that makes a number a quantity follows (`2000 troops`).
fn followed_by_unit(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default().trim_start();
    let word: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect::<String>().to_ascii_lowercase();
    matches!(
        word.as_str(),
        "percent"
            | "people"
            | "troops"
            | "soldiers"
            | "shares"
            | "members"
            | "employees"
            | "workers"
            | "votes"
            | "miles"
            | "feet"
            | "meters"
            | "metres"
            | "kilometers"
            | "tons"
            | "points"
            | "dollars"
            | "yen"
            | "marks"
            | "pounds"
            | "cars"
            | "jobs"
            | "units"
            | "barrels"
            | "acres"
            | "residents"
            | "delegates"
            | "men"
            | "women"
            | "children"
            | "times"
            | "hours"
            | "days"
            | "yards"
    )
}

/// The word that ends before `at` (ASCII letters only).
fn previous_word(text: &str, at: usize) -> &str {
    let head = text.get(..at).unwrap_or_default().trim_end();
    let start = head.rfind(|c: char| !c.is_ascii_alphabetic()).map_or(0, |i| i + 1);
    head.get(start..).unwrap_or_default()
}

/// Keep the longest candidates that do not overlap, ties going to the rule
/// listed first; return them in text order.
fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by_key(|c| (std::cmp::Reverse(c.span.len()), c.span.start, c.priority));
    let mut kept: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        // `kept` is sorted by start: check the neighbours of the insertion point.
        let i = kept.partition_point(|k| k.span.start < c.span.start);
        let clash = kept.get(i).is_some_and(|k| k.span.overlaps(c.span))
            || i.checked_sub(1).and_then(|j| kept.get(j)).is_some_and(|k| k.span.overlaps(c.span));
        if !clash && !c.span.is_empty() {
            kept.insert(i, c);
        }
    }
    kept
}

/// Which way a date without its year or week points from the document date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// What normalisation reads and updates as it walks the text.
struct Context<'a> {
    text: &'a str,
    /// `text`, ASCII-lowercased (same offsets).
    lower: &'a str,
    sentences: &'a [Sentence],
    dct: Option<Date>,
    /// The last date known to the day mentioned so far.
    reference: Option<Date>,
    /// The last quarter mentioned so far (year, quarter).
    quarter: Option<(i16, i8)>,
    /// The last calendar value of any precision mentioned so far.
    last: Option<DateValue>,
}

/// A normalised value.
struct Value {
    kind: TimeType,
    value: String,
    date: Option<DateValue>,
}

impl Value {
    fn date(d: DateValue) -> Value {
        Value { kind: TimeType::Date, value: d.to_string(), date: Some(d) }
    }

    fn day(d: Date) -> Value {
        Value::date(DateValue::day(d))
    }

    fn other(kind: TimeType, value: impl Into<String>) -> Value {
        Value { kind, value: value.into(), date: None }
    }
}

/// The lowercased words of an expression, split at spaces and hyphens,
/// without trailing dots and commas.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_matches(|c: char| c == '.' || c == ',').to_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The day of the holiday `ws` names in `year`: fixed days, and the
/// American holidays counted by weekday (Thanksgiving, the fourth Thursday
/// of November; Memorial Day, the last Monday of May; ...), and Easter.
fn holiday_date(ws: &[String], year: i16) -> Option<Date> {
    let starts = |p: &str| ws.iter().any(|w| w.starts_with(p));
    let day = |m: i8, d: i8| Date::new(year, m, d).ok();
    let nth = |m: i8, n: i8, wd: Weekday| Date::new(year, m, 1).ok()?.nth_weekday_of_month(n, wd).ok();
    if starts("year") {
        return if has(ws, "eve") { day(12, 31) } else { day(1, 1) };
    }
    if has(ws, "christmas") {
        return if has(ws, "eve") { day(12, 24) } else { day(12, 25) };
    }
    if has(ws, "thanksgiving") {
        nth(11, 4, Weekday::Thursday)
    } else if has(ws, "halloween") {
        day(10, 31)
    } else if has(ws, "easter") {
        easter(year)
    } else if has(ws, "independence") || has(ws, "july") {
        day(7, 4)
    } else if has(ws, "memorial") {
        nth(5, -1, Weekday::Monday)
    } else if has(ws, "labor") {
        nth(9, 1, Weekday::Monday)
    } else if has(ws, "veterans") {
        day(11, 11)
    } else if starts("valentine") {
        day(2, 14)
    } else if starts("patrick") {
        day(3, 17)
    } else if starts("mother") {
        nth(5, 2, Weekday::Sunday)
    } else if starts("father") {
        nth(6, 3, Weekday::Sunday)
    } else if has(ws, "cinco") {
        day(5, 5)
    } else {
        None
    }
}

/// Easter Sunday of `year` (Gregorian; the anonymous algorithm of Meeus).
fn easter(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

fn has(words: &[String], w: &str) -> bool {
    words.iter().any(|x| x == w)
}

fn weekday_of(w: &str) -> Option<Weekday> {
    Some(match w.get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

fn part_of_day(words: &[String]) -> Option<&'static str> {
    words.iter().find_map(|w| match w.as_str() {
        "morning" => Some("MO"),
        "afternoon" => Some("AF"),
        "evening" => Some("EV"),
        "night" | "tonight" | "overnight" => Some("NI"),
        _ => None,
    })
}

/// The unit of a duration word: TIMEX3 letter, whether it is a time unit
/// (`PT..`), and how many of the letter one unit is.
fn unit_of(w: &str) -> Option<(&'static str, bool, f64)> {
    let w = w.trim_end_matches('s');
    Some(match w {
        "second" => ("S", true, 1.0),
        "minute" => ("M", true, 1.0),
        "hour" => ("H", true, 1.0),
        "day" => ("D", false, 1.0),
        "week" => ("W", false, 1.0),
        "fortnight" => ("W", false, 2.0),
        "month" => ("M", false, 1.0),
        "year" => ("Y", false, 1.0),
        "decade" => ("Y", false, 10.0),
        "century" | "centurie" => ("Y", false, 100.0),
        _ => return None,
    })
}

fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "a" | "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "dozen" => 12.0,
        _ => return None,
    })
}

/// The amount before the unit word: `Some(n)`, or `None` when vague ("several").
fn amount(ws: &[String]) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut seen = false;
    for w in ws {
        if let Ok(n) = w.replace(',', "").parse::<f64>() {
            current += n;
            seen = true;
        } else if (w == "a" || w == "an") && seen {
            // "two and a half"
        } else if let Some(n) = small_number(w) {
            current += n;
            seen = true;
        } else if w == "hundred" {
            current = current.max(1.0) * 100.0;
            seen = true;
        } else if w == "thousand" {
            total += current.max(1.0) * 1000.0;
            current = 0.0;
            seen = true;
        } else if w == "half" {
            current += 0.5;
            seen = true;
        } else if matches!(w.as_str(), "several" | "few" | "many" | "some" | "couple" | "dozens" | "hundreds") {
            return None;
        } else if seen && matches!(w.as_str(), "to" | "or") {
            // A range: the first bound stands for it.
            break;
        }
    }
    seen.then_some(total + current)
}

/// A duration value: `P5W`, `PT3H`, `P18M`, or `PXY` when the amount is vague.
fn duration_value(n: Option<f64>, unit: (&str, bool, f64)) -> String {
    let (letter, time, per) = unit;
    let t = if time { "T" } else { "" };
    match n {
        None => format!("P{t}X{letter}"),
        Some(n) => {
            let n = n * per;
            if n.fract() == 0.0 {
                format!("P{t}{}{letter}", n as i64)
            } else if letter == "Y" {
                format!("P{}M", (n * 12.0).round() as i64)
            } else if letter == "D" {
                format!("PT{}H", (n * 24.0).round() as i64)
            } else if letter == "H" {
                format!("PT{}M", (n * 60.0).round() as i64)
            } else {
                format!("P{t}{n}{letter}")
            }
        }
    }
}

fn quarter_of(d: Date) -> i8 {
    (d.month() - 1) / 3 + 1
}

fn iso_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

fn add_months(year: i16, month: i8, n: i64) -> Option<(i16, i8)> {
    let m = i64::from(year) * 12 + i64::from(month) - 1 + n;
    Some((i16::try_from(m.div_euclid(12)).ok()?, i8::try_from(m.rem_euclid(12) + 1).ok()?))
}

impl Context<'_> {
    fn normalise(&mut self, c: Candidate) -> Option<TimeExpr> {
        let surface = c.span.slice(self.text)?;
        let ws = words(surface);
        let v = match c.rule {
            Rule::Absolute => find_dates(surface).next().map(|(_, d)| Value::day(d)),
            Rule::MonthDay => self.month_day(&ws, c.span),
            Rule::MonthYear => {
                let m = ws.iter().find_map(|w| month_number(w))?;
                let y = ws.iter().find_map(|w| w.parse::<i16>().ok().filter(|y| *y > 999))?;
                Some(Value::date(DateValue::month(y, m)))
            }
            Rule::Month => self.month(&ws, c.span),
            Rule::Year => {
                let y = ws.iter().find_map(|w| w.parse::<i16>().ok())?;
                Some(Value::date(DateValue::year(y)))
            }
            Rule::Decade => {
                let d: String = surface.chars().filter(char::is_ascii_digit).take(3).collect();
                Some(Value::other(TimeType::Date, d))
            }
            Rule::Century => self.century(&ws),
            Rule::Quarter => self.quarter(&ws, c.span),
            Rule::Season => self.season(&ws, c.span),
            Rule::Weekday => self.weekday(&ws, c.span),
            Rule::Holiday => self.holiday(&ws, c.span),
            Rule::RelativeDay => self.relative_day(&ws),
            Rule::RelativeUnit => self.relative_unit(&ws, c.span),
            Rule::Ago => self.ago(&ws),
            Rule::Anchored => self.anchored(&ws),
            Rule::Reference => Some(reference(&ws)),
            Rule::Duration => self.duration(&ws, c.span),
            Rule::Set => set(&ws),
            Rule::Time => self.time(&ws, surface),
        }?;
        if let Some(d) = v.date {
            self.last = Some(d);
            if let Some(day) = d.to_date() {
                self.reference = Some(day);
            }
        }
        Some(TimeExpr { span: c.span, text: surface.to_string(), kind: v.kind, value: v.value, date: v.date })
    }

    /// The date "the next day" and "two days later" count from.
    fn anchor(&self) -> Option<Date> {
        self.reference.or(self.dct)
    }

    /// The tense that governs the expression at `span`: its own words
    /// ("next", "last"), a preposition right before it ("until", "since"),
    /// else the nearest tense marker of its sentence, but for a past verb a
    /// few words before it, which governs it whatever follows. Reporting verbs
    /// ("said", "told") govern only an expression right beside them: "X
    /// said he will come on Friday" is about a coming Friday.
    fn tense(&self, span: Span) -> Tense {
        let at = self.sentences.partition_point(|s| s.span.end <= span.start);
        let sentence = self
            .sentences
            .get(at)
            .filter(|s| s.span.start <= span.start)
            .map_or(Span::new(span.start.saturating_sub(200), span.end + 200), |s| s.span);
        let start = floor_char(self.text, sentence.start.max(span.start.saturating_sub(200)));
        let end = floor_char(self.text, sentence.end.min(span.end + 200));
        let within = self.text.get(span.start..span.end).unwrap_or_default();
        let own = words(within);
        if has(&own, "next") || has(&own, "coming") {
            return Tense::Future;
        }
        if has(&own, "last") || has(&own, "past") || has(&own, "ago") {
            return Tense::Past;
        }
        let before = clause_words(self.text, self.lower, start..span.start);
        let after = clause_words(self.text, self.lower, span.end..end);
        // "Saturday's shooting", "Tuesday's deadly attack": an event that happened.
        let possessive = self.lower.get(span.end..).is_some_and(|s| s.starts_with("'s ") || s.starts_with("’s "));
        if possessive && after.iter().take(3).any(|w| TENSE.is("happened", w.lower)) {
            return Tense::Past;
        }
        let lower = |k: usize| before.len().checked_sub(k).and_then(|i| before.get(i)).map(|w| w.lower);
        // "until Tuesday", "by Dec. 15" set a time to come, unless a past
        // perfect looks back to it ("had filed reports by Wednesday").
        let perfect = before.iter().rev().take(8).chain(after.iter().take(8)).any(|w| w.lower == "had");
        match (lower(3), lower(2), lower(1)) {
            (_, _, Some("until" | "till" | "by")) if !perfect => return Tense::Future,
            (Some("as"), Some("soon"), Some("as")) => return Tense::Future,
            (_, _, Some("since")) => return Tense::Past,
            _ => {}
        }
        // A past verb close before the time governs it, whatever verb comes
        // after ("the girl who was shot by her brother Thursday night is
        // expected to recover").
        const PAST_REACH: usize = 6;
        // Distance in words, and whether a reporting verb this far governs.
        let near = |d: usize, w: &Word<'_>| d <= 3 || !TENSE.is("reporting", w.lower);
        let back = (0..before.len()).rev().find_map(|i| {
            marker(&before, i).filter(|_| near(before.len() - i, &before[i])).map(|t| (before.len() - i, t))
        });
        // An infinitive after the time is a purpose ("fell on Friday to
        // close at $20"), not its tense.
        let fwd = (0..after.len()).find_map(|i| {
            marker(&after, i).filter(|_| near(i + 1, &after[i]) && after[i].lower != "to").map(|t| (i + 1, t))
        });
        match (back, fwd) {
            (Some((i, a)), Some((j, b))) => {
                if i <= j || (a == Tense::Past && i <= PAST_REACH) {
                    a
                } else {
                    b
                }
            }
            (Some((_, a)), None) => a,
            (None, Some((_, b))) => b,
            (None, None) => Tense::Unknown,
        }
    }

    /// Of the dates `candidates` (ascending), the one the tense at `span`
    /// points to: the latest on or before the document date for the past,
    /// the earliest on or after it for the future, else the nearest, a day
    /// ahead counting as two back.
    /// `slack` days around the document date count as either.
    fn pick(&self, candidates: &[Date], span: Span, slack: i64) -> Option<Date> {
        let dct = self.dct?;
        let (lo, hi) = (add_days(dct, -slack)?, add_days(dct, slack)?);
        // Days from the document date, and how far that is: with no tense,
        // a day ahead counts as two back, as news tell of what happened
        // more than of what will ("after the April 27 shooting", written
        // on 31 October, is the April before).
        let offset = |d: &Date| d.since(dct).ok().map_or(i32::MAX, |s| s.get_days());
        let far = |d: &Date, ahead: i32| {
            let days = offset(d);
            if days > 0 { days.saturating_mul(ahead) } else { days.saturating_neg() }
        };
        let nearest = |ahead: i32| candidates.iter().copied().min_by_key(|d| far(d, ahead));
        match self.tense(span) {
            Tense::Past => candidates.iter().rev().find(|d| **d <= hi).copied().or_else(|| nearest(1)),
            Tense::Unknown => nearest(2),
            Tense::Future => candidates.iter().find(|d| **d >= lo).copied().or_else(|| nearest(1)),
        }
    }

    fn month_day(&self, ws: &[String], span: Span) -> Option<Value> {
        let m = ws.iter().find_map(|w| if weekday_of(w).is_some() { None } else { month_number(w) })?;
        let d: i8 = ws.iter().find_map(|w| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().ok())?;
        let Some(dct) = self.dct else {
            return Some(Value::other(TimeType::Date, format!("XXXX-{m:02}-{d:02}")));
        };
        // The year before, of, or after the document's, as the tense says;
        // within two months of the document date, the nearer one (tense
        // detection errs more often than writers do).
        let years = [dct.year() - 1, dct.year(), dct.year() + 1];
        let candidates: Vec<Date> = years.iter().filter_map(|y| Date::new(*y, m, d).ok()).collect();
        let date = self.pick(&candidates, span, 60)?;
        Some(Value::day(date))
    }

    fn month(&self, ws: &[String], span: Span) -> Option<Value> {
        let m = ws.iter().find_map(|w| month_number(w).filter(|_| w.len() >= 3))?;
        let Some(dct) = self.dct else {
            return Some(Value::other(TimeType::Date, format!("XXXX-{m:02}")));
        };
        let mut y = dct.year();
        // "last April" is the most recent April before the document.
        if has(ws, "last") || (has(ws, "past") && !has(ws, "this")) {
            if m >= dct.month() {
                y -= 1;
            }
        } else if has(ws, "next") {
            y += 1;
        } else if has(ws, "coming") {
            if m <= dct.month() {
                y += 1;
            }
        } else if !has(ws, "this") {
            // Months compare by their first days, the document's month as
            // either direction.
            let candidates: Vec<Date> = [y - 1, y, y + 1].iter().filter_map(|y| Date::new(*y, m, 1).ok()).collect();
            let slack = i64::from(dct.days_in_month());
            y = self.pick(&candidates, span, slack).map_or(y, |d| d.year());
        }
        Some(Value::date(DateValue::month(y, m)))
    }

    fn century(&self, ws: &[String]) -> Option<Value> {
        const ORD: [&str; 21] = [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
            "twenty-first",
        ];
        let n = ws.iter().find_map(|w| {
            w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse::<i32>()
                .ok()
                .or_else(|| ORD.iter().position(|o| o == w).map(|i| i as i32 + 1))
        })?;
        let n = if has(ws, "twenty") && has(ws, "first") { 21 } else { n };
        Some(Value::other(TimeType::Date, format!("{:02}", (n - 1).max(0))))
    }

    fn quarter(&mut self, ws: &[String], span: Span) -> Option<Value> {
        let explicit_year = ws.iter().find_map(|w| w.parse::<i16>().ok().filter(|y| *y > 999));
        let n = ws.iter().find_map(|w| match w.as_str() {
            "first" | "1st" => Some(1),
            "second" | "2nd" => Some(2),
            "third" | "3rd" => Some(3),
            "fourth" | "4th" => Some(4),
            _ => None,
        });
        let half = has(ws, "half");
        let year_back = has(ws, "ago") || has(ws, "earlier");
        if has(ws, "end") && !has(ws, "quarter") {
            // "year-end"
            let y = explicit_year.or(self.dct.map(|d| d.year()))?;
            return Some(Value::date(DateValue::year(y)));
        }
        let Some(dct) = self.dct else {
            let q = n.map_or("X".to_string(), |n: i8| n.to_string());
            return Some(Value::other(TimeType::Date, format!("XXXX-{}{q}", if half { "H" } else { "Q" })));
        };
        let current = quarter_of(dct);
        let (y, q) = if let Some(n) = n {
            let mut y = explicit_year.unwrap_or(dct.year());
            if has(ws, "year's") {
                // "last year's third quarter"
                y += if has(ws, "last") {
                    -1
                } else if has(ws, "next") {
                    1
                } else {
                    0
                };
            } else if explicit_year.is_none() {
                if year_back {
                    y -= 1;
                } else if has(ws, "last") && !half {
                    if n >= current {
                        y -= 1;
                    }
                } else if has(ws, "next") {
                    if n <= current {
                        y += 1;
                    }
                } else if !half && n > current && self.tense(span) == Tense::Past {
                    y -= 1;
                }
            }
            (y, n)
        } else if half {
            let h = if dct.month() <= 6 { 1 } else { 2 };
            (dct.year(), h)
        } else {
            // "the quarter", "the latest quarter", "the year-ago period":
            // the quarter under discussion, else the last one completed.
            let completed = if current == 1 { (dct.year() - 1, 4) } else { (dct.year(), current - 1) };
            let (y, q) = if has(ws, "latest") || has(ws, "recent") {
                completed
            } else if has(ws, "current") || has(ws, "this") {
                (dct.year(), current)
            } else {
                self.quarter.unwrap_or(completed)
            };
            let (y, q) = if has(ws, "next") {
                if q == 4 { (y + 1, 1) } else { (y, q + 1) }
            } else if has(ws, "previous") || has(ws, "preceding") || (has(ws, "last") && self.quarter.is_some()) {
                if q == 1 { (y - 1, 4) } else { (y, q - 1) }
            } else {
                (y, q)
            };
            if year_back { (y - 1, q) } else { (y, q) }
        };
        if half {
            return Some(Value::other(TimeType::Date, format!("{y:04}-H{q}")));
        }
        if !year_back {
            self.quarter = Some((y, q));
        }
        Some(Value::other(TimeType::Date, format!("{y:04}-Q{q}")))
    }

    fn season(&self, ws: &[String], span: Span) -> Option<Value> {
        let code = ws.iter().find_map(|w| match w.as_str() {
            "spring" => Some(("SP", 4)),
            "summer" => Some(("SU", 7)),
            "fall" | "autumn" => Some(("FA", 10)),
            "winter" => Some(("WI", 1)),
            _ => None,
        })?;
        let explicit_year = ws.iter().find_map(|w| w.parse::<i16>().ok().filter(|y| *y > 999));
        let y = match (explicit_year, self.dct) {
            (Some(y), _) => y,
            (None, None) => return Some(Value::other(TimeType::Date, format!("XXXX-{}", code.0))),
            (None, Some(dct)) => {
                let m = dct.month();
                let (mut y, month) = (dct.year(), code.1);
                if has(ws, "last") || (has(ws, "past") && !has(ws, "this")) {
                    y -= 1;
                } else if has(ws, "next") {
                    y += 1;
                } else if has(ws, "coming") {
                    if month <= m {
                        y += 1;
                    }
                } else if self.tense(span) == Tense::Past && month > m + 2 {
                    y -= 1;
                }
                y
            }
        };
        Some(Value::other(TimeType::Date, format!("{y:04}-{}", code.0)))
    }

    fn weekday(&self, ws: &[String], span: Span) -> Option<Value> {
        let wd = ws.iter().find_map(|w| weekday_of(w).filter(|_| w.ends_with("day")))?;
        let Some(dct) = self.dct else {
            return Some(Value::other(TimeType::Date, format!("XXXX-WXX-{}", wd.to_monday_one_offset())));
        };
        let back = i64::from((dct.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7));
        let forward = (7 - back) % 7;
        let date = if has(ws, "next") {
            add_days(dct, forward.max(1))
        } else if has(ws, "following") {
            let base = self.anchor().unwrap_or(dct);
            let back = i64::from((base.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7));
            add_days(base, (7 - back) % 7)
        } else if has(ws, "last") || has(ws, "past") || has(ws, "previous") || has(ws, "preceding") {
            add_days(dct, -(if back == 0 { 7 } else { back }))
        } else if self.tense(span) == Tense::Future && back != 0 {
            add_days(dct, forward)
        } else {
            add_days(dct, -back)
        }?;
        Some(Value::day(date))
    }

    fn holiday(&self, ws: &[String], span: Span) -> Option<Value> {
        let Some(dct) = self.dct else { return Some(Value::other(TimeType::Date, "XXXX-XX-XX")) };
        // The year before, of, or after the document's, as the tense says.
        let candidates: Vec<Date> = (dct.year() - 1..=dct.year() + 1).filter_map(|y| holiday_date(ws, y)).collect();
        let date = self.pick(&candidates, span, 60)?;
        Some(Value::day(date))
    }

    fn relative_day(&self, ws: &[String]) -> Option<Value> {
        let offset: i64 = if has(ws, "yesterday") {
            if has(ws, "before") { -2 } else { -1 }
        } else if has(ws, "tomorrow") {
            if has(ws, "after") { 2 } else { 1 }
        } else if has(ws, "last") {
            -1
        } else {
            0
        };
        let part = part_of_day(ws);
        let Some(dct) = self.dct else {
            return Some(match offset {
                0 => Value::other(TimeType::Date, "PRESENT_REF"),
                _ => Value::other(TimeType::Date, "XXXX-XX-XX"),
            });
        };
        let day = add_days(dct, offset)?;
        // "this morning", "last night", "yesterday evening" are times of a
        // day; "tonight" and "today" are the day.
        match part {
            Some(p) if !has(ws, "tonight") => Some(Value {
                kind: TimeType::Time,
                value: format!("{}T{p}", DateValue::day(day)),
                date: Some(DateValue::day(day)),
            }),
            _ => Some(Value::day(day)),
        }
    }

    fn relative_unit(&self, ws: &[String], span: Span) -> Option<Value> {
        let Some(dct) = self.dct else {
            return Some(Value::other(TimeType::Date, if has(ws, "next") { "FUTURE_REF" } else { "PAST_REF" }));
        };
        let step: i64 = if has(ws, "last") || has(ws, "previous") || has(ws, "past") || has(ws, "prior") {
            -1
        } else if has(ws, "next") || has(ws, "coming") || has(ws, "following") {
            1
        } else {
            0
        };
        let unit = ws.last()?.as_str();
        Some(match unit {
            "week" => Value::other(TimeType::Date, iso_week(add_days(dct, 7 * step)?)),
            "weekend" => {
                let wd = i64::from(dct.weekday().to_monday_zero_offset());
                let step = if step == 0 && wd < 5 && self.tense(span) == Tense::Past { -1 } else { step };
                Value::other(TimeType::Date, format!("{}-WE", iso_week(add_days(dct, 7 * step)?)))
            }
            "month" => {
                let (y, m) = add_months(dct.year(), dct.month(), step)?;
                Value::date(DateValue::month(y, m))
            }
            "year" => Value::date(DateValue::year(dct.year().checked_add(i16::try_from(step).ok()?)?)),
            "decade" => Value::other(TimeType::Date, format!("{:03}", (i64::from(dct.year()) + 10 * step) / 10)),
            "century" => Value::other(TimeType::Date, format!("{:02}", (i64::from(dct.year()) + 100 * step) / 100)),
            _ => return None,
        })
    }

    fn ago(&self, ws: &[String]) -> Option<Value> {
        let (unit_idx, unit) = ws.iter().enumerate().find_map(|(i, w)| unit_of(w).map(|u| (i, (w.as_str(), u))))?;
        let n = amount(ws.get(..unit_idx)?);
        let back = has(ws, "ago") || has(ws, "earlier");
        // "ago" and "from now" count from the document date; "earlier" and
        // "later" from the date under discussion.
        let base = if has(ws, "ago") || has(ws, "now") || has(ws, "hence") { self.dct } else { self.anchor() };
        let Some(base) = base else {
            return Some(Value::other(TimeType::Date, if back { "PAST_REF" } else { "FUTURE_REF" }));
        };
        let Some(n) = n.filter(|n| n.fract() == 0.0) else {
            return Some(Value::other(TimeType::Date, if back { "PAST_REF" } else { "FUTURE_REF" }));
        };
        let n = n as i64 * if back { -1 } else { 1 };
        let (letter, time, per) = unit.1;
        let n = n * per as i64;
        Some(match (letter, time) {
            (_, true) => Value::day(base),
            ("D", _) => Value::day(add_days(base, n)?),
            ("W", _) => Value::other(TimeType::Date, iso_week(add_days(base, 7 * n)?)),
            ("M", _) => {
                let (y, m) = add_months(base.year(), base.month(), n)?;
                Value::date(DateValue::month(y, m))
            }
            _ => {
                // A year back from a quarter under discussion is that quarter
                // of the year before ("a year earlier", in earnings reports).
                if n == -1
                    && let Some((y, q)) = self.quarter
                {
                    Value::other(TimeType::Date, format!("{:04}-Q{q}", y - 1))
                } else {
                    Value::date(DateValue::year(base.year().checked_add(i16::try_from(n).ok()?)?))
                }
            }
        })
    }

    fn anchored(&self, ws: &[String]) -> Option<Value> {
        let Some(base) = self.anchor() else {
            return Some(Value::other(TimeType::Date, "XXXX-XX-XX"));
        };
        let step: i64 = if has(ws, "next") || has(ws, "following") || has(ws, "after") {
            1
        } else if has(ws, "previous") || has(ws, "preceding") || has(ws, "before") {
            -1
        } else {
            0
        };
        let unit = ws.last()?.as_str();
        // A month or a year counts from the last value mentioned, whatever its precision.
        let (year, month) = match self.last {
            Some(v) => (v.year, v.month.unwrap_or(base.month())),
            None => (base.year(), base.month()),
        };
        Some(match unit {
            "week" => Value::other(TimeType::Date, iso_week(add_days(base, 7 * step)?)),
            "month" => {
                let (y, m) = add_months(year, month, step)?;
                Value::date(DateValue::month(y, m))
            }
            "year" => Value::date(DateValue::year(year.checked_add(i16::try_from(step).ok()?)?)),
            _ => {
                let day = add_days(base, step)?;
                match part_of_day(ws) {
                    Some(p) => Value {
                        kind: TimeType::Time,
                        value: format!("{}T{p}", DateValue::day(day)),
                        date: Some(DateValue::day(day)),
                    },
                    None => Value::day(day),
                }
            }
        })
    }

    fn duration(&self, ws: &[String], span: Span) -> Option<Value> {
        let (unit_idx, unit) = ws.iter().enumerate().find_map(|(i, w)| unit_of(w).map(|u| (i, u)))?;
        let head = ws.get(..unit_idx)?;
        let n = amount(head);
        // "a second time" is an ordinal.
        if unit.0 == "S" && matches!(head, [a] if a == "a") {
            return None;
        }
        // "$5 million a year" is a rate.
        if matches!(head, [a] if a == "a" || a == "an") && self.after_amount(span.start) {
            return Some(Value::other(TimeType::Set, duration_value(Some(1.0), unit)));
        }
        let half = ws.iter().skip(unit_idx + 1).any(|w| w == "half");
        let n = n.map(|n| if half { n + 0.5 } else { n });
        Some(Value::other(TimeType::Duration, duration_value(n, unit)))
    }

    /// Whether an amount (a number, "million", "percent") ends just before `at`.
    fn after_amount(&self, at: usize) -> bool {
        let head = self.text.get(..at).unwrap_or_default().trim_end();
        let w = head.rsplit(char::is_whitespace).next().unwrap_or_default().to_ascii_lowercase();
        w.ends_with(|c: char| c.is_ascii_digit() || c == '%')
            || matches!(w.as_str(), "million" | "billion" | "percent" | "times" | "cents" | "dollars" | "thousand")
    }

    fn time(&self, ws: &[String], surface: &str) -> Option<Value> {
        let lower = surface.to_ascii_lowercase();
        let pm =
            lower.contains("p.m") || lower.contains("pm") || lower.contains("afternoon") || lower.contains("evening");
        let (h, m): (i64, i64) = if lower.starts_with("noon") || lower.starts_with("midday") {
            (12, 0)
        } else if lower.starts_with("midnight") {
            (24, 0)
        } else {
            let digits: String = lower.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
            let mut it = digits.split(':');
            let h = match it.next().and_then(|h| h.parse().ok()) {
                Some(h) => h,
                None => small_number(ws.first()?)? as i64,
            };
            let m = it.next().and_then(|m| m.parse().ok()).unwrap_or(0);
            (h, m)
        };
        let h = if pm && h < 12 {
            h + 12
        } else if !pm && h == 12 && lower.contains("a") {
            0
        } else {
            h
        };
        if h > 24 || m > 59 {
            return None;
        }
        let wd = ws.iter().find_map(|w| weekday_of(w).filter(|_| w.ends_with("day") && w != "today"));
        let day = match wd {
            Some(wd) => self.dct.and_then(|dct| {
                let back =
                    i64::from((dct.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7));
                add_days(dct, -back)
            }),
            None if has(ws, "yesterday") => self.dct.and_then(|d| add_days(d, -1)),
            None if has(ws, "tomorrow") => self.dct.and_then(|d| add_days(d, 1)),
            None => self.anchor(),
        };
        let hm = if h == 24 { "24".to_string() } else { format!("{h:02}:{m:02}") };
        Some(match day {
            Some(d) => Value::other(TimeType::Time, format!("{}T{hm}", DateValue::day(d))),
            None => Value::other(TimeType::Time, format!("XXXX-XX-XXT{hm}")),
        })
    }
}

/// A word of a clause, lowercased, with whether it was capitalised.
struct Word<'a> {
    lower: &'a str,
    capital: bool,
}

/// The words of `text[range]`: letters (with apostrophes) or digits, read
/// from `lower`, the ASCII-lowercased text.
fn clause_words<'a>(text: &str, lower: &'a str, range: Range<usize>) -> Vec<Word<'a>> {
    let (Some(s), Some(orig)) = (lower.get(range.clone()), text.get(range)) else { return Vec::new() };
    let in_word = |b: u8| b.is_ascii_alphanumeric() || b == b'\'';
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !in_word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && in_word(bytes[i]) {
            i += 1;
        }
        // Words are ASCII, so their bounds are char boundaries.
        let lower = s.get(start..i).unwrap_or_default();
        out.push(Word { lower, capital: orig.as_bytes()[start].is_ascii_uppercase() });
    }
    out
}

/// The largest char boundary of `text` at or below `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The tense lexicon (`data/tense.tsv`): word classes by name.
struct TenseWords {
    classes: foldhash::HashMap<&'static str, foldhash::HashSet<&'static str>>,
}

impl TenseWords {
    fn is(&self, class: &str, word: &str) -> bool {
        self.classes.get(class).is_some_and(|c| c.contains(word))
    }
}

static TENSE: LazyLock<TenseWords> = LazyLock::new(|| {
    let mut classes: foldhash::HashMap<&'static str, foldhash::HashSet<&'static str>> = Default::default();
    for line in include_str!("../data/tense.tsv").lines().filter(|l| !l.starts_with('#')) {
        if let Some((class, word)) = line.split_once('\t') {
            classes.entry(class.trim()).or_default().insert(word.trim());
        }
    }
    TenseWords { classes }
});

/// The tense word `i` of `ws` marks: a future auxiliary, an infinitive, a
/// word of intent with "to" or "for", or a past form (irregular, or in
/// "-ed") that no future auxiliary governs ("will be held" is future).
fn marker(ws: &[Word<'_>], i: usize) -> Option<Tense> {
    let t = &*TENSE;
    let word = |k: usize| ws.get(k).map_or("", |w| w.lower);
    let w = word(i);
    let prev = if i == 0 { "" } else { word(i - 1) };
    if t.is("future", w) {
        return Some(Tense::Future);
    }
    if t.is("intent", w) {
        // "planned a march": the participle of intent is a verb unless a
        // determiner makes it an adjective ("their planned trip").
        let verb = w.ends_with("ed") && !t.is("determiner", prev);
        return ((verb || matches!(word(i + 1), "to" | "for")) && !matches!(prev, "than" | "as" | "had"))
            .then_some(Tense::Future);
    }
    // An infinitive: "agreed to buy ... in February", "to be completed by".
    if w == "to"
        && let Some(next) = ws.get(i + 1)
    {
        let verbish = !next.capital
            && next.lower.bytes().all(|b| b.is_ascii_lowercase())
            && !t.is("not_infinitive", next.lower)
            && !next.lower.ends_with("ing");
        return (verbish && !t.is("to_not_future", prev)).then_some(Tense::Future);
    }
    let regular = w.len() >= 5 && w.ends_with("ed") && !t.is("ed_not_past", w);
    if !(regular || t.is("past", w)) {
        return None;
    }
    // "is located", "than expected", "the reduced dividend", "unspecified":
    // an adjective, not a past; "has invited" looks from the present.
    if regular && (w.starts_with("un") || matches!(prev, "has" | "have" | "'ve")) {
        return None;
    }
    if regular && (t.is("determiner", prev) || t.is("adjective_before", prev)) {
        return None;
    }
    // "will be held", "is to be signed", "would have": the auxiliary decides.
    // A "to" is one only before "be" or "have" ("According to police,
    // officers shot him" is past).
    let from = i.saturating_sub(3);
    let auxiliary = |k: usize| {
        let a = ws[k].lower;
        t.is("future", a) || (a == "to" && matches!(word(k + 1), "be" | "have"))
    };
    if (from..i).any(auxiliary) && !matches!(w, "was" | "were" | "said" | "told") {
        return Some(Tense::Future);
    }
    Some(Tense::Past)
}

/// "now" is the present, "recently" the past, "the future" the future.
fn reference(ws: &[String]) -> Value {
    let v = if has(ws, "future") || has(ws, "term") || has(ws, "coming") || has(ws, "later") {
        "FUTURE_REF"
    } else if has(ws, "now") || has(ws, "currently") || has(ws, "nowadays") || has(ws, "present") || has(ws, "these") {
        "PRESENT_REF"
    } else {
        "PAST_REF"
    };
    Value::other(TimeType::Date, v)
}

fn set(ws: &[String]) -> Option<Value> {
    let first = ws.first()?.as_str();
    let v = match first {
        "daily" | "nightly" => "P1D".to_string(),
        "weekly" => "P1W".to_string(),
        "biweekly" => "P2W".to_string(),
        "monthly" => "P1M".to_string(),
        "quarterly" => "P3M".to_string(),
        "annually" | "yearly" => "P1Y".to_string(),
        "hourly" => "PT1H".to_string(),
        _ => {
            if let Some(m) = ws.iter().find_map(|w| month_number(w).filter(|_| w.len() >= 3 && unit_of(w).is_none())) {
                format!("XXXX-{m:02}")
            } else if let Some(wd) = ws.iter().find_map(|w| weekday_of(w).filter(|_| w.contains("day") && w != "day")) {
                format!("XXXX-WXX-{}", wd.to_monday_one_offset())
            } else if let Some(p) = part_of_day(ws) {
                format!("XXXX-XX-XXT{p}")
            } else if let Some(i) = ws.iter().position(|w| unit_of(w).is_some()) {
                let unit = unit_of(ws.get(i)?)?;
                let n = amount(ws.get(1..i).unwrap_or_default()).unwrap_or(1.0);
                let n = if has(ws, "other") { n * 2.0 } else { n };
                duration_value(Some(n), unit)
            } else {
                let code = ws.iter().find_map(|w| match w.as_str() {
                    "spring" => Some("SP"),
                    "summer" => Some("SU"),
                    "fall" | "autumn" => Some("FA"),
                    "winter" => Some("WI"),
                    _ => None,
                })?;
                format!("XXXX-{code}")
            }
        }
    };
    Some(Value::other(TimeType::Set, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, dct: &str) -> Vec<(String, String)> {
        let dct: Date = dct.parse().expect("date");
        annotate(text, &crate::sentences::split(text), Some(dct)).into_iter().map(|t| (t.text, t.value)).collect()
    }

    fn value_list(text: &str, dct: &str) -> Vec<String> {
        values(text, dct).into_iter().map(|(_, v)| v).collect()
    }

    #[test]
    fn weekdays_resolve_back_from_the_document_date() {
        // 2020-03-13 is a Friday.
        let v = values(
            "Camp Taji was hit on Wednesday evening. On Tuesday, four were killed. Sites attacked on Friday.",
            "2020-03-13",
        );
        assert_eq!(
            v,
            [
                ("Wednesday evening".to_string(), "2020-03-11".to_string()),
                ("Tuesday".to_string(), "2020-03-10".to_string()),
                ("Friday".to_string(), "2020-03-13".to_string())
            ]
        );
    }

    #[test]
    fn a_past_verb_before_the_day_governs_it() {
        // 2015-09-04 is a Friday; 2015-05-12 a Tuesday.
        let v = value_list(
            "The 5-year-old girl who was shot by her brother Thursday night is expected to make a full recovery.",
            "2015-09-04",
        );
        assert_eq!(v, ["P5Y", "2015-09-03"]);
        let v = value_list(
            "Police are searching for a killer after a man was found shot to death Monday evening.",
            "2015-05-12",
        );
        assert_eq!(v, ["2015-05-11"]);
    }

    #[test]
    fn dates_without_year_months_and_years() {
        let v = values("on the evening of March 11 and on January 3, since May 2019, in 2019, yesterday", "2020-03-16");
        let vals: Vec<&str> = v.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(vals, ["2020-03-11", "2020-01-03", "2019-05", "2019", "2020-03-15"]);
    }

    #[test]
    fn a_day_close_to_the_document_date_is_the_nearer_one_whatever_the_tense() {
        // A past verb, but a date 18 days after the document's is not a year back.
        assert_eq!(value_list("The board said it approved the payout, due Nov. 20.", "1989-11-02"), ["1989-11-20"]);
        // Far from the document date, the tense decides.
        assert_eq!(value_list("The plant closed on Aug. 1.", "1989-03-02"), ["1988-08-01"]);
        assert_eq!(value_list("The plant will close on Aug. 1.", "1989-03-02"), ["1989-08-01"]);
    }

    #[test]
    fn holidays_are_days() {
        // Written on Monday 2 January 2017, of the Saturday before.
        let v = values("A boy died after accidentally shooting himself on New Year's Eve.", "2017-01-02");
        assert_eq!(v, [("New Year's Eve".to_string(), "2016-12-31".to_string())]);
        assert_eq!(value_list("He was shot on New Year\u{2019}s Day.", "2017-01-03"), ["2017-01-01"]);
        assert_eq!(value_list("Two men were shot Thanksgiving night.", "2015-11-30"), ["2015-11-26"]);
        assert_eq!(value_list("He was killed on Memorial Day.", "2016-06-01"), ["2016-05-30"]);
        assert_eq!(value_list("The shooting happened on the Fourth of July.", "2014-07-07"), ["2014-07-04"]);
        assert_eq!(value_list("She was shot on Easter Sunday.", "2016-03-29"), ["2016-03-27"]);
        assert_eq!(value_list("He was killed on Christmas.", "2016-12-27"), ["2016-12-25"]);
        // A bare holiday is a season or a thing, unless it is "on" one.
        assert!(value_list("Police said Christmas shopping went on.", "2016-12-20").is_empty());
    }

    #[test]
    fn absolute_dates_win_over_parts() {
        let v = values("Published March 16, 2020.", "2020-03-16");
        assert_eq!(v, [("March 16, 2020".to_string(), "2020-03-16".to_string())]);
    }

    #[test]
    fn future_tense_points_forward() {
        // 2020-03-13 is a Friday.
        assert_eq!(value_list("The talks will resume on Tuesday.", "2020-03-13"), ["2020-03-17"]);
        assert_eq!(value_list("The talks resumed on Tuesday.", "2020-03-13"), ["2020-03-10"]);
        assert_eq!(value_list("Elections will be held in January.", "2020-03-13"), ["2021-01"]);
        assert_eq!(value_list("He was elected in December.", "2020-03-13"), ["2019-12"]);
        // "to" is an auxiliary before "be", not in "according to".
        assert_eq!(value_list("The deal is to be signed on Tuesday.", "2020-03-13"), ["2020-03-17"]);
        assert_eq!(value_list("According to police, officers shot him Tuesday.", "2020-03-13"), ["2020-03-10"]);
    }

    #[test]
    fn a_days_violent_event_happened_whatever_the_tense() {
        // 2015-10-18 is a Sunday.
        let said = "She believes Saturday's shooting will hurt future events.";
        assert_eq!(value_list(said, "2015-10-18"), ["2015-10-17"]);
        assert_eq!(value_list("She believes Saturday’s deadly shooting will hurt them.", "2015-10-18"), ["2015-10-17"]);
        assert_eq!(value_list("Saturday's game will be played at home.", "2015-10-18"), ["2015-10-24"]);
    }

    #[test]
    fn the_tense_lexicon_has_every_class_the_code_reads() {
        let code = [
            "future",
            "intent",
            "past",
            "ed_not_past",
            "determiner",
            "adjective_before",
            "reporting",
            "to_not_future",
            "not_infinitive",
            "happened",
        ];
        let mut file: Vec<&str> = TENSE.classes.keys().copied().collect();
        file.sort_unstable();
        let mut code = code.to_vec();
        code.sort_unstable();
        assert_eq!(file, code);
        assert!(TENSE.is("past", "struck") && TENSE.is("future", "will") && !TENSE.is("past", "will"));
    }

    #[test]
    fn the_governing_verb_decides_the_direction() {
        // 2020-03-13 is a Friday.
        let d = "2020-03-13";
        // Regular past forms; a noun "plans" and "next to" say nothing of the future.
        assert_eq!(value_list("The ministry announced Wednesday that the talks had failed.", d), ["2020-03-11"]);
        assert_eq!(value_list("The envoy cancelled his travel plans on Tuesday.", d), ["2020-03-10"]);
        assert_eq!(value_list("Two people died in the blast next to the market on Thursday.", d), ["2020-03-12"]);
        assert_eq!(value_list("Sales rose faster than expected on Thursday.", d), ["2020-03-12"]);
        // Words of intent with "to" or "for", infinitives, and deadlines point forward.
        assert_eq!(value_list("Protesters planned a march on Saturday.", d), ["2020-03-14"]);
        assert_eq!(value_list("The vote is scheduled for Monday.", d), ["2020-03-16"]);
        assert_eq!(value_list("The army decided to withdraw the brigade in May.", d), ["2020-05"]);
        assert_eq!(value_list("The ruling was postponed until Tuesday.", d), ["2020-03-17"]);
        assert_eq!(value_list("The envoys had left by Tuesday.", d), ["2020-03-10"]);
        // An infinitive after the time is its purpose, not its tense.
        assert_eq!(value_list("Shares fell on Thursday to close at $20.", d), ["2020-03-12"]);
        // A reporting verb far from the time does not govern it.
        assert_eq!(value_list("He said the convoy will reach the border on Sunday.", d), ["2020-03-15"]);
    }

    #[test]
    fn without_a_tense_the_nearest_year_wins() {
        assert_eq!(value_list("The dividend is payable Jan. 2 to holders.", "2019-11-02"), ["2020-01-02"]);
        assert_eq!(
            value_list("The houses, worth millions in October, are worth half that.", "2020-01-08"),
            ["2019-10"]
        );
        assert_eq!(value_list("The summit in April is a test of unity.", "2019-12-05"), ["2020-04"]);
        // A day ahead counts as two back: half a year either way is the past.
        assert_eq!(value_list("The April 27 shooting remains unsolved.", "2015-10-31"), ["2015-04-27"]);
        assert_eq!(value_list("Two men died after the April 27 shooting.", "2015-10-31"), ["2015-04-27"]);
        // "this" keeps the document's year whatever the tense.
        assert_eq!(value_list("The party won seats and hopes to win more this September.", "2020-06-26"), ["2020-09"]);
    }

    #[test]
    fn anchored_expressions_follow_the_last_date() {
        let v = value_list(
            "The siege began on 2 March 2020. The next day, troops arrived; two days later they left.",
            "2020-03-16",
        );
        assert_eq!(v, ["2020-03-02", "2020-03-03", "2020-03-05"]);
        assert_eq!(value_list("Talks ended three days ago.", "2020-03-16"), ["2020-03-13"]);
    }

    #[test]
    fn relative_units_quarters_and_seasons() {
        let v = value_list(
            "Sales rose last year, fell last month and this week; last fall, in the third quarter",
            "1989-10-30",
        );
        assert_eq!(v, ["1988", "1989-09", "1989-W44", "1988-FA", "1989-Q3"]);
        let v = value_list("Profit in the third quarter rose, compared with a year earlier.", "1989-10-30");
        assert_eq!(v, ["1989-Q3", "1988-Q3"]);
        assert_eq!(value_list("the 1990s and the 20th century", "1998-01-01"), ["199", "19"]);
    }

    #[test]
    fn durations_sets_times_and_references() {
        let v = values(
            "It lasted five weeks, then two and a half hours; several years. Meetings are held weekly.",
            "2020-03-16",
        );
        let vals: Vec<&str> = v.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(vals, ["P5W", "PT150M", "PXY", "P1W"]);
        let kinds: Vec<TimeType> =
            annotate("at 7 p.m. now", &[], Some("1998-01-08".parse().expect("date"))).iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [TimeType::Time, TimeType::Date]);
        assert_eq!(
            value_list("at 7 p.m. now, and recently", "1998-01-08"),
            ["1998-01-08T19:00", "PRESENT_REF", "PAST_REF"]
        );
        assert_eq!(value_list("It costs $5 million a year.", "1998-01-08"), ["P1Y"]);
    }

    #[test]
    fn numbers_are_not_years() {
        assert!(value_list("It cost $1995 and 2000 troops; 1,999 and 19.99", "1998-01-08").is_empty());
        let addresses = "in the 1600 block of Elm, at 1802 Seventh Ave., at 1900 N. Main St. in 2003";
        assert_eq!(value_list(addresses, "2015-03-21"), ["2003"]);
    }

    #[test]
    fn never_panics_and_spans_hold() {
        for text in ["", "May", "March 99", "the 0th century", "Friday\u{e9} 12:99 p.m.", "é2020é", "next é week"] {
            for t in annotate(text, &[], None).into_iter().chain(annotate(text, &[], Some(Date::constant(2020, 1, 1))))
            {
                assert_eq!(t.span.slice(text), Some(t.text.as_str()));
            }
        }
    }
}
