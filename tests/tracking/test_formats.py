"""The input formats as a registry, and what every import refuses loudly (exit 2, never a traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wastewater_eval.errors import InputError
from wastewater_eval.standards.parameters import Catalogue
from wastewater_eval.tracking import StoreError, build_packet, import_files, open_store
from wastewater_eval.tracking.formats import FORMATS

from ..conftest import ROOT
from .conftest import FIXTURES, rows

DOCS = (ROOT / "docs" / "tracking.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_every_format_has_a_fixture_and_a_documentation_entry(
    fmt: object, store_path: Path, catalogue: Catalogue
) -> None:
    name = fmt.name  # type: ignore[attr-defined]
    (fixture,) = sorted((FIXTURES / "formats").glob(f"{name}.*"))
    report = import_files(store_path, [fixture], catalogue)
    assert report.files[0].kind == name and report.accepted > 0
    assert f"### Format `{name}`" in DOCS


def test_two_columns_for_one_parameter_name_both(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    for header in ("总镍(mg/L),总镍(μg/L)", "COD(mg/L),COD(mg/L)"):
        path = tmp_path / "two.csv"
        path.write_text(f"排水户,时间,{header}\nD1,2024-06-01,1,2\n", encoding="utf-8")
        with pytest.raises(InputError) as err:
            import_files(store_path, [path], catalogue)
        (p,) = err.value.problems
        assert p.location.field == "column 4 (" + header.split(",")[1] + ")"
        assert "column 3" in p.message and "column 4" in p.message


def test_a_header_unit_that_contradicts_the_unit_column(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "long.csv"
    path.write_text("排水户,时间,监测项目,监测值,单位\nD1,2024-06-01,总镍(mg/L),1,μg/L\n", encoding="utf-8")
    with pytest.raises(InputError, match="contradicts"):
        import_files(store_path, [path], catalogue)


def test_sampling_points_as_operators_write_them(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "lab.csv"
    path.write_text(
        "排水户,时间,采样点,总镍(mg/L)\nD1,2024-06-01,总排口,1\nD1,2024-06-02,车间或车间处理设施排放口,2\n"
        "D1,2024-06-03,workshop_outlet,3\n",
        encoding="utf-8",
    )
    import_files(store_path, [path], catalogue)
    assert [r["point"] for r in rows(store_path, "SELECT point FROM readings ORDER BY ts")] == [
        "final_outlet",
        "workshop_outlet",
        "workshop_outlet",
    ]


def test_an_unknown_point_name_is_an_error_at_its_row(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "lab.csv"
    path.write_text("排水户,时间,采样点,总镍(mg/L)\nD1,2024-06-01,总排口,1\nD1,2024-06-02,后门,2\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_files(store_path, [path], catalogue)
    (p,) = err.value.problems
    assert (p.location.path, p.location.line, p.location.field) == (str(path), 3, "column 3 (采样点)")
    assert "'后门'" in p.message
    assert not store_path.exists() or rows(store_path) == []


@settings(max_examples=30, deadline=None)
@given(st.integers(310, 2000))
def test_an_hj212_value_that_overflows_is_refused_at_import(digits: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        log, store = Path(d) / "x.log", Path(d) / "s.sqlite"
        huge = "9" * digits  # a decimal HJ 212 accepts, but no double holds: it would be infinity
        log.write_text(
            build_packet(f"ST=32;CN=2061;PW=1;MN=MN1;Flag=5;CP=&&DataTime=20250601100000;w01018-Avg={huge}&&")
            + build_packet("ST=32;CN=2061;PW=1;MN=MN1;Flag=5;CP=&&DataTime=20250601110000;w01018-Avg=12.5&&"),
            newline="",
        )
        from wastewater_eval.standards.parameters import load_catalogue

        report = import_files(store, [log], load_catalogue())
        assert report.rejected == {"bad_value": 1} and report.accepted == 1


def test_a_cell_over_the_csv_modules_limit_is_an_error(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "big.csv"
    path.write_text('排水户,时间,COD(mg/L)\nD1,2024-06-01,"' + "1" * (2 << 20) + '"\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_files(store_path, [path], catalogue)
    assert err.value.problems[0].location.path == str(path)


def test_a_corrupt_workbook_is_an_error(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    good = (FIXTURES / "formats" / "xlsx.xlsx").read_bytes()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good[: len(good) // 2])
    with pytest.raises(InputError, match="workbook"):
        import_files(store_path, [bad], catalogue)


def test_a_zip_bomb_is_refused_before_it_expands(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (600 << 20) + b">")  # 600 MiB of blanks, ~600 KiB zipped
    assert bomb.stat().st_size < (2 << 20)
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError, match=r"unpacks to|expands"):
        import_files(store_path, [bomb], catalogue)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KiB: nothing expanded


HOLD = """
import sys, time
from wastewater_eval.tracking import open_store
with open_store(sys.argv[1]) as s, s.transaction():
    print("holding", flush=True)
    time.sleep(30)
"""


def test_a_second_writer_waits_then_says_store_busy(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    from click.testing import CliRunner

    from wastewater_eval.cli import main

    open_store(store_path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store_path)], cwd=ROOT, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"holding"
        started = time.monotonic()
        env = {"WASTEVAL_STORE_TIMEOUT": "1"}
        with pytest.raises(StoreError, match="store busy"):
            open_store(store_path, timeout=1).__enter__().transaction().__enter__()
        assert time.monotonic() - started < 10
        log = FIXTURES / "formats" / "hj212.log"
        os.environ.update(env)
        import wastewater_eval.tracking.store as store_module

        old = store_module.BUSY_TIMEOUT
        store_module.BUSY_TIMEOUT = 1
        try:
            r = CliRunner().invoke(main, ["track", "import", str(log), "--store", str(store_path)])
        finally:
            store_module.BUSY_TIMEOUT = old
            os.environ.pop("WASTEVAL_STORE_TIMEOUT")
        assert r.exit_code == 2 and "store busy" in r.output
    finally:
        holder.kill()
        holder.wait()


def test_formula_cells_without_a_cached_value_are_counted_and_named(
    tmp_path: Path, store_path: Path, catalogue: Catalogue
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["排水户", "时间", "COD(mg/L)", "氨氮(mg/L)"])
    ws.append(["D1", "2024-06-01 08:00", 420, 30])
    ws.append(["D1", "2024-06-02 08:00", "=C2*2", 31])  # openpyxl writes the formula, no cached value
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    report = import_files(store_path, [path], catalogue)
    (f,) = report.files
    assert f.skipped["formula without a cached value"] == 1 and f.accepted == 3
    assert any("rows 3" in note for note in f.notes)
