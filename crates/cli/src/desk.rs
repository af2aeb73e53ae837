//! The analyst's desk: `sitrep ingest` into the store, `sitrep query` of it.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use clap::{Parser, ValueEnum};
use sitrep_ingest::Input;
use sitrep_store::{Added, EventQuery, Store};

use crate::pipeline::{Pipeline, Skip, peak_memory, skip_summary};
use crate::{PipelineArgs, pipeline, report_skips};

/// The store's directory when none is given.
pub const DEFAULT_DB: &str = "sitrep-data";

#[derive(Parser)]
pub struct IngestArgs {
    /// Files, directories (walked recursively) or `-` for standard input, in
    /// any format `sitrep run` reads.
    #[arg(required = true)]
    paths: Vec<String>,
    /// The store's directory (made when missing).
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DB)]
    db: PathBuf,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

#[derive(Parser)]
pub struct QueryArgs {
    /// Words the events' text must hold (headlines, sentences, places,
    /// actors, weapons); `word*` is a prefix.
    text: Vec<String>,
    /// The store's directory.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Events on or after this date (2020-03-11, 2020-03 or 2020).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Events on or before this date.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// An ACLED event type or sub-type, any case ("Protests", "Air/drone strike").
    #[arg(long = "type", value_name = "TYPE")]
    event_type: Option<String>,
    /// ISO 3166-1 alpha-2 code of the event's country (IQ, SY, US).
    #[arg(long, value_name = "CODE")]
    country: Option<String>,
    /// Events inside west,south,east,north (degrees).
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    bbox: Option<String>,
    /// Part of a perpetrator's or target's name, any case.
    #[arg(long, value_name = "NAME")]
    actor: Option<String>,
    /// Events a page holds.
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Events skipped before the page.
    #[arg(long, default_value_t = 0)]
    offset: u32,
    /// One event, with its claims, sources and revisions (JSON).
    #[arg(long, value_name = "ID", conflicts_with_all = ["text", "from", "to", "event_type", "country", "bbox", "actor"])]
    event: Option<String>,
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    format: QueryFormat,
}

