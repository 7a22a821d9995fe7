"""Excel workbooks (.xlsx): every sheet with a header row is read; others are noted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from ...errors import InputError
from ..sources import formulas_without_values, peek, xlsx_column, xlsx_sheets
from ..tabular import HEADER_SEARCH_ROWS, TableSource, find_header, table_batches
from .base import ImportContext


class Workbook:
    name = "xlsx"
    description = "an .xlsx workbook"
    suffixes = (".xlsx", ".xlsm")

    def claims(self, path: Path, head: bytes) -> bool:
        if path.suffix.lower() not in self.suffixes:
            return False
        if not head.startswith(b"PK\x03\x04"):
            raise InputError.at(str(path), 0, "", "named .xlsx but is not an Excel workbook")
        return True

    def needs_text_encoding(self) -> bool:
        return False

    def batches(self, ctx: ImportContext) -> Iterator[pa.RecordBatch]:
        for sheet, where in formulas_without_values(ctx.path).items():
            ctx.counts.skipped["formula without a cached value"] += len(where)
            shown = ", ".join(map(str, where[:20])) + (" …" if len(where) > 20 else "")
            ctx.notes.append(f"sheet {sheet!r}: formula cells without a cached value (read as empty) in rows {shown}")
        used = 0
        for name, rows in xlsx_sheets(ctx.path):
            first, rows = peek(rows, HEADER_SEARCH_ROWS)
            if find_header(iter(first)) is None:
                ctx.notes.append(f"sheet {name!r} skipped: no header row with a time column")
                continue
            used += 1
            table = TableSource(f"{ctx.path}[{name}]", xlsx_column, ctx.discharger, ctx.basis)
            yield from table_batches(rows, table, ctx)
        if not used:
            raise InputError.at(
                str(ctx.path), 0, "", "no sheet has a header row with a time column (时间/采样时间/time)"
            )
