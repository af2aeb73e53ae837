//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds, parsed by `feed-rs`. An item
//! that carries its article (`content:encoded`, Atom `<content>`, or a
//! summary long enough to be the article) is a document; an item that
//! only links to it is reported as [`Error::LinkOnly`], not read.

use std::collections::VecDeque;

use feed_rs::model::{Entry, Feed, Link, Text};
use sitrep_model::{DocId, RawDocument, SourceMeta};

use crate::Outcome;
use crate::error::Error;

/// A summary with less text than this, in characters, is a teaser: the
/// article is behind the link.
pub(crate) const MIN_SUMMARY_CHARS: usize = 500;

/// The outcome of each item of the feed in `bytes`, read from `name`; an
/// item's path is `name#N`, N counting from 1.
pub(crate) fn documents(name: &str, bytes: &[u8]) -> VecDeque<Outcome> {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed,
        Err(e) => {
            return VecDeque::from([Err(Error::MalformedFeed { path: name.to_string(), message: e.to_string() })]);
        }
    };
    if feed.entries.is_empty() {
        return VecDeque::from([Err(Error::Empty { path: name.to_string() })]);
    }
    let outlet = feed_title(&feed);
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| item_document(format!("{name}#{}", i + 1), entry, outlet.as_deref()))
        .collect()
}

fn feed_title(feed: &Feed) -> Option<String> {
    feed.title.as_ref().and_then(title_text)
}

/// A title's text: Atom allows HTML in titles (`type="html"`).
fn title_text(title: &Text) -> Option<String> {
    let text = if is_plain(&title.content_type) {
        collapse_whitespace(&title.content)
    } else {
        sitrep_html::text(&title.content)
    };
    (!text.is_empty()).then_some(text)
}

/// One item as a document, or why it is not one.
fn item_document(path: String, entry: &Entry, outlet: Option<&str>) -> Outcome {
    let url = item_url(entry);
    let Some((text, source)) = article_text(entry) else {
        return Err(Error::LinkOnly { path, url });
    };
    let meta = SourceMeta {
        id: None,
        title: entry.title.as_ref().and_then(title_text),
        date: entry.published.or(entry.updated).map(|date| date.to_rfc3339()),
        url,
        outlet: outlet.map(str::to_string),
        author: authors(entry),
    };
    Ok(RawDocument { id: DocId::from_content(source.as_bytes()), path, text, meta, warnings: Vec::new() })
}

/// The item's article text and the markup it was read from: its full
/// content, or else a summary long enough to be the article.
fn article_text(entry: &Entry) -> Option<(String, &str)> {
    if let Some(content) = &entry.content
        && let Some(body) = content.body.as_deref()
    {
        let text = text_of(body, is_plain(&content.content_type));
        if !text.is_empty() {
            return Some((text, body));
        }
    }
    let summary: &Text = entry.summary.as_ref()?;
    let text = text_of(&summary.content, is_plain(&summary.content_type));
    (text.chars().count() >= MIN_SUMMARY_CHARS).then_some((text, summary.content.as_str()))
}

/// Whether a media type (`text/plain; charset=utf-8`) is plain text.
fn is_plain(media_type: impl AsRef<str>) -> bool {
    let essence = media_type.as_ref().split(';').next().unwrap_or_default();
    essence.trim().eq_ignore_ascii_case("text/plain")
}

/// The text of an item's content: plain text as it is; HTML through the
/// article extractor, or all its text when that finds no article.
fn text_of(body: &str, plain: bool) -> String {
    if plain {
        return body.trim().to_string();
    }
    let extracted = sitrep_html::extract(body).text;
    if extracted.trim().is_empty() { sitrep_html::text(body) } else { extracted.trim().to_string() }
}

/// The address of the item's article: its alternate link, or its first.
fn item_url(entry: &Entry) -> Option<String> {
    let is_alternate = |link: &&Link| link.rel.as_deref().is_none_or(|rel| rel == "alternate");
    entry.links.iter().find(is_alternate).or(entry.links.first()).map(|link| link.href.clone())
}

