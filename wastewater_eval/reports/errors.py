"""What can go wrong when documents are rendered or written. Each error builds its message from its fields."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import WastevalError


class ReportError(WastevalError):
    """A document could not be built, rendered or written."""


class OpinionShapeError(ReportError):
    """An ``opinion`` object (第五条第二项) lacks a field the template needs."""

    def __init__(self, field: str, reason: str = "missing") -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"opinion: {field}: {reason}")


class MissingGlyphError(ReportError):
    """The PDF renderer drew characters no installed font has (tofu boxes)."""

    def __init__(self, document: str, characters: Iterable[str]) -> None:
        self.document = document
        self.characters = tuple(sorted(set(characters)))
        shown = " ".join(f"{c!r} (U+{ord(c):04X})" for c in self.characters)
        super().__init__(
            f"{document}: no installed font has a glyph for {shown}; "
            "install a CJK font (Debian: apt-get install fonts-noto-cjk), see docs/reports.md"
        )


class RendererMissingError(ReportError):
    """The PDF library or a system library it needs is not installed."""

    def __init__(self, cause: str) -> None:
        self.cause = cause
        super().__init__(f"PDF rendering is not available ({cause}); see docs/reports.md for the set-up")


class OutputExistsError(ReportError):
    """Files that a run would write already exist, and overwriting was not asked for."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = tuple(paths)
        names = ", ".join(str(p) for p in self.paths)
        super().__init__(f"will not overwrite existing files (use --force to replace them): {names}")
