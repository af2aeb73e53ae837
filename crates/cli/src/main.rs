//! `sitrep`: one structured, source-attributed record per real-world event,
//! from many news reports. Thin glue: arguments to library calls.

mod bench;
mod desk;
mod pipeline;

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use sitrep_clean::{Cleaner, Lexicon};
use sitrep_extract::{Annotator, Entities, Triggers};
use sitrep_geo::{Gazetteer, Geoparser};
use sitrep_ingest::{Input, ReaderConfig};

use crate::pipeline::{Pipeline, peak_memory};

/// mimalloc: the many small strings of the annotations are allocated and
/// freed faster than with the system allocator (about 3 % of the annotators'
/// time, `cargo bench -p sitrep-extract --bench annotators`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "One structured, source-attributed record per real-world event, from many news reports."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read reports, and write their documents and events.
    Run(RunArgs),
    /// Read reports, and write their events as ACLED-compatible CSV or GeoJSON.
    Export(ExportArgs),
    /// Cluster given event mentions across documents (ECB+ format); writes JSON Lines {mention_id, cluster}.
    Coref {
        /// documents.jsonl: the documents the mentions are in.
        documents: PathBuf,
        /// mentions.jsonl: the mentions (those of kind "event" are clustered).
        mentions: PathBuf,
    },
    /// Read reports into the store: new documents added, events updated, every change kept.
    Ingest(desk::IngestArgs),
    /// List the store's events (by date, type, country, box, actor, words) or show one.
    Query(desk::QueryArgs),
    /// Serve the store: a JSON API (OpenAPI at /openapi.json) and the web page (map, timeline, event pages).
    Serve(desk::ServeArgs),
    /// Benchmark the desk: ingest articles/s, store size, and the API's event search latency (p50/p99).
    BenchDesk(bench::BenchArgs),
    /// Measure sitrep against a public gold set.
    Eval(EvalArgs),
    /// Manage the gazetteer places are resolved on.
    Gazetteer(GazetteerArgs),
}

#[derive(Parser)]
struct GazetteerArgs {
    #[command(subcommand)]
    command: GazetteerCommand,
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Make a gazetteer from the full GeoNames dumps, for `sitrep run --gazetteer`.
    Import {
        /// A GeoNames table: allCountries.zip, cities500.zip, cities1000.zip, … or the .txt inside.
        table: PathBuf,
        /// alternateNamesV2.zip (or .txt): more names, by language.
        #[arg(long, value_name = "FILE")]
        alternate_names: Option<PathBuf>,
        /// admin1CodesASCII.txt: the names of first-level divisions.
        #[arg(long, value_name = "FILE")]
        admin1: Option<PathBuf>,
        /// Where to write the gazetteer.
        #[arg(long, value_name = "FILE", default_value = "sitrep-data/gazetteer.tsv")]
        out: PathBuf,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
    },
}

#[derive(Parser)]
struct EvalArgs {
    #[command(subcommand)]
    set: EvalSet,
    /// `table` for people, `json` for scripts: {"set": ..., "metrics": {...}}.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table, global = true)]
    format: EvalFormat,
    /// How many misses the table shows, spread evenly over the set (0: none).
    #[arg(long, default_value_t = 16, global = true)]
    misses: usize,
}

