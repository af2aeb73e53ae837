//! The gazetteer: places with coordinates, country, divisions and
//! population, and an index from name keys to places.
//!
//! The bundled data (`data/gazetteer.tsv`, made from GeoNames by
//! `scripts/gazetteer.py`) has three sections, each opened by a line
//! `@countries`, `@admin1` or `@places`:
//!
//! ```text
//! @countries  cc  name  lat  lon  population  aliases
//! @admin1     cc  code  name  lat  lon  aliases
//! @places     name  lat  lon  cc  admin1  admin2  population  feature  aliases  [geonames_id]
//! ```
//!
//! The supplement (`data/supplement.tsv`, and any user file in the same
//! format) lists what city lists miss: bases, airports, crossings, camps,
//! provinces, one a line:
//!
//! ```text
//! name  lat  lon  cc  admin1  kind  aliases
//! ```
//!
//! `kind` is one of `military_base`, `air_base`, `airport`,
//! `border_crossing`, `camp`, `site`, `district`, `province`, `region`.
//! Aliases are separated by `|`; `#` starts a comment line.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use foldhash::HashMap;
use sitrep_model::PlacePrecision;

use crate::names::{Keyer, name_key};

/// The bundled GeoNames extract.
pub const BUNDLED: &str = include_str!("../data/gazetteer.tsv");
/// The bundled supplement of bases, airports, crossings and provinces.
pub const SUPPLEMENT: &str = include_str!("../data/supplement.tsv");

/// Why gazetteer data could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}, line {line}: {message}")]
pub struct GazetteerError {
    pub source_name: String,
    pub line: usize,
    pub message: String,
}

/// What a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Country,
    /// A first-level division: state, province, governorate.
    Admin1,
    /// A second-level division: county, district.
    Admin2,
    /// A populated place.
    Town,
    /// A base, airport, crossing or camp.
    Site,
    /// A named region that is no division ("the Sahel", "Kurdistan").
    Region,
}

impl Kind {
    pub fn precision(self) -> PlacePrecision {
        match self {
            Kind::Country => PlacePrecision::Country,
            Kind::Admin1 | Kind::Region => PlacePrecision::Province,
            Kind::Admin2 => PlacePrecision::District,
            Kind::Town => PlacePrecision::Town,
            Kind::Site => PlacePrecision::Site,
        }
    }
}

/// One place.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2.
    pub country: [u8; 2],
    /// Index of its first-level division (see [`Gazetteer::division`]).
    pub admin1: Option<u32>,
    /// Index of its second-level division (see [`Gazetteer::division`]).
    pub admin2: Option<u32>,
    pub population: u64,
    pub kind: Kind,
    pub geonames_id: Option<u64>,
}

impl Entry {
    pub fn country_code(&self) -> &str {
        std::str::from_utf8(&self.country).unwrap_or("XX")
    }
}

/// Places and the index of their names.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Division names, interned ("Texas", "Al Anbar").
    divisions: Names,
    /// Name keys → entries, and the keys of the first words of names of
    /// more than one word, so that a reader stops extending a name no place
    /// has.
    index: Index,
    /// A filter of the index's keys, to turn away most words that are no
    /// name's without reading the table.
    filter: Filter,
    /// The entry of each country code.
    countries: HashMap<[u8; 2], u32>,
    /// The entry of each (country, admin1 name key).
    /// First-level divisions by (country, name key); the country packed
    /// by [`country_key`].
    admin1: HashMap<(u16, String), u32>,
}

/// The name index: the hits of each key, sorted by the key's fingerprint
/// once loading ends ([`Index::seal`]). A fingerprint is two independent
/// hashes of the key (96 bits): among a million keys, the chance that two
/// share one is about 10^-17, so no key is stored. The first words of a
/// name of several words have a row of their own, whose hit is [`PREFIX`]:
/// one read of the table tells whether a key is a name and whether a name
/// goes on from it.
#[derive(Clone, Debug, Default)]
struct Index {
    /// (fingerprint, hit), sorted by fingerprint when sealed.
    rows: Vec<(Fingerprint, u32)>,
    /// Where the rows of each bucket (the top bits of a fingerprint) start;
    /// one more entry closes the last.
    buckets: Vec<u32>,
    shift: u32,
    sorted: bool,
    keyer: Keyer,
}

type Fingerprint = (u64, u32);

