"""What one file's import hands its format: where the rows go, what they are read against."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..standards.parameters import Catalogue
from .codes import CodeTable

BATCH = 65_536
"""Rows per Arrow batch a format yields."""


@dataclass
class SourceCounts:
    """What one file gave, before the store decides what is new."""

    packets: int = 0
    read: int = 0
    invalid_flagged: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)


@dataclass
class ImportContext:
    """One file's import: where its rows go and what they are read against."""

    path: Path
    encoding: str | None
    import_id: int
    catalogue: Catalogue
    codes: CodeTable
    counts: SourceCounts
    notes: list[str]
    discharger: str | None = None  # for table files without a discharger column
    basis: str = "lab"  # for table rows without a basis column
    batch_size: int = BATCH
