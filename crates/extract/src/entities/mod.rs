//! Named entities and actors, with one canonical name across spellings.
//!
//! The actor lexicon (`data/actors.tsv` and `data/titles.tsv`, or a user's
//! file in the same format, see [`Entities::parse`]) lists each actor once
//! with its canonical name, country and aliases. Text and aliases are
//! compared through normalised keys (case, diacritics, apostrophes,
//! abbreviation dots and the Arabic article folded away), and multi-word or
//! long names also through a consonant skeleton that absorbs transliteration
//! variants ("Kataeb" / "Kataib", "Suleimani" / "Soleimani"). On top of the
//! lexicon matches, general rules find persons after titles ("Army Gen. Mark
//! Milley"), state bodies after countries and demonyms ("Iraqi security
//! forces"), facilities around keywords ("Camp Taji", "Al Udeid Air Base"),
//! named speakers ("Nadia Ali said") and later surname-only mentions.

use foldhash::HashMap;
use std::sync::{Arc, LazyLock};

use sitrep_model::{Entity, EntityKind, Sentence, Span};

use crate::words::{self as norm, Token, WideSieve, Words, key, tokenize};

/// The actor lexicon that ships with sitrep.
pub const BUILTIN_ACTORS: &str = include_str!("../../data/actors.tsv");
/// The titles, ranks, state bodies and facility keywords that ship with sitrep.
pub const BUILTIN_TITLES: &str = include_str!("../../data/titles.tsv");

/// Why an actor lexicon could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("actor lexicon, line {line}: {message}")]
pub struct ActorError {
    /// 1-based line of the offending entry (0: the lexicon as a whole).
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// What a lexicon entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Actor(EntityKind),
    /// "American" → the country with that code.
    Demonym,
    /// "Gen.", "Secretary of State", "spokesman": a person's name follows.
    Title,
    /// "security forces", "government": with a country, a state body.
    StateBody,
    /// "Camp", "Fort": a facility's name follows.
    FacilityPrefix,
    /// "air base", "International Airport": a facility's name precedes.
    FacilitySuffix,
    /// "Office", "County": capitalised words that are no part of a person's name.
    NameStop,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "person" => Role::Actor(EntityKind::Person),
            "organization" | "organisation" | "org" => Role::Actor(EntityKind::Organization),
            "armed_group" => Role::Actor(EntityKind::ArmedGroup),
            "country" => Role::Actor(EntityKind::Country),
            "facility" => Role::Actor(EntityKind::Facility),
            "location" => Role::Actor(EntityKind::Location),
            "demonym" => Role::Demonym,
            "title" => Role::Title,
            "state_body" => Role::StateBody,
            "facility_prefix" => Role::FacilityPrefix,
            "facility_suffix" => Role::FacilitySuffix,
            "name_stop" => Role::NameStop,
            _ => return None,
        })
    }

    fn is_country(self) -> bool {
        matches!(self, Role::Actor(EntityKind::Country) | Role::Demonym)
    }
}

#[derive(Clone, Debug)]
struct Entry {
    role: Role,
    canonical: String,
    country: Option<String>,
}

/// What the text's casing must be for an alias word to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Any,
    /// Capitalised in the alias: capitalised in the text.
    Upper,
    /// An acronym ("US", "UN", "PMF"): all capitals in the text too.
    Caps,
    /// A short word with inner capitals ("LeT", "MoD"): inner capitals in
    /// the text too, so "Let" is no acronym.
    Mixed,
}

#[derive(Clone, Debug)]
struct Alias {
    entry: usize,
    case: Vec<Case>,
}

/// The patterns of one key text (exact keys, or skeletons) and the aliases
/// of each. A pattern is the words' keys each wrapped in spaces, as the key
/// text writes them (" kataib  hezbollah "); its prefixes of whole words
/// let a reader stop extending a run no pattern has.
#[derive(Clone, Debug)]
struct Matcher {
    aliases: Vec<Vec<Alias>>,
    /// A pattern, or the first words of one of more words → the pattern's
    /// index (if it is one) and whether longer patterns go on from it.
    index: HashMap<String, (Option<usize>, bool)>,
    /// The first words of the patterns, to pass over most words unprobed.
    first: WideSieve,
}

impl Matcher {
    fn build(patterns: HashMap<String, Vec<Alias>>) -> Matcher {
        let mut pats: Vec<(String, Vec<Alias>)> = patterns.into_iter().collect();
        pats.sort_by(|a, b| a.0.cmp(&b.0));
        let mut index: HashMap<String, (Option<usize>, bool)> = HashMap::default();
        for (i, (p, _)) in pats.iter().enumerate() {
            index.entry(p.clone()).or_default().0 = Some(i);
            for (at, _) in p.match_indices("  ") {
                index.entry(p[..at + 1].to_string()).or_default().1 = true;
            }
        }
        let mut first = WideSieve::default();
        for (p, _) in &pats {
            if let Some(w) = p.split(' ').find(|w| !w.is_empty()) {
                first.insert(w);
            }
        }
        Matcher { aliases: pats.into_iter().map(|p| p.1).collect(), index, first }
    }
}

#[derive(Debug)]
struct Inner {
    entries: Vec<Entry>,
    exact: Matcher,
    skeleton: Matcher,
}

/// The actor lexicon and the matchers built from it (cheap to clone).
#[derive(Clone, Debug)]
pub struct Entities {
    inner: Arc<Inner>,
}

impl Default for Entities {
    /// The built-in lexicon.
    fn default() -> Entities {
        Entities::builtin()
    }
}

/// A word of the text with its key, skeleton and place in the key texts.
#[derive(Clone, Copy, Debug)]
struct Word {
    tok: usize,
    /// Byte range of the key in the key text (after its leading space).
    key: (usize, usize),
    skel: (usize, usize),
    /// Punctuation that ends names stands between this word and the last.
    blocked: bool,
    /// Start of an Arabic article dropped before this word ("al-" of "al-Qaeda").
    article: Option<usize>,
}

/// Where a word stands in one of the key texts.
type WordPos = fn(&Word) -> (usize, usize);

/// A word of an alias: its key, skeleton and casing.
struct AliasWord {
    key: String,
    skel: String,
    case: Case,
}

