"""New readings on their way into the store: staged on disk, deduplicated by set operations, then
written as Parquet partition files and listed in the catalogue in the import's transaction.

The staging area is an in-memory DuckDB database whose temporary folder is in the store's folder
(memory stays bounded whatever the size of the input: past ``WASTEVAL_DUCKDB_MEMORY`` DuckDB spills
there). Duplicates are found with one window over the new rows
(the same key twice in this import: a valid reading wins, then the earlier file and line) and one
anti-join against the partitions already stored that the new rows touch — never row by row.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from .rows import FIELDS, KEY, SCHEMA
from .store import BUCKETS, Store, bucket_of, relation_sql

MEMORY_LIMIT = os.environ.get("WASTEVAL_DUCKDB_MEMORY", "1GB")
_KEYS = ", ".join(KEY)


@dataclass
class Published:
    """Per import id: readings stored and, of them, not valid."""

    accepted: Counter[int]
    invalid: Counter[int]


def cleanup_orphans(store: Store) -> None:
    """Remove reading files no catalogue entry lists (left by an import that was killed)."""
    if not store.dir.is_dir():
        return
    listed = store.listed_files()
    for entry in store.dir.iterdir():
        if entry.name.startswith(".staging-"):
            shutil.rmtree(entry, ignore_errors=True)
    for f in store.dir.rglob("*.parquet"):
        if f.relative_to(store.dir).as_posix() not in listed:
            f.unlink(missing_ok=True)


class Staging:
    """One import's new rows, in a DuckDB file until they are published or dropped."""

    def __init__(self, store: Store) -> None:
        import duckdb

        self.store = store
        self.token = uuid.uuid4().hex[:12]
        store.dir.mkdir(exist_ok=True)
        self.folder = store.dir / f".staging-{self.token}"
        self.folder.mkdir()
        self.con = duckdb.connect()  # in memory up to MEMORY_LIMIT, then spilled to the staging folder
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        self.con.execute(f"SET temp_directory = '{self.folder / 'spill'}'")
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute(relation_sql(self.con, [], "staged").replace("TEMP TABLE", "TABLE"))
        self.rows = 0

    def add(self, batch: pa.RecordBatch) -> int:
        """Stage one batch; returns its row count."""
        if batch.num_rows:
            self.con.register("incoming", batch)
            self.con.execute(f"INSERT INTO staged SELECT {', '.join(FIELDS)} FROM incoming")
            self.con.unregister("incoming")
            self.rows += batch.num_rows
        return int(batch.num_rows)

    def publish(self) -> Published:
        """Write the new readings as partition files and list them (the caller's transaction commits)."""
        con = self.con
        if not self.rows:
            return Published(Counter(), Counter())
        ids = [r[0] for r in con.execute("SELECT DISTINCT discharger_id FROM staged").fetchall()]
        con.execute("CREATE TABLE buckets (discharger_id VARCHAR, bucket INTEGER)")
        con.executemany("INSERT INTO buckets VALUES (?, ?)", [(d, bucket_of(d)) for d in ids])
        parts = con.execute(
            "SELECT DISTINCT b.bucket, strftime(s.ts, '%Y-%m') FROM staged AS s JOIN buckets AS b USING (discharger_id)"
        ).fetchall()
        con.execute(relation_sql(con, self.store.files_in_partitions([(b, m) for b, m in parts]), "existing"))
        # A table's readings that share a time are numbered in the order the table lists them.
        by_time = ", ".join(k for k in KEY if k != "seq")
        numbered = "staged"
        if (con.execute("SELECT bool_or(seq < 0) FROM staged").fetchone() or (False,))[0]:
            numbered = f"""(SELECT * REPLACE (CASE WHEN seq < 0 THEN CAST(row_number() OVER (
                               PARTITION BY {by_time}, import_id, seq < 0 ORDER BY source_line) - 1 AS INTEGER)
                           ELSE seq END AS seq) FROM staged)"""
        con.execute(f"""
            CREATE TABLE fresh AS
            SELECT s.*, b.bucket, strftime(s.ts, '%Y-%m') AS month FROM (
                SELECT *, row_number() OVER (PARTITION BY {_KEYS} ORDER BY valid DESC, import_id, source_line) AS rk
                FROM {numbered}
            ) AS s JOIN buckets AS b USING (discharger_id)
            WHERE s.rk = 1 AND NOT EXISTS (SELECT 1 FROM existing AS e WHERE {_same_key("e", "s")})
        """)
        published = Published(Counter(), Counter())
        for import_id, n, invalid in con.execute(
            "SELECT import_id, count(*), sum(CASE WHEN valid THEN 0 ELSE 1 END) FROM fresh GROUP BY import_id"
        ).fetchall():
            published.accepted[int(import_id)] = int(n)
            published.invalid[int(import_id)] = int(invalid or 0)
        if not published.accepted:
            return published
        out = self.folder / "out"
        con.execute(
            f"COPY (SELECT {', '.join(FIELDS)}, bucket, month FROM fresh) "
            f"TO '{out}' (FORMAT PARQUET, PARTITION_BY (bucket, month), COMPRESSION SNAPPY)"
        )
        self._place(out)
        return published

    def _place(self, out: Path) -> None:
        """Move each written file to its partition folder under a name of its own, and list it
        under the first import of this call whose rows it holds (each row keeps its own import id)."""
        per_file = self.con.execute(
            f"SELECT filename, min(import_id), count(*), sum(CASE WHEN valid THEN 0 ELSE 1 END) "
            f"FROM read_parquet('{out}/**/*.parquet', filename = true, hive_partitioning = false) GROUP BY filename"
        ).fetchall()
        width = len(str(BUCKETS - 1))
        for n, (name, import_id, rows, bad) in enumerate(sorted(per_file)):
            f = Path(name)
            bucket = int(f.parent.parent.name.split("=", 1)[1])
            month = f.parent.name.split("=", 1)[1]
            target_dir = self.store.dir / f"bucket={bucket:0{width}d}" / f"month={month}"
            target_dir.mkdir(parents=True, exist_ok=True)
            target = target_dir / f"i{import_id}-{self.token}-{n}.parquet"
            _fsync(f)
            os.replace(f, target)
            _fsync_dir(target_dir)
            rel = target.relative_to(self.store.dir).as_posix()
            self.store.add_reading_file(int(import_id), rel, bucket, month, int(rows), int(bad or 0))

    def close(self) -> None:
        self.con.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _same_key(a: str, b: str) -> str:
    return " AND ".join(f"{a}.{k} = {b}.{k}" for k in KEY)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder
        _fsync(path)


__all__ = ["SCHEMA", "Published", "Staging", "cleanup_orphans"]
