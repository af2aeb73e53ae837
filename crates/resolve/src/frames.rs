//! Within one document: event mentions grouped into frames, one per event
//! the document reports, and every other sentence given to the frame it
//! speaks about.
//!
//! Sentences are assigned by what they say, not only by where they stand:
//! a mention joins a frame of its type whose date and place it fits; a
//! definite event noun ("the attack", "Wednesday's attack", "this strike")
//! points back to the latest event frame its date fits; a sentence about
//! responsibility ("no one claimed it", "only Kataib Hezbollah had been
//! known to wage such an attack") speaks about the document's main attack;
//! any other sentence continues the frame of its paragraph. A trigger
//! after "several", "similar", … ("several rocket attacks") reports a kind
//! of event: its frame takes the sentences that continue it, and is never
//! an event of its own.

use sitrep_model::{Claim, DateValue, Document, EventType, Place, PlacePrecision, Sentence, Span};

use crate::cues::{CUES, Cue};

/// A week in days: how far back a report's day reaches, and how far apart
/// two days of one sentence may be for the earlier to be the event's.
const WEEK: i32 = 7;

/// How a frame's date was learnt, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// Only the document's own date: the event is on or before it.
    Document,
    /// The document's own date, taken as the day of the one violent event
    /// its headline announces: news of the day.
    Reported,
    /// From an earlier sentence of the same paragraph.
    Inherited,
    /// Written in the mention's sentence.
    Own,
}

/// One event as one document reports it.
#[derive(Clone, Debug)]
pub(crate) struct Frame<'d> {
    pub doc: &'d Document,
    pub event_type: EventType,
    /// Indices of the document's event mentions, in text order.
    pub mentions: Vec<usize>,
    /// Indices of the sentences about it, in text order.
    pub sentences: Vec<usize>,
    pub date: Option<DateValue>,
    pub strength: Strength,
    /// The sentence the date was read from.
    pub date_sentence: usize,
    pub place: Option<&'d Place>,
    /// The sentence the place was read from.
    pub place_sentence: usize,
    /// A kind of event ("several rocket attacks"), not one event.
    pub generic: bool,
    /// Its sentences say it answers an earlier event.
    pub retaliation: bool,
    /// The frame of the same document it answers, where the text says.
    pub answers: Option<usize>,
    /// The frame of the same document it comes after ("Following the
    /// attack on Camp Taji, aircraft struck ...").
    pub follows: Option<usize>,
    /// The only violent event its document reports: what the document
    /// says of casualties and of where it happened is about this one.
    pub single: bool,
    /// Its place is the headline's.
    pub place_in_title: bool,
    /// Its date is the headline's ("Thursday night shooting").
    pub date_in_title: bool,
    /// Read from the headline alone (an index into the title's mentions).
    pub title_mention: Option<usize>,
    /// Its killed and injured claims ([`crate::facts::frame_counts`]), set
    /// once the document's frames are made.
    pub counts: [Vec<Claim<u64>>; 2],
}

impl Frame<'_> {
    fn violent(&self) -> bool {
        self.event_type.is_violent()
    }

    /// The day numbers its date allows. A document's date allows the week
    /// up to it (a report that dates nothing is news of the last days:
    /// a wider window lets it join an older event of the same town), or
    /// 90 days at a named site (a base, an airport), which reports recall
    /// for longer and which sees fewer events.
    pub fn days(&self) -> Option<(i32, i32)> {
        const AT_A_SITE: i32 = 90;
        let (a, b) = self.date?.days();
        if self.strength != Strength::Document {
            return Some((a, b));
        }
        let site = self.place.is_some_and(|p| p.precision == PlacePrecision::Site);
        Some((b - if site { AT_A_SITE } else { WEEK }, b))
    }
}

