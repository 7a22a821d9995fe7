"""Input files: what kind each is, its SHA-256, its text encoding, and its rows or lines.

HJ 212 logs are read as bytes, line by line. CSV text may be UTF-8 (with or without BOM), UTF-16
with BOM (Excel's "Unicode text"), or GBK/GB18030 (Excel on a Chinese Windows); the encoding is
decided from the whole file, never from a guess on its first bytes. Worksheets are read with
openpyxl in read-only mode (imported only when an .xlsx file is met).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from ..errors import InputError

CHUNK = 1 << 20
Rows = Iterator[tuple[int, list[Any]]]
"""(line or row number, cell values) of a table."""
_HJ212_LINE = re.compile(rb"##\d{4}")
_TABLE_SUFFIXES = {".csv", ".tsv", ".txt"}


@dataclass(frozen=True)
class SourceFile:
    path: Path
    sha256: str
    size: int
    kind: str  # "hj212" | "csv" | "xlsx"
    encoding: str | None = None


def _first_text_line(head: bytes) -> bytes:
    for line in head.lstrip(codecs.BOM_UTF8).splitlines():
        if line.strip():
            return line
    return b""


def _kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if not head.startswith(b"PK\x03\x04"):
            raise InputError.at(str(path), 0, "", "named .xlsx but is not an Excel workbook")
        return "xlsx"
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError.at(str(path), 0, "", "old Excel format (.xls): save it as .xlsx or CSV")
    if _HJ212_LINE.search(_first_text_line(head)):
        return "hj212"
    if suffix in _TABLE_SUFFIXES:
        return "csv"
    raise InputError.at(
        str(path), 1, "", "not an HJ 212 log (no '##' packet on the first line), a .csv or an .xlsx file"
    )


def _check_text(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    with path.open("rb") as f:
        try:
            while chunk := f.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _encoding(path: Path, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):  # GB18030 is a superset of GBK and GB2312
        if _check_text(path, encoding):
            return encoding
    raise InputError.at(str(path), 0, "", "text is neither UTF-8 nor GBK/GB18030; save it as UTF-8 CSV")


def sniff(path: Path) -> SourceFile:
    """Read a file once to hash it, decide its kind and (for CSV) its encoding."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    try:
        with path.open("rb") as f:
            while chunk := f.read(CHUNK):
                if not head:
                    head = chunk[:65536]
                digest.update(chunk)
                size += len(chunk)
    except OSError as exc:
        raise InputError.at(str(path), 0, "", f"cannot read file: {exc.strerror}") from None
    kind = _kind(path, head)
    encoding = _encoding(path, head) if kind == "csv" else None
    return SourceFile(path, digest.hexdigest(), size, kind, encoding)


MAX_LINE = 64 * 1024  # an HJ 212 packet is at most 1 033 bytes; a longer "line" is not one packet


def hj212_lines(src: SourceFile) -> Iterator[bytes]:
    """The log's lines; a line longer than MAX_LINE is cut there (and so rejected as a packet),
    and the rest of it skipped, so memory stays bounded whatever the file holds."""
    with src.path.open("rb") as f:
        while line := f.readline(MAX_LINE):
            yield line
            if len(line) == MAX_LINE and not line.endswith(b"\n"):
                while (rest := f.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                    pass


def csv_rows(src: SourceFile) -> Rows:
    """(line number, cells) for every record; the delimiter is sniffed from the first lines."""
    assert src.encoding is not None
    with src.path.open(encoding=src.encoding, newline="") as f:
        sample = f.read(16384)
        f.seek(0)
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
        except csv.Error:
            delimiter = "\t" if src.encoding == "utf-16" else ","
        reader = csv.reader(f, delimiter=delimiter)
        for cells in reader:
            yield reader.line_num, [c if c.strip() else None for c in cells]


def csv_column(index: int) -> str:
    return f"column {index + 1}"


def xlsx_sheets(src: SourceFile) -> Iterator[tuple[str, Rows]]:
    """(sheet name, rows) for every worksheet; rows are (1-based row number, cell values)."""
    import openpyxl  # imported lazily: only workbooks need it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(src.path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise InputError.at(str(src.path), 0, "", f"cannot open the workbook: {exc}") from None
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()  # some exporters write a wrong <dimension>: read every cell there is

            def rows(ws: Any = ws) -> Rows:
                for n, values in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                    yield n, list(values)

            yield ws.title, rows()
    finally:
        wb.close()


def xlsx_column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def peek(rows: Rows, n: int) -> tuple[list[tuple[int, list[Any]]], Rows]:
    """The first ``n`` rows, and an iterator that still yields all of them."""
    first = list(islice(rows, n))
    return first, chain(first, rows)