#[derive(Parser)]
pub struct ServeArgs {
    /// The store's directory.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Address to listen on: loopback unless another is given.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Accept reports over HTTP (POST /api/ingest); off by default. Makes the store when missing.
    #[arg(long)]
    allow_ingest: bool,
    /// The largest request body accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = sitrep_server::DEFAULT_MAX_BODY)]
    max_body: usize,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum QueryFormat {
    /// Aligned columns for the terminal.
    Table,
    /// The page as JSON: {total, offset, limit, events}.
    Json,
}

pub fn ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let pipeline = pipeline(&args.pipeline)?;
    let mut store = Store::open(&args.db)?;
    let inputs = args.paths.iter().map(|p| Input::parse(p)).collect();
    let Ingested { read, added, updated, skipped } = ingest_into(&pipeline, &mut store, inputs)?;
    if !args.pipeline.quiet {
        report_skips(&skipped);
    }
    let seconds = start.elapsed().as_secs_f64();
    let mut summary = format!(
        "sitrep: {read} documents read: {} new ({} near-copies), {} updated, {} unchanged; {}; \
         events: {} created, {} changed, {} merged, {} withdrawn; {} events in {} ({:.1} MB) in {seconds:.2} s \
         ({:.0} documents/s",
        added.new,
        added.copies,
        added.updated,
        added.unchanged,
        skip_summary(&skipped),
        updated.created,
        updated.changed,
        updated.merged,
        updated.withdrawn,
        updated.events,
        args.db.display(),
        store.disk_bytes() as f64 / 1e6,
        read as f64 / seconds.max(1e-9),
    );
    if let Some(peak) = peak_memory() {
        summary.push_str(&format!(", peak memory {:.0} MB", peak as f64 / 1e6));
    }
    summary.push(')');
    eprintln!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// What [`ingest_into`] did.
pub struct Ingested {
    pub read: usize,
    pub added: Added,
    pub updated: sitrep_store::Updated,
    pub skipped: Vec<Skip>,
}

/// Read the inputs into the store, a transaction per batch (a killed run
/// keeps the batches it stored, and the next run finds them stored and goes
/// on), then update the events.
pub fn ingest_into(pipeline: &Pipeline, store: &mut Store, inputs: Vec<Input>) -> anyhow::Result<Ingested> {
    let bar = pipeline.progress_bar();
    let mut added = Added::default();
    let mut read = 0;
    // Where each outlet reports from, learned from the batches so far.
    let mut outlets = sitrep_geo::Outlets::default();
    let skipped = pipeline.each_batch(inputs, bar.as_ref(), |mut batch| {
        pipeline.read_again_by_outlet(&mut outlets, &mut batch);
        read += batch.len();
        added.merge(&store.add_documents(&batch, jiff::Timestamp::now())?);
        Ok::<_, sitrep_store::Error>(())
    })?;
    if let Some(bar) = &bar {
        bar.set_message("resolving events");
    }
    let updated = store.update_events(jiff::Timestamp::now())?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(Ingested { read, added, updated, skipped })
}

pub fn query(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if let Some(id) = &args.event {
        let Some(detail) = store.event(id)? else {
            anyhow::bail!("no event {id} in {}", args.db.display());
        };
        serde_json::to_writer_pretty(&mut out, &detail)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = args.text.join(" ");
    let query = EventQuery {
        from: args.from,
        to: args.to,
        event_type: args.event_type,
        country: args.country,
        bbox: args.bbox,
        actor: args.actor,
        q: (!text.trim().is_empty()).then_some(text),
        limit: Some(args.limit),
        offset: Some(args.offset),
    };
    let page = store.events(&query)?;
    match args.format {
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &page)?;
            writeln!(out)?;
        }
        QueryFormat::Table => {
            let rows: Vec<[String; 9]> = page
                .events
                .iter()
                .map(|e| {
                    let count = |n: Option<i64>, fact: &str| {
                        let mut s = n.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
                        if e.conflicts.iter().any(|c| c == fact) {
                            s.push('!');
                        }
                        s
                    };
                    [
                        e.id.clone(),
                        e.date.clone().unwrap_or_else(|| "-".into()),
                        e.sub_type.clone(),
                        e.place.clone().unwrap_or_else(|| "-".into()),
                        e.country.clone().unwrap_or_else(|| "-".into()),
                        count(e.killed, "killed"),
                        count(e.injured, "injured"),
                        e.perpetrator.clone().unwrap_or_else(|| "-".into()),
                        e.sources.to_string(),
                    ]
                })
                .collect();
            let header = ["id", "date", "type", "place", "country", "killed", "injured", "perpetrator", "sources"];
            write_table(&mut out, &header, &rows)?;
            let shown = page.offset as u64 + page.events.len() as u64;
            writeln!(
                out,
                "{} of {} events{} ('!': sources conflict; `sitrep query --event ID` for the claims)",
                page.events.len(),
                page.total,
                if shown < page.total { format!(", next page: --offset {shown}") } else { String::new() },
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Columns padded to their widest cell (in characters); control
/// characters in article text are shown as spaces.
fn write_table<const N: usize>(out: &mut impl Write, header: &[&str; N], rows: &[[String; N]]) -> io::Result<()> {
    let clean = |s: &str| -> String { s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect() };
    let rows: Vec<[String; N]> = rows.iter().map(|r| r.clone().map(|c| clean(&c))).collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

pub fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let ingester: Option<Arc<dyn sitrep_server::Ingester>> = if args.allow_ingest {
        // Made now: the store exists before the server opens it.
        Store::open(&args.db)?;
        let pipeline = pipeline(&args.pipeline)?;
        Some(Arc::new(HttpIngester { pipeline, db: args.db.clone(), writer: Mutex::new(()) }))
    } else {
        None
    };
    let router =
        sitrep_server::router(sitrep_server::Config { db: args.db.clone(), ingester, max_body: args.max_body })?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.addr))?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() {
            eprintln!("sitrep: warning: listening on {addr}, reachable from other machines");
        }
        eprintln!(
            "sitrep: serving {} on http://{addr}/ ({}; Ctrl-C stops)",
            args.db.display(),
            if args.allow_ingest { "reports accepted at POST /api/ingest" } else { "read-only" }
        );
        sitrep_server::serve(listener, router).await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Reports posted to the server, through the same pipeline as `ingest`.
struct HttpIngester {
    pipeline: Pipeline,
    db: PathBuf,
    /// One writer at a time.
    writer: Mutex<()>,
}

impl sitrep_server::Ingester for HttpIngester {
    fn ingest(&self, name: &str, bytes: Vec<u8>) -> Result<serde_json::Value, String> {
        let mut skipped = Vec::new();
        let mut docs = Vec::new();
        for outcome in sitrep_ingest::read_bytes(name, bytes, &self.pipeline.reader) {
            match outcome {
                Ok(raw) => docs.push(self.pipeline.process(raw)),
                Err(e) => skipped.push(Skip { kind: e.kind(), message: e.to_string() }),
            }
        }
        self.pipeline.read_again_by_outlet(&mut sitrep_geo::Outlets::default(), &mut docs);
        let _guard = self.writer.lock().map_err(|_| "a previous ingest failed".to_string())?;
        let mut store = Store::open(&self.db).map_err(|e| e.to_string())?;
        let added = store.add_documents(&docs, jiff::Timestamp::now()).map_err(|e| e.to_string())?;
        let updated = store.update_events(jiff::Timestamp::now()).map_err(|e| e.to_string())?;
        Ok(serde_json::json!({
            "documents": docs.len(),
            "new": added.new,
            "copies": added.copies,
            "updated": added.updated,
            "unchanged": added.unchanged,
            "skipped": skipped.iter().map(|s| &s.message).collect::<Vec<_>>(),
            "events": updated,
        }))
    }
}
