"""``wasteval track migrate``: a store of the first version (readings inside SQLite) to version 2.

The readings are read from the old ``readings`` table in batches, written as Parquet partition
files, and in the same catalogue transaction the table is dropped and the version set: a kill at
any point leaves the old store as it was (and the files it had begun to write are removed by the
next import). Imports, notices, agreement terms and the audit trail stay in the catalogue.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from . import catalogue_sql as sql
from .rows import ReadingRow, to_batch
from .staging import Staging, cleanup_orphans
from .store import SCHEMA_VERSION, Store, StoreError

BATCH = 100_000


def migrate_store(path: Path | str) -> int:
    """Migrate the store at ``path`` in place; returns the number of readings moved (0: nothing to do)."""
    p = Path(path)
    if not p.is_file():
        raise StoreError(str(p), "no store here")
    conn = sqlite3.connect(p, isolation_level=None, timeout=30)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return 0
        if version != 1:
            raise StoreError(str(p), f"store schema version {version}: not a store this wasteval can migrate")
        store = Store(conn, p)
        moved = 0
        with store.transaction():
            for statement in sql.MIGRATE_1_TO_2.split(";"):
                if statement.strip() and "DROP" not in statement:
                    conn.execute(statement)
            cleanup_orphans(store)
            staging = Staging(store)
            try:
                cur = conn.execute(sql.V1_READINGS)
                while chunk := cur.fetchmany(BATCH):
                    staging.add(to_batch([_row(r) for r in chunk]))
                    moved += len(chunk)
                staging.publish()
            finally:
                staging.close()
            conn.execute("DROP VIEW IF EXISTS readings_with_source")
            conn.execute("DROP TABLE readings")
            _upgrade_assessments(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("VACUUM")  # give back the space the readings took
        return moved
    finally:
        conn.close()


def _row(r: tuple[Any, ...]) -> ReadingRow:
    d, pid, interval, ts, basis, point, value, low, high, load, detected, flag, valid, import_id, line = r
    return ReadingRow(d, pid, interval, ts, basis, point, 0, value, low, high, load, bool(detected), None, flag,
                      bool(valid), import_id, line)  # fmt: skip


def _upgrade_assessments(conn: sqlite3.Connection) -> None:
    conn.execute(sql.ASSESSMENTS_V1.split(";")[0])
    have = {row[1] for row in conn.execute("PRAGMA table_info(assessments)")}
    for name in sql.ASSESSMENT_COLUMNS_ADDED:
        if name not in have:
            conn.execute(f"ALTER TABLE assessments ADD COLUMN {name} TEXT")
    conn.execute("CREATE INDEX IF NOT EXISTS assessments_by_discharger ON assessments (discharger_id, id)")
