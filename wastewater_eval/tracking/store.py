"""The tracking store: one SQLite file, no server, written only inside a transaction.

Tables (schema version 1, ``PRAGMA user_version``):

* ``readings`` — one row per (discharger, parameter, interval, time, basis, sampling point); the
  value in the parameter's catalogue unit, the detected flag, the data flag and whether it counts
  (``valid``), and the import it came from. A second reading with the same key is a duplicate and
  is not stored (the first one stays).
* ``imports`` — one row per imported file, keyed by its SHA-256: importing the same bytes twice
  adds nothing.
* ``notices`` — one row per (discharger, event key): the same event never produces two notices.
* view ``readings_with_source`` — readings with the source file's path and SHA-256.

Time stamps are text ``YYYY-MM-DD HH:MM:SS`` in China Standard Time, so ``substr(ts, 1, 10)`` is
the local calendar day. The file uses SQLite's rollback journal (no side files once closed).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import WastevalError
from .values import ROW_FIELDS, ReadingRow

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    path        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('hj212', 'csv', 'xlsx')),
    size        INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    readings    INTEGER NOT NULL DEFAULT 0,
    report      TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE readings (
    discharger_id TEXT NOT NULL,
    parameter_id  TEXT NOT NULL,
    interval      TEXT NOT NULL CHECK (interval IN ('realtime', 'minute', 'hour', 'day', 'sample')),
    ts            TEXT NOT NULL,
    basis         TEXT NOT NULL CHECK (basis IN ('online', 'lab')),
    point         TEXT NOT NULL DEFAULT '',
    value         REAL,
    min           REAL,
    max           REAL,
    load_kg       REAL,
    detected      INTEGER NOT NULL CHECK (detected IN (0, 1)),
    data_flag     TEXT,
    valid         INTEGER NOT NULL CHECK (valid IN (0, 1)),
    import_id     INTEGER NOT NULL REFERENCES imports (id),
    source_line   INTEGER NOT NULL,
    PRIMARY KEY (discharger_id, parameter_id, interval, ts, basis, point)
) WITHOUT ROWID;
CREATE INDEX readings_by_import ON readings (import_id);
CREATE TABLE notices (
    id             INTEGER PRIMARY KEY,
    discharger_id  TEXT NOT NULL,
    event_key      TEXT NOT NULL,
    created        TEXT NOT NULL,
    document_paths TEXT NOT NULL DEFAULT '[]',
    UNIQUE (discharger_id, event_key)
);
CREATE VIEW readings_with_source AS
    SELECT r.*, i.path AS source_file, i.sha256 AS source_sha256
    FROM readings AS r JOIN imports AS i ON i.id = r.import_id;
"""

_INSERT = f"INSERT OR IGNORE INTO readings ({', '.join(ROW_FIELDS)}) VALUES ({', '.join('?' for _ in ROW_FIELDS)})"