#[derive(Subcommand)]
enum EvalSet {
    /// Time expressions: detection and TIMEX3 values on TempEval-3 (tbaq_cleaned.jsonl).
    Tempeval { path: PathBuf },
    /// Killed and injured counts per article vs the Gun Violence Archive record (the gva/ folder).
    Counts { path: PathBuf },
    /// The event's place per article vs the Gun Violence Archive incident's city and state (the gva/ folder).
    Places { path: PathBuf },
    /// Events fused from all articles vs the Gun Violence Archive incidents: B-cubed grouping, and date, city, killed, injured per incident (the gva/ folder).
    Gva { path: PathBuf },
    /// Cross-document event coreference on ECB+ (the ecbplus/ folder): MUC, B-cubed, CEAF-e, CoNLL F1.
    Ecbplus { path: PathBuf },
    /// Article bodies out of news HTML (the extraction/ folder: ground-truth.json, html/<id>.html.gz), scored as the article-extraction benchmark does: 4-token shingles, precision, recall, F1; with pages/s.
    Extraction { path: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
enum EvalFormat {
    Table,
    Json,
}

#[derive(Parser)]
struct RunArgs {
    /// Files, directories (walked recursively) or `-` for standard input.
    /// Plain-text reports, JSON Lines, web pages (HTML), RSS and Atom feeds and WARC archives,
    /// gzip- or zstd-compressed or not, detected from content.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    format: OutputFormat,
    /// Include each document's annotation layers (sentences, times, event mentions).
    #[arg(long)]
    annotations: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// How documents are read and processed: the options `run`, `export` and
/// `ingest` share.
#[derive(Parser)]
pub struct PipelineArgs {
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Largest document read, in bytes after decompression; larger ones are skipped.
    #[arg(long, default_value_t = ReaderConfig::default().max_bytes)]
    max_bytes: u64,
    /// Boilerplate cue lexicon to use instead of the built-in one (weight<TAB>phrase lines).
    #[arg(long, value_name = "FILE")]
    boilerplate: Option<PathBuf>,
    /// Event trigger lexicon to use instead of the built-in one (phrase<TAB>type<TAB>sub-type lines).
    #[arg(long, value_name = "FILE")]
    triggers: Option<PathBuf>,
    /// Actor lexicon to use instead of the built-in one
    /// (kind<TAB>name<TAB>country<TAB>aliases lines; a line `@builtin` extends the built-in one).
    #[arg(long, value_name = "FILE")]
    actors: Option<PathBuf>,
    /// A gazetteer made by `sitrep gazetteer import`, used instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    gazetteer: Option<PathBuf>,
    /// More places, added to the gazetteer: bases, airports, crossings, camps
    /// (name<TAB>lat<TAB>lon<TAB>country<TAB>admin1<TAB>kind<TAB>aliases lines).
    #[arg(long, value_name = "FILE")]
    places: Option<PathBuf>,
    /// No progress bar, no per-document messages: only the summary line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Jsonl,
    Markdown,
    /// One row per event, ACLED's column names where they apply.
    Csv,
    /// A GeoJSON FeatureCollection of the events.
    Geojson,
}

#[derive(Parser)]
#[command(group = clap::ArgGroup::new("table").required(true).args(["csv", "geojson"]))]
struct ExportArgs {
    /// One row per event: ACLED's columns where they apply, then each fact's status, range and claims.
    #[arg(long)]
    csv: bool,
    /// A GeoJSON FeatureCollection: a point per event at its best place.
    #[arg(long)]
    geojson: bool,
    #[command(flatten)]
    run: RunArgs,
}

/// Transparent huge pages off for this process: mimalloc hands freed
/// memory back to the system and takes it again as a run goes on, and with
/// huge pages each of those page faults clears 2 MiB. On the GVA articles
/// (one thread) the run takes 5–13 % less CPU time and 10 % less peak
/// memory without them. Best effort: a kernel without the flag runs as
/// before.
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_thp_disable(true);
}

fn main() -> ExitCode {
    without_huge_pages();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run(args),
        Command::Export(args) => {
            let format = if args.csv { OutputFormat::Csv } else { OutputFormat::Geojson };
            run(RunArgs { format, ..args.run })
        }
        Command::Ingest(args) => desk::ingest(args),
        Command::Query(args) => desk::query(args),
        Command::Serve(args) => desk::serve(args),
        Command::BenchDesk(args) => bench::bench_desk(args),
        Command::Eval(args) => eval(args),
        Command::Coref { documents, mentions } => coref(&documents, &mentions),
        Command::Gazetteer(args) => gazetteer(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`sitrep run ... | head`) is not an error.
            if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let report = match &args.set {
        EvalSet::Tempeval { path } => sitrep_eval::tempeval::evaluate(path)?,
        EvalSet::Counts { path } => sitrep_eval::counts::evaluate(path)?,
        EvalSet::Places { path } => sitrep_eval::places::evaluate(path)?,
        EvalSet::Gva { path } => sitrep_eval::events::evaluate(path)?,
        EvalSet::Ecbplus { path } => sitrep_eval::ecbplus::evaluate(path)?,
        EvalSet::Extraction { path } => sitrep_eval::extraction::evaluate(path)?,
    };
    let mut out = io::stdout().lock();
    match args.format {
        EvalFormat::Table => write!(out, "{}", report.table(args.misses))?,
        EvalFormat::Json => writeln!(out, "{}", serde_json::to_string(&report)?)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn coref(documents: &Path, mentions: &Path) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(documents).with_context(|| format!("reading {}", documents.display()))?;
    let mut known = std::collections::HashSet::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let doc: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}: not JSON", documents.display(), i + 1))?;
        let name = doc["doc_name"].as_str().or_else(|| doc["doc_id"].as_str());
        known.insert(name.with_context(|| format!("{}:{}: no doc_name", documents.display(), i + 1))?.to_string());
    }
    let all = sitrep_eval::ecbplus::event_mentions(mentions)?;
    let (kept, unknown): (Vec<_>, Vec<_>) = all.into_iter().partition(|m| known.contains(&m.doc_name));
    for m in &unknown {
        eprintln!(
            "sitrep: skipped: mention {}: document {} is not in {}",
            m.mention_id,
            m.doc_name,
            documents.display()
        );
    }
    let clusters = sitrep_eval::ecbplus::clusters(&kept);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (m, c) in kept.iter().zip(&clusters) {
        let cluster = format!("{}#{}", m.group(), kept[*c].mention_id);
        // Written as text, so that a closed pipe is an io::Error (no error).
        writeln!(out, "{}", serde_json::json!({"mention_id": m.mention_id, "cluster": cluster}))?;
    }
    out.flush()?;
    let n = clusters.iter().collect::<std::collections::HashSet<_>>().len();
    eprintln!("sitrep: {} event mentions in {n} clusters; skipped {}", kept.len(), unknown.len());
    Ok(ExitCode::SUCCESS)
}

fn gazetteer(args: GazetteerArgs) -> anyhow::Result<ExitCode> {
    let GazetteerCommand::Import { table, alternate_names, admin1, out, quiet } = args.command;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // Written beside, then renamed: an interrupted import leaves no half file.
    let partial = out.with_extension("tsv.partial");
    let file = std::fs::File::create(&partial).with_context(|| format!("creating {}", partial.display()))?;
    let mut writer = io::BufWriter::new(file);
    let bar = (!quiet && io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let stats = sitrep_geo::import::import(&table, alternate_names.as_deref(), admin1.as_deref(), &mut writer, |s| {
        if let Some(bar) = &bar {
            bar.set_message(format!("{} lines read, {} places kept", s.lines, s.places));
            bar.tick();
        }
    })?;
    writer.flush().context("writing the gazetteer")?;
    drop(writer);
    std::fs::rename(&partial, &out).with_context(|| format!("writing {}", out.display()))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    eprintln!(
        "sitrep: {} places ({} alternate names) written to {}; {} of {} lines left out (other feature classes or malformed)",
        stats.places,
        stats.alternate_names,
        out.display(),
        stats.skipped,
        stats.lines
    );
    Ok(ExitCode::SUCCESS)
}

/// The pipeline the options describe; starts the worker threads.
pub(crate) fn pipeline(args: &PipelineArgs) -> anyhow::Result<Pipeline> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global().context("starting worker threads")?;
    }
    let cleaner = match &args.boilerplate {
        Some(path) => Cleaner::with_lexicon(lexicon(path, Lexicon::parse)?),
        None => Cleaner::default(),
    };
    let mut annotator = Annotator::default();
    if let Some(path) = &args.triggers {
        annotator = annotator.with_triggers(lexicon(path, Triggers::parse)?);
    }
    if let Some(path) = &args.actors {
        annotator = annotator.with_entities(lexicon(path, Entities::parse)?);
    }
    let geoparser = match (&args.gazetteer, &args.places) {
        (None, None) => Geoparser::default(),
        (imported, places) => {
            let mut gazetteer = match imported {
                Some(path) => {
                    let mut g = Gazetteer::default();
                    let name = path.display().to_string();
                    lexicon(path, |src| g.add_geonames(&name, src))?;
                    g.add_supplement("supplement.tsv", sitrep_geo::gazetteer::SUPPLEMENT)?;
                    g
                }
                None => Gazetteer::bundled().as_ref().clone(),
            };
            if let Some(path) = places {
                let name = path.display().to_string();
                lexicon(path, |src| gazetteer.add_supplement(&name, src))?;
            }
            Geoparser::new(Arc::new(gazetteer))
        }
    };
    Ok(Pipeline {
        reader: ReaderConfig { max_bytes: args.max_bytes },
        cleaner,
        annotator,
        geoparser,
        progress: !args.quiet && io::stderr().is_terminal(),
    })
}

fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let pipeline = pipeline(&args.pipeline)?;
    let inputs = args.paths.iter().map(|p| Input::parse(p)).collect();
    let mut run = pipeline.run(inputs);

    if !args.pipeline.quiet {
        report_skips(&run.skipped);
        let warnings = run.documents.iter().flat_map(|d| d.warnings.iter().map(move |w| format!("{}: {w}", d.path)));
        report_each("warning", warnings);
    }
    if run.documents.is_empty() {
        eprintln!("sitrep: {}", run.skip_summary());
        bail!("no document could be read from {}", args.paths.join(" "));
    }
    if !args.annotations {
        for d in &mut run.documents {
            d.annotations = None;
        }
    }
    let format = match args.format {
        OutputFormat::Json => sitrep_report::Format::Json,
        OutputFormat::Jsonl => sitrep_report::Format::Jsonl,
        OutputFormat::Markdown => sitrep_report::Format::Markdown,
        OutputFormat::Csv => sitrep_report::Format::Csv,
        OutputFormat::Geojson => sitrep_report::Format::GeoJson,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    sitrep_report::write(&mut out, format, &run.documents, &run.events)?;
    out.flush()?;

    let n = run.documents.len();
    let warned = run.documents.iter().filter(|d| !d.warnings.is_empty()).count();
    let mut summary = format!(
        "sitrep: {n} documents read ({warned} with warnings), {}, {} events in {:.2} s ({:.0} documents/s",
        run.skip_summary(),
        run.events.len(),
        run.seconds,
        n as f64 / run.seconds.max(1e-9)
    );
    if let Some(peak) = peak_memory() {
        summary.push_str(&format!(", peak memory {:.0} MB", peak as f64 / 1e6));
    }
    summary.push(')');
    eprintln!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// The most messages of one kind printed on stderr.
const MAX_MESSAGES: usize = 50;

/// Print one line per message on stderr, the first [`MAX_MESSAGES`] of them.
fn report_each(label: &str, messages: impl Iterator<Item = String>) {
    let mut n = 0;
    for m in messages {
        if n < MAX_MESSAGES {
            eprintln!("sitrep: {label}: {m}");
        }
        n += 1;
    }
    if n > MAX_MESSAGES {
        eprintln!("sitrep: ... and {} more {label} messages", n - MAX_MESSAGES);
    }
}

/// Print the skipped documents on stderr, at most [`MAX_MESSAGES`] of each
/// kind, so that routine skips in number (a WARC's request records) never
/// hide a rarer one (the error that ended the archive).
pub(crate) fn report_skips(skipped: &[pipeline::Skip]) {
    let mut shown: HashMap<&str, usize> = HashMap::new();
    for skip in skipped {
        let n = shown.entry(skip.kind).or_default();
        *n += 1;
        if *n <= MAX_MESSAGES {
            eprintln!("sitrep: skipped: {}", skip.message);
        }
    }
    let mut hidden: Vec<_> = shown.into_iter().filter(|&(_, n)| n > MAX_MESSAGES).collect();
    hidden.sort_unstable();
    for (kind, n) in hidden {
        eprintln!("sitrep: ... and {} more skipped ({kind})", n - MAX_MESSAGES);
    }
}

/// A user's lexicon file, parsed; errors name the file (and the parser its line).
fn lexicon<T, E>(path: &Path, parse: impl FnOnce(&str) -> Result<T, E>) -> anyhow::Result<T>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let src = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    parse(&src).with_context(|| format!("in {}", path.display()))
}
