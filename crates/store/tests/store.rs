//! The store on the bundled example reports: events kept and revised as
//! reports arrive, the same report twice a no-op, a syndicated copy no
//! new evidence, queries.

use std::sync::LazyLock;

use sitrep_clean::Cleaner;
use sitrep_extract::Annotator;
use sitrep_geo::Geoparser;
use sitrep_ingest::{ReaderConfig, read_bytes};
use sitrep_model::{DocId, Document};
use sitrep_store::{EventQuery, Store};

static PIPELINE: LazyLock<(Cleaner, Annotator, Geoparser)> =
    LazyLock::new(|| (Cleaner::default(), Annotator::default(), Geoparser::default()));

fn process(id: &str, text: &str, outlet: Option<&str>) -> Document {
    let (cleaner, annotator, geoparser) = &*PIPELINE;
    let outcomes = read_bytes(&format!("{id}.txt"), text.as_bytes().to_vec(), &ReaderConfig::default());
    let mut raw = outcomes.into_iter().next().expect("one outcome").expect("a document");
    raw.id = DocId(id.into());
    if outlet.is_some() {
        raw.meta.outlet = outlet.map(String::from);
    }
    let mut doc = cleaner.clean(raw);
    let words = annotator.annotate(&mut doc);
    geoparser.annotate_document(&mut doc, &words);
    doc
}

fn seed(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/reports");
    let path = std::fs::read_dir(dir)
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(name)))
        .expect("seed");
    std::fs::read_to_string(path).expect("read")
}

fn at(seconds: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_584_000_000 + seconds).expect("timestamp")
}

/// The live event of 11 March 2020 whose text names Taji.
fn taji(store: &Store) -> sitrep_store::EventSummary {
    let day = Some("2020-03-11".to_string());
    let query = EventQuery { q: Some("Taji".into()), from: day.clone(), to: day, ..EventQuery::default() };
    let page = store.events(&query).expect("query");
    page.events.into_iter().next().expect("a Camp Taji event")
}

#[test]
fn events_keep_their_ids_and_record_each_change_as_reports_arrive() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let first = process("first", &seed("000_"), None);
    let added = store.add_documents(std::slice::from_ref(&first), at(0)).expect("add");
    assert_eq!((added.new, added.unchanged), (1, 0));
    let updated = store.update_events(at(1)).expect("resolve");
    assert_eq!(updated.documents, 1);
    assert!(updated.created >= 1, "{updated:?}");
    let before = taji(&store);
    assert_eq!(before.sources, 1);
    assert_eq!(before.revision, 1);

    // The same report again: nothing to do.
    let again = store.add_documents(&[first], at(2)).expect("add");
    assert_eq!((again.new, again.unchanged), (0, 1));
    assert_eq!(store.update_events(at(3)).expect("resolve").documents, 0);

    // A second outlet's report: the event keeps its id, gains a source
    // and a revision that names the document.
    let second = process("second", &seed("004_"), Some("South Front"));
    store.add_documents(&[second], at(4)).expect("add");
    let updated = store.update_events(at(5)).expect("resolve");
    assert_eq!(updated.documents, 1);
    let after = taji(&store);
    assert_eq!(after.id, before.id);
    assert_eq!(after.sources, 2);
    assert_eq!(after.revision, 2);
    assert!(after.conflicts.contains(&"injured".to_string()), "{after:?}");

    let detail = store.event(&after.id).expect("read").expect("the event");
    assert_eq!(detail.revisions.len(), 2);
    assert_eq!(detail.revisions[0].kind, "created");
    assert_eq!(detail.revisions[1].kind, "updated");
    assert_eq!(detail.revisions[1].documents, serde_json::json!(["second"]));
    let changed: Vec<&str> =
        detail.revisions[1].changes.as_array().expect("changes").iter().filter_map(|c| c["field"].as_str()).collect();
    assert!(changed.contains(&"sources") && changed.contains(&"injured"), "{changed:?}");
    let injured = detail.event.facts.injured.as_ref().expect("injured");
    let values: Vec<u64> = injured.claims.iter().map(|c| c.value).collect();
    assert!(values.contains(&12) && values.contains(&14), "{values:?}");
}

