"""The tracking store: a small SQLite catalogue and the readings in Parquet, read through DuckDB.

The catalogue (the store file itself, schema version 2 in ``PRAGMA user_version``) keeps what must
be transactional: the imports (file hashes, counts, rejections), the list of reading files, the
notices and their numbers, the agreement terms seen and the audit trail. The readings are Parquet
files beside it (``<store>.readings/bucket=NN/month=YYYY-MM/…``), partitioned by a hash of the
discharger and the month, so one discharger's history is read without scanning the fleet.

A reading file counts only once the catalogue lists it: an import writes its files first and lists
them in the same catalogue transaction that records the import, so a kill at any point leaves the
previous state (files nobody lists are removed by the next import). All SQL of the tracking side
lives here and in :mod:`.statistics`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import WastevalError
from . import catalogue_sql as sql

SCHEMA_VERSION = 2
BUCKETS = 16
BUSY_TIMEOUT = float(os.environ.get("WASTEVAL_STORE_TIMEOUT", "30"))
"""Seconds a writer waits for another writer (an import or a run) before "store busy"."""


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
    number: str | None = None
    recipient: str | None = None
    previous: str | None = None
    details: dict[str, Any] | None = None


def bucket_of(discharger_id: str) -> int:
    """The partition bucket of a discharger: stable across runs, engines and machines (CRC-32)."""
    return zlib.crc32(discharger_id.encode("utf-8")) % BUCKETS


def readings_dir(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".readings")


class Store:
    """An open store. Use :func:`open_store`; close it (or use ``with``) when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.dir = readings_dir(path)
        self._duck: Any = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._duck is not None:
            self._duck.close()
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception inside rolls every change back. Waits for another writer
        up to :data:`BUSY_TIMEOUT` seconds, then raises :class:`StoreError` ("store busy")."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(str(self.path), "store busy: another import or run is writing it") from None
            raise
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # imports -----------------------------------------------------------------------------------
    def imported(self, sha256: str) -> bool:
        return self.conn.execute(sql.IMPORTED, (sha256,)).fetchone() is not None

    def import_id(self, sha256: str) -> int:
        return int(self.conn.execute("SELECT id FROM imports WHERE sha256 = ?", (sha256,)).fetchone()[0])

    def import_paths(self, ids: set[int]) -> dict[int, str]:
        """The file each of these imports came from."""
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        rows = self.conn.execute(f"SELECT id, path FROM imports WHERE id IN ({marks})", sorted(ids))
        return {int(i): str(p) for i, p in rows}

    def add_import(self, sha256: str, path: str, kind: str, size: int) -> int:
        cur = self.conn.execute(sql.ADD_IMPORT, (sha256, path, kind, size, _now()))
        assert cur.lastrowid is not None
        return cur.lastrowid

    def finish_import(self, import_id: int, readings: int, report: dict[str, Any]) -> None:
        self.conn.execute(
            sql.FINISH_IMPORT, (readings, json.dumps(report, ensure_ascii=False, sort_keys=True), import_id)
        )

    # reading files -----------------------------------------------------------------------------
    def reading_files(self, discharger_ids: Sequence[str] | None = None) -> list[Path]:
        """The Parquet files that hold readings (of these dischargers' buckets, or all)."""
        if discharger_ids is None:
            rows = self.conn.execute(sql.ALL_FILES).fetchall()
        else:
            buckets = sorted({bucket_of(d) for d in discharger_ids})
            marks = ",".join("?" for _ in buckets)
            rows = self.conn.execute(sql.FILES_IN_BUCKETS.format(marks=marks), buckets).fetchall() if buckets else []
        return [self.dir / r[0] for r in rows]

    def files_in_partitions(self, partitions: Sequence[tuple[int, str]]) -> list[Path]:
        wanted = set(partitions)
        rows = self.conn.execute(sql.ALL_FILES_WITH_PARTITION).fetchall()
        return [self.dir / r[0] for r in rows if (r[1], r[2]) in wanted]

    def add_reading_file(self, import_id: int, relpath: str, bucket: int, month: str, rows: int, invalid: int) -> None:
        self.conn.execute(sql.ADD_FILE, (import_id, relpath, bucket, month, rows, invalid))

    def listed_files(self) -> set[str]:
        return {r[0] for r in self.conn.execute(sql.ALL_FILES)}

    # readings, for people and tests -------------------------------------------------------------
    def duck(self) -> Any:
        """A DuckDB connection with the views ``readings`` and ``readings_with_source``."""
        if self._duck is None:
            import duckdb

            con = duckdb.connect()
            con.execute(relation_sql(con, self.reading_files(), "readings"))
            imports = self.conn.execute("SELECT id, path, sha256 FROM imports").fetchall()
            con.execute("CREATE TEMP TABLE imports (id BIGINT, path VARCHAR, sha256 VARCHAR)")
            if imports:
                con.executemany("INSERT INTO imports VALUES (?, ?, ?)", imports)
            con.execute(sql.WITH_SOURCE)
            self._duck = con
        return self._duck

    def query(self, text: str, args: Sequence[Any] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run a read-only SQL query over the readings (DuckDB dialect): column names and rows."""
        cur = self.duck().execute(text, list(args))
        return [d[0] for d in cur.description], cur.fetchall()

    # notices -----------------------------------------------------------------------------------
    def record_notice(
        self,
        discharger_id: str,
        event_key: str,
        document_paths: Sequence[str] = (),
        *,
        number: str | None = None,
        recipient: str | None = None,
        previous: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> bool:
        """Record that a notice was issued; False (and nothing written) if this event already has one."""
        cur = self.conn.execute(
            sql.ADD_NOTICE,
            (
                discharger_id,
                event_key,
                _now(),
                json.dumps(list(document_paths), ensure_ascii=False),
                number,
                recipient,
                previous,
                json.dumps(details or {}, ensure_ascii=False, sort_keys=True),
            ),
        )
        return cur.rowcount == 1

    def set_notice_documents(self, number: str, document_paths: Sequence[str]) -> None:
        self.conn.execute(sql.SET_NOTICE_DOCUMENTS, (json.dumps(list(document_paths), ensure_ascii=False), number))

    def notice(self, discharger_id: str, event_key: str) -> Notice | None:
        row = self.conn.execute(sql.NOTICE + " WHERE discharger_id = ? AND event_key = ?", (discharger_id, event_key))
        found = row.fetchone()
        return _notice(found) if found else None

    def notices(self, discharger_id: str | None = None) -> list[Notice]:
        where = " WHERE discharger_id = ?" if discharger_id else ""
        rows = self.conn.execute(sql.NOTICE + where + " ORDER BY id", (discharger_id,) if discharger_id else ())
        return [_notice(r) for r in rows]

    def last_notice(self, discharger_id: str, recipient: str) -> Notice | None:
        """The latest notice to ``recipient`` about this discharger (the one a new notice cites)."""
        found = self.conn.execute(sql.LAST_NOTICE, (discharger_id, recipient)).fetchone()
        return _notice(found) if found else None

    def notice_count(self, prefix: str) -> int:
        """How many notice numbers start with ``prefix`` (for the next sequence number)."""
        return int(self.conn.execute(sql.COUNT_NUMBERS, (prefix + "%",)).fetchone()[0])

    # agreement terms (第八条: an agreement changed) ---------------------------------------------
    def agreement_fingerprints(self, discharger_id: str, agreement_id: str) -> set[str]:
        return {r[0] for r in self.conn.execute(sql.TERMS, (discharger_id, agreement_id))}

    def add_agreement_fingerprint(self, discharger_id: str, agreement_id: str, fingerprint: str) -> None:
        self.conn.execute(sql.ADD_TERMS, (discharger_id, agreement_id, fingerprint))

    # the audit trail ---------------------------------------------------------------------------
    def add_assessment(self, values: dict[str, Any]) -> int:
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cur = self.conn.execute(f"INSERT INTO assessments ({names}) VALUES ({marks})", tuple(values.values()))
        assert cur.lastrowid is not None
        return cur.lastrowid

    def assessments(self, discharger_id: str | None = None) -> list[dict[str, Any]]:
        where = " WHERE discharger_id = ?" if discharger_id else ""
        cur = self.conn.execute(sql.ASSESSMENTS + where + " ORDER BY id", (discharger_id,) if discharger_id else ())
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def assessment(self, record_id: int) -> dict[str, Any] | None:
        cur = self.conn.execute(sql.ASSESSMENT, (record_id,))
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None

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
        readings, invalid = q(sql.FILE_TOTALS).fetchone()
        dischargers = self.query("SELECT count(DISTINCT discharger_id) FROM readings")[1][0][0] if readings else 0
        return {
            "imports": q("SELECT count(*) FROM imports").fetchone()[0],
            "readings": int(readings or 0),
            "invalid_readings": int(invalid or 0),
            "dischargers": int(dischargers),
            "notices": q("SELECT count(*) FROM notices").fetchone()[0],
        }

    def reading_summary(self, discharger_id: str | None = None) -> list[tuple[Any, ...]]:
        """Per discharger: readings, not valid, first and last time."""
        where = " WHERE discharger_id = ?" if discharger_id else ""
        return self.query(sql.SUMMARY.format(where=where), (discharger_id,) if discharger_id else ())[1]


def relation_sql(con: Any, files: Sequence[Path], name: str) -> str:
    """``CREATE VIEW name`` over the given reading files (an empty table of the schema if none)."""
    from .rows import FIELDS, SCHEMA  # Arrow only where readings are read

    if not files:
        cols = ", ".join(f"{f} {_DUCK_TYPES[str(t)]}" for f, t in zip(FIELDS, SCHEMA.types, strict=True))
        return f"CREATE OR REPLACE TEMP TABLE {name} ({cols})"
    listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in files)
    return f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT {', '.join(FIELDS)} FROM read_parquet([{listed}])"


_DUCK_TYPES = {"string": "VARCHAR", "timestamp[s]": "TIMESTAMP", "int32": "INTEGER", "int64": "BIGINT",
               "double": "DOUBLE", "bool": "BOOLEAN"}  # fmt: skip


def _add_missing_columns(conn: sqlite3.Connection) -> None:
    """Audit columns added after the first release (plants file, standard status), for stores that lack them."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(assessments)")}
    missing = [c for c in sql.ASSESSMENT_COLUMNS_ADDED if c not in have]
    if have and missing:
        conn.execute("BEGIN IMMEDIATE")
        for name in missing:
            conn.execute(f"ALTER TABLE assessments ADD COLUMN {name} TEXT")
        conn.execute("COMMIT")


