//! `sitrep gazetteer import`: a gazetteer from the full GeoNames dumps.
//!
//! Reads a GeoNames table (`allCountries.zip`, `cities500.zip`, … or the
//! `.txt` inside: 19 tab-separated columns, one place a line) and,
//! optionally, `alternateNamesV2.zip` (names by language) and
//! `admin1CodesASCII.txt` (the names of first-level divisions). Populated
//! places (feature class P), divisions (A) and the sites conflict reporting
//! names (airports, bases, camps, crossings: class S) are kept; the rest
//! (rivers, hotels, hills) is not. Both files are streamed line by line.
//!
//! The result is written in the bundled format (see [`crate::gazetteer`]),
//! with the bundled countries and divisions, and read by `sitrep run
//! --gazetteer FILE` instead of the bundled one.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use crate::gazetteer::{BUNDLED, Kind};

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    #[error("reading {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Zip { path: PathBuf, message: String },
    #[error("writing the gazetteer")]
    Write(#[source] std::io::Error),
}

/// What an import read and kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub lines: u64,
    pub places: u64,
    /// Lines of another feature class, or malformed.
    pub skipped: u64,
    pub alternate_names: u64,
}

/// Feature codes of class S that are kept: places events happen at.
fn is_kept_site(code: &str) -> bool {
    matches!(
        code,
        "AIRP"
            | "AIRB"
            | "AIRF"
            | "AIRH"
            | "AIRQ"
            | "MILB"
            | "INSM"
            | "CMP"
            | "CMPRF"
            | "PSTB"
            | "PSTC"
            | "BDG"
            | "DAM"
            | "PRT"
            | "NUCLR"
            | "PS"
            | "PRN"
            | "OILR"
            | "OILJ"
            | "RSTN"
            | "HSP"
            | "MSQE"
            | "CH"
            | "UNIV"
            | "MKT"
    )
}

/// The kind of a kept (class, code) pair, else none.
fn kept(class: &str, code: &str) -> Option<Kind> {
    match class {
        "P" => Some(Kind::Town),
        "A" if code == "ADM2" => Some(Kind::Admin2),
        "A" if code == "ADM1" => Some(Kind::Admin1),
        "A" if code.starts_with("ADM") => Some(Kind::Admin2),
        "S" if is_kept_site(code) => Some(Kind::Site),
        _ => None,
    }
}

/// Lines of a text file, or of the one `.txt` file in a zip archive.
fn lines(path: &Path) -> Result<Box<dyn Iterator<Item = std::io::Result<String>>>, ImportError> {
    let io = |source| ImportError::Io { path: path.to_path_buf(), source };
    let file = File::open(path).map_err(io)?;
    let is_zip = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if !is_zip {
        return Ok(Box::new(BufReader::with_capacity(1 << 20, file).lines()));
    }
    let zip_err = |e: zip::result::ZipError| ImportError::Zip { path: path.to_path_buf(), message: e.to_string() };
    let mut archive = zip::ZipArchive::new(file).map_err(zip_err)?;
    // The data file: the largest .txt (the dumps also hold a readme).
    let mut best: Option<(usize, u64)> = None;
    for i in 0..archive.len() {
        let f = archive.by_index(i).map_err(zip_err)?;
        let name = f.name().map_err(zip_err)?.to_lowercase();
        if name.ends_with(".txt") && !name.contains("readme") && best.is_none_or(|(_, s)| f.size() > s) {
            best = Some((i, f.size()));
        }
    }
    let Some((index, _)) = best else {
        return Err(ImportError::Zip { path: path.to_path_buf(), message: "no .txt file inside".into() });
    };
    // The archive's entry borrows the archive: read it through a pipe of
    // chunks so that the caller streams it.
    let (tx, rx) = std::sync::mpsc::sync_channel::<std::io::Result<String>>(4096);
    let path_owned = path.to_path_buf();
    std::thread::spawn(move || {
        let mut entry = match archive.by_index(index) {
            Ok(e) => e,
            Err(e) => {
                let _ = tx.send(Err(std::io::Error::other(format!("{}: {e}", path_owned.display()))));
                return;
            }
        };
        let mut reader = BufReader::with_capacity(1 << 20, &mut entry as &mut dyn Read);
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => {
                    let l = line.trim_end_matches(['\n', '\r']).to_string();
                    if tx.send(Ok(l)).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                    break;
                }
            }
        }
    });
    Ok(Box::new(rx.into_iter()))
}

