//! Place names in text, resolved to gazetteer entries.
//!
//! A mention is the longest run of capitalised words (with particles such
//! as "al-" or "de" inside) whose key ([`crate::name_key`]) is in the
//! gazetteer. Names that are also common words or person names need
//! evidence to count as places: a locative word before them ("in", "near",
//! "in South Toledo"), a word after them that says a place is meant ("a
//! Sandusky man", "Lexington police"), a qualifier ("Springfield, Ill.",
//! "Chester, Delaware County"), a dateline, being a country, province, site
//! or large city, or the same name counted as a place elsewhere in the
//! document. A name the document also writes in lowercase ("Police"), as a
//! surname ("Acen King"), inside a longer proper noun ("Austin Ramos"), as
//! a street ("Eagle Drive", "Dexter and Webb") or only as another place's
//! alias needs more than its size.
//!
//! Each mention then resolves to one entry, scored by its kind and size,
//! its own name over an alias and the spelling as written, its qualifier,
//! the countries and provinces the document names, the kind the next word
//! names ("Washington state"), a capital, and nearness to the other places
//! the document names.

use std::ops::Range;

use foldhash::{HashMap, HashSet};
use sitrep_extract::Words;
use sitrep_extract::words::{Sieve, is_article, is_calendar_word};
use sitrep_model::{CREDIT_BASIS, Entity, EntityKind, EventMention, Place, PlacePrecision, Sentence, Span};

use crate::gazetteer::{Gazetteer, Kind, SharedGazetteer, country_key, province_key, within_km};
use crate::names::text_key;

/// The population of a city whose bare name is taken for it, with no word
/// around it saying a place is meant ("Montgomery police", a headline's
/// "Memphis").
const LARGE_CITY: u64 = 100_000;

/// How far from the city a report's dateline names a small town is more
/// likely a local name the gazetteer lacks.
const FAR_KM: f64 = 200.0;

/// A town smaller than this (or of unknown population) casts no doubt on
/// a province of its name.
const SMALL_TOWN: u64 = 10_000;

/// The [`Place::basis`] of the town a report's address names.
pub const ADDRESS_BASIS: &str = "the report's address";

/// Words that stand between the words of a name in lowercase.
fn is_particle(k: &str) -> bool {
    matches!(
        k,
        "al" | "el"
            | "ad"
            | "ar"
            | "as"
            | "ash"
            | "at"
            | "az"
            | "an"
            | "de"
            | "del"
            | "della"
            | "la"
            | "le"
            | "les"
            | "du"
            | "des"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "di"
            | "of"
            | "on"
            | "upon"
            | "and"
            | "sur"
            | "y"
            | "bin"
            | "ibn"
            | "van"
            | "von"
            | "der"
            | "den"
    )
}

/// Words before a place that say it is one.
fn is_locative(k: &str) -> bool {
    matches!(
        k,
        "in" | "at"
            | "near"
            | "outside"
            | "from"
            | "to"
            | "into"
            | "toward"
            | "towards"
            | "across"
            | "around"
            | "throughout"
            | "within"
            | "inside"
            | "via"
            | "of"
            | "between"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "downtown"
            | "suburban"
            | "rural"
    )
}

/// Capitalised words that are places somewhere but almost never in news text.
fn is_not_place(k: &str) -> bool {
    is_calendar_word(k)
        || is_direction(k)
        || is_function_word(k)
        || matches!(
            k,
            "the"
                | "a"
                | "an"
                | "i"
                | "mr"
                | "mrs"
                | "ms"
                | "dr"
                | "police"
                | "officer"
                | "officers"
                | "sheriff"
                | "deputy"
                | "deputies"
                | "chief"
                | "news"
                | "video"
                | "photo"
                | "man"
                | "woman"
                | "teen"
                | "boy"
                | "girl"
                | "victim"
                | "suspect"
                | "home"
                | "street"
                | "avenue"
                | "road"
                | "county"
                | "city"
                | "state"
                | "northside"
                | "southside"
                | "eastside"
                | "westside"
                | "downtown"
                | "uptown"
                | "midtown"
                | "university"
                | "metro"
        )
}

/// Lowercase words after a name that say it is a place: "a Sandusky man",
/// "Lexington police", "the Fresno shooting".
fn is_of_place_word(k: &str) -> bool {
    matches!(
        k,
        "man"
            | "men"
            | "woman"
            | "women"
            | "boy"
            | "boys"
            | "girl"
            | "girls"
            | "teen"
            | "teens"
            | "teenager"
            | "resident"
            | "residents"
            | "native"
            | "family"
            | "couple"
            | "mother"
            | "father"
            | "police"
            | "officers"
            | "officer"
            | "deputies"
            | "firefighters"
            | "shooting"
            | "shootings"
            | "homicide"
            | "murder"
            | "standoff"
            | "area"
            | "neighborhood"
            | "neighbourhood"
            | "suburb"
            | "residence"
            | "home"
            | "household"
    )
}

/// Words after a place name that make an agency of it: "Dallas Police",
/// "Harris County Sheriff's Office".
pub(crate) fn is_agency_word(k: &str) -> bool {
    matches!(
        k,
        "police"
            | "sheriff"
            | "sheriffs"
            | "fire"
            | "department"
            | "pd"
            | "county"
            | "city"
            | "township"
            | "parish"
            | "borough"
            | "metro"
            | "metropolitan"
            | "mayor"
            | "council"
            | "court"
            | "courts"
            | "jail"
            | "coroner"
            | "coroners"
            | "medical"
            | "district"
            | "prosecutor"
            | "prosecutors"
            | "attorney"
            | "public"
            | "municipal"
            | "superior"
            | "circuit"
            | "state"
            | "area"
            | "region"
            | "regional"
            | "community"
            | "schools"
            | "emergency"
            | "ems"
            | "governorate"
            | "province"
    )
}

/// Words that open sentences in capitals and are no names.
fn is_function_word(k: &str) -> bool {
    matches!(
        k,
        "a" | "an"
            | "the"
            | "in"
            | "at"
            | "on"
            | "of"
            | "for"
            | "from"
            | "to"
            | "by"
            | "with"
            | "after"
            | "before"
            | "when"
            | "while"
            | "as"
            | "but"
            | "and"
            | "or"
            | "if"
            | "this"
            | "that"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "twenty"
            | "dozens"
            | "hundreds"
            | "these"
            | "those"
            | "they"
            | "we"
            | "he"
            | "she"
            | "it"
            | "you"
            | "there"
            | "here"
            | "what"
            | "who"
            | "another"
            | "every"
            | "some"
    )
}

fn is_direction(k: &str) -> bool {
    matches!(
        k,
        "ne" | "nw"
            | "se"
            | "sw"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "central"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "greater"
            | "downtown"
            | "new"
            | "old"
            | "upper"
            | "lower"
    )
}

/// What a document writes of one capitalised word.
#[derive(Clone, Copy, Debug, Default)]
struct Capitalised {
    /// The gazetteer knows the word alone as a name.
    known: bool,
    /// Some name of the gazetteer goes on from the word.
    goes_on: bool,
    /// It opens a sentence somewhere.
    opens_sentence: bool,
    /// The document also writes it in lowercase.
    lowercase: bool,
    /// It follows another capitalised word inside a sentence, as a surname.
    surname: bool,
}

/// What a document writes of its capitalised words, by key and by token.
struct CapitalisedWords<'w> {
    /// Each key's index in `words`.
    by_key: HashMap<&'w str, u32>,
    words: Vec<Capitalised>,
    /// Each token's index in `words`; [`CapitalisedWords::NONE`] for a token
    /// that is no capitalised word.
    at: Vec<u32>,
}

impl CapitalisedWords<'_> {
    const NONE: u32 = u32::MAX;

    /// What the document writes of key `k`, if it writes it capitalised.
    fn get(&self, k: &str) -> Option<&Capitalised> {
        self.by_key.get(k).and_then(|&n| self.words.get(n as usize))
    }

    fn get_mut(&mut self, k: &str) -> Option<&mut Capitalised> {
        self.by_key.get(k).and_then(|&n| self.words.get_mut(n as usize))
    }

    /// What the document writes of the capitalised word at token `i`.
    fn at(&self, i: usize) -> Option<&Capitalised> {
        self.at.get(i).and_then(|&n| self.words.get(n as usize))
    }
}

/// Whether the one word `i..end` stands with another capitalised word
/// across "and" ("Dexter and Webb") in a sentence that speaks of streets.
fn is_corner(words: &Words, i: usize, end: usize, sentence: Option<Span>) -> bool {
    let toks = words.toks();
    let capital = |q: usize| toks.get(q).is_some_and(|t| t.word && t.upper);
    let paired =
        (words.key(end) == "and" && capital(end + 1)) || (i >= 2 && words.key(i - 1) == "and" && capital(i - 2));
    if !paired {
        return false;
    }
    let Some(span) = sentence else { return false };
    words.within(span).any(|q| {
        matches!(
            words.key(q),
            "street"
                | "streets"
                | "avenue"
                | "avenues"
                | "road"
                | "roads"
                | "drive"
                | "boulevard"
                | "intersection"
                | "corner"
                | "block"
                | "blocks"
        )
    })
}

/// Whether the name at token `i` follows "block of", with a direction or
/// not: "the 5900 block of South Peoria", "the 100 block of W. Addison":
/// a street named after a town.
fn is_block_of(words: &Words, i: usize) -> bool {
    let toks = words.toks();
    let mut q = i;
    let mut back = || {
        q = q.checked_sub(1)?;
        Some(q)
    };
    let Some(mut p) = back() else { return false };
    if !toks[p].word && toks[p].punct == '.' {
        let Some(b) = back() else { return false };
        p = b;
    }
    if toks[p].word && (is_direction(words.key(p)) || matches!(words.key(p), "n" | "s" | "e" | "w")) {
        let Some(b) = back() else { return false };
        p = b;
    }
    let Some(block) = back() else { return false };
    toks[p].word && words.key(p) == "of" && toks[block].word && matches!(words.key(block), "block" | "blocks")
}

/// Words that end the name of a division: "Lewis County", "Kochville
/// Township".
fn is_division_word(k: &str) -> bool {
    matches!(k, "county" | "parish" | "township" | "borough")
}

/// Whether the name at tokens `name` stands among words in capitals: three
/// or more of the six words around it are written all in capitals.
fn shouted(toks: &[sitrep_extract::words::Token], name: Range<usize>) -> bool {
    let before = toks[..name.start].iter().rev().filter(|t| t.word).take(3);
    let after = toks[name.end..].iter().filter(|t| t.word).take(3);
    before.chain(after).filter(|t| t.caps && t.end - t.start > 1).count() >= 3
}

/// Whether token `i` opens its sentence: a capital there says nothing.
fn sentence_start(toks: &[sitrep_extract::words::Token], i: usize) -> bool {
    i == 0
        || toks[i].newline
        || matches!(toks[i - 1], t if !t.word && matches!(t.punct, '.' | '!' | '?' | '"' | '\u{201c}' | ':' | '|' | '—' | '–' | '(' ))
}

/// Words after a name that make it a street, a school or a business, not
/// a place: "Eagle Drive", "McGavock High School".
fn is_address_word(k: &str) -> bool {
    sitrep_extract::words::is_street_word(k)
        || matches!(
            k,
            "school"
                | "elementary"
                | "high"
                | "middle"
                | "academy"
                | "college"
                | "university"
                | "hospital"
                | "church"
                | "mall"
                | "apartments"
                | "news"
                | "times"
                | "post"
                | "herald"
                | "tribune"
                | "journal"
                | "gazette"
        )
}

/// Why a mention counts as a place.
#[derive(Clone, Copy, Debug, Default)]
struct Evidence {
    locative: bool,
    qualifier: Option<Qualifier>,
    dateline: bool,
}

/// "…, Illinois" or "…, Iraq" after a name.
#[derive(Clone, Copy, Debug)]
struct Qualifier {
    country: [u8; 2],
    admin1: Option<u32>,
    /// A county ("Chester, Delaware County").
    admin2: Option<u32>,
    /// Tokens it spans, to skip.
    end: usize,
}

#[derive(Debug)]
struct Mention {
    toks: Range<usize>,
    span: Span,
    key: String,
    cands: Vec<u32>,
    evidence: Evidence,
    sentence: usize,
    /// Counts for the document's countries and provinces, yields no place.
    context_only: bool,
    /// The kind the word after the name says it is: "Washington state",
    /// "Orange County", "New York City".
    said: Option<Kind>,
    /// The word after the name is a town's office ("Toledo Police", "the
    /// Gary mayor"): more likely a town than a province of that name.
    municipal: bool,
    /// A town the gazetteer lacks, named with its province ("in Toone,
    /// Tennessee"): its one candidate is that province.
    unlisted: bool,
}

