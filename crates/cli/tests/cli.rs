//! End-to-end tests of the `sitrep` binary: the bundled example reports, and
//! bad input that must be skipped with a clear message, never a panic.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep")).args(args).output().expect("sitrep runs")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/reports")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {}", String::from_utf8_lossy(&out.stderr)))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `sitrep run --format json` (and `extra` flags) on one file named `name`
/// holding `contents`.
fn run_one(name: &str, contents: &str, extra: &[&str]) -> Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("write");
    let mut args = vec!["run", path.to_str().expect("utf-8"), "--format", "json"];
    args.extend(extra);
    json(&sitrep(&args))
}

fn doc_by_path<'a>(v: &'a Value, prefix: &str) -> &'a Value {
    v["documents"]
        .as_array()
        .and_then(|docs| {
            docs.iter().find(|d| {
                Path::new(d["path"].as_str().unwrap_or_default())
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
            })
        })
        .unwrap_or_else(|| panic!("no document {prefix}"))
}

#[test]
fn example_reports_titles_dates_and_clean_text() {
    let out = sitrep(&["run", examples().to_str().expect("utf-8 path"), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let d0 = doc_by_path(&v, "000");
    assert_eq!(d0["title"], "Turkey condemns deadly Iraq attack on coalition troops");
    assert_eq!(d0["published"], "2020-03-13");
    assert_eq!(d0["language"], "en");
    let d4 = doc_by_path(&v, "004");
    assert!(d4["title"].as_str().unwrap_or_default().starts_with("Video: Iranian-backed Forces in Iraq Raise Stakes"));
    assert_eq!(d4["published"], "2020-03-16");
    assert_eq!(d4["outlet"], "Global Research");
    assert_eq!(d4["author"], "South Front");
    let text = d4["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("A volley of rockets struck the Camp Taji military base"));
    for noise in
        ["PayPal", "Disclaimer", "publications@globalresearch.ca", "Note to readers", "fair use", "(#)", "Region:"]
    {
        assert!(!text.to_lowercase().contains(&noise.to_lowercase()), "{noise:?} left in the text");
    }
    assert!(!v["events"].as_array().expect("events").is_empty());
    assert!(stderr(&out).contains("2 documents read"), "{}", stderr(&out));
}

#[test]
fn ids_are_stable_across_runs_and_input_order() {
    let a = json(&sitrep(&["run", examples().to_str().expect("utf-8")]));
    let d0 = examples().join("000_3f03af2b3add7967.txt");
    let d4 = examples().join("004_771b983156546a6d.txt");
    let b = json(&sitrep(&["run", d4.to_str().expect("utf-8"), d0.to_str().expect("utf-8")]));
    let ids = |v: &Value, key: &str| -> Vec<String> {
        let mut ids: Vec<String> = v[key]
            .as_array()
            .expect("array")
            .iter()
            .map(|d| d["id"].as_str().unwrap_or_default().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&a, "documents"), ids(&b, "documents"));
    assert_eq!(ids(&a, "events"), ids(&b, "events"));
}

/// The events of type "Violence against civilians" in `sitrep run` JSON.
fn violent_events(v: &Value) -> Vec<&Value> {
    v["events"]
        .as_array()
        .map(|events| events.iter().filter(|e| e["type"] == "Violence against civilians").collect())
        .unwrap_or_default()
}

/// The one violent event that `reports` (JSON documents), run together,
/// fuse into: every report is one of its sources.
fn fused(reports: &[&Value]) -> Value {
    let lines: String = reports.iter().map(|r| format!("{r}\n")).collect();
    let v = run_one("reports.jsonl", &lines, &[]);
    let events = v["events"].as_array().expect("events");
    let violent = violent_events(&v);
    assert_eq!(violent.len(), 1, "one event, reported {} times: {events:#?}", reports.len());
    assert_eq!(violent[0]["sources"].as_array().map(Vec::len), Some(reports.len()), "{events:#?}");
    violent[0].clone()
}

/// The event whose location names `place` (and whose date starts with
/// `date`), with the keys (000, 004) of its sources.
fn event_at<'a>(v: &'a Value, place: &str, date: &str) -> (&'a Value, Vec<String>) {
    let keys: std::collections::HashMap<&str, String> = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            let name = Path::new(d["path"].as_str().unwrap_or_default())
                .file_name()
                .map(|n| n.to_string_lossy()[..3].to_string());
            (d["id"].as_str().unwrap_or_default(), name.unwrap_or_default())
        })
        .collect();
    let e = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| {
            let facts = &e["facts"];
            facts["location"]["best"]["name"].as_str().is_some_and(|n| n.contains(place))
                && facts["date"]["best"].as_str().is_some_and(|d| d.starts_with(date))
        })
        .unwrap_or_else(|| panic!("no event at {place} on {date}"));
    let mut sources: Vec<String> = e["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| keys[s.as_str().unwrap_or_default()].clone())
        .collect();
    sources.sort();
    (e, sources)
}

