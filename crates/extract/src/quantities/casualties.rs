//! How many people an article says were killed and injured.
//!
//! Read in this order, for each of killed and injured:
//!
//! 1. An explicit count of people with that outcome ("four protesters were
//!    killed and 80 injured", "killing three ...", "no deaths"), the first
//!    one in the article that is not part of another.
//! 2. A count of people shot ("four people were shot, one fatally"): its
//!    fatal parts are the killed, the rest the injured.
//! 3. A statement about one person: "a man was shot and killed" (killed 1);
//!    "a teen was shot ... expected to survive" (injured 1).
//! 4. A zero: "no deaths", "no one was hurt"; then "no casualties" for both.
//!    Zeros of a subset ("no other injuries", "none of the victims") are
//!    not read as zeros of the whole.
//!
//! Counts in a sentence that tallies many incidents ("so far this year",
//! `data/count_aggregates.txt`) are used only when nothing else is said,
//! before zeros. When several sentences count the same outcome, the number
//! stated most often wins (the first of equals).
//!
//! `None` means the article says nothing either way. The headline is not
//! part of the text: [`Casualties::with_headline`] reads it.

use std::sync::LazyLock;

use regex::Regex;
use sitrep_model::{Outcome, Quantity, Sentence, Span};

use super::lexicon::{Happened, LEXICON, NounClass, NumWord};
use super::tokens::tokenize;
use super::{Ctx, happened_after};

/// Where an article-level count was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CountSource {
    /// An explicit count: the index of the quantity.
    Quantity(usize),
    /// Derived from a count of people shot (index of that quantity): the
    /// shot less the killed, or its fatal parts.
    Shot(usize),
    /// A statement about one person, or "no casualties": the sentence index.
    Sentence(usize),
    /// People named one by one ("a man, his wife and their two daughters
    /// died"): the sentence index.
    List(usize),
    /// The headline ([`Casualties::with_headline`]).
    Headline,
}

/// A count of people, with its bounds and where it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    /// The number as stated, when one is.
    pub value: Option<u64>,
    pub low: Option<u64>,
    pub high: Option<u64>,
    pub source: CountSource,
}

impl Count {
    fn exact(n: u64, source: CountSource) -> Count {
        Count { value: Some(n), low: Some(n), high: Some(n), source }
    }

    fn of(q: &Quantity, source: CountSource) -> Count {
        Count { value: q.value, low: q.low, high: q.high, source }
    }

    /// The single best number: the value, or else the least it allows.
    pub fn best(&self) -> Option<u64> {
        self.value.or(self.low)
    }
}

/// A quantity's single best number: its value, or else the least it allows.
fn best(q: &Quantity) -> Option<u64> {
    q.value.or(q.low)
}

/// The killed and injured an article states.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Casualties {
    pub killed: Option<Count>,
    pub injured: Option<Count>,
}

/// Phrases that make a sentence's counts a tally of many incidents.
static AGGREGATE: LazyLock<Regex> = LazyLock::new(|| {
    let phrases: Vec<String> = include_str!("../../data/count_aggregates.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(regex::escape)
        .collect();
    Regex::new(&format!(r"(?-u:\b)(?:{})(?-u:\b)", phrases.join("|"))).expect("aggregate pattern")
});

static DEATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:shot (?:and killed|dead|to death)|fatally (?:shot|shooting|wounded|wounding|injured|injuring|stabbed|struck)|(?:was|were|been|being) (?:killed|murdered|slain)|pronounced dead|(?:is|was|are|were|found|left|leaving|lay|lying|leaves) (?:[a-z0-9-]+ ){0,3}dead|took (?:his|her|their) (?:own )?li(?:fe|ves)|passed away|lost (?:his|her|their) li(?:fe|ves)|succumbed|(?:he|she) died|died|dies|killing|fatal shooting|deadly shooting|shooting death|(?:'s|’s) death|death of (?:a|an|his|her|their|the)|(?:attempted )?murder(?:ed)?|killed)(?-u:\b)",
    )
    .expect("death pattern")
});

/// Whether a (lowercased) sentence says someone died.
fn says_death(s: &str) -> bool {
    says(&DEATH, s)
}

