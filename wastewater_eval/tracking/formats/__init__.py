"""Monitoring input formats: one module per format, and the explicit tuple the importer loops over.

A format says whether it reads a file (:meth:`Format.claims`, from its name and first bytes) and
turns it into Arrow record batches of readings (:meth:`Format.batches`, columns as in
:data:`..rows.SCHEMA`). Adding a format is one module here and one entry in :data:`FORMATS`, a
fixture in ``tests/tracking/fixtures/formats/`` and a section in ``docs/tracking.md`` (a test
requires both); see "Adding a format" there.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import InputError
from .base import Format, ImportContext, SourceCounts
from .delimited import DelimitedText
from .hj212 import Hj212Log
from .workbook import Workbook

FORMATS: tuple[Format, ...] = (Workbook(), Hj212Log(), DelimitedText())  # type: ignore[assignment]
"""In the order they are asked: the first that claims a file reads it."""


def format_for(path: Path, head: bytes) -> Format:
    """The format that reads this file, or :class:`InputError` saying what the file is not."""
    if path.suffix.lower() == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError.at(str(path), 0, "", "old Excel format (.xls): save it as .xlsx or CSV")
    for f in FORMATS:
        if f.claims(path, head):
            return f
    names = ", ".join(f.description for f in FORMATS)
    raise InputError.at(str(path), 1, "", f"not a file of a known format ({names})")


def format_named(name: str) -> Format:
    return next(f for f in FORMATS if f.name == name)


__all__ = ["FORMATS", "Format", "ImportContext", "SourceCounts", "format_for", "format_named"]
