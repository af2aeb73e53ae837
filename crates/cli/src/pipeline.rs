//! The run: read → clean → annotate and geoparse (in parallel, in input
//! order) → geoparse again with what each outlet's reports tell of where
//! it reports from → resolve.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sitrep_clean::Cleaner;
use sitrep_extract::{Annotator, Words};
use sitrep_geo::{Geoparser, Outlets};
use sitrep_ingest::{Input, Reader, ReaderConfig};
use sitrep_model::{Document, Event, RawDocument};

/// How many documents are read before a batch is cleaned in parallel.
const BATCH: usize = 512;

pub struct Pipeline {
    pub reader: ReaderConfig,
    pub cleaner: Cleaner,
    pub annotator: Annotator,
    pub geoparser: Geoparser,
    pub progress: bool,
}

/// What a run produced and what it could not read.
pub struct Run {
    pub documents: Vec<Document>,
    pub events: Vec<Event>,
    pub skipped: Vec<Skip>,
    pub seconds: f64,
}

/// A document left out, with why.
pub struct Skip {
    pub kind: &'static str,
    pub message: String,
}

impl Pipeline {
    /// Read, clean and annotate every input, then resolve the events.
    pub fn run(&self, inputs: Vec<Input>) -> Run {
        let start = Instant::now();
        let mut documents = Vec::new();
        let bar = self.progress_bar();
        let skipped = self.each_batch(inputs, bar.as_ref(), |batch| {
            documents.extend(batch);
            Ok::<_, std::convert::Infallible>(())
        });
        let skipped = match skipped {
            Ok(skipped) => skipped,
            Err(never) => match never {},
        };
        self.read_again_by_outlet(&mut Outlets::default(), &mut documents);
        if let Some(bar) = &bar {
            bar.set_message("resolving events");
        }
        let events = sitrep_resolve::resolve(&documents);
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        Run { documents, events, skipped, seconds: start.elapsed().as_secs_f64() }
    }

    /// A spinner counting documents, when progress is asked for.
    pub fn progress_bar(&self) -> Option<ProgressBar> {
        self.progress.then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {human_pos} documents read ({per_sec}), {msg} [{elapsed}]")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        })
    }

    /// Read the inputs and hand their documents, cleaned and annotated, to
    /// `sink` a batch at a time in input order (batches are processed in
    /// parallel). A document whose id was read before in this run is
    /// skipped. Returns what was skipped, or the first error of `sink`.
    pub fn each_batch<E>(
        &self,
        inputs: Vec<Input>,
        bar: Option<&ProgressBar>,
        mut sink: impl FnMut(Vec<Document>) -> Result<(), E>,
    ) -> Result<Vec<Skip>, E> {
        let mut skipped = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut batch: Vec<RawDocument> = Vec::with_capacity(BATCH);
        let mut reader = Reader::new(inputs, self.reader.clone()).peekable();
        while let Some(outcome) = reader.next() {
            match outcome {
                Ok(raw) => {
                    if let Some(first) = seen.get(raw.id.as_str()) {
                        skipped.push(Skip {
                            kind: "duplicate",
                            message: format!("{}: same document as {first} (id {})", raw.path, raw.id),
                        });
                    } else {
                        seen.insert(raw.id.0.clone(), raw.path.clone());
                        batch.push(raw);
                    }
                }
                Err(e) => skipped.push(Skip { kind: e.kind(), message: e.to_string() }),
            }
            if batch.len() == BATCH || (reader.peek().is_none() && !batch.is_empty()) {
                let done: Vec<Document> =
                    std::mem::take(&mut batch).into_par_iter().map(|raw| self.process(raw)).collect();
                if let Some(bar) = bar {
                    bar.inc(done.len() as u64);
                    bar.set_message(format!("{} skipped", skipped.len()));
                }
                sink(done)?;
            }
        }
        Ok(skipped)
    }

    /// Learn from `docs` where their outlets report from (into `outlets`,
    /// which may hold earlier batches), geoparse again those of them whose
    /// event place lies outside their outlet's home, and place those that
    /// name no place in their outlet's home town ([`sitrep_geo::Outlets`]).
    pub fn read_again_by_outlet(&self, outlets: &mut Outlets, docs: &mut [Document]) {
        let homes = self.geoparser.outlet_homes(outlets, docs);
        docs.par_iter_mut().zip(homes).filter(|(_, home)| home.is_some()).for_each(|(doc, home)| {
            let words = Words::new(&doc.text);
            self.geoparser.annotate_document_at(doc, &words, home);
        });
        outlets.place_unplaced(docs);
    }

    pub fn process(&self, raw: RawDocument) -> Document {
        let mut doc = self.cleaner.clean(raw);
        let words = self.annotator.annotate(&mut doc);
        self.geoparser.annotate_document(&mut doc, &words);
        doc
    }
}

impl Run {
    /// "skipped 3 (1 empty, 2 not JSON)".
    pub fn skip_summary(&self) -> String {
        skip_summary(&self.skipped)
    }
}

/// "skipped 3 (1 empty, 2 not JSON)".
pub fn skip_summary(skipped: &[Skip]) -> String {
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for s in skipped {
        *by_kind.entry(s.kind).or_default() += 1;
    }
    let parts: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    if parts.is_empty() { "skipped 0".into() } else { format!("skipped {} ({})", skipped.len(), parts.join(", ")) }
}

/// Peak resident memory of this process in bytes, where the OS tells it.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