/// Finds and resolves place names.
#[derive(Clone, Debug)]
pub struct Geoparser {
    gaz: SharedGazetteer,
}

impl Default for Geoparser {
    fn default() -> Geoparser {
        Geoparser::new(Gazetteer::bundled())
    }
}

impl Geoparser {
    pub fn new(gaz: SharedGazetteer) -> Geoparser {
        Geoparser { gaz }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// The places of `text`, in text order.
    pub fn annotate(&self, text: &str, words: &Words, sentences: &[Sentence], entities: &[Entity]) -> Vec<Place> {
        self.annotate_from(text, words, sentences, entities, &[])
    }

    /// The places of `text` of a report whose web address names the places
    /// `home` ([`Geoparser::home`]): namesakes in or near them are preferred.
    pub fn annotate_from(
        &self,
        text: &str,
        words: &Words,
        sentences: &[Sentence],
        entities: &[Entity],
        home: &[u32],
    ) -> Vec<Place> {
        let (mentions, cues) = self.mentions(text, words, sentences, entities, words);
        self.resolve(text, words, mentions, &cues, entities, home)
    }

    /// The provinces and large cities a report's web address names
    /// (`chicagotribune.com`, `…/fort-worth/…`), as gazetteer entries.
    pub fn home(&self, url: &str) -> Vec<u32> {
        crate::source::address_places(&self.gaz, url)
    }

    /// The place layers of an annotated document: its places, the place of
    /// each event mention ([`place_mentions`]) and the place of the event
    /// it mainly reports ([`event_place`], with its headline's places).
    pub fn annotate_document(&self, doc: &mut sitrep_model::Document, words: &Words) {
        self.annotate_document_at(doc, words, None);
    }

    /// [`Geoparser::annotate_document`] for a report of an outlet whose
    /// home province ([`crate::Outlets`]) is `outlet_home`: it weighs as a
    /// province the address named would.
    pub fn annotate_document_at(&self, doc: &mut sitrep_model::Document, words: &Words, outlet_home: Option<u32>) {
        let mut home = self.document_home(doc, outlet_home);
        // An outlet's credit in the headline ("- WMC Action News 5 -
        // Memphis, Tennessee") says where the outlet is: its provinces weigh
        // as its address would, and its places are no place of the event.
        let (headline, credit) = doc.title.as_deref().map(split_credit).unwrap_or_default();
        let credited = if credit.is_empty() { Vec::new() } else { self.annotate_title(&credit, words, &home) };
        for place in &credited {
            if let Some(p) = crate::outlets::province(&self.gaz, place)
                && !home.contains(&p)
            {
                home.push(p);
            }
        }
        let mut title_places = self.annotate_title(&headline, words, &home);
        let Some(layers) = doc.annotations.as_mut() else { return };
        layers.places = self.annotate_from(&doc.text, words, &layers.sentences, &layers.entities, &home);
        // A headline's name that the article names too is the article's
        // place, resolved with all the article says ("Bristol" beside
        // "Sullivan County" and "Tennessee").
        for t in &mut title_places {
            if let Some(p) = layers.places.iter().find(|p| p.text.eq_ignore_ascii_case(&t.text)) {
                *t = Place {
                    span: t.span,
                    text: t.text.clone(),
                    description: t.description.clone(),
                    sentence: t.sentence,
                    ..p.clone()
                };
            }
        }
        place_mentions(&doc.text, &layers.places, &layers.sentences, &mut layers.mentions);
        let sentences: Vec<usize> = layers.mentions.iter().map(|m| m.sentence).collect();
        layers.event_place = event_place(&doc.text, &layers.places, &sentences, &title_places)
            .cloned()
            .or_else(|| self.address_town(doc.url.as_deref()?))
            .or_else(|| {
                let town = credited.into_iter().find(|p| p.precision == PlacePrecision::Town)?;
                Some(Place { span: Span::new(0, 0), basis: Some(CREDIT_BASIS.into()), ..town })
            });
    }

    /// The town a report's address names ("abc7chicago.com",
    /// ".../communities/harrisburg/..."), as a place of no span: where a
    /// report whose text and headline name no place most likely happened.
    fn address_town(&self, url: &str) -> Option<Place> {
        let c = self.home(url).into_iter().find(|&c| self.gaz.entry(c).kind == Kind::Town)?;
        let place = self.place_of(c, Span::new(0, 0), &self.gaz.entry(c).name, 0);
        Some(Place { basis: Some(ADDRESS_BASIS.into()), ..place })
    }

    /// The places a document's address names ([`Geoparser::home`]) and its
    /// outlet's home, when known.
    pub fn document_home(&self, doc: &sitrep_model::Document, outlet_home: Option<u32>) -> Vec<u32> {
        let mut home = doc.url.as_deref().map(|u| self.home(u)).unwrap_or_default();
        home.extend(outlet_home.filter(|h| !home.contains(h)));
        home
    }

    /// Count where `docs`, already geoparsed, place their events into
    /// `outlets`; then, for each of them, the home of its outlet to read it
    /// again with, where its event place lies outside that home or is
    /// unknown ([`crate::Outlets`]).
    pub fn outlet_homes(&self, outlets: &mut crate::Outlets, docs: &[sitrep_model::Document]) -> Vec<Option<u32>> {
        outlets.learn_homes(&self.gaz, docs)
    }

    /// The places of a headline (spans into `title`), read with the words
    /// of its article: a headline capitalises every word, so whether a word
    /// is a common one comes from the article (`body`).
    pub fn annotate_title(&self, title: &str, body: &Words, home: &[u32]) -> Vec<Place> {
        let words = Words::new(title);
        let sentences = [Sentence { span: Span::new(0, title.len()), paragraph: 0 }];
        let (mentions, cues) = self.mentions(title, &words, &sentences, &[], body);
        self.resolve(title, &words, mentions, &cues, &[], home)
    }

    /// Gazetteer names in the text, with their evidence, and the countries
    /// its institutions cue ([`crate::cues`]), read in the same pass.
    fn mentions(
        &self,
        text: &str,
        words: &Words,
        sentences: &[Sentence],
        entities: &[Entity],
        context: &Words,
    ) -> (Vec<Mention>, Vec<[u8; 2]>) {
        let toks = words.toks();
        // Names inside persons and organisations ("Bank of America", "Qods Force").
        let blocked: Vec<Span> = entities
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization | EntityKind::ArmedGroup))
            .map(|e| e.span)
            .collect();
        let is_blocked = |span: Span| {
            let at = blocked.partition_point(|b| b.end <= span.start);
            blocked.get(at).is_some_and(|b| b.start < span.end)
        };
        let (capitalised, cues) = self.capitalised_words(words, context);
        let mut buf = String::new();
        let lowercase = |k: &str| capitalised.get(k).is_some_and(|c| c.lowercase);
        let surname = |k: &str| capitalised.get(k).is_some_and(|c| c.surname);
        let mut out = Vec::new();
        let mut i = 0;
        let mut sentence = 0;
        while i < toks.len() {
            let t = &toks[i];
            // An article opens a name only with a hyphen ("al-Bukamal"): "At
            // Fort Worth" is Fort Worth, "As Suwayda" is Suwayda. The Spanish
            // article, no English word, opens one before a capital too ("El
            // Paso", "El Cajon").
            let opens = t.word
                && if t.upper {
                    let k = words.key(i);
                    let spanish = k == "el" && toks.get(i + 1).is_some_and(|n| n.word && n.upper);
                    !is_article(k) || spanish || next_is_hyphen(words, i)
                } else {
                    next_is_hyphen(words, i) && is_article(words.key(i))
                };
            if !opens {
                i += 1;
                continue;
            }
            // The longest run of name words that the gazetteer knows.
            let mut best: Option<usize> = None;
            let mut j = i;
            let mut n_words = 0;
            while j < toks.len() && n_words < 6 {
                let tj = &toks[j];
                if tj.word {
                    if j > i && tj.newline {
                        break;
                    }
                    let k = words.key(j);
                    let capital = tj.upper || tj.word && k.bytes().all(|b| b.is_ascii_digit());
                    if !capital && !is_particle(k) {
                        break;
                    }
                    n_words += 1;
                    if capital {
                        // A word alone was asked once for the document.
                        let alone = if j == i { capitalised.at(i) } else { None };
                        let (known, goes_on) = match alone {
                            Some(c) => (c.known, c.goes_on),
                            None => {
                                text_key(words, i..j + 1, &mut buf);
                                self.gaz.probe(&buf)
                            }
                        };
                        if known {
                            best = Some(j + 1);
                        }
                        // No place's name goes on from here.
                        if !goes_on && !is_article(k) {
                            break;
                        }
                    }
                } else if !(matches!(tj.punct, '-' | '\u{2010}' | '\u{2011}' | '.' | '\'') && j > i) {
                    break;
                }
                j += 1;
            }
            let Some(end) = best else {
                match self.unlisted_town(text, words, i, sentences, sentence, &is_blocked) {
                    Some(m) => {
                        sentence = m.sentence;
                        i = m.evidence.qualifier.map_or(m.toks.end, |q| q.end);
                        out.push(m);
                    }
                    None => i += 1,
                }
                continue;
            };
            text_key(words, i..end, &mut buf);
            let key = buf.clone();
            let span = Span::new(toks[i].start, toks[end - 1].end);
            let single = (i..end).filter(|&q| toks[q].word).count() == 1;
            // Two-letter names ("IN", "OR", "US") only in capitals.
            let short = key.len() <= 2 && !toks[i].caps;
            // "Eagle Drive", but "a St. Louis street" is in St. Louis.
            let address = toks.get(end).is_some_and(|t| t.word && t.upper && is_address_word(words.key(end)));
            // A name inside a longer proper noun is no place: "Austin Ramos",
            // "Dannielle Rangel", "Hollywood Recreation Center"; an agency
            // ("Dallas Police") or a direction ("South Philadelphia") is.
            // In a text in capitals, a capital beside the name says nothing.
            let shout = shouted(toks, i..end);
            let capital_word = |q: usize| {
                toks.get(q).is_some_and(|t| t.word && t.upper && !t.newline && !(shout && t.caps && toks[i].caps))
            };
            let inside_noun = single
                && ((capital_word(end) && !is_agency_word(words.key(end)) && !is_of_place_word(words.key(end)))
                    || (i > 0
                        && capital_word(i - 1)
                        && !toks[i].newline
                        && !is_direction(words.key(i - 1))
                        && !(sentence_start(toks, i - 1)
                            && (lowercase(words.key(i - 1)) || is_function_word(words.key(i - 1))))));
            // "IN COURT" is no Incourt, "A New Year" no Änew; "The Bronx" is.
            let opens_with_word = words.key(i) != "the" && is_function_word(words.key(i));
            let not_place = (single && is_not_place(words.key(i))) || is_not_place(&key) || opens_with_word;
            if short || address || not_place || inside_noun {
                i = end;
                continue;
            }
            // A place inside an organisation's name tells where the document
            // is ("Tennessee Bureau of Investigation") but is no place itself.
            let context_only = is_blocked(span);
            while sentences.get(sentence).is_some_and(|s| s.span.end <= span.start) {
                sentence += 1;
            }
            // "a Sandusky man", "Lexington police": a word after the name
            // that says a place is meant; not after a possessive ("Michael's
            // mother"), nor after a common word opening a sentence ("Call
            // police at …").
            let of_place = toks.get(end).is_some_and(|t| t.word)
                && is_of_place_word(words.key(end))
                && !toks[end - 1].possessive
                && !(single && sentence_start(toks, i) && lowercase(words.key(i)));
            let evidence = Evidence {
                locative: self.locative_before(words, i) || of_place,
                qualifier: self.qualifier_after(words, end),
                dateline: is_dateline(text, words, i, end),
            };
            let mut cands: Vec<u32> = self.gaz.lookup(&key).collect();
            // A dotted initialism ("L.A.", "N.Y.", "U.K.") stands for the
            // places whose words begin with its letters: Los Angeles, not
            // Louisiana ("La.").
            let initials = span.slice(text).and_then(dotted_initials);
            let spelled: Vec<u32> = initials
                .map(|l| cands.iter().copied().filter(|&c| name_initials(&self.gaz.entry(c).name) == l).collect())
                .unwrap_or_default();
            let spelled_out = !spelled.is_empty();
            if spelled_out {
                cands = spelled;
            }
            // Short names and acronyms ("IN", "SUV", "COS") stand only for
            // countries and provinces.
            // A city that is its own province keeps its short name ("D.C."
            // is the city of Washington as much as the district).
            if !spelled_out && (key.len() <= 2 || (single && toks[i].caps && key.len() <= 3)) {
                let provinces: Vec<_> = cands
                    .iter()
                    .map(|&c| self.gaz.entry(c))
                    .filter(|e| e.kind == Kind::Admin1)
                    .map(|e| (e.country, e.admin1))
                    .collect();
                cands.retain(|&c| {
                    let e = self.gaz.entry(c);
                    matches!(e.kind, Kind::Country | Kind::Admin1)
                        || (e.kind == Kind::Town && provinces.contains(&(e.country, e.admin1)))
                });
                if cands.is_empty() {
                    i = end;
                    continue;
                }
            }
            // A name the document writes in lowercase, or as a surname ("Acen
            // King" … "the King family"), needs more than its size; so does a
            // word that is only another name's alias ("Three", "Cloud").
            let written = evidence.locative || evidence.qualifier.is_some() || evidence.dateline;
            let common = single && (lowercase(words.key(i)) || surname(words.key(i)));
            // A transcript in capitals ("TONIGHT SHE TALKED TO ME"): its
            // capitals say nothing, only what is written around a name does.
            if !written && shout {
                i = end;
                continue;
            }
            if common && !written {
                cands.retain(|&c| matches!(self.gaz.entry(c).kind, Kind::Country | Kind::Admin1));
            }
            // A bare postal code is more often a word or a rifle ("expected
            // to be OK", "an AR-15") than the state: unless written as a
            // place, or with dots ("D.C."), it stands for a country only.
            if key.len() <= 2 && !written && !span.slice(text).unwrap_or_default().contains('.') {
                cands.retain(|&c| matches!(self.gaz.entry(c).kind, Kind::Country));
            }
            // "Daniel, 5, was shot": a name with an age after it is a person;
            // so is a surname in the possessive ("in Williams' death"), unless
            // it is a city's ("Chicago's South Side").
            let rest = text.get(span.end..).unwrap_or_default();
            if single && is_age_after(rest) {
                cands.retain(|&c| matches!(self.gaz.entry(c).kind, Kind::Country | Kind::Admin1));
            }
            if single && surname(words.key(i)) && is_possessive(rest) {
                cands.retain(|&c| {
                    let e = self.gaz.entry(c);
                    matches!(e.kind, Kind::Country | Kind::Admin1) || e.population >= LARGE_CITY
                });
            }
            // A town known by little more than its name (a postal town, of
            // no known population) is met only as it is spelled: "Colin" is no
            // Coolin, "Club" no Clubb.
            let doubled = doubled_letters(span.slice(text).unwrap_or_default());
            let as_spelled = |c: &u32| {
                let e = self.gaz.entry(*c);
                e.population > 0 || e.kind != Kind::Town || doubled_letters(&e.name) == doubled
            };
            cands.retain(as_spelled);
            if single && !written && !spelled_out {
                cands.retain(|&c| {
                    Gazetteer::is_main_name(c) || matches!(self.gaz.entry(c).kind, Kind::Country | Kind::Admin1)
                });
            }
            // "Dexter and Webb", "between Sycamore and Cedar": a corner of two
            // streets in a sentence about streets, no town; nor is "the 5900
            // block of South Peoria".
            if (single && is_corner(words, i, end, sentences.get(sentence).map(|s| s.span))) || is_block_of(words, i) {
                cands.retain(|&c| matches!(self.gaz.entry(c).kind, Kind::Country | Kind::Admin1));
            }
            if cands.is_empty() {
                i = end;
                continue;
            }
            let skip = evidence.qualifier.map_or(end, |q| q.end);
            let said = toks.get(end).filter(|t| t.word).and_then(|_| match words.key(end) {
                "state" | "province" | "governorate" | "oblast" | "region" => Some(Kind::Admin1),
                "county" | "district" | "parish" | "township" => Some(Kind::Admin2),
                "city" | "town" | "village" => Some(Kind::Town),
                _ => None,
            });
            let municipal =
                toks.get(end).is_some_and(|t| t.word) && matches!(words.key(end), "police" | "pd" | "mayor");
            // "Toone, Tennessee": a name its province qualifies is in that
            // province; when the gazetteer knows no such place there, it is
            // a town it lacks.
            // A list of states ("in Missouri, New York and Ohio") is no
            // town: a name that is a division of the qualifier's country.
            let division = |q: Qualifier| {
                move |c: &u32| {
                    let e = self.gaz.entry(*c);
                    matches!(e.kind, Kind::Country | Kind::Admin1) && e.country == q.country
                }
            };
            if let Some(q) = evidence.qualifier.filter(|q| q.admin1.is_some())
                && !cands.iter().any(|&c| self.fits(c, q))
                && !cands.iter().any(division(q))
            {
                if let Some(m) = self.unlisted_town(text, words, i, sentences, sentence, &is_blocked) {
                    i = skip.max(end);
                    out.push(m);
                    continue;
                }
                cands.retain(|&c| self.gaz.entry(c).country == q.country);
            }
            out.push(Mention {
                toks: i..end,
                span,
                key,
                cands,
                evidence,
                sentence,
                context_only,
                said,
                municipal,
                unlisted: false,
            });
            i = skip.max(end);
        }
        (out, cues)
    }

    /// What a document writes of each of its capitalised words, asked of
    /// the gazetteer once per word (a name recurs through a report), and
    /// the countries its institutions cue, read in the same pass over its
    /// words. `context` gives the lowercase words (a headline's are its
    /// article's).
    fn capitalised_words<'w>(&self, words: &'w Words, context: &Words) -> (CapitalisedWords<'w>, Vec<[u8; 2]>) {
        let toks = words.toks();
        // The second of two capitalised words inside a sentence is a
        // surname, mostly ("Acen King", "Anthony Ray"), unless the first
        // opens the sentence and is a common word; whether it is waits for
        // the lowercase words.
        let mut buf = String::new();
        let mut capitalised = CapitalisedWords {
            by_key: HashMap::default(),
            words: Vec::new(),
            at: vec![CapitalisedWords::NONE; toks.len()],
        };
        let mut after_first_words = Vec::new();
        let mut cues = crate::cues::COUNTRY_CUES.reader();
        for (i, t) in toks.iter().enumerate() {
            cues.read(words, i);
            if !(t.word && t.upper) {
                continue;
            }
            let table = &mut capitalised.words;
            let n = *capitalised.by_key.entry(words.key(i)).or_insert_with(|| {
                text_key(words, i..i + 1, &mut buf);
                let (known, goes_on) = self.gaz.probe(&buf);
                table.push(Capitalised { known, goes_on, ..Capitalised::default() });
                u32::try_from(table.len() - 1).unwrap_or(CapitalisedWords::NONE)
            });
            capitalised.at[i] = n;
            let Some(c) = capitalised.words.get_mut(n as usize) else { continue };
            c.opens_sentence |= sentence_start(toks, i);
            let pair = i > 0
                && toks[i - 1].word
                && toks[i - 1].upper
                && !t.newline
                && !toks[i - 1].caps
                && !t.caps
                && words.key(i).len() > 2;
            if pair && !sentence_start(toks, i - 1) {
                c.surname = true;
            } else if pair && !is_function_word(words.key(i - 1)) {
                after_first_words.push(i);
            }
        }
        // Whether the document also writes a word in lowercase ("Police")
        // is asked only of places' names and of sentences' first words that
        // are no function words: the sieve of those turns away most
        // lowercase words without a lookup.
        let mut asked = Sieve::default();
        for (k, &n) in &capitalised.by_key {
            let c = &capitalised.words[n as usize];
            if c.known || (c.opens_sentence && !is_function_word(k)) {
                asked.insert(k);
            }
        }
        for (i, t) in context.toks().iter().enumerate() {
            if t.word && !t.upper {
                let k = context.key(i);
                if asked.may_contain(k)
                    && let Some(c) = capitalised.get_mut(k)
                {
                    c.lowercase = true;
                }
            }
        }
        for q in after_first_words {
            if !capitalised.get(words.key(q - 1)).is_some_and(|c| c.lowercase)
                && let Some(c) = capitalised.get_mut(words.key(q))
            {
                c.surname = true;
            }
        }
        (capitalised, cues.countries())
    }

    /// Whether entry `c` lies where qualifier `q` says.
    fn fits(&self, c: u32, q: Qualifier) -> bool {
        let e = self.gaz.entry(c);
        e.country == q.country && (q.admin1.is_none() || e.admin1 == q.admin1 || e.kind == Kind::Country)
    }

    /// A town the gazetteer lacks, from token `i`: up to four capitalised
    /// words written after "in", "near" or "at", or opening a dateline, and
    /// followed by their province ("in Toone, Tennessee", "KOCHVILLE
    /// TOWNSHIP, Mich."). Its one candidate is the province.
    fn unlisted_town(
        &self,
        text: &str,
        words: &Words,
        i: usize,
        sentences: &[Sentence],
        sentence: usize,
        is_blocked: &impl Fn(Span) -> bool,
    ) -> Option<Mention> {
        let toks = words.toks();
        // Most capitalised words are no town: only a run of them followed
        // by a comma is read further.
        let run = toks[i..].iter().take(4).take_while(|t| t.word && t.upper).count();
        if !(1..=4).contains(&run) || !toks.get(i + run).is_some_and(|t| !t.word && t.punct == ',') {
            return None;
        }
        let mut end = i;
        while end < toks.len()
            && end - i < 4
            && toks[end].word
            && toks[end].upper
            && !(end > i && toks[end].newline)
            && (end > i && is_division_word(words.key(end))
                || !(is_not_place(words.key(end))
                    || is_locative(words.key(end))
                    || is_address_word(words.key(end))
                    || is_agency_word(words.key(end))))
        {
            end += 1;
        }
        if end == i || words.key(i).len() < 3 {
            return None;
        }
        let q = self.qualifier_after(words, end).filter(|q| q.admin1.is_some())?;
        let locative = self.locative_before(words, i);
        let dateline = is_dateline(text, words, i, end) || is_qualified_dateline(words, i, q.end);
        if !(locative || dateline) {
            return None;
        }
        let province = self.gaz.admin1(q.country, self.gaz.division(q.admin1?))?;
        let span = Span::new(toks[i].start, toks[end - 1].end);
        let mut key = String::new();
        text_key(words, i..end, &mut key);
        let sentence =
            sentence + sentences[sentence.min(sentences.len())..].partition_point(|s| s.span.end <= span.start);
        Some(Mention {
            toks: i..end,
            span,
            key,
            cands: vec![province],
            evidence: Evidence { locative, qualifier: Some(q), dateline },
            sentence,
            context_only: is_blocked(span),
            said: None,
            municipal: false,
            unlisted: true,
        })
    }

    /// A locative word before token `i` ("in", "near", "north of").
    fn locative_before(&self, words: &Words, i: usize) -> bool {
        let toks = words.toks();
        // "in South Toledo", "in southwest Macon", "in SE Bakersfield".
        let i = match i.checked_sub(1) {
            Some(p) if toks[p].word && is_direction(words.key(p)) => p,
            _ => i,
        };
        let prev = |k: usize| i.checked_sub(k).filter(|&p| toks[p].word).map(|p| words.key(p));
        match (prev(2), prev(1)) {
            (_, Some(k)) if is_locative(k) => true,
            // "in the city of X" comes as "of X"; "in southern X" as "southern X".
            (Some(k), Some("the")) => is_locative(k),
            _ => false,
        }
    }

    /// ", Illinois" / ", Ill." / ", Iraq" after the name ending at token `end`.
    fn qualifier_after(&self, words: &Words, end: usize) -> Option<Qualifier> {
        let toks = words.toks();
        let comma = toks.get(end)?;
        if comma.word || comma.punct != ',' {
            return None;
        }
        let mut key = String::new();
        let mut best = None;
        let mut j = end + 1;
        while j < toks.len() && j < end + 6 {
            let t = &toks[j];
            if !t.word {
                if t.punct == '.' && j > end + 1 {
                    j += 1;
                    continue;
                }
                break;
            }
            if !t.upper {
                break;
            }
            text_key(words, end + 1..j + 1, &mut key);
            // A longer name wins: "Delaware County" over "Delaware".
            let mut here: Option<Qualifier> = None;
            for c in self.gaz.lookup(&key) {
                let e = self.gaz.entry(c);
                let q = match e.kind {
                    Kind::Admin1 => Qualifier { country: e.country, admin1: e.admin1, admin2: None, end: j + 1 },
                    // Counties of one name lie in many states: the name alone.
                    Kind::Admin2 => Qualifier {
                        country: e.country,
                        admin1: None,
                        admin2: self.gaz.division_id(&e.name),
                        end: j + 1,
                    },
                    Kind::Country => Qualifier { country: e.country, admin1: None, admin2: None, end: j + 1 },
                    _ => continue,
                };
                // Of equals, the larger country's: "Maryland" is the state
                // before the county of Liberia.
                let people = |q: &Qualifier| {
                    self.gaz.country(std::str::from_utf8(&q.country).unwrap_or_default()).map_or(0, |c| c.population)
                };
                let rank = |q: &Qualifier| (q.admin1.is_some(), q.admin2.is_some(), people(q));
                if here.is_none_or(|h| rank(&q) > rank(&h)) {
                    here = Some(q);
                }
            }
            if here.is_some() {
                best = here;
            }
            j += 1;
        }
        // Take in the dot of an abbreviation ("Ill.").
        best.map(|mut q| {
            if toks.get(q.end).is_some_and(|t| !t.word && t.punct == '.') {
                q.end += 1;
            }
            q
        })
    }

    /// Resolve each mention to one entry, the document's context deciding.
    fn resolve(
        &self,
        text: &str,
        words: &Words,
        mentions: Vec<Mention>,
        cues: &[[u8; 2]],
        entities: &[Entity],
        home: &[u32],
    ) -> Vec<Place> {
        let g = &*self.gaz;
        let mentions = with_unlisted_named_again(mentions);
        // Countries the document names (entities, demonyms, qualifiers);
        // not a country inside a longer place name ("Panama City").
        let mut countries: HashMap<[u8; 2], f64> = HashMap::default();
        // Mentions are in text order and do not overlap: the one that may
        // hold an entity is the last that starts at or before it.
        let inside_place = |e: &Entity| {
            let before = mentions.partition_point(|m| m.span.start <= e.span.start);
            before.checked_sub(1).is_some_and(|k| {
                let m = &mentions[k].span;
                e.span.end <= m.end && m.len() > e.span.len()
            })
        };
        for e in entities.iter().filter(|e| !inside_place(e)) {
            if let Some(c) = e.country.as_deref().and_then(|c| <[u8; 2]>::try_from(c.as_bytes()).ok()) {
                *countries.entry(c).or_default() += 1.0;
            }
        }
        let mut admin1s: HashSet<u64> = HashSet::default();
        for m in &mentions {
            if let Some(q) = m.evidence.qualifier {
                *countries.entry(q.country).or_default() += 2.0;
                if let Some(a) = q.admin1 {
                    admin1s.insert(province_key(q.country, a));
                }
            }
            // A name of one country only tells the document's country.
            if let Some(c) = only_country(g, &m.cands) {
                *countries.entry(c).or_default() += 1.0;
            }
            // A province named without doubt ("Texas"; "Georgia", a province
            // or a country) tells the document's province; a name that may
            // also be a town ("Saint-Louis") does not, unless the town is a
            // small one (Tennessee, Illinois, is no doubt about Tennessee).
            let no_doubt = |c: u32| {
                let e = g.entry(c);
                matches!(e.kind, Kind::Admin1 | Kind::Country) || e.kind == Kind::Town && e.population < SMALL_TOWN
            };
            if m.cands.iter().any(|&c| g.entry(c).kind == Kind::Admin1) && m.cands.iter().all(|&c| no_doubt(c)) {
                for &c in &m.cands {
                    let e = g.entry(c);
                    if e.kind == Kind::Admin1
                        && let Some(a) = e.admin1
                    {
                        admin1s.insert(province_key(e.country, a));
                    }
                }
            }
            // So does a county of one province only ("Bertie County").
            if let Some(p) = only_province(g, &m.cands, Kind::Admin2) {
                admin1s.insert(p);
            }
        }
        // Institutions of one country ("the Sheriff's Office") tell it.
        for &c in cues {
            *countries.entry(c).or_default() += 1.0;
        }
        // A dateline crediting an American station names the country.
        if crate::source::credits_us_call_sign(text)
            && let Some(us) = g.country_id("US")
        {
            *countries.entry(g.entry(us).country).or_default() += 2.0;
        }
        // The places the report's address names weigh as a qualifier does,
        // but a province the report names itself weighs more than one its
        // outlet is at ("Highland Heights Police" in a Cincinnati station's
        // report that names Kentucky).
        let mut home_admin1s: HashSet<u64> = HashSet::default();
        for e in home.iter().map(|&c| g.entry(c)) {
            *countries.entry(e.country).or_default() += 2.0;
            if let Some(a) = e.admin1 {
                home_admin1s.insert(province_key(e.country, a));
            }
        }
        let nested = nested_pairs(g, &mentions);
        // What each candidate is, and what the document says of it, where
        // `countries` are the document's countries, weighed.
        let base = |m: &Mention, c: u32| -> f64 {
            let e = g.entry(c);
            let mut s = match e.kind {
                Kind::Country => 3.5,
                // A province named outright is no small town abroad
                // ("Florida" is no Florida, Cuba).
                Kind::Admin1 => 3.5,
                Kind::Site => 3.0,
                Kind::Region => 1.5,
                Kind::Admin2 => 1.0 + 0.3 * (e.population as f64 + 10.0).log10(),
                Kind::Town => 0.6 * (e.population as f64 + 10.0).log10(),
            };
            if m.said == Some(e.kind) {
                s += 5.0;
            }
            if m.municipal && e.kind == Kind::Town {
                s += 1.0;
            }
            // A name beats an alias ("Philadelphia" is no Amman), and the
            // name as written beats another spelling of it ("St. Louis" is
            // the one in Missouri, "Saint-Louis" the one in Senegal;
            // "Altoona" is no Altona, five times its size).
            let main = Gazetteer::is_main_name(c);
            if !main {
                s -= 1.0;
            } else if m.span.slice(text).is_some_and(|t| t.eq_ignore_ascii_case(&e.name)) {
                s += 1.0;
            }
            if let Some(q) = m.evidence.qualifier
                && q.country == e.country
            {
                s += 10.0;
                if q.admin1.is_some() && q.admin1 == e.admin1 {
                    s += 10.0;
                }
                if q.admin2.is_some() && q.admin2 == e.admin2 {
                    s += 10.0;
                }
            }
            if let Some(a) = e.admin1
                && e.kind != Kind::Admin1
            {
                if admin1s.contains(&province_key(e.country, a)) {
                    s += 2.0;
                } else if home_admin1s.contains(&province_key(e.country, a)) {
                    s += HOME_PROVINCE;
                }
            }
            if nested.contains(&c) {
                s += NESTED;
            }
            if e.kind == Kind::Town {
                // A capital (the point the gazetteer gives its country) is what
                // its bare name means ("Washington", "Baghdad").
                if main && g.is_capital(e) {
                    s += 1.5;
                }
            }
            // A city over the province of its name ("Baghdad", "New York"):
            // the province gives way, the city gains nothing over namesakes.
            if e.kind == Kind::Admin1
                && m.cands.iter().any(|&o| {
                    let t = g.entry(o);
                    t.kind == Kind::Town && Gazetteer::is_main_name(o) && t.country == e.country && t.admin1 == e.admin1
                })
            {
                s -= 1.5;
            }
            s
        };
        // The document's countries add to each candidate's score: four
        // times the share of the document's weight its country has.
        let own: Vec<Vec<f64>> = mentions.iter().map(|m| m.cands.iter().map(|&c| base(m, c)).collect()).collect();
        let bases_with = |countries: &HashMap<[u8; 2], f64>| -> Vec<Vec<f64>> {
            let total: f64 = countries.values().sum::<f64>().max(1.0);
            let weight = |c: u32| 4.0 * countries.get(&g.entry(c).country).copied().unwrap_or(0.0) / total;
            mentions
                .iter()
                .zip(&own)
                .map(|(m, own)| m.cands.iter().zip(own).map(|(&c, &b)| b + weight(c)).collect())
                .collect()
        };
        // The provinces and countries the document names, as first read,
        // tell its countries too: "Florida" makes Panama City the one in
        // Florida's country.
        let mut bases = bases_with(&countries);
        let named: Vec<[u8; 2]> = mentions
            .iter()
            .zip(&bases)
            .filter_map(|(m, b)| {
                let (c, _) = m.cands.iter().zip(b).max_by(|x, y| x.1.total_cmp(y.1))?;
                let e = g.entry(*c);
                (matches!(e.kind, Kind::Admin1 | Kind::Country) && !m.context_only).then_some(e.country)
            })
            .collect();
        if !named.is_empty() {
            for c in named {
                *countries.entry(c).or_default() += 1.0;
            }
            bases = bases_with(&countries);
        }
        // Nearness to the other places the document names: those of `fine`
        // but the mention's own first pick.
        let near_bonus = |c: u32, fine: &[(f64, f64, Option<u32>)], own: Option<(f64, f64, Option<u32>)>| -> f64 {
            let e = g.entry(c);
            let near = || fine.iter().filter(move |&&p| Some(p) != own);
            let mut s = 0.0;
            if near().any(|&(lat, lon, _)| within_km((lat, lon), (e.lat, e.lon), 75.0)) {
                s += 1.0;
            }
            if e.admin1.is_some() && near().any(|&(_, _, a)| a == e.admin1) {
                s += 1.0;
            }
            s
        };
        // First pass: each mention alone.
        let first: Vec<Option<u32>> =
            mentions.iter().zip(&bases).map(|(m, b)| best(m.cands.iter().copied().zip(b.iter().copied()))).collect();
        let accepted_keys: HashSet<&str> = mentions
            .iter()
            .zip(&first)
            .filter(|(m, c)| c.is_some_and(|c| self.accepted(m, c)))
            .map(|(m, _)| m.key.as_str())
            .collect();
        // Each once: a report names its town again and again.
        let mut fine: Vec<(f64, f64, Option<u32>)> = first
            .iter()
            .flatten()
            .chain(home)
            .map(|&c| g.entry(c))
            .filter(|e| matches!(e.kind, Kind::Town | Kind::Site))
            .map(|e| (e.lat, e.lon, e.admin1))
            .collect();
        fine.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        fine.dedup();
        // How many mentions of each name tell one country only.
        let mut naming: HashMap<(&str, u16), f64> = HashMap::default();
        for m in &mentions {
            if let Some(c) = only_country(g, &m.cands) {
                *naming.entry((m.key.as_str(), country_key(c))).or_default() += 1.0;
            }
        }
        // Second pass: each mention with the places around it, without its
        // own first pick. One name is one place in a document: a mention
        // with no qualifier of its own takes the candidate its name scores
        // best over all its mentions ("in Lafayette, about 45 miles west of
        // Baton Rouge" settles the bare "Lafayette" of the next paragraph).
        let scored: Vec<Vec<f64>> = mentions
            .iter()
            .zip(&first)
            .enumerate()
            .map(|(k, (m, first))| {
                let own = first.map(|c| (g.entry(c).lat, g.entry(c).lon, g.entry(c).admin1));
                m.cands.iter().zip(&bases[k]).map(|(&c, &b)| b + near_bonus(c, &fine, own)).collect()
            })
            .collect();
        let mut by_name: HashMap<(&str, u32), (f64, f64)> = HashMap::default();
        for (m, scores) in mentions.iter().zip(&scored) {
            for (&c, &s) in m.cands.iter().zip(scores) {
                let (sum, n) = by_name.entry((m.key.as_str(), c)).or_default();
                *sum += s;
                *n += 1.0;
            }
        }
        let mut out = Vec::new();
        for (m, scores) in mentions.iter().zip(&scored) {
            if m.context_only {
                continue;
            }
            let Some(own) = best(m.cands.iter().copied().zip(scores.iter().copied())) else { continue };
            // Among namesakes of the kind it reads as: "New York" may be the
            // city in one sentence and the state in the next.
            let c = if m.evidence.qualifier.is_some() {
                own
            } else {
                let kind = g.entry(own).kind;
                let mean = |c: u32| by_name.get(&(m.key.as_str(), c)).map_or(0.0, |&(sum, n)| sum / n);
                let namesakes = m.cands.iter().copied().filter(|&c| g.entry(c).kind == kind);
                best(namesakes.map(|c| (c, mean(c)))).unwrap_or(own)
            };
            if !(self.accepted(m, c) || accepted_keys.contains(m.key.as_str())) {
                continue;
            }
            // A small place in a country nothing else in the document names
            // is more likely a place the gazetteer lacks ("Rashidiya", Iraq,
            // is no Errachidia, Morocco).
            // Its own mentions, each naming its country, are no support.
            let e = g.entry(c);
            let own = naming.get(&(m.key.as_str(), country_key(e.country))).copied().unwrap_or(0.0);
            let support = countries.get(&e.country).copied().unwrap_or(0.0) - own;
            let elsewhere = countries.values().sum::<f64>() - own;
            if matches!(e.kind, Kind::Town | Kind::Admin2)
                && m.evidence.qualifier.is_none()
                && support <= 0.0
                && elsewhere >= 2.0
            {
                continue;
            }
            let written = m.span.slice(text).unwrap_or_default();
            let mut place = self.place_of(c, m.span, written, m.sentence);
            place.description = description_before(text, words, m.toks.clone());
            if m.unlisted {
                // The province's point, under the name as written.
                place.name = display_name(written);
                place.geonames_id = None;
                place.population = None;
            }
            out.push(place);
        }
        out
    }

    /// Gazetteer entry `c` as a place written `text` at `span`.
    fn place_of(&self, c: u32, span: Span, text: &str, sentence: usize) -> Place {
        let g = &*self.gaz;
        let e = g.entry(c);
        Place {
            span,
            text: text.to_string(),
            name: e.name.clone(),
            country: e.country_code().to_string(),
            admin1: e.admin1.map(|a| g.division(a).to_string()).filter(|a| !a.is_empty()),
            lat: e.lat,
            lon: e.lon,
            geonames_id: e.geonames_id,
            population: (e.population > 0).then_some(e.population),
            precision: e.kind.precision(),
            description: None,
            sentence,
            basis: None,
        }
    }

    /// Whether a mention resolved to entry `c` counts as a place on its own
    /// evidence: what is written around it, or what the entry is.
    fn accepted(&self, m: &Mention, c: u32) -> bool {
        let ev = m.evidence;
        if ev.locative || ev.qualifier.is_some() || ev.dateline {
            return true;
        }
        let multi = m.toks.len() > 1;
        let e = self.gaz.entry(c);
        match e.kind {
            Kind::Country | Kind::Admin1 | Kind::Site | Kind::Region => true,
            // "Anson County": a county says so in its name.
            Kind::Admin2 => multi || e.population >= LARGE_CITY,
            Kind::Town => e.population >= LARGE_CITY || (multi && e.population >= 1_000),
        }
    }
}

