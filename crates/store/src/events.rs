//! Events resolved again as documents arrive, with ids kept and every
//! change recorded.
//!
//! The resolver derives an event's id from its content (type, date,
//! place), which a new report can change. The store keeps the id an event
//! had: a new event takes the id of the stored event whose mentions it
//! shares most (each stored id going to one event at most). An event with
//! no stored forebear takes its content id. A stored event that gave its
//! id to none is `merged` (into the event that took most of its mentions)
//! or `withdrawn`; its id is never given to another event.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{Connection, Transaction, params};
use serde::Serialize;
use serde_json::{Value, json};
use sitrep_model::{DocId, Document, Event, EventId, Fact, Status};

use crate::{Error, Result};

/// What [`crate::Store::update_events`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Updated {
    /// Documents that were awaiting resolution.
    pub documents: usize,
    pub created: usize,
    pub changed: usize,
    pub merged: usize,
    pub withdrawn: usize,
    /// Live events after the update.
    pub events: usize,
}

/// One change of an event: a fact's value before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

pub(crate) fn update(conn: &mut Connection, at: jiff::Timestamp) -> Result<Updated> {
    let tx = conn.transaction()?;
    let fresh: BTreeSet<String> = column(&tx, "SELECT id FROM documents WHERE resolved = 0")?;
    if fresh.is_empty() {
        let events = tx.query_row("SELECT count(*) FROM events WHERE status = 'live'", [], |r| r.get::<_, i64>(0))?;
        return Ok(Updated { events: events as usize, ..Updated::default() });
    }
    let docs = originals(&tx)?;
    let mut events = sitrep_resolve::resolve(&docs);
    let titles: HashMap<&DocId, &str> =
        docs.iter().filter_map(|d| Some((&d.id, d.title.as_deref().filter(|t| !t.is_empty())?))).collect();

    let stored = stored_events(&tx)?;
    let ids = stable_ids(&events, &stored);
    // Links name the resolver's ids: name the kept ones.
    let rename: HashMap<EventId, EventId> = events.iter().map(|e| e.id.clone()).zip(ids.iter().cloned()).collect();
    for (event, id) in events.iter_mut().zip(ids) {
        event.id = id;
        for link in &mut event.related {
            if let Some(kept) = rename.get(&link.event) {
                link.event = kept.clone();
            }
        }
    }

    let at = at.to_string();
    let mut updated = Updated { documents: fresh.len(), events: events.len(), ..Updated::default() };
    let mut live: BTreeSet<&EventId> = BTreeSet::new();
    for event in &events {
        live.insert(&event.id);
        let brought: Vec<&str> =
            event.sources.iter().map(DocId::as_str).filter(|d| fresh.contains(*d)).collect::<Vec<_>>();
        let (kind, changes, revision) = match stored.get(&event.id) {
            Some(old) if old.status == "live" => {
                let changes = diff(&old.event, event);
                if changes.is_empty() {
                    continue;
                }
                updated.changed += 1;
                ("updated", changes, old.revision + 1)
            }
            Some(old) => {
                updated.created += 1;
                ("restored", diff(&old.event, event), old.revision + 1)
            }
            None => {
                updated.created += 1;
                ("created", Vec::new(), 1)
            }
        };
        write_event(&tx, event, revision, &at, &titles)?;
        tx.execute(
            "INSERT INTO revisions (event, revision, at, kind, documents, changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![event.id.as_str(), revision, at, kind, json!(brought).to_string(), json!(changes).to_string()],
        )?;
    }
    for (id, old) in stored.iter().filter(|(id, old)| old.status == "live" && !live.contains(id)) {
        let heir = heir(&old.event, &events);
        let (status, kind) = if heir.is_some() { ("merged", "merged") } else { ("withdrawn", "withdrawn") };
        updated.merged += usize::from(heir.is_some());
        updated.withdrawn += usize::from(heir.is_none());
        tx.execute(
            "UPDATE events SET status = ?2, merged_into = ?3, revision = revision + 1, updated_at = ?4 WHERE id = ?1",
            params![id.as_str(), status, heir.map(EventId::as_str), at],
        )?;
        tx.execute("DELETE FROM events_fts WHERE rowid = (SELECT seq FROM events WHERE id = ?1)", [id.as_str()])?;
        tx.execute("DELETE FROM event_actors WHERE event = ?1", [id.as_str()])?;
        let mut changes = vec![Change { field: "status".into(), before: json!("live"), after: json!(status) }];
        if let Some(heir) = heir {
            changes.push(Change { field: "merged_into".into(), before: Value::Null, after: json!(heir) });
        }
        tx.execute(
            "INSERT INTO revisions (event, revision, at, kind, documents, changes) VALUES (?1, ?2, ?3, ?4, '[]', ?5)",
            params![id.as_str(), old.revision + 1, at, kind, json!(changes).to_string()],
        )?;
    }
    tx.execute("UPDATE documents SET resolved = 1 WHERE resolved = 0", [])?;
    tx.commit()?;
    Ok(updated)
}

