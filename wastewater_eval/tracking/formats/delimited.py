"""Delimited text (CSV, TSV, Excel's "Unicode text"): lab reports and SCADA exports.

Read column-wise (:mod:`..columnar`); a UTF-16 file or one whose quoted cells span lines goes
through the csv module record by record (:mod:`..tabular`), with the same results.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from ..columnar import delimited_batches, quoted_line_breaks
from ..sources import csv_column, csv_rows
from ..tabular import TableSource, table_batches
from .base import ImportContext


class DelimitedText:
    name = "csv"
    description = "a .csv/.tsv/.txt table"
    suffixes = (".csv", ".tsv", ".txt")

    def claims(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in self.suffixes

    def needs_text_encoding(self) -> bool:
        return True

    def batches(self, ctx: ImportContext) -> Iterator[pa.RecordBatch]:
        assert ctx.encoding is not None
        table = TableSource(str(ctx.path), csv_column, ctx.discharger, ctx.basis)
        if ctx.encoding == "utf-16" or quoted_line_breaks(ctx.path):  # the csv module, record by record
            yield from table_batches(csv_rows(ctx.path, ctx.encoding), table, ctx)
        else:
            yield from delimited_batches(ctx.path, ctx.encoding, table, ctx)