/// The candidate of the highest score (the first of equals).
fn best(scores: impl Iterator<Item = (u32, f64)>) -> Option<u32> {
    scores
        .fold(None, |best: Option<(u32, f64)>, (c, s)| match best {
            Some((_, t)) if t >= s => best,
            _ => Some((c, s)),
        })
        .map(|(c, _)| c)
}

/// A name as the text writes it, in capitals only where a name has them:
/// "KOCHVILLE TOWNSHIP" is "Kochville Township".
fn display_name(written: &str) -> String {
    let shouted = written.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if !shouted {
        return written.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = String::with_capacity(written.len());
    let mut start = true;
    for c in written.chars() {
        if c.is_alphabetic() {
            if start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(if c.is_whitespace() { ' ' } else { c });
            start = c.is_whitespace() || c == '-';
        }
    }
    out
}

/// Whether a place is a town the gazetteer lacks, named with its province:
/// its point is the province's, its name the town's.
pub fn is_unlisted(p: &Place) -> bool {
    p.geonames_id.is_none()
        && p.precision == sitrep_model::PlacePrecision::Province
        && p.admin1.as_deref().is_some_and(|a| !a.eq_ignore_ascii_case(&p.name))
}

/// The letters of a dotted initialism ("L.A." → "LA"), uppercase: two or
/// more letters, each followed by a dot.
fn dotted_initials(written: &str) -> Option<String> {
    let b = written.as_bytes();
    let ok = b.len() >= 4
        && b.len().is_multiple_of(2)
        && b.chunks(2).all(|p| p[0].is_ascii_alphabetic() && p[0].is_ascii_uppercase() && p[1] == b'.');
    ok.then(|| b.chunks(2).map(|p| char::from(p[0])).collect())
}

/// The initials of a name's capitalised words: "Los Angeles" → "LA",
/// "District of Columbia" → "DC".
fn name_initials(name: &str) -> String {
    name.split([' ', '-']).filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect()
}

/// Whether the text after a name gives an age: ", 19," or ", 19 years old".
/// How many letters of `name` repeat the one before, case and all but
/// ASCII letters and digits aside ("Tallahassee": 3; "St. Mary's": 0).
fn doubled_letters(name: &str) -> usize {
    let letters = name.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase());
    letters.clone().zip(letters.skip(1)).filter(|(a, b)| a == b).count()
}

