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


@dataclass(frozen=True)
class SourceFile:
    path: Path
    sha256: str
    size: int
    head: bytes  # the first 64 KiB


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


def text_encoding(path: Path, head: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 (BOM) or GB18030, decided from the whole file, never guessed."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):  # GB18030 is a superset of GBK and GB2312
        if _check_text(path, encoding):
            return encoding
    raise InputError.at(str(path), 0, "", "text is neither UTF-8 nor GBK/GB18030; save it as UTF-8 CSV")


def sniff(path: Path) -> SourceFile:
    """Read a file once to hash it and keep its first bytes (for the formats to claim it)."""
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
    return SourceFile(path, digest.hexdigest(), size, head)


MAX_LINE = 64 * 1024  # an HJ 212 packet is at most 1 033 bytes; a longer "line" is not one packet


def hj212_lines(path: Path) -> Iterator[bytes]:
    """The log's lines; a line longer than MAX_LINE is cut there (and so rejected as a packet),
    and the rest of it skipped, so memory stays bounded whatever the file holds."""
    with path.open("rb") as f:
        while line := f.readline(MAX_LINE):
            yield line
            if len(line) == MAX_LINE and not line.endswith(b"\n"):
                while (rest := f.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                    pass


def csv_delimiter(path: Path, encoding: str) -> str:
    """The delimiter (``,`` ``;`` tab ``|``), sniffed from the first 16 KiB."""
    with path.open(encoding=encoding, newline="") as f:
        sample = f.read(16384)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
    except csv.Error:
        return "\t" if encoding == "utf-16" else ","


def csv_rows(path: Path, encoding: str) -> Rows:
    """(line number, cells) for every record; the delimiter is sniffed from the first lines.

    A cell longer than the csv module's default limit is allowed up to :data:`MAX_CELL`; past
    that the file is refused with its line, not a traceback."""
    csv.field_size_limit(MAX_CELL)
    delimiter = csv_delimiter(path, encoding)
    with path.open(encoding=encoding, newline="") as f:
        reader = csv.reader(f, delimiter=delimiter)
        try:
            for cells in reader:
                yield reader.line_num, [c if c.strip() else None for c in cells]
        except csv.Error as exc:
            raise InputError.at(str(path), reader.line_num + 1, "", f"not a readable CSV record: {exc}") from None


def csv_column(index: int) -> str:
    return f"column {index + 1}"


MAX_CELL = 1 << 20  # 1 MiB: no measured value, time or name is longer
MAX_UNPACKED = 512 << 20  # what a workbook may unpack to (its XML); a bigger one is refused before parsing
MAX_RATIO = 200  # and how much one member may expand (ordinary sheets: 5-20x)


def _check_zip(path: Path) -> None:
    """Refuse a zip bomb from the zip directory alone (sizes as declared), before anything expands."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError.at(str(path), 0, "", f"cannot open the workbook: {exc}") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise InputError.at(
            str(path), 0, "", f"the workbook unpacks to {total >> 20} MiB (at most {MAX_UNPACKED >> 20})"
        )
    for i in infos:
        if i.file_size > (1 << 20) and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise InputError.at(
                str(path), 0, "", f"{i.filename} expands {i.file_size // max(i.compress_size, 1)}x: not a workbook"
            )


def xlsx_sheets(path: Path) -> Iterator[tuple[str, Rows]]:
    """(sheet name, rows) for every worksheet; rows are (1-based row number, cell values)."""
    import zipfile

    _check_zip(path)
    import openpyxl  # imported lazily: only workbooks need it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise InputError.at(str(path), 0, "", f"cannot open the workbook: {exc}") from None
    except Exception as exc:  # a corrupt part inside the zip: openpyxl's XML errors vary by part
        raise InputError.at(str(path), 0, "", f"cannot read the workbook: {type(exc).__name__}: {exc}") from None
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()  # some exporters write a wrong <dimension>: read every cell there is

            def rows(ws: Any = ws) -> Rows:
                for n, values in enumerate(ws.iter_rows(min_row=1, values_only=True), 1):
                    yield n, list(values)

            yield ws.title, rows()
    finally:
        wb.close()


_CELL = re.compile(rb"<c\b([^>]*)>(.*?)</c>", re.S)
_REF = re.compile(rb'\br="[A-Z]+(\d+)"')
_VALUE = re.compile(rb"<v>[^<]+</v>")  # a cached value (openpyxl writes an empty <v /> for none)


def formulas_without_values(path: Path) -> dict[str, list[int]]:
    """Per sheet name: the rows that hold a formula cell with no cached value (a workbook saved by a
    tool that does not compute formulas). openpyxl reads such a cell as empty; this says where."""
    import zipfile
    from xml.etree import ElementTree

    out: dict[str, list[int]] = {}
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "p": "http://schemas.openxmlformats.org/package/2006/relationships"}  # fmt: skip
    try:
        with zipfile.ZipFile(path) as z:
            sheets = ElementTree.fromstring(z.read("xl/workbook.xml")).findall("m:sheets/m:sheet", ns)
            rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels")).findall("p:Relationship", ns)
            target = {r.get("Id"): r.get("Target", "") for r in rels}
            for sheet in sheets:
                part = target.get(sheet.get(f"{{{ns['r']}}}id"), "")
                name = part.lstrip("/") if part.startswith("/") else f"xl/{part}"
                data = z.read(name)
                if b"<f" not in data:
                    continue
                rows = sorted({int(m.group(1)) for attrs, body in _CELL.findall(data)
                               if b"<f" in body and not _VALUE.search(body) and (m := _REF.search(attrs))})  # fmt: skip
                if rows:
                    out[sheet.get("name", "")] = rows
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return {}  # the workbook reader says what is wrong with the file
    return out


def xlsx_column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def peek(rows: Rows, n: int) -> tuple[list[tuple[int, list[Any]]], Rows]:
    """The first ``n`` rows, and an iterator that still yields all of them."""
    first = list(islice(rows, n))
    return first, chain(first, rows)