/// Whether a (lowercased) sentence makes a statement of `re` that is not
/// negated ("no one was hurt", "was not injured", "none of them appeared
/// to have been injured"), attempted, fatal ("fatally wounding the
/// victim" is a death, not an injury) or of either fate ("injured or
/// killed").
fn says(re: &Regex, s: &str) -> bool {
    re.find_iter(s).any(|m| {
        let start = m.start();
        let mut from = start.saturating_sub(16);
        while !s.is_char_boundary(from) {
            from += 1;
        }
        let before = s.get(from..start).unwrap_or("");
        // The clause's subject is a negative: "none of them", "no officers".
        let clause = s.get(..start).unwrap_or("");
        let clause = clause.rfind([',', ';', ':']).map_or(clause, |c| &clause[c + 1..]).trim_start();
        // "injured or killed", "hurt and killed": a tally of both fates.
        let after = s.get(m.end()..).unwrap_or_default();
        let either = ["or", "and"].iter().any(|c| {
            after.strip_prefix(' ').and_then(|a| a.strip_prefix(c)).is_some_and(|a| {
                ["killed", "died", "dead", "injured", "wounded", "hurt"].iter().any(|w| {
                    a.strip_prefix(' ')
                        .and_then(|a| a.strip_prefix(w))
                        .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
                })
            })
        });
        !m.as_str().starts_with("attempted")
            && !either
            && !before.ends_with("fatally ")
            && !before.ends_with("mortally ")
            && !["no one ", "nobody ", "not ", "none ", "no other ", "n't ", "never "].iter().any(|n| {
                // "didn't make it and was pronounced dead": the negative is
                // another clause's.
                before.find(n).is_some_and(|i| !before[i..].contains(" and ") && !before[i..].contains(','))
            })
            && !["none ", "no ", "nobody ", "neither "].iter().any(|n| clause.starts_with(n))
    })
}

/// The person nouns of the count lexicon: (singular forms, plural forms).
fn person_forms() -> (Vec<&'static str>, Vec<&'static str>) {
    let (mut one, mut many) = (Vec::new(), Vec::new());
    for (first, entries) in &LEXICON.nouns {
        for (rest, noun) in entries {
            if !rest.is_empty() || noun.class != NounClass::Person || !first.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            if *first == noun.lemma && noun.lemma != "people" {
                one.push(first.as_str())
            } else {
                many.push(first.as_str())
            }
        }
    }
    for list in [&mut one, &mut many] {
        // Longest first, so that "daughters" is not read as "daughter".
        list.sort_unstable_by_key(|w| (std::cmp::Reverse(w.len()), *w));
    }
    (one, many)
}

/// The items a list of people is made of, each with how many it counts:
/// one person ("a man", "his wife", "the 7-month-old girl", "an
/// 11-year-old", "he"; after the first item, with the first's determiner:
/// "her mom and cousin", "a 59-year-old man, 49-year-old woman"), a number
/// of them ("their two daughters", "2 children") or a pair ("parents",
/// "twins").
struct Items {
    one: Regex,
    many: Regex,
    pair: Regex,
}

/// The item patterns: (counting patterns, first item, later item, one
/// person with a determiner, no pronoun: "he was shot" is someone named
/// before).
static ITEMS: LazyLock<(Items, String, String, String)> = LazyLock::new(|| {
    let (one, many) = person_forms();
    let number = r"(?:[2-9]|1[0-9]|two|three|four|five|six|seven|eight|nine|ten|both)";
    let det = r"(?:a|an|his|her|their|the|one|its|another)";
    let age = r"(?:[0-9]+|[a-z]+)-(?:year|month)-old";
    let nouns = one.join("|");
    let named = format!(r"(?:{det} (?:(?:[a-z0-9'-]+ ){{0,3}}(?:{nouns})|(?:[a-z]+ )?{age}))");
    let single = format!(r"(?:{named}|he|she)");
    let bare = format!(r"(?:(?:[a-z0-9'-]+ ){{0,2}}(?:{nouns}))");
    let many = format!(r"(?:(?:his|her|their|the) )?{number} (?:[a-z0-9'-]+ ){{0,2}}(?:{})", many.join("|"));
    let pair = r"(?:(?:his|her|their|the) )?(?:parents|twins)".to_string();
    let first = format!("(?:{many}|{pair}|{single})");
    let later = format!("(?:{many}|{pair}|{single}|{bare})");
    let anchored = |p: &str| Regex::new(&format!("^(?:{p})$")).expect("list item pattern");
    let items = Items { one: anchored(&format!("{single}|{bare}")), many: anchored(&many), pair: anchored(&pair) };
    (items, first, later, named)
});