def _notice(r: tuple[Any, ...]) -> Notice:
    return Notice(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5], r[6], json.loads(r[7] or "{}"))


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


def open_store(path: Path | str, *, timeout: float | None = None) -> Store:
    """Open the store at ``path``, creating it (schema version 2) if the file does not exist yet.

    A version 1 store (readings inside SQLite) is refused with the command that migrates it."""
    p = Path(path)
    if not p.parent.is_dir():
        raise StoreError(str(p), f"folder {p.parent} does not exist")
    try:
        conn = sqlite3.connect(p, isolation_level=None, timeout=BUSY_TIMEOUT if timeout is None else timeout)
    except sqlite3.Error as exc:
        raise StoreError(str(p), f"cannot open: {exc}") from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise StoreError(str(p), "an SQLite file that is not a wasteval tracking store")
            conn.executescript(f"BEGIN IMMEDIATE;\n{sql.SCHEMA}\nPRAGMA user_version = {SCHEMA_VERSION};")
            conn.execute("INSERT INTO meta (key, value) VALUES ('created', ?)", (_now(),))
            conn.execute("COMMIT")
        elif version == 1:
            raise StoreError(
                str(p), f"a store of an earlier wasteval (schema version 1): run `wasteval track migrate --store {p}`"
            )
        elif version != SCHEMA_VERSION:
            raise StoreError(str(p), f"store schema version {version}; this wasteval reads version {SCHEMA_VERSION}")
        else:
            _add_missing_columns(conn)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(str(p), "store busy: another import or run is writing it") from None
        raise StoreError(str(p), f"not a wasteval tracking store ({exc})") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(str(p), f"not a wasteval tracking store ({exc})") from None
    except StoreError:
        conn.close()
        raise
    return Store(conn, p)