impl Index {
    fn fingerprint(key: &str) -> Fingerprint {
        use std::hash::BuildHasher;
        let a = foldhash::fast::FixedState::with_seed(0x5173_7265).hash_one(key);
        let b = foldhash::fast::FixedState::with_seed(0x6765_6f21).hash_one(key);
        (a, b as u32)
    }

    /// Index `name` for `hit`, and its first words; gives back its key's
    /// fingerprint.
    fn insert(&mut self, name: &str, hit: u32) -> Option<Fingerprint> {
        let key = self.keyer.key(name);
        if key.is_empty() {
            return None;
        }
        let f = Index::fingerprint(key);
        self.rows.push((f, hit));
        self.rows.extend(self.keyer.prefixes().map(|p| (Index::fingerprint(p), PREFIX)));
        self.sorted = false;
        Some(f)
    }

    /// Index an alias, unless its key is the main name's (`main`). A
    /// municipality's title is no part of its name: GeoNames gives
    /// Montgomery, Minnesota the alias "City of Montgomery", which would
    /// make "the City of Montgomery" in a report from Alabama that town.
    fn insert_alias(&mut self, alias: &str, hit: u32, main: Option<Fingerprint>) {
        const TITLES: [&str; 5] = ["City", "Town", "Village", "Borough", "Township"];
        let alias = TITLES
            .iter()
            .find_map(|title| alias.strip_prefix(title).and_then(|rest| rest.strip_prefix(" of ")))
            .unwrap_or(alias);
        // Nor is a title alone a name ("The City" of Oakville, Connecticut).
        if TITLES.contains(&alias.strip_prefix("The ").unwrap_or(alias)) {
            return;
        }
        let key = self.keyer.key(alias);
        if key.is_empty() {
            return;
        }
        let f = Index::fingerprint(key);
        if Some(f) != main {
            self.rows.push((f, hit));
            self.rows.extend(self.keyer.prefixes().map(|p| (Index::fingerprint(p), PREFIX)));
            self.sorted = false;
        }
    }

