"""A table's header row: which column plays which role, and which columns are parameters with units.

Headers may be Chinese or English (:data:`ROLES`), parameters carry their unit in the header
(``COD(mg/L)``, ``总汞（μg/L）``, ``氨氮 mg/L``). Two columns for one parameter (``总镍(mg/L)`` and
``总镍(μg/L)``, or the same header twice) are an error naming both: which one holds the reading
cannot be known.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, Location, Problem
from ..load.units import is_known_unit, split_basis
from ..standards.parameters import Catalogue, Parameter

MAX_PROBLEMS = 100
HEADER_SEARCH_ROWS = 20

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


@dataclass(frozen=True)
class TableSource:
    """Where a table's cells come from, for messages: the file, and how to name a column."""

    path: str
    column_name: Callable[[int], str]
    discharger: str | None = None
    basis: str = "lab"


class Problems:
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


def blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and _hkey(cell) in EMPTY_CELLS)


class Layout:
    """The header row's meaning: which column plays which role, and the parameter columns."""

    def __init__(self, header: list[Any], line: int, src: TableSource, catalogue: Catalogue, out: Problems):
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
        first: dict[str, int] = {}
        for i, cell in enumerate(header):
            if i in used or cell is None or not str(cell).strip() or _hkey(cell) in _IGNORED:
                continue
            found = parameter_and_unit(str(cell), catalogue)
            if found is None:
                hint = catalogue.suggest(str(cell))
                more = f"; did you mean {', '.join(hint)}?" if hint else ""
                out.add(line, self.name(i), f"unknown parameter {str(cell)!r}{more}")
            elif found[0].id in first:
                other = self.name(first[found[0].id])
                out.add(line, self.name(i), f"two columns for {found[0].id}: {other} and {self.name(i)}; keep one")
            else:
                first[found[0].id] = i
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
