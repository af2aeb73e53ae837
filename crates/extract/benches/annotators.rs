//! Throughput of each annotator, on the cleaned text of the GVA articles
//! when `../shared/corpora` is beside the project, else on the bundled
//! example reports. Each bench asserts a count, so that a fast bench cannot
//! hide a broken annotator.

use std::path::Path;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use sitrep_clean::Cleaner;
use sitrep_extract::{
    Annotator, Triggers, Words, entities::Entities, mentions, quantities, sentences, speakers, times,
};
use sitrep_ingest::{Input, Reader, ReaderConfig};
use sitrep_model::{Document, Sentence};

/// The allocator of the `sitrep` binary, so that the figures are its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus() -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gva = root.join("../shared/corpora/gva/articles.jsonl");
    let input = if gva.exists() { gva } else { root.join("examples/reports") };
    let cleaner = Cleaner::default();
    Reader::new(vec![Input::Path(input)], ReaderConfig::default())
        .filter_map(Result::ok)
        .take(1000)
        .map(|raw| cleaner.clean(raw))
        .collect()
}

fn annotators(c: &mut Criterion) {
    let docs = corpus();
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let sents: Vec<Vec<Sentence>> = docs.iter().map(|d| sentences::split(&d.text)).collect();
    let entities = Entities::builtin();
    let annotator = Annotator::default();

    let mut g = c.benchmark_group("annotators");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("sentences", |b| {
        b.iter(|| {
            let n: usize = docs.iter().map(|d| sentences::split(&d.text).len()).sum();
            assert!(n >= docs.len());
        })
    });
    g.bench_function("times", |b| {
        b.iter(|| {
            let n: usize = docs.iter().zip(&sents).map(|(d, s)| times::annotate(&d.text, s, d.published).len()).sum();
            assert!(n > 0);
        })
    });
    g.bench_function("quantities", |b| {
        b.iter(|| {
            let n: usize = docs.iter().zip(&sents).map(|(d, s)| quantities::annotate(&d.text, s).len()).sum();
            assert!(n > 0);
        })
    });
    g.bench_function("words", |b| {
        b.iter(|| {
            let n: usize = docs.iter().map(|d| Words::new(&d.text).len()).sum();
            assert!(n > docs.len());
        })
    });
    let words: Vec<Words> = docs.iter().map(|d| Words::new(&d.text)).collect();
    g.bench_function("entities", |b| {
        b.iter(|| {
            let n: usize =
                docs.iter().zip(&words).zip(&sents).map(|((d, w), s)| entities.annotate(&d.text, w, s).len()).sum();
            assert!(n > 0);
        })
    });
    let found: Vec<_> =
        docs.iter().zip(&words).zip(&sents).map(|((d, w), s)| entities.annotate(&d.text, w, s)).collect();
    g.bench_function("speakers", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .zip(&words)
                .zip(&sents)
                .zip(&found)
                .map(|(((d, w), s), e)| speakers::annotate(&d.text, w, s, e).len())
                .sum();
            assert!(n > 0);
        })
    });
    let dated: Vec<_> = docs.iter().zip(&sents).map(|(d, s)| times::annotate(&d.text, s, d.published)).collect();
    let triggers = Triggers::builtin();
    g.bench_function("mentions", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .zip(&sents)
                .zip(&dated)
                .map(|((d, s), t)| mentions::annotate(&d.text, s, t, &triggers, d.published.map(Into::into)).len())
                .sum();
            assert!(n > 0);
        })
    });
    // The documents are cloned outside the timing: what is measured is
    // the annotation alone.
    g.bench_function("all", |b| {
        b.iter_batched(
            || docs.clone(),
            |mut docs| {
                let mut mentions = 0;
                for d in &mut docs {
                    annotator.annotate(d);
                    mentions += d.annotations.as_ref().map_or(0, |a| a.mentions.len());
                }
                assert!(mentions > 0);
                docs
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, annotators);
criterion_main!(benches);