    /// Place the rows in buckets by the top bits of their fingerprints
    /// (about one row a bucket; a counting sort), merging the rows of one
    /// (key, entry): the merged row is a main name's if either was. The
    /// buckets are parted in ranges, one a thread, each placed and merged
    /// in its own part of the table.
    fn seal(&mut self) {
        if self.sorted {
            return;
        }
        let bits = self.rows.len().max(2).next_power_of_two().trailing_zeros();
        self.shift = 64 - bits;
        let n_buckets = 1usize << bits;
        let bucket = |f: Fingerprint| usize::try_from(f.0 >> (64 - bits)).unwrap_or(0);
        let mut starts = vec![0u32; n_buckets + 1];
        for r in &self.rows {
            starts[bucket(r.0) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 4).min(n_buckets);
        let ranges: Vec<Range<usize>> =
            (0..threads).map(|p| p * n_buckets / threads..(p + 1) * n_buckets / threads).collect();
        let mut placed = vec![(Fingerprint::default(), 0u32); self.rows.len()];
        let (rows, starts) = (&self.rows, &starts);
        // Each range's rows, merged, and its buckets' starts within them.
        let merged: Vec<(usize, Vec<u32>)> = std::thread::scope(|scope| {
            let mut rest = placed.as_mut_slice();
            let handles: Vec<_> = ranges
                .iter()
                .map(|range| {
                    let len = (starts[range.end] - starts[range.start]) as usize;
                    let (part, tail) = std::mem::take(&mut rest).split_at_mut(len);
                    rest = tail;
                    let range = range.clone();
                    scope.spawn(move || seal_range(rows, starts, range, bucket, part))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        });
        drop(std::mem::take(&mut self.rows));
        // Close the gaps the merges left between the ranges.
        let mut buckets = Vec::with_capacity(n_buckets + 1);
        let mut written = 0;
        for (range, (n, starts_within)) in ranges.iter().zip(merged) {
            let from = starts[range.start] as usize;
            placed.copy_within(from..from + n, written);
            buckets.extend(starts_within.iter().map(|&b| u32::try_from(written).unwrap_or(u32::MAX).saturating_add(b)));
            written += n;
        }
        buckets.push(u32::try_from(written).unwrap_or(u32::MAX));
        placed.truncate(written);
        self.rows = placed;
        self.buckets = buckets;
        self.sorted = true;
    }

    /// The hits of `key`'s names.
    fn get(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        self.get_fingerprint(Index::fingerprint(key)).filter(|&hit| hit != PREFIX)
    }

    /// The rows of fingerprint `f`: hits, and [`PREFIX`] where names go on.
    fn get_fingerprint(&self, f: Fingerprint) -> impl Iterator<Item = u32> + '_ {
        debug_assert!(self.sorted, "the index is sealed after loading");
        let b = usize::try_from(f.0 >> self.shift).unwrap_or(0);
        let (from, to) = match (self.buckets.get(b), self.buckets.get(b + 1)) {
            (Some(&a), Some(&z)) => (a as usize, z as usize),
            _ => (0, 0),
        };
        self.rows[from..to].iter().filter(move |r| r.0 == f).map(|r| r.1)
    }
}

/// Place the rows of buckets `range` in `part` (whose length is their
/// count), merging repeats within each bucket in place: a row is written
/// at or before where it was read. Gives the rows kept and where each
/// bucket's start within `part`.
fn seal_range(
    rows: &[(Fingerprint, u32)],
    starts: &[u32],
    range: Range<usize>,
    bucket: impl Fn(Fingerprint) -> usize,
    part: &mut [(Fingerprint, u32)],
) -> (usize, Vec<u32>) {
    let base = starts[range.start];
    let mut next: Vec<u32> = starts[range.clone()].iter().map(|&s| s - base).collect();
    for &r in rows {
        let b = bucket(r.0);
        if range.contains(&b) {
            let at = &mut next[b - range.start];
            part[*at as usize] = r;
            *at += 1;
        }
    }
    let mut written = 0;
    let mut buckets = Vec::with_capacity(range.len());
    for b in range {
        buckets.push(u32::try_from(written).unwrap_or(u32::MAX));
        let first = written;
        for r in (starts[b] - base) as usize..(starts[b + 1] - base) as usize {
            let (f, hit) = part[r];
            let same = part[first..written]
                .iter_mut()
                .find(|(g, h): &&mut (Fingerprint, u32)| *g == f && *h & !MAIN_NAME == hit & !MAIN_NAME);
            match same {
                Some(row) => row.1 |= hit & MAIN_NAME,
                None => {
                    part[written] = (f, hit);
                    written += 1;
                }
            }
        }
    }
    (written, buckets)
}

/// A blocked Bloom filter of an index's fingerprints: three bits in one
/// 64-bit word per key, four to eight bits of filter per key (a word per
/// sixteen keys, rounded up to a power of two), so that a key outside the
/// set passes about once in fifteen. The filter of the bundled gazetteer's
/// names and first words (678,278 keys, 512 KiB) stays in a core's cache
/// where the index (15 MiB) does not: a probe of a word that is no place's
/// name (half of all probes) costs no read from memory.
#[derive(Clone, Debug, Default)]
struct Filter {
    words: Vec<u64>,
}

impl Filter {
    /// The filter of the keys of `index`.
    fn new(index: &Index) -> Filter {
        let mut filter = Filter { words: vec![0; (index.rows.len() / 16).max(1).next_power_of_two()] };
        for r in &index.rows {
            let (word, bits) = filter.slot(r.0);
            filter.words[word] |= bits;
        }
        filter
    }

    /// The word of fingerprint `f` (from its first hash) and its three bits
    /// (from its second).
    fn slot(&self, f: Fingerprint) -> (usize, u64) {
        let word = usize::try_from(f.0).unwrap_or(0) & (self.words.len() - 1);
        let bits = (1u64 << (f.1 & 63)) | (1u64 << ((f.1 >> 6) & 63)) | (1u64 << ((f.1 >> 12) & 63));
        (word, bits)
    }

    /// False when `f` is surely not in the set.
    fn may_contain(&self, f: Fingerprint) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let (word, bits) = self.slot(f);
        self.words[word] & bits == bits
    }
}

/// A country code as one number, for keys of maps and sets.
///
/// rustc 1.95 (and the 1.97 nightly) miscompile some insertions of tuple
/// keys holding a `[u8; 2]` beside a `u32` in optimised builds: equal keys
/// land as distinct entries holding a wrong number. Keys made of integers
/// only are not affected (`province_key`, and the test below).
pub fn country_key(country: [u8; 2]) -> u16 {
    u16::from_be_bytes(country)
}

/// A first-level division of a country as one number, for keys of maps
/// and sets (see [`country_key`]).
pub fn province_key(country: [u8; 2], admin1: u32) -> u64 {
    u64::from(country_key(country)) << 32 | u64::from(admin1)
}

/// The bit of a hit that says the entry's own name matched.
pub(crate) const MAIN_NAME: u32 = 1 << 31;

/// The hit of a row that marks the first words of a name, no entry's.
const PREFIX: u32 = u32::MAX;

/// A shared gazetteer (cheap to clone).
pub type SharedGazetteer = Arc<Gazetteer>;

fn field<'a>(cols: &[&'a str], i: usize) -> &'a str {
    cols.get(i).copied().unwrap_or("").trim()
}