fn is_age_after(rest: &str) -> bool {
    let Some(r) = rest.strip_prefix(", ") else { return false };
    let digits = r.bytes().take_while(u8::is_ascii_digit).count();
    let after = &r[digits..];
    (1..=3).contains(&digits) && (after.starts_with(',') || after.starts_with(" years old"))
}

/// Whether the text after a name makes it a possessive: "'s", "’s", or an
/// apostrophe alone ("Williams' death").
fn is_possessive(rest: &str) -> bool {
    ["'s ", "\u{2019}s ", "' ", "\u{2019} "].iter().any(|p| rest.starts_with(p))
}

/// The one country of all the entries, if they share one.
/// The province all candidates lie in, when they are all of `kind` and
/// lie in one (a [`province_key`]).
fn only_province(g: &Gazetteer, cands: &[u32], kind: Kind) -> Option<u64> {
    let mut province = None;
    for &c in cands {
        let e = g.entry(c);
        let here = province_key(e.country, e.admin1?);
        if e.kind != kind || province.is_some_and(|p| p != here) {
            return None;
        }
        province = Some(here);
    }
    province
}

/// A town the gazetteer lacks, named with its province once ("Felton, MN
/// (WDAY TV) -"), is that town wherever the document names it again
/// ("injured a girl in Felton"), not a namesake elsewhere.
fn with_unlisted_named_again(mut mentions: Vec<Mention>) -> Vec<Mention> {
    let unlisted: HashMap<String, (Vec<u32>, Option<Qualifier>)> = mentions
        .iter()
        .filter(|m| m.unlisted)
        .map(|m| (m.key.clone(), (m.cands.clone(), m.evidence.qualifier)))
        .collect();
    if unlisted.is_empty() {
        return mentions;
    }
    for m in mentions.iter_mut().filter(|m| !m.unlisted && m.evidence.qualifier.is_none()) {
        if let Some((cands, qualifier)) = unlisted.get(&m.key) {
            m.cands.clone_from(cands);
            m.evidence.qualifier = *qualifier;
            m.unlisted = true;
        }
    }
    mentions
}

