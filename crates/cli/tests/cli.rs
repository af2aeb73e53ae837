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

#[test]
fn annotations_carry_spans_into_the_text() {
    let v = json(&sitrep(&["run", examples().to_str().expect("utf-8"), "--annotations"]));
    for d in v["documents"].as_array().expect("documents") {
        let text = d["text"].as_str().expect("text");
        let ann = &d["annotations"];
        for layer in ["sentences", "times", "mentions"] {
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

#[test]
fn markdown_report_lists_events_and_sources() {
    let out = sitrep(&["run", examples().to_str().expect("utf-8"), "--format", "markdown"]);
    assert!(out.status.success());
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# Situation report"));
    assert!(md.contains("## Sources"));
    assert!(md.contains("Turkey condemns deadly Iraq attack on coalition troops"));
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
