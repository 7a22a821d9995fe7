"""第八条 end to end: a month of a discharger's data with a developing nickel problem.

Hourly nickel readings from an online monitor: 0.4 mg/L every hour until 20 May, then 1.6 mg/L
(above the limit of 1 mg/L) from 21 May. Evaluated every day as of that day, the third
consecutive exceeding daily mean is 23 May: the notices go out that day, and only once. An
agreement ending on 20 June gets its own notice when it comes within 30 days.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from wastewater_eval.cli import main
from wastewater_eval.standards import bundled_library
from wastewater_eval.tracking import import_files, open_store
from wastewater_eval.tracking.run import track_run

from .conftest import CASES

LIB = bundled_library()
PLATER = CASES / "tracking" / "plater.yaml"


def month_csv(path: Path) -> Path:
    lines = ["设备编号,监测时间,监测项目,监测值,单位"]
    day = dt.date(2024, 5, 1)
    while day <= dt.date(2024, 5, 31):
        value = "0.4" if day <= dt.date(2024, 5, 20) else "1.6"
        for hour in range(24):
            lines.append(f"88888880000001,{day.isoformat()} {hour:02d}:00:00,总镍,{value},mg/L")
        day += dt.timedelta(days=1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    s = tmp_path / "track.sqlite"
    report = import_files(s, [month_csv(tmp_path / "nickel.csv")], LIB.catalogue, basis="online")
    assert report.accepted == 31 * 24
    return s


def test_notices_go_out_on_the_third_exceeding_day_and_only_once(store: Path) -> None:
    issued: dict[str, list[str]] = {}
    for d in range(1, 32):
        day = dt.date(2024, 5, d)
        run = track_run(store, [PLATER], as_of=day, library=LIB)
        (t,) = run.dischargers
        nickel = [n for n in t.new_notices if n.code == "untreatable"]
        if nickel:
            issued[day.isoformat()] = sorted(n.recipient for n in nickel)
    assert issued == {"2024-05-23": ["district_water_authority", "ecology_environment_bureau"]}


def test_the_untreatable_conclusion_holds_while_the_problem_lasts(store: Path) -> None:
    run = track_run(store, [PLATER], as_of=dt.date(2024, 5, 31), library=LIB)
    (t,) = run.dischargers
    assert t.assessment.conclusions["effectively_treatable"].value is False
    (f,) = [f for f in t.assessment.findings if f.subject == "tracking_stat" and f.rule == "TRK-001"]
    assert "2024-05-21" in (f.reason or "") and "11" in (f.reason or "")


def test_agreement_about_to_expire_is_notified_once(store: Path) -> None:
    first = track_run(store, [PLATER], as_of=dt.date(2024, 5, 25), library=LIB)
    again = track_run(store, [PLATER], as_of=dt.date(2024, 5, 26), library=LIB)
    codes = [n.code for n in first.dischargers[0].new_notices]
    assert codes.count("agreement_expiring") == 2  # bureau and water authority
    assert [n.code for n in again.dischargers[0].new_notices] == []


def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path) -> None:
    csv = month_csv(tmp_path / "nickel.csv")
    s = tmp_path / "s.sqlite"
    import_files(s, [csv], LIB.catalogue, basis="online")
    again = import_files(s, [csv], LIB.catalogue, basis="online")
    assert again.accepted == 0
    with open_store(s) as st:
        assert st.counts()["readings"] == 31 * 24


def test_cli_import_run_status(tmp_path: Path) -> None:
    csv = month_csv(tmp_path / "nickel.csv")
    s = tmp_path / "cli.sqlite"
    r = CliRunner().invoke(main, ["track", "import", str(csv), "--store", str(s), "--basis", "online"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(
        main,
        [
            "track",
            "run",
            "--dischargers",
            str(PLATER),
            "--store",
            str(s),
            "--as-of",
            "2024-05-23",
            "--report",
            str(tmp_path / "out"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "NEW NOTICE" in r.output
    assert sorted(p.name for p in (tmp_path / "out" / "2024-05-23").glob("*.pdf")) == [
        "GZ-HP-2024-0801-notice-district-water-authority.zh.pdf",
        "GZ-HP-2024-0801-notice-ecology-environment-bureau.zh.pdf",
    ]
    r = CliRunner().invoke(main, ["track", "status", "GZ-HP-2024-0801", "--store", str(s), "--format", "json"])
    assert r.exit_code == 0
    assert any(n["event"].startswith("untreatable:") for n in __import__("json").loads(r.output)["notices"])


def test_a_changed_agreement_is_notified_once(store: Path, tmp_path: Path) -> None:
    track_run(store, [PLATER], as_of=dt.date(2024, 4, 1), library=LIB)
    changed = tmp_path / "plater.yaml"
    changed.write_text(
        PLATER.read_text(encoding="utf-8").replace("化学需氧量: 800 mg/L", "化学需氧量: 700 mg/L"), encoding="utf-8"
    )
    first = track_run(store, [changed], as_of=dt.date(2024, 4, 2), library=LIB)
    again = track_run(store, [changed], as_of=dt.date(2024, 4, 3), library=LIB)
    assert sorted(n.recipient for n in first.dischargers[0].new_notices if n.code == "agreement_changed") == [
        "district_water_authority",
        "ecology_environment_bureau",
    ]
    assert [n for n in again.dischargers[0].new_notices if n.code == "agreement_changed"] == []
