"""Readings out of a table (CSV or a worksheet), in the two shapes labs and SCADA systems export.

Long: one row per reading — discharger, time, parameter, value, unit (a unit may also sit in the
value: ``0.5 mg/L``, ``ND(0.004 mg/L)``). Wide: one row per time, one column per parameter, the
unit in the header (``COD(mg/L)``, ``总汞（μg/L）``, ``氨氮 mg/L``). Headers may be Chinese or English;
a title row above the header is allowed. Every problem (unknown parameter, unreadable value, no
unit, bad time) is collected with file, row and column, and the file fails once at its end.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

from ..errors import InputError, Location, Problem, UnitError
from ..load.units import Reading, is_known_unit, parse_reading, pint_expression, split_basis
from ..standards.parameters import Catalogue, Parameter
from .codes import CodeTable
from .online import SourceCounts
from .values import VALID, ReadingRow, decimal_converter

MAX_PROBLEMS = 100
HEADER_SEARCH_ROWS = 20
CST = timezone(timedelta(hours=8))

# fmt: off
ROLES: dict[str, tuple[str, ...]] = {
    "discharger": ("discharger", "discharger id", "排水户", "排水户编号", "排水户名称", "企业", "企业名称",
                   "单位名称", "mn", "设备编号", "数采仪编号", "站点", "站点编号"),
    "time": ("time", "timestamp", "datetime", "date", "sample time", "sampled", "sampling time", "时间", "日期",
             "采样时间", "采样日期", "监测时间", "监测日期", "检测日期", "数据时间", "datatime"),
    "parameter": ("parameter", "param", "pollutant", "item", "analyte", "factor", "监测项目", "检测项目",
                  "分析项目", "项目", "污染物", "因子", "监测因子", "指标", "监测指标"),
    "value": ("value", "result", "reading", "concentration", "监测值", "检测值", "测定值", "浓度", "浓度值",
              "结果", "数值", "检测结果", "监测结果"),
    "unit": ("unit", "units", "单位", "计量单位"),
    "flag": ("flag", "data flag", "标记", "数据标记", "数据标识", "数据状态"),
    "basis": ("basis", "source", "来源", "数据来源", "监测方式"),
    "point": ("point", "sampling point", "采样点", "采样点位", "监测点位", "点位"),
    "interval": ("interval", "数据类型", "时段"),
    "detection_limit": ("detection limit", "dl", "lod", "检出限", "方法检出限"),
}
# fmt: on
IGNORED_COLUMNS = (
    "序号",
    "no",
    "no.",
    "index",
    "备注",
    "remark",
    "remarks",
    "note",
    "notes",
    "样品编号",
    "sample id",
    "检测方法",
    "分析方法",
    "method",
    "采样人",
    "分析人",
    "检测人",
    "检测单位",
    "laboratory",
    "lab",
)  # fmt: skip
EMPTY_CELLS = frozenset({"", "-", "—", "--", "/", "\\", "未测", "未检测", "n/a", "na", "null"})
BASIS_WORDS = {"online": "online", "在线": "online", "在线监测": "online", "自动监测": "online",
               "lab": "lab", "laboratory": "lab", "实验室": "lab", "手工": "lab", "手工监测": "lab",
               "人工": "lab"}  # fmt: skip
INTERVAL_WORDS = {"realtime": "realtime", "实时": "realtime", "minute": "minute", "分钟": "minute",
                  "hour": "hour", "小时": "hour", "day": "day", "日": "day", "天": "day",
                  "sample": "sample", "样品": "sample", "采样": "sample"}  # fmt: skip


def _hkey(text: Any) -> str:
    return re.sub(r"[\s_\-]", "", unicodedata.normalize("NFKC", str(text)).strip().lower())


_ROLE_OF = {_hkey(alias): role for role, aliases in ROLES.items() for alias in aliases}
_IGNORED = {_hkey(x) for x in IGNORED_COLUMNS}
_HEADER_UNIT = re.compile(r"^(?P<name>.+?)[\s/]*[\(（\[【]\s*(?P<unit>[^\(（\)）\]】]*)\s*[\)）\]】]\s*$")


def parameter_and_unit(header: str, catalogue: Catalogue) -> tuple[Parameter, str | None] | None:
    """``COD(mg/L)`` -> (cod, "mg/L"); ``氨氮(NH3-N)`` -> (ammonia_nitrogen, None); unknown -> None."""
    text = unicodedata.normalize("NFKC", header).strip()
    p = catalogue.find(text)
    if p is not None:
        return p, None
    m = _HEADER_UNIT.match(text)
    if m and m.group("unit").strip():
        unit = m.group("unit").strip()
        bare_unit, _basis = split_basis(unit)
        inner = parameter_and_unit(m.group("name"), catalogue)
        if inner is not None and (not bare_unit or is_known_unit(bare_unit)):
            return inner[0], unit
    name, _, unit = text.rpartition(" ")
    if name and is_known_unit(split_basis(unit)[0]):
        p = catalogue.find(name.strip())
        if p is not None:
            return p, unit
    return None


def parse_time(cells: list[Any]) -> str:
    """One or two cells (a date column and a time column) -> ``YYYY-MM-DD HH:MM:SS`` in UTC+8."""
    parts = []
    for cell in cells:
        if isinstance(cell, datetime):
            if cell.tzinfo is not None:
                cell = cell.astimezone(CST).replace(tzinfo=None)
            parts.append(cell.strftime("%Y-%m-%d %H:%M:%S"))
        elif isinstance(cell, date):
            parts.append(cell.isoformat())
        elif isinstance(cell, time):
            parts.append(cell.strftime("%H:%M:%S"))
        elif isinstance(cell, int) and not isinstance(cell, bool) and len(str(cell)) in (8, 12, 14):
            parts.append(str(cell))
        elif isinstance(cell, str) and cell.strip():
            parts.append(unicodedata.normalize("NFKC", cell).strip())
        elif cell not in (None, ""):
            raise ValueError(f"{cell!r} is not a time: write it as 2024-06-01 08:00 or format the cell as a date")
    if not parts:
        raise ValueError("no time given")
    return _time_text(" ".join(parts))


_TIME_RE = re.compile(
    r"^(?P<y>\d{4})[-/.年](?P<mo>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:[ T]+(?P<h>\d{1,2})(?:[:时](?P<mi>\d{1,2})分?(?::?(?P<s>\d{1,2})(?:\.\d+)?秒?)?)?时?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)


def _time_text(text: str) -> str:
    digits = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?", text)
    if digits:
        y, mo, d, h, mi, s = (int(x) if x else 0 for x in digits.groups())
        tz = None
    else:
        m = _TIME_RE.match(text)
        if not m:
            raise ValueError(f"cannot read a time in {text!r} (write it as 2024-06-01 08:00)")
        y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
        h, mi, s = (int(m[k]) if m[k] else 0 for k in ("h", "mi", "s"))
        tz = m["tz"]
    try:
        ts = datetime(y, mo, d, h, mi, s)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid time: {exc}") from None
    if tz:
        offset = UTC if tz == "Z" else datetime.strptime(tz.replace(":", ""), "%z").tzinfo
        ts = ts.replace(tzinfo=offset).astimezone(CST).replace(tzinfo=None)
    return ts.strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class TableSource:
    """Where a table's cells come from, for messages: the file, and how to name a column."""

    path: str
    column_name: Callable[[int], str]
    discharger: str | None = None
    basis: str = "lab"


