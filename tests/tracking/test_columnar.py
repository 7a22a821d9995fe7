"""The column-wise CSV reader gives exactly what the row-by-row reader gives: the same readings
(values to the last bit), the same problems at the same file:row: column, in the same order."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wastewater_eval.errors import InputError
from wastewater_eval.standards.parameters import Catalogue, load_catalogue
from wastewater_eval.tracking import import_files
from wastewater_eval.tracking.formats import delimited

from .conftest import rows

CATALOGUE = load_catalogue()

VALUES = st.one_of(
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False).map(str),
    st.sampled_from(["420", "0.036", "<0.05", "ND(4 mg/L)", "未检出", ">400", "≥1.2", "1.2 mg/L", "abc", "",
                     "-", "0.5 μg/L", "1e3", "１２", "0.004L", " 7.25 ", "—"]),
)  # fmt: skip
TIMES = st.sampled_from(["2024-06-01 08:00", "2024-06-01 08:00:30", "2024/6/2 9:30", "2024-06-03T10:00:00",
                         "2024年6月4日 8时30分", "20240605080000", "2024-02-30 08:00", "yesterday", "",
                         "2024-06-01T00:00:00Z"])  # fmt: skip
FLAGS = st.sampled_from(["", "N", "M", "维护", "校准", "X"])
ENCODINGS = ["utf-8", "gb18030"]
POINTS = st.sampled_from(["", "总排口", "车间排放口", "workshop_outlet", "后门"])


def outcome(store: Path, path: Path) -> Any:
    try:
        report = import_files(store, [path], CATALOGUE, discharger="D-1")
    except InputError as exc:
        return [(p.location.line, p.location.field, p.message) for p in exc.problems]
    return report.to_dict()["files"][0]["skipped"], rows(store)


def both(text: str, encoding: str = "utf-8") -> tuple[Any, Any]:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "t.csv"
        path.write_bytes(text.encode(encoding))
        columnwise = outcome(Path(d) / "a.sqlite", path)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(delimited, "quoted_line_breaks", lambda p: True)  # the row-by-row reader
            rowwise = outcome(Path(d) / "b.sqlite", path)
    return columnwise, rowwise


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(TIMES, FLAGS, POINTS, VALUES, VALUES, VALUES), max_size=8), st.sampled_from(["utf-8", "gb18030"])
)
def test_wide_tables_read_alike(table: list[tuple[str, ...]], encoding: str) -> None:
    lines = ["检测报告", "采样时间,数据标记,采样点,COD(mg/L),总汞(μg/L),pH值"]
    lines += [",".join(row) for row in table] + ["平均值,,,1,2,3"]
    a, b = both("\n".join(lines) + "\n", encoding)
    assert a == b


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TIMES, st.sampled_from(["COD", "总镍(mg/L)", "氨氮", "XYZ", ""]), VALUES,
                          st.sampled_from(["mg/L", "μg/L", "", "apples"])), max_size=8))  # fmt: skip
def test_long_tables_read_alike(table: list[tuple[str, ...]]) -> None:
    lines = ["time,parameter,value,unit"] + [",".join(row) for row in table]
    a, b = both("\n".join(lines) + "\n")
    assert a == b


def test_quotes_and_ragged_lines_go_through_the_csv_module(tmp_path: Path, catalogue: Catalogue) -> None:
    text = '排水户,时间,COD(mg/L),氨氮(mg/L)\nD1,2024-06-01,"420",3\nD1,2024-06-02,400\nD1,2024-06-03,1,2,extra\n'
    a, b = both(text)
    assert a == b
    assert [r["value"] for r in a[1] if r["parameter_id"] == "cod"] == [420.0, 400.0, 1.0]


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=10**12 - 1, places=12, allow_nan=False),
    st.sampled_from(["mg/L", "μg/L", "ng/L", "g/L"]),
)
def test_plain_numbers_convert_to_the_nearest_double_of_the_exact_value(number: Decimal, unit: str) -> None:
    text = f"{number:f}"
    a, b = both(f"排水户,时间,总汞({unit})\nD1,2024-06-01,{text}\n")
    assert a == b
    if isinstance(a, tuple):
        factor = {"mg/L": Decimal(1), "μg/L": Decimal("0.001"), "ng/L": Decimal("0.000001"), "g/L": Decimal(1000)}[unit]
        assert a[1][0]["value"] == float(Decimal(text) * factor)


@pytest.mark.parametrize("text", ["时间,COD(mg/L)\n", "时间,COD(mg/L)", "检测报告\n时间,COD(mg/L)\n"])
def test_a_header_with_nothing_under_it_is_no_reading_and_no_error(text: str) -> None:
    a, b = both(text)
    assert a == b == ({}, [])
