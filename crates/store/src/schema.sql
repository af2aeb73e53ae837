-- sitrep's store, schema version 1. One SQLite file in write-ahead-log mode.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every document read, in arrival order. `body` is the processed document
-- (text and annotations) as the JSON contract writes it. A near-copy of an
-- earlier document (`copy_of`) is kept but gives no event evidence of its
-- own. `resolved` is 0 until the events reflect the document.
CREATE TABLE IF NOT EXISTS documents (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    signature    BLOB,
    copy_of      TEXT,
    path         TEXT NOT NULL,
    url          TEXT,
    title        TEXT,
    outlet       TEXT,
    published    TEXT,
    language     TEXT,
    text         TEXT NOT NULL,
    body         TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    resolved     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS documents_copy_of ON documents (copy_of) WHERE copy_of IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_unresolved ON documents (resolved) WHERE resolved = 0;

-- The band keys of each document's MinHash signature: near-copy candidates.
CREATE TABLE IF NOT EXISTS copy_bands (
    key INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5 (
    title, text, content = 'documents', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);

-- Events, as the last resolution left them. `status` is 'live', or
-- 'merged' (into `merged_into`) or 'withdrawn' when a later resolution no
-- longer has them: ids once given are never reused for another event.
CREATE TABLE IF NOT EXISTS events (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL DEFAULT 'live',
    merged_into TEXT,
    type        TEXT NOT NULL,
    sub_type    TEXT NOT NULL,
    date        TEXT,
    day_low     INTEGER,
    day_high    INTEGER,
    place       TEXT,
    country     TEXT,
    lat         REAL,
    lon         REAL,
    killed      INTEGER,
    injured     INTEGER,
    perpetrator TEXT,
    conflicts   TEXT NOT NULL,
    sources     INTEGER NOT NULL,
    revision    INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_day ON events (day_low, day_high);
CREATE INDEX IF NOT EXISTS events_position ON events (lat, lon);

-- Perpetrators and targets, for the actor filter.
CREATE TABLE IF NOT EXISTS event_actors (
    event TEXT NOT NULL,
    role  TEXT NOT NULL,
    name  TEXT NOT NULL,
    PRIMARY KEY (event, role, name)
) WITHOUT ROWID;

-- What the full-text search of events reads: type, place, actors, weapons,
-- the headlines of its sources and the sentences of its claims. Its rowid
-- is the event's `seq`.
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5 (
    text, tokenize = 'unicode61 remove_diacritics 2'
);

-- Every change of an event: what changed, from which documents, when.
CREATE TABLE IF NOT EXISTS revisions (
    event     TEXT NOT NULL,
    revision  INTEGER NOT NULL,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    documents TEXT NOT NULL,
    changes   TEXT NOT NULL,
    PRIMARY KEY (event, revision)
) WITHOUT ROWID;
