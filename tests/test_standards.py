"""The standards as data: every table's rows, every row's parameter, units, comparisons, variants."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wastewater_eval.errors import InputError
from wastewater_eval.load.units import is_known_unit
from wastewater_eval.standards import load_library

from .conftest import ROOT

LIB = load_library()

# Row counts of the published tables.
EXPECTED_ROWS = {
    ("GB/T 31962-2015", "table1"): 46,
    ("GB 3838-2002", "table1"): 24,
    ("GB 3838-2002", "table2"): 5,
    ("GB 3838-2002", "table3"): 80,
    ("GB 18918-2002", "table1"): 12,
    ("GB 18918-2002", "table2"): 7,
    ("GB 18918-2002", "table3"): 43,
    ("GB 8978-1996", "table1"): 13,
}
ENCODED = {s.code for s in LIB}


@pytest.mark.parametrize(("code", "table"), [k for k in EXPECTED_ROWS if k[0] in ENCODED])
def test_every_row_of_every_table(code: str, table: str) -> None:
    t = LIB.get(code).table(table)
    assert len(t.rows) == EXPECTED_ROWS[(code, table)]
    assert [int(r.item) for r in t.rows] == list(range(1, len(t.rows) + 1))


def all_rows():
    return [pytest.param(r, id=f"{s.code}-{r.table_id}-{r.item}") for s in LIB for r in s.rows()]


@pytest.mark.parametrize("row", all_rows())
def test_every_row_resolves_and_reads(row) -> None:
    p = LIB.catalogue.get(row.parameter)
    assert LIB.catalogue.resolve(row.name_zh).id == row.parameter, "the printed name resolves to the row's parameter"
    assert row.unit == "" or is_known_unit(row.unit)
    if row.comparison != "rule" and row.unit and p.unit:
        from wastewater_eval.load.units import same_dimension

        assert same_dimension(row.unit, p.unit), (row.unit, p.unit)


def test_every_file_says_how_it_was_verified() -> None:
    for s in LIB:
        head = Path(s.path).read_text(encoding="utf-8").split("\nstandard:")[0]
        assert "verif" in head.lower() or "核" in head, s.path


def test_class1_list_is_sampled_at_the_workshop() -> None:
    std = LIB.get("GB 8978-1996")
    assert std.extra["sampling_rule"]["point"] == "workshop_outlet"
    assert {r.parameter for r in std.rows()} >= {"total_mercury", "hexavalent_chromium", "total_nickel"}


def test_gb18918_variants() -> None:
    std = LIB.get("GB 18918-2002")
    nh3 = std.rows_for("ammonia_nitrogen")[0]
    warm, cold = nh3.limit("一级A"), nh3.limit("一级A", {"water_temperature_le_12": True})
    assert warm and cold and warm.value is not None and cold.value is not None and cold.value > warm.value
    tp = std.rows_for("total_phosphorus")[0]
    new, old = tp.limit("一级A"), tp.limit("一级A", {"built_before_2006": True})
    assert new and old and new.value == Decimal("0.5") and old.value == Decimal("1")


def test_gb18918_dash_cells_are_null() -> None:
    std = LIB.get("GB 18918-2002")
    assert any(r.limit("三级") is None for r in std.table("table1").rows)


def test_ph_is_a_range() -> None:
    for s in LIB:
        for r in s.rows_for("ph"):
            assert r.comparison == "range"


@pytest.mark.skipif("GB 3838-2002" not in ENCODED, reason="GB 3838 not yet encoded")
def test_gb3838_specials() -> None:
    std = LIB.get("GB 3838-2002")
    do = std.rows_for("dissolved_oxygen")[0]
    assert do.comparison == "min"
    temp = std.rows_for("water_temperature")[0]
    assert temp.comparison == "rule" and temp.limit("III") is None
    tp = std.rows_for("total_phosphorus")[0]
    river, lake = tp.limit("III"), tp.limit("III", {"water_body": "lake_reservoir"})
    assert river and lake and lake.value is not None and river.value is not None and lake.value < river.value
    tn = next(r for r in std.rows_for("total_nitrogen") if r.table_id == "table1")
    assert tn.limit("III", {"water_body": "river"}) is None
    assert tn.limit("III", {"water_body": "lake_reservoir"}) is not None


@pytest.mark.skipif("GB/T 31962-2015" not in ENCODED, reason="GB/T 31962 not yet encoded")
def test_gbt31962_grades() -> None:
    from wastewater_eval.standards.limits import grade_for

    assert [grade_for(LIB, lvl)[0] for lvl in ("reclamation", "secondary", "primary", "none")] == ["A", "B", "C", "C"]
    assert LIB.get("GB/T 31962-2015").extra["meta"].get("replaces") == ["CJ 343-2010"]


def test_check_finds_every_kind_of_problem(tmp_path: Path) -> None:
    folder = tmp_path / "standards"
    folder.mkdir()
    (folder / "parameters.yaml").write_text((ROOT / "standards" / "parameters.yaml").read_text(encoding="utf-8"))
    (folder / "bad.yaml").write_text(
        """\