/// Words (keys) of a phrase, with the Arabic article dropped.
fn alias_words(phrase: &str) -> Vec<AliasWord> {
    let mut toks = Vec::new();
    tokenize(phrase, 0, &mut toks);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.word {
            continue;
        }
        let mut k = String::new();
        key(&phrase[t.start..t.end], &mut k);
        if drop_article(&k, &toks, i) || k.is_empty() {
            continue;
        }
        let mut s = String::new();
        norm::skeleton(&k, &mut s);
        if s.is_empty() {
            s.clone_from(&k);
        }
        let case = if t.caps && k.len() <= 5 {
            Case::Caps
        } else if t.upper && t.inner_upper && k.len() <= 6 {
            Case::Mixed
        } else if t.upper {
            Case::Upper
        } else {
            Case::Any
        };
        out.push(AliasWord { key: k, skel: s, case });
    }
    out
}

/// The Arabic article before a name: "al-Qaeda", "Ain Al Assad".
fn drop_article(k: &str, toks: &[Token], i: usize) -> bool {
    if !norm::is_article(k) {
        return false;
    }
    match toks.get(i + 1) {
        Some(n) if !n.word && matches!(n.punct, '-' | '\u{2010}' | '\u{2011}') => {
            toks.get(i + 2).is_some_and(|w| w.word)
        }
        Some(n) if n.word => matches!(k, "al" | "el") && n.upper,
        _ => false,
    }
}

/// Add an alias of `entry` to the aliases of one key; two spellings of one
/// entry with the same key keep the looser casing of each word.
fn add_alias(list: &mut Vec<Alias>, entry: usize, case: &[Case]) {
    let loosest = |a: Case, b: Case| match (a, b) {
        (Case::Any, _) | (_, Case::Any) => Case::Any,
        (Case::Upper, _) | (_, Case::Upper) => Case::Upper,
        (Case::Mixed, _) | (_, Case::Mixed) => Case::Mixed,
        _ => Case::Caps,
    };
    match list.iter_mut().find(|a| a.entry == entry && a.case.len() == case.len()) {
        Some(a) => a.case.iter_mut().zip(case).for_each(|(x, &y)| *x = loosest(*x, y)),
        None => list.push(Alias { entry, case: case.to_vec() }),
    }
}

/// Lexicon source lines, before the matchers are built.
#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    /// (entry, alias, line)
    aliases: Vec<(usize, String, usize)>,
    countries: HashMap<String, usize>,
    /// Demonym entries waiting for their country: (entry, code, line).
    demonyms: Vec<(usize, String, usize)>,
}

impl Builder {
    fn add(&mut self, src: &str) -> Result<(), ActorError> {
        for (i, line) in src.lines().enumerate() {
            let line_no = i + 1;
            let err = |message: String| ActorError { line: line_no, message };
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if trimmed == "@builtin" {
                self.add(BUILTIN_ACTORS)?;
                self.add(BUILTIN_TITLES)?;
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let (kind, canonical) = match cols.as_slice() {
                [k, c, ..] if !c.is_empty() => (*k, *c),
                _ => return Err(err("expected kind<TAB>name[<TAB>country[<TAB>alias|alias...]]".into())),
            };
            let role = Role::parse(kind).ok_or_else(|| err(format!("unknown kind {kind:?}")))?;
            let country = match cols.get(2).copied().unwrap_or("") {
                "" | "-" => None,
                c if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) => Some(c.to_string()),
                c => return Err(err(format!("country {c:?} is not an ISO 3166-1 alpha-2 code"))),
            };
            if cols.len() > 4 {
                return Err(err("more than four columns".into()));
            }
            if alias_words(canonical).is_empty() {
                return Err(err(format!("name {canonical:?} has no words")));
            }
            let id = self.entries.len();
            match role {
                Role::Actor(EntityKind::Country) => {
                    let Some(code) = &country else {
                        return Err(err("a country needs its ISO code".into()));
                    };
                    self.countries.insert(code.clone(), id);
                }
                Role::Demonym => {
                    let Some(code) = &country else {
                        return Err(err("a demonym needs its country's ISO code".into()));
                    };
                    self.demonyms.push((id, code.clone(), line_no));
                }
                _ => {}
            }
            self.entries.push(Entry { role, canonical: canonical.to_string(), country: country.clone() });
            let mut names = vec![canonical.to_string()];
            for alias in cols.get(3).copied().unwrap_or("").split('|').map(str::trim).filter(|a| !a.is_empty()) {
                names.push(alias.to_string());
            }
            if role == Role::Demonym {
                // Plurals: "Americans", "Iraqis".
                let plurals: Vec<String> =
                    names.iter().filter(|n| n.ends_with('n') || n.ends_with('i')).map(|n| format!("{n}s")).collect();
                names.extend(plurals);
            }
            for n in names {
                if alias_words(&n).is_empty() {
                    return Err(err(format!("alias {n:?} has no words")));
                }
                self.aliases.push((id, n, line_no));
            }
        }
        Ok(())
    }

    fn build(mut self) -> Result<Entities, ActorError> {
        for (id, code, line) in std::mem::take(&mut self.demonyms) {
            let &country = self
                .countries
                .get(&code)
                .ok_or_else(|| ActorError { line, message: format!("no country with code {code}") })?;
            self.entries[id].canonical = self.entries[country].canonical.clone();
        }
        let mut exact: HashMap<String, Vec<Alias>> = HashMap::default();
        let mut skeleton: HashMap<String, Vec<Alias>> = HashMap::default();
        for (entry, alias, _) in &self.aliases {
            let words = alias_words(alias);
            let case: Vec<Case> = words.iter().map(|w| w.case).collect();
            let mut k = String::new();
            let mut s = String::new();
            for w in &words {
                k.push(' ');
                k.push_str(&w.key);
                k.push(' ');
                s.push(' ');
                s.push_str(&w.skel);
                s.push(' ');
            }
            add_alias(exact.entry(k).or_default(), *entry, &case);
            // The skeleton only for names long enough not to meet common words.
            let skel_len: usize = words.iter().map(|w| w.skel.len()).sum();
            let named = matches!(self.entries[*entry].role, Role::Actor(_));
            let eligible = named
                && words.iter().all(|w| w.case == Case::Upper)
                && ((words.len() >= 2 && skel_len >= 5) || skel_len >= 6);
            if eligible {
                add_alias(skeleton.entry(s).or_default(), *entry, &case);
            }
        }
        Ok(Entities {
            inner: Arc::new(Inner {
                entries: self.entries,
                exact: Matcher::build(exact),
                skeleton: Matcher::build(skeleton),
            }),
        })
    }
}

