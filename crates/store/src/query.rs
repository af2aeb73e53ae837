//! Reading the store: events by date range, type, country, bounding box,
//! actor and full text, a page at a time; an event with its sources and
//! history; documents.

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sitrep_model::{DateValue, Event};

use crate::{Error, Result, Store};

/// The most events one page holds.
pub const MAX_LIMIT: u32 = 1000;
/// Events a page holds when the query does not say.
pub const DEFAULT_LIMIT: u32 = 50;

/// Which events to list. Every filter is optional; they combine with AND.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EventQuery {
    /// Events on or after this date (`2020-03-11`, `2020-03`, `2020`).
    pub from: Option<String>,
    /// Events on or before this date.
    pub to: Option<String>,
    /// An ACLED event type or sub-type, any case ("Protests",
    /// "air/drone strike").
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    /// ISO 3166-1 alpha-2 country code of the event's place.
    pub country: Option<String>,
    /// `west,south,east,north` in degrees.
    pub bbox: Option<String>,
    /// Part of a perpetrator's or target's name, any case.
    pub actor: Option<String>,
    /// Words that must all occur in the event's text (headlines of its
    /// sources, its sentences, its place, actors and weapons); a word
    /// ending in `*` is a prefix.
    pub q: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// A query that cannot be run, with why.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum QueryError {
    #[error("{field}: not a date ({value:?}); write 2020-03-11, 2020-03 or 2020")]
    Date { field: &'static str, value: String },
    #[error("bbox: {0:?} is not west,south,east,north in degrees")]
    BoundingBox(String),
    #[error("q: no word to search for in {0:?}")]
    Text(String),
    #[error("limit: at most {MAX_LIMIT}")]
    Limit,
}

/// One event in a list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventSummary {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub sub_type: String,
    pub date: Option<String>,
    pub place: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub killed: Option<i64>,
    pub injured: Option<i64>,
    pub perpetrator: Option<String>,
    /// The facts whose claims conflict.
    pub conflicts: Vec<String>,
    pub sources: i64,
    pub revision: i64,
    pub updated_at: String,
}

/// A page of events: `total` matched, `events` from `offset`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventPage {
    pub total: u64,
    pub offset: u32,
    pub limit: u32,
    pub events: Vec<EventSummary>,
}

/// A document as a list shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentSummary {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub path: String,
    /// The document this one is a near-copy of.
    pub copy_of: Option<String>,
    pub ingested_at: String,
}

/// A document with its text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredDocument {
    #[serde(flatten)]
    pub summary: DocumentSummary,
    pub language: Option<String>,
    pub text: String,
    /// Near-copies of this document.
    pub copies: Vec<DocumentSummary>,
}

/// One change of an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Revision {
    pub revision: i64,
    pub at: String,
    /// "created", "updated", "merged", "withdrawn", "restored".
    pub kind: String,
    /// The documents that brought the change.
    pub documents: Value,
    /// `[{field, before, after}]`.
    pub changes: Value,
}

/// An event with everything the event page shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventDetail {
    pub event: Event,
    /// "live", "merged" or "withdrawn".
    pub status: String,
    pub merged_into: Option<String>,
    pub revision: i64,
    pub updated_at: String,
    /// The event's sources, then their near-copies.
    pub documents: Vec<DocumentSummary>,
    pub revisions: Vec<Revision>,
}

const SUMMARY_COLUMNS: &str = "id, type, sub_type, date, place, country, lat, lon, killed, injured, perpetrator, \
                               conflicts, sources, revision, updated_at";

const DOCUMENT_COLUMNS: &str = "id, title, outlet, url, published, path, copy_of, ingested_at";