/// People named one by one, and what happened to all of them: "a man and
/// his 7-month-old daughter were found dead", "a Virginia man, his wife and
/// their two daughters died", "Parents, 2 children dead"; or what happened
/// first: "injured three adults and an 11-year-old". Group `list` is the
/// people, `what` (or `verb`) what happened.
static LIST: LazyLock<Regex> = LazyLock::new(|| {
    let (_, first, later, _) = &*ITEMS;
    let list = format!(r"(?P<list>{first}(?:, {later})*,? and {later})");
    Regex::new(&format!(
        r"(?-u:\b)(?:{list},? (?:(?:were|are|have been|had been|both|all|were found|found|are both|were both|were all) )?(?:[a-z]+ )?(?P<what>dead|died|killed|shot and killed|fatally|shot|wounded|injured|hurt)|(?P<verb>injured|injuring|wounded|wounding|killed|killing) {})(?-u:\b)",
        list.replace("?P<list>", "?P<listed>")
    ))
    .expect("list pattern")
});

/// A killer who killed himself after the people a list names.
static SELF_KILLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:(?:kill(?:ed|ing|s)?|shot|shooting|shoots) (?:himself|herself)|turn(?:ed|ing|s)? the gun on (?:himself|herself)|t(?:ook|aking) (?:his|her) own life)(?-u:\b)",
    )
    .expect("self-killed pattern")
});

/// One person shot in a clause of their own: "a 20-year-old woman was shot
/// in the back and a 5-year-old boy was shot in the arm" names two.
static ONE_SHOT: LazyLock<Regex> = LazyLock::new(|| {
    let single = &ITEMS.3;
    Regex::new(&format!(r"(?-u:\b){single} (?:was|is) (?:[a-z]+ )?(?:shot|wounded|injured|hurt)(?-u:\b)"))
        .expect("one-shot pattern")
});

/// How many people a list of them ([`LIST`]) counts.
fn list_count(list: &str) -> Option<u64> {
    let items = &ITEMS.0;
    list.split(", and ").flat_map(|p| p.split(", ")).flat_map(|p| p.split(" and ")).try_fold(0u64, |sum, item| {
        let item = item.trim();
        let n = if items.many.is_match(item) {
            let word =
                item.split(' ').find(|w| w.bytes().all(|b| b.is_ascii_digit()) || LEXICON.numbers.contains_key(*w))?;
            match LEXICON.numbers.get(word) {
                Some(NumWord::Unit(v)) => *v,
                _ => word.parse().ok()?,
            }
        } else if items.pair.is_match(item) {
            2
        } else if items.one.is_match(item) {
            1
        } else {
            return None;
        };
        Some(sum + n)
    })
}

/// Statements that someone was hurt and lives, whoever died: "another
/// critically injured", "critically wounding his father", "left a girl
/// dead and her 8-year-old friend injured".
static LIVES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:non-life[- ]threatening|(?:stable|fair|good|serious) condition|expected to (?:survive|recover|be ok)|(?:was|were|been) (?:(?:also|critically|seriously|severely|badly|slightly|gravely) )?(?:wounded|injured|hurt|grazed|treated)|grazed|treated and released|(?:minor|non-fatal) injur(?:y|ies)|wounding of|left (?:[a-z0-9-]+ ){1,4}(?:wounded|injured|hurt)|dead and (?:his|her|their|a|an|another|one) (?:[a-z0-9-]+ ){0,3}(?:wounded|injured|hurt)|another (?:[a-z]+ ){0,2}(?:wounded|injured|hurt)|(?:injuring|wounding|injures|wounds) (?:another|a|an|his|her|their|the))(?-u:\b)",
    )
    .expect("lives pattern")
});

/// Statements that someone hurt died of it: "was taken to the hospital in
/// serious condition but later died".
static LATER_DEATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:(?:later|subsequently|eventually) (?:died|succumbed)|died (?:a short time |shortly |hours |days |a day |minutes |moments )?(?:later|afterward|afterwards)|succumbed to (?:his|her|their) (?:injuries|wounds))(?-u:\b)",
    )
    .expect("later death pattern")
});