#[test]
fn a_syndicated_copy_is_kept_as_a_copy_and_confirms_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let original = process("original", &seed("004_"), Some("South Front"));
    let copy =
        process("copy", &format!("{}\n\nThis article first appeared on South Front.", seed("004_")), Some("Mirror"));
    let added = store.add_documents(&[original, copy], at(0)).expect("add");
    assert_eq!((added.new, added.copies), (2, 1));
    store.update_events(at(1)).expect("resolve");
    let event = taji(&store);
    assert_eq!(event.sources, 1, "a copy is no second source");
    let detail = store.event(&event.id).expect("read").expect("event");
    let copy = detail.documents.iter().find(|d| d.id == "copy").expect("the copy is listed");
    assert_eq!(copy.copy_of.as_deref(), Some("original"));
    let doc = store.document("original").expect("read").expect("doc");
    assert_eq!(doc.copies.len(), 1);
}

#[test]
fn an_updated_article_replaces_its_earlier_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let text = seed("000_");
    store.add_documents(&[process("a", &text, None)], at(0)).expect("add");
    let added = store
        .add_documents(&[process("a", &text.replace("Despite adding", "Despite sending"), None)], at(1))
        .expect("add");
    assert_eq!((added.new, added.updated), (0, 1));
    assert_eq!(store.counts().expect("counts").documents, 1);
    assert!(store.document("a").expect("read").expect("doc").text.contains("Despite sending"));
    let found = store.documents(Some("sending"), 10, 0).expect("search");
    assert_eq!(found.len(), 1);
    assert!(store.documents(Some("adding"), 10, 0).expect("search").is_empty(), "the old text is out of the index");
}

/// A store of both example reports, resolved; the documents beside it.
fn both_seeds() -> (tempfile::TempDir, Store, [Document; 2]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    let docs = [process("first", &seed("000_"), None), process("second", &seed("004_"), Some("South Front"))];
    store.add_documents(&docs, at(0)).expect("add");
    store.update_events(at(1)).expect("resolve");
    (dir, store, docs)
}

#[test]
fn queries_filter_by_date_type_country_place_and_actor() {
    let (_dir, store, _) = both_seeds();
    let event = taji(&store);
    let count = |q: EventQuery| store.events(&q).expect("query").events.iter().filter(|e| e.id == event.id).count();
    let q = EventQuery::default;
    assert_eq!(count(EventQuery { from: Some("2020-03".into()), to: Some("2020".into()), ..q() }), 1);
    assert_eq!(count(EventQuery { from: Some("2020-03-12".into()), ..q() }), 0);
    assert_eq!(count(EventQuery { event_type: Some("explosions/remote violence".into()), ..q() }), 1);
    assert_eq!(count(EventQuery { event_type: Some("Protests".into()), ..q() }), 0);
    assert_eq!(count(EventQuery { country: Some("iq".into()), ..q() }), 1);
    assert_eq!(count(EventQuery { bbox: Some("44,33,45,34".into()), ..q() }), 1);
    assert_eq!(count(EventQuery { bbox: Some("-80,30,-70,40".into()), ..q() }), 0);
    assert_eq!(count(EventQuery { q: Some("rocket*".into()), ..q() }), 1);
    assert_eq!(count(EventQuery { actor: Some("kataib".into()), ..q() }), 1);
    assert_eq!(count(EventQuery { actor: Some("Islamic State".into()), ..q() }), 0);
    let page = store.events(&EventQuery { limit: Some(1), ..q() }).expect("query");
    assert_eq!(page.events.len(), 1);
    assert!(page.total >= 2, "the seeds report several events");
    assert!(store.events(&EventQuery { limit: Some(5000), ..q() }).is_err());
    assert!(store.events(&EventQuery { from: Some("soon".into()), ..q() }).is_err());
}

#[test]
fn a_store_opened_read_only_must_exist() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = Store::open_read_only(&dir.path().join("nowhere")).err().expect("an error");
    assert!(err.to_string().contains("no store here"), "{err}");
}

#[test]
fn events_resolved_from_the_store_are_those_resolved_in_memory() {
    let (_dir, store, docs) = both_seeds();
    let in_memory = sitrep_resolve::resolve(&docs);
    let stored = store.events(&EventQuery::default()).expect("query");
    assert_eq!(stored.total as usize, in_memory.len());
    for event in &in_memory {
        let detail = store.event(event.id.as_str()).expect("read").expect("the same id in the store");
        assert_eq!(detail.event.facts, event.facts);
        assert_eq!(detail.event.mentions, event.mentions);
    }
}
