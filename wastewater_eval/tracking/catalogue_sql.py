"""The catalogue's SQL (SQLite): its schema and the statements :mod:`.store` runs, in one place."""

READING_FILES = """
CREATE TABLE reading_files (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports (id),
    path      TEXT NOT NULL UNIQUE,
    bucket    INTEGER NOT NULL,
    month     TEXT NOT NULL,
    rows      INTEGER NOT NULL,
    invalid   INTEGER NOT NULL
);
CREATE INDEX reading_files_by_partition ON reading_files (bucket, month);
"""

SCHEMA = (
    """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    readings    INTEGER NOT NULL DEFAULT 0,
    report      TEXT NOT NULL DEFAULT '{}'
);
"""
    + READING_FILES
    + """CREATE TABLE notices (
    id             INTEGER PRIMARY KEY,
    discharger_id  TEXT NOT NULL,
    event_key      TEXT NOT NULL,
    created        TEXT NOT NULL,
    document_paths TEXT NOT NULL DEFAULT '[]',
    number         TEXT UNIQUE,
    recipient      TEXT,
    previous       TEXT,
    details        TEXT NOT NULL DEFAULT '{}',
    UNIQUE (discharger_id, event_key)
);
CREATE INDEX notices_by_recipient ON notices (discharger_id, recipient, id);
CREATE TABLE agreement_terms (
    discharger_id TEXT NOT NULL,
    agreement_id  TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    first_seen    TEXT NOT NULL,
    PRIMARY KEY (discharger_id, agreement_id, fingerprint)
);
CREATE TABLE assessments (
    id              INTEGER PRIMARY KEY,
    recorded_at     TEXT NOT NULL,
    discharger_id   TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('assessment', 'tracking')),
    as_of           TEXT NOT NULL,
    input_path      TEXT NOT NULL,
    input_sha256    TEXT NOT NULL,
    input_text      TEXT NOT NULL,
    tool_version    TEXT NOT NULL,
    rules           TEXT NOT NULL,
    standards       TEXT NOT NULL,
    engine          TEXT NOT NULL,
    result          TEXT NOT NULL,
    plants_path     TEXT,
    plants_text     TEXT,
    standard_code   TEXT,
    standard_status TEXT,
    standard_sha256 TEXT
);
CREATE INDEX assessments_by_discharger ON assessments (discharger_id, id);
"""
)

# A version 1 store (readings in SQLite) becomes version 2 with these, after its readings are
# written to Parquet (migrate.py); the audit trail and notices stay where they are.
MIGRATE_1_TO_2 = (
    READING_FILES
    + """ALTER TABLE notices ADD COLUMN number TEXT;
ALTER TABLE notices ADD COLUMN recipient TEXT;
ALTER TABLE notices ADD COLUMN previous TEXT;
ALTER TABLE notices ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
CREATE UNIQUE INDEX notices_number ON notices (number);
CREATE INDEX notices_by_recipient ON notices (discharger_id, recipient, id);
CREATE TABLE IF NOT EXISTS agreement_terms (
    discharger_id TEXT NOT NULL,
    agreement_id  TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    first_seen    TEXT NOT NULL,
    PRIMARY KEY (discharger_id, agreement_id, fingerprint)
);
DROP VIEW IF EXISTS readings_with_source;
DROP TABLE readings;
"""
)
ASSESSMENTS_V1 = """
CREATE TABLE IF NOT EXISTS assessments (
    id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, discharger_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('assessment', 'tracking')), as_of TEXT NOT NULL,
    input_path TEXT NOT NULL, input_sha256 TEXT NOT NULL, input_text TEXT NOT NULL,
    tool_version TEXT NOT NULL, rules TEXT NOT NULL, standards TEXT NOT NULL, engine TEXT NOT NULL,
    result TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS assessments_by_discharger ON assessments (discharger_id, id);
"""
ASSESSMENT_COLUMNS_ADDED = ("plants_path", "plants_text", "standard_code", "standard_status", "standard_sha256")
V1_READINGS = (
    "SELECT discharger_id, parameter_id, interval, ts, basis, point, value, min, max, load_kg, detected, "
    "data_flag, valid, import_id, source_line FROM readings ORDER BY import_id, source_line"
)

IMPORTED = "SELECT 1 FROM imports WHERE sha256 = ?"
ADD_IMPORT = "INSERT INTO imports (sha256, path, kind, size, imported_at) VALUES (?, ?, ?, ?, ?)"
FINISH_IMPORT = "UPDATE imports SET readings = ?, report = ? WHERE id = ?"

ALL_FILES = "SELECT path FROM reading_files ORDER BY id"
ALL_FILES_WITH_PARTITION = "SELECT path, bucket, month FROM reading_files ORDER BY id"
FILES_IN_BUCKETS = "SELECT path FROM reading_files WHERE bucket IN ({marks}) ORDER BY id"
ADD_FILE = "INSERT INTO reading_files (import_id, path, bucket, month, rows, invalid) VALUES (?, ?, ?, ?, ?, ?)"
FILE_TOTALS = "SELECT sum(rows), sum(invalid) FROM reading_files"

ADD_NOTICE = (
    "INSERT OR IGNORE INTO notices (discharger_id, event_key, created, document_paths, number, recipient, previous, "
    "details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
SET_NOTICE_DOCUMENTS = "UPDATE notices SET document_paths = ? WHERE number = ?"
NOTICE = "SELECT discharger_id, event_key, created, document_paths, number, recipient, previous, details FROM notices"
LAST_NOTICE = NOTICE + " WHERE discharger_id = ? AND recipient = ? ORDER BY id DESC LIMIT 1"
COUNT_NUMBERS = "SELECT count(*) FROM notices WHERE number LIKE ?"

TERMS = "SELECT fingerprint FROM agreement_terms WHERE discharger_id = ? AND agreement_id = ?"
ADD_TERMS = "INSERT OR IGNORE INTO agreement_terms VALUES (?, ?, ?, datetime('now'))"

ASSESSMENTS = (
    "SELECT id, recorded_at, discharger_id, kind, as_of, input_path, input_sha256, tool_version, rules, "
    "standards, engine, result, standard_status, standard_sha256 FROM assessments"
)
ASSESSMENT = "SELECT input_path, input_text, result, plants_path, plants_text FROM assessments WHERE id = ?"

# DuckDB, over the reading files
WITH_SOURCE = """
CREATE TEMP VIEW readings_with_source AS
    SELECT r.*, i.path AS source_file, i.sha256 AS source_sha256
    FROM readings AS r JOIN imports AS i ON i.id = r.import_id
"""
SUMMARY = """
SELECT discharger_id, count(*), sum(CASE WHEN valid THEN 0 ELSE 1 END), strftime(min(ts), '%Y-%m-%d %H:%M:%S'),
       strftime(max(ts), '%Y-%m-%d %H:%M:%S')
FROM readings{where} GROUP BY discharger_id ORDER BY discharger_id
"""