class StoreError(WastevalError):
    """The store file cannot be opened or used."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Notice:
    discharger_id: str
    event_key: str
    created: str
    document_paths: tuple[str, ...]


class Store:
    """An open store. Use :func:`open_store`; close it (or use ``with``) when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception inside rolls every change back."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # imports -----------------------------------------------------------------------------------
    def imported(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM imports WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def add_import(self, sha256: str, path: str, kind: str, size: int) -> int:
        cur = self.conn.execute(
            "INSERT INTO imports (sha256, path, kind, size, imported_at) VALUES (?, ?, ?, ?, ?)",
            (sha256, path, kind, size, _now()),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def finish_import(self, import_id: int, readings: int, report: dict[str, Any]) -> None:
        self.conn.execute(
            "UPDATE imports SET readings = ?, report = ? WHERE id = ?",
            (readings, json.dumps(report, ensure_ascii=False, sort_keys=True), import_id),
        )

    # readings ----------------------------------------------------------------------------------
    def insert_readings(self, rows: Sequence[ReadingRow]) -> int:
        """Insert a batch; return how many were new (the rest repeat a key already stored)."""
        before = self.conn.total_changes
        self.conn.executemany(_INSERT, rows)
        return self.conn.total_changes - before

    # notices -----------------------------------------------------------------------------------
    def record_notice(self, discharger_id: str, event_key: str, document_paths: Sequence[str] = ()) -> bool:
        """Record that a notice was issued; False (and nothing written) if this event already has one."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO notices (discharger_id, event_key, created, document_paths) VALUES (?, ?, ?, ?)",
            (discharger_id, event_key, _now(), json.dumps(list(document_paths), ensure_ascii=False)),
        )
        return cur.rowcount == 1

    def notice(self, discharger_id: str, event_key: str) -> Notice | None:
        row = self.conn.execute(
            "SELECT discharger_id, event_key, created, document_paths FROM notices "
            "WHERE discharger_id = ? AND event_key = ?",
            (discharger_id, event_key),
        ).fetchone()
        if row is None:
            return None
        return Notice(row[0], row[1], row[2], tuple(json.loads(row[3])))

    # document numbers (reports/control.py) -----------------------------------------------------
    def document_number(self, key: str, scope: str, make: Callable[[int], str]) -> str:
        """The number of the document ``key``: the one it was given before, else ``make(seq)`` for
        the next running number of ``scope`` that no document in the store has yet."""
        self.conn.execute(_DOCUMENT_NUMBERS)
        with self.transaction():
            row = self.conn.execute("SELECT number FROM document_numbers WHERE key = ?", (key,)).fetchone()
            if row is not None:
                return str(row[0])
            seq = self.conn.execute("SELECT max(seq) FROM document_numbers WHERE scope = ?", (scope,)).fetchone()[0]
            seq = seq or 0
            while True:
                seq += 1
                number = make(seq)
                taken = self.conn.execute("SELECT 1 FROM document_numbers WHERE number = ?", (number,)).fetchone()
                if taken is None:
                    break
            self.conn.execute(
                "INSERT INTO document_numbers (number, key, scope, seq, created) VALUES (?, ?, ?, ?, ?)",
                (number, key, scope, seq, _now()),
            )
        return number

    # status ------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        q = self.conn.execute
        return {
            "imports": q("SELECT count(*) FROM imports").fetchone()[0],
            "readings": q("SELECT count(*) FROM readings").fetchone()[0],
            "invalid_readings": q("SELECT count(*) FROM readings WHERE valid = 0").fetchone()[0],
            "dischargers": q("SELECT count(DISTINCT discharger_id) FROM readings").fetchone()[0],
            "notices": q("SELECT count(*) FROM notices").fetchone()[0],
        }


# Added after schema version 1, created on first use: one row per numbered document.
_DOCUMENT_NUMBERS = """
CREATE TABLE IF NOT EXISTS document_numbers (
    number  TEXT PRIMARY KEY,
    key     TEXT NOT NULL UNIQUE,
    scope   TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    created TEXT NOT NULL
)
"""


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def open_store(path: Path | str) -> Store:
    """Open the store at ``path``, creating it (schema version 1) if the file does not exist yet."""
    p = Path(path)
    if not p.parent.is_dir():
        raise StoreError(str(p), f"folder {p.parent} does not exist")
    try:
        conn = sqlite3.connect(p, isolation_level=None, check_same_thread=True)
    except sqlite3.Error as exc:
        raise StoreError(str(p), f"cannot open: {exc}") from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache: faster inserts into the key index
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise StoreError(str(p), "an SQLite file that is not a wasteval tracking store")
            conn.executescript(f"BEGIN IMMEDIATE;\n{SCHEMA}\nPRAGMA user_version = {SCHEMA_VERSION};")
            conn.execute("INSERT INTO meta (key, value) VALUES ('created', ?)", (_now(),))
            conn.execute("COMMIT")
        elif version != SCHEMA_VERSION:
            raise StoreError(str(p), f"store schema version {version}; this wasteval reads version {SCHEMA_VERSION}")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(str(p), f"not a wasteval tracking store ({exc})") from None
    except StoreError:
        conn.close()
        raise
    return Store(conn, p)
