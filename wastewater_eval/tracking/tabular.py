"""Readings out of a table (CSV or a worksheet), in the two shapes labs and SCADA systems export.

Long: one row per reading — discharger, time, parameter, value, unit (a unit may also sit in the
value: ``0.5 mg/L``, ``ND(0.004 mg/L)``). Wide: one row per time, one column per parameter, the
unit in the header (:mod:`.table_header`). Every problem (unknown parameter or sampling point,
unreadable value, no unit, bad time) is collected with file, row and column, and the file fails
once at its end. Qualifiers are kept: ``>400``/``≥400`` mean at least 400.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyarrow as pa

from ..standards.parameters import Catalogue, Parameter
from .cells import (
    BASIS_WORDS,
    INTERVAL_WORDS,
    CellError,
    cell_text,
    read_flag,
    read_parameter,
    read_point,
    read_value,
    read_word,
    unit_hint,
)
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

__all__ = ["HEADER_SEARCH_ROWS", "TableSource", "find_header", "parameter_and_unit", "parse_time", "table_batches"]


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
        if summary_row(cells):
            counts.skipped["summary row"] += 1
            continue
        for row in reader.read(line, cells, counts):
            counts.read += 1
            if not row.valid:
                counts.invalid_flagged += 1
            yield row
    out.raise_if_any()


# Rows that lab and SCADA exports append under the data (合计, 平均值 ...): counted and skipped.
SUMMARY_WORDS = ("合计", "总计", "小计", "平均", "平均值", "均值", "最大值", "最小值", "最大", "最小", "统计",
                 "total", "sum", "average", "mean", "max", "min")  # fmt: skip
_SUMMARY = re.compile(r"^(" + "|".join(SUMMARY_WORDS) + r")\b", re.IGNORECASE)


def summary_row(cells: list[Any]) -> bool:
    for cell in cells[:3]:
        if isinstance(cell, str) and _SUMMARY.match(unicodedata.normalize("NFKC", cell).strip()):
            return True
    return False


class _RowReader:
    """One table row at a time (workbooks, and delimited text the column-wise reader cannot take)."""

    def __init__(
        self, layout: Layout, src: TableSource, catalogue: Catalogue, table: CodeTable, import_id: int, out: Problems
    ) -> None:
        self.layout, self.src, self.catalogue, self.table = layout, src, catalogue, table
        self.import_id, self.out = import_id, out

    def _text(self, cells: list[Any], role: str) -> str | None:
        return cell_text(self.layout.cell(cells, role))

    def _where(self, role: str) -> str:
        cols = self.layout.roles.get(role)
        return self.layout.name(cols[0]) if cols else role

    def _cell(self, line: int, cells: list[Any], role: str, read: Callable[[str], str]) -> str | None:
        text = self._text(cells, role)
        if text is None:
            return None
        try:
            return read(text)
        except CellError as exc:
            self.out.add(line, self._where(role), str(exc))
            return None

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
        flag = self._cell(line, cells, "flag", lambda t: read_flag(t, self.table))
        basis = self._cell(line, cells, "basis", lambda t: read_word(t, BASIS_WORDS)) or self.src.basis
        interval = self._cell(line, cells, "interval", lambda t: read_word(t, INTERVAL_WORDS)) or "sample"
        point = self._cell(line, cells, "point", read_point) or ""
        unit_col = self._text(cells, "unit")
        if lay.long:
            pairs = self._long_pair(line, cells)
        else:
            # a cell the row does not reach (a short row) is an empty value, counted as one
            pairs = [
                (p, unit, cells[i] if i < len(cells) else None, lay.name(i)) for i, (p, unit) in lay.params.items()
            ]
        rows: list[ReadingRow] = []
        valid = self.table.flag_is_valid(flag)
        for p, named_unit, cell, where in pairs:
            if blank(cell):
                counts.skipped["empty value"] += 1
                continue
            try:
                hint = unit_hint(named_unit, unit_col, lay.long, where, self._where("unit"))
                number, detected, qualifier = read_value(cell, p, hint, lay.cell(cells, "detection_limit"))
            except CellError as exc:
                self.out.add(line, where, str(exc))
                continue
            # seq -1: the store numbers readings that share a time in the order the table lists them
            rows.append(ReadingRow(discharger or "", p.id, interval, ts, basis, point, -1, number, None, None, None,
                                   detected, qualifier, flag, valid, self.import_id, line))  # fmt: skip
        return rows if len(self.out.items) + self.out.more == before else []

    def _long_pair(self, line: int, cells: list[Any]) -> list[tuple[Parameter, str | None, Any, str]]:
        name = self._text(cells, "parameter")
        if name is None:
            self.out.add(line, self._where("parameter"), "no parameter")
            return []
        try:
            p, unit = read_parameter(name, self.catalogue)
        except CellError as exc:
            self.out.add(line, self._where("parameter"), str(exc))
            return []
        return [(p, unit, self.layout.cell(cells, "value"), self._where("value"))]
