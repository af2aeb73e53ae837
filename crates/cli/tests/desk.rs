//! `sitrep ingest` and `sitrep query` for real: a store made, grown,
//! killed mid-ingest and made whole by the next run.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

fn sitrep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep")).args(args).output().expect("sitrep runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `n` short reports of rocket attacks on different days and towns (JSON
/// Lines), every tenth followed by a syndicated copy of itself; after the
/// 1,008th (the period of the variations) they repeat.
fn reports(n: usize) -> String {
    const PLACES: &[&str] = &[
        "Baghdad", "Basra", "Mosul", "Kirkuk", "Erbil", "Aleppo", "Homs", "Kabul", "Kandahar", "Sanaa", "Aden",
        "Kharkiv", "Donetsk", "Mariupol", "Gao", "Timbuktu",
    ];
    const MORE: &str = "The attack came amid rising tension in the region, and residents said they heard \
        several loud explosions before ambulances rushed to the scene. Security forces sealed off the area \
        and began searching nearby buildings, while officials promised an investigation into who had \
        launched the strike and from where.";
    let mut out = String::new();
    let mut i = 0;
    while out.lines().count() < n {
        let place = PLACES[i % PLACES.len()];
        let (month, day) = (1 + (i / 28) % 12, 1 + i % 28);
        let (rockets, killed, injured) = (3 + i % 9, 1 + i % 4, 2 + i % 7);
        let mut text = format!(
            "{rockets} rockets struck {place} on {year}-{month:02}-{day:02}, killing {killed} people and \
             wounding {injured} others, officials said.",
            year = 2020
        );
        if i % 10 == 0 {
            text = format!("{text} {MORE}");
        }
        let line = |id: String, outlet: &str| {
            serde_json::json!({"id": id, "title": format!("Rockets hit {place}"), "text": text,
                               "date": format!("2020-{month:02}-{day:02}"), "outlet": outlet})
            .to_string()
        };
        out.push_str(&line(format!("r{i}"), "Daily Wire"));
        out.push('\n');
        if i % 10 == 0 {
            out.push_str(&line(format!("r{i}-copy"), "Evening Echo"));
            out.push('\n');
        }
        i += 1;
    }
    out
}

/// Everything the store holds but the clock: documents, events, revisions.
fn dump(db: &Path) -> Vec<String> {
    let conn = Connection::open_with_flags(db.join("sitrep.db"), OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let mut rows = Vec::new();
    for sql in [
        "SELECT id || ' ' || content_hash || ' ' || coalesce(copy_of, '-') || ' ' || resolved || ' ' || body \
         FROM documents ORDER BY id",
        "SELECT id || ' ' || status || ' ' || coalesce(merged_into, '-') || ' ' || revision || ' ' || body \
         FROM events ORDER BY id",
        "SELECT event || ' ' || revision || ' ' || kind || ' ' || documents || ' ' || changes FROM revisions \
         ORDER BY event, revision",
        "SELECT key || ' ' || seq FROM copy_bands ORDER BY key, seq",
    ] {
        let mut stmt = conn.prepare(sql).expect("prepare");
        rows.extend(stmt.query_map([], |r| r.get::<_, String>(0)).expect("query").map(|r| r.expect("row")));
    }
    rows
}

fn stored_documents(db: &Path) -> i64 {
    let Ok(conn) = Connection::open_with_flags(db.join("sitrep.db"), OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap_or(0)
}

/// Start an ingest and kill it (SIGKILL) once the store holds `at_least`
/// documents; false when it finished first.
fn ingest_killed(input: &Path, db: &Path, at_least: i64) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["ingest", "-q", "--db"])
        .arg(db)
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(300) {
        if child.try_wait().expect("wait").is_some() {
            return false;
        }
        if stored_documents(db) >= at_least {
            child.kill().expect("kill");
            child.wait().expect("wait");
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("ingest neither stored {at_least} documents nor finished");
}

#[test]
fn an_ingest_killed_midway_then_rerun_gives_the_store_of_one_clean_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("reports.jsonl");
    std::fs::write(&input, reports(1400)).expect("write");
    let (clean, crashed) = (dir.path().join("clean"), dir.path().join("crashed"));

    let out = sitrep(&["ingest", "-q", "--db", clean.to_str().expect("utf-8"), input.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Killed after its first batch, again after its second, then left to
    // finish: no document twice, none lost, the same events and history.
    assert!(ingest_killed(&input, &crashed, 1), "the first ingest finished before it could be killed");
    let after_first = stored_documents(&crashed);
    assert!(after_first < stored_documents(&clean), "killed before the end");
    ingest_killed(&input, &crashed, after_first + 1);
    let out = sitrep(&["ingest", "-q", "--db", crashed.to_str().expect("utf-8"), input.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));

    let (a, b) = (dump(&clean), dump(&crashed));
    assert!(stored_documents(&clean) > 1000);
    assert!(a.iter().any(|row| row.contains(" live ")), "the store has events");
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
}

#[test]
fn ingest_grows_the_store_and_query_lists_filters_and_shows_events() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    let db = db.to_str().expect("utf-8");
    let input = dir.path().join("reports.jsonl");
    let all = reports(60);
    let lines: Vec<&str> = all.lines().collect();
    let (first, second) = lines.split_at(lines.len() / 2);
    std::fs::write(&input, first.join("\n")).expect("write");
    let out = sitrep(&["ingest", "--db", db, input.to_str().expect("utf-8")]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("{} documents read: {} new", first.len(), first.len())), "{err}");

    // Again, with the other half: the first half is unchanged.
    std::fs::write(&input, all.as_bytes()).expect("write");
    let out = sitrep(&["ingest", "--db", db, input.to_str().expect("utf-8")]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("{} new", second.len())), "{err}");
    assert!(err.contains(&format!("{} unchanged", first.len())), "{err}");

    let out = sitrep(&["query", "--db", db, "--format", "json", "--limit", "1000"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let events = page["events"].as_array().expect("events");
    assert_eq!(page["total"].as_u64(), Some(events.len() as u64));
    let mosul: Vec<&serde_json::Value> = events.iter().filter(|e| e["place"] == "Mosul").collect();
    assert!(!mosul.is_empty(), "{page}");

    let out = sitrep(&["query", "--db", db, "--format", "json", "mosul", "--country", "IQ", "--from", "2020-01"]);
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(found["total"].as_u64(), Some(mosul.len() as u64), "{found}");
    let out = sitrep(&["query", "--db", db, "mosul", "--bbox", "-10,-10,10,10"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 of 0 events"));

    let id = mosul[0]["id"].as_str().expect("id");
    let out = sitrep(&["query", "--db", db, "--event", id]);
    assert!(out.status.success(), "{}", stderr(&out));
    let detail: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(detail["event"]["id"], id);
    assert_eq!(detail["revisions"][0]["kind"], "created");

    let table = sitrep(&["query", "--db", db, "--type", "shelling/artillery/missile attack"]);
    let table = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(table.starts_with("id "), "{table}");
    assert!(table.contains("Shelling/artillery/missile attack"), "{table}");

    let bad = sitrep(&["query", "--db", db, "--from", "yesterday"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("from: not a date"), "{}", stderr(&bad));
    let missing = sitrep(&["query", "--db", dir.path().join("none").to_str().expect("utf-8")]);
    assert!(stderr(&missing).contains("no store here"), "{}", stderr(&missing));
}

/// A running `sitrep serve`, stopped when dropped.
struct Server {
    child: std::process::Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(args: &[&str]) -> Server {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let line = lines.next().expect("a line").expect("utf-8");
    let addr = line.split("http://").nth(1).and_then(|rest| rest.split('/').next()).expect("an address").to_string();
    std::thread::spawn(move || lines.for_each(drop));
    Server { child, addr }
}

/// One HTTP/1.1 request; the status and the body.
fn http(addr: &str, method: &str, path: &str, body: &[u8]) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("write");
    let _ = stream.write_all(body);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn serve_answers_the_api_read_only_unless_told_and_limits_bodies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    let db = db.to_str().expect("utf-8");
    let missing = sitrep(&["serve", "--db", db, "--addr", "127.0.0.1:0"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("no store here"), "{}", stderr(&missing));

    let input = dir.path().join("reports.jsonl");
    std::fs::write(&input, reports(20)).expect("write");
    let out = sitrep(&["ingest", "-q", "--db", db, input.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));

    let server = serve(&["--db", db]);
    let (status, body) = http(&server.addr, "GET", "/api/events?q=mosul&country=iq", b"");
    assert_eq!(status, 200, "{body}");
    let page: serde_json::Value = serde_json::from_str(&body).expect("json");
    let id = page["events"][0]["id"].as_str().expect("a Mosul event").to_string();
    let (status, body) = http(&server.addr, "GET", &format!("/api/events/{id}"), b"");
    assert_eq!(status, 200, "{body}");
    let detail: serde_json::Value = serde_json::from_str(&body).expect("json");
    let doc = detail["event"]["sources"][0].as_str().expect("a source").to_string();
    let quote = detail["event"]["facts"]["killed"]["claims"][0]["quote"].as_str().expect("a quote");
    assert!(quote.contains("Mosul"), "{quote}");
    let (status, body) = http(&server.addr, "GET", &format!("/api/documents/{doc}"), b"");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("rockets struck Mosul"), "{body}");
    let (status, body) = http(&server.addr, "GET", "/api/search?q=rockets", b"");
    assert_eq!(status, 200, "{body}");
    assert_eq!(http(&server.addr, "GET", "/api/events/ev-none", b"").0, 404);
    let (status, body) = http(&server.addr, "GET", "/api/events?bbox=1,2", b"");
    assert_eq!(status, 400);
    assert!(body.contains("bbox"), "{body}");
    assert_eq!(http(&server.addr, "GET", "/api/events?limit=99999", b"").0, 400);
    let (status, body) = http(&server.addr, "GET", "/openapi.json", b"");
    assert_eq!(status, 200);
    let spec: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/api/ingest"].is_null(), "read-only servers document no ingest");
    assert_eq!(http(&server.addr, "POST", "/api/ingest", b"Rockets hit Basra.").0, 404);
    let (status, page) = http(&server.addr, "GET", "/", b"");
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"/assets/app.js\""), "{page}");
    drop(server);

    let server = serve(&["--db", db, "--allow-ingest", "--max-body", "2000"]);
    let report = serde_json::json!({"id": "new-1", "title": "Drone strike on Kandahar",
        "text": "A drone struck a compound in Kandahar on 2021-05-04, killing 7 people, officials said.",
        "date": "2021-05-04"})
    .to_string();
    let (status, body) = http(&server.addr, "POST", "/api/ingest?name=new.jsonl", report.as_bytes());
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"new\":1"), "{body}");
    let (_, body) = http(&server.addr, "GET", "/api/events?q=kandahar&from=2021", b"");
    assert!(body.contains("Kandahar"), "{body}");
    assert_eq!(http(&server.addr, "POST", "/api/ingest", &[b'x'; 4000]).0, 413);
}