class _Problems:
    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Problem] = []
        self.more = 0

    def add(self, line: int, field: str, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(Location(self.path, line, field), message))
        else:
            self.more += 1

    def raise_if_any(self) -> None:
        if self.more:
            self.items.append(Problem(Location(self.path), f"... and {self.more} more problems"))
        if self.items:
            raise InputError(self.items)


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and _hkey(cell) in EMPTY_CELLS)


class _Layout:
    """The header row's meaning: which column plays which role, and the parameter columns."""

    def __init__(self, header: list[Any], line: int, src: TableSource, catalogue: Catalogue, out: _Problems):
        self.line = line
        self.header = header
        self.src = src
        self.roles: dict[str, list[int]] = {}
        self.params: dict[int, tuple[Parameter, str | None]] = {}
        for i, cell in enumerate(header):
            key = _hkey(cell) if cell is not None else ""
            if key in _ROLE_OF:
                self.roles.setdefault(_ROLE_OF[key], []).append(i)
        self.long = "parameter" in self.roles and "value" in self.roles
        for role, cols in self.roles.items():
            if len(cols) > (2 if role == "time" else 1):
                out.add(line, self.name(cols[1]), f"two columns for {role}")
        if "value" in self.roles and not self.long:
            out.add(line, self.name(self.roles["value"][0]), "a value column needs a parameter column")
        if "discharger" not in self.roles and not src.discharger:
            out.add(line, "", "no discharger column (排水户/discharger) and no discharger given for the file")
        if self.long:
            return
        used = {i for cols in self.roles.values() for i in cols}
        for i, cell in enumerate(header):
            if i in used or cell is None or not str(cell).strip() or _hkey(cell) in _IGNORED:
                continue
            found = parameter_and_unit(str(cell), catalogue)
            if found is None:
                hint = catalogue.suggest(str(cell))
                more = f"; did you mean {', '.join(hint)}?" if hint else ""
                out.add(line, self.name(i), f"unknown parameter {str(cell)!r}{more}")
            else:
                self.params[i] = found

    def name(self, i: int) -> str:
        """A column for messages: ``C (COD(mg/L))`` in a workbook, ``column 3 (COD(mg/L))`` in CSV."""
        head = self.header[i] if i < len(self.header) and self.header[i] is not None else ""
        return f"{self.src.column_name(i)} ({head})" if str(head).strip() else self.src.column_name(i)

    def cell(self, cells: list[Any], role: str) -> Any:
        cols = self.roles.get(role)
        return cells[cols[0]] if cols and cols[0] < len(cells) else None


