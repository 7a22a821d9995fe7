"""`wasteval assess DIR_OR_FILES…`: a fleet in one process, one summary table, exit codes for scripts."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from wastewater_eval.cli import main

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "discharger.example.yaml"


def fleet(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "fleet"
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"d{i:03d}.yaml").write_text(text.replace("GZ-HP-2023-0042", f"GZ-F-{i:03d}"), encoding="utf-8")
    return folder


def test_a_folder_is_assessed_in_one_process_with_one_table(tmp_path: Path) -> None:
    folder = fleet(tmp_path, 3)
    r = CliRunner().invoke(main, ["assess", str(folder), "--as-of", "2024-06-01", "--no-record"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split()[:4] == ["discharger", "report", "treatable", "affects"]
    assert [line.split()[0] for line in lines[1:4]] == ["GZ-F-000", "GZ-F-001", "GZ-F-002"]
    assert lines[-1] == "3 dischargers: 3 call for a report, 0 could not be assessed"


def test_fail_on_report_and_json(tmp_path: Path) -> None:
    folder = fleet(tmp_path, 2)
    args = ["assess", str(folder), "--as-of", "2024-06-01", "--no-record", "--format", "json", "--fail-on", "report"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 1
    rows = json.loads(r.output)
    assert [row["discharger"] for row in rows] == ["GZ-F-000", "GZ-F-001"] and all(row["report"] for row in rows)


def test_a_bad_file_is_reported_and_the_others_assessed(tmp_path: Path) -> None:
    folder = fleet(tmp_path, 2)
    (folder / "broken.yaml").write_text("schema: wasteval/discharger/v1\ndischarger: {id: X}\n", encoding="utf-8")
    store = tmp_path / "s.sqlite"
    r = CliRunner().invoke(main, ["assess", str(folder), "--as-of", "2024-06-01", "--store", str(store)])
    assert r.exit_code == 2
    assert "broken.yaml" in r.output and "2 call for a report, 1 could not be assessed" in r.output
    from wastewater_eval.tracking.audit import history

    assert sorted(h.discharger_id for h in history(store)) == ["GZ-F-000", "GZ-F-001"]


def test_the_fleet_gives_the_single_file_results(tmp_path: Path) -> None:
    import datetime as dt

    from wastewater_eval.assessment.assess import assess_file
    from wastewater_eval.assessment.fleet import assess_files
    from wastewater_eval.standards import bundled_library

    lib = bundled_library()
    folder = fleet(tmp_path, 20)  # enough to use the worker processes
    files = sorted(folder.glob("*.yaml"))
    day = dt.date(2024, 6, 1)
    items = assess_files(files, library=lib, as_of=day)
    assert all(i.result is not None for i in items)
    single = assess_file(files[7], as_of=day, library=lib)
    got = items[7].result.to_dict()  # type: ignore[union-attr]
    want = single.to_dict()
    got.pop("provenance"), want.pop("provenance")
    assert got == want


def test_one_file_keeps_the_single_file_output(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["assess", str(EXAMPLE), "--as-of", "2024-06-01", "--no-record"])
    assert r.exit_code == 0 and "广州示例电镀有限公司 (GZ-HP-2023-0042)" in r.output.splitlines()[0]
