//! The readers through the public API: formats inside compression,
//! directories of pages, limits, and any bytes without a panic.

use std::io::Write;

use proptest::prelude::*;
use sitrep_ingest::{Error, Input, Outcome, Reader, ReaderConfig, read_bytes, warc_record};

const PARAGRAPH: &str = "Several rockets struck the Camp Taji base north of Baghdad on Wednesday evening, \
    officials said, killing two American soldiers and one British soldier and wounding a dozen others, in the \
    deadliest attack on the base in years.";

fn page(headline: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>\
         <p>{PARAGRAPH}</p></article></body></html>"
    )
}

fn config() -> ReaderConfig {
    ReaderConfig::default()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("gzip");
    gz.finish().expect("gzip")
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(bytes, ruzstd::encoding::CompressionLevel::Fastest)
}

/// Records: a warcinfo, a request and two HTML responses.
fn warc_records() -> Vec<Vec<u8>> {
    let response = |uri: &str, headline: &str| {
        let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{}", page(headline));
        warc_record(
            &[("WARC-Type", "response"), ("WARC-Target-URI", uri), ("WARC-Date", "2020-03-12T08:00:00Z")],
            block.as_bytes(),
        )
    };
    vec![
        warc_record(&[("WARC-Type", "warcinfo")], b"software: test\r\n"),
        warc_record(&[("WARC-Type", "request")], b"GET / HTTP/1.1\r\n\r\n"),
        response("https://x.test/a", "First"),
        response("https://x.test/b", "Second"),
    ]
}

fn documents(outcomes: &[Outcome]) -> Vec<&sitrep_model::RawDocument> {
    outcomes.iter().filter_map(|o| o.as_ref().ok()).collect()
}

#[test]
fn zstd_of_json_lines_is_read_line_by_line() {
    let jsonl = b"{\"id\": \"z1\", \"text\": \"Rockets hit.\"}\nnot json\n{\"id\": \"z2\", \"text\": \"A protest.\"}\n";
    let outcomes = read_bytes("a.jsonl.zst", zstd(jsonl), &config());
    assert_eq!(outcomes.len(), 3);
    let ids: Vec<&str> = documents(&outcomes).iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["z1", "z2"]);
    assert!(matches!(&outcomes[1], Err(Error::NotJson { path, .. }) if path == "a.jsonl.zst:2"));
}

#[test]
fn a_gzip_member_per_record_warc_is_read_record_by_record() {
    let bytes: Vec<u8> = warc_records().iter().flat_map(|r| gzip(r)).collect();
    let outcomes = read_bytes("cc.warc.gz", bytes, &config());
    assert_eq!(outcomes.len(), 4);
    let docs = documents(&outcomes);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].path, "cc.warc.gz#record-3");
    assert_eq!(docs[1].meta.url.as_deref(), Some("https://x.test/b"));
    assert!(docs[0].text.contains("Several rockets struck"));
    assert!(matches!(&outcomes[0], Err(Error::SkippedRecord { .. })));
}

#[test]
fn zstd_of_warc_and_gzip_of_html_are_read() {
    let warc: Vec<u8> = warc_records().concat();
    assert_eq!(documents(&read_bytes("a.warc.zst", zstd(&warc), &config())).len(), 2);
    let outcomes = read_bytes("p.html.gz", gzip(page("Gzipped").as_bytes()), &config());
    let doc = outcomes[0].as_ref().expect("page");
    assert!(doc.text.contains("Several rockets struck"), "{}", doc.text);
}

#[test]
fn a_directory_of_pages_gives_a_document_per_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("more");
    std::fs::create_dir(&sub).expect("mkdir");
    std::fs::write(dir.path().join("a.html"), page("One")).expect("write");
    std::fs::write(dir.path().join("b.htm"), page("Two")).expect("write");
    std::fs::write(sub.join("c.html"), page("Three")).expect("write");
    std::fs::write(dir.path().join("d.html"), "<html><body><nav> </nav></body></html>").expect("write");
    let outcomes: Vec<Outcome> = Reader::new(vec![Input::Path(dir.path().into())], config()).collect();
    assert_eq!(outcomes.len(), 4);
    let docs = documents(&outcomes);
    assert_eq!(docs.len(), 3);
    assert!(docs.iter().all(|d| d.text.contains("Several rockets struck") && d.id.as_str().starts_with("doc-")));
    let errors: Vec<&Error> = outcomes.iter().filter_map(|o| o.as_ref().err()).collect();
    assert!(matches!(errors[..], [Error::NoArticle { path }] if path.ends_with("d.html")), "{errors:?}");
}