def find_header(rows: Iterator[tuple[int, list[Any]]]) -> tuple[int, list[Any]] | None:
    for n, (line, cells) in enumerate(rows):
        if any(cell is not None and _ROLE_OF.get(_hkey(cell)) == "time" for cell in cells):
            return line, cells
        if n + 1 >= HEADER_SEARCH_ROWS:
            break
    return None


def table_rows(
    rows: Iterable[tuple[int, list[Any]]],
    src: TableSource,
    catalogue: Catalogue,
    table: CodeTable,
    import_id: int,
    counts: SourceCounts,
) -> Iterator[ReadingRow]:
    """Every reading of a table; raises :class:`InputError` with all problems after the last row."""
    out = _Problems(src.path)
    it = iter(rows)
    found = find_header(it)
    if found is None:
        out.add(1, "", f"no header row with a time column (时间/采样时间/time) in the first {HEADER_SEARCH_ROWS} rows")
        out.raise_if_any()
        return
    layout = _Layout(found[1], found[0], src, catalogue, out)
    if out.items:
        out.raise_if_any()
    reader = _RowReader(layout, src, catalogue, table, import_id, out)
    for line, cells in it:
        if all(_blank(c) for c in cells):
            continue
        if _summary_row(cells):
            counts.skipped["summary row"] += 1
            continue
        for row in reader.read(line, cells):
            counts.read += 1
            if not row[VALID]:
                counts.invalid_flagged += 1
            yield row
    out.raise_if_any()


# Rows that lab and SCADA exports append under the data (合计, 平均值 ...): counted and skipped.
_SUMMARY = re.compile(
    r"^(合计|总计|小计|平均|平均值|均值|最大值|最小值|最大|最小|统计|total|sum|average|mean|max|min)\b", re.IGNORECASE
)


def _summary_row(cells: list[Any]) -> bool:
    for cell in cells[:3]:
        if isinstance(cell, str) and _SUMMARY.match(unicodedata.normalize("NFKC", cell).strip()):
            return True
    return False