/// Whether two places can be where one event happened: the same place,
/// two places within `km`, or one a country or province that holds the
/// other; a missing place fits any.
pub(crate) fn places_fit(a: Option<&Place>, b: Option<&Place>, km: f64) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return true };
    if a.name == b.name || (a.geonames_id.is_some() && a.geonames_id == b.geonames_id) {
        return true;
    }
    // A county holds the towns of its state near its centre (the
    // gazetteer does not link towns to counties).
    let holds = |big: &Place, small: &Place| {
        big.country == small.country
            && match big.precision {
                PlacePrecision::Country => true,
                PlacePrecision::Province => big.admin1.is_some() && big.admin1 == small.admin1,
                PlacePrecision::District => {
                    big.admin1.is_some() && big.admin1 == small.admin1 && distance_km(big, small) <= 40.0
                }
                _ => false,
            }
    };
    let local = |p: &Place| !matches!(p.precision, PlacePrecision::Country | PlacePrecision::Province);
    // Across a border too: Al Qaim (Iraq) and Abu Kamal (Syria).
    holds(a, b) || holds(b, a) || (local(a) && local(b) && distance_km(a, b) <= km)
}

/// Great-circle distance between two places.
pub(crate) fn distance_km(a: &Place, b: &Place) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    12_742.0 * h.sqrt().asin()
}

fn days_fit(a: Option<(i32, i32)>, b: Option<(i32, i32)>, slack: i32) -> bool {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 + slack && b0 <= a1 + slack,
        _ => true,
    }
}