standard: {code: X 1-2000, title_zh: 测试, title_en: test, columns_kind: grade}
tables:
  - id: table1
    number: 表1
    columns: [A, B]
    rows:
      - {item: 1, name_zh: 甲, parameter: nosuch, unit: mg/L, comparison: max, limits: {A: 1, B: 2}}
      - {item: 1, name_zh: 化学需氧量, parameter: cod, unit: bogons, comparison: max, limits: {A: 1, B: 2}}
      - {item: 3, name_zh: pH值, parameter: ph, unit: "", comparison: range, limits: {A: [9, 6], B: [6, 9]}}
      - {item: 4, name_zh: 总镍, parameter: total_nickel, unit: mg/L, comparison: max, limits: {A: -1, B: 0}}
      - {item: 5, name_zh: 总铜, parameter: total_copper, unit: mg/L, comparison: maximum, limits: {A: 1}}
""",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        load_library(folder)
    messages = [(p.location.line, p.message) for p in e.value.problems]
    text = "\n".join(m for _, m in messages)
    for expected in (
        "unknown parameter 'nosuch'",
        "item 1 repeated",
        "cannot be read",
        "not ordered",
        "not positive",
        "'maximum' is not one of",
        "missing",
    ):
        assert expected in text, expected
    assert all(line >= 7 for line, _ in messages)


SEWER_FILE = ROOT / "standards" / "gb-t-31962-2015.yaml"


def _check(path: Path) -> tuple[int, str]:
    from click.testing import CliRunner

    from wastewater_eval.cli import main

    r = CliRunner().invoke(main, ["standards", "check", str(path)])
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    return r.exit_code, r.output


def _edited(tmp_path: Path, old: str, new: str, name: str = "gb-t-31962-2015.yaml") -> Path:
    text = SEWER_FILE.read_text(encoding="utf-8")
    assert old in text
    f = tmp_path / name
    f.write_text(text.replace(old, new, 1), encoding="utf-8")
    return f


def test_check_takes_a_single_file() -> None:
    code, out = _check(SEWER_FILE)
    assert code == 0 and "ok: 1 standards, 46 rows" in out and "provisional" in out


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("grade_selection:\n", "grade_selections:\n", "needs its grade rule"),
        (
            "  - {treatment_level: secondary, grade: B,",
            "  - {treatment_level: secondary, grade: A,",
            "grade column 'B' is named by no treatment level",
        ),
        (
            "  - {treatment_level: primary, grade: C,",
            "  - {treatment_level: primary, grade: D,",
            "no column 'D' in the tables",
        ),
        (
            "  - {treatment_level: none, grade: C,",
            "  - {treatment_level: nothing, grade: C,",
            "'nothing' is not one of",
        ),
        ("parameter: total_nickel,", "parameter: total_nikel,", "unknown parameter 'total_nikel'"),
        ("  status: provisional\n", "  status: maybe\n", "write 'provisional' or leave it out"),
        ("limits: {A: 5, B: 5, C: 5}}", "limits: {A: 5, B: 5, C: 5}, limts: 1}", "limts: unknown key"),
        ("grade_selection:\n", "verified: {by: 张工}\ngrade_selection:\n", "verified.on: required"),
        (
            "grade_selection:\n",
            "verified: {by: 张工, on: 2999-01-01, against: 正式文本}\ngrade_selection:\n",
            "is in the future",
        ),
    ],
)
def test_check_catches_what_would_crash_later(tmp_path: Path, old: str, new: str, expected: str) -> None:
    f = _edited(tmp_path, old, new)
    code, out = _check(f)
    assert code == 1, out
    assert expected in out
    assert f"{f}:" in out  # file:line


def test_a_bad_site_standard_is_exit_2_naming_the_line(tmp_path: Path) -> None:
    """Used by assess (--standard or the site's folder), the same file is refused at its line, exit 2."""
    from click.testing import CliRunner

    from wastewater_eval.cli import main

    f = _edited(tmp_path, "grade_selection:\n", "grade_selections:\n")
    r = CliRunner().invoke(main, ["assess", str(ROOT / "examples" / "discharger.example.yaml"), "--standard", str(f)])
    assert r.exit_code == 2 and "needs its grade rule" in r.output and "Traceback" not in r.output


def test_check_takes_a_site_folder(tmp_path: Path) -> None:
    folder = tmp_path / "site-standards"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(SEWER_FILE.read_bytes())
    (folder / "b.yaml").write_bytes(SEWER_FILE.read_bytes())
    code, out = _check(folder)
    assert code == 1 and "code 'GB/T 31962-2015' also in" in out


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_mutated_standard_file_is_checked_never_a_traceback(tmp_path: Path, data: st.DataObject) -> None:
    """Whatever an operator's edit does to the table, check and assess give a result or file:line."""
    from tests import fuzzing
    from wastewater_eval.assessment.assess import assess_file
    from wastewater_eval.errors import WastevalError

    text = fuzzing.mutate(
        SEWER_FILE.read_text(encoding="utf-8"),
        lambda lo, hi: data.draw(st.integers(lo, hi)),
        lambda seq: data.draw(st.sampled_from(seq)),
        lambda n: data.draw(st.text(max_size=n)),
    )
    f = tmp_path / "mutated.yaml"
    f.write_text(text, encoding="utf-8")
    try:
        lib = load_library(extra=[f])
    except InputError as exc:
        assert exc.problems and all(p.location.path == str(f) and p.message for p in exc.problems)
        return
    # a result, or a refusal with a message (e.g. a unit the edit made unreadable for a sample)
    with contextlib.suppress(WastevalError):
        assess_file(ROOT / "examples" / "discharger.example.yaml", library=lib, engine="python")
