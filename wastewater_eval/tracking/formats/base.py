"""The protocol every monitoring input format implements."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pyarrow as pa

from ..context import BATCH, ImportContext, SourceCounts


class Format(Protocol):
    name: str  # stored as the import's kind
    description: str  # for messages: what a file of this format is
    suffixes: tuple[str, ...]

    def claims(self, path: Path, head: bytes) -> bool:
        """True if this format reads the file (from its name and first 64 KiB)."""
        ...

    def needs_text_encoding(self) -> bool:
        """True if the importer should find the file's text encoding first (UTF-8, UTF-16, GB18030)."""
        ...

    def batches(self, ctx: ImportContext) -> Iterator[pa.RecordBatch]:
        """The file's readings; raise :class:`~wastewater_eval.errors.InputError` with every problem."""
        ...


__all__ = ["BATCH", "Format", "ImportContext", "SourceCounts"]