/// Whether a name is in Latin script (diacritics allowed) and no code.
fn is_latin_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars().any(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_ascii() || ('\u{00c0}'..='\u{024f}').contains(&c) || ('\u{1e00}'..='\u{1eff}').contains(&c))
        && !s.contains("://")
}

/// Import GeoNames dumps into `out`, in the bundled format.
pub fn import(
    main: &Path,
    alternates: Option<&Path>,
    admin1_codes: Option<&Path>,
    out: &mut dyn Write,
    mut progress: impl FnMut(&ImportStats),
) -> Result<ImportStats, ImportError> {
    let mut stats = ImportStats::default();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Io { path: path.clone(), source }
    };
    // First-level divisions: "US.TX" → "Texas", from the file or the bundled table.
    let mut admin1: HashMap<String, String> = HashMap::new();
    let mut in_admin1 = false;
    for line in BUNDLED.lines() {
        if line.starts_with('@') {
            in_admin1 = line.trim() == "@admin1";
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if in_admin1 && cols.len() >= 3 && !cols[1].is_empty() {
            admin1.insert(format!("{}.{}", cols[0], cols[1]), cols[2].to_string());
        }
    }
    if let Some(path) = admin1_codes {
        for line in lines(path)? {
            let line = line.map_err(io(path))?;
            let mut cols = line.split('\t');
            if let (Some(code), Some(name)) = (cols.next(), cols.next()) {
                admin1.insert(code.to_string(), name.to_string());
            }
        }
    }
    // Alternate names of the kept places: a first pass finds which.
    let mut names: HashMap<u64, Vec<String>> = HashMap::new();
    if let Some(alt) = alternates {
        for line in lines(main)? {
            let line = line.map_err(io(main))?;
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 8
                && kept(cols[6], cols[7]).is_some()
                && let Ok(id) = cols[0].parse::<u64>()
            {
                names.insert(id, Vec::new());
            }
        }
        for line in lines(alt)? {
            let line = line.map_err(io(alt))?;
            let cols: Vec<&str> = line.split('\t').collect();
            // id, geonameid, language, name, preferred, short, colloquial, historic
            let (Some(id), Some(lang), Some(name)) = (cols.get(1), cols.get(2), cols.get(3)) else { continue };
            if matches!(*lang, "link" | "post" | "iata" | "icao" | "faac" | "tcid" | "unlc" | "wkdt" | "abbr") {
                continue;
            }
            if cols.get(7) == Some(&"1") || !is_latin_name(name) {
                continue;
            }
            if let Some(list) = id.parse::<u64>().ok().and_then(|id| names.get_mut(&id))
                && !list.iter().any(|n| n == name)
            {
                list.push(name.to_string());
                stats.alternate_names += 1;
            }
        }
    }
    let w = |out: &mut dyn Write, s: &str| out.write_all(s.as_bytes()).map_err(ImportError::Write);
    w(
        out,
        &format!(
            "# sitrep gazetteer, imported from {} (GeoNames, CC BY 4.0, https://www.geonames.org/)\n",
            main.file_name().map_or_else(|| main.display().to_string(), |n| n.to_string_lossy().into_owned())
        ),
    )?;
    // The countries and divisions of the bundled gazetteer.
    let mut section = "";
    for line in BUNDLED.lines() {
        if line.starts_with('@') {
            section = line.trim();
            if section != "@places" {
                w(out, line)?;
                w(out, "\n")?;
            }
            continue;
        }
        if matches!(section, "@countries" | "@admin1") && !line.starts_with('#') {
            w(out, line)?;
            w(out, "\n")?;
        }
    }
    w(out, "@places\n")?;
    for line in lines(main)? {
        let line = line.map_err(io(main))?;
        stats.lines += 1;
        if stats.lines.is_multiple_of(100_000) {
            progress(&stats);
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 15 {
            stats.skipped += 1;
            continue;
        }
        let Some(kind) = kept(cols[6], cols[7]) else {
            stats.skipped += 1;
            continue;
        };
        let (Ok(id), Ok(lat), Ok(lon)) = (cols[0].parse::<u64>(), cols[4].parse::<f64>(), cols[5].parse::<f64>())
        else {
            stats.skipped += 1;
            continue;
        };
        let clean = |s: &str| s.replace(['\t', '|'], " ");
        let cc = cols[8];
        let a1 = admin1.get(&format!("{cc}.{}", cols[10])).map(String::as_str).unwrap_or("");
        let mut aliases: Vec<String> =
            cols[3].split(',').filter(|n| is_latin_name(n) && *n != cols[1]).map(clean).collect();
        aliases.push(clean(cols[2]));
        if let Some(more) = names.get(&id) {
            aliases.extend(more.iter().map(|n| clean(n)));
        }
        aliases.sort();
        aliases.dedup();
        aliases.retain(|a| a != cols[1]);
        let feature = match kind {
            Kind::Site => "site",
            Kind::Admin2 => "admin2",
            _ => "city",
        };
        w(
            out,
            &format!(
                "{}\t{lat:.4}\t{lon:.4}\t{cc}\t{}\t\t{}\t{feature}\t{}\t{id}\n",
                clean(cols[1]),
                clean(a1),
                cols[14].parse::<u64>().unwrap_or(0),
                aliases.join("|")
            ),
        )?;
        stats.places += 1;
    }
    progress(&stats);
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::name_key;

    /// A line of a GeoNames table: (id, name, alternate names, lat, lon),
    /// (feature class, code, country, admin1 code), population.
    fn dump_line(place: (u64, &str, &str, f64, f64), feature: (&str, &str, &str, &str), pop: u64) -> String {
        let (id, name, alt, lat, lon) = place;
        let (class, code, cc, a1) = feature;
        format!(
            "{id}\t{name}\t{name}\t{alt}\t{lat}\t{lon}\t{class}\t{code}\t{cc}\t\t{a1}\t\t\t\t{pop}\t\t100\tAsia/Baghdad\t2020-01-01\n"
        )
    }

    #[test]
    fn imports_a_small_dump_in_the_geonames_format() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut txt = String::new();
        txt += &dump_line(
            (98182, "Baghdad", "Bagdad,Baghdād,بغداد", 33.3406, 44.4009),
            ("P", "PPLC", "IQ", "07"),
            7216000,
        );
        txt += &dump_line((1, "Tigris", "", 33.0, 44.0), ("H", "STM", "IQ", "07"), 0);
        txt += &dump_line((2, "Camp Taji", "Taji Camp", 33.52, 44.26), ("S", "MILB", "IQ", "07"), 0);
        txt += "garbage line\n";
        // A zip archive, as GeoNames publishes cities500.zip.
        let zip_path = dir.path().join("cities500.zip");
        let mut zw = zip::ZipWriter::new(File::create(&zip_path).expect("create"));
        zw.start_file("cities500.txt", zip::write::SimpleFileOptions::default()).expect("entry");
        zw.write_all(txt.as_bytes()).expect("write");
        zw.finish().expect("finish");
        let alt_path = dir.path().join("alternateNamesV2.txt");
        std::fs::write(
            &alt_path,
            "1\t98182\ten\tBaghdad City\t\t\t\t\n2\t98182\tlink\thttps://x\t\t\t\t\n3\t2\ten\tTaji Base\t\t\t\t\n4\t2\tar\tالتاجي\t\t\t\t\n",
        )
        .expect("write");
        let admin1_path = dir.path().join("admin1CodesASCII.txt");
        std::fs::write(&admin1_path, "IQ.07\tBaghdad\tBaghdad\t98180\n").expect("write");

        let mut out = Vec::new();
        let stats = import(&zip_path, Some(&alt_path), Some(&admin1_path), &mut out, |_| {}).expect("imports");
        assert_eq!((stats.lines, stats.places, stats.skipped, stats.alternate_names), (4, 2, 2, 2));
        let text = String::from_utf8(out).expect("utf-8");
        let mut g = Gazetteer::default();
        g.add_geonames("imported", &text).expect("the import reads back");
        let taji: Vec<u32> = g.lookup(&name_key("Taji Base")).collect();
        assert_eq!(taji.len(), 1);
        let e = g.entry(taji[0]);
        assert_eq!((e.kind, e.geonames_id, g.division(e.admin1.expect("admin1"))), (Kind::Site, Some(2), "Baghdad"));
        assert_eq!(g.lookup(&name_key("Baghdad City")).count(), 1);
        assert!(!g.contains(&name_key("Tigris")), "rivers are left out");
        assert!(g.country("IQ").is_some(), "countries come from the bundled table");
    }

    #[test]
    fn a_missing_file_is_named() {
        let err =
            import(Path::new("/no/such/cities500.zip"), None, None, &mut Vec::new(), |_| {}).expect_err("no file");
        assert!(err.to_string().contains("cities500.zip"), "{err}");
    }
}