/// The weight of a province the report's address or outlet is in.
const HOME_PROVINCE: f64 = 1.5;

/// What a town gains for lying in a county the document names, and the
/// county for holding it.
const NESTED: f64 = 3.0;

/// A town candidate that lies in a county candidate, and their province.
struct Nest {
    province: u64,
    town: u32,
    county: u32,
}

/// The candidates of a town and of a county, both named in the document,
/// where the one lies in the other ("Newark" and "Essex County": Newark,
/// New Jersey, and Essex County, New Jersey, of all their namesakes), when
/// the pairs that nest are all in one province. Cost: linear in the
/// candidates, through an index of the counties by province and name.
fn nested_pairs(g: &Gazetteer, mentions: &[Mention]) -> HashSet<u32> {
    let mut out = HashSet::default();
    let division = |c: u32| {
        let e = g.entry(c);
        Some((province_key(e.country, e.admin1?), e.admin2?))
    };
    let mut seen: HashSet<&str> = HashSet::default();
    let distinct: Vec<&Mention> = mentions.iter().filter(|m| seen.insert(m.key.as_str())).collect();
    let mut counties: HashMap<(u64, u32), Vec<(&str, u32)>> = HashMap::default();
    for m in &distinct {
        for &c in m.cands.iter().filter(|&&c| g.entry(c).kind == Kind::Admin2) {
            if let Some(d) = division(c) {
                counties.entry(d).or_default().push((m.key.as_str(), c));
            }
        }
    }
    if counties.is_empty() {
        return out;
    }
    // By the names of the town and the county: each nesting pair.
    let mut pairs: HashMap<(&str, &str), Vec<Nest>> = HashMap::default();
    for m in &distinct {
        for &c in m.cands.iter().filter(|&&c| g.entry(c).kind == Kind::Town) {
            let Some(d) = division(c) else { continue };
            for &(county, cc) in counties.get(&d).into_iter().flatten().filter(|(k, _)| *k != m.key) {
                pairs.entry((m.key.as_str(), county)).or_default().push(Nest { province: d.0, town: c, county: cc });
            }
        }
    }
    for nests in pairs.values() {
        if nests.iter().all(|n| n.province == nests[0].province) {
            out.extend(nests.iter().flat_map(|n| [n.town, n.county]));
        }
    }
    out
}

fn only_country(g: &Gazetteer, cands: &[u32]) -> Option<[u8; 2]> {
    let mut cs = cands.iter().map(|&c| g.entry(c).country);
    let first = cs.next()?;
    cs.all(|c| c == first).then_some(first)
}

fn next_is_hyphen(words: &Words, i: usize) -> bool {
    words.toks().get(i + 1).is_some_and(|t| !t.word && matches!(t.punct, '-' | '\u{2010}' | '\u{2011}'))
}

/// A dateline: the name opens a paragraph near the top, in capitals or
/// followed by a comma, a parenthesis or a dash ("BAGHDAD (Reuters) —").
fn is_dateline(text: &str, words: &Words, start: usize, end: usize) -> bool {
    let toks = words.toks();
    if !opens_paragraph_near_top(words, start) {
        return false;
    }
    let caps = (start..end).all(|i| !toks[i].word || toks[i].caps || words.key(i).len() < 2);
    let next = toks.get(end).filter(|t| !t.word).map(|t| t.punct);
    let after = text.get(toks[end - 1].end..).unwrap_or_default().trim_start();
    caps && matches!(next, Some(',' | '(' | '—' | '–' | '-')) || after.starts_with(" — ")
}

/// A dateline in any case whose province follows the name, then the
/// outlet or a dash: "Felton, MN (WDAY TV) -", "Troy, Ohio — ".
/// `qualified` is the token after the province.
fn is_qualified_dateline(words: &Words, start: usize, qualified: usize) -> bool {
    opens_paragraph_near_top(words, start)
        && words.toks().get(qualified).is_some_and(|t| !t.word && matches!(t.punct, '(' | '—' | '–' | '-'))
}

/// Whether token `start` opens a paragraph in the first 2,000 bytes, where
/// a dateline stands.
fn opens_paragraph_near_top(words: &Words, start: usize) -> bool {
    let toks = words.toks();
    (start == 0 || toks[start].newline) && toks[start].start <= 2_000
}

/// "27km north of", "just south of", "outside" before token `i`: the
/// relative description up to and with the name.
fn description_before(text: &str, words: &Words, name: Range<usize>) -> Option<String> {
    let toks = words.toks();
    let i = name.start;
    let of = i.checked_sub(1)?;
    if words.key(of) != "of" {
        return None;
    }
    let dir = of.checked_sub(1)?;
    let k = words.key(dir);
    let direction =
        matches!(k, "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast" | "southwest")
            || (k == "west" || k == "east") && dir > 0 && words.key(dir - 1) == "-";
    if !direction {
        return None;
    }
    let mut from = dir;
    // "north-east": the first half.
    if from >= 2 && !toks[from - 1].word && toks[from - 1].punct == '-' {
        from -= 2;
    }
    // "27km", "27 km", "30 miles", "just", "about".
    let mut p = from;
    while p > 0 && from - p < 3 {
        let q = p - 1;
        let k = words.key(q);
        let numeric = k.bytes().next().is_some_and(|b| b.is_ascii_digit());
        if numeric
            || matches!(k, "km" | "kilometers" | "kilometres" | "miles" | "mile" | "mi" | "just" | "about" | "some")
        {
            p = q;
        } else {
            break;
        }
    }
    let end = toks.get(name.end - 1)?.end;
    text.get(toks[p].start..end).map(str::to_string)
}