#[test]
fn pages_and_feeds_over_the_limit_are_too_large() {
    let small = ReaderConfig { max_bytes: 100 };
    let outcomes = read_bytes("p.html", page("Long").into_bytes(), &small);
    assert!(matches!(&outcomes[..], [Err(Error::TooLarge { .. })]), "{outcomes:?}");
    let feed = format!(
        "<rss version=\"2.0\"><channel><title>t</title><item><description>{PARAGRAPH}</description></item></channel></rss>"
    );
    let outcomes = read_bytes("f.xml", feed.into_bytes(), &small);
    assert!(matches!(&outcomes[..], [Err(Error::TooLarge { .. })]), "{outcomes:?}");
}

#[test]
fn a_feed_gives_its_items_and_lists_the_links() {
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
         <channel><title>Wire</title><item><title>Full</title><link>https://w.test/1</link>\
         <content:encoded><![CDATA[<p>{PARAGRAPH}</p>]]></content:encoded></item>\
         <item><title>Teaser</title><link>https://w.test/2</link><description>More soon.</description></item>\
         </channel></rss>"
    );
    let outcomes = read_bytes("feed.xml", feed.into_bytes(), &config());
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[0].as_ref().map(|d| d.path.as_str()).ok(), Some("feed.xml#1"));
    let err = outcomes[1].as_ref().expect_err("link only");
    assert_eq!(err.kind(), "feed item without text (link only)");
}

#[test]
fn other_xml_is_unsupported() {
    let outcomes = read_bytes("sitemap.xml", b"<?xml version=\"1.0\"?><urlset><url/></urlset>".to_vec(), &config());
    assert!(matches!(&outcomes[..], [Err(Error::Unsupported { .. })]), "{outcomes:?}");
}

/// Read `bytes` and check the one thing every input must give: outcomes,
/// each a document with text or an error with a message.
fn read_any(name: &str, bytes: Vec<u8>) -> Vec<Outcome> {
    let outcomes = read_bytes(name, bytes, &ReaderConfig { max_bytes: 1 << 16 });
    for outcome in &outcomes {
        match outcome {
            Ok(doc) => assert!(!doc.text.trim().is_empty() || doc.meta.title.is_some()),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    outcomes
}

#[test]
fn every_truncation_of_an_archive_or_a_feed_reads_without_panic() {
    let warc = warc_records().concat();
    for cut in 0..=warc.len() {
        let outcomes = read_any("w.warc", warc.get(..cut).unwrap_or_default().to_vec());
        assert!(outcomes.iter().filter(|o| o.is_ok()).count() <= 2);
    }
    let gzipped: Vec<u8> = warc_records().iter().flat_map(|r| gzip(r)).collect();
    for cut in (0..=gzipped.len()).step_by(7) {
        read_any("w.warc.gz", gzipped.get(..cut).unwrap_or_default().to_vec());
    }
    let feed = format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\
         <entry><title>E</title><content type=\"html\">&lt;p&gt;{PARAGRAPH}&lt;/p&gt;</content></entry></feed>"
    );
    for cut in 0..=feed.len() {
        read_any("f.xml", feed.as_bytes().get(..cut).unwrap_or_default().to_vec());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_after_a_warc_version_line_read_without_panic(tail in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = b"WARC/1.0\r\n".to_vec();
        bytes.extend(tail);
        read_any("p.warc", bytes);
    }

    #[test]
    fn warc_shaped_text_reads_without_panic(
        lines in proptest::collection::vec("(WARC-Type: (response|request)|Content-Length: [0-9]{1,3}|Content-Type: [a-z/]{0,20}|HTTP/1.1 [0-9]{3} OK|Transfer-Encoding: chunked|Content-Encoding: (gzip|deflate|zstd|br)|[0-9a-f]{1,3}|WARC/1.0|<p>text</p>|)", 0..24)
    ) {
        read_any("p.warc", format!("WARC/1.0\r\n{}", lines.join("\r\n")).into_bytes());
    }

    #[test]
    fn feed_shaped_markup_reads_without_panic(
        parts in proptest::collection::vec("(<item>|</item>|<entry>|</entry>|<title>t</title>|<link>l</link>|<description>d</description>|<content type=\"html\">&lt;p&gt;c</content>|<!\\[CDATA\\[x|\\]\\]>|&amp;|<|>)", 0..24)
    ) {
        let feed = format!("<rss version=\"2.0\"><channel>{}</channel></rss>", parts.concat());
        read_any("p.xml", feed.into_bytes());
        let atom = format!("<feed xmlns=\"http://www.w3.org/2005/Atom\">{}</feed>", parts.concat());
        read_any("p.xml", atom.into_bytes());
    }
}
