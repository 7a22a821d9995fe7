"""The store file: schema, versions, refusals, and notices that are never issued twice."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wastewater_eval.tracking import StoreError, open_store


def test_a_new_store_has_the_tables(store_path: Path) -> None:
    with open_store(store_path) as s:
        names = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        assert {"imports", "reading_files", "notices", "meta", "assessments"} <= names  # the catalogue
        assert s.query("SELECT count(*) FROM readings_with_source")[1] == [(0,)]  # readings: DuckDB over Parquet
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert s.counts() == {"imports": 0, "readings": 0, "invalid_readings": 0, "dischargers": 0, "notices": 0}
    with open_store(store_path) as s:  # reopening keeps it
        assert s.counts()["readings"] == 0
    assert sorted(p.name for p in store_path.parent.iterdir()) == [store_path.name]  # one file, no side files


def test_a_notice_is_recorded_once_per_event(store_path: Path) -> None:
    with open_store(store_path) as s, s.transaction():
        assert s.record_notice("D001", "2025-06:cod:exceeds", ["reports/D001-notice.pdf"]) is True
        assert s.record_notice("D001", "2025-06:cod:exceeds", ["other.pdf"]) is False
        assert s.record_notice("D002", "2025-06:cod:exceeds") is True
    with open_store(store_path) as s:
        notice = s.notice("D001", "2025-06:cod:exceeds")
        assert notice is not None and notice.document_paths == ("reports/D001-notice.pdf",)
        assert s.notice("D001", "other") is None
        assert s.counts()["notices"] == 2


def test_a_transaction_rolls_back_on_error(store_path: Path) -> None:
    with open_store(store_path) as s:
        with pytest.raises(ZeroDivisionError), s.transaction():
            s.record_notice("D001", "e1")
            1 / 0  # noqa: B018
        assert s.counts()["notices"] == 0


def test_files_that_are_not_stores_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello " * 100)
    with pytest.raises(StoreError, match="not a wasteval tracking store"):
        open_store(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a wasteval tracking store"):
        open_store(other)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "folder" / "store.sqlite")


def test_a_store_of_another_schema_version_is_refused(store_path: Path) -> None:
    open_store(store_path).close()
    conn = sqlite3.connect(store_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="schema version 99"):
        open_store(store_path)


def test_the_tracking_library_imports_neither_click_nor_openpyxl() -> None:
    code = "import sys, wastewater_eval.tracking; print(sorted(m for m in ('click', 'openpyxl') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE imports (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT NOT NULL,
    kind TEXT NOT NULL, size INTEGER NOT NULL, imported_at TEXT NOT NULL, readings INTEGER NOT NULL DEFAULT 0,
    report TEXT NOT NULL DEFAULT '{}');
CREATE TABLE readings (discharger_id TEXT NOT NULL, parameter_id TEXT NOT NULL, interval TEXT NOT NULL,
    ts TEXT NOT NULL, basis TEXT NOT NULL, point TEXT NOT NULL DEFAULT '', value REAL, min REAL, max REAL,
    load_kg REAL, detected INTEGER NOT NULL, data_flag TEXT, valid INTEGER NOT NULL, import_id INTEGER NOT NULL,
    source_line INTEGER NOT NULL, PRIMARY KEY (discharger_id, parameter_id, interval, ts, basis, point)) WITHOUT ROWID;
CREATE TABLE notices (id INTEGER PRIMARY KEY, discharger_id TEXT NOT NULL, event_key TEXT NOT NULL,
    created TEXT NOT NULL, document_paths TEXT NOT NULL DEFAULT '[]', UNIQUE (discharger_id, event_key));
CREATE VIEW readings_with_source AS SELECT r.*, i.path AS source_file FROM readings AS r JOIN imports AS i
    ON i.id = r.import_id;
INSERT INTO imports VALUES (1, 'abc', 'old.log', 'hj212', 10, '2025-01-01', 2, '{}');
INSERT INTO readings VALUES ('MN1', 'cod', 'hour', '2025-06-01 08:00:00', 'online', '', 47.2, NULL, NULL, NULL,
    1, 'N', 1, 1, 3);
INSERT INTO readings VALUES ('MN1', 'cod', 'hour', '2025-06-01 09:00:00', 'online', '', 52.0, NULL, NULL, NULL,
    1, 'M', 0, 1, 4);
INSERT INTO notices VALUES (1, 'D1', 'untreatable:x', '2025-06-02', '[]');
PRAGMA user_version = 1;
"""


def test_a_store_of_the_first_version_is_migrated_by_one_command(store_path: Path) -> None:
    from click.testing import CliRunner

    from wastewater_eval.cli import main

    conn = sqlite3.connect(store_path)
    conn.executescript(V1_SCHEMA)
    conn.close()
    with pytest.raises(StoreError, match="track migrate"):
        open_store(store_path)
    r = CliRunner().invoke(main, ["track", "migrate", "--store", str(store_path)])
    assert r.exit_code == 0, r.output
    assert "2 readings" in r.output
    with open_store(store_path) as s:
        assert s.counts() == {"imports": 1, "readings": 2, "invalid_readings": 1, "dischargers": 1, "notices": 1}
        _, found = s.query("SELECT strftime(ts, '%H'), value, valid FROM readings ORDER BY ts")
        assert found == [("08", 47.2, True), ("09", 52.0, False)]
    r = CliRunner().invoke(main, ["track", "migrate", "--store", str(store_path)])
    assert r.exit_code == 0 and "already" in r.output