/// The word after byte `at` of `text`, lowercased, without a possessive.
fn word_after(text: &str, at: usize) -> String {
    let after = text.get(at..).unwrap_or_default().trim_start();
    let word: String = after.chars().take_while(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    word
}

/// The last eight words, lowercased, of the clause before the place at
/// byte `at`, when the clause ends with a locative word ("in", "at",
/// "near", "outside") that the place follows; the locative is left out.
fn words_before_locative(text: &str, at: usize) -> Option<Vec<String>> {
    const WINDOW: usize = 8;
    let clause = text.get(..at).unwrap_or_default();
    let clause = clause.rfind(['.', ';', '!', '?', '\n']).map_or(clause, |i| &clause[i + 1..]);
    let mut words: Vec<String> =
        clause.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let last = words.pop()?;
    if !matches!(last.as_str(), "in" | "at" | "near" | "outside") {
        return None;
    }
    Some(words.split_off(words.len().saturating_sub(WINDOW)))
}

/// Whether the place at byte `at` is where a victim was cared for, not
/// where it happened: "taken to Advocate Christ Medical Center in Oak
/// Lawn", "a hospital in Evanston", "transported to a trauma center near
/// Dayton". The clause before the name holds a hospital's word, or a verb
/// of carrying someone followed by "to".
fn is_care_place(text: &str, at: usize) -> bool {
    let Some(window) = words_before_locative(text, at) else { return false };
    let hospital = window.iter().any(|w| is_care_word(w));
    let carried = window.windows(2).any(|p| {
        matches!(
            p[0].as_str(),
            "taken" | "transported" | "rushed" | "flown" | "airlifted" | "transferred" | "driven" | "brought"
        ) && p[1] == "to"
    }) || window.iter().any(|w| w == "treated");
    hospital || carried
}

/// Whether the place at byte `at` is where someone was arrested, not where
/// it happened: "was arrested Friday night in Pine Hills", "Demetrius Ward
/// was arrested about 11:39 p.m. Sunday in West Oakland". A verb of arrest
/// in the clause before the name, with no word of violence after it ("was
/// arrested after a shooting in Orchard Mesa" names the shooting's place).
fn is_arrest_place(text: &str, at: usize) -> bool {
    let Some(window) = words_before_locative(text, at) else { return false };
    let Some(arrest) = window.iter().rposition(|w| {
        matches!(w.as_str(), "arrested" | "apprehended" | "captured" | "booked" | "jailed" | "detained" | "custody")
    }) else {
        return false;
    };
    !window[arrest..].iter().any(|w| {
        matches!(
            w.as_str(),
            "shooting" | "shot" | "killed" | "killing" | "homicide" | "murder" | "slaying" | "attack" | "fire"
        )
    })
}

/// Whether the capitalised words that go on from byte `at` of `text` name
/// a place of care the place's name begins: "Yale-New Haven Hospital",
/// "Providence Alaska Medical Center", "Bridgeport Hospital".
fn names_care(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or_default();
    rest.split([' ', '-', '\u{2010}'])
        .skip_while(|w| w.is_empty())
        .take(4)
        .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
        .any(|w| is_care_word(&w.trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase()))
}

/// Whether the sentence that goes on from byte `at` of `text` tells of a
/// court's work: "… received 3 years' probation", "… has been charged",
/// "The trial of a man …".
fn is_court_story(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or_default();
    let mut end = rest.len().min(400);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let rest = &rest[..end];
    let first = sitrep_extract::sentences::split(rest).first().and_then(|s| s.span.slice(rest)).unwrap_or_default();
    first.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "charged"
                | "charges"
                | "sentenced"
                | "sentencing"
                | "trial"
                | "court"
                | "probation"
                | "pleaded"
                | "plea"
                | "bail"
                | "bond"
                | "arraigned"
                | "indicted"
                | "indictment"
                | "jury"
                | "juror"
                | "convicted"
                | "prosecutor"
                | "prosecutors"
                | "suspects"
        )
    })
}

/// Whether a lowercase word names a place of care ("hospital", "medical").
fn is_care_word(w: &str) -> bool {
    matches!(w, "hospital" | "hospitals" | "medical" | "clinic" | "infirmary" | "trauma" | "hospice")
}

/// The word before byte `at` of `text`, lowercased.
fn word_before(text: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or_default().trim_end();
    let word: String = before.chars().rev().take_while(|c| c.is_alphanumeric()).collect();
    word.chars().rev().flat_map(char::to_lowercase).collect()
}

/// Set the place of each event mention: the place its own sentence gives
/// (chosen as [`event_place`] chooses among that sentence's places), else
/// the place of the mention before it in the same paragraph.
pub fn place_mentions(text: &str, places: &[Place], sentences: &[Sentence], mentions: &mut [EventMention]) {
    let mut prev: Option<(usize, Option<String>)> = None;
    for m in mentions {
        let paragraph = sentences.get(m.sentence).map(|s| s.paragraph);
        // Places are in text order: the sentence's are one run of them.
        let a = places.partition_point(|p| p.sentence < m.sentence);
        let here = &places[a..a + places[a..].partition_point(|p| p.sentence == m.sentence)];
        let own = event_place(text, here, &[m.sentence], &[]).map(|p| p.name.clone());
        let inherited = prev.as_ref().filter(|(p, _)| Some(*p) == paragraph).and_then(|(_, place)| place.clone());
        m.place = own.or(inherited);
        if let Some(paragraph) = paragraph {
            prev = Some((paragraph, m.place.clone()));
        }
    }
}

/// The place where the event a document reports happened, of the places of
/// its text and of its headline. In order: a town or site written after
/// "in", "at" or "near" in the sentences of its first event mentions; any
/// town or site in those sentences, other than the dateline's where the
/// dateline opens a story of a court's work (the court's town); the
/// dateline's town; the headline's
/// town or site; a district in those sentences or in the headline; the
/// town or site the text names most; the first place named. A
/// neighbourhood (a town with no police of its own in the text) gives way
/// to the city around it that the document names, a county to the town in
/// it the document names most, and a small town of a state nothing else in
/// the document names to the town the document names most in the state two
/// or more of its places lie in; a large city, named with no province after
/// it, so gives way to a large city there named more often ("in Austin" of
/// a report that names Chicago three times).
pub fn event_place<'p>(
    text: &str,
    places: &'p [Place],
    mention_sentences: &[usize],
    title_places: &'p [Place],
) -> Option<&'p Place> {
    use sitrep_model::PlacePrecision as P;
    let chosen = first_event_place(text, places, mention_sentences, title_places)?;
    // "on Broadway" in an Oakland report is no Broadway, Virginia: a small
    // town in a state that no other place of the document lies in, where
    // two or more lie in one other state, is more likely a name the
    // gazetteer lacks there (a street, a business, a neighbourhood).
    let large = |p: &Place| p.population.is_some_and(|n| n >= LARGE_CITY);
    // A town of unknown population is a small one (a postal town).
    let small = chosen.population.is_none_or(|n| n < LARGE_CITY);
    // "in Austin" in a Chicago report is Chicago's Austin; "in Austin,
    // Texas" is not: a large city gives way only to a large city, and
    // stays where a province follows it.
    let qualified = || {
        places.iter().filter(|p| p.name == chosen.name).any(|p| {
            let rest = text.get(p.span.end..).unwrap_or_default();
            rest.strip_prefix(", ").is_some_and(|r| r.starts_with(char::is_uppercase))
        })
    };
    let unsure = chosen.precision == P::Town && (small || large(chosen) && !qualified());
    let Some(own) = chosen.admin1.as_deref().filter(|_| unsure) else { return Some(chosen) };
    // Each state's places, and the largest population among them.
    let mut states: HashMap<&str, (usize, u64)> = HashMap::default();
    for p in places.iter().filter(|p| p.name != chosen.name && p.country == chosen.country) {
        if let Some(a) = p.admin1.as_deref() {
            let (n, largest) = states.entry(a).or_default();
            *n += 1;
            *largest = (*largest).max(p.population.unwrap_or(0));
        }
    }
    if states.contains_key(own) {
        return Some(chosen);
    }
    // A town of unknown population (a postal town) gives way to one place
    // of another state; a town of known size to two.
    let least = if chosen.population.is_none() { 1 } else { 2 };
    // Of states named as often, the one of the largest place.
    let Some((state, _)) =
        states.into_iter().filter(|&(_, (n, _))| n >= least).max_by_key(|&(s, n)| (n, std::cmp::Reverse(s)))
    else {
        return Some(chosen);
    };
    let in_state = |p: &&Place| {
        p.name != chosen.name
            && p.country == chosen.country
            && p.admin1.as_deref() == Some(state)
            && p.precision == P::Town
            && !is_unlisted(p)
            && (small || large(p))
    };
    let times = |name: &str| places.iter().filter(|p| p.name == name).count();
    let city = named_most(places.iter().filter(in_state)).filter(|p| small || times(&p.name) > times(&chosen.name));
    Some(city.unwrap_or(chosen))
}

/// Of `places`, the name written most often (the first written of equals),
/// as its first place.
fn named_most<'p>(places: impl Iterator<Item = &'p Place>) -> Option<&'p Place> {
    let mut counts: HashMap<&str, (usize, usize, &Place)> = HashMap::default();
    for (i, p) in places.enumerate() {
        counts.entry(p.name.as_str()).or_insert((0, i, p)).0 += 1;
    }
    counts.into_values().max_by_key(|&(n, first, _)| (n, std::cmp::Reverse(first))).map(|(_, _, p)| p)
}

/// [`event_place`] before the check of the chosen town's state.
fn first_event_place<'p>(
    text: &str,
    places: &'p [Place],
    mention_sentences: &[usize],
    title_places: &'p [Place],
) -> Option<&'p Place> {
    use sitrep_model::PlacePrecision as P;
    // "the Harris County Sheriff's Office": an agency, not where it happened.
    let agency = |p: &Place| is_agency_word(&word_after(text, p.span.end)) && p.precision != P::Town;
    let town = |p: &Place| (p.precision.is_local() || is_unlisted(p)) && !agency(p);
    let district = |p: &Place| p.precision == P::District && !agency(p);
    // Where someone was arrested or held is not where it happened: "two
    // men were arrested in Memphis in the shooting".
    let held = |p: &Place| {
        let w = word_before(text, p.span.start);
        let at = text.get(..p.span.start).unwrap_or_default().trim_end().len().saturating_sub(w.len());
        matches!(w.as_str(), "in" | "at" | "near")
            && matches!(
                word_before(text, at).as_str(),
                "arrested" | "captured" | "apprehended" | "jailed" | "booked" | "detained" | "extradited" | "caught"
            )
    };
    let where_it_happened = |p: &Place| {
        let mut at = p.span.start;
        let mut w = word_before(text, at);
        // "in South Toledo", "in southwest Macon".
        if is_direction(&w) {
            at = text.get(..at).unwrap_or_default().trim_end().len() - w.len();
            w = word_before(text, at);
        }
        matches!(w.as_str(), "in" | "at" | "near" | "outside") && !held(p)
    };
    let in_mentions = || mention_sentences.iter().take(3).flat_map(|&s| places.iter().filter(move |p| p.sentence == s));
    let dateline = places.first().filter(|p| {
        p.span.start < 100 && town(p) && p.text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
    });
    // Where someone was taken or came from is not where it happened: "flown
    // to Tallahassee", "a Fargo hospital", "from Raleigh".
    let elsewhere = |p: &Place| {
        held(p)
            || matches!(word_before(text, p.span.start).as_str(), "to" | "from" | "toward" | "towards" | "into" | "of")
            || matches!(word_after(text, p.span.end).as_str(), "hospital" | "medical" | "regional" | "memorial")
    };
    let care = |p: &Place| {
        is_care_place(text, p.span.start) || names_care(text, p.span.end) || is_arrest_place(text, p.span.start)
    };
    let chosen = in_mentions()
        .find(|p| town(p) && where_it_happened(p) && !care(p))
        // "MORRISON – Rock Falls teen Brady Osborne received 3 years'
        // probation": the dateline of a court's story is the court's town.
        .or_else(|| {
            let court = dateline.filter(|d| is_court_story(text, d.span.end))?;
            in_mentions().filter(|p| !std::ptr::eq(court, *p)).find(|p| town(p) && !elsewhere(p) && !care(p))
        })
        .or_else(|| in_mentions().find(|p| town(p) && !elsewhere(p) && !care(p)))
        .or(dateline)
        .or_else(|| title_places.iter().find(|p| town(p)))
        .or_else(|| in_mentions().find(|p| district(p)))
        .or_else(|| title_places.iter().find(|p| district(p)))
        .or_else(|| named_most(places.iter().filter(|p| town(p))))
        .or_else(|| title_places.first())
        .or_else(|| places.first())?;
    // A county gives way to the town in it the document names most (the
    // earliest of equals): "Gwinnett County police … in Buford".
    let in_county = |p: &&Place| {
        town(p)
            && !is_unlisted(p)
            && p.admin1 == chosen.admin1
            && p.country == chosen.country
            && within_km((p.lat, p.lon), (chosen.lat, chosen.lon), 40.0)
    };
    let chosen = if chosen.precision == P::District {
        named_most(places.iter().filter(in_county)).unwrap_or(chosen)
    } else {
        chosen
    };
    // A small town far from the dateline's city is more likely a local name
    // the gazetteer lacks than a town of another state ("CHICAGO — … in
    // Brainerd").
    if let Some(d) = dateline
        && !std::ptr::eq(d, chosen)
        && chosen.precision == P::Town
        && chosen.population.is_none_or(|n| n < LARGE_CITY)
        && !within_km((d.lat, d.lon), (chosen.lat, chosen.lon), FAR_KM)
    {
        return Some(d);
    }
    // "the Austin neighborhood": a part of the city the document is about,
    // the town it names most among the large ones.
    if matches!(word_after(text, chosen.span.end).as_str(), "neighborhood" | "neighbourhood" | "section" | "district") {
        let large = |p: &&Place| {
            p.precision == P::Town && p.population.is_some_and(|n| n >= LARGE_CITY) && !std::ptr::eq(*p, chosen)
        };
        if let Some(city) = named_most(places.iter().chain(title_places).filter(large)) {
            return Some(city);
        }
    }
    // A neighbourhood gives way to the city around it that the document
    // names: a town five times its size within 15 km, in the same province
    // (the smallest such: Brooklyn before New York City). A town with its
    // own police ("Beech Grove police") is a municipality, no neighbourhood.
    let policed = places.iter().any(|p| p.name == chosen.name && word_after(text, p.span.end) == "police");
    if chosen.precision == P::Town && !policed {
        let size = chosen.population.unwrap_or(0);
        let city = places
            .iter()
            .chain(title_places)
            .filter(|p| {
                p.precision == P::Town
                    && p.population.is_some_and(|n| n >= LARGE_CITY && n >= size.saturating_mul(5))
                    && p.admin1 == chosen.admin1
                    && within_km((p.lat, p.lon), (chosen.lat, chosen.lon), 15.0)
            })
            .min_by_key(|p| p.population);
        if let Some(city) = city {
            return Some(city);
        }
    }
    Some(chosen)
}

