//! What a page says of itself: title, date, author, address, outlet and
//! language, from JSON-LD, OpenGraph and other meta tags, `<time>`, the
//! canonical link and `<html lang>`.

use serde_json::Value;

use crate::Article;
use crate::dom::Head;

/// Read the metadata gathered while parsing: an [`Article`] with every
/// field but its text, and the article body the page's JSON-LD gives.
pub(crate) fn read(head: &Head) -> (Article, Option<String>) {
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| head.metas.iter().find(|(name, v)| name == k && !v.is_empty()).map(|(_, v)| v.clone()))
    };
    let ld = head.json_ld.iter().find_map(|s| article_object(s));
    let ld_str = |key: &str| ld.as_ref().and_then(|o| o.get(key)).and_then(text_of);
    let title = meta(&["og:title", "twitter:title"]).or_else(|| ld_str("headline")).or_else(|| head.title.clone());
    let published = ld_str("datePublished")
        .or_else(|| {
            meta(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "date",
                "dc.date",
                "dc.date.issued",
                "sailthru.date",
                "parsely-pub-date",
            ])
        })
        .or_else(|| head.times.iter().find(|t| !t.is_empty()).cloned());
    let author = ld.as_ref().and_then(|o| o.get("author")).and_then(name_of).or_else(|| {
        meta(&["author", "article:author", "dc.creator", "parsely-author", "sailthru.author"])
            .filter(|a| !a.starts_with("http"))
    });
    let url = head.canonical.clone().or_else(|| meta(&["og:url"])).or_else(|| ld_str("url"));
    let outlet = meta(&["og:site_name", "application-name"])
        .or_else(|| ld.as_ref().and_then(|o| o.get("publisher")).and_then(name_of));
    let language = head.lang.clone().or_else(|| meta(&["og:locale", "content-language", "language"]));
    let article_body = ld_str("articleBody");
    let article =
        Article { text: String::new(), title, published, author, url, outlet, language, warnings: Vec::new() };
    (article, article_body)
}

/// The first object of a JSON-LD script whose type is an article
/// (`NewsArticle`, `BlogPosting`, …), looking inside arrays and `@graph`.
fn article_object(script: &str) -> Option<serde_json::Map<String, Value>> {
    let value: Value = serde_json::from_str(script.trim()).ok()?;
    let mut queue = vec![value];
    let mut seen = 0;
    while let Some(v) = queue.pop() {
        seen += 1;
        if seen > 256 {
            break;
        }
        match v {
            Value::Array(items) => queue.extend(items.into_iter().rev()),
            Value::Object(mut o) => {
                if is_article_type(o.get("@type")) {
                    return Some(o);
                }
                if let Some(graph) = o.remove("@graph") {
                    queue.push(graph);
                }
                if let Some(main) = o.remove("mainEntity") {
                    queue.push(main);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_article_type(t: Option<&Value>) -> bool {
    let is = |s: &str| {
        s.ends_with("Article") || matches!(s, "BlogPosting" | "LiveBlogPosting" | "Report" | "SocialMediaPosting")
    };
    match t {
        Some(Value::String(s)) => is(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(is),
        _ => None::<()>.is_some(),
    }
}

/// A string value, or the first string of an array.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(a) => a.iter().find_map(text_of),
        _ => None,
    }
}

/// The name of a person or organisation: a string, `{"name": …}`, or a
/// list of them (joined with ", ").
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() && !s.starts_with("http") => Some(s.trim().to_string()),
        Value::Object(o) => o.get("name").and_then(text_of),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}