class _RowReader:
    def __init__(
        self, layout: _Layout, src: TableSource, catalogue: Catalogue, table: CodeTable, import_id: int, out: _Problems
    ) -> None:
        self.layout, self.src, self.catalogue, self.table = layout, src, catalogue, table
        self.import_id, self.out = import_id, out

    def _text(self, cells: list[Any], role: str) -> str | None:
        cell = self.layout.cell(cells, role)
        if _blank(cell):
            return None
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        return unicodedata.normalize("NFKC", str(cell)).strip()

    def _where(self, role: str) -> str:
        cols = self.layout.roles.get(role)
        return self.layout.name(cols[0]) if cols else role

    def read(self, line: int, cells: list[Any]) -> list[ReadingRow]:
        lay = self.layout
        before = len(self.out.items) + self.out.more
        discharger = self._text(cells, "discharger") or self.src.discharger
        if not discharger:
            self.out.add(line, self._where("discharger"), "no discharger")
        try:
            ts = parse_time([cells[i] if i < len(cells) else None for i in lay.roles.get("time", [])])
        except ValueError as exc:
            self.out.add(line, self._where("time"), str(exc))
            ts = ""
        flag = self._flag(line, cells)
        basis = self._word(line, cells, "basis", BASIS_WORDS) or self.src.basis
        interval = self._word(line, cells, "interval", INTERVAL_WORDS) or "sample"
        point = self._text(cells, "point") or ""
        unit_col = self._text(cells, "unit")
        if lay.long:
            pairs = self._long_pair(line, cells)
        else:
            pairs = [(p, unit, cells[i], lay.name(i)) for i, (p, unit) in lay.params.items() if i < len(cells)]
        rows: list[ReadingRow] = []
        for p, header_unit, cell, where in pairs:
            if _blank(cell):
                continue
            value = self._value(line, where, p, cell, unit_col if lay.long else header_unit, cells)
            if value is None or len(self.out.items) + self.out.more > before:
                continue
            number, detected = value
            valid = self.table.flag_is_valid(flag)
            rows.append((discharger or "", p.id, interval, ts, basis, point, number, None, None, None,
                         int(detected), flag, int(valid), self.import_id, line))  # fmt: skip
        return rows if len(self.out.items) + self.out.more == before else []

    def _long_pair(self, line: int, cells: list[Any]) -> list[tuple[Parameter, str | None, Any, str]]:
        name = self._text(cells, "parameter")
        if name is None:
            self.out.add(line, self._where("parameter"), "no parameter")
            return []
        found = parameter_and_unit(name, self.catalogue)
        if found is None:
            hint = self.catalogue.suggest(name)
            more = f"; did you mean {', '.join(hint)}?" if hint else ""
            self.out.add(line, self._where("parameter"), f"unknown parameter {name!r}{more}")
            return []
        return [(found[0], found[1], self.layout.cell(cells, "value"), self._where("value"))]

    def _flag(self, line: int, cells: list[Any]) -> str | None:
        text = self._text(cells, "flag")
        if text is None:
            return None
        flag = self.table.flag_from_text(text)
        if flag is None:
            known = ", ".join(f.flag for f in self.table.flags())
            self.out.add(line, self._where("flag"), f"unknown data flag {text!r} (known: {known} or their names)")
        return flag

    def _word(self, line: int, cells: list[Any], role: str, words: dict[str, str]) -> str | None:
        text = self._text(cells, role)
        if text is None:
            return None
        found = words.get(text.lower())
        if found is None:
            self.out.add(line, self._where(role), f"{text!r} is not one of {', '.join(sorted(set(words.values())))}")
        return found

    def _value(
        self, line: int, where: str, p: Parameter, cell: Any, unit_hint: str | None, cells: list[Any]
    ) -> tuple[float | None, bool] | None:
        try:
            r = parse_reading(cell.strip() if isinstance(cell, str) else cell, p.id)
            if not r.detected and r.detection_limit is None:
                r = self._with_detection_limit(r, cells, p)
            unit = self._unit(r, unit_hint)
            if r.basis and p.basis and r.basis.upper() != p.basis.upper():
                self.out.add(line, where, f"basis 以{r.basis}计 contradicts {p.id}, which is 以{p.basis}计")
                return None
            number = r.number
            if number is None:
                return None, r.detected
            if unit is None and pint_expression(p.unit) != "dimensionless":
                hint = "give it in the value, the unit column or the header"
                self.out.add(line, where, f"{p.id}: {cell!r} has no unit; {hint}")
                return None
            converted = decimal_converter(unit or "", p.unit, p.id)(number)
            if not math.isfinite(converted):
                self.out.add(line, where, f"{p.id}: {cell!r} is out of range")
                return None
            return converted, r.detected
        except UnitError as exc:
            self.out.add(line, where, str(exc))
            return None

    def _unit(self, r: Reading, hint: str | None) -> str | None:
        if hint is not None:
            hint, _basis = split_basis(hint)
        if r.unit and hint and pint_expression(r.unit) != pint_expression(hint):
            raise UnitError("value", r.text, f"unit {r.unit!r} in the value differs from {hint!r} of its column")
        return r.unit or hint or None

    def _with_detection_limit(self, r: Reading, cells: list[Any], p: Parameter) -> Reading:
        dl = self.layout.cell(cells, "detection_limit")
        if _blank(dl):
            return r
        limit = parse_reading(dl, p.id)
        if limit.value is None:
            return r
        return Reading(r.text, None, r.unit or limit.unit, False, Decimal(limit.value), r.basis, r.qualifier)