/// A data line of a gazetteer file: its columns, and where it stands for
/// errors.
struct Line<'a> {
    cols: [&'a str; 10],
    n_cols: usize,
    source_name: &'a str,
    line: usize,
}

impl<'a> Line<'a> {
    fn field(&self, j: usize) -> &'a str {
        field(&self.cols, j)
    }

    fn err(&self, message: impl Into<String>) -> GazetteerError {
        GazetteerError { source_name: self.source_name.to_string(), line: self.line, message: message.into() }
    }

    fn num(&self, j: usize) -> Result<f64, GazetteerError> {
        self.field(j).parse().map_err(|_| self.err(format!("column {} is not a number", j + 1)))
    }

    fn country(&self, j: usize) -> Result<[u8; 2], GazetteerError> {
        country_code(self.field(j))
            .ok_or_else(|| self.err(format!("country {:?} is not an ISO 3166-1 alpha-2 code", self.field(j))))
    }
}

/// The data lines of `text`, whose first line is number `first` of
/// `source_name`; blank and comment lines are skipped.
fn data_lines<'a>(source_name: &'a str, first: usize, text: &'a str) -> impl Iterator<Item = Line<'a>> {
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')).map(move |(k, l)| {
        let (cols, n_cols) = columns(l);
        Line { cols, n_cols, source_name, line: first + k }
    })
}

/// The first ten tab-separated columns of a line ("" past its end), and how
/// many it has.
fn columns(line: &str) -> ([&str; 10], usize) {
    let mut cols = [""; 10];
    let mut n = 0;
    for col in line.split('\t') {
        if let Some(slot) = cols.get_mut(n) {
            *slot = col;
        }
        n += 1;
    }
    (cols, n)
}

fn country_code(s: &str) -> Option<[u8; 2]> {
    let b = s.as_bytes();
    (b.len() == 2 && b.iter().all(u8::is_ascii_uppercase)).then(|| [b[0], b[1]])
}

impl Gazetteer {
    /// The bundled gazetteer with the bundled supplement, read once.
    pub fn bundled() -> SharedGazetteer {
        static BUNDLED_GAZETTEER: LazyLock<SharedGazetteer> = LazyLock::new(|| {
            let mut g = Gazetteer::default();
            g.read_geonames("gazetteer.tsv", BUNDLED).expect("the bundled gazetteer parses");
            g.read_supplement("supplement.tsv", SUPPLEMENT).expect("the bundled supplement parses");
            g.seal();
            Arc::new(g)
        });
        BUNDLED_GAZETTEER.clone()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of a hit of [`Gazetteer::lookup`].
    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[(i & !MAIN_NAME) as usize]
    }

    /// Whether a hit of [`Gazetteer::lookup`] matched the entry's own name,
    /// not one of its aliases.
    pub fn is_main_name(i: u32) -> bool {
        i & MAIN_NAME != 0
    }

    /// The index of a division name.
    pub fn division_id(&self, name: &str) -> Option<u32> {
        self.divisions.id(name)
    }

    /// The name of a division index.
    pub fn division(&self, i: u32) -> &str {
        self.divisions.name(i)
    }

    /// The places whose name or alias has `key` ([`crate::name_key`]), as
    /// hits for [`Gazetteer::entry`] and [`Gazetteer::is_main_name`].
    pub fn lookup(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        self.index.get(key)
    }

