"""Readings out of a table (CSV or a worksheet), in the two shapes labs and SCADA systems export.

Long: one row per reading — discharger, time, parameter, value, unit (a unit may also sit in the
value: ``0.5 mg/L``, ``ND(0.004 mg/L)``). Wide: one row per time, one column per parameter, the
unit in the header (:mod:`.table_header`). Every problem (unknown parameter or sampling point,
unreadable value, no unit, bad time) is collected with file, row and column, and the file fails
once at its end. Qualifiers are kept: ``>400``/``≥400`` mean at least 400.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import pyarrow as pa

from ..errors import UnitError
from ..load.units import Reading, parse_reading, pint_expression, split_basis
from ..standards.parameters import Catalogue, Parameter
from ..vocabulary import vocabulary
from .codes import CodeTable
from .context import ImportContext, SourceCounts
from .rows import ReadingRow, batches
from .table_header import (
    HEADER_SEARCH_ROWS,
    Layout,
    Problems,
    TableSource,
    blank,
    find_header,
    parameter_and_unit,
)
from .table_time import parse_time
from .values import decimal_converter

__all__ = ["HEADER_SEARCH_ROWS", "TableSource", "find_header", "parameter_and_unit", "parse_time", "table_batches"]
BASIS_WORDS = {"online": "online", "在线": "online", "在线监测": "online", "自动监测": "online",
               "lab": "lab", "laboratory": "lab", "实验室": "lab", "手工": "lab", "手工监测": "lab",
               "人工": "lab"}  # fmt: skip
INTERVAL_WORDS = {"realtime": "realtime", "实时": "realtime", "minute": "minute", "分钟": "minute",
                  "hour": "hour", "小时": "hour", "day": "day", "日": "day", "天": "day",
                  "sample": "sample", "样品": "sample", "采样": "sample"}  # fmt: skip


def table_batches(
    rows: Iterable[tuple[int, list[Any]]], src: TableSource, ctx: ImportContext
) -> Iterator[pa.RecordBatch]:
    """The table's readings as Arrow batches."""
    yield from batches(table_rows(rows, src, ctx.catalogue, ctx.codes, ctx.import_id, ctx.counts), ctx.batch_size)


