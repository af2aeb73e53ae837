//! One JSON article record to a [`RawDocument`], with the usual field names.

use serde_json::{Map, Value};
use sitrep_model::{DocId, RawDocument, SourceMeta};

use crate::error::{Error, Result};

const ID: &[&str] = &["id", "doc_id", "docid", "article_id", "_id"];
const TITLE: &[&str] = &["title", "headline"];
const TEXT: &[&str] = &["text", "content", "body", "article", "maintext", "articleBody"];
const TEXT_NAMES: &str = "text, content, body, article, maintext, articleBody";
const DATE: &[&str] =
    &["date", "dct", "published", "published_at", "publish_date", "date_publish", "datePublished", "pubDate"];
const URL: &[&str] = &["url", "uri", "link", "source_url"];
const OUTLET: &[&str] = &["outlet", "source", "site_name", "publisher", "source_domain"];
const AUTHOR: &[&str] = &["author", "authors", "byline"];

/// Turn one JSON value (an object) into a document read from `path`.
pub fn to_document(value: Value, path: String, raw: &[u8], warnings: Vec<String>) -> Result<RawDocument> {
    let Value::Object(obj) = value else {
        return Err(Error::NotJson { path, message: format!("expected an object, found {}", kind(&value)) });
    };
    let mut warnings = warnings;
    let text = match (string_field(&obj, TEXT), string_field(&obj, TITLE)) {
        (Some(text), _) => text,
        // A record whose body was not captured still reports its headline.
        (None, Some(_)) => {
            warnings.push(format!("no article text (looked for {TEXT_NAMES}); only the title is read"));
            String::new()
        }
        (None, None) => return Err(Error::NoText { path, fields: TEXT_NAMES }),
    };
    let meta = SourceMeta {
        id: string_field(&obj, ID),
        title: string_field(&obj, TITLE),
        date: string_field(&obj, DATE),
        url: string_field(&obj, URL),
        outlet: string_field(&obj, OUTLET),
        author: string_field(&obj, AUTHOR),
    };
    let id = match &meta.id {
        Some(id) => DocId(id.clone()),
        None => DocId::from_content(raw),
    };
    Ok(RawDocument { id, path, text, meta, warnings })
}

/// The first of `names` present as a non-empty string, a number, or an
/// array of strings (joined with ", ").
fn string_field(obj: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| match obj.get(*name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<&str> = items.iter().filter_map(Value::as_str).filter(|s| !s.trim().is_empty()).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn usual_field_names_are_read_and_the_id_is_kept() {
        let v = json!({"doc_id": "abc", "title": "T", "content": "Body.", "dct": "2014-01-28",
                       "uri": "http://x", "authors": ["A", "B"], "source": {"name": "Outlet"}});
        let d = to_document(v, "f:1".into(), b"", vec![]).expect("reads");
        assert_eq!(d.id.as_str(), "abc");
        assert_eq!(d.text, "Body.");
        assert_eq!(d.meta.date.as_deref(), Some("2014-01-28"));
        assert_eq!(d.meta.author.as_deref(), Some("A, B"));
        assert_eq!(d.meta.outlet.as_deref(), Some("Outlet"));
    }

    #[test]
    fn a_record_without_text_or_title_is_an_error() {
        let err = to_document(json!({"url": "u"}), "f:2".into(), b"", vec![]).expect_err("no text");
        assert!(err.to_string().contains("no text"));
        let title_only =
            to_document(json!({"title": "T", "content": ""}), "f:2".into(), b"", vec![]).expect("title only");
        assert_eq!(title_only.text, "");
        assert_eq!(title_only.warnings.len(), 1);
        let err = to_document(json!([1]), "f:3".into(), b"", vec![]).expect_err("array");
        assert!(err.to_string().contains("an array"));
    }
}