/// A lexicon match or a rule's find, over words `a..b`.
#[derive(Clone, Debug)]
struct Item {
    a: usize,
    b: usize,
    entry: usize,
}

/// Words that end a capitalised name sequence.
fn is_name_stop(k: &str) -> bool {
    norm::is_calendar_word(k)
        || matches!(
            k,
            "the"
                | "a"
                | "an"
                | "on"
                | "in"
                | "at"
                | "of"
                | "and"
                | "but"
                | "he"
                | "she"
                | "it"
                | "they"
                | "we"
                | "this"
                | "that"
                | "these"
                | "those"
                | "his"
                | "her"
                | "their"
                | "our"
                | "its"
                | "i"
                | "after"
                | "before"
                | "when"
                | "while"
                | "as"
                | "if"
                | "mr"
                | "mrs"
                | "ms"
                | "dr"
        )
}

/// Lowercase words inside names: "Abu Bakr al-Baghdadi", "Osama bin Laden".
fn is_particle(k: &str) -> bool {
    matches!(
        k,
        "bin" | "ibn" | "bint" | "abu" | "abd" | "de" | "da" | "di" | "van" | "von" | "der" | "la" | "le" | "du"
    )
}

/// Per-document state of one annotation run.
struct Doc<'t> {
    text: &'t str,
    toks: &'t [Token],
    words: Vec<Word>,
    keys: String,
    skels: String,
}

impl<'t> Doc<'t> {
    fn new(text: &'t str, all: &'t Words) -> Doc<'t> {
        let toks = all.toks();
        let mut words = Vec::with_capacity(toks.len());
        let mut keys = String::with_capacity(text.len() + 16);
        let mut skels = String::with_capacity(text.len());
        let mut blocked = false;
        let mut article = None;
        for (i, t) in toks.iter().enumerate() {
            if !t.word {
                if norm::is_blocker(t.punct) || t.newline {
                    blocked = true;
                    keys.push('|');
                    skels.push('|');
                }
                continue;
            }
            // A paragraph break ends names too.
            if t.newline && !words.is_empty() {
                blocked = true;
                keys.push('|');
                skels.push('|');
            }
            let k = all.key(i);
            if k.is_empty() || drop_article(k, toks, i) {
                if !k.is_empty() {
                    article = Some(t.start);
                }
                continue;
            }
            keys.push(' ');
            let ks = keys.len();
            keys.push_str(k);
            // Skeletons of capitalised words only (names); a run of other
            // words is one bar, which no skeleton pattern spans.
            let (ss, se);
            if t.upper {
                skels.push(' ');
                ss = skels.len();
                norm::skeleton(k, &mut skels);
                if skels.len() == ss {
                    skels.push_str(k);
                }
                se = skels.len();
                skels.push(' ');
            } else {
                ss = skels.len();
                se = ss;
                if !skels.ends_with('|') {
                    skels.push('|');
                }
            }
            let ke = keys.len();
            keys.push(' ');
            words.push(Word { tok: i, key: (ks, ke), skel: (ss, se), blocked, article: article.take() });
            blocked = false;
        }
        Doc { text, toks, words, keys, skels }
    }

    fn tok(&self, w: usize) -> &Token {
        &self.toks[self.words[w].tok]
    }

    fn key(&self, w: usize) -> &str {
        let (a, b) = self.words[w].key;
        self.keys.get(a..b).unwrap_or_default()
    }

    /// The text span of words `a..b`, with an article dropped before `a`.
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.words[a].article.unwrap_or(self.tok(a).start), self.tok(b - 1).end)
    }

    /// Like `span`, taking in an abbreviation dot after the last word ("Gen.").
    fn span_dot(&self, a: usize, b: usize) -> Span {
        let s = self.span(a, b);
        let next = self.words[b - 1].tok + 1;
        match self.toks.get(next) {
            Some(t) if !t.word && t.punct == '.' && t.start == s.end => Span::new(s.start, t.end),
            _ => s,
        }
    }

    fn case_ok(&self, a: usize, case: &[Case]) -> bool {
        case.iter().enumerate().all(|(i, c)| {
            let t = self.tok(a + i);
            match c {
                Case::Any => true,
                Case::Upper => t.upper || !t.word,
                Case::Caps => t.caps,
                Case::Mixed => t.inner_upper,
            }
        })
    }

    /// Whether a word next to `a..b` is in capitals too: a shouted headline,
    /// where "IS" or "WHO" is no acronym.
    fn shouting(&self, a: usize, b: usize) -> bool {
        let caps = |w: usize| {
            let t = self.tok(w);
            t.caps && t.end - t.start >= 3
        };
        (a > 0 && !self.words[a].blocked && caps(a - 1)) || (b < self.words.len() && !self.words[b].blocked && caps(b))
    }

    /// Matches of one matcher, as (a, b, entry, skeleton): at each word,
    /// the longest run of words that is a pattern and whose casing fits (or
    /// a shorter one inside it that fits); the next search starts after the
    /// longest run.
    fn matches(&self, m: &Matcher, skeleton: bool, out: &mut Vec<(usize, usize, usize, bool)>) {
        let (hay, pos): (&str, WordPos) = if skeleton { (&self.skels, |w| w.skel) } else { (&self.keys, |w| w.key) };
        // The pattern text of words a..b: their keys with the spaces around.
        let run = |a: usize, b: usize| hay.get(pos(&self.words[a]).0 - 1..pos(&self.words[b - 1]).1 + 1);
        let mut a = 0;
        while a < self.words.len() {
            let (s0, e0) = pos(&self.words[a]);
            if s0 == e0 || s0 == 0 || !hay.get(s0..e0).is_some_and(|k| m.first.may_contain(k)) {
                a += 1;
                continue;
            }
            let mut longest: Option<(usize, usize)> = None;
            let mut b = a + 1;
            while let Some(&(pattern, goes_on)) = run(a, b).and_then(|text| m.index.get(text)) {
                if let Some(p) = pattern {
                    longest = Some((b, p));
                }
                if !goes_on
                    || b == self.words.len()
                    || self.words[b].blocked
                    || pos(&self.words[b]).0 == pos(&self.words[b]).1
                {
                    break;
                }
                b += 1;
            }
            let Some((end, mut pattern)) = longest else {
                a += 1;
                continue;
            };
            let mut b = end;
            loop {
                let fits = m.aliases[pattern].iter().find(|alias| {
                    alias.case.len() == b - a
                        && self.case_ok(a, &alias.case)
                        && (!skeleton || self.tok(a).upper)
                        && !(alias.case == [Case::Caps] && self.shouting(a, b))
                });
                if let Some(alias) = fits {
                    out.push((a, b, alias.entry, skeleton));
                    break;
                }
                // A shorter name inside: "US" in "US NAVY" when only "U.S. Navy" is known.
                b -= 1;
                if b == a {
                    break;
                }
                let Some(&(Some(p), _)) = run(a, b).and_then(|k| m.index.get(k)) else {
                    continue;
                };
                pattern = p;
            }
            a = end;
        }
    }
}