/// The frames of one document, generic ones included (callers drop them).
pub(crate) fn frames(doc: &Document) -> Vec<Frame<'_>> {
    let Some(ann) = &doc.annotations else { return Vec::new() };
    let text = doc.text.as_str();
    let sentence_text = |i: usize| ann.sentences.get(i).and_then(|s| s.span.slice(text)).unwrap_or_default();
    let dct = doc.published;
    let mut frames: Vec<Frame<'_>> = Vec::new();
    // The frame each sentence was given to.
    let mut owner: Vec<Option<usize>> = vec![None; ann.sentences.len()];
    let mut next_mention = 0;
    for (si, sentence) in ann.sentences.iter().enumerate() {
        let here = &ann.mentions[next_mention..];
        let count = here.iter().take_while(|m| m.sentence == si).count();
        next_mention += count;
        let s = sentence_text(si);
        let written = own_date(doc, sentence);
        let anaphor_at = anaphor(s);
        let referent = anaphor_at.and_then(|(_, end)| {
            // "the attack on Camp Taji": the latest attack there.
            let named = ann.places.iter().find(|p| {
                p.sentence == si
                    && p.span.start >= sentence.span.start + end
                    && text
                        .get(sentence.span.start + end..p.span.start)
                        .is_some_and(|gap| gap.split_whitespace().count() <= 3)
            });
            let there = named.and_then(|p| {
                frames.iter().rposition(|f| f.violent() && !f.generic && f.place.is_some_and(|q| q.name == p.name))
            });
            there.or_else(|| latest_violent(&frames, written.map(|d| d.days()))).or_else(|| after_it(&frames, written))
        });
        if count == 0 {
            let claims = CUES.has(s, Cue::Unclaimed) || CUES.has(s, Cue::Claimed) || CUES.has(s, Cue::Suspected);
            let continues =
                si.checked_sub(1).filter(|&p| ann.sentences[p].paragraph == sentence.paragraph).and_then(|p| owner[p]);
            let to = referent.or(continues).or_else(|| claims.then(|| main_violent(&frames)).flatten());
            if let Some(f) = to {
                let frame = &mut frames[f];
                frame.sentences.push(si);
                // A frame with no place of its own takes the first town or
                // site of the sentences that continue it.
                if frame.place.is_none()
                    && let Some(p) = ann.places.iter().find(|p| p.sentence == si && p.precision.is_local())
                {
                    frame.place = Some(p);
                    frame.place_sentence = si;
                }
                owner[si] = Some(f);
            }
            continue;
        }
        let mi = next_mention - count;
        let m = &ann.mentions[mi];
        let generic = is_generic(text, sentence.span.start, m.span.start);
        let retaliation = CUES.has(s, Cue::Retaliation);
        // "X was killed in the attack": the attack named before. "After the
        // attack on Camp Taji, aircraft struck": a new event, which comes
        // after that one (and whose place is not Camp Taji).
        let trigger_at = m.span.start - sentence.span.start;
        let (joins, follows) = match (referent, anaphor_at) {
            // "the shelling" is itself such a reference.
            (Some(r), Some((at, _))) if at >= trigger_at => (Some(r), None),
            (Some(r), Some((at, _))) if comes_after(&s[..at]) => (None, Some(r)),
            _ => (None, None),
        };
        let mut place = m.place.as_deref().and_then(|name| place_named(&ann.places, name, si));
        if let (Some(r), Some(p)) = (follows, place)
            && frames[r].place.is_some_and(|q| q.name == p.name)
        {
            place = None;
        }
        let place_sentence = place.map_or(si, |p| p.sentence);
        let inherited = || {
            let p = previous_dated(doc, si)?;
            Some((own_date(doc, &ann.sentences[p])?, p))
        };
        let (date, strength, date_sentence) = match (written, inherited()) {
            (Some(d), _) => (Some(d), Strength::Own, si),
            (None, Some((d, p))) => (Some(d), Strength::Inherited, p),
            (None, None) => (dct.map(DateValue::from), Strength::Document, si),
        };
        let candidate = Frame {
            doc,
            event_type: m.event_type,
            mentions: vec![mi],
            sentences: vec![si],
            date,
            strength,
            date_sentence,
            place,
            place_sentence,
            generic,
            retaliation,
            answers: None,
            follows,
            single: false,
            place_in_title: false,
            date_in_title: false,
            title_mention: None,
            counts: Default::default(),
        };
        // "Qassem Soleimani was assassinated in this strike": the strike
        // named before. A sentence that says the event answers another
        // ("prompted a retaliatory missile strike") names a new one.
        let answers = retaliation.then(|| referent.or_else(|| latest_violent(&frames, None))).flatten();
        let target = if generic {
            None
        } else if let Some(r) = joins.filter(|_| !retaliation && m.event_type.is_violent()) {
            Some(r)
        } else {
            best_fit(&frames, &candidate, [answers, follows])
        };
        let f = match target {
            Some(f) => {
                merge(&mut frames[f], candidate);
                f
            }
            None => {
                let mut candidate = candidate;
                candidate.answers = answers;
                frames.push(candidate);
                frames.len() - 1
            }
        };
        owner[si] = Some(f);
        // The other mentions of the sentence say the same event.
        for k in mi + 1..next_mention {
            frames[f].mentions.push(k);
        }
    }
    // A body that reports no violent event (often a scrape that lost it):
    // the headline's.
    if !frames.iter().any(|f| f.violent() && !f.generic)
        && let Some((k, m)) = ann.title_mentions.iter().enumerate().find(|(_, m)| m.event_type.is_violent())
    {
        frames.push(Frame {
            doc,
            event_type: m.event_type,
            mentions: Vec::new(),
            sentences: Vec::new(),
            date: dct.map(DateValue::from),
            strength: Strength::Document,
            date_sentence: 0,
            place: None,
            place_sentence: 0,
            generic: false,
            retaliation: false,
            answers: None,
            follows: None,
            single: false,
            place_in_title: false,
            date_in_title: false,
            title_mention: Some(k),
            counts: Default::default(),
        });
    }
    // A document that reports one violent event: where it happened is the
    // document's event place, which weighs its whole text, dateline and
    // headline (`sitrep eval places`), rather than one sentence's.
    let mut violent = frames.iter_mut().filter(|f| f.violent() && !f.generic);
    if let (Some(only), None) = (violent.next(), violent.next()) {
        only.single = true;
        // Its day: the first day the text names in the week up to the
        // report ("Saturday night", two sentences after the shooting), else
        // the day of the headline's violent event ("Thursday night shooting").
        let report = dct.map(|r| DateValue::from(r).days().0);
        let in_week = |d: &DateValue| report.is_some_and(|r| is_day(d) && (r - WEEK..=r).contains(&d.days().0));
        if only.strength == Strength::Document {
            if let Some((si, d)) =
                ann.sentences.iter().enumerate().find_map(|(si, s)| own_date(doc, s).filter(in_week).map(|d| (si, d)))
            {
                only.date = Some(d);
                only.strength = Strength::Inherited;
                only.date_sentence = si;
            } else if let Some(d) =
                ann.title_mentions.iter().find_map(|m| m.date.filter(|d| m.event_type.is_violent() && in_week(d)))
            {
                only.date = Some(d);
                only.strength = Strength::Inherited;
                only.date_in_title = true;
            } else if ann.title_mentions.iter().any(|m| m.event_type.is_violent()) {
                only.strength = Strength::Reported;
            }
        }
        if let Some(p) = ann.event_place.as_ref() {
            only.place_in_title = text.get(p.span.start..p.span.end) != Some(p.text.as_str());
            only.place = Some(p);
            only.place_sentence = p.sentence;
        }
    }
    // The whole article's tally, read only when some frame may take it.
    let tally = if frames.iter().any(|f| !f.generic) { crate::facts::document_counts(doc) } else { Default::default() };
    for f in &mut frames {
        f.counts = crate::facts::frame_counts(f, &tally);
    }
    frames
}

