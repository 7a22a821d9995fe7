"""Nothing lost: every assessment is recorded with what it used, and renders again from the store alone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from wastewater_eval.assessment.assess import assess_file
from wastewater_eval.cli import main
from wastewater_eval.reports import render_documents
from wastewater_eval.standards import bundled_library
from wastewater_eval.tracking.audit import assessment_from_dict, history, record, recorded

from .conftest import EXAMPLES

LIB = bundled_library()
EXAMPLE = EXAMPLES / "discharger.example.yaml"


def test_round_trip_of_the_result() -> None:
    a = assess_file(EXAMPLE, as_of=dt.date(2024, 6, 1), library=LIB)
    assert assessment_from_dict(json.loads(json.dumps(a.to_dict()))).to_dict() == a.to_dict()


def test_a_record_renders_the_same_documents_without_the_original_file(tmp_path: Path) -> None:
    copy = tmp_path / "discharger.yaml"
    copy.write_bytes(EXAMPLE.read_bytes())
    a = assess_file(copy, as_of=dt.date(2024, 6, 1), library=LIB)
    store = tmp_path / "s.sqlite"
    number = record(store, a, copy.read_text(encoding="utf-8"))
    copy.unlink()
    again, d = recorded(store, number, LIB.catalogue)
    live = {doc.plan.stem: doc.html for doc in render_documents(a, d, pdf=False)}
    replay = {doc.plan.stem: doc.html for doc in render_documents(again, d, pdf=False)}
    assert live == replay and live


def test_history_lists_sha_versions_and_date(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    for day in ("2024-06-01", "2024-07-01"):
        r = CliRunner().invoke(main, ["assess", str(EXAMPLE), "--as-of", day, "--store", str(store)])
        assert r.exit_code == 0, r.output
    (first, second) = history(store, "GZ-HP-2023-0042")
    assert (first.as_of, second.as_of) == ("2024-06-01", "2024-07-01")
    assert len(first.input_sha256) == 64 and first.rules and first.standards and first.tool_version
    r = CliRunner().invoke(main, ["history", "GZ-HP-2023-0042", "--store", str(store)])
    assert r.exit_code == 0 and r.output.count("GZ-HP-2023-0042") == 2


def test_no_record_writes_no_store(tmp_path: Path) -> None:
    store = tmp_path / "none.sqlite"
    r = CliRunner().invoke(main, ["assess", str(EXAMPLE), "--store", str(store), "--no-record"])
    assert r.exit_code == 0 and not store.exists()


def test_the_record_keeps_the_standard_status_and_hash_and_rerenders_its_notice(tmp_path: Path) -> None:
    import sqlite3

    store = tmp_path / "s.sqlite"
    r = CliRunner().invoke(main, ["assess", str(EXAMPLE), "--as-of", "2024-06-01", "--store", str(store)])
    assert r.exit_code == 0, r.output
    with sqlite3.connect(store) as conn:
        code, status, sha = conn.execute(
            "SELECT standard_code, standard_status, standard_sha256 FROM assessments"
        ).fetchone()
    assert (code, status) == ("GB/T 31962-2015", "provisional")
    assert sha == LIB.require("GB/T 31962-2015").sha256
    (rec,) = history(store)
    assert (rec.standard_status, rec.standard_sha256) == ("provisional", sha)
    out = tmp_path / "again"
    r = CliRunner().invoke(main, ["history", "--store", str(store), "--record", "1", "--report", str(out)])
    assert r.exit_code == 0, r.output
    html = (out / "GZ-HP-2023-0042-report.zh.html").read_text(encoding="utf-8")
    assert "限值为暂定值" in html.split("<h2>")[0]  # before the first heading: the first page