impl Entities {
    /// Parse a lexicon: one entry a line, `kind<TAB>name<TAB>country<TAB>aliases`.
    ///
    /// `kind` is one of `person`, `organization`, `armed_group`, `country`,
    /// `facility`, `location` (actors), `demonym` (stands for the country of
    /// its code), `title` (a person's name follows), `state_body` (with a
    /// country or demonym before it, a state body: "Iraqi security forces"),
    /// `facility_prefix` / `facility_suffix` (words around a facility's
    /// name). `name` is the canonical name; `country` an ISO 3166-1 alpha-2
    /// code or empty; `aliases` other spellings separated by `|`. `#` starts
    /// a comment line; a line `@builtin` includes the shipped lexicon, so a
    /// user file can extend it.
    pub fn parse(src: &str) -> Result<Entities, ActorError> {
        let mut b = Builder::default();
        b.add(src)?;
        b.build()
    }

    /// The shipped lexicon, parsed once.
    pub fn builtin() -> Entities {
        static BUILTIN: LazyLock<Entities> = LazyLock::new(|| {
            let mut b = Builder::default();
            b.add(BUILTIN_ACTORS).expect("the built-in actor lexicon parses");
            b.add(BUILTIN_TITLES).expect("the built-in title lexicon parses");
            b.build().expect("the built-in actor lexicon builds")
        });
        BUILTIN.clone()
    }

    /// Find the entities of `text` (whose words are `words`), in text
    /// order, without overlaps.
    pub fn annotate(&self, text: &str, words: &Words, sentences: &[Sentence]) -> Vec<Entity> {
        let doc = Doc::new(text, words);
        let inner = &*self.inner;
        let mut cands = Vec::new();
        doc.matches(&inner.exact, false, &mut cands);
        doc.matches(&inner.skeleton, true, &mut cands);
        // Leftmost, then longest, then exact before skeleton, then actors first.
        let rank = |e: usize| match inner.entries[e].role {
            Role::Actor(_) => 0,
            Role::Demonym => 1,
            _ => 2,
        };
        cands.sort_by_key(|&(a, b, e, sk)| (a, std::cmp::Reverse(b), sk, rank(e)));
        let mut items: Vec<Item> = Vec::new();
        let mut end = 0;
        for (a, b, entry, _) in cands {
            if a >= end {
                items.push(Item { a, b, entry });
                end = b;
            }
        }
        let mut out = Vec::new();
        let mut covered = vec![false; doc.words.len()];
        let mut persons = Vec::new();
        self.rules(&doc, &items, &mut covered, &mut out, &mut persons);
        let at = At::new(doc.words.len(), &items);
        self.untitled(&doc, &items, &at, &mut covered, &mut out, &mut persons);
        self.surnames(&doc, &persons, &mut covered, &mut out);
        out.sort_by_key(|e: &Entity| e.span.start);
        let mut si = 0;
        for e in &mut out {
            while si + 1 < sentences.len() && sentences[si].span.end <= e.span.start {
                si += 1;
            }
            e.sentence = si;
        }
        out
    }

    fn entry(&self, e: usize) -> &Entry {
        &self.inner.entries[e]
    }

    fn make(
        &self,
        doc: &Doc,
        a: usize,
        b: usize,
        kind: EntityKind,
        canonical: String,
        country: Option<String>,
    ) -> Entity {
        let span = doc.span(a, b);
        Entity {
            span,
            text: span.slice(doc.text).unwrap_or_default().to_string(),
            kind,
            canonical,
            country,
            title: None,
            age: None,
            sentence: 0,
        }
    }