impl EventQuery {
    /// The WHERE clause and its parameters.
    fn filter(&self) -> std::result::Result<(String, Vec<Sql>), QueryError> {
        let mut clauses = vec!["status = 'live'".to_string()];
        let mut params: Vec<Sql> = Vec::new();
        // Each `?` of a clause is numbered after the parameters before it.
        let mut push = |clause: &str, values: Vec<Sql>| {
            let mut numbered = String::with_capacity(clause.len() + 4);
            for (i, part) in clause.split('?').enumerate() {
                if i > 0 {
                    numbered.push_str(&format!("?{}", params.len() + i));
                }
                numbered.push_str(part);
            }
            params.extend(values);
            clauses.push(numbered);
        };
        if let Some(from) = non_empty(&self.from) {
            push("day_high >= ?", vec![Sql::Integer(days("from", from)?.0.into())]);
        }
        if let Some(to) = non_empty(&self.to) {
            push("day_low <= ?", vec![Sql::Integer(days("to", to)?.1.into())]);
        }
        if let Some(t) = non_empty(&self.event_type) {
            push(
                "(type = ? COLLATE NOCASE OR sub_type = ? COLLATE NOCASE)",
                vec![Sql::Text(t.into()), Sql::Text(t.into())],
            );
        }
        if let Some(c) = non_empty(&self.country) {
            push("country = ? COLLATE NOCASE", vec![Sql::Text(c.into())]);
        }
        if let Some(b) = non_empty(&self.bbox) {
            let [west, south, east, north] = bbox(b)?;
            let lon = if west <= east { "lon BETWEEN ? AND ?" } else { "(lon >= ? OR lon <= ?)" };
            push(
                &format!("lat BETWEEN ? AND ? AND {lon}"),
                vec![Sql::Real(south), Sql::Real(north), Sql::Real(west), Sql::Real(east)],
            );
        }
        if let Some(a) = non_empty(&self.actor) {
            push(
                "id IN (SELECT event FROM event_actors WHERE name LIKE ? ESCAPE '\\')",
                vec![Sql::Text(format!("%{}%", like_escape(a)))],
            );
        }
        if let Some(q) = non_empty(&self.q) {
            push("seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", vec![Sql::Text(fts_query(q)?)]);
        }
        Ok((clauses.join(" AND "), params))
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn days(field: &'static str, value: &str) -> std::result::Result<(i32, i32), QueryError> {
    value.parse::<DateValue>().map(|d| d.days()).map_err(|_| QueryError::Date { field, value: value.into() })
}

fn bbox(value: &str) -> std::result::Result<[f64; 4], QueryError> {
    let bad = || QueryError::BoundingBox(value.into());
    let parts: Vec<f64> =
        value.split(',').map(|p| p.trim().parse::<f64>().map_err(|_| bad())).collect::<std::result::Result<_, _>>()?;
    let [west, south, east, north] = <[f64; 4]>::try_from(parts).map_err(|_| bad())?;
    let lon_ok = |x: f64| (-180.0..=180.0).contains(&x);
    let lat_ok = |y: f64| (-90.0..=90.0).contains(&y);
    if !(lon_ok(west) && lon_ok(east) && lat_ok(south) && lat_ok(north) && south <= north) {
        return Err(bad());
    }
    Ok([west, south, east, north])
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// The user's words as an FTS5 query: each a quoted string (no operator
/// or column syntax gets through), all required; `word*` a prefix.
fn fts_query(q: &str) -> std::result::Result<String, QueryError> {
    let terms: Vec<String> = q
        .split_whitespace()
        .filter_map(|w| {
            let prefix = w.ends_with('*');
            let word: String = w.chars().filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '-').collect();
            let word = word.replace('"', "");
            (!word.is_empty()).then(|| if prefix { format!("\"{word}\"*") } else { format!("\"{word}\"") })
        })
        .collect();
    if terms.is_empty() {
        return Err(QueryError::Text(q.into()));
    }
    Ok(terms.join(" "))
}

impl Store {
    /// A page of the events the query matches, latest first (best matches
    /// first for a text query).
    pub fn events(&self, query: &EventQuery) -> Result<EventPage> {
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
        if limit > MAX_LIMIT {
            return Err(QueryError::Limit.into());
        }
        let offset = query.offset.unwrap_or(0);
        let (filter, params) = query.filter()?;
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM events WHERE {filter}"),
            params_from_iter(params.iter()),
            |r| r.get(0),
        )?;
        let mut params = params;
        let (from, order) = match non_empty(&query.q) {
            Some(q) => {
                params.push(Sql::Text(fts_query(q)?));
                let from = format!(
                    "events JOIN (SELECT rowid, bm25(events_fts) AS rank FROM events_fts WHERE events_fts MATCH ?{}) m \
                     ON m.rowid = events.seq",
                    params.len()
                );
                (from, "m.rank, day_low DESC, id")
            }
            None => ("events".to_string(), "day_low IS NULL, day_low DESC, id"),
        };
        params.push(Sql::Integer(limit.into()));
        params.push(Sql::Integer(offset.into()));
        let n = params.len();
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM {from} WHERE {filter} ORDER BY {order} LIMIT ?{} OFFSET ?{n}",
            n - 1
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), summary)?;
        let events = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(EventPage { total: total as u64, offset, limit, events })
    }

    /// An event by id, with its documents and revisions; `None` when no
    /// event has that id.
    pub fn event(&self, id: &str) -> Result<Option<EventDetail>> {
        let row: Option<(String, Option<String>, i64, String, String)> = self
            .conn
            .query_row("SELECT status, merged_into, revision, updated_at, body FROM events WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        let Some((status, merged_into, revision, updated_at, body)) = row else { return Ok(None) };
        let event: Event =
            serde_json::from_str(&body).map_err(|source| Error::Corrupt { what: format!("event {id}"), source })?;
        let mut documents = Vec::new();
        for doc in &event.sources {
            documents.extend(self.document_summary(doc.as_str())?);
        }
        for doc in &event.sources {
            documents.extend(self.copies(doc.as_str())?);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT revision, at, kind, documents, changes FROM revisions WHERE event = ?1 ORDER BY revision",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut revisions = Vec::new();
        for row in rows {
            let (revision, at, kind, docs, changes) = row?;
            let parse = |s: &str| {
                serde_json::from_str(s).map_err(|source| Error::Corrupt { what: format!("revision of {id}"), source })
            };
            revisions.push(Revision { revision, at, kind, documents: parse(&docs)?, changes: parse(&changes)? });
        }
        Ok(Some(EventDetail { event, status, merged_into, revision, updated_at, documents, revisions }))
    }

    /// A document by id, with its text and near-copies.
    pub fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let row = self
            .conn
            .query_row(&format!("SELECT {DOCUMENT_COLUMNS}, language, text FROM documents WHERE id = ?1"), [id], |r| {
                Ok((document_summary(r)?, r.get::<_, Option<String>>(8)?, r.get::<_, String>(9)?))
            })
            .optional()?;
        let Some((summary, language, text)) = row else { return Ok(None) };
        let copies = self.copies(id)?;
        Ok(Some(StoredDocument { summary, language, text, copies }))
    }

    /// Documents latest first, or those whose headline and text hold all
    /// the words of `q`, best first.
    pub fn documents(&self, q: Option<&str>, limit: u32, offset: u32) -> Result<Vec<DocumentSummary>> {
        if limit > MAX_LIMIT {
            return Err(QueryError::Limit.into());
        }
        let columns = DOCUMENT_COLUMNS.split(", ").map(|c| format!("d.{c}")).collect::<Vec<_>>().join(", ");
        let rows = match q.map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => {
                let sql = format!(
                    "SELECT {columns} FROM documents_fts f JOIN documents d ON d.seq = f.rowid
                     WHERE documents_fts MATCH ?1 ORDER BY bm25(documents_fts) LIMIT ?2 OFFSET ?3"
                );
                let mut stmt = self.conn.prepare_cached(&sql)?;
                stmt.query_map(rusqlite::params![fts_query(q)?, limit, offset], document_summary)?
                    .collect::<rusqlite::Result<Vec<_>>>()?
            }
            None => {
                let sql = format!("SELECT {columns} FROM documents d ORDER BY d.seq DESC LIMIT ?1 OFFSET ?2");
                let mut stmt = self.conn.prepare_cached(&sql)?;
                stmt.query_map(rusqlite::params![limit, offset], document_summary)?
                    .collect::<rusqlite::Result<Vec<_>>>()?
            }
        };
        Ok(rows)
    }

    fn document_summary(&self, id: &str) -> Result<Option<DocumentSummary>> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], document_summary).optional()?)
    }

    fn copies(&self, id: &str) -> Result<Vec<DocumentSummary>> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM documents WHERE copy_of = ?1 ORDER BY seq");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_map([id], document_summary)?.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventSummary> {
    let conflicts: String = r.get(11)?;
    Ok(EventSummary {
        id: r.get(0)?,
        event_type: r.get(1)?,
        sub_type: r.get(2)?,
        date: r.get(3)?,
        place: r.get(4)?,
        country: r.get(5)?,
        lat: r.get(6)?,
        lon: r.get(7)?,
        killed: r.get(8)?,
        injured: r.get(9)?,
        perpetrator: r.get(10)?,
        conflicts: conflicts.split(',').filter(|c| !c.is_empty()).map(String::from).collect(),
        sources: r.get(12)?,
        revision: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

fn document_summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        outlet: r.get(2)?,
        url: r.get(3)?,
        published: r.get(4)?,
        path: r.get(5)?,
        copy_of: r.get(6)?,
        ingested_at: r.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_words_cannot_inject_fts_syntax() {
        assert_eq!(fts_query("taji rocket*").as_deref(), Ok("\"taji\" \"rocket\"*"));
        assert_eq!(fts_query("a\" OR body:x NEAR(").as_deref(), Ok("\"a\" \"OR\" \"bodyx\" \"NEAR\""));
        assert!(fts_query("\" * ( )").is_err());
    }

    #[test]
    fn bounding_boxes_are_checked() {
        assert_eq!(bbox("40,30,50,40"), Ok([40.0, 30.0, 50.0, 40.0]));
        assert!(bbox("40,30,50").is_err());
        assert!(bbox("40,50,50,30").is_err());
        assert!(bbox("200,0,0,0").is_err());
    }

    #[test]
    fn filters_number_their_parameters_in_order() {
        let q = EventQuery {
            from: Some("2020-03".into()),
            event_type: Some("Protests".into()),
            actor: Some("50%_".into()),
            ..EventQuery::default()
        };
        let (sql, params) = q.filter().expect("valid");
        assert_eq!(
            sql,
            "status = 'live' AND day_high >= ?1 AND (type = ?2 COLLATE NOCASE OR sub_type = ?3 COLLATE NOCASE) \
             AND id IN (SELECT event FROM event_actors WHERE name LIKE ?4 ESCAPE '\\')"
        );
        assert_eq!(params.len(), 4);
        assert_eq!(params[3], Sql::Text("%50\\%\\_%".into()));
        let bad = EventQuery { to: Some("March".into()), ..EventQuery::default() };
        assert_eq!(bad.filter().err(), Some(QueryError::Date { field: "to", value: "March".into() }));
    }
}
