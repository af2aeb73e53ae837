//! Throughput of each stage (clean, annotate) and of both together, on the
//! GVA articles when `../shared/corpora` is beside the project, else on the
//! bundled example reports. Each bench asserts a count, so that a fast
//! bench cannot hide a broken stage.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sitrep_clean::Cleaner;
use sitrep_extract::Annotator;
use sitrep_ingest::{Input, Reader, ReaderConfig};
use sitrep_model::RawDocument;

fn corpus() -> Vec<RawDocument> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gva = root.join("../shared/corpora/gva/articles.jsonl");
    let input = if gva.exists() { gva } else { root.join("examples/reports") };
    Reader::new(vec![Input::Path(input)], ReaderConfig::default()).filter_map(Result::ok).take(1000).collect()
}

fn stages(c: &mut Criterion) {
    let raws = corpus();
    let bytes: usize = raws.iter().map(|r| r.text.len()).sum();
    let cleaner = Cleaner::default();
    let annotator = Annotator::default();
    let cleaned: Vec<_> = raws.iter().cloned().map(|r| cleaner.clean(r)).collect();

    let mut g = c.benchmark_group("stages");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("clean", |b| {
        b.iter(|| {
            let kept: usize = raws.iter().cloned().map(|r| cleaner.clean(r).text.len()).sum();
            assert!(kept > 0);
        })
    });
    g.bench_function("annotate", |b| {
        b.iter(|| {
            let mut sentences = 0;
            for d in &cleaned {
                let mut d = d.clone();
                annotator.annotate(&mut d);
                sentences += d.annotations.map_or(0, |a| a.sentences.len());
            }
            assert!(sentences > raws.len());
        })
    });
    g.throughput(Throughput::Elements(raws.len() as u64));
    g.bench_function("clean+annotate+resolve (articles)", |b| {
        b.iter(|| {
            let docs: Vec<_> = raws
                .iter()
                .cloned()
                .map(|r| {
                    let mut d = cleaner.clean(r);
                    annotator.annotate(&mut d);
                    d
                })
                .collect();
            let events = sitrep_resolve::resolve(&docs);
            assert!(!events.is_empty());
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