    /// Lexicon items and the rules on top of them; the persons found with
    /// a full name go to `persons`.
    fn rules(&self, doc: &Doc, items: &[Item], covered: &mut [bool], out: &mut Vec<Entity>, persons: &mut Vec<Person>) {
        let n_words = doc.words.len();
        let adjacent = |w: usize| w < n_words && !doc.words[w].blocked;
        let at = At::new(n_words, items);
        let role_at = |w: usize| at.get(w).filter(|_| adjacent(w)).map(|n| (n, self.entry(items[n].entry).role));
        let mut used = vec![false; items.len()];
        for (i, it) in items.iter().enumerate() {
            if used[i] {
                continue;
            }
            used[i] = true;
            let entry = self.entry(it.entry);
            let cover =
                |a: usize, b: usize, covered: &mut [bool]| covered.iter_mut().take(b).skip(a).for_each(|c| *c = true);
            match entry.role {
                Role::Title | Role::Actor(EntityKind::Country) | Role::Demonym => {
                    // A title chain: [country] title... Name.
                    let mut j = i;
                    let mut titles = 0;
                    let mut end;
                    loop {
                        let e = self.entry(items[j].entry);
                        if e.role == Role::Title {
                            titles += 1;
                        }
                        end = items[j].b;
                        if e.role == Role::Title && doc.tok(end - 1).possessive {
                            break;
                        }
                        match role_at(end) {
                            Some((n, Role::Title)) => j = n,
                            _ => break,
                        }
                    }
                    let owner = doc.tok(end - 1).possessive;
                    if titles > 0
                        && !owner
                        && let Some((b, canonical, lex_country, lex)) = self.name_after(doc, end, items, &at)
                    {
                        let country = if entry.role.is_country() { entry.country.clone() } else { lex_country };
                        let mut e = self.make(doc, it.a, b, EntityKind::Person, canonical.clone(), country.clone());
                        e.title = doc.span_dot(it.a, end).slice(doc.text).map(str::to_string);
                        cover(it.a, b, covered);
                        for (k, item) in items.iter().enumerate().skip(i) {
                            if item.a < b {
                                used[k] = true;
                            }
                        }
                        if lex || b - end >= 2 {
                            persons.push(Person { a: end, b, canonical, country });
                        }
                        out.push(e);
                        continue;
                    }
                    if entry.role.is_country() {
                        // A state body: "Iraqi security forces", "USA officials".
                        if let Some((n, Role::StateBody)) = role_at(it.b) {
                            let b = items[n].b;
                            let canonical = format!("{} {}", entry.canonical, self.entry(items[n].entry).canonical);
                            out.push(self.make(
                                doc,
                                it.a,
                                b,
                                EntityKind::Organization,
                                canonical,
                                entry.country.clone(),
                            ));
                            cover(it.a, b, covered);
                            used[n] = true;
                            continue;
                        }
                        // "Jordan Smith", "Chad Johnson": a first name.
                        let b = it.b;
                        if entry.role == Role::Actor(EntityKind::Country)
                            && b == it.a + 1
                            && !doc.tok(it.a).possessive
                            && !doc.tok(it.a).caps
                            && adjacent(b)
                            && doc.tok(b).upper
                            && !doc.tok(b).caps
                            && !at.contains_key(b)
                            && !is_name_stop(doc.key(b))
                        {
                            continue;
                        }
                        out.push(self.make(
                            doc,
                            it.a,
                            it.b,
                            EntityKind::Country,
                            entry.canonical.clone(),
                            entry.country.clone(),
                        ));
                        cover(it.a, it.b, covered);
                    }
                }
                Role::Actor(kind) => {
                    // A facility keyword after a known place ("Baghdad International
                    // Airport") or facility ("Ain al-Asad air base").
                    if matches!(kind, EntityKind::Location | EntityKind::Facility)
                        && let Some((n, Role::FacilitySuffix)) = role_at(it.b)
                    {
                        let b = items[n].b;
                        let canonical = if kind == EntityKind::Facility {
                            entry.canonical.clone()
                        } else {
                            doc.span(it.a, b).slice(doc.text).unwrap_or_default().to_string()
                        };
                        out.push(self.make(doc, it.a, b, EntityKind::Facility, canonical, entry.country.clone()));
                        cover(it.a, b, covered);
                        used[n] = true;
                        continue;
                    }
                    if kind == EntityKind::Person {
                        persons.push(Person {
                            a: it.a,
                            b: it.b,
                            canonical: entry.canonical.clone(),
                            country: entry.country.clone(),
                        });
                    }
                    out.push(self.make(doc, it.a, it.b, kind, entry.canonical.clone(), entry.country.clone()));
                    cover(it.a, it.b, covered);
                }
                Role::FacilityPrefix => {
                    // "Camp Taji", "Fort Bragg" [+ "base"].
                    let mut b = it.b;
                    while b - it.b < 3
                        && adjacent(b)
                        && doc.tok(b).upper
                        && !at.contains_key(b)
                        && !is_name_stop(doc.key(b))
                    {
                        b += 1;
                        if doc.tok(b - 1).possessive {
                            break;
                        }
                    }
                    if b > it.b {
                        if !doc.tok(b - 1).possessive
                            && let Some((n, Role::FacilitySuffix)) = role_at(b)
                        {
                            used[n] = true;
                            b = items[n].b;
                        }
                        let canonical = doc.span(it.a, b).slice(doc.text).unwrap_or_default().to_string();
                        out.push(self.make(doc, it.a, b, EntityKind::Facility, canonical, None));
                        cover(it.a, b, covered);
                    }
                }
                Role::FacilitySuffix => {
                    // "Al Udeid Air Base": capitalised words before the keyword.
                    let mut a = it.a;
                    while a > 0
                        && it.a - a < 3
                        && !doc.words[a].blocked
                        && !covered[a - 1]
                        && !at.contains_key(a - 1)
                        && doc.tok(a - 1).upper
                        && !is_name_stop(doc.key(a - 1))
                        && !doc.tok(a - 1).possessive
                    {
                        a -= 1;
                    }
                    if a < it.a {
                        let canonical = doc.span(a, it.b).slice(doc.text).unwrap_or_default().to_string();
                        out.push(self.make(doc, a, it.b, EntityKind::Facility, canonical, None));
                        cover(a, it.b, covered);
                    }
                }
                Role::StateBody | Role::NameStop => {}
            }
        }
    }

    /// The name after a title chain ending at word `w`: its end, canonical,
    /// country, and whether the lexicon knows it.
    fn name_after(
        &self,
        doc: &Doc,
        w: usize,
        items: &[Item],
        at: &At,
    ) -> Option<(usize, String, Option<String>, bool)> {
        let n_words = doc.words.len();
        if w >= n_words || doc.words[w].blocked {
            return None;
        }
        if let Some(n) = at.get(w) {
            let e = self.entry(items[n].entry);
            return (e.role == Role::Actor(EntityKind::Person))
                .then(|| (items[n].b, e.canonical.clone(), e.country.clone(), true));
        }
        let b = self.name_run(doc, w, items, at);
        // "Prince George's County" is a place.
        if b > w
            && doc.tok(b - 1).possessive
            && at.get(b).is_some_and(|n| self.entry(items[n].entry).role == Role::NameStop)
        {
            return None;
        }
        (b > w).then(|| (b, name_text(doc, w, b), None, false))
    }

    /// The end of a run of up to four capitalised name words from `w`; a
    /// one-word title inside is a name ("Cpl. Gabrielle King").
    fn name_run(&self, doc: &Doc, w: usize, items: &[Item], at: &At) -> usize {
        let n_words = doc.words.len();
        let mut b = w;
        while b < n_words && b - w < 4 && (b == w || !doc.words[b].blocked) {
            if let Some(n) = at.get(b)
                && !(b > w && items[n].b == b + 1 && self.entry(items[n].entry).role == Role::Title)
            {
                break;
            }
            let t = doc.tok(b);
            let k = doc.key(b);
            let particle =
                b > w && is_particle(k) && b + 1 < n_words && doc.tok(b + 1).upper && !doc.words[b + 1].blocked;
            if !(t.upper && !is_name_stop(k) || particle) {
                break;
            }
            b += 1;
            if t.possessive {
                break;
            }
        }
        b
    }

