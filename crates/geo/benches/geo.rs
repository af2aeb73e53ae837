//! Gazetteer load time and place matching throughput, on the cleaned text
//! of the GVA articles when `../shared/corpora` is beside the project, else
//! on the bundled example reports. Each bench asserts a count.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sitrep_clean::Cleaner;
use sitrep_extract::{Annotator, Words};
use sitrep_geo::{Gazetteer, Geoparser};
use sitrep_ingest::{Input, Reader, ReaderConfig};
use sitrep_model::Document;

/// The allocator of the `sitrep` binary, so that the figures are its own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus() -> Vec<(Document, Words)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gva = root.join("../shared/corpora/gva/articles.jsonl");
    let input = if gva.exists() { gva } else { root.join("examples/reports") };
    let cleaner = Cleaner::default();
    let annotator = Annotator::default();
    Reader::new(vec![Input::Path(input)], ReaderConfig::default())
        .filter_map(Result::ok)
        .take(1000)
        .map(|raw| {
            let mut doc = cleaner.clean(raw);
            let words = annotator.annotate(&mut doc);
            (doc, words)
        })
        .collect()
}

fn geo(c: &mut Criterion) {
    let mut g = c.benchmark_group("geo");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter_with_large_drop(|| {
            let mut gaz = Gazetteer::default();
            gaz.add_geonames("gazetteer.tsv", sitrep_geo::gazetteer::BUNDLED).expect("parses");
            gaz.add_supplement("supplement.tsv", sitrep_geo::gazetteer::SUPPLEMENT).expect("parses");
            assert!(gaz.entries().len() > 2);
            gaz
        })
    });
    let docs = corpus();
    let bytes: u64 = docs.iter().map(|(d, _)| d.text.len() as u64).sum();
    let geoparser = Geoparser::default();
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("places", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|(d, w)| {
                    let a = d.annotations.as_ref().expect("annotated");
                    geoparser.annotate(&d.text, w, &a.sentences, &a.entities).len()
                })
                .sum();
            assert!(n > 0);
        })
    });
    g.finish();
}

criterion_group!(benches, geo);
criterion_main!(benches);
