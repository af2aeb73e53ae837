//! Web pages to [`RawDocument`]s: the article's text and what the page says
//! of itself, by `sitrep-html`.

use sitrep_model::{DocId, RawDocument, SourceMeta};

use crate::error::{Error, Result};

/// What the transport knew of a page: its `Content-Type`, the address it
/// was fetched from and when (a WARC record's headers).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Transport<'a> {
    pub content_type: Option<&'a str>,
    pub url: Option<&'a str>,
    pub date: Option<&'a str>,
}

/// One web page as a document. The address it was fetched from comes
/// before the page's canonical one (it is where the report was read); the
/// page's own publication date comes before the date it was fetched.
pub(crate) fn page_document(path: String, bytes: &[u8], transport: Transport<'_>) -> Result<RawDocument> {
    let article = sitrep_html::read(bytes, transport.content_type);
    if article.text.trim().is_empty() {
        return Err(Error::NoArticle { path });
    }
    let meta = SourceMeta {
        id: None,
        title: article.title,
        date: article.published.or_else(|| transport.date.map(str::to_string)),
        url: transport.url.map(str::to_string).or(article.url),
        outlet: article.outlet,
        author: article.author,
    };
    Ok(RawDocument { id: DocId::from_content(bytes), path, text: article.text, meta, warnings: article.warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><title>Rockets hit base</title></head><body><article><p>Several rockets \
        struck the base on Wednesday evening, officials said, wounding two soldiers, damaging a hangar and \
        forcing the closure of the main gate for the rest of the night while the damage was assessed.</p>\
        </article></body></html>";

    #[test]
    fn a_page_is_one_document_with_its_text() {
        let doc = page_document("page.html".into(), PAGE.as_bytes(), Transport::default()).expect("reads");
        assert!(doc.text.contains("Several rockets struck the base"), "{}", doc.text);
        assert_eq!(doc.path, "page.html");
        assert_eq!(doc.id, DocId::from_content(PAGE.as_bytes()));
    }

    #[test]
    fn the_transport_gives_the_address_and_a_missing_date() {
        let transport =
            Transport { content_type: Some("text/html"), url: Some("https://x.test/a"), date: Some("2020-03-12") };
        let doc = page_document("w#record-2".into(), PAGE.as_bytes(), transport).expect("reads");
        assert_eq!(doc.meta.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(doc.meta.date.as_deref(), Some("2020-03-12"));
    }

    #[test]
    fn a_page_without_text_is_an_error() {
        let err =
            page_document("e.html".into(), b"<html><body> </body></html>", Transport::default()).expect_err("no text");
        assert!(matches!(err, Error::NoArticle { .. }), "{err}");
    }
}
