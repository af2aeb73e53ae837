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

use std::sync::{Arc, LazyLock};

use foldhash::HashMap;
use sitrep_model::PlacePrecision;

use crate::names::name_key;

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
    /// Index into [`Gazetteer::divisions`] of its first-level division.
    pub admin1: Option<u32>,
    /// Index into [`Gazetteer::divisions`] of its second-level division.
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
    divisions: Vec<String>,
    division_ids: HashMap<String, u32>,
    /// Name key → entries.
    index: HashMap<String, Vec<u32>>,
    /// The entry of each country code.
    countries: HashMap<[u8; 2], u32>,
    /// The entry of each (country, admin1 name key).
    admin1: HashMap<([u8; 2], String), u32>,
}

/// The bit of a hit that says the entry's own name matched.
const MAIN_NAME: u32 = 1 << 31;

/// A shared gazetteer (cheap to clone).
pub type SharedGazetteer = Arc<Gazetteer>;

fn field<'a>(cols: &[&'a str], i: usize) -> &'a str {
    cols.get(i).copied().unwrap_or("").trim()
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
            g.add_geonames("gazetteer.tsv", BUNDLED).expect("the bundled gazetteer parses");
            g.add_supplement("supplement.tsv", SUPPLEMENT).expect("the bundled supplement parses");
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
        self.division_ids.get(name).copied()
    }

    /// The name of a division index.
    pub fn division(&self, i: u32) -> &str {
        self.divisions.get(i as usize).map_or("", String::as_str)
    }

    /// The places whose name or alias has `key` ([`crate::name_key`]), as
    /// hits for [`Gazetteer::entry`] and [`Gazetteer::is_main_name`].
    pub fn lookup(&self, key: &str) -> &[u32] {
        self.index.get(key).map_or(&[], Vec::as_slice)
    }

    /// The entry of a country.
    pub fn country(&self, code: &str) -> Option<&Entry> {
        country_code(code).and_then(|c| self.countries.get(&c)).map(|&i| self.entry(i))
    }

    /// The first-level division named `name` in `country`.
    pub fn admin1(&self, country: [u8; 2], name: &str) -> Option<u32> {
        self.admin1.get(&(country, name_key(name))).copied()
    }

    fn intern(&mut self, name: &str) -> Option<u32> {
        if name.is_empty() {
            return None;
        }
        if let Some(&i) = self.division_ids.get(name) {
            return Some(i);
        }
        let i = u32::try_from(self.divisions.len()).ok()?;
        self.divisions.push(name.to_string());
        self.division_ids.insert(name.to_string(), i);
        Some(i)
    }

    fn push(&mut self, entry: Entry, aliases: &str) -> u32 {
        let id = u32::try_from(self.entries.len()).unwrap_or(u32::MAX) & !MAIN_NAME;
        let main = name_key(&entry.name);
        let mut keys: Vec<String> = aliases
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(name_key)
            .filter(|k| !k.is_empty() && *k != main)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        if !main.is_empty() {
            self.index.entry(main).or_default().push(id | MAIN_NAME);
        }
        for k in keys {
            self.index.entry(k).or_default().push(id);
        }
        self.entries.push(entry);
        id
    }

    /// Add the sections of a GeoNames extract in the bundled format.
    pub fn add_geonames(&mut self, source_name: &str, src: &str) -> Result<(), GazetteerError> {
        #[derive(PartialEq)]
        enum Section {
            None,
            Countries,
            Admin1,
            Places,
        }
        let mut section = Section::None;
        for (i, line) in src.lines().enumerate() {
            let err = |message: String| GazetteerError { source_name: source_name.to_string(), line: i + 1, message };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match line.trim() {
                "@countries" => section = Section::Countries,
                "@admin1" => section = Section::Admin1,
                "@places" => section = Section::Places,
                _ => {
                    let cols: Vec<&str> = line.split('\t').collect();
                    let num = |j: usize| -> Result<f64, GazetteerError> {
                        field(&cols, j).parse().map_err(|_| err(format!("column {} is not a number", j + 1)))
                    };
                    match section {
                        Section::None => {
                            return Err(err("data before a section line (@countries, @admin1, @places)".into()));
                        }
                        Section::Countries => {
                            let cc = country_code(field(&cols, 0)).ok_or_else(|| err("bad country code".into()))?;
                            let entry = Entry {
                                name: field(&cols, 1).to_string(),
                                lat: num(2)?,
                                lon: num(3)?,
                                country: cc,
                                admin1: None,
                                admin2: None,
                                population: field(&cols, 4).parse().unwrap_or(0),
                                kind: Kind::Country,
                                geonames_id: None,
                            };
                            let id = self.push(entry, field(&cols, 5));
                            self.countries.insert(cc, id);
                        }
                        Section::Admin1 => {
                            let cc = country_code(field(&cols, 0)).ok_or_else(|| err("bad country code".into()))?;
                            let name = field(&cols, 2);
                            let admin1 = self.intern(name);
                            let entry = Entry {
                                name: name.to_string(),
                                lat: num(3)?,
                                lon: num(4)?,
                                country: cc,
                                admin1,
                                admin2: None,
                                population: 0,
                                kind: Kind::Admin1,
                                geonames_id: None,
                            };
                            let aliases = field(&cols, 5);
                            let id = self.push(entry, aliases);
                            for a in std::iter::once(name).chain(aliases.split('|').map(str::trim)) {
                                if !a.is_empty() {
                                    self.admin1.insert((cc, name_key(a)), id);
                                }
                            }
                        }
                        Section::Places => {
                            let cc = country_code(field(&cols, 3)).ok_or_else(|| err("bad country code".into()))?;
                            let admin1 = self.intern(field(&cols, 4));
                            let admin2 = self.intern(field(&cols, 5));
                            let kind = match field(&cols, 7) {
                                "admin2" => Kind::Admin2,
                                "site" => Kind::Site,
                                _ => Kind::Town,
                            };
                            let entry = Entry {
                                name: field(&cols, 0).to_string(),
                                lat: num(1)?,
                                lon: num(2)?,
                                country: cc,
                                admin1,
                                admin2,
                                population: field(&cols, 6).parse().unwrap_or(0),
                                kind,
                                geonames_id: field(&cols, 9).parse().ok(),
                            };
                            self.push(entry, field(&cols, 8));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Add supplement lines: `name lat lon cc admin1 kind aliases`.
    pub fn add_supplement(&mut self, source_name: &str, src: &str) -> Result<(), GazetteerError> {
        for (i, line) in src.lines().enumerate() {
            let err = |message: String| GazetteerError { source_name: source_name.to_string(), line: i + 1, message };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 6 {
                return Err(err("expected name<TAB>lat<TAB>lon<TAB>cc<TAB>admin1<TAB>kind[<TAB>aliases]".into()));
            }
            let num = |j: usize| -> Result<f64, GazetteerError> {
                field(&cols, j).parse().map_err(|_| err(format!("column {} is not a number", j + 1)))
            };
            let (lat, lon) = (num(1)?, num(2)?);
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(err("coordinates out of range".into()));
            }
            let cc = country_code(field(&cols, 3))
                .ok_or_else(|| err(format!("country {:?} is not an ISO 3166-1 alpha-2 code", field(&cols, 3))))?;
            let kind = match field(&cols, 5) {
                "military_base" | "air_base" | "airport" | "border_crossing" | "camp" | "site" => Kind::Site,
                "district" => Kind::Admin2,
                "province" => Kind::Admin1,
                "region" => Kind::Region,
                k => return Err(err(format!("unknown kind {k:?}"))),
            };
            let admin1_name = field(&cols, 4);
            // A province already in the GeoNames data gains aliases; the
            // supplement's name and coordinates stand beside it.
            let admin1 = self.intern(admin1_name);
            let name = field(&cols, 0);
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
            let aliases = field(&cols, 6);
            let id = self.push(entry, aliases);
            if kind == Kind::Admin1 {
                for a in std::iter::once(name).chain(aliases.split('|').map(str::trim)) {
                    if !a.is_empty() {
                        self.admin1.entry((cc, name_key(a))).or_insert(id);
                    }
                }
            }
        }
        Ok(())
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

    const SMALL: &str = "# test\n@countries\nIQ\tIraq\t33.3\t44.4\t40000000\tRepublic of Iraq\n\
        @admin1\nIQ\t01\tAl Anbar\t33.4\t43.3\tAnbar\n\
        @places\nBaghdad\t33.3406\t44.4009\tIQ\tBaghdad\t\t7216000\tcity\tBaghdād|Bagdad\t98182\n";

    #[test]
    fn sections_and_aliases() {
        let mut g = Gazetteer::default();
        g.add_geonames("t", SMALL).expect("parses");
        g.add_supplement("s", "Camp Taji\t33.52\t44.26\tIQ\tBaghdad\tmilitary_base\tTaji base|Taji Camp\n")
            .expect("parses");
        let baghdad = g.lookup(&name_key("Bagdad"));
        assert_eq!(baghdad.len(), 1);
        let e = g.entry(baghdad[0]);
        assert_eq!((e.name.as_str(), e.country_code(), e.geonames_id), ("Baghdad", "IQ", Some(98182)));
        assert_eq!(g.division(e.admin1.expect("admin1")), "Baghdad");
        assert_eq!(g.lookup(&name_key("Taji base")).len(), 1);
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
    }
}