fn authors(entry: &Entry) -> Option<String> {
    let names: Vec<&str> =
        entry.authors.iter().filter_map(|p| p.name.as_deref()).map(str::trim).filter(|n| !n.is_empty()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article paragraph of about 60 words: unmistakably the text.
    const ARTICLE: &str = "Several rockets struck the Camp Taji base north of Baghdad on \
        Wednesday evening, officials said, killing two American soldiers and one British soldier and \
        wounding a dozen others. The attack was the deadliest on the base in years, and the coalition \
        said it would hold the groups that launched the rockets to account for the strike.";

    fn rss() -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Daily  Report</title><link>https://news.test/</link><description>News</description>
<item><title>Rockets hit Camp Taji</title><link>https://news.test/taji</link>
<pubDate>Thu, 12 Mar 2020 09:30:00 +0000</pubDate><dc:creator>Jane Doe</dc:creator>
<description>Short teaser.</description>
<content:encoded><![CDATA[<article><p>{ARTICLE}</p></article>]]></content:encoded></item>
<item><title>Only a link</title><link>https://news.test/elsewhere</link><description>Read more at our site.</description></item>
</channel></rss>"#
        )
    }

    #[test]
    fn rss_full_item_is_a_document_and_a_link_only_item_is_reported() {
        let outcomes = documents("feed.xml", rss().as_bytes());
        assert_eq!(outcomes.len(), 2);
        let doc = outcomes[0].as_ref().expect("full item");
        assert_eq!(doc.path, "feed.xml#1");
        assert!(doc.text.contains("Several rockets struck the Camp Taji base"), "{}", doc.text);
        assert_eq!(doc.meta.title.as_deref(), Some("Rockets hit Camp Taji"));
        assert_eq!(doc.meta.url.as_deref(), Some("https://news.test/taji"));
        assert_eq!(doc.meta.outlet.as_deref(), Some("The Daily Report"));
        assert_eq!(doc.meta.author.as_deref(), Some("Jane Doe"));
        assert!(doc.meta.date.as_deref().is_some_and(|d| d.starts_with("2020-03-12T09:30:00")), "{:?}", doc.meta);
        let err = outcomes[1].as_ref().expect_err("link only");
        assert!(matches!(err, Error::LinkOnly { path, url } if path == "feed.xml#2"
            && url.as_deref() == Some("https://news.test/elsewhere")));
        assert_eq!(
            err.to_string(),
            "feed.xml#2: feed item has no article text, only a link: https://news.test/elsewhere"
        );
    }

    #[test]
    fn atom_content_is_read() {
        let atom = format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2020-03-12T10:00:00Z</updated>
<entry><title type="html">Rockets &lt;b&gt;hit&lt;/b&gt;</title><id>urn:1</id>
<link rel="self" href="https://wire.test/1.atom"/><link rel="alternate" href="https://wire.test/1"/>
<published>2020-03-11T20:00:00Z</published><updated>2020-03-12T10:00:00Z</updated><author><name>A. Writer</name></author>
<content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry>
<entry><title>Plain</title><id>urn:2</id><updated>2020-03-12T11:00:00Z</updated>
<content type="text">A plain text item where 3 &lt; 4 stays as written.</content></entry>
<entry><title>Teaser</title><id>urn:3</id><updated>2020-03-12T11:00:00Z</updated>
<summary>Short.</summary></entry>
</feed>"#
        );
        let outcomes = documents("atom.xml", atom.as_bytes());
        assert_eq!(outcomes.len(), 3);
        let doc = outcomes[0].as_ref().expect("html content");
        assert!(doc.text.contains("killing two American soldiers"), "{}", doc.text);
        assert_eq!(doc.meta.title.as_deref(), Some("Rockets hit"));
        assert_eq!(doc.meta.url.as_deref(), Some("https://wire.test/1"));
        assert_eq!(doc.meta.outlet.as_deref(), Some("Wire"));
        assert_eq!(doc.meta.author.as_deref(), Some("A. Writer"));
        assert!(doc.meta.date.as_deref().is_some_and(|d| d.starts_with("2020-03-11")));
        let plain = outcomes[1].as_ref().expect("text content");
        assert_eq!(plain.text, "A plain text item where 3 < 4 stays as written.");
        assert!(matches!(&outcomes[2], Err(Error::LinkOnly { url: None, .. })));
    }

    #[test]
    fn rdf_long_description_is_read() {
        let long = format!("{ARTICLE} {ARTICLE}");
        let rdf = format!(
            r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://rdf.test/"><title>RDF News</title><link>https://rdf.test/</link><description>d</description></channel>
<item rdf:about="https://rdf.test/1"><title>Long</title><link>https://rdf.test/1</link><description>{long}</description></item>
<item rdf:about="https://rdf.test/2"><title>Short</title><link>https://rdf.test/2</link><description>Teaser only.</description></item>
</rdf:RDF>"#
        );
        let outcomes = documents("rdf.xml", rdf.as_bytes());
        assert_eq!(outcomes.len(), 2);
        let doc = outcomes[0].as_ref().expect("long description");
        assert!(doc.text.chars().count() >= MIN_SUMMARY_CHARS);
        assert_eq!(doc.meta.outlet.as_deref(), Some("RDF News"));
        assert_eq!(doc.meta.url.as_deref(), Some("https://rdf.test/1"));
        assert!(matches!(&outcomes[1], Err(Error::LinkOnly { .. })));
    }

    #[test]
    fn broken_and_empty_feeds_are_one_error() {
        let broken = documents("bad.xml", b"<rss version=\"2.0\"><channel><item><title>x</titl");
        assert_eq!(broken.len(), 1);
        assert!(broken.iter().all(Result::is_err));
        let empty = documents("empty.xml", b"<rss version=\"2.0\"><channel><title>t</title></channel></rss>");
        assert!(matches!(&empty[0], Err(Error::Empty { .. })));
    }
}