/// A stored event: its last body, status and revision.
struct Stored {
    event: Event,
    status: String,
    revision: i64,
}

fn column(tx: &Transaction<'_>, sql: &str) -> Result<BTreeSet<String>> {
    let mut stmt = tx.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The documents that are not copies, in id order (the resolver's result
/// does not depend on order; reading in one keeps runs comparable).
fn originals(tx: &Transaction<'_>) -> Result<Vec<Document>> {
    let mut stmt = tx.prepare("SELECT id, body FROM documents WHERE copy_of IS NULL ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut docs = Vec::new();
    for row in rows {
        let (id, body) = row?;
        docs.push(
            serde_json::from_str(&body).map_err(|source| Error::Corrupt { what: format!("document {id}"), source })?,
        );
    }
    Ok(docs)
}

fn stored_events(tx: &Transaction<'_>) -> Result<BTreeMap<EventId, Stored>> {
    let mut stmt = tx.prepare("SELECT id, status, revision, body FROM events")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?)))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (id, status, revision, body) = row?;
        let event =
            serde_json::from_str(&body).map_err(|source| Error::Corrupt { what: format!("event {id}"), source })?;
        out.insert(EventId(id), Stored { event, status, revision });
    }
    Ok(out)
}

type MentionKey<'a> = (&'a str, usize, usize);

fn mention_keys(e: &Event) -> impl Iterator<Item = MentionKey<'_>> {
    e.mentions.iter().map(|m| (m.doc.as_str(), m.start, m.end))
}

/// The id each new event keeps (see the module documentation).
fn stable_ids(events: &[Event], stored: &BTreeMap<EventId, Stored>) -> Vec<EventId> {
    let mut owner: HashMap<MentionKey<'_>, &EventId> = HashMap::new();
    for (id, old) in stored.iter().filter(|(_, old)| old.status == "live") {
        for key in mention_keys(&old.event) {
            owner.insert(key, id);
        }
    }
    // (shared mentions, new event, stored id), most shared first.
    let mut pairs: Vec<(usize, usize, &EventId)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let mut shared: BTreeMap<&EventId, usize> = BTreeMap::new();
        for key in mention_keys(e) {
            if let Some(id) = owner.get(&key) {
                *shared.entry(*id).or_default() += 1;
            }
        }
        pairs.extend(shared.into_iter().map(|(id, n)| (n, i, id)));
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
    let mut ids: Vec<Option<EventId>> = vec![None; events.len()];
    let mut given: BTreeSet<EventId> = BTreeSet::new();
    for (_, i, id) in pairs {
        if ids[i].is_none() && !given.contains(id) {
            ids[i] = Some(id.clone());
            given.insert(id.clone());
        }
    }
    // The rest take their content id (a stored event of that id, merged or
    // withdrawn or left without its mentions, is the same event back),
    // unless it went to another event this round.
    for (i, e) in events.iter().enumerate() {
        if ids[i].is_some() {
            continue;
        }
        let mut id = e.id.clone();
        let first = e.mentions.iter().map(|m| format!("{}:{}", m.doc, m.start)).min().unwrap_or_default();
        while given.contains(&id) {
            id = EventId::from_key([id.0.as_bytes(), first.as_bytes()]);
        }
        given.insert(id.clone());
        ids[i] = Some(id);
    }
    ids.into_iter().map(|id| id.unwrap_or_else(|| EventId(String::new()))).collect()
}

/// The new event that took most of a stored event's mentions.
fn heir<'a>(old: &Event, events: &'a [Event]) -> Option<&'a EventId> {
    let keys: BTreeSet<MentionKey<'_>> = mention_keys(old).collect();
    events
        .iter()
        .map(|e| (mention_keys(e).filter(|k| keys.contains(k)).count(), &e.id))
        .filter(|(n, _)| *n > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, id)| id)
}

/// What an analyst sees change: type, each fact's reconciled view, the
/// sources and the links.
fn diff(old: &Event, new: &Event) -> Vec<Change> {
    let (a, b) = (view(old), view(new));
    a.into_iter()
        .zip(b)
        .filter(|(x, y)| x.1 != y.1)
        .map(|((field, before), (_, after))| Change { field: field.into(), before, after })
        .collect()
}

fn view(e: &Event) -> Vec<(&'static str, Value)> {
    fn fact<T: Serialize>(f: &Option<Fact<T>>) -> Value {
        match f {
            Some(f) => json!({"best": f.best, "low": f.low, "high": f.high, "status": f.status}),
            None => Value::Null,
        }
    }
    let f = &e.facts;
    vec![
        ("type", json!(e.event_type)),
        ("sub_type", json!(e.sub_type)),
        ("date", fact(&f.date)),
        ("location", fact(&f.location)),
        ("killed", fact(&f.killed)),
        ("injured", fact(&f.injured)),
        ("perpetrator", fact(&f.perpetrator)),
        ("target", fact(&f.target)),
        ("weapon", fact(&f.weapon)),
        ("sources", json!(e.sources)),
        ("related", json!(e.related)),
    ]
}