/// A headline cut in two of the same length, each blank where the other
/// is: the headline proper, and the outlet's credit in it
/// ([`crate::source::outlet_credit`]; empty when there is none). Spans
/// into either are spans into the headline.
fn split_credit(title: &str) -> (String, String) {
    let credit = crate::source::outlet_credit(title);
    if credit.is_empty() {
        return (title.to_string(), String::new());
    }
    let in_credit = |i: usize| credit.iter().any(|r| r.contains(&i));
    let mut headline = String::with_capacity(title.len());
    let mut outlet = String::with_capacity(title.len());
    for (i, c) in title.char_indices() {
        let (keep, blank) = if in_credit(i) { (&mut outlet, &mut headline) } else { (&mut headline, &mut outlet) };
        keep.push(c);
        blank.extend(std::iter::repeat_n(' ', c.len_utf8()));
    }
    (headline, outlet)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_extract::sentences;

    /// (text, name, country, admin1) of each place of `text`, read with the
    /// actor lexicon as `sitrep run` does.
    fn places(text: &str) -> Vec<Place> {
        let words = Words::new(text);
        let sents = sentences::split(text);
        let ents = sitrep_extract::Entities::builtin().annotate(text, &words, &sents);
        Geoparser::default().annotate(text, &words, &sents, &ents)
    }

    /// The event place of `text`, whose event mention is in its first
    /// sentence.
    fn event_place_in(text: &str) -> Option<Place> {
        event_place(text, &places(text), &[0], &[]).cloned()
    }

    fn find<'p>(ps: &'p [Place], surface: &str) -> &'p Place {
        ps.iter().find(|p| p.text == surface).unwrap_or_else(|| panic!("no place {surface:?} in {ps:#?}"))
    }

    #[test]
    fn bases_and_towns_of_the_seed_reports() {
        let ps = places(
            "Rockets struck Camp Taji, a base just north of Baghdad, on Wednesday. Explosions were heard in \
             Qaim and in al-Bukamal across the border. Iran hit the Ain Al Assad air base in Anbar in January, \
             after a strike near Baghdad International Airport.",
        );
        let taji = find(&ps, "Camp Taji");
        assert!(within_km((taji.lat, taji.lon), (33.52, 44.26), 15.0));
        assert_eq!((taji.country.as_str(), taji.precision), ("IQ", sitrep_model::PlacePrecision::Site));
        let baghdad = find(&ps, "Baghdad");
        assert_eq!((baghdad.name.as_str(), baghdad.description.as_deref()), ("Baghdad", Some("just north of Baghdad")));
        assert_eq!(find(&ps, "Qaim").country, "IQ");
        assert_eq!(find(&ps, "al-Bukamal").country, "SY");
        assert_eq!(find(&ps, "Ain Al Assad").admin1.as_deref(), Some("Anbar"));
        assert_eq!(find(&ps, "Anbar").precision, sitrep_model::PlacePrecision::Province);
        assert_eq!(find(&ps, "Baghdad International Airport").country, "IQ");
    }

    #[test]
    fn a_province_the_report_names_outweighs_its_outlets() {
        let g = Geoparser::default();
        // A report from Cincinnati, Ohio, by its address.
        let home = g.home("http://www.cincinnati.com/story/news/x/");
        assert!(home.iter().any(|&c| g.gaz.entry(c).admin1.map(|a| g.gaz.division(a)) == Some("Ohio")), "{home:?}");
        let places_at_home = |text: &str| g.annotate_from(text, &Words::new(text), &sentences::split(text), &[], &home);
        let ps =
            places_at_home("Highland Heights Police said the child was shot at home. Kentucky State Police assisted.");
        assert_eq!(find(&ps, "Highland Heights").admin1.as_deref(), Some("Kentucky"));
        // With nothing named, the outlet's province decides.
        let ps = places_at_home("Highland Heights Police said the child was shot at home.");
        assert_eq!(find(&ps, "Highland Heights").admin1.as_deref(), Some("Ohio"));
    }

    #[test]
    fn qualifiers_and_context_pick_among_namesakes() {
        let ps = places("SPRINGFIELD, Ill. — Two men were shot on Monday.");
        assert_eq!(find(&ps, "SPRINGFIELD").admin1.as_deref(), Some("Illinois"));
        let ps = places("A man was shot in Springfield, Massachusetts, late Sunday.");
        assert_eq!(find(&ps, "Springfield").admin1.as_deref(), Some("Massachusetts"));
        // The state named elsewhere in the document decides.
        let ps = places("Police in Tennessee said the shooting happened in Columbia on Friday.");
        assert_eq!(find(&ps, "Columbia").admin1.as_deref(), Some("Tennessee"));
        let ps = places("Police in Philadelphia are looking for a gunman.");
        assert_eq!(find(&ps, "Philadelphia").country, "US", "a name beats an old alias (Amman)");
        // Doubled letters fold for transliterations, but the spelling as
        // written outweighs a larger namesake's other spelling.
        let ps = places("Police said a teen was shot in Altoona on Friday.");
        assert_eq!(find(&ps, "Altoona").name, "Altoona", "no Altona, Hamburg");
        let ps = places("He was taken to a hospital in Tulsa and is expected to be OK, police in the US said.");
        assert!(!ps.iter().any(|p| p.text == "OK"), "no Oklahoma in {ps:?}");
        assert!(ps.iter().any(|p| p.text == "US"));
        // The Spanish article opens a name.
        let ps = places("A man was shot in El Paso on Friday, and another in El Cajon.");
        assert_eq!(find(&ps, "El Paso").admin1.as_deref(), Some("Texas"));
        assert_eq!(find(&ps, "El Cajon").admin1.as_deref(), Some("California"));
        // A dotted initialism is the place whose words it spells.
        let ps = places("A man was shot in L.A. on Friday; another in Albany, N.Y., and one in the U.K.");
        assert_eq!(find(&ps, "L.A.").name, "Los Angeles", "not Louisiana (La.)");
        assert_eq!(find(&ps, "Albany").admin1.as_deref(), Some("New York"));
        assert_eq!(find(&ps, "U.K.").country, "GB");
    }

    #[test]
    fn a_town_and_the_county_that_holds_it_are_read_together() {
        // Dallas, Georgia, in Paulding County: not the far larger Dallas,
        // Texas (there is a Paulding County in Ohio too, with no Dallas).
        let ps = places("The shooting happened at a home in Dallas, the Paulding County Sheriff's Office said.");
        assert_eq!(find(&ps, "Dallas").admin1.as_deref(), Some("Georgia"), "{ps:#?}");
        // Lowell, Ohio, in Washington County, one of thirty of that name:
        // not Lowell, Massachusetts.
        let ps = places("The girl was shot in Lowell, and the Washington County Sheriff's Office is investigating.");
        assert_eq!(find(&ps, "Lowell").admin1.as_deref(), Some("Ohio"), "{ps:#?}");
        assert_eq!(find(&ps, "Washington County").admin1.as_deref(), Some("Ohio"), "{ps:#?}");
    }

    #[test]
    fn one_name_is_one_place_in_a_document() {
        let text = "LAFAYETTE, La. — A gunman opened fire in a movie theater on Thursday. \
                    The shooting in Lafayette recalled the one in Aurora, Colorado, near Denver, \
                    and Lafayette police said the gunman had been in Boulder.";
        let ps = places(text);
        let lafayettes: Vec<_> = ps.iter().filter(|p| p.name == "Lafayette").map(|p| p.admin1.as_deref()).collect();
        assert_eq!(lafayettes, [Some("Louisiana"); 3], "{ps:#?}");
    }

    #[test]
    fn institutions_and_offices_tell_the_country_and_the_town() {
        // Panama City, Florida: the country inside the name is no evidence,
        // the police department is.
        let ps = places("The Panama City Police Department received a call reporting a child had been shot.");
        assert_eq!(find(&ps, "Panama City").admin1.as_deref(), Some("Florida"), "{ps:#?}");
        // A town's police, not the province of Toledo, Belize.
        let ps = places("Toledo Police have confirmed that a baby shot on Sunday has died.");
        assert_eq!(find(&ps, "Toledo").admin1.as_deref(), Some("Ohio"), "{ps:#?}");
    }

    #[test]
    fn small_towns_said_to_be_places() {
        // Sandusky, Ohio (25,000 people) needs what is written around it.
        let ps = places("A Sandusky man was sentenced on Monday.");
        assert_eq!(find(&ps, "Sandusky").admin1.as_deref(), Some("Ohio"));
        let ps = places("Frankfort Teen Accidentally Shot");
        assert!(ps.iter().any(|p| p.text == "Frankfort"), "{ps:#?}");
    }

    #[test]
    fn names_that_are_no_places() {
        let text = "The second suspect in the death of Austin Ramos Jr. was arrested at 300 Eagle Drive. \
                    Officers said an SUV struck a car. In all, four were hurt.";
        let ps = places(text);
        assert!(ps.iter().all(|p| !matches!(p.text.as_str(), "Austin" | "Eagle" | "SUV" | "In")), "{ps:#?}");
        // An age after a name, a surname in the possessive.
        let text = "Daniel, 5, was shot in an apartment. Carl Johnson was charged. Mary Williams was his aunt. \
                    He was charged in Williams' death.";
        let ps = places(text);
        assert!(ps.iter().all(|p| !matches!(p.text.as_str(), "Daniel" | "Williams")), "{ps:#?}");
        assert!(!places("He was shot in Chicago's Austin neighborhood, in West Chicago.").is_empty());
    }

    #[test]
    fn a_town_the_gazetteer_lacks_is_named_with_its_province() {
        let ps = places("Two men were charged with murdering a teenager in Possum Trot, Kentucky, on Friday.");
        let town = find(&ps, "Possum Trot");
        assert_eq!(
            (town.name.as_str(), town.admin1.as_deref(), town.country.as_str()),
            ("Possum Trot", Some("Kentucky"), "US")
        );
        assert!(is_unlisted(town) && town.precision == sitrep_model::PlacePrecision::Province, "{town:#?}");
        let ps = places("KOCHVILLE TOWNSHIP, Mich. — Five people were hurt at a party.");
        assert_eq!(find(&ps, "KOCHVILLE TOWNSHIP").name, "Kochville Township");
        // A dateline in any case, with the outlet after the province; the
        // town named again is the same town, not Felton, California.
        let ps =
            places("Cane Ridge, TN (WKRN) - Deputies are investigating a shooting that injured a girl in Cane Ridge.");
        assert_eq!(ps.len(), 2, "{ps:#?}");
        assert!(ps.iter().all(|p| is_unlisted(p) && p.admin1.as_deref() == Some("Tennessee")), "{ps:#?}");
        // A region of another country by that name does not stop it.
        let ps = places("A woman was shot in Marlborough, N.Y., on Monday.");
        let marlborough = find(&ps, "Marlborough");
        assert_eq!((marlborough.admin1.as_deref(), marlborough.country.as_str()), (Some("New York"), "US"));
        // A municipality's title is no part of its name.
        let ps = places("The City of Montgomery has taken action to close the club.");
        assert!(ps.iter().all(|p| p.text == "Montgomery" && p.admin1.as_deref() == Some("Alabama")), "{ps:#?}");
        // A county of one province tells the report's province.
        let ps = places("A man was shot in Jacksonville on Sunday, the Onslow County Sheriff said.");
        assert_eq!(find(&ps, "Jacksonville").admin1.as_deref(), Some("North Carolina"), "{ps:#?}");
        // A list of states is no town in a state.
        let ps = places("Grand juries in Missouri, New York and Ohio chose not to indict.");
        assert!(ps.iter().all(|p| !is_unlisted(p)), "{ps:#?}");
        // Of two provinces of one name, the larger country's.
        let ps = places("A funeral will be held at a church in Hollywood, Maryland, on Tuesday.");
        assert_eq!(find(&ps, "Hollywood").country, "US", "{ps:#?}");
    }

    #[test]
    fn words_and_capitals_that_are_no_places() {
        let ps = places("Four men were shot outside a bar. One man died. Seven were detained.");
        assert!(ps.is_empty(), "{ps:#?}");
        let ps = places("TONIGHT SHE TALKED TO ME ABOUT WHAT IS A PARKING LOT IN COURT");
        assert!(ps.is_empty(), "{ps:#?}");
        let ps = places("Metro police said the student was shot near the University on Friday.");
        assert!(ps.is_empty(), "{ps:#?}");
        let ps = places("FOR IMMEDIATE RELEASE PITTSBURGH, PA – Four people were shot.");
        assert_eq!(find(&ps, "PITTSBURGH").admin1.as_deref(), Some("Pennsylvania"), "{ps:#?}");
    }

    #[test]
    fn street_corners_are_no_towns() {
        let ps = places("Police canvassed the area of Dexter and Webb, two blocks from the shooting.");
        assert!(ps.iter().all(|p| p.text != "Dexter" && p.text != "Webb"), "{ps:#?}");
        let ps = places("Fighting spread between Iraq and Syria on Friday.");
        assert!(ps.iter().any(|p| p.text == "Iraq") && ps.iter().any(|p| p.text == "Syria"), "{ps:#?}");
        let ps = places(
            "Paramedics responded to the 5900 block of South Peoria, then to the 100 block of W. Cottage Grove \
             in Chicago.",
        );
        assert_eq!(ps.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(), ["Chicago"], "{ps:#?}");
    }

    #[test]
    fn where_a_victim_was_taken_is_not_where_it_happened() {
        let text = "VALDOSTA, Ga. — A man was shot Friday and flown to Tallahassee for treatment.";
        let ps = places(text);
        let p = event_place(text, &ps, &[0], &[]).expect("a place");
        assert_eq!(p.text, "VALDOSTA", "{ps:#?}");
        // Nor where a suspect was arrested.
        let text = "NASHVILLE, Tenn. — Police said two men were arrested in Memphis in the shooting that killed a man.";
        let ps = places(text);
        let p = event_place(text, &ps, &[0], &[]).expect("a place");
        assert_eq!(p.text, "NASHVILLE", "{ps:#?}");
        let text = "TAVARES, Fla. - A woman suspected of shooting a 2-year-old in a drive-by was arrested Friday \
                    night in Pine Hills, police said.";
        let ps = places(text);
        let p = event_place(text, &ps, &[0], &[]).expect("a place");
        assert_eq!(p.text, "TAVARES", "{ps:#?}");
        // But a place the clause gives to the shooting is the shooting's.
        assert!(!is_arrest_place("He was arrested after a shooting in ", 36));
    }

    #[test]
    fn the_dateline_of_a_courts_story_is_the_courts_town() {
        let event_place_of = |text: &str| event_place_in(text).map(|p| p.text);
        let text = "EVERETT, Wash. - A Lake Stevens man will face criminal charges after his 3-year-old son shot \
                    himself with his father's handgun.";
        assert_eq!(event_place_of(text).as_deref(), Some("Lake Stevens"));
        // A dateline of a story of the shooting itself stays its place.
        let text = "EVERETT, Wash. - A Lake Stevens man was shot and wounded on Tuesday, police said.";
        assert_eq!(event_place_of(text).as_deref(), Some("EVERETT"));
        assert!(is_court_story(text.replace("was shot", "was charged").as_str(), 7));
        assert!(!is_court_story("EVERETT, Wash. - A man was shot. He was charged.", 7), "the first sentence only");
    }

    #[test]
    fn where_a_victim_was_treated_is_not_where_it_happened() {
        let text = "A man was shot on Elm Street in Chicago on Sunday and taken in serious condition to Advocate \
                    Christ Medical Center in Oak Lawn, police said.";
        let ps = places(text);
        assert_eq!(event_place(text, &ps, &[0], &[]).map(|p| p.name.as_str()), Some("Chicago"), "{ps:#?}");
        assert!(is_care_place(text, text.find("Oak Lawn").expect("in the text")));
        assert!(!is_care_place(text, text.find("Chicago").expect("in the text")));
        // A hospital named after a town is no more the place than one in it.
        let text = "The boy is at Yale-New Haven Hospital after his father's gun went off at their home in Monroe.";
        let ps = places(text);
        assert_eq!(event_place(text, &ps, &[0], &[]).map(|p| p.name.as_str()), Some("Monroe"), "{ps:#?}");
        assert!(names_care(text, text.find("-New").expect("in the text")));
        assert!(names_care("Bridgeport Hospital", 10));
        assert!(!names_care("Monroe police said", 6));
    }

    #[test]
    fn the_event_happened_where_the_mention_says() {
        let text = "CHICAGO — Five teens were hospitalized after a shooting Monday night in Englewood. \
                    The Cook County Sheriff's Office is investigating.";
        let mut doc_places = places(text);
        // The mention is in the first sentence.
        let p = event_place(text, &doc_places, &[0], &[]).expect("a place");
        assert_eq!(p.name, "Chicago", "a neighbourhood gives way to its city: {doc_places:#?}");
        doc_places.retain(|p| p.text != "CHICAGO");
        let p = event_place(text, &doc_places, &[0], &[]).expect("a place");
        assert_eq!(p.text, "Englewood");
        // A town with its own police is a municipality beside the city.
        let text = "INDIANAPOLIS — Two people are dead after a shooting in Beech Grove. \
                    Beech Grove police are investigating.";
        let doc_places = places(text);
        let p = event_place(text, &doc_places, &[0], &[]).expect("a place");
        assert_eq!(p.name, "Beech Grove", "{doc_places:#?}");
    }

    #[test]
    fn a_small_town_of_a_state_nothing_else_names_gives_way() {
        let text = "A man was shot near Broadway on Tuesday, Oakland police said. \
                    He was taken to a hospital in Oakland, California.";
        let doc_places = places(text);
        let p = event_place(text, &doc_places, &[0], &[]).expect("a place");
        assert_eq!((p.name.as_str(), p.admin1.as_deref()), ("Oakland", Some("California")), "{doc_places:#?}");
    }

    #[test]
    fn towns_of_the_zip_code_list() {
        // Towns GeoNames lists as divisions only, or as no place at all.
        for (text, name, state) in [
            ("An 11-year-old boy was shot in Monroe, Conn., on Sunday.", "Monroe", "Connecticut"),
            ("Two men were charged with murdering a teenager in Toone, Tennessee.", "Toone", "Tennessee"),
            ("A man was shot in Antioch, Tenn., on Monday.", "Antioch", "Tennessee"),
        ] {
            let ps = places(text);
            let p = ps.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name} in {ps:#?}"));
            assert_eq!(p.admin1.as_deref(), Some(state), "{ps:#?}");
            assert_eq!(p.precision, sitrep_model::PlacePrecision::Town, "{ps:#?}");
            assert!(p.population.is_none() && !is_unlisted(p), "{p:#?}");
        }
        // Met only as spelled: "Colin" is no Coolin, Idaho.
        let ps = places("The principal wrote to the families about Colin’s passing and to Colin’s friends.");
        assert!(ps.is_empty(), "{ps:#?}");
        assert_eq!(doubled_letters("Tallahassee"), 3);
        assert_eq!(doubled_letters("St. Mary's"), 0);
    }

    #[test]
    fn a_person_or_a_verb_before_an_of_place_word_is_no_place() {
        // "a Sandusky mother" is of Sandusky; "Michael's mother" is not of
        // Michael, Illinois.
        let ps = places("\"We were robbed,\" said Myrtle Parsons, Michael's mother. Michael's father agreed.");
        assert!(ps.is_empty(), "{ps:#?}");
        // "Call police at …" opens a sentence with a verb the text writes in
        // lowercase too.
        let ps = places("Anyone who saw it should call. Call police at 202-727-9099 with information.");
        assert!(ps.iter().all(|p| p.text != "Call"), "{ps:#?}");
    }

    #[test]
    fn a_province_is_named_without_doubt_beside_a_small_town_of_its_name() {
        // Tennessee, Illinois, a village, casts no doubt on the state.
        let text = "A man shot at passing cars along a Tennessee highway. \
                    He faces a charge for the shootings in Bristol last week.";
        let ps = places(text);
        assert_eq!(find(&ps, "Bristol").admin1.as_deref(), Some("Tennessee"), "{ps:#?}");
    }

    #[test]
    fn a_postal_town_of_a_state_nothing_else_names_gives_way_to_one_place() {
        let event_place_of = |text: &str| event_place_in(text).map(|p| (p.name, p.admin1));
        // Cincinnati's Mount Auburn is no Mount Auburn, Illinois.
        let text = "A young girl was killed and her father was injured Wednesday in a shooting in Mount Auburn. \
                    Cincinnati police are investigating.";
        assert_eq!(event_place_of(text), Some(("Cincinnati".into(), Some("Ohio".into()))));
        // Of two states named as often, the one of the larger place.
        let text = "A girl was shot in Homewood on Sunday. The suspect was arrested in East Liberty; \
                    he had lived in East Liberty. Pittsburgh police said Pittsburgh officers made the arrest.";
        assert_eq!(event_place_of(text).map(|p| p.1), Some(Some("Pennsylvania".into())));
    }

    #[test]
    fn a_large_city_of_a_state_nothing_else_names_gives_way_to_one_named_more() {
        let event_place_of = |text: &str| event_place_in(text).map(|p| (p.name, p.admin1));
        // Chicago's Austin, which the gazetteer lacks, is no Austin, Texas.
        let text = "A man was shot and killed Sunday in Austin on the West Side, Chicago police said. \
                    He was taken to a Chicago hospital. Chicago officers are looking for the gunman.";
        assert_eq!(event_place_of(text), Some(("Chicago".into(), Some("Illinois".into()))));
        // Named with its state, it stays.
        let text = "A man was shot and killed Sunday in Austin, Texas, Chicago police said. \
                    He was taken to a Chicago hospital. Chicago officers are looking for the gunman.";
        assert_eq!(event_place_of(text), Some(("Austin".into(), Some("Texas".into()))));
        // A large city gives way to no small town, nor to a city named no
        // more often than it.
        let text = "A man was shot and killed Sunday in Austin. He had lived in Skokie, and Skokie police know him.";
        assert_eq!(event_place_of(text).map(|p| p.0), Some("Austin".into()));
        let text = "A man was shot and killed Sunday in Austin. He had lived in Chicago and in Evanston.";
        assert_eq!(event_place_of(text).map(|p| p.0), Some("Austin".into()));
    }

    #[test]
    fn a_county_gives_way_to_the_town_in_it_the_document_names() {
        let text = "A man was shot Tuesday in Gwinnett County, police said. \
                    Officers found him outside a store in Buford. Buford police are helping.";
        let doc_places = places(text);
        let p = event_place(text, &doc_places, &[0], &[]).expect("a place");
        assert_eq!((p.name.as_str(), p.admin1.as_deref()), ("Buford", Some("Georgia")), "{doc_places:#?}");
        // A town of that name far from the county is another place.
        let text = "A man was shot Tuesday in Gwinnett County, police said. He had moved from Savannah.";
        let doc_places = places(text);
        let p = event_place(text, &doc_places, &[0], &[]).expect("a place");
        assert_eq!(p.name, "Gwinnett County", "{doc_places:#?}");
    }
}
