//! Throughput of each annotator, on the cleaned text of the GVA articles
//! when `../shared/corpora` is beside the project, else on the bundled
//! example reports. Each bench asserts a count, so that a fast bench cannot
//! hide a broken annotator.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sitrep_clean::Cleaner;
use sitrep_extract::{Annotator, entities::Entities, quantities, sentences, speakers, times};
use sitrep_ingest::{Input, Reader, ReaderConfig};
use sitrep_model::{Document, Sentence};

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
    g.bench_function("entities", |b| {
        b.iter(|| {
            let n: usize = docs.iter().zip(&sents).map(|(d, s)| entities.annotate(&d.text, s).len()).sum();
            assert!(n > 0);
        })
    });
    let found: Vec<_> = docs.iter().zip(&sents).map(|(d, s)| entities.annotate(&d.text, s)).collect();
    g.bench_function("speakers", |b| {
        b.iter(|| {
            let n: usize =
                docs.iter().zip(&sents).zip(&found).map(|((d, s), e)| speakers::annotate(&d.text, s, e).len()).sum();
            assert!(n > 0);
        })
    });
    g.bench_function("all", |b| {
        b.iter(|| {
            let mut mentions = 0;
            for d in &docs {
                let mut d = d.clone();
                annotator.annotate(&mut d);
                mentions += d.annotations.map_or(0, |a| a.mentions.len());
            }
            assert!(mentions > 0);
        })
    });
    g.finish();
}

criterion_group!(benches, annotators);
criterion_main!(benches);