    /// Persons without a title, named as speakers, with an apposition or
    /// with their age: "Nadia Ali said", "Nadia Ali, a spokeswoman for
    /// ...", "Augustus Beachem, 26,", "26-year-old Laprida Shears".
    fn untitled(
        &self,
        doc: &Doc,
        items: &[Item],
        at: &At,
        covered: &mut [bool],
        out: &mut Vec<Entity>,
        persons: &mut Vec<Person>,
    ) {
        let n_words = doc.words.len();
        let mut w = 0;
        while w < n_words {
            if covered[w]
                || !doc.tok(w).upper
                || at.contains_key(w)
                || is_name_stop(doc.key(w))
                || is_particle(doc.key(w))
            {
                w += 1;
                continue;
            }
            let b = self.name_run(doc, w, items, at);
            let b = (w..b).find(|&x| covered[x]).unwrap_or(b);
            // "the Redding Record-Searchlight said", "in Colorado Springs says": no person.
            let determined = w > 0
                && !doc.words[w].blocked
                && !doc.tok(w - 1).upper
                && matches!(
                    doc.key(w - 1),
                    "the"
                        | "a"
                        | "an"
                        | "in"
                        | "at"
                        | "from"
                        | "of"
                        | "near"
                        | "to"
                        | "for"
                        | "on"
                        | "into"
                        | "outside"
                );
            // "a 17-year-old Rio Grande City man": the name is a place's.
            let modifier = || {
                let next = (b..(b + 3).min(n_words)).find(|&k| !doc.tok(k).upper).unwrap_or(n_words);
                next < n_words
                    && (b..=next).all(|k| !doc.words[k].blocked)
                    && crate::quantities::is_person_noun(doc.key(next))
            };
            let age = aged_after(doc, b).or_else(|| aged_before(doc, w).filter(|_| !modifier()));
            // "the death of Laprida Shears, 25,": a person named with an
            // age may follow "of", "for", "on" or "to", not an article or a
            // place's preposition.
            let determined = determined && !(age.is_some() && matches!(doc.key(w - 1), "of" | "for" | "on" | "to"));
            if b - w >= 2
                && b - w <= 3
                && !determined
                && !doc.tok(b - 1).possessive
                && (age.is_some() || self.speaks_after(doc, b, items, at))
            {
                let canonical = name_text(doc, w, b);
                let mut e = self.make(doc, w, b, EntityKind::Person, canonical.clone(), None);
                e.age = age;
                out.push(e);
                covered.iter_mut().take(b).skip(w).for_each(|c| *c = true);
                persons.push(Person { a: w, b, canonical, country: None });
            }
            w = b.max(w + 1);
        }
    }

    /// A speech verb or an apposition ", the/a ..." follows word `b - 1`.
    fn speaks_after(&self, doc: &Doc, b: usize, items: &[Item], at: &At) -> bool {
        let Some(last) = doc.words.get(b - 1) else { return false };
        let mut toks = doc.toks.iter().skip(last.tok + 1);
        match toks.next() {
            Some(t) if t.word => doc.text.get(t.start..t.end).is_some_and(crate::speakers::is_speech_word),
            // An apposition with a title: "Ed Winter, a police spokesman".
            Some(t) if t.punct == ',' => {
                toks.next().is_some_and(|t| t.word && matches!(doc.text.get(t.start..t.end), Some("the" | "a" | "an")))
                    && (b + 1..(b + 5).min(doc.words.len()))
                        .any(|w| at.get(w).is_some_and(|n| self.entry(items[n].entry).role == Role::Title))
            }
            _ => false,
        }
    }

    /// Later (or earlier) surname-only mentions of persons named in full.
    fn surnames(&self, doc: &Doc, persons: &[Person], covered: &mut [bool], out: &mut Vec<Entity>) {
        // (surname key, its skeleton, the person; none when two persons share it).
        let mut names: Vec<(String, String, Option<usize>)> = Vec::new();
        for (i, p) in persons.iter().enumerate() {
            if p.b < p.a + 2 {
                continue;
            }
            let k = doc.key(p.b - 1);
            match names.iter_mut().find(|n| n.0 == k) {
                Some(n) => {
                    if n.2.is_some_and(|j| persons[j].canonical != p.canonical) {
                        n.2 = None;
                    }
                }
                None => {
                    let mut s = String::new();
                    norm::skeleton(k, &mut s);
                    names.push((k.to_string(), s, Some(i)));
                }
            }
        }
        if names.is_empty() {
            return;
        }
        // A surname the document also writes in lowercase is a common word
        // ("Street", "See"): link only the full name.
        for w in 0..doc.words.len() {
            if !doc.tok(w).upper
                && let Some(n) = names.iter_mut().find(|n| n.0 == doc.key(w))
            {
                n.2 = None;
            }
        }
        let by_key = |k: &str| names.iter().find(|n| n.0 == k).map(|n| n.2);
        // "Sheriff McCullick" after "Sheriff Dale McCullick".
        for e in out.iter_mut().filter(|e| e.kind == EntityKind::Person && !e.canonical.contains(' ')) {
            let mut k = String::new();
            key(&e.canonical, &mut k);
            if let Some(Some(i)) = by_key(&k) {
                e.canonical.clone_from(&persons[i].canonical);
                if e.country.is_none() {
                    e.country.clone_from(&persons[i].country);
                }
            }
        }
        let mut s = String::new();
        let n_words = doc.words.len();
        for (w, cov) in covered.iter_mut().enumerate() {
            if *cov || !doc.tok(w).upper || written_as_place(doc, w, n_words) {
                continue;
            }
            let k = doc.key(w);
            let mut hit = by_key(k);
            if hit.is_none() && k.len() >= 6 {
                // The skeleton Doc::new made for this capitalised word.
                let (a, b) = doc.words[w].skel;
                s.clear();
                match doc.skels.get(a..b).filter(|sk| !sk.is_empty() && *sk != k) {
                    Some(sk) => s.push_str(sk),
                    None => norm::skeleton(k, &mut s),
                }
                if s.len() >= 4 {
                    hit = names.iter().find(|n| n.1 == s).map(|n| n.2);
                }
            }
            if let Some(Some(i)) = hit {
                let p = &persons[i];
                out.push(self.make(doc, w, w + 1, EntityKind::Person, p.canonical.clone(), p.country.clone()));
                *cov = true;
            }
        }
    }
}

