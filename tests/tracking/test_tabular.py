"""Lab and SCADA tables: CSV in UTF-8 (with or without BOM), UTF-16 and GBK; .xlsx; long and wide."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wastewater_eval.errors import InputError
from wastewater_eval.standards.parameters import Catalogue
from wastewater_eval.tracking import import_files
from wastewater_eval.tracking.tabular import parameter_and_unit, parse_time

from .conftest import rows

WIDE = (
    "某某检测有限公司 检测报告\n"
    "排水户编号,采样日期,采样时间,化学需氧量(mg/L),氨氮（mg/L）,总汞(μg/L),pH值,备注\n"
    "D001,2024-06-01,08:00,420,38.5,<0.04,7.2,\n"
    "D001,2024/6/2,9:30,ND(4 mg/L),未检出,0.5,7.4,复测\n"
)
LONG = (
    "discharger,time,parameter,value,unit,flag\n"
    "D002,2024-06-01T08:00:00+08:00,COD,420,mg/L,N\n"
    "D002,2024-06-01 09:00,NH3-N,0.5 mg/L,,维护\n"
    "D002,2024-06-01 10:00,总镍,<0.05,mg/L,\n"
    "D002,2024-06-01 11:00,总汞,0.5,μg/L,\n"
)


def by_key(store: Path) -> dict[tuple[str, str, str], dict[str, object]]:
    return {(r["discharger_id"], r["parameter_id"], r["ts"]): r for r in rows(store)}


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_wide_csv_in_each_encoding(tmp_path: Path, store_path: Path, catalogue: Catalogue, encoding: str) -> None:
    path = tmp_path / "lab.csv"
    path.write_bytes(WIDE.encode(encoding))
    report = import_files(store_path, [path], catalogue)
    assert (report.read, report.accepted, report.duplicates) == (8, 8, 0)
    got = by_key(store_path)
    assert got[("D001", "cod", "2024-06-01 08:00:00")]["value"] == 420.0
    assert got[("D001", "ammonia_nitrogen", "2024-06-01 08:00:00")]["value"] == 38.5
    hg = got[("D001", "total_mercury", "2024-06-01 08:00:00")]
    assert (hg["value"], hg["detected"]) == (float("0.00004"), 0)  # <0.04 μg/L: not detected, DL in mg/L
    assert got[("D001", "total_mercury", "2024-06-02 09:30:00")]["value"] == float("0.0005")
    nd = got[("D001", "cod", "2024-06-02 09:30:00")]
    assert (nd["value"], nd["detected"]) == (4.0, 0)
    nh3 = got[("D001", "ammonia_nitrogen", "2024-06-02 09:30:00")]
    assert (nh3["value"], nh3["detected"]) == (None, 0)  # 未检出 without a detection limit
    assert got[("D001", "ph", "2024-06-01 08:00:00")]["value"] == 7.2
    assert {r["basis"] for r in got.values()} == {"lab"} and {r["interval"] for r in got.values()} == {"sample"}
    assert report.files[0].kind == "csv"


def test_long_csv_with_bom(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "scada.csv"
    path.write_bytes(b"\xef\xbb\xbf" + LONG.encode("utf-8"))
    report = import_files(store_path, [path], catalogue, basis="online")
    assert (report.read, report.accepted, report.invalid_flagged) == (4, 4, 1)
    got = by_key(store_path)
    assert got[("D002", "cod", "2024-06-01 08:00:00")]["data_flag"] == "N"
    maint = got[("D002", "ammonia_nitrogen", "2024-06-01 09:00:00")]
    assert (maint["data_flag"], maint["valid"], maint["value"]) == ("M", 0, 0.5)
    assert got[("D002", "total_nickel", "2024-06-01 10:00:00")]["detected"] == 0
    assert got[("D002", "total_mercury", "2024-06-01 11:00:00")]["value"] == float("0.0005")
    assert {r["basis"] for r in got.values()} == {"online"}


def test_utf16_tab_separated(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(LONG.replace(",", "\t").encode("utf-16"))
    assert import_files(store_path, [path], catalogue).accepted == 4


def test_semicolons_and_a_discharger_for_the_whole_file(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "lab.csv"
    path.write_text("Sampling time;COD (mg/L);TP [mg/L]\n2024-06-01 08:00;420;3.1\n", encoding="utf-8")
    import_files(store_path, [path], catalogue, discharger="D009")
    got = {(r["discharger_id"], r["parameter_id"]) for r in rows(store_path)}
    assert got == {("D009", "cod"), ("D009", "total_phosphorus")}


def test_xlsx_made_with_openpyxl(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["本表为某排水户的委托检测结果"])
    ws = wb.create_sheet("数据")
    ws.append(["检测报告 2024-06"])
    ws.append(["排水户编号", "采样时间", "化学需氧量(mg/L)", "总镍(mg/L)", "总汞(μg/L)", "数据标记"])
    ws.append(["D003", datetime(2024, 6, 1, 8, 0), 420, 0.25, "<0.04", "N"])
    ws.append(["D003", datetime(2024, 6, 2, 8, 0), 380.5, None, 0.05, "校准"])
    ws.append([None, None, None, None, None, None])
    path = tmp_path / "lab.xlsx"
    wb.save(path)

    report = import_files(store_path, [path], catalogue)
    assert (report.accepted, report.invalid_flagged) == (5, 2)
    assert report.files[0].kind == "xlsx"
    assert report.files[0].notes == ["sheet '说明' skipped: no header row with a time column"]
    got = by_key(store_path)
    assert got[("D003", "cod", "2024-06-02 08:00:00")]["value"] == 380.5
    assert got[("D003", "cod", "2024-06-02 08:00:00")]["data_flag"] == "C"
    assert got[("D003", "total_nickel", "2024-06-01 08:00:00")]["source_line"] == 3
    assert ("D003", "total_nickel", "2024-06-02 08:00:00") not in got  # an empty cell is no reading


def test_unknown_parameter_names_file_row_and_column(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "discharger,time,parameter,value,unit\n"
        "D1,2024-06-01,化学需氧量,1,mg/L\n"
        "D1,2024-06-01,XYZ,1,mg/L\n"
        "D1,2024-13-01,COD,2,mg/L\n"
        "D1,2024-06-02,COD,abc,mg/L\n"
        "D1,2024-06-03,COD,12,\n"
        "D1,2024-06-03,总磷,0.5 mg/L as N,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        import_files(store_path, [path], catalogue)
    where = [(p.location.path, p.location.line, p.location.field) for p in err.value.problems]
    assert where == [
        (str(path), 3, "column 3 (parameter)"),
        (str(path), 4, "column 2 (time)"),
        (str(path), 5, "column 4 (value)"),
        (str(path), 6, "column 4 (value)"),
        (str(path), 7, "column 4 (value)"),
    ]
    messages = [p.message for p in err.value.problems]
    assert "unknown parameter 'XYZ'" in messages[0]
    assert "no unit" in messages[3]
    assert "contradicts total_phosphorus" in messages[4]
    assert not store_path.exists() or rows(store_path) == []


def test_unknown_wide_column_is_an_error_at_the_header(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "wide.xlsx"
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["时间", "排水户", "CODD(mg/L)", "备注"])
    wb.active.append([datetime(2024, 6, 1), "D1", 1, ""])
    wb.save(path)
    with pytest.raises(InputError) as err:
        import_files(store_path, [path], catalogue)
    (problem,) = err.value.problems
    where = (problem.location.path, problem.location.line, problem.location.field)
    assert where == (f"{path}[Sheet]", 1, "C (CODD(mg/L))")
    assert "did you mean" in problem.message


def test_no_discharger_anywhere_is_an_error(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "lab.csv"
    path.write_text("时间,COD(mg/L)\n2024-06-01,12\n", encoding="utf-8")
    with pytest.raises(InputError, match="no discharger column"):
        import_files(store_path, [path], catalogue)


def test_old_excel_and_unknown_files_are_refused(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8\xff")
    with pytest.raises(InputError) as err:
        import_files(store_path, [xls, other], catalogue)
    assert [p.location.path for p in err.value.problems] == [str(xls), str(other)]


def test_undecodable_text_is_refused(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"time,COD\n\x81\x20\xff\xfe\n")
    with pytest.raises(InputError, match="neither UTF-8 nor GBK"):
        import_files(store_path, [path], catalogue)


@pytest.mark.parametrize(
    ("header", "pid", "unit"),
    [
        ("COD(mg/L)", "cod", "mg/L"),
        ("化学需氧量（mg/L）", "cod", "mg/L"),
        ("氨氮(NH3-N)", "ammonia_nitrogen", None),
        ("氨氮(以N计)(mg/L)", "ammonia_nitrogen", "mg/L"),
        ("总汞 [μg/L]", "total_mercury", "μg/L"),
        ("TP mg/L", "total_phosphorus", "mg/L"),
        ("pH值(无量纲)", "ph", None),  # a name in the catalogue as printed
        ("pH(无量纲)", "ph", "无量纲"),
        ("ＣＯＤ（ｍｇ／Ｌ）", "cod", "mg/L"),
    ],
)
def test_parameter_and_unit_from_a_header(catalogue: Catalogue, header: str, pid: str, unit: str | None) -> None:
    found = parameter_and_unit(header, catalogue)
    assert found is not None
    assert (found[0].id, found[1]) == (pid, unit)


@pytest.mark.parametrize("header", ["XYZ(mg/L)", "COD(apples)", "备注"])
def test_headers_that_are_not_parameters(catalogue: Catalogue, header: str) -> None:
    assert parameter_and_unit(header, catalogue) is None


@pytest.mark.parametrize(
    ("cells", "want"),
    [
        (["2024-06-01 08:00"], "2024-06-01 08:00:00"),
        (["2024/6/1 8:05:09"], "2024-06-01 08:05:09"),
        (["2024.06.01"], "2024-06-01 00:00:00"),
        (["2024年6月1日 8时30分"], "2024-06-01 08:30:00"),
        (["20240601080000"], "2024-06-01 08:00:00"),
        ([20240601], "2024-06-01 00:00:00"),
        (["2024-06-01T00:00:00Z"], "2024-06-01 08:00:00"),
        (["2024-06-01T08:00:00+08:00"], "2024-06-01 08:00:00"),
        ([datetime(2024, 6, 1, 8)], "2024-06-01 08:00:00"),
        ([date(2024, 6, 1), time(9, 30)], "2024-06-01 09:30:00"),
        (["2024-06-01", "09:30"], "2024-06-01 09:30:00"),
    ],
)
def test_times_as_written(cells: list[object], want: str) -> None:
    assert parse_time(cells) == want


@pytest.mark.parametrize("cells", [["2024-02-30"], ["yesterday"], [45000.5], [None]])
def test_times_that_are_not(cells: list[object]) -> None:
    with pytest.raises(ValueError):
        parse_time(cells)


cells = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.sampled_from(["ND", "<0.5", "1e999999", "2024-06-01", "维护", "N", "mg/L", "—", "0.5 mg/L as P"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(),
    st.booleans(),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.lists(cells, min_size=0, max_size=7), max_size=6))
def test_any_cells_import_or_fail_with_input_error(
    tmp_path: Path, catalogue: Catalogue, table: list[list[object]]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["排水户", "时间", "COD(mg/L)", "总汞(μg/L)", "pH", "数据标记", "单位"])
    for row in table:
        wb.active.append(row)
    path = tmp_path / "fuzz.xlsx"
    wb.save(path)
    store = tmp_path / "fuzz.sqlite"
    store.unlink(missing_ok=True)
    try:
        import_files(store, [path], catalogue)
    except InputError as exc:
        assert all(p.location.path.startswith(str(path)) for p in exc.problems)


def test_trailing_summary_rows_are_skipped_and_counted(tmp_path: Path, store_path: Path, catalogue: Catalogue) -> None:
    csv = tmp_path / "with_summary.csv"
    csv.write_text(
        "时间,COD(mg/L),氨氮(mg/L)\n2024-06-01 08:00,120,20\n2024-06-02 08:00,130,21\n"
        "平均值,125,20.5\n最大值,130,21\n合计,250,41\n",
        encoding="utf-8",
    )
    report = import_files(store_path, [csv], catalogue, discharger="D-1")
    assert report.accepted == 4
    assert report.skipped == {"summary row": 3}
