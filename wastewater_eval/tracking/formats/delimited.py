"""Delimited text (CSV, TSV, Excel's "Unicode text"): lab reports and SCADA exports.

Read column-wise (:mod:`..columnar`); a UTF-16 file or one whose quoted cells span lines goes
through the csv module record by record (:mod:`..tabular`), with the same results.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv

from ...errors import InputError
from ..columnar import ColumnReader
from ..sources import csv_column, csv_delimiter, csv_rows
from ..table_header import HEADER_SEARCH_ROWS, Layout, Problems, find_header
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


def quoted_line_breaks(path: Path) -> bool:
    """True if a quoted cell may span lines (the file has a line with an odd number of quotes)."""
    with path.open("rb") as f:
        if b'"' not in f.read():
            return False
        f.seek(0)
        return any(line.count(b'"') % 2 for line in f)


def delimited_batches(path: Path, encoding: str, src: TableSource, ctx: ImportContext) -> Iterator[pa.RecordBatch]:
    """The readings of a delimited file, column-wise (the caller checked it has no quoted line breaks)."""
    out = Problems(src.path)
    first = list(islice(csv_rows(path, encoding), HEADER_SEARCH_ROWS))
    found = find_header(iter(first))
    if found is None:
        out.add(1, "", f"no header row with a time column (时间/采样时间/time) in the first {HEADER_SEARCH_ROWS} rows")
        out.raise_if_any()
        return
    header_line, header = found
    layout = Layout(header, header_line, src, ctx.catalogue, out)
    out.raise_if_any()
    reader = ColumnReader(layout, src, ctx, csv_delimiter(path, encoding))
    odd: list[tuple[int, str]] = []

    def invalid(row: Any) -> str:
        odd.append((int(row.number), str(row.text)))
        return "skip"

    if not _lines_after(path, encoding, header_line):
        return  # the header and nothing under it: no readings, nothing wrong
    stream = pcsv.open_csv(
        path,
        read_options=pcsv.ReadOptions(
            column_names=["line"], encoding=encoding, skip_rows=header_line, use_threads=False, block_size=16 << 20
        ),
        parse_options=pcsv.ParseOptions(
            delimiter="\x1f", quote_char=False, escape_char=False, ignore_empty_lines=False, invalid_row_handler=invalid
        ),
        convert_options=pcsv.ConvertOptions(column_types={"line": pa.string()}, strings_can_be_null=False),
    )
    next_line = header_line + 1
    try:
        for chunk in stream:
            lines = chunk.column(0)
            numbers, next_line = _numbers(len(lines), next_line, odd)
            columns, line_numbers = reader.cells(lines, numbers, odd)
            odd.clear()
            batch = reader.batch(columns, line_numbers)
            if batch is not None:
                yield batch
    except pa.ArrowInvalid as exc:
        raise InputError.at(src.path, next_line, "", f"not a readable CSV line: {exc}") from None
    reader.errors.raise_if_any()


def _lines_after(path: Path, encoding: str, header_line: int) -> bool:
    """True if the file has a line after its header line (Arrow cannot skip past the end of a file)."""
    with path.open(encoding=encoding, newline="") as f:
        for n, _ in enumerate(f, 1):
            if n > header_line:
                return True
    return False


def _numbers(n: int, start: int, odd: list[tuple[int, str]]) -> tuple[np.ndarray, int]:
    """Line numbers of ``n`` regular lines from ``start`` on, skipping the irregular ones of ``odd``."""
    skipped = {k for k, _ in odd}
    out = np.empty(n, dtype=np.int64)
    k, line = 0, start
    if not skipped:
        return np.arange(start, start + n, dtype=np.int64), start + n
    while k < n:
        if line not in skipped:
            out[k] = line
            k += 1
        line += 1
    while line in skipped:
        line += 1
    return out, line
