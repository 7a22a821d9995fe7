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
        assert {"readings", "imports", "notices", "meta", "readings_with_source"} <= names
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == 1
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