/// The date a sentence writes of its event: the first date written, but
/// for a date a comparison starts from ("since the 1979 seizing of the
/// embassy") and a date of the telling ("police said Tuesday",
/// "Authorities Saturday said", "told reporters Tuesday morning"), which
/// may be days after the event. Of two days a week apart at most,
/// the earlier: what comes after an event is written of in the same
/// sentence ("was arraigned Thursday after his son shot himself
/// Wednesday night", "continued Saturday to investigate a shooting late
/// Friday", "(July 3, 2015) – One man has died … late Thursday night").
fn own_date(doc: &Document, sentence: &Sentence) -> Option<DateValue> {
    let ann = doc.annotations.as_ref()?;
    let first = ann.times.partition_point(|t| t.span.start < sentence.span.start);
    let mut event: Option<DateValue> = None;
    for t in ann.times[first..].iter().take_while(|t| t.span.start < sentence.span.end) {
        let before = doc.text.get(sentence.span.start..t.span.start).unwrap_or_default();
        let mut words = before.split_whitespace().rev().map(str::to_ascii_lowercase);
        let since = words.next().is_some_and(|w| w == "since")
            || (before.split_whitespace().next_back().is_some_and(|w| w.eq_ignore_ascii_case("the"))
                && words.next().is_some_and(|w| w == "since"));
        let Some(date) = t.date.filter(|_| !since) else { continue };
        let after = doc.text.get(t.span.end..sentence.span.end).unwrap_or_default();
        if is_telling(before, after)
            || is_stamp(before)
            || is_aftermath(before, after)
            || is_photo_date(after)
            || is_model_year(before, &date)
        {
            continue;
        }
        match event {
            None => event = Some(date),
            Some(e) if is_day(&e) && is_day(&date) && (1..=WEEK).contains(&(e.days().0 - date.days().0)) => {
                event = Some(date);
            }
            Some(_) => {}
        }
    }
    event
}

/// Whether the date before `after` is a picture's ("This March 11, 2013
/// photo shows", "In this Jan. 5, 2016, file photo"), not the event's.
fn is_photo_date(after: &str) -> bool {
    let next = after.split_whitespace().map(word_key).find(|w| !w.is_empty());
    next.is_some_and(|w| matches!(w.as_str(), "photo" | "file" | "image" | "picture" | "photograph" | "video"))
}