/// Statements that someone was hurt, who may have died of it.
static SURVIVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:non-life[- ]threatening|(?:stable|fair|good|serious|critical) condition|expected to (?:survive|recover|be ok)|(?:was|were|been) (?:wounded|injured|hurt|grazed|hospitalized|treated)|treated and released|suffered (?:a |minor |serious )?(?:gunshot|injur|wound)|injuries|(?:shot|wounded|injured|injuring|wounding|grazed|grazing|striking|hitting|struck|hit) (?:himself|herself|him|her|a|an|the|his|its|their) |(?:injured|wounded|shot|hurt) (?:in|by|after|during|at) |shot in the (?:leg|arm|hand|foot|back|chest|stomach|head|shoulder|buttocks|thigh|hip|neck|face|abdomen|torso|side|knee|ankle|groin))(?-u:\b)",
    )
    .expect("survived pattern")
});

/// Statements that someone was shot, fate unsaid.
static SHOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:was|were|been|got) (?:shot|hit|struck)|gunshot wounds?|taken to (?:a|the) (?:local |area )?hospital)(?-u:\b)")
        .expect("shot pattern")
});

/// Whether a quantity counts people (or deaths, injuries, casualties).
fn counts_people(q: &Quantity) -> bool {
    match q.unit.as_deref() {
        None => true,
        Some(u) => LEXICON.lemma_class(u).is_none_or(|c| c != NounClass::Thing && c != NounClass::Measure),
    }
}

