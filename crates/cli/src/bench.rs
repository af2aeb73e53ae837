//! `sitrep bench-desk`: ingest speed, store size and the API's event
//! search latency, measured end to end.
//!
//! The reports are ingested into a new store as `sitrep ingest` does;
//! then the server is started on a loopback port and asked a mix of event
//! searches over HTTP, one connection each, as the web page asks them:
//! the first page, words, date ranges, countries, boxes, actors, and their
//! combinations, drawn from what the store holds.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Parser;
use sitrep_ingest::Input;
use sitrep_store::{EventQuery, Store};

use crate::desk::{Ingested, ingest_into};
use crate::pipeline::peak_memory;
use crate::{PipelineArgs, pipeline};

#[derive(Parser)]
pub struct BenchArgs {
    /// The reports to ingest (../shared/corpora/gva/articles.jsonl, say).
    #[arg(required = true)]
    paths: Vec<String>,
    /// Where to make the store (must not exist; default: a temporary directory).
    #[arg(long, value_name = "DIR")]
    db: Option<PathBuf>,
    /// Event searches to time.
    #[arg(long, default_value_t = 2000)]
    queries: usize,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

pub fn bench_desk(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let temp;
    let db = match &args.db {
        Some(db) if db.exists() => bail!("{} exists: the benchmark makes a new store", db.display()),
        Some(db) => db.clone(),
        None => {
            temp = tempfile::tempdir().context("a temporary directory")?;
            temp.path().join("db")
        }
    };

    // Ingest, as `sitrep ingest` does.
    let pipeline = pipeline(&args.pipeline)?;
    let start = Instant::now();
    let mut store = Store::open(&db)?;
    let inputs = args.paths.iter().map(|p| Input::parse(p)).collect();
    let Ingested { read, added, updated, .. } = ingest_into(&pipeline, &mut store, inputs)?;
    let ingest_seconds = start.elapsed().as_secs_f64();
    let bytes = store.disk_bytes();
    let ingest_peak = peak_memory();

    // The queries, drawn from the store.
    let queries = queries(&store, args.queries)?;
    drop(store);

    // The server, on a loopback port, on threads of its own.
    let router = sitrep_server::router(sitrep_server::Config {
        db: db.clone(),
        ingester: None,
        max_body: sitrep_server::DEFAULT_MAX_BODY,
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    runtime.spawn(async move {
        let _ = sitrep_server::serve(listener, router).await;
    });

    // Once through to warm the pool and the page cache, then timed.
    for q in queries.iter().take(50) {
        get(addr, q)?;
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut matched = 0u64;
    for q in &queries {
        let t = Instant::now();
        let body = get(addr, q)?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        matched += u64::from(!body.contains("\"total\":0"));
    }
    runtime.shutdown_background();
    times.sort_by(f64::total_cmp);
    let quantile = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];

    println!("ingest");
    println!("  documents read       {read}");
    println!("  stored               {} ({} near-copies), {} unchanged", added.new, added.copies, added.unchanged);
    println!("  events               {}", updated.events);
    println!("  time                 {ingest_seconds:.2} s");
    println!("  articles/s           {:.0}", read as f64 / ingest_seconds.max(1e-9));
    println!("  store size           {:.1} MB", bytes as f64 / 1e6);
    if let Some(peak) = ingest_peak {
        println!("  peak memory          {:.0} MB", peak as f64 / 1e6);
    }
    println!("event search over HTTP (GET /api/events, a connection each)");
    println!("  queries              {} ({matched} with results)", times.len());
    println!("  p50                  {:.2} ms", quantile(0.5));
    println!("  p99                  {:.2} ms", quantile(0.99));
    println!("  max                  {:.2} ms", quantile(1.0));
    Ok(ExitCode::SUCCESS)
}

/// `n` event searches: the first page, words of event places and
/// headlines, months, countries, boxes around events, actors, and mixes.
fn queries(store: &Store, n: usize) -> anyhow::Result<Vec<String>> {
    let sample = store.events(&EventQuery { limit: Some(1000), ..EventQuery::default() })?.events;
    if sample.is_empty() {
        bail!("the reports gave no event to search for");
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let e = &sample[(i * 7919) % sample.len()];
        let word = e.place.as_deref().and_then(|p| p.split_whitespace().next()).unwrap_or("attack");
        let month = e.date.as_deref().map(|d| d.chars().take(7).collect::<String>());
        let mut params: Vec<(&str, String)> = Vec::new();
        match i % 8 {
            0 => {}
            1 => params.push(("q", word.into())),
            2 => params.extend(month.clone().map(|m| ("from", m))),
            3 => params.extend(e.country.clone().map(|c| ("country", c))),
            4 => {
                if let (Some(lat), Some(lon)) = (e.lat, e.lon) {
                    let b = [lon - 1.0, lat - 1.0, lon + 1.0, lat + 1.0].map(|v| format!("{v:.3}"));
                    params.push(("bbox", b.join(",")));
                }
            }
            5 => params.push(("actor", e.perpetrator.clone().unwrap_or_else(|| "police".into()))),
            6 => params.push(("type", e.event_type.clone())),
            _ => {
                params.push(("q", format!("{}*", &word[..word.len().min(4)])));
                params.extend(month.map(|m| ("to", m)));
                params.extend(e.country.clone().map(|c| ("country", c)));
            }
        }
        let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        out.push(format!("/api/events?{}", query.join("&")));
    }
    Ok(out)
}

/// Percent-encoding of a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// GET `path`; the body, or an error for a status other than 200.
fn get(addr: SocketAddr, path: &str) -> anyhow::Result<String> {
    let mut stream = TcpStream::connect(addr)?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response.split(' ').nth(1).unwrap_or("");
    if status != "200" {
        bail!("GET {path}: {}", response.lines().next().unwrap_or("no answer"));
    }
    Ok(response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default())
}
