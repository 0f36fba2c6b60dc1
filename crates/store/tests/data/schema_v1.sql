-- Détente store schema version 1, frozen: the migration test writes a version-1 file
-- from it. Never edit; it must stay what version 1 was.
CREATE TABLE documents (
    doc          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    date         INTEGER NOT NULL,
    url          TEXT,
    title        TEXT,
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL
);
CREATE TABLE sentences (
    doc   INTEGER NOT NULL,
    idx   INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
);
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    doc            INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    sentence       INTEGER NOT NULL,
    date           INTEGER NOT NULL,
    date_precision TEXT NOT NULL,
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    source_name    TEXT,
    target_name    TEXT,
    cameo          TEXT NOT NULL,
    plover         TEXT,
    goldstein      REAL,
    quad_class     INTEGER,
    place_name     TEXT,
    place_country  TEXT,
    lat            REAL,
    lon            REAL,
    tone           REAL,
    mentions       INTEGER NOT NULL,
    verb_start     INTEGER,
    verb_end       INTEGER,
    source_start   INTEGER,
    source_end     INTEGER,
    target_start   INTEGER,
    target_end     INTEGER,
    provenance     TEXT,
    UNIQUE (doc, seq)
);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_source ON events (source, date);
CREATE INDEX events_target ON events (target, date);
CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    doc          INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    speaker      TEXT NOT NULL,
    speaker_code TEXT,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    UNIQUE (doc, seq)
);
CREATE TABLE actors (
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (code, name)
) WITHOUT ROWID;