    /// Whether some place has `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.index.get(key).next().is_some()
    }

    /// Whether some place has `key`, and whether some place's name of
    /// several words starts with the words whose key is `key`.
    pub fn probe(&self, key: &str) -> (bool, bool) {
        let f = Index::fingerprint(key);
        if !self.filter.may_contain(f) {
            return (false, false);
        }
        self.index
            .get_fingerprint(f)
            .fold((false, false), |(known, goes_on), hit| (known || hit != PREFIX, goes_on || hit == PREFIX))
    }

    /// The entry of a country.
    pub fn country(&self, code: &str) -> Option<&Entry> {
        country_code(code).and_then(|c| self.countries.get(&c)).map(|&i| self.entry(i))
    }

    /// Whether `e` lies at the point the gazetteer gives its country: a
    /// capital.
    pub fn is_capital(&self, e: &Entry) -> bool {
        self.countries.get(&e.country).is_some_and(|&c| {
            let c = self.entry(c);
            within_km((c.lat, c.lon), (e.lat, e.lon), 0.5)
        })
    }

    /// The entry (for [`Gazetteer::entry`]) of the country with ISO code `code`.
    pub fn country_id(&self, code: &str) -> Option<u32> {
        country_code(code).and_then(|c| self.countries.get(&c)).copied()
    }

    /// The first-level division named `name` in `country`.
    pub fn admin1(&self, country: [u8; 2], name: &str) -> Option<u32> {
        self.admin1.get(&(country_key(country), name_key(name))).copied()
    }

    fn intern(&mut self, name: &str) -> Option<u32> {
        self.divisions.intern(name)
    }

    fn push(&mut self, entry: Entry, aliases: &str) -> u32 {
        let id = u32::try_from(self.entries.len()).unwrap_or(u32::MAX) & !MAIN_NAME;
        let main = self.index.insert(&entry.name, id | MAIN_NAME);
        for alias in aliases.split('|').map(str::trim).filter(|a| !a.is_empty()) {
            self.index.insert_alias(alias, id, main);
        }
        self.entries.push(entry);
        id
    }

    /// Add the sections of a GeoNames extract in the bundled format.
    pub fn add_geonames(&mut self, source_name: &str, src: &str) -> Result<(), GazetteerError> {
        let read = self.read_geonames(source_name, src);
        self.seal();
        read
    }

    /// Add supplement lines: `name lat lon cc admin1 kind aliases`.
    pub fn add_supplement(&mut self, source_name: &str, src: &str) -> Result<(), GazetteerError> {
        let read = self.read_supplement(source_name, src);
        self.seal();
        read
    }

    fn seal(&mut self) {
        self.index.seal();
        self.filter = Filter::new(&self.index);
    }

    fn read_geonames(&mut self, source_name: &str, src: &str) -> Result<(), GazetteerError> {
        // Sections: (name, first line number, text).
        let mut sections: Vec<(&str, usize, &str)> = Vec::new();
        let (mut offset, mut line_no) = (0, 1);
        let mut open: Option<(&str, usize, usize)> = None;
        let mut before = (1, 0);
        for line in src.split_inclusive('\n') {
            let t = line.trim();
            if t.starts_with('@') {
                match open.take() {
                    Some((name, first, start)) => sections.push((name, first, &src[start..offset])),
                    None => before = (line_no, offset),
                }
                open = Some((t, line_no + 1, offset + line.len()));
            }
            offset += line.len();
            line_no += 1;
        }
        match open {
            Some((name, first, start)) => sections.push((name, first, &src[start..])),
            None => before = (line_no, offset),
        }
        // Nothing but comments may stand before the first section.
        if let Some((k, _)) =
            src[..before.1].lines().enumerate().find(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        {
            return Err(GazetteerError {
                source_name: source_name.to_string(),
                line: k + 1,
                message: "data before a section line (@countries, @admin1, @places)".into(),
            });
        }
        for (name, first, text) in sections {
            match name {
                "@countries" | "@admin1" => self.read_divisions(source_name, name == "@countries", first, text)?,
                "@places" => self.read_places(source_name, first, text)?,
                other => {
                    return Err(GazetteerError {
                        source_name: source_name.to_string(),
                        line: first - 1,
                        message: format!("unknown section {other}"),
                    });
                }
            }
        }
        Ok(())
    }

    /// The lines of `@countries` (`countries`) or `@admin1`.
    fn read_divisions(
        &mut self,
        source_name: &str,
        countries: bool,
        first: usize,
        text: &str,
    ) -> Result<(), GazetteerError> {
        for l in data_lines(source_name, first, text) {
            let cc = l.country(0)?;
            if countries {
                let entry = Entry {
                    name: l.field(1).to_string(),
                    lat: l.num(2)?,
                    lon: l.num(3)?,
                    country: cc,
                    admin1: None,
                    admin2: None,
                    population: l.field(4).parse().unwrap_or(0),
                    kind: Kind::Country,
                    geonames_id: None,
                };
                let id = self.push(entry, l.field(5));
                self.countries.insert(cc, id);
            } else {
                let name = l.field(2);
                let admin1 = self.intern(name);
                let entry = Entry {
                    name: name.to_string(),
                    lat: l.num(3)?,
                    lon: l.num(4)?,
                    country: cc,
                    admin1,
                    admin2: None,
                    population: 0,
                    kind: Kind::Admin1,
                    geonames_id: None,
                };
                let aliases = l.field(5);
                let id = self.push(entry, aliases);
                for a in std::iter::once(name).chain(aliases.split('|').map(str::trim)) {
                    if !a.is_empty() {
                        self.admin1.insert((country_key(cc), name_key(a)), id);
                    }
                }
            }
        }
        Ok(())
    }

    /// The lines of `@places`, read in parallel parts and joined in order.
    fn read_places(&mut self, source_name: &str, first: usize, text: &str) -> Result<(), GazetteerError> {
        let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8);
        // Parts end on line ends; each knows its first line's number.
        let mut parts: Vec<(usize, &str)> = Vec::with_capacity(threads);
        let (mut start, mut line) = (0, first);
        for k in 1..=threads {
            let mut end = if k == threads { text.len() } else { (text.len() * k / threads).max(start) };
            while end < text.len() && !text.is_char_boundary(end) {
                end += 1;
            }
            end = match text[end..].find('\n') {
                Some(n) if k < threads => end + n + 1,
                _ if k < threads => text.len(),
                _ => end,
            };
            let part = &text[start..end];
            parts.push((line, part));
            line += part.bytes().filter(|&b| b == b'\n').count();
            start = end;
        }
        let read: Vec<Result<Places, GazetteerError>> = std::thread::scope(|scope| {
            let handles: Vec<_> =
                parts.iter().map(|&(line, part)| scope.spawn(move || Places::read(source_name, line, part))).collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(GazetteerError {
                            source_name: source_name.to_string(),
                            line: first,
                            message: "reading failed".into(),
                        })
                    })
                })
                .collect()
        });
        let parts = read.into_iter().collect::<Result<Vec<Places>, _>>()?;
        self.entries.reserve(parts.iter().map(|p| p.entries.len()).sum());
        self.index.rows.reserve(parts.iter().map(|p| p.index.rows.len()).sum());
        for part in parts {
            let base = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
            let ids: Vec<Option<u32>> = part.divisions.names.iter().map(|d| self.intern(d)).collect();
            let remap = |d: Option<u32>| d.and_then(|d| ids.get(d as usize).copied().flatten());
            self.entries.extend(part.entries.into_iter().map(|mut e| {
                e.admin1 = remap(e.admin1);
                e.admin2 = remap(e.admin2);
                e
            }));
            let rebase = |hit: u32| if hit == PREFIX { PREFIX } else { hit + base };
            self.index.rows.extend(part.index.rows.into_iter().map(|(f, hit)| (f, rebase(hit))));
            self.index.sorted = false;
        }
        Ok(())
    }

    fn read_supplement(&mut self, source_name: &str, src: &str) -> Result<(), GazetteerError> {
        for l in data_lines(source_name, 1, src) {
            if l.n_cols < 6 {
                return Err(l.err("expected name<TAB>lat<TAB>lon<TAB>cc<TAB>admin1<TAB>kind[<TAB>aliases]"));
            }
            let (lat, lon) = (l.num(1)?, l.num(2)?);
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(l.err("coordinates out of range"));
            }
            let cc = l.country(3)?;
            let kind = match l.field(5) {
                "military_base" | "air_base" | "airport" | "border_crossing" | "camp" | "site" => Kind::Site,
                "district" => Kind::Admin2,
                "province" => Kind::Admin1,
                "region" => Kind::Region,
                k => return Err(l.err(format!("unknown kind {k:?}"))),
            };
            let admin1_name = l.field(4);
            // A province already in the GeoNames data gains aliases; the
            // supplement's name and coordinates stand beside it.
            let admin1 = self.intern(admin1_name);
            let name = l.field(0);
            let entry = Entry {
                name: name.to_string(),
                lat,
                lon,
                country: cc,
                admin1: if kind == Kind::Admin1 { self.intern(name) } else { admin1 },
                admin2: None,
                population: 0,
                kind,
                geonames_id: None,
            };
            let aliases = l.field(6);
            let id = self.push(entry, aliases);
            if kind == Kind::Admin1 {
                for a in std::iter::once(name).chain(aliases.split('|').map(str::trim)) {
                    if !a.is_empty() {
                        self.admin1.entry((country_key(cc), name_key(a))).or_insert(id);
                    }
                }
            }
        }
        Ok(())
    }
}