/// The killed and injured that `text` states, from its `quantities` (as
/// [`annotate`](super::annotate) found them) and its sentences.
pub fn casualties(text: &str, sentences: &[Sentence], quantities: &[Quantity]) -> Casualties {
    let mut out = Casualties::default();
    let lower_text = text.to_ascii_lowercase();
    let lowered: Vec<&str> = sentences.iter().map(|s| lower_text.get(s.span.start..s.span.end).unwrap_or("")).collect();
    let tally: Vec<bool> = lowered.iter().map(|t| AGGREGATE.is_match(t)).collect();
    let in_tally = |q: &Quantity| tally.get(q.sentence).copied().unwrap_or(false);
    // Zeros of a subset ("none of the victims", "no other injuries") say nothing of the whole.
    let subset_zero = |q: &Quantity| {
        best(q) == Some(0) && {
            let t = q.text.to_ascii_lowercase();
            t.starts_with("none") || t.contains(" other") || t.contains(" else")
        }
    };
    let wholes =
        || quantities.iter().enumerate().filter(|(_, q)| q.part_of.is_none() && counts_people(q) && !subset_zero(q));
    // The first non-zero count of each outcome, plus the others of its
    // sentence ("one person dead, two officers wounded and three others
    // injured"); a zero only when nothing else is said.
    let pick = |outcome: Outcome, tally: bool| -> Option<Count> {
        let of = move || {
            wholes().filter(move |(_, q)| q.outcome == Some(outcome) && best(q) != Some(0) && in_tally(q) == tally)
        };
        // One count per sentence: its first, plus the others it adds up with.
        let mut per_sentence: Vec<Count> = Vec::new();
        let mut seen = None;
        for (i, first) in of() {
            if seen == Some(first.sentence) {
                continue;
            }
            seen = Some(first.sentence);
            let mut c = Count::of(first, CountSource::Quantity(i));
            for (_, q) in of().filter(|(j, q)| *j > i && q.sentence == first.sentence) {
                c.value = c.value.zip(q.value).map(|(a, b)| a.saturating_add(b));
                c.low = c.low.zip(q.low).map(|(a, b)| a.saturating_add(b));
                c.high = c.high.zip(q.high).map(|(a, b)| a.saturating_add(b));
            }
            per_sentence.push(c);
        }
        // The number the article states most often; the first of equals.
        let votes = |n: Option<u64>| per_sentence.iter().filter(|c| c.best() == n).count();
        let mut top: Option<(usize, Count)> = None;
        for c in &per_sentence {
            let v = votes(c.best());
            if top.is_none_or(|(tv, _)| v > tv) {
                top = Some((v, *c));
            }
        }
        top.map(|(_, c)| c)
    };
    out.killed = pick(Outcome::Killed, false);
    out.injured = pick(Outcome::Injured, false);
    // Zeros ("no deaths", "no one was hurt"), used when nothing else is said.
    let zero = |outcome: Outcome| {
        wholes()
            .find(|(_, q)| q.outcome == Some(outcome) && best(q) == Some(0))
            .map(|(i, q)| Count::of(q, CountSource::Quantity(i)))
    };
    let (zero_killed, zero_injured) = (zero(Outcome::Killed), zero(Outcome::Injured));
    // People shot: "four people were shot, one fatally".
    let shot = wholes().find(|(_, q)| {
        q.outcome.is_none()
            && !in_tally(q)
            && q.unit.as_deref().is_none_or(|u| LEXICON.lemma_class(u) == Some(NounClass::Person))
            && shot_after(text, &lower_text, sentences, q)
    });
    if let Some((i, q)) = shot {
        let fatal: u64 = quantities
            .iter()
            .filter(|p| p.part_of == Some(i) && p.outcome == Some(Outcome::Killed))
            .filter_map(|p| p.value)
            .sum();
        let killed = match (out.killed, fatal) {
            (Some(k), _) => k.best().unwrap_or(0),
            (None, f) => {
                if f > 0 || !lowered.iter().any(|t| says_death(t)) {
                    out.killed = Some(Count::exact(f, CountSource::Shot(i)));
                }
                f
            }
        };
        // "four others were shot": others than the dead.
        let others =
            q.text.split_whitespace().any(|w| w.eq_ignore_ascii_case("others") || w.eq_ignore_ascii_case("other"));
        if out.injured.is_none()
            && let Some(n) = q.value.or(q.low)
        {
            let injured = if others { n } else { n.saturating_sub(killed) };
            out.injured = Some(Count::exact(injured, CountSource::Shot(i)));
        }
    }
    // One person.
    let lower = |s: &Sentence| lower_text.get(s.span.start..s.span.end).unwrap_or("");
    let death = sentences.iter().position(|s| says_death(lower(s)));
    // People named one by one: their number, unless a count inside the
    // list already says more ("2 children" of "Parents, 2 children dead").
    let list = sentences.iter().enumerate().find_map(|(si, s)| {
        let l = lower(s);
        // Both kinds join their people with "and" (a cheap test first).
        if !l.contains(" and ") {
            return None;
        }
        let at = |r: std::ops::Range<usize>| Span::new(s.span.start + r.start, s.span.start + r.end);
        if let Some(c) = LIST.captures(l) {
            let (list, what) = match (c.name("list"), c.name("what"), c.name("listed"), c.name("verb")) {
                (Some(list), Some(what), _, _) => (list, what),
                (_, _, Some(list), Some(verb)) => (list, verb),
                _ => return None,
            };
            let what = match what.as_str() {
                "injuring" | "wounding" => "injured",
                "killing" => "killed",
                w => w,
            };
            let mut n = list_count(list.as_str())?;
            // "killed his wife, son and daughter before killing himself": the
            // killer is dead too.
            let end = c.get(0)?.end();
            if c.name("verb").is_some() && what == "killed" && SELF_KILLED.is_match(&l[end..]) {
                n += 1;
            }
            return Some((si, at(c.get(0)?.range()), n, what));
        }
        let mut solo = ONE_SHOT.find_iter(l);
        let first = solo.next()?;
        let (n, last) = solo.fold((1, first), |(n, _), m| (n + 1, m));
        (n >= 2).then(|| (si, at(first.start()..last.end()), n, "shot"))
    });
    if let Some((si, span, n, what)) = list {
        let slot = match what {
            "dead" | "died" | "killed" | "shot and killed" | "fatally" => Some(&mut out.killed),
            "wounded" | "injured" | "hurt" => Some(&mut out.injured),
            _ if death.is_none() => Some(&mut out.injured),
            _ => None,
        };
        let inside = |c: &Count| match c.source {
            CountSource::Quantity(q) | CountSource::Shot(q) => {
                quantities.get(q).is_some_and(|q| q.span.start >= span.start && q.span.end <= span.end)
            }
            _ => false,
        };
        if let Some(slot) = slot
            && slot.is_none_or(|c| inside(&c) && c.best().is_some_and(|b| b < n))
        {
            *slot = Some(Count::exact(n, CountSource::List(si)));
        }
    }
    if out.killed.is_none()
        && let Some(si) = death
    {
        out.killed = Some(Count::exact(1, CountSource::Sentence(si)));
    }
    if out.injured.is_none() {
        let survived = sentences.iter().position(|s| {
            let l = lower(s);
            says(&LIVES, l) && !LATER_DEATH.is_match(l) || death.is_none() && says(&SURVIVED, l) && !says_death(l)
        });
        let shot = if death.is_none() { sentences.iter().position(|s| says(&SHOT, lower(s))) } else { None };
        if let Some(si) = survived.or(shot) {
            out.injured = Some(Count::exact(1, CountSource::Sentence(si)));
        }
    }
    // Tallies of many incidents, then zeros, when nothing else is said.
    out.killed = out.killed.or_else(|| pick(Outcome::Killed, true));
    out.injured = out.injured.or_else(|| pick(Outcome::Injured, true));
    out.killed = out.killed.or(zero_killed);
    out.injured = out.injured.or(zero_injured);
    // "no casualties".
    if let Some((_, q)) = wholes().find(|(_, q)| q.unit.as_deref() == Some("casualty") && q.value == Some(0)) {
        let zero = Count::exact(0, CountSource::Sentence(q.sentence));
        out.killed.get_or_insert(zero);
        out.injured.get_or_insert(zero);
    }
    out
}