/// The facts whose claims cannot all be true.
fn conflicts(e: &Event) -> Vec<&'static str> {
    let f = &e.facts;
    let conflicting = |s: Option<Status>| s == Some(Status::Conflicting);
    [
        ("date", conflicting(f.date.as_ref().map(|f| f.status))),
        ("location", conflicting(f.location.as_ref().map(|f| f.status))),
        ("killed", conflicting(f.killed.as_ref().map(|f| f.status))),
        ("injured", conflicting(f.injured.as_ref().map(|f| f.status))),
        ("perpetrator", conflicting(f.perpetrator.as_ref().map(|f| f.status))),
        ("target", conflicting(f.target.as_ref().map(|f| f.status))),
        ("weapon", conflicting(f.weapon.as_ref().map(|f| f.status))),
    ]
    .into_iter()
    .filter_map(|(name, c)| c.then_some(name))
    .collect()
}

/// Write an event's row, its actors and its full-text entry.
fn write_event(tx: &Transaction<'_>, e: &Event, revision: i64, at: &str, titles: &HashMap<&DocId, &str>) -> Result<()> {
    let f = &e.facts;
    let date = f.date.as_ref().and_then(|d| d.best);
    let days = date.map(|d| d.days());
    let place = f.location.as_ref().and_then(|l| l.best.as_ref());
    let best_count = |c: &Option<Fact<u64>>| c.as_ref().and_then(|c| c.best).map(|n| n as i64);
    let body = serde_json::to_string(e).map_err(|source| Error::Corrupt { what: format!("event {}", e.id), source })?;
    tx.execute(
        "INSERT INTO events (id, status, merged_into, type, sub_type, date, day_low, day_high, place, country,
                             lat, lon, killed, injured, perpetrator, conflicts, sources, revision, updated_at, body)
         VALUES (?1, 'live', NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
         ON CONFLICT (id) DO UPDATE SET
             status = 'live', merged_into = NULL, type = ?2, sub_type = ?3, date = ?4, day_low = ?5, day_high = ?6,
             place = ?7, country = ?8, lat = ?9, lon = ?10, killed = ?11, injured = ?12, perpetrator = ?13,
             conflicts = ?14, sources = ?15, revision = ?16, updated_at = ?17, body = ?18",
        params![
            e.id.as_str(),
            e.event_type.as_str(),
            e.sub_type,
            date.map(|d| d.to_string()),
            days.map(|d| d.0),
            days.map(|d| d.1),
            place.map(|p| p.name.as_str()),
            place.and_then(|p| p.country.as_deref()),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
            best_count(&f.killed),
            best_count(&f.injured),
            f.perpetrator.as_ref().and_then(|p| p.best.as_deref()),
            conflicts(e).join(","),
            e.sources.len() as i64,
            revision,
            at,
            body,
        ],
    )?;
    tx.execute("DELETE FROM event_actors WHERE event = ?1", [e.id.as_str()])?;
    let mut words: Vec<&str> = vec![e.event_type.as_str(), &e.sub_type];
    for (role, fact) in [("perpetrator", &f.perpetrator), ("target", &f.target)] {
        let names: BTreeSet<&str> = fact.iter().flat_map(|f| f.claims.iter().map(|c| c.value.as_str())).collect();
        for name in names {
            tx.execute(
                "INSERT OR IGNORE INTO event_actors (event, role, name) VALUES (?1, ?2, ?3)",
                params![e.id.as_str(), role, name],
            )?;
            words.push(name);
        }
    }
    if let Some(place) = &f.location {
        words.extend(place.claims.iter().map(|c| c.value.name.as_str()));
    }
    if let Some(weapon) = &f.weapon {
        words.extend(weapon.claims.iter().map(|c| c.value.as_str()));
    }
    words.extend(e.sources.iter().filter_map(|d| titles.get(d).copied()));
    words.extend(e.mentions.iter().map(|m| m.text.as_str()));
    let quotes = [&f.killed, &f.injured].into_iter().flatten().flat_map(|c| c.claims.iter().map(|c| c.quote.as_str()));
    words.extend(quotes);
    let seq: i64 = tx.query_row("SELECT seq FROM events WHERE id = ?1", [e.id.as_str()], |r| r.get(0))?;
    tx.execute("DELETE FROM events_fts WHERE rowid = ?1", [seq])?;
    tx.execute("INSERT INTO events_fts (rowid, text) VALUES (?1, ?2)", params![seq, words.join("\n")])?;
    Ok(())
}