def table_rows(
    rows: Iterable[tuple[int, list[Any]]],
    src: TableSource,
    catalogue: Catalogue,
    table: CodeTable,
    import_id: int,
    counts: SourceCounts,
) -> Iterator[ReadingRow]:
    """Every reading of a table; raises :class:`InputError` with all problems after the last row."""
    out = Problems(src.path)
    it = iter(rows)
    found = find_header(it)
    if found is None:
        out.add(1, "", f"no header row with a time column (时间/采样时间/time) in the first {HEADER_SEARCH_ROWS} rows")
        out.raise_if_any()
        return
    layout = Layout(found[1], found[0], src, catalogue, out)
    if out.items:
        out.raise_if_any()
    reader = _RowReader(layout, src, catalogue, table, import_id, out)
    for line, cells in it:
        if all(blank(c) for c in cells):
            continue
        if _summary_row(cells):
            counts.skipped["summary row"] += 1
            continue
        for row in reader.read(line, cells, counts):
            counts.read += 1
            if not row.valid:
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
        self, layout: Layout, src: TableSource, catalogue: Catalogue, table: CodeTable, import_id: int, out: Problems
    ) -> None:
        self.layout, self.src, self.catalogue, self.table = layout, src, catalogue, table
        self.import_id, self.out = import_id, out

    def _text(self, cells: list[Any], role: str) -> str | None:
        cell = self.layout.cell(cells, role)
        if blank(cell):
            return None
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        return unicodedata.normalize("NFKC", str(cell)).strip()

    def _where(self, role: str) -> str:
        cols = self.layout.roles.get(role)
        return self.layout.name(cols[0]) if cols else role

    def read(self, line: int, cells: list[Any], counts: SourceCounts) -> list[ReadingRow]:
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
        point = self._point(line, cells)
        unit_col = self._text(cells, "unit")
        if lay.long:
            pairs = self._long_pair(line, cells)
        else:
            pairs = [(p, unit, cells[i], lay.name(i)) for i, (p, unit) in lay.params.items() if i < len(cells)]
        rows: list[ReadingRow] = []
        for p, named_unit, cell, where in pairs:
            if blank(cell):
                counts.skipped["empty value"] += 1
                continue
            unit_hint = self._unit_hint(line, where, named_unit, unit_col, lay.long)
            value = self._value(line, where, p, cell, unit_hint, cells)
            if value is None or len(self.out.items) + self.out.more > before:
                continue
            number, detected, qualifier = value
            valid = self.table.flag_is_valid(flag)
            # seq -1: the store numbers readings that share a time in the order the table lists them
            rows.append(ReadingRow(discharger or "", p.id, interval, ts, basis, point, -1, number, None, None, None,
                                   detected, qualifier, flag, valid, self.import_id, line))  # fmt: skip
        return rows if len(self.out.items) + self.out.more == before else []

    def _point(self, line: int, cells: list[Any]) -> str:
        """The sampling point's code (总排口 → final_outlet); an unknown name is an error, never kept as text."""
        text = self._text(cells, "point")
        if text is None:
            return ""
        code = vocabulary().resolve("point", text)
        if code is None:
            known = ", ".join(vocabulary().names_of("point"))
            self.out.add(line, self._where("point"), f"unknown sampling point {text!r} (known: {known})")
            return ""
        return code

    def _unit_hint(self, line: int, where: str, named: str | None, column: str | None, long: bool) -> str | None:
        """The unit in the header (or parameter name) and the unit column must agree when both are given;
        a wide table's unit column names no parameter, so only a header unit counts there."""
        if named and column and _differ(named, column):
            unit_where = self._where("unit")
            self.out.add(line, where, f"unit {named!r} of {where} contradicts {column!r} in {unit_where}")
        return (named or column) if long else named

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
    ) -> tuple[float | None, bool, str | None] | None:
        try:
            r = parse_reading(cell.strip() if isinstance(cell, str) else cell, p.id)
            if not r.detected and r.detection_limit is None:
                r = self._with_detection_limit(r, cells, p)
            unit = self._unit(r, unit_hint)
            if r.basis and p.basis and r.basis.upper() != p.basis.upper():
                self.out.add(line, where, f"basis 以{r.basis}计 contradicts {p.id}, which is 以{p.basis}计")
                return None
            number = r.number
            qualifier = r.qualifier if r.qualifier in (">", ">=") else None
            if number is None:
                return None, r.detected, None
            if unit is None and pint_expression(p.unit) != "dimensionless":
                hint = "give it in the value, the unit column or the header"
                self.out.add(line, where, f"{p.id}: {cell!r} has no unit; {hint}")
                return None
            converted = decimal_converter(unit or "", p.unit, p.id)(number)
            if not math.isfinite(converted):
                self.out.add(line, where, f"{p.id}: {cell!r} is out of range")
                return None
            return converted, r.detected, qualifier
        except UnitError as exc:
            self.out.add(line, where, str(exc))
            return None
        except ArithmeticError:  # decimal overflow in the conversion: far beyond any measurement
            self.out.add(line, where, f"{p.id}: {cell!r} is out of range")
            return None

    def _unit(self, r: Reading, hint: str | None) -> str | None:
        if hint is not None:
            hint, _basis = split_basis(hint)
        if r.unit and hint and pint_expression(r.unit) != pint_expression(hint):
            raise UnitError("value", r.text, f"unit {r.unit!r} in the value differs from {hint!r} of its column")
        return r.unit or hint or None

    def _with_detection_limit(self, r: Reading, cells: list[Any], p: Parameter) -> Reading:
        dl = self.layout.cell(cells, "detection_limit")
        if blank(dl):
            return r
        limit = parse_reading(dl, p.id)
        if limit.value is None:
            return r
        return Reading(r.text, None, r.unit or limit.unit, False, Decimal(limit.value), r.basis, r.qualifier)


def _differ(a: str, b: str) -> bool:
    try:
        return bool(pint_expression(split_basis(a)[0]) != pint_expression(split_basis(b)[0]))
    except UnitError:
        return a != b