/// A word as the date rules compare it: lowercase, without the
/// punctuation around it.
fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase()
}

/// Whether the date after `before` is the page's own stamp ("Posted:
/// Friday, January 31, 2014", "Updated on", "Last modified"), not the
/// event's: a scraped page's header run into its headline.
fn is_stamp(before: &str) -> bool {
    let mut back = before.split_whitespace().rev().map(word_key).filter(|w| !w.is_empty());
    let prev = back.next().unwrap_or_default();
    let prev = if matches!(prev.as_str(), "on" | "at") { back.next().unwrap_or_default() } else { prev };
    matches!(prev.as_str(), "posted" | "updated" | "published" | "modified" | "created")
}

/// Whether a year written after "a" or "an" is a thing's ("a 1995 Lincoln
/// Continental", "a 2010 law"), not the event's date.
fn is_model_year(before: &str, date: &DateValue) -> bool {
    date.precision() == sitrep_model::Precision::Year
        && before
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
}

fn is_day(d: &DateValue) -> bool {
    d.precision() == sitrep_model::Precision::Day
}

/// Whether a time expression between `before` and `after` dates the
/// telling: a verb of saying just before it ("said Tuesday", "told
/// reporters Tuesday"), a statement ("in a statement Monday", "at a news
/// conference Tuesday"), or a verb of saying just after it ("Saturday
/// said", "on Monday identified").
fn is_telling(before: &str, after: &str) -> bool {
    let mut back = before.split_whitespace().rev().map(word_key).filter(|w| !w.is_empty());
    let prev = back.next().unwrap_or_default();
    let prev2 = back.next().unwrap_or_default();
    let statement = matches!(prev.as_str(), "statement" | "release" | "conference" | "briefing" | "interview");
    let told_before = is_saying(&prev)
        || statement
        || (prev == "on" && is_saying(&prev2))
        || (prev == "reporters" && is_saying(&prev2));
    let next = after.split_whitespace().map(word_key).find(|w| !w.is_empty()).unwrap_or_default();
    told_before || is_saying(&next)
}

/// Whether a time expression between `before` and `after` dates what
/// followed the event: a verb of the law's course, of dying or of mourning
/// a few words before it, with no word of violence between ("was arrested
/// Wednesday in the shooting", "Police arrested 26-year-old Augustus
/// Beachem Friday", "pleaded guilty Tuesday to a July shooting", "died at
/// 1:53 a.m. Friday", "was ruled a homicide Monday", "A memorial service
/// was held Saturday"). The event came on or before that day; which day, the
/// sentence does not say. A day that names a noun ("Friday's shooting")
/// is the event's.
fn is_aftermath(before: &str, after: &str) -> bool {
    const WINDOW: usize = 6;
    if after.starts_with("'s") || after.starts_with("\u{2019}s") {
        return false;
    }
    // The words of the clause the day is in, back from it; a person's age
    // between commas ("to remember Devon Lofton, 7, on March 21") does not
    // end the clause.
    let mut segments = before.rsplit([',', ';', '(', '\u{2013}', '\u{2014}']);
    let mut clause: Vec<&str> = segments.next().unwrap_or_default().split_whitespace().rev().collect();
    while segments.next().is_some_and(|s| !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit())) {
        clause.extend(segments.next().unwrap_or_default().split_whitespace().rev());
    }
    for w in clause.into_iter().take(WINDOW).map(word_key) {
        if is_violence(&w) {
            return false;
        }
        if is_aftermath_verb(&w) {
            return true;
        }
    }
    false
}