/// Index of the lexicon item starting at each word.
struct At(Vec<u32>);

impl At {
    fn new(n_words: usize, items: &[Item]) -> At {
        let mut v = vec![u32::MAX; n_words];
        for (i, it) in items.iter().enumerate() {
            if let Some(slot) = v.get_mut(it.a) {
                *slot = u32::try_from(i).unwrap_or(u32::MAX);
            }
        }
        At(v)
    }

    fn get(&self, w: usize) -> Option<usize> {
        self.0.get(w).filter(|&&i| i != u32::MAX).map(|&i| i as usize)
    }

    fn contains_key(&self, w: usize) -> bool {
        self.get(w).is_some()
    }
}

/// Whether the lone word `w` is written as a place, not as a person's
/// surname: after an article or a place's preposition ("a Salinas man",
/// "in Salinas"), before a word of a place's people or offices ("Salinas
/// police", "Salinas resident"), or as a dateline in capitals.
fn written_as_place(doc: &Doc, w: usize, n_words: usize) -> bool {
    let before = w.checked_sub(1).filter(|_| !doc.words[w].blocked).map(|p| doc.key(p));
    let after = (w + 1 < n_words && !doc.words[w + 1].blocked && !doc.tok(w + 1).upper).then(|| doc.key(w + 1));
    let dateline = doc.tok(w).caps && (w == 0 || doc.tok(w).newline);
    dateline
        || before.is_some_and(|k| {
            matches!(k, "a" | "an" | "the" | "in" | "at" | "near" | "from" | "to" | "into" | "outside" | "of")
        })
        || after.is_some_and(|k| {
            matches!(k, "police" | "county" | "city" | "area" | "residents") || crate::quantities::is_person_noun(k)
        })
}

/// The age in commas after word `b - 1`: "Augustus Beachem, 26, of
/// Chicago", "Laprida Shears, 25."
fn aged_after(doc: &Doc, b: usize) -> Option<u8> {
    let last = doc.words.get(b.checked_sub(1)?)?;
    let mut toks = doc.toks.iter().skip(last.tok + 1);
    let (comma, age, after) = (toks.next()?, toks.next()?, toks.next());
    let ends = after.is_none_or(|t| !t.word && matches!(t.punct, ',' | '.' | ';' | ')'));
    if comma.word || comma.punct != ',' || !age.word || !ends {
        return None;
    }
    parse_age(doc.text.get(age.start..age.end)?)
}

/// The age right before word `w`: "26-year-old Laprida Shears".
fn aged_before(doc: &Doc, w: usize) -> Option<u8> {
    let start = doc.toks.get(doc.words.get(w)?.tok)?.start;
    let before = doc.text.get(..start)?.trim_end();
    let rest = before.strip_suffix("year-old").or_else(|| before.strip_suffix("year old"))?;
    let rest = rest.strip_suffix(['-', ' ']).unwrap_or(rest);
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    parse_age(&rest[rest.len() - digits..])
}

/// A person's age: one to three digits, at most 120.
fn parse_age(s: &str) -> Option<u8> {
    let ok = (1..=3).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten().filter(|&a| a <= 120)
}

/// A person named in full: the words of the name, canonical and country.
#[derive(Clone, Debug)]
struct Person {
    a: usize,
    b: usize,
    canonical: String,
    country: Option<String>,
}