#[test]
fn seed_events_fuse_across_reports_with_sourced_claims() {
    let v = json(&sitrep(&["run", examples().to_str().expect("utf-8")]));
    // Camp Taji: both reports; 12 injured (004) against 14 (000, Milley).
    let (taji, sources) = event_at(&v, "Taji", "2020-03-11");
    assert_eq!(sources, ["000", "004"]);
    let injured = &taji["facts"]["injured"];
    assert_eq!(
        (injured["status"].as_str(), injured["low"].as_u64(), injured["high"].as_u64()),
        (Some("conflicting"), Some(12), Some(14))
    );
    let milley =
        injured["claims"].as_array().expect("claims").iter().find(|c| c["value"] == 14).expect("the claim of 14");
    assert!(milley["speaker"].as_str().is_some_and(|s| s.contains("Milley")), "{milley}");
    assert!(milley["quote"].as_str().is_some_and(|q| q.contains("14 other coalition troops")), "{milley}");
    assert_eq!(taji["facts"]["killed"]["best"], 3);
    let perpetrators: Vec<&str> = taji["facts"]["perpetrator"]["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter_map(|c| c["value"].as_str())
        .collect();
    assert!(perpetrators.contains(&"unclaimed") && perpetrators.contains(&"Kataib Hezbollah"), "{perpetrators:?}");
    assert_eq!(taji["facts"]["perpetrator"]["best"], "unclaimed");
    assert_eq!(taji["facts"]["weapon"]["best"], "rocket");
    // The air strikes near the border: Al Qaim (Iraq) in 000, al-Bukamal (Syria) in 004.
    let (border, sources) = event_at(&v, "Qaim", "2020-03-11");
    assert_eq!(sources, ["000", "004"]);
    assert!(
        border["related"]
            .as_array()
            .expect("related")
            .iter()
            .any(|r| r["event"] == taji["id"] && r["relation"] == "follows")
    );
    // Ain al-Asad: "more than 100" and "at least 110" agree.
    let (asad, sources) = event_at(&v, "Asad", "2020");
    assert_eq!(sources, ["000", "004"]);
    let injured = &asad["facts"]["injured"];
    assert_eq!((injured["status"].as_str(), injured["low"].as_u64()), (Some("agreed"), Some(110)));
    assert_eq!(asad["facts"]["killed"]["best"], 0);
    // The strike of 3 January named its victim; Ain al-Asad answered it.
    let (airport, _) = event_at(&v, "Baghdad", "2020-01-03");
    assert_eq!(airport["facts"]["killed"]["low"], 1);
    assert!(
        asad["related"]
            .as_array()
            .expect("related")
            .iter()
            .any(|r| r["event"] == airport["id"] && r["relation"] == "retaliation_for")
    );
    assert_ne!(taji["id"], asad["id"]);
}

#[test]
fn annotations_carry_spans_into_the_text() {
    let v = json(&sitrep(&["run", examples().to_str().expect("utf-8"), "--annotations"]));
    for d in v["documents"].as_array().expect("documents") {
        let text = d["text"].as_str().expect("text");
        let ann = &d["annotations"];
        for layer in ["sentences", "times", "quantities", "entities", "speakers", "mentions"] {
            for item in ann[layer].as_array().expect("layer") {
                let (s, e) =
                    (item["start"].as_u64().expect("start") as usize, item["end"].as_u64().expect("end") as usize);
                let slice = text.get(s..e).expect("span on char boundaries");
                if let Some(t) = item["text"].as_str() {
                    assert_eq!(slice, t);
                }
            }
        }
    }
    // The offset map leads every copied run of the cleaned text back to the raw file.
    let d4 = doc_by_path(&v, "004");
    let raw = std::fs::read(examples().join("004_771b983156546a6d.txt")).expect("raw file");
    let text = d4["text"].as_str().expect("text").as_bytes();
    let runs = d4["annotations"]["offsets"].as_array().expect("offsets");
    assert!(runs.len() >= 5, "{}", runs.len());
    let mut covered = 0;
    for r in runs {
        let (s, rs, n) = (
            r["start"].as_u64().expect("start") as usize,
            r["raw_start"].as_u64().expect("raw") as usize,
            r["len"].as_u64().expect("len") as usize,
        );
        assert_eq!(&text[s..s + n], &raw[rs..rs + n]);
        covered += n;
    }
    assert!(covered + 2 * runs.len() >= text.len());

    let d0 = doc_by_path(&v, "000");
    let times = d0["annotations"]["times"].as_array().expect("times");
    let wednesday = times.iter().find(|t| t["text"] == "Wednesday evening").expect("Wednesday evening");
    assert_eq!(wednesday["value"], "2020-03-11");
}

/// The layers of issue #3 on the seed reports: relative dates, counts with
/// their nouns and hedges, speakers and one canonical armed group.
#[test]
fn seed_annotations_read_dates_counts_speakers_and_actors() {
    let v = json(&sitrep(&["run", examples().to_str().expect("utf-8"), "--annotations"]));
    let d0 = &doc_by_path(&v, "000")["annotations"];
    let d4 = &doc_by_path(&v, "004")["annotations"];
    let times = d0["times"].as_array().expect("times");
    assert!(times.iter().any(|t| t["text"] == "Tuesday" && t["value"] == "2020-03-10"));

    // (unit, outcome, low, high, detail) of every count of both documents.
    let counts: Vec<(String, String, Value, Value, Value)> = [d0, d4]
        .iter()
        .flat_map(|d| d["quantities"].as_array().expect("quantities").clone())
        .map(|q| {
            let s = |k: &str| q[k].as_str().unwrap_or_default().to_string();
            (s("unit"), s("outcome"), q["low"].clone(), q["high"].clone(), q["detail"].clone())
        })
        .collect();
    let has = |unit: &str, outcome: &str, low: u64, high: Option<u64>| {
        counts.iter().any(|(u, o, l, h, _)| u == unit && o == outcome && *l == low && h.as_u64() == high)
    };
    assert!(has("troop", "injured", 14, Some(14)), "{counts:?}");
    assert!(has("service member", "injured", 12, Some(12)), "{counts:?}");
    assert!(has("service member", "killed", 3, Some(3)), "{counts:?}");
    assert!(has("protester", "killed", 4, Some(4)) && has("protester", "injured", 80, Some(80)), "{counts:?}");
    assert!(has("soldier", "injured", 101, None), "{counts:?}");
    assert!(counts.iter().any(|(u, _, l, h, _)| u == "casualty" && *l == 110 && h.is_null()), "{counts:?}");
    for nation in ["US", "GB"] {
        assert!(counts.iter().any(|(u, o, _, _, d)| u == "service member" && o == "killed" && *d == nation));
    }
    assert!(counts.iter().any(|(u, _, l, h, _)| u == "rocket" && *l == 15 && *h == 30), "{counts:?}");

    // Speakers of the sentences with the figures.
    let text0 = doc_by_path(&v, "000")["text"].as_str().expect("text");
    let sentences = d0["sentences"].as_array().expect("sentences");
    let said = |name: &str, needle: &str| {
        d0["speakers"].as_array().expect("speakers").iter().any(|sp| {
            let s = &sentences[sp["sentence"].as_u64().expect("index") as usize];
            let sentence =
                &text0[s["start"].as_u64().expect("start") as usize..s["end"].as_u64().expect("end") as usize];
            sp["text"].as_str().unwrap_or_default().contains(name) && sentence.contains(needle)
        })
    };
    assert!(said("Milley", "14 other coalition troops"));
    assert!(said("Caggins", "more than 15 small rockets"));

    // "Kataeb Hezbollah" and "Kataib Hezbollah": one actor.
    let spellings: Vec<&str> = d0["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["canonical"] == "Kataib Hezbollah")
        .filter_map(|e| e["text"].as_str())
        .collect();
    assert!(spellings.contains(&"Kataeb Hezbollah") && spellings.contains(&"Kataib Hezbollah"), "{spellings:?}");
}

/// The places of issue #4 on the seed reports: the base, the towns on both
/// sides of the border, the air base in its province and the airport.
#[test]
fn seed_places_resolve_bases_towns_and_airports() {
    let v = json(&sitrep(&["run", examples().to_str().expect("utf-8"), "--annotations"]));
    let places: Vec<Value> = ["000", "004"]
        .iter()
        .flat_map(|d| doc_by_path(&v, d)["annotations"]["places"].as_array().expect("places").clone())
        .collect();
    let find = |text: &str| {
        places.iter().find(|p| p["text"] == text).unwrap_or_else(|| panic!("no place {text:?} in {places:#?}"))
    };
    let taji = find("Camp Taji");
    let (lat, lon) = (taji["lat"].as_f64().expect("lat"), taji["lon"].as_f64().expect("lon"));
    assert!(sitrep_geo::within_km((lat, lon), (33.52, 44.26), 15.0), "{taji}");
    assert_eq!((taji["country"].as_str(), taji["precision"].as_str()), (Some("IQ"), Some("site")));
    assert_eq!(find("Qaim")["country"], "IQ");
    assert_eq!(find("al-Bukamal")["country"], "SY");
    assert_eq!(find("Ain Al Assad")["admin1"], "Anbar");
    assert_eq!(find("Baghdad International Airport")["precision"], "site");
    assert!(places.iter().any(|p| p["description"] == "27km north of Baghdad"), "{places:#?}");
}

#[test]
fn a_user_actor_lexicon_extends_the_builtin_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lexicon = dir.path().join("actors.tsv");
    std::fs::write(&lexicon, "@builtin\narmed_group\tBrigade 313\tSY\tLiwa 313\n").expect("write");
    let report = dir.path().join("report.txt");
    std::fs::write(
        &report,
        "Clash near Deir\n\n12 March 2020\n\nFighters of Liwa 313 clashed with Kataeb Hezbollah.\n",
    )
    .expect("write");
    let out = sitrep(&[
        "run",
        report.to_str().expect("utf-8"),
        "--annotations",
        "--actors",
        lexicon.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let canon: Vec<&str> = v["documents"][0]["annotations"]["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["canonical"].as_str())
        .collect();
    assert!(canon.contains(&"Brigade 313") && canon.contains(&"Kataib Hezbollah"), "{canon:?}");

    // A broken lexicon is a clear error naming the file and the line.
    std::fs::write(&lexicon, "armed_group\tNo Country\tZZ9\n").expect("write");
    let out = sitrep(&["run", report.to_str().expect("utf-8"), "--actors", lexicon.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("actors.tsv") && err.contains("line 1"), "{err}");
}

#[test]
fn markdown_report_lists_events_and_sources() {
    let out = sitrep(&["run", examples().to_str().expect("utf-8"), "--format", "markdown"]);
    assert!(out.status.success());
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# Situation report"));
    assert!(md.contains("## Sources"));
    assert!(md.contains("Turkey condemns deadly Iraq attack on coalition troops"));
    assert!(md.contains("- related: retaliation for event") && md.contains("- related: follows event"), "{md}");
    assert!(md.contains("| perpetrator | unclaimed |"), "{md}");
}

#[test]
fn bad_inputs_are_skipped_with_reasons_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    std::fs::write(p.join("a_empty.txt"), "").expect("write");
    std::fs::write(p.join("b_binary.bin"), [0u8, 1, 2, 3, 0, 255, 7, 0]).expect("write");
    std::fs::write(
        p.join("c_latin1.txt"),
        b"Caf\xe9 bombed\n\nA bomb hit the caf\xe9 in the town on Monday, police said.",
    )
    .expect("write");
    std::fs::write(
        p.join("d_lines.jsonl"),
        "{\"id\": \"r1\", \"title\": \"Shooting\", \"text\": \"Two people were shot on Main Street.\", \"date\": \"2017-04-10\"}\n\
         this line is not JSON\n\
         {\"id\": \"r2\", \"content\": \"A protest took place.\", \"dct\": \"April 11, 2017\"}\n",
    )
    .expect("write");
    let mut big = std::io::BufWriter::new(std::fs::File::create(p.join("e_huge.txt")).expect("create"));
    let line = b"A long report that goes on and on, line after line, far past any article.\n";
    for _ in 0..(100 << 20) / line.len() + 1 {
        big.write_all(line).expect("100 MB file");
    }
    big.flush().expect("flush");
    drop(big);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"id\": \"g1\", \"text\": \"Rockets hit the base.\"}\n").expect("gzip");
    std::fs::write(p.join("f_packed.jsonl.gz"), gz.finish().expect("gzip")).expect("write");
    std::fs::write(p.join("g_truncated.gz"), &[0x1f, 0x8b, 0x08, 0x00, 0x00][..]).expect("write");

    let out = sitrep(&["run", p.to_str().expect("utf-8"), "--format", "json"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let v = json(&out);
    let ids: Vec<&str> = v["documents"].as_array().expect("docs").iter().filter_map(|d| d["id"].as_str()).collect();
    assert!(ids.contains(&"r1") && ids.contains(&"r2") && ids.contains(&"g1"), "{ids:?}");
    let latin = doc_by_path(&v, "c_latin1");
    assert!(latin["text"].as_str().unwrap_or_default().contains("café"));
    let r2 = v["documents"].as_array().expect("docs").iter().find(|d| d["id"] == "r2").expect("r2");
    assert_eq!(r2["published"], "2017-04-11");
    for expected in [
        "a_empty.txt: empty",
        "b_binary.bin: binary",
        "d_lines.jsonl:2: not a JSON object",
        "e_huge.txt: too large",
        "windows-1252",
        "g_truncated.gz",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("4 documents read"), "{err}");
}

/// A web page whose article is unmistakable, about `topic`.
fn web_page(title: &str, topic: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><a href=/>Home</a></nav>\
         <article><h1>{title}</h1><p>{topic} on Wednesday evening, officials said, killing two soldiers and \
         wounding a dozen others in the deadliest attack on the base in years, according to the statement \
         the coalition released on Thursday morning.</p></article></body></html>"
    )
}

/// One WARC record, compressed as its own gzip member (as CC-NEWS is).
fn warc_member(headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let record = sitrep_ingest::warc_record(headers, block);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&record).expect("gzip");
    gz.finish().expect("gzip")
}

fn warc_response(uri: &str, page: &str) -> Vec<u8> {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
    warc_member(
        &[
            ("WARC-Type", "response"),
            ("WARC-Target-URI", uri),
            ("WARC-Date", "2020-03-12T08:00:00Z"),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        block.as_bytes(),
    )
}

#[test]
fn web_archives_feeds_and_pages_are_read_and_their_skips_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    let mut warc = warc_member(&[("WARC-Type", "warcinfo")], b"software: sitrep-test\r\n");
    warc.extend(warc_member(&[("WARC-Type", "request")], b"GET /taji HTTP/1.1\r\nHost: news.test\r\n\r\n"));
    warc.extend(warc_response(
        "https://news.test/taji",
        &web_page("Rockets hit Camp Taji", "Rockets struck Camp Taji"),
    ));
    warc.extend(warc_response("https://news.test/basra", &web_page("Blast in Basra", "A car bomb exploded in Basra")));
    std::fs::write(p.join("news.warc.gz"), warc).expect("write");
    let item = web_page("Mortars hit Balad", "Mortar rounds struck the Balad air base");
    std::fs::write(
        p.join("feed.rss"),
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
             <channel><title>The Wire</title><item><title>Mortars hit Balad</title><link>https://wire.test/balad</link>\
             <pubDate>Thu, 12 Mar 2020 09:30:00 +0000</pubDate><content:encoded><![CDATA[{item}]]></content:encoded></item>\
             <item><title>More later</title><link>https://wire.test/later</link><description>Teaser.</description></item>\
             </channel></rss>"
        ),
    )
    .expect("write");
    let pages = p.join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    std::fs::write(pages.join("a.html"), web_page("Drone strike near Erbil", "A drone struck a base near Erbil"))
        .expect("write");
    std::fs::write(pages.join("b.html"), web_page("Shelling in Idlib", "Shells fell on a market in Idlib"))
        .expect("write");

    let paths = ["news.warc.gz", "feed.rss", "pages"].map(|name| p.join(name).to_string_lossy().into_owned());
    let out = sitrep(&["run", &paths[0], &paths[1], &paths[2], "--format", "json"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let v = json(&out);
    let docs = v["documents"].as_array().expect("documents");
    let by_path = |suffix: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().is_some_and(|path| path.ends_with(suffix)))
            .unwrap_or_else(|| panic!("no document {suffix} in {docs:?}"))
    };
    let taji = by_path("news.warc.gz#record-3");
    assert_eq!(taji["url"], "https://news.test/taji");
    assert!(taji["text"].as_str().unwrap_or_default().contains("Rockets struck Camp Taji"), "{taji}");
    assert!(by_path("news.warc.gz#record-4")["text"].as_str().unwrap_or_default().contains("Basra"));
    let balad = by_path("feed.rss#1");
    assert_eq!(balad["title"], "Mortars hit Balad");
    assert_eq!(balad["url"], "https://wire.test/balad");
    assert_eq!(balad["outlet"], "The Wire");
    assert_eq!(balad["published"], "2020-03-12");
    assert!(by_path("a.html")["text"].as_str().unwrap_or_default().contains("near Erbil"));
    assert!(by_path("b.html")["text"].as_str().unwrap_or_default().contains("Idlib"));
    assert_eq!(docs.len(), 5, "{err}");
    for expected in [
        "news.warc.gz#record-1: WARC warcinfo record, not a web page",
        "news.warc.gz#record-2: WARC request record, not a web page",
        "feed.rss#2: feed item has no article text, only a link: https://wire.test/later",
        "5 documents read",
        "skipped 3 (2 WARC record not an HTML response, 1 feed item without text (link only))",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn an_archive_cut_short_is_reported_however_many_records_were_skipped_before() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = web_page("Rockets hit Camp Taji", "Rockets struck Camp Taji");
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
    let mut warc = sitrep_ingest::warc_record(&[("WARC-Type", "response")], block.as_bytes());
    for _ in 0..120 {
        warc.extend(sitrep_ingest::warc_record(&[("WARC-Type", "request")], b"GET / HTTP/1.1\r\n\r\n"));
    }
    let mut cut = sitrep_ingest::warc_record(&[("WARC-Type", "response")], b"HTTP/1.1 200 OK\r\n\r\n<p>lost</p>");
    cut.truncate(cut.len() - 12);
    warc.extend(cut);
    let path = dir.path().join("cut.warc");
    std::fs::write(&path, warc).expect("write");

    let out = sitrep(&["run", path.to_str().expect("utf-8"), "--format", "json"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("cut.warc#record-122: malformed WARC"), "{err}");
    assert!(err.contains("... and 70 more skipped (WARC record not an HTML response)"), "{err}");
}

#[test]
fn nothing_readable_is_an_error_exit() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("empty.txt"), "  \n").expect("write");
    let out = sitrep(&["run", dir.path().to_str().expect("utf-8")]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no document could be read"), "{}", stderr(&out));
    let missing = sitrep(&["run", "/nonexistent/sitrep-input"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("/nonexistent/sitrep-input"));
}

#[test]
fn standard_input_is_read() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["run", "-", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"Blast in market\n\nTuesday, 10 Mar, 2020\n\nA car bomb exploded in the market on Tuesday.")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", stderr(&out));
    let first: Value =
        serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().expect("a line")).expect("JSON line");
    assert_eq!(first["record"], "document");
    assert_eq!(first["path"], "-");
    assert_eq!(first["title"], "Blast in market");
    assert_eq!(first["published"], "2020-03-10");
}

#[test]
fn each_event_of_an_article_keeps_the_counts_its_sentences_state() {
    let v = run_one(
        "two.txt",
        "Six shot outside Brooklyn church\n\nTuesday, 28 Apr, 2015\n\n\
         Police said six people were shot, two fatally, on Monday night outside a church in Brooklyn.\n\n\
         A gunman had also opened fire on a bus in the Bronx on Saturday, wounding a driver.\n",
        &[],
    );
    let (brooklyn, _) = event_at(&v, "Brooklyn", "2015-04-27");
    assert_eq!(brooklyn["facts"]["killed"]["best"], 2);
    assert_eq!(brooklyn["facts"]["injured"]["best"], 4);
    let (bronx, _) = event_at(&v, "The Bronx", "2015-04-25");
    assert_ne!(bronx["facts"]["killed"]["best"], 2, "the Brooklyn count stays with Brooklyn");
}

#[test]
fn an_undated_sentence_tells_more_of_the_event_reported() {
    let v = run_one(
        "one.txt",
        "Girl accidentally shot in North Carolina woods\n\nThursday, 2 Oct, 2014\n\n\
         A 7-year-old girl was accidentally shot by another child in the woods near Rutherfordton on \
         Wednesday, deputies said.\n\n\
         The girl was shot in the leg and taken to a hospital in Spartanburg, S.C.\n",
        &[],
    );
    let events = v["events"].as_array().expect("events");
    let dates: Vec<&Value> = events.iter().map(|e| &e["facts"]["date"]["best"]).collect();
    assert_eq!(dates, ["2014-10-01"], "one shooting, on the Wednesday: {events:#?}");
    let mentions = events[0]["mentions"].as_array().expect("mentions");
    assert!(mentions.len() >= 2, "the hospital sentence's mention joins it: {mentions:#?}");
}

#[test]
fn a_later_day_written_beside_the_shooting_is_what_followed_it() {
    let v = run_one(
        "one.txt",
        "Father charged in girl's shooting\n\nMonday, 23 Feb, 2015\n\n\
         A Toledo man accidentally shot his 3-year-old daughter at their home on Saturday, police said.\n\n\
         He is to be arraigned this morning in Toledo Municipal Court on charges of negligent assault in \
         the shooting.\n",
        &[],
    );
    let events = v["events"].as_array().expect("events");
    let violent = violent_events(&v);
    assert_eq!(violent.len(), 1, "{events:#?}");
    assert_eq!(violent[0]["facts"]["date"]["best"], "2015-02-21");
}

#[test]
fn of_two_days_in_one_sentence_the_event_is_the_earlier() {
    let v = run_one(
        "one.txt",
        "Father arraigned in son's shooting\n\nFriday, 31 Oct, 2014\n\n\
         Detroit - A father was arraigned Thursday after his 6-year-old son shot himself in the right hand \
         Wednesday night.\n",
        &[],
    );
    let events = v["events"].as_array().expect("events");
    let violent = violent_events(&v);
    assert_eq!(violent.len(), 1, "{events:#?}");
    assert_eq!(violent[0]["facts"]["date"]["best"], "2014-10-29", "{events:#?}");
}

#[test]
fn a_report_of_the_arrest_joins_the_shooting_it_follows() {
    let first = serde_json::json!({
        "title": "Woman shot dead in Dayton",
        "published": "2016-05-15",
        "text": "A woman was shot and killed Saturday night on Elm Street in Dayton, police said.",
    });
    // Its only day is the arrest's, which the shooting came before.
    let later = serde_json::json!({
        "title": "Arrest in Elm Street killing",
        "published": "2016-05-19",
        "text": "The woman fatally shot on Elm Street in Dayton was killed by a neighbour, who was arrested \
                 Wednesday.",
    });
    let event = fused(&[&first, &later]);
    assert_eq!(event["facts"]["date"]["best"], "2016-05-14", "{event:#?}");
}

#[test]
fn the_day_a_report_tells_is_not_the_events() {
    let first = serde_json::json!({
        "title": "Man killed at barbershop",
        "published": "2013-11-07",
        "text": "A man was shot and killed at a barbershop in Detroit on Wednesday night.",
    });
    let later = serde_json::json!({
        "title": "Suspect in custody",
        "published": "2013-11-09",
        "text": "A suspect is in custody after the deadly shooting at a barbershop in Detroit, police announced \
                 Friday.",
    });
    let event = fused(&[&first, &later]);
    assert_eq!(event["facts"]["date"]["best"], "2013-11-06", "{event:#?}");
}

#[test]
fn a_pages_stamp_is_not_the_events_day() {
    // A scraped page's stamp run into its headline dates the page, not the
    // shooting: one event, on the day the article writes.
    let page = serde_json::json!({
        "title": "Two men charged after baby girl shot",
        "published": "2014-01-31",
        "text": "Two men charged after baby girl accidentally shot, killed Posted: Friday, January 31, 2014 \
                 10:21 AM EST\n\nThe sheriff's office is charging the father of a girl shot and killed in \
                 Snow Hill.\n\nThe shooting happened Wednesday night.",
    });
    let event = fused(&[&page]);
    assert_eq!(event["facts"]["date"]["best"], "2014-01-29", "{event:#?}");
}

#[test]
fn a_report_that_names_no_place_joins_no_shooting_of_its_day() {
    let placed = serde_json::json!({
        "title": "Man killed in Dayton",
        "published": "2016-05-01",
        "text": "A man was shot and killed on Elm Street in Dayton on Saturday night.",
    });
    let unplaced = serde_json::json!({
        "title": "Woman killed",
        "published": "2016-05-01",
        "text": "A woman was shot and killed on Saturday night, police said.",
    });
    let v = run_one("two.jsonl", &format!("{placed}\n{unplaced}\n"), &[]);
    let violent = violent_events(&v);
    assert_eq!(violent.len(), 2, "the day and the type alone are no evidence: {violent:#?}");
}

#[test]
fn a_town_and_the_county_around_it_count_one_shooting_differently() {
    let town = serde_json::json!({
        "title": "Two killed at Houston club",
        "published": "2017-03-27",
        "text": "Two people were killed and six others were wounded in a shooting at a club in Houston, Texas, on \
                 Sunday.",
    });
    let county = serde_json::json!({
        "title": "Two killed at club",
        "published": "2017-03-27",
        "text": "Two people were killed and four others were wounded in a shooting at a club in Harris County, \
                 Texas, on Sunday.",
    });
    let event = fused(&[&town, &county]);
    assert_eq!(event["facts"]["injured"]["status"], "conflicting", "{event:#?}");
}

#[test]
fn a_reports_two_days_of_one_shooting_stay_one_event() {
    let first = serde_json::json!({
        "title": "Bourbon Street shooting",
        "published": "2016-11-28",
        "text": "One man was killed and nine others were wounded in a shooting on Bourbon Street in New Orleans \
                 early Sunday, police said.",
    });
    // Two frames, late Saturday and early Sunday, at one place with the
    // same counts: one event.
    let later = serde_json::json!({
        "title": "Bourbon Street",
        "published": "2016-11-28",
        "text": "NEW ORLEANS (AP) - Gunfire erupted on Bourbon Street in New Orleans late Saturday, killing one man \
                 and wounding nine others.\n\nPolice said a gunman opened fire in New Orleans early Sunday, \
                 killing one man and wounding nine others.",
    });
    let event = fused(&[&first, &later]);
    assert_eq!(event["facts"]["injured"]["best"], 9, "{event:#?}");
}

#[test]
fn a_report_that_dates_nothing_is_no_older_event_of_its_town() {
    let older = serde_json::json!({
        "title": "Man killed in Dayton",
        "published": "2016-05-01",
        "text": "A man was shot and killed on Elm Street in Dayton on Saturday.",
    });
    // Eleven days on, a shooting the report does not date: news of the
    // last days, not the killing of the month before.
    let undated = serde_json::json!({
        "title": "Dayton police investigate",
        "published": "2016-05-12",
        "text": "A woman was shot on Main Street in Dayton, police said.",
    });
    let v = run_one("two.jsonl", &format!("{older}\n{undated}\n"), &[]);
    let events = v["events"].as_array().expect("events");
    let violent = violent_events(&v);
    assert_eq!(violent.len(), 2, "two shootings: {events:#?}");
}

#[test]
fn a_report_that_names_neither_day_nor_place_joins_nothing_by_its_date() {
    let detroit = serde_json::json!({
        "title": "Man killed in Detroit",
        "published": "2015-02-02",
        "text": "A man was shot and killed in Detroit on Sunday.",
    });
    // Its headline's killing is of the report's day, but where?
    let elsewhere = serde_json::json!({
        "title": "Man found dead in apparent homicide",
        "published": "2015-02-01",
        "text": "Deputies are investigating.",
    });
    let v = run_one("two.jsonl", &format!("{detroit}\n{elsewhere}\n"), &[]);
    let events = v["events"].as_array().expect("events");
    assert!(events.iter().all(|e| e["sources"].as_array().map(Vec::len) == Some(1)), "{events:#?}");
}

#[test]
fn a_headline_place_the_article_names_is_the_articles() {
    let v = run_one(
        "one.txt",
        "Suspect in deadly Bristol highway shooting indicted\n\nTuesday, 12 Jul, 2016\n\n\
         A grand jury indicted the man accused of killing a newspaper carrier on the parkway last week, \
         the Tennessee Bureau of Investigation said.\n\n\
         He remains in custody.\n\n\
         The Sullivan County Grand Jury met in Bristol, Tennessee, on Tuesday.\n",
        &["--annotations"],
    );
    let place = &v["documents"][0]["annotations"]["event_place"];
    assert_eq!((&place["name"], &place["admin1"]), (&Value::from("Bristol"), &Value::from("Tennessee")), "{place:#?}");
}

#[test]
fn a_report_that_names_no_place_happened_where_its_address_says() {
    let record = serde_json::json!({
        "url": "https://www.fresnobee.com/news/local/crime/article123.html",
        "title": "Boy shot in the foot at a playground",
        "published": "2015-08-12",
        "text": "An 8-year-old boy was hospitalized after he was shot in the foot at a playground on \
                 Wednesday afternoon, police said.",
    });
    let v = run_one("one.jsonl", &format!("{record}\n"), &[]);
    let location = &v["events"][0]["facts"]["location"];
    assert_eq!(location["best"]["name"], "Fresno", "{location:#?}");
    let claim = &location["claims"][0];
    assert_eq!((&claim["qualifier"], &claim["quote"]), (&Value::from("the report's address"), &record["url"]));
}

#[test]
fn the_outlet_a_headline_credits_is_no_place_of_the_event() {
    // The credit's state settles the county; its town is where the outlet
    // is, not the shooting.
    let record = serde_json::json!({
        "title": "Five people shot, one dead in Pike County - WMC Action News 5 - Jackson, Mississippi",
        "published": "2016-05-01",
        "text": "Five people were shot, one fatally, at a party in Pike County on Saturday night, deputies said.",
    });
    let v = run_one("one.jsonl", &format!("{record}\n"), &[]);
    let location = &v["events"][0]["facts"]["location"]["best"];
    assert_eq!(location["name"], "Pike County", "{location:#?}");
    // Pike County, Mississippi (31.2 N, 90.5 W), not Alabama's or Georgia's.
    assert!(location["lon"].as_f64().is_some_and(|lon| lon < -89.0), "{location:#?}");
    // A report that names no place of its own happened where its outlet is.
    let record = serde_json::json!({
        "title": "Teen injured in accidental shooting - WMC Action News 5 - Memphis, Tennessee",
        "published": "2016-05-01",
        "text": "A teenager was injured when a gun went off on Saturday night, police said.",
    });
    let v = run_one("one.jsonl", &format!("{record}\n"), &[]);
    let location = &v["events"][0]["facts"]["location"];
    assert_eq!(location["best"]["name"], "Memphis", "{location:#?}");
    let claim = &location["claims"][0];
    assert_eq!((&claim["qualifier"], &claim["quote"]), (&Value::from(sitrep_model::CREDIT_BASIS), &record["title"]));
}

#[test]
fn a_report_that_dates_nothing_happened_on_the_headlines_day() {
    let record = serde_json::json!({
        "title": "Gang activity suspected in Thursday night shooting in Columbia",
        "published": "2015-08-07",
        "text": "Two of the four victims are known gang members.\n\nOne of the victims remains hospitalized \
                 with a gunshot wound to the upper body.",
    });
    let v = run_one("one.jsonl", &format!("{record}\n"), &[]);
    let date = &v["events"][0]["facts"]["date"];
    assert_eq!(date["best"], "2015-08-06", "{date:#?}");
    let claim = &date["claims"][0];
    assert_eq!((&claim["qualifier"], &claim["quote"]), (&Value::from("headline"), &record["title"]));
}

#[test]
fn a_headline_that_writes_no_day_is_not_quoted_for_one() {
    let record = serde_json::json!({
        "title": "Teen shot in Columbia",
        "published": "2015-08-07",
        "text": "One of the victims remains hospitalized with a gunshot wound to the upper body.",
    });
    let v = run_one("one.jsonl", &format!("{record}\n"), &[]);
    let date = &v["events"][0]["facts"]["date"];
    assert_eq!(date["best"], "2015-08-07", "{date:#?}");
    assert_eq!(date["claims"][0]["qualifier"], "the report's date", "{date:#?}");
}

#[test]
fn reports_that_name_the_victim_join_though_one_places_it_in_another_town() {
    let first = serde_json::json!({
        "title": "Boy killed in Minot",
        "published": "2016-10-03",
        "text": "Ethan Chadwick, 12, was shot and killed in Minot, North Dakota, on Sunday night, deputies said.",
    });
    // A town 170 km off, in the same state.
    let later = serde_json::json!({
        "title": "Sheriff: boy's death an accident",
        "published": "2016-10-04",
        "text": "The shooting death of 12-year-old Ethan Chadwick on Sunday was an accident, the sheriff in \
                 Bismarck, N.D., said.",
    });
    fused(&[&first, &later]);
}

#[test]
fn later_reports_that_name_the_victim_join_the_event() {
    let first = serde_json::json!({
        "title": "Woman killed in Dayton",
        "published": "2016-05-15",
        "text": "Laprida Shears, 25, was shot and killed Saturday night on Elm Street in Dayton, police said.",
    });
    // Follow-ups weeks later: the sentence that tells of the killing also
    // dates the arrest.
    let later = serde_json::json!({
        "title": "Arrest made in Elm Street homicide",
        "published": "2016-06-10",
        "text": "The shooting of 25-year-old Laprida Shears in Dayton led to the arrest of Augustus Beachem, \
                 26, on Friday.",
    });
    let again = serde_json::json!({
        "title": "Suspect held",
        "published": "2016-06-11",
        "text": "Police said Friday that the shooting of Laprida Shears, 25, in Dayton was solved.",
    });
    let event = fused(&[&first, &later, &again]);
    // The Friday, however many reports give it, comes after the first
    // report: not the event's day.
    assert_eq!(event["facts"]["date"]["best"], "2016-05-14", "{event:#?}");
}

#[test]
fn one_hurt_whom_a_later_report_says_died_is_counted_killed_only() {
    let first = serde_json::json!({
        "title": "Girl shot in Yonkers apartment",
        "published": "2015-05-26",
        "text": "A 4-year-old girl is in critical condition after she accidentally shot herself in Yonkers \
                 on Monday night, police said.",
    });
    let later = serde_json::json!({
        "title": "Yonkers girl dies",
        "published": "2015-05-28",
        "text": "A 4-year-old girl has died, days after she accidentally shot herself in Yonkers on Monday \
                 night, police said.",
    });
    let event = fused(&[&first, &later]);
    let facts = &event["facts"];
    assert_eq!(facts["killed"]["best"], 1, "{facts:#?}");
    assert_eq!(facts["injured"]["best"], 0, "{facts:#?}");
    // The first report's claim stays listed, as it was read.
    assert_eq!(facts["injured"]["claims"][0]["qualifier"], "one person described", "{facts:#?}");
    // Read the other way round, the later report hurt no one who died.
    let earlier: Value = serde_json::from_str(&later.to_string().replace("05-28", "05-25")).expect("JSON");
    assert_eq!(fused(&[&first, &earlier])["facts"]["injured"]["best"], 1);
}

#[test]
fn cleaned_example_reports_snapshot() {
    let v = json(&sitrep(&["run", examples().to_str().expect("utf-8")]));
    let docs: Vec<Value> = v["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .map(|d| {
            let mut d = d.clone();
            if let Some(o) = d.as_object_mut() {
                o.remove("path");
            }
            d
        })
        .collect();
    insta::assert_yaml_snapshot!("example_documents", docs);
}

#[test]
fn export_writes_acled_csv_and_geojson() {
    let dir = examples();
    let out = sitrep(&["export", "--csv", "-q", dir.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut rows = csv::Reader::from_reader(out.stdout.as_slice());
    let header = rows.headers().expect("a header").clone();
    for column in ["event_id_cnty", "event_date", "event_type", "sub_event_type", "latitude", "longitude", "fatalities"]
    {
        assert!(header.iter().any(|h| h == column), "no column {column} in {header:?}");
    }
    let at = |name: &str| header.iter().position(|h| h == name).expect("column");
    let taji = rows
        .records()
        .map(|r| r.expect("a row"))
        .find(|r| &r[at("location")] == "Camp Taji")
        .expect("the Camp Taji row");
    assert_eq!(
        (&taji[at("event_date")], &taji[at("fatalities")], &taji[at("injured_status")]),
        ("2020-03-11", "3", "conflicting")
    );
    assert!(taji[at("injured_claims")].contains("14") && taji[at("injured_claims")].contains("Milley"));

    let out = sitrep(&["export", "--geojson", "-q", dir.to_str().expect("utf-8")]);
    let v = json(&out);
    assert_eq!(v["type"], "FeatureCollection");
    let taji = v["features"]
        .as_array()
        .expect("features")
        .iter()
        .find(|f| f["properties"]["place"] == "Camp Taji")
        .expect("the Camp Taji feature");
    let lon_lat = taji["geometry"]["coordinates"].as_array().expect("a point");
    assert!(
        (lon_lat[0].as_f64().expect("lon") - 44.26).abs() < 0.2
            && (lon_lat[1].as_f64().expect("lat") - 33.52).abs() < 0.2
    );
    // One of the two formats must be asked for.
    assert!(!sitrep(&["export", dir.to_str().expect("utf-8")]).status.success());
}

#[test]
fn coref_clusters_given_event_mentions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("documents.jsonl");
    let mentions = dir.path().join("mentions.jsonl");
    std::fs::write(&docs, "{\"doc_name\": \"a.xml\", \"text\": \"x\"}\n{\"doc_name\": \"b.xml\", \"text\": \"y\"}\n")
        .expect("write");
    let m = |id: &str, doc: &str, text: &str| {
        format!(
            "{{\"mention_id\": \"{id}\", \"doc_name\": \"{doc}\", \"topic\": \"1\", \"subtopic\": \"1_ecb\", \"kind\": \"event\", \"text\": \"{text}\"}}\n"
        )
    };
    let lines = m("a#1", "a.xml", "shooting")
        + &m("b#1", "b.xml", "shot")
        + &m("b#2", "b.xml", "arrested")
        + &m("c#1", "c.xml", "shooting")
        + "{\"mention_id\": \"a#9\", \"doc_name\": \"a.xml\", \"kind\": \"entity\", \"text\": \"police\"}\n";
    std::fs::write(&mentions, lines).expect("write");
    let out = sitrep(&["coref", docs.to_str().expect("utf-8"), mentions.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let cluster = |id: &str| rows.iter().find(|r| r["mention_id"] == id).map(|r| r["cluster"].clone()).expect("row");
    assert_eq!(rows.len(), 3, "entities and mentions of unknown documents are left out");
    assert_eq!(cluster("a#1"), cluster("b#1"));
    assert_ne!(cluster("a#1"), cluster("b#2"));
    assert!(stderr(&out).contains("c.xml"), "{}", stderr(&out));
}
