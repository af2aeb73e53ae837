//! The web page's files, embedded in the binary.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// (path under `/assets/`, content type, bytes).
const FILES: &[(&str, &str, &[u8])] = &[
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../assets/app.js")),
    ("style.css", "text/css; charset=utf-8", include_bytes!("../assets/style.css")),
    ("vendor/leaflet.js", "text/javascript; charset=utf-8", include_bytes!("../assets/vendor/leaflet.js")),
    ("vendor/leaflet.css", "text/css; charset=utf-8", include_bytes!("../assets/vendor/leaflet.css")),
    ("vendor/countries.geojson", "application/geo+json", include_bytes!("../assets/vendor/countries.geojson")),
    ("vendor/LICENSES.md", "text/markdown; charset=utf-8", include_bytes!("../assets/vendor/LICENSES.md")),
];

const INDEX: &[u8] = include_bytes!("../assets/index.html");

pub async fn index() -> Response {
    let mut response = (StatusCode::OK, INDEX).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

pub async fn file(Path(path): Path<String>) -> Response {
    let Some((_, content_type, bytes)) = FILES.iter().find(|(name, _, _)| *name == path) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let mut response = (StatusCode::OK, *bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("max-age=3600"));
    response
}