/// The name over words `a..b` as written, with single spaces.
fn name_text(doc: &Doc, a: usize, b: usize) -> String {
    doc.span(a, b).slice(doc.text).unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences;

    fn ents(text: &str) -> Vec<Entity> {
        Entities::builtin().annotate(text, &Words::new(text), &sentences::split(text))
    }

    fn find<'a>(es: &'a [Entity], surface: &str) -> &'a Entity {
        es.iter().find(|e| e.text == surface).unwrap_or_else(|| panic!("no entity {surface:?} in {es:#?}"))
    }

    #[test]
    fn persons_with_titles_from_the_seeds() {
        let text = "Army Gen. Mark Milley, the chairman of the Joint Chiefs of Staff, said 14 other coalition troops \
                    were injured. \"Today's attack will not be tolerated\", U.S. Secretary of State Mike Pompeo, added.";
        let es = ents(text);
        let milley = find(&es, "Army Gen. Mark Milley");
        assert_eq!((milley.kind, milley.canonical.as_str()), (EntityKind::Person, "Mark Milley"));
        assert_eq!(milley.title.as_deref(), Some("Army Gen."));
        let pompeo = find(&es, "U.S. Secretary of State Mike Pompeo");
        assert_eq!(pompeo.title.as_deref(), Some("U.S. Secretary of State"));
        assert_eq!(pompeo.country.as_deref(), Some("US"), "the country in the title");
        assert_eq!(find(&es, "Joint Chiefs of Staff").kind, EntityKind::Organization);
        for e in &es {
            assert_eq!(&text[e.span.start..e.span.end], e.text);
        }
    }

    #[test]
    fn one_canonical_across_spellings_and_transliterations() {
        let es = ents(
            "The U.S. bombed Kataeb Hezbollah. Iran-backed Kataib Hezbollah and Kata'ib Hizballah denied it. \
             Qassem Suleimani and Qassem Soleimani, and Qasim Sulaimani too. USA, the United States and America.",
        );
        let canon = |s: &str| find(&es, s).canonical.clone();
        assert_eq!(canon("Kataeb Hezbollah"), "Kataib Hezbollah");
        assert_eq!(canon("Kataib Hezbollah"), "Kataib Hezbollah");
        assert_eq!(canon("Kata'ib Hizballah"), "Kataib Hezbollah");
        assert_eq!(find(&es, "Kataib Hezbollah").kind, EntityKind::ArmedGroup);
        // "Qasim Sulaimani" is no listed spelling: the skeleton finds it.
        for s in ["Qassem Suleimani", "Qassem Soleimani", "Qasim Sulaimani"] {
            assert_eq!(canon(s), "Qassem Soleimani", "{s}");
        }
        for s in ["U.S.", "USA", "United States", "America"] {
            assert_eq!(find(&es, s).country.as_deref(), Some("US"), "{s}");
        }
    }

    #[test]
    fn demonyms_state_bodies_and_facilities() {
        let es = ents(
            "Two Americans and one British soldier died. Iraqi security forces found the launcher near Camp Taji. \
             USA officials said rockets hit Ain Al Assad air base and Baghdad International Airport.",
        );
        let american = find(&es, "Americans");
        assert_eq!((american.kind, american.country.as_deref()), (EntityKind::Country, Some("US")));
        assert_eq!(find(&es, "British").country.as_deref(), Some("GB"));
        let isf = find(&es, "Iraqi security forces");
        assert_eq!((isf.kind, isf.canonical.as_str()), (EntityKind::Organization, "Iraq security forces"));
        assert_eq!(find(&es, "USA officials").canonical, "United States government");
        assert_eq!(find(&es, "Camp Taji").kind, EntityKind::Facility);
        assert_eq!(find(&es, "Ain Al Assad air base").canonical, "Ain al-Asad Air Base");
        assert_eq!(find(&es, "Baghdad International Airport").kind, EntityKind::Facility);
    }

    #[test]
    fn common_words_are_not_names() {
        let es = ents("Tell us about the turkey and chad, he said in March. The Sheriff's Office said so.");
        assert!(es.iter().all(|e| e.kind != EntityKind::Country), "{es:#?}");
        assert!(es.iter().all(|e| e.kind != EntityKind::Person), "{es:#?}");
    }

    #[test]
    fn surnames_link_to_the_full_name_anywhere_in_the_document() {
        let text = "McKenzie said Iran continues its attacks. US Marine General Kenneth McKenzie, the head of \
                    Central Command, noted it. Gen. McKenzie left.";
        let es = ents(text);
        let first = find(&es, "McKenzie");
        assert_eq!((first.kind, first.canonical.as_str()), (EntityKind::Person, "Kenneth McKenzie"));
        assert_eq!(first.sentence, 0);
        let full = find(&es, "US Marine General Kenneth McKenzie");
        assert_eq!((full.title.as_deref(), full.country.as_deref()), (Some("US Marine General"), Some("US")));
        assert_eq!(find(&es, "Gen. McKenzie").canonical, "Kenneth McKenzie");
    }

    #[test]
    fn a_surname_written_as_a_place_is_the_place() {
        let es = ents(
            "SALINAS >> A Salinas man was charged. The victim, Edgar Garcia Salinas, 28, ran. Salinas police \
             said he died in Salinas. Salinas was 28.",
        );
        let linked: Vec<usize> =
            es.iter().filter(|e| e.canonical == "Edgar Garcia Salinas").map(|e| e.span.start).collect();
        // The full name and the surname as a subject; not the dateline, "a
        // Salinas man", "Salinas police" or "in Salinas".
        assert_eq!(linked.len(), 2, "{es:#?}");
    }

    #[test]
    fn untitled_persons_named_as_speakers() {
        let es = ents("Nadia Ali said the town was shelled. The New York Times reported it.");
        assert_eq!(find(&es, "Nadia Ali").kind, EntityKind::Person);
        assert!(es.iter().all(|e| e.text != "New York Times" || e.kind == EntityKind::Organization));
    }

    #[test]
    fn untitled_persons_named_with_their_age() {
        let es = ents(
            "Police arrested Augustus Beachem, 26, on Friday. The victim, 25-year-old Laprida Shears, died. \
             Tony Ray Smith (31) fled. Route 66, 12 miles away, was closed.",
        );
        assert_eq!(find(&es, "Augustus Beachem").age, Some(26));
        assert_eq!(find(&es, "Laprida Shears").age, Some(25));
        // A place that qualifies a person is no name.
        let es = ents("Police arrested a 17-year-old Rio Grande City man.");
        assert!(es.iter().all(|e| e.kind != EntityKind::Person), "{es:#?}");
        // "(31)" is no apposition in commas; a road's number is no age.
        assert!(es.iter().all(|e| !e.text.contains("Smith") && !e.text.contains("Route")), "{es:#?}");
    }

    #[test]
    fn user_lexicons_extend_the_builtin_one() {
        let user = "@builtin\narmed_group\tBrigade 313\tSY\tLiwa 313|Brigade-313\n";
        let e = Entities::parse(user).expect("parses");
        let text = "Liwa 313 fighters met Hezbollah.";
        let es = e.annotate(text, &Words::new(text), &sentences::split(text));
        assert_eq!(find(&es, "Liwa 313").canonical, "Brigade 313");
        assert_eq!(find(&es, "Hezbollah").kind, EntityKind::ArmedGroup);
        // Without @builtin only the user's entries are known.
        let alone = Entities::parse("armed_group\tBrigade 313\tSY\n").expect("parses");
        assert!(alone.annotate(text, &Words::new(text), &sentences::split(text)).iter().all(|e| e.text != "Hezbollah"));
    }

    #[test]
    fn lexicon_errors_name_their_line() {
        let err = Entities::parse("# comment\n\nmilitia\tX\t\t\n").expect_err("unknown kind");
        assert_eq!(err.line, 3);
        assert!(err.to_string().contains("unknown kind"), "{err}");
        assert_eq!(Entities::parse("country\tX\tUSA\n").expect_err("bad code").line, 1);
        assert_eq!(Entities::parse("country\tFreedonia\t\n").expect_err("no code").line, 1);
        assert_eq!(Entities::parse("demonym\tFreedonian\tFD\n").expect_err("no such country").line, 1);
        assert_eq!(Entities::parse("person\n").expect_err("no name").line, 1);
        assert_eq!(Entities::parse("person\t...\t\n").expect_err("no words").line, 1);
    }

    proptest::proptest! {
        #[test]
        fn spans_hold_on_any_text(text in "\\PC{0,200}") {
            let es = ents(&text);
            for e in &es {
                proptest::prop_assert_eq!(text.get(e.span.start..e.span.end), Some(e.text.as_str()));
            }
        }

        #[test]
        fn spans_hold_on_name_like_text(text in "((Al|al|U\\.S\\.|Gen\\.|Camp|Kata'ib|Hezbollah|said|,|'s|-|\\.|é|’) ?){0,30}") {
            for e in ents(&text) {
                proptest::prop_assert_eq!(text.get(e.span.start..e.span.end), Some(e.text.as_str()));
            }
        }
    }
}