/// Whether two points lie within `km` of each other: a box test first, the
/// great-circle distance only for points that pass it.
pub fn within_km(a: (f64, f64), b: (f64, f64), km: f64) -> bool {
    const KM_PER_DEGREE: f64 = 111.2;
    let dlat = (a.0 - b.0).abs() * KM_PER_DEGREE;
    // A degree of longitude is at least 0.17 of one of latitude below 80°.
    let dlon = (a.1 - b.1).abs().min(360.0 - (a.1 - b.1).abs()) * KM_PER_DEGREE;
    if dlat > km || (a.0.abs() < 80.0 && b.0.abs() < 80.0 && dlon * 0.17 > km) {
        return false;
    }
    distance_km(a, b) <= km
}

/// Places read from part of a `@places` section, with entry ids and
/// division ids of their own.
#[derive(Default)]
struct Places {
    entries: Vec<Entry>,
    divisions: Names,
    index: Index,
}

impl Places {
    fn read(source_name: &str, first: usize, text: &str) -> Result<Places, GazetteerError> {
        let mut p = Places::default();
        for l in data_lines(source_name, first, text) {
            let cc = l.country(3)?;
            let kind = match l.field(7) {
                "admin2" => Kind::Admin2,
                "site" => Kind::Site,
                _ => Kind::Town,
            };
            let entry = Entry {
                name: l.field(0).to_string(),
                lat: l.num(1)?,
                lon: l.num(2)?,
                country: cc,
                admin1: p.intern(l.field(4)),
                admin2: p.intern(l.field(5)),
                population: l.field(6).parse().unwrap_or(0),
                kind,
                geonames_id: l.field(9).parse().ok(),
            };
            let id = u32::try_from(p.entries.len()).unwrap_or(u32::MAX) & !MAIN_NAME;
            let main = p.index.insert(&entry.name, id | MAIN_NAME);
            for alias in l.field(8).split('|').map(str::trim).filter(|a| !a.is_empty()) {
                p.index.insert_alias(alias, id, main);
            }
            p.entries.push(entry);
        }
        Ok(p)
    }