fn is_aftermath_verb(w: &str) -> bool {
    matches!(
        w,
        "arrested"
            | "charged"
            | "arraigned"
            | "indicted"
            | "sentenced"
            | "convicted"
            | "acquitted"
            | "pleaded"
            | "pled"
            | "booked"
            | "jailed"
            | "detained"
            | "apprehended"
            | "captured"
            | "extradited"
            | "surrendered"
            | "testified"
            | "appointed"
            | "ordered"
            | "appeared"
            | "died"
            | "buried"
            | "ruled"
            | "held"
            | "mourned"
            | "remembered"
            | "honored"
            | "honoured"
            | "gathered"
            | "gather"
            | "gathers"
            | "mourn"
            | "mourns"
            | "remember"
            | "investigation"
            | "investigating"
            | "investigated"
            | "searched"
            | "searching"
            | "pursued"
            | "deliberated"
            | "verdict"
            | "trial"
            | "hearing"
            | "custody"
            | "vigil"
            | "funeral"
    )
}

fn is_violence(w: &str) -> bool {
    matches!(
        w,
        "shot"
            | "shooting"
            | "shootings"
            | "killed"
            | "killing"
            | "fired"
            | "gunfire"
            | "wounded"
            | "murdered"
            | "slain"
    )
}

fn is_saying(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "announced"
            | "confirmed"
            | "reported"
            | "identified"
            | "released"
            | "stated"
            | "added"
            | "explained"
            | "disclosed"
            | "revealed"
            | "say"
    )
}

/// The latest sentence before `si` in its paragraph that writes a date.
fn previous_dated(doc: &Document, si: usize) -> Option<usize> {
    let ann = doc.annotations.as_ref()?;
    let paragraph = ann.sentences.get(si)?.paragraph;
    (0..si)
        .rev()
        .take_while(|&p| ann.sentences[p].paragraph == paragraph)
        .find(|&p| own_date(doc, &ann.sentences[p]).is_some())
}

/// The place of that name, the one in sentence `si` if there is one.
fn place_named<'p>(places: &'p [Place], name: &str, si: usize) -> Option<&'p Place> {
    let mut named = places.iter().filter(|p| p.name == name);
    let first = named.next()?;
    Some(std::iter::once(first).chain(named).find(|p| p.sentence == si).unwrap_or(first))
}

/// Whether the words just before a trigger make it a kind of event.
fn is_generic(text: &str, sentence_start: usize, trigger_start: usize) -> bool {
    let before = text.get(sentence_start..trigger_start).unwrap_or_default();
    let words: Vec<&str> = before.split_whitespace().collect();
    let tail = words[words.len().saturating_sub(3)..].join(" ");
    CUES.find_iter(&tail).any(|h| *h.value == Cue::Generic)
}

