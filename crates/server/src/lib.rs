//! `sitrep serve`: the store over HTTP.
//!
//! - a JSON API: `/api/events` (the filters of [`EventQuery`], a page at
//!   a time), `/api/events/{id}` (claims, quotes, sources, revisions),
//!   `/api/documents`, `/api/documents/{id}`, `/api/search`, `/api/stats`,
//!   and `/api/ingest` (POST) only when the server was started with an
//!   ingester; its OpenAPI 3.1 document at `/openapi.json`;
//! - the web page at `/`: map, timeline, filters and event page, its
//!   files embedded in the binary (`assets/`), third-party ones built from
//!   npm packages by `web/build.mjs`.
//!
//! The store is read through a small pool of read-only connections, on
//! blocking threads; SQLite's write-ahead log lets `sitrep ingest` write
//! meanwhile. Every response carries a Content-Security-Policy that allows
//! no inline or foreign script: article text is untrusted, and the page
//! shows it as text only.

mod assets;
mod openapi;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use sitrep_store::{EventQuery, QueryError, Store};

/// The largest request body (`/api/ingest`) accepted, in bytes.
pub const DEFAULT_MAX_BODY: usize = 16 << 20;

/// Takes a report posted to `/api/ingest` (its name and bytes, in any
/// format `sitrep run` reads) into the store, and says what it did.
pub trait Ingester: Send + Sync + 'static {
    fn ingest(&self, name: &str, bytes: Vec<u8>) -> Result<Value, String>;
}

/// What the server serves.
pub struct Config {
    /// The store's directory.
    pub db: PathBuf,
    /// Set to accept reports over HTTP; `None` keeps the server read-only.
    pub ingester: Option<Arc<dyn Ingester>>,
    /// The largest request body, in bytes.
    pub max_body: usize,
}

struct AppState {
    readers: Arc<Pool>,
    ingester: Option<Arc<dyn Ingester>>,
}

/// Read-only connections to the store, reused across requests.
struct Pool {
    db: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Pool {
    /// Run `f` on a connection, on a blocking thread.
    async fn with<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> sitrep_store::Result<T> + Send + 'static,
    ) -> Result<T, ApiError> {
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let idle = pool.idle.lock().ok().and_then(|mut idle| idle.pop());
            let store = match idle {
                Some(store) => store,
                None => Store::open_read_only(&pool.db)?,
            };
            let result = f(&store);
            if let Ok(mut idle) = pool.idle.lock() {
                idle.push(store);
            }
            result
        })
        .await
        .map_err(|e| ApiError::Internal(format!("a worker stopped: {e}")))?
        .map_err(ApiError::from)
    }
}

/// The server's routes over a store; fails when there is no store.
pub fn router(config: Config) -> Result<Router, sitrep_store::Error> {
    // Open once now, so that a missing store is an error at start.
    let first = Store::open_read_only(&config.db)?;
    let readers = Arc::new(Pool { db: config.db, idle: Mutex::new(vec![first]) });
    let writable = config.ingester.is_some();
    let state = Arc::new(AppState { readers: Arc::clone(&readers), ingester: config.ingester });
    let mut api = Router::new()
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/search", get(search))
        .route("/api/stats", get(stats));
    if writable {
        api = api.route("/api/ingest", post(ingest));
    }
    Ok(api
        .route("/openapi.json", get(move || async move { axum::Json(openapi::document(writable)) }))
        .route("/", get(assets::index))
        .route("/assets/{*file}", get(assets::file))
        .fallback(|| async { ApiError::NotFound("no such page".into()) })
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state))
}

/// Serve on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Headers on every response: no script but the page's own, no framing,
/// no sniffing, no referrer sent out.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: &'static str, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "x-frame-options", "DENY");
    set(headers, "referrer-policy", "no-referrer");
    response
}

type Shared = State<Arc<AppState>>;

async fn events(State(state): Shared, query: Result<Query<EventQuery>, QueryRejection>) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let page = state.readers.with(move |store| store.events(&query)).await?;
    Ok(axum::Json(page).into_response())
}

async fn event(State(state): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    let missing = format!("no event {id}");
    match state.readers.with(move |store| store.event(&id)).await? {
        Some(detail) => Ok(axum::Json(detail).into_response()),
        None => Err(ApiError::NotFound(missing)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentQuery {
    q: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

async fn documents(
    State(state): Shared,
    query: Result<Query<DocumentQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query?;
    let docs = state
        .readers
        .with(move |store| store.documents(q.q.as_deref(), q.limit.unwrap_or(50), q.offset.unwrap_or(0)))
        .await?;
    Ok(axum::Json(json!({ "documents": docs })).into_response())
}

async fn document(State(state): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    let missing = format!("no document {id}");
    match state.readers.with(move |store| store.document(&id)).await? {
        Some(doc) => Ok(axum::Json(doc).into_response()),
        None => Err(ApiError::NotFound(missing)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchQuery {
    q: String,
    limit: Option<u32>,
}

/// Events and documents that hold the words, best first.
async fn search(State(state): Shared, query: Result<Query<SearchQuery>, QueryRejection>) -> Result<Response, ApiError> {
    let Query(q) = query?;
    let limit = q.limit.unwrap_or(20);
    let result = state
        .readers
        .with(move |store| {
            let events =
                store.events(&EventQuery { q: Some(q.q.clone()), limit: Some(limit), ..EventQuery::default() })?;
            let documents = store.documents(Some(&q.q), limit, 0)?;
            Ok(json!({ "events": events, "documents": documents }))
        })
        .await?;
    Ok(axum::Json(result).into_response())
}

async fn stats(State(state): Shared) -> Result<Response, ApiError> {
    let counts = state.readers.with(|store| store.counts()).await?;
    Ok(axum::Json(counts).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IngestQuery {
    /// The report's name (a file name: its format is sniffed from content).
    name: Option<String>,
}

async fn ingest(
    State(state): Shared,
    query: Result<Query<IngestQuery>, QueryRejection>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let Query(q) = query?;
    let Some(ingester) = state.ingester.clone() else {
        return Err(ApiError::NotFound("ingest over HTTP is off".into()));
    };
    let name = q.name.unwrap_or_else(|| "upload".into());
    let result = tokio::task::spawn_blocking(move || ingester.ingest(&name, body.to_vec()))
        .await
        .map_err(|e| ApiError::Internal(format!("a worker stopped: {e}")))?
        .map_err(ApiError::BadRequest)?;
    Ok(axum::Json(result).into_response())
}

/// An error as the API answers it: a status and `{"error": message}`.
#[derive(Debug)]
enum ApiError {
    BadRequest(String),
    NotFound(String),
    Internal(String),
}

impl From<sitrep_store::Error> for ApiError {
    fn from(e: sitrep_store::Error) -> ApiError {
        match e {
            sitrep_store::Error::Query(q) => ApiError::BadRequest(q.to_string()),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> ApiError {
        ApiError::BadRequest(e.body_text())
    }
}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> ApiError {
        ApiError::BadRequest(e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            ApiError::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, m),
        };
        let mut response = (status, axum::Json(json!({ "error": message }))).into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}