    fn intern(&mut self, name: &str) -> Option<u32> {
        self.divisions.intern(name)
    }
}

/// Division names, each stored once and known by its index.
#[derive(Clone, Debug, Default)]
struct Names {
    names: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Names {
    fn intern(&mut self, name: &str) -> Option<u32> {
        if name.is_empty() {
            return None;
        }
        if let Some(&i) = self.ids.get(name) {
            return Some(i);
        }
        let i = u32::try_from(self.names.len()).ok()?;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), i);
        Some(i)
    }

    fn id(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    fn name(&self, i: u32) -> &str {
        self.names.get(i as usize).map_or("", String::as_str)
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sealed_index_gives_each_key_its_hits_once_and_knows_first_words() {
        // Names whose keys are all different: no letter written twice in a
        // row, which a key collapses ("Place 7x7x").
        let name = |n: u32| format!("Place {}", n.to_string().chars().map(|d| format!("{d}x")).collect::<String>());
        let mut index = Index::default();
        for n in 0..5_000u32 {
            index.insert(&name(n), n | MAIN_NAME);
        }
        // The same entry under the same key again, as an alias: one row, a
        // main name's.
        index.insert_alias(&name(77), 77, None);
        index.insert("New York City", 9_000);
        index.seal();
        let hits = |k: &str| index.get(&name_key(k)).collect::<Vec<_>>();
        assert_eq!(hits(&name(77)), [77 | MAIN_NAME]);
        assert_eq!(hits(&name(0)), [MAIN_NAME]);
        assert_eq!(hits(&name(4999)), [4999 | MAIN_NAME]);
        assert_eq!(hits("New York City"), [9_000]);
        // "New York" opens a name and is none.
        assert!(hits("New York").is_empty());
        assert!(index.get_fingerprint(Index::fingerprint(&name_key("New York"))).any(|h| h == PREFIX));
        assert!(hits("Elsewhere").is_empty());
    }

    #[test]
    fn the_filter_passes_every_key_and_few_others() {
        let mut index = Index::default();
        for n in 0..20_000u32 {
            index.insert(&format!("Place {n}"), n);
        }
        index.seal();
        let filter = Filter::new(&index);
        assert!((0..20_000).all(|n| filter.may_contain(Index::fingerprint(&name_key(&format!("Place {n}"))))));
        let strangers = (0..20_000).filter(|n| filter.may_contain(Index::fingerprint(&format!("stranger{n}")))).count();
        assert!(strangers < 2_000, "{strangers} of 20,000 keys outside the set passed");
        // An empty index's filter passes nothing.
        assert!(!Filter::new(&Index::default()).may_contain(Index::fingerprint("anything")));
    }

    #[test]
    fn province_keys_merge_equal_provinces_and_part_others() {
        // Built in a loop at run time, as the geoparser builds them.
        let places = [(*b"US", 2415), (*b"US", 2415), (*b"US", 2416), (*b"UY", 2415), (*b"US", 2415)];
        let mut counts: HashMap<u64, u32> = HashMap::default();
        for &(country, admin1) in &places {
            let key = province_key(country, admin1);
            *counts.entry(key).or_default() += 1;
        }
        assert_eq!(counts.len(), 3);
        assert_eq!(counts[&province_key(*b"US", 2415)], 3);
        assert_eq!(province_key(*b"US", 7) >> 32, u64::from(country_key(*b"US")));
    }

    const SMALL: &str = "# test\n@countries\nIQ\tIraq\t33.3\t44.4\t40000000\tRepublic of Iraq\n\
        @admin1\nIQ\t01\tAl Anbar\t33.4\t43.3\tAnbar\n\
        @places\nBaghdad\t33.3406\t44.4009\tIQ\tBaghdad\t\t7216000\tcity\tBaghdād|Bagdad\t98182\n";

    #[test]
    fn sections_and_aliases() {
        let mut g = Gazetteer::default();
        g.add_geonames("t", SMALL).expect("parses");
        g.add_supplement("s", "Camp Taji\t33.52\t44.26\tIQ\tBaghdad\tmilitary_base\tTaji base|Taji Camp\n")
            .expect("parses");
        let baghdad: Vec<u32> = g.lookup(&name_key("Bagdad")).collect();
        assert_eq!(baghdad.len(), 1);
        let e = g.entry(baghdad[0]);
        assert_eq!((e.name.as_str(), e.country_code(), e.geonames_id), ("Baghdad", "IQ", Some(98182)));
        assert_eq!(g.division(e.admin1.expect("admin1")), "Baghdad");
        assert_eq!(g.lookup(&name_key("Taji base")).count(), 1);
        assert!(g.admin1(*b"IQ", "Anbar").is_some());
        assert_eq!(g.country("IQ").map(|c| c.name.as_str()), Some("Iraq"));
    }

    #[test]
    fn bad_lines_name_their_place() {
        let mut g = Gazetteer::default();
        let e = g.add_supplement("mine.tsv", "# c\nX\t1\t2\tIraq\t\tcamp\n").expect_err("bad code");
        assert_eq!((e.line, e.source_name.as_str()), (2, "mine.tsv"));
        let e = g.add_supplement("mine.tsv", "X\t91\t2\tIQ\t\tcamp\n").expect_err("range");
        assert!(e.message.contains("range"));
        let e = g.add_geonames("g", "Baghdad\t1\t2\n").expect_err("no section");
        assert_eq!(e.line, 1);
    }

    #[test]
    fn distances() {
        let d = distance_km((33.52, 44.26), (33.3406, 44.4009));
        assert!((20.0..30.0).contains(&d), "{d}");
        assert!(within_km((33.52, 44.26), (33.3406, 44.4009), 30.0));
        assert!(!within_km((33.52, 44.26), (33.3406, 44.4009), 20.0));
        assert!(within_km((0.0, 179.9), (0.0, -179.9), 25.0), "across the date line");
        assert!(!within_km((40.0, -74.0), (41.0, -74.0), 100.0));
    }
}
