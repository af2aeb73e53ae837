//! Page reading throughput (decode, parse, main text, metadata) on the
//! pages of the extraction set when `../shared/corpora` is beside the
//! project, else on a page made here. Throughput is in bytes of HTML.

use std::io::Read;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn pages() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/extraction/html");
    let mut pages: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let mut html = Vec::new();
            let file = std::fs::File::open(e.path()).ok()?;
            flate2::read::GzDecoder::new(file).read_to_end(&mut html).ok()?;
            Some(html)
        })
        .collect();
    if pages.is_empty() {
        let story =
            "<p>Rockets struck the base on Wednesday evening, officials said, wounding two soldiers.</p>".repeat(20);
        let nav = "<li><a href=/x>Section</a></li>".repeat(200);
        pages.push(
            format!("<html><body><nav><ul>{nav}</ul></nav><article>{story}</article></body></html>").into_bytes(),
        );
    }
    pages
}

fn html(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("html");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("read", |b| {
        b.iter(|| {
            let chars: usize = pages.iter().map(|p| sitrep_html::read(p, None).text.len()).sum();
            assert!(chars > 0);
            chars
        })
    });
    g.finish();
}

criterion_group!(benches, html);
criterion_main!(benches);
