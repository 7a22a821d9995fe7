"""GB/T 31962-2015 表1 ships provisional: transcribed exactly, applied at its limits, said everywhere.

The bundled table is the reconstruction in ``shared/reference/`` (its header says what was seen
in sources and what is recollection). These tests hold the transcription to that file row by
row, apply every row through ``assess`` at its limit and just above it for each grade, and
hold the provisional notice to every kind of output.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from wastewater_eval.assessment.assess import assess_text
from wastewater_eval.cli import main
from wastewater_eval.standards import bundled_library

from .conftest import EXAMPLES, ROOT

REFERENCE = ROOT.parent / "shared" / "reference" / "gb-t-31962-2015.table1.provisional.yaml"
CODE = "GB/T 31962-2015"
LIB = bundled_library()
STD = LIB.require(CODE)
LEVEL_OF_GRADE = {"A": "reclamation", "B": "secondary", "C": "primary"}


def reference() -> dict[str, object]:
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is not beside this checkout")
    return yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_bundled_table_is_provisional_and_listed_so() -> None:
    assert STD.status == "provisional" and STD.verified is None
    entry = next(e for e in LIB.index if e["code"] == CODE)
    assert entry["status"] == "provisional"
    out = CliRunner().invoke(main, ["standards", "list", "--format", "json"])
    assert {r["code"]: r["status"] for r in json.loads(out.output)}[CODE] == "provisional"


def test_every_row_is_transcribed_exactly() -> None:
    ref = reference()
    rows = STD.table("table1").rows
    printed = ref["table1"]
    assert isinstance(printed, list)
    assert [r.item for r in rows] == [str(p["item"]) for p in printed] and len(rows) == 46
    for row, p in zip(rows, printed, strict=True):
        assert row.name_zh == p["name_zh"] and row.name_en == p["name_en"], row.item
        assert row.unit == ("" if p["unit"] == "无量纲" else p["unit"]), row.item
        assert row.comparison == p["comparison"], row.item
        for grade in "ABC":
            want, got = p["limits"][grade], row.limits[grade]
            if isinstance(want, list):
                assert [Decimal(str(x)) for x in got] == [Decimal(str(x)) for x in want], (row.item, grade)
            else:
                assert Decimal(str(got)) == Decimal(str(want)), (row.item, grade)
        assert LIB.catalogue.resolve(row.name_zh).id == row.parameter


def test_the_grade_rule_is_transcribed() -> None:
    ref = reference()
    assert {(g.treatment_level, g.grade) for g in STD.grade_selection} == {
        (e["treatment_level"], e["grade"])
        for e in ref["grade_selection"]  # type: ignore[attr-defined]
    }
    assert {g.text_zh for g in STD.grade_selection} == {e["text_zh"] for e in ref["grade_selection"]}  # type: ignore[attr-defined]


def test_the_doubtful_values_are_marked_on_their_rows() -> None:
    doubtful = {r.name_zh for r in STD.rows() if r.doubtful}
    assert doubtful == {"水温", "悬浮物", "溶解性总固体", "石油类", "总砷", "总铅"}
    header = Path(STD.path).read_text(encoding="utf-8").split("\nstandard:")[0]
    for words in ("PROVISIONAL", "NOT VERIFIED", "CJ 343-2010", "sha256", "recollection"):
        assert words in header


def _above(limit: Decimal) -> Decimal:
    """The smallest step above a printed limit, one decimal place finer than it is printed."""
    places = max(-limit.as_tuple().exponent, 0) + 1  # type: ignore[operator]
    return limit + Decimal(1).scaleb(-places)


def _below(limit: Decimal) -> Decimal:
    places = max(-limit.as_tuple().exponent, 0) + 1  # type: ignore[operator]
    return limit - Decimal(1).scaleb(-places)


def _value(v: Decimal, unit: str) -> str:
    return f'"{v} {unit}"' if unit else str(v)


def _discharger(grade: str, samples: dict[str, dict[str, str]]) -> str:
    lines = [
        "schema: wasteval/discharger/v1",
        "discharger: {id: T-31962, name: 表1测试户, district: 黄埔区, industry: other, status: existing}",
        "receiving:",
        f"  plant: {{name: 测试净水厂, treatment_level: {LEVEL_OF_GRADE[grade]}}}",
        "samples:",
    ]
    for sid, values in samples.items():
        lines += [f"  - id: {sid}", "    taken: 2024-05-02T10:00", "    point: final_outlet", "    kind: composite"]
        lines.append("    values:")
        lines += [f"      {name}: {v}" for name, v in values.items()]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("grade", ["A", "B", "C"])
def test_every_row_applies_at_its_limit_and_just_above(grade: str) -> None:
    """At the limit: complies; one step beyond (above a maximum, outside a range): exceeds; the
    finding cites the row and the grade."""
    at: dict[str, str] = {}
    beyond: dict[str, str] = {}
    expected: dict[str, str] = {}
    for row in STD.table("table1").rows:
        lim = row.limit(grade)
        assert lim is not None
        name = row.name_zh
        expected[row.parameter] = f"{CODE} 表1 第{row.item}项 {grade}级"
        if lim.comparison == "range":
            assert lim.low is not None and lim.high is not None
            at[name], beyond[name] = _value(lim.low, row.unit), _value(_below(lim.low), row.unit)
        else:
            assert lim.comparison == "max" and lim.value is not None
            at[name], beyond[name] = _value(lim.value, row.unit), _value(_above(lim.value), row.unit)
    text = _discharger(grade, {"AT": at, "BEYOND": beyond})
    a = assess_text(text, as_of=dt.date(2024, 6, 1), library=LIB, engine="python")
    assert a.standard["grade"] == grade and a.standard["status"] == "provisional"
    got = {
        (f.sample, f.parameter): f
        for f in a.findings
        if f.subject == "measurement" and f.status != "wrong_sampling_point"
    }
    for pid, source in expected.items():
        assert got[("AT", pid)].status == "complies", (pid, got[("AT", pid)])
        assert got[("BEYOND", pid)].status == "exceeds", (pid, got[("BEYOND", pid)])
        assert got[("BEYOND", pid)].limit_source == source


def test_the_upper_end_of_the_ph_range() -> None:
    row = STD.rows_for("ph")[0]
    for grade in "ABC":
        lim = row.limit(grade)
        assert lim is not None and lim.high is not None
        text = _discharger(grade, {"HIGH": {"pH值": str(lim.high)}, "OVER": {"pH值": str(_above(lim.high))}})
        a = assess_text(text, as_of=dt.date(2024, 6, 1), library=LIB, engine="python")
        status = {f.sample: f.status for f in a.findings if f.parameter == "ph" and f.subject == "measurement"}
        assert status == {"HIGH": "complies", "OVER": "exceeds"}


@pytest.mark.parametrize(
    "example", [EXAMPLES / "discharger.example.yaml", ROOT.parent / "shared/spec/discharger.example.yaml"]
)
def test_the_examples_run_and_say_the_table_is_provisional(example: Path, tmp_path: Path) -> None:
    if not example.exists():
        pytest.skip(f"{example} is not beside this checkout")
    r = CliRunner().invoke(main, ["assess", str(example), "--store", str(tmp_path / "s.sqlite")])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    findings_start = next(i for i, line in enumerate(lines) if line.startswith("  "))
    notice = [i for i, line in enumerate(lines) if "暂定值" in line and "provisional" in line]
    assert notice and notice[0] < findings_start  # one line at the top, zh and en, before the findings
    assert f"recorded as #1 in {tmp_path / 's.sqlite'}" in r.stdout
    j = CliRunner().invoke(main, ["assess", str(example), "--format", "json", "--no-record"])
    data = json.loads(j.stdout)
    assert data["standard"]["status"] == "provisional" and len(data["standard"]["sha256"]) == 64
    assert data["warnings"][0]["code"] == "provisional_standard"
