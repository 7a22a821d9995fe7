"""The standards as data: every table's rows, every row's parameter, units, comparisons, variants."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from wastewater_eval.errors import InputError
from wastewater_eval.standards import load_library
from wastewater_eval.units import is_known_unit

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
        from wastewater_eval.units import same_dimension

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
    from wastewater_eval.limits import grade_for

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