/// Where a sentence refers back to an event with a definite noun ("the
/// attack", "this strike", "Wednesday's attack"): the noun's byte range.
fn anaphor(sentence: &str) -> Option<(usize, usize)> {
    CUES.find_iter(sentence)
        .find(|h| {
            *h.value == Cue::Anaphor && {
                let before = sentence[..h.start].trim_end();
                let word = before.rsplit(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').next().unwrap_or("");
                let word = word.to_ascii_lowercase();
                matches!(word.as_str(), "the" | "this" | "that" | "these" | "those")
                    || word.ends_with("'s")
                    || word.ends_with("’s")
            }
        })
        .map(|h| (h.start, h.end))
}

/// Whether the words before a reference say that what follows came after
/// it: "after the", "following the", "since this".
fn comes_after(before: &str) -> bool {
    let words: Vec<String> = before.split_whitespace().rev().take(3).map(|w| w.to_ascii_lowercase()).collect();
    words.iter().any(|w| matches!(w.trim_matches(|c: char| !c.is_alphanumeric()), "after" | "following" | "since"))
}

/// The latest violent frame (not a kind of event) whose days fit.
fn latest_violent(frames: &[Frame<'_>], days: Option<(i32, i32)>) -> Option<usize> {
    frames.iter().rposition(|f| f.violent() && !f.generic && days_fit(f.days(), days, 0))
}

/// The latest violent frame dated by the text, where a reference to an
/// event ("is to be arraigned this morning in the shooting of ...") writes a
/// later day than its: the day of what followed the event, not its own.
fn after_it(frames: &[Frame<'_>], written: Option<DateValue>) -> Option<usize> {
    let later = written?.days().0;
    let f = latest_violent(frames, None)?;
    let (_, end) = frames[f].days().filter(|_| frames[f].strength > Strength::Document)?;
    (later > end).then_some(f)
}

/// The document's main violent event: the frame with the most mentions
/// (the earliest of equals).
fn main_violent(frames: &[Frame<'_>]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, f) in frames.iter().enumerate().filter(|(_, f)| f.violent() && !f.generic) {
        if best.is_none_or(|(_, n)| f.mentions.len() > n) {
            best = Some((i, f.mentions.len()));
        }
    }
    best.map(|(i, _)| i)
}

/// The frame a new mention of the same document continues: same type,
/// one event (not a kind of event), date and place that fit, and not one
/// the mention's sentence sets it apart from (`apart`: the event it
/// answers or comes after); the closest fit (same type, same place, same
/// date, same sub-type), then the latest.
///
/// A violent mention that neither its sentence nor its paragraph dates
/// ("The girl was shot in the buttocks and taken to a hospital in
/// Spartanburg") tells more of a violent event already reported, of any
/// type and wherever it places it: such sentences name the hospital, the
/// victim's home town or a charge, not where another event happened.
fn best_fit(frames: &[Frame<'_>], c: &Frame<'_>, apart: [Option<usize>; 2]) -> Option<usize> {
    let doc = c.doc.annotations.as_ref();
    let sub_type = |f: &Frame<'_>| {
        doc.and_then(|a| f.mentions.first().and_then(|&m| a.mentions.get(m))).map(|m| m.sub_type.as_str())
    };
    let mut best: Option<(i32, usize)> = None;
    for (i, f) in frames.iter().enumerate() {
        // What comes after an event is not something dated before it.
        let before_followed = c
            .follows
            .and_then(|g| frames[g].days())
            .is_some_and(|(start, _)| f.strength > Strength::Document && f.days().is_some_and(|(_, end)| end < start));
        let undated = c.strength == Strength::Document && c.violent() && f.violent();
        if (f.event_type != c.event_type && !undated)
            || f.generic
            || apart.contains(&Some(i))
            || before_followed
            || (!undated && !places_fit(f.place, c.place, 25.0))
        {
            continue;
        }
        let both_written = f.strength > Strength::Document && c.strength > Strength::Document;
        if both_written && !days_fit(f.days(), c.days(), 0) {
            continue;
        }
        let same_place = matches!((f.place, c.place), (Some(a), Some(b)) if a.name == b.name);
        let same_date = both_written && f.date == c.date;
        let score = 8 * i32::from(f.event_type == c.event_type)
            + 2 * i32::from(same_place)
            + 2 * i32::from(same_date)
            + i32::from(sub_type(f) == sub_type(c));
        if best.is_none_or(|(s, _)| score >= s) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// Fold a mention's frame into the frame it continues: the stronger date,
/// the finer place.
fn merge<'d>(f: &mut Frame<'d>, c: Frame<'d>) {
    f.mentions.extend(c.mentions);
    f.sentences.extend(c.sentences);
    f.retaliation |= c.retaliation;
    let finer = |p: Option<&Place>| p.map_or(u8::MAX, |p| p.precision as u8);
    if finer(c.place) < finer(f.place) {
        f.place = c.place;
        f.place_sentence = c.place_sentence;
    }
    let precision = |d: Option<DateValue>| d.map(|d| d.precision());
    if c.strength > f.strength || (c.strength == f.strength && precision(c.date) > precision(f.date)) {
        f.date = c.date;
        f.strength = c.strength;
        f.date_sentence = c.date_sentence;
    }
}

/// The span of sentence `si` (empty when there is none).
fn sentence_span(doc: &Document, si: usize) -> Span {
    doc.annotations.as_ref().and_then(|a| a.sentences.get(si)).map_or(Span::new(0, 0), |s| s.span)
}

/// The text of sentence `si`.
pub(crate) fn sentence_text(doc: &Document, si: usize) -> &str {
    sentence_span(doc, si).slice(&doc.text).unwrap_or_default()
}

/// The text of sentence `si`, owned for a claim, with its span.
pub(crate) fn quote(doc: &Document, si: usize) -> (String, Span) {
    (sentence_text(doc, si).to_string(), sentence_span(doc, si))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_the_telling_are_told_apart() {
        assert!(is_telling("Police ", " said two men were shot."));
        assert!(is_telling("Police said ", " that two men were shot."));
        assert!(is_telling("McCarthy told reporters ", " morning police recovered video."));
        assert!(is_telling("Police on ", " identified the man."));
        assert!(is_telling("State Police in a statement ", " say crews responded at 8:30 p.m. Saturday."));
        assert!(is_telling("The chief told a news conference ", " that the gunman fled."));
        assert!(!is_telling("Two men were shot ", " night, police said."));
        assert!(!is_telling("The shooting happened ", "."));
    }

    #[test]
    fn a_pages_stamp_is_told_apart() {
        assert!(is_stamp("Two men charged after baby girl accidentally shot, killed Posted: "));
        assert!(is_stamp("Man shot Updated on "));
        assert!(is_stamp("Last modified "));
        assert!(!is_stamp("The shooting happened "));
        assert!(!is_stamp("A video of the shooting was posted to Facebook on "), "a verb, not a stamp");
    }

    #[test]
    fn a_things_year_is_told_apart() {
        let year: DateValue = "1995".parse().expect("a year");
        assert!(is_model_year("He had parked his vehicle, a ", &year));
        assert!(!is_model_year("The gunman was convicted in ", &year));
        let day: DateValue = "1995-03-02".parse().expect("a day");
        assert!(!is_model_year("It happened on a ", &day));
    }

    #[test]
    fn a_pictures_date_is_told_apart() {
        assert!(is_photo_date(" photo shows a Chicago police officer."));
        assert!(is_photo_date(", file photo, police tape surrounds the scene."));
        assert!(!is_photo_date(" shooting, police said."));
    }

    #[test]
    fn dates_of_what_followed_are_told_apart() {
        assert!(is_aftermath("A man was arrested ", " in the fatal shooting of a woman."));
        assert!(is_aftermath("Police arrested 26-year-old Augustus Beachem ", " on Elm Street."));
        assert!(is_aftermath("A Carrick man pleaded guilty ", " to a July shooting."));
        assert!(is_aftermath("He was taken to Stroger Hospital, where he died at 1:53 a.m. ", "."));
        assert!(is_aftermath("The infant's death was officially ruled a homicide ", "."));
        assert!(is_aftermath("A memorial service was held ", " for a student shot and killed."));
        assert!(is_aftermath("His death was still under investigation ", "."));
        assert!(
            is_aftermath("Neighbors gather to remember Devon Lofton, 7, on ", ", in front of his house."),
            "an age between commas does not end the clause"
        );
        assert!(is_aftermath("The jury deliberated for fewer than two hours ", " night."));
        assert!(!is_aftermath("Police are investigating a shooting ", " night."), "the shooting's day");
        assert!(!is_aftermath("A man was shot ", " night."));
        assert!(!is_aftermath("He was arrested in the shooting ", ", police said."), "the shooting's day");
        assert!(!is_aftermath("He was arrested in ", "'s shooting."), "a day that names a noun");
        assert!(!is_aftermath("Charged with murder, the man shot ", "."), "another clause");
    }
}