impl Casualties {
    /// These casualties, with the counts of the `headline` where it states
    /// one: a headline's count ("2 dead, 3 hurt in shooting") sums up the
    /// story, and is preferred to the body's; a headline's statement about
    /// one person fills only what the body leaves unsaid.
    pub fn with_headline(self, headline: &str) -> Casualties {
        let sentences = crate::sentences::split(headline);
        let head = casualties(headline, &sentences, &super::annotate(headline, &sentences));
        let merge = |body: Option<Count>, head: Option<Count>| match (body, head) {
            (body, None) => body,
            (None, Some(h)) => Some(Count { source: CountSource::Headline, ..h }),
            // Agreeing, the body's sentence is the better source to quote.
            (Some(b), Some(h)) if b.best() == h.best() => Some(b),
            (Some(b), Some(h)) => match h.source {
                CountSource::Quantity(_) | CountSource::Shot(_) | CountSource::List(_) => {
                    Some(Count { source: CountSource::Headline, ..h })
                }
                _ => Some(b),
            },
        };
        // "Six shot" says how many were hit, not that none died: its killed
        // fills only what the body leaves unsaid, and its injured are the
        // shot less the killed the body states.
        if let Some(shot) = head.injured.filter(|c| matches!(c.source, CountSource::Shot(_))) {
            let fatal = head.killed.and_then(|c| c.best()).unwrap_or(0);
            let killed = merge(self.killed, head.killed.filter(|_| fatal > 0))
                .or(head.killed.map(|c| Count { source: CountSource::Headline, ..c }));
            let total = shot.best().unwrap_or(0).saturating_add(fatal);
            let dead = killed.and_then(|c| c.best()).unwrap_or(0);
            let injured = Count::exact(total.saturating_sub(dead), shot.source);
            return Casualties { killed, injured: merge(self.injured, Some(injured)) };
        }
        // "Teen shot in Queens" over a body that says one died and counts
        // no injured: the one the headline says was hit is the one who died.
        let one_hit = head.killed.is_none()
            && head.injured.is_some_and(|c| matches!(c.source, CountSource::Sentence(_)))
            && self.killed.is_some_and(|c| c.best().is_some_and(|n| n > 0));
        let injured = if one_hit { self.injured } else { merge(self.injured, head.injured) };
        Casualties { killed: merge(self.killed, head.killed), injured }
    }
}

/// Whether the clause after `q` says they were shot (fate unsaid).
fn shot_after(text: &str, lower: &str, sentences: &[Sentence], q: &Quantity) -> bool {
    let end = sentences.get(q.sentence).map_or(text.len(), |s| s.span.end);
    let Span { end: from, .. } = q.span;
    let mut toks = Vec::new();
    tokenize(text, from, end.max(from), &mut toks);
    let ctx = Ctx { text, lower, toks: &toks };
    let before = text.get(..q.span.start).unwrap_or("").trim_end();
    let shot_before = before.ends_with("shot") || before.ends_with("shooting");
    // A headline's "4 shot": the phrase took the word in.
    let shot_within = lower.get(q.span.start..q.span.end).is_some_and(|p| p.ends_with(" shot"));
    shot_before || shot_within || happened_after(&ctx, 0) == Some(Happened::Shot)
}
