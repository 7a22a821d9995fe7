"""Rendering HTML to PDF with WeasyPrint (imported here, lazily: ``wasteval --help`` stays fast).

WeasyPrint lays text out with Pango, so the CJK font comes from fontconfig (Debian:
fonts-noto-cjk) and the document's ``lang="zh-CN"`` picks Simplified Chinese glyph shapes;
it embeds a subset of each font used, with HarfBuzz's subsetter when libharfbuzz-subset is
installed (fast) and fontTools otherwise (slow on a 20 MB CJK font). Text extraction cannot
show missing glyphs, so rendering listens to WeasyPrint's log: a ``.notdef`` glyph (tofu)
raises :class:`MissingGlyphError`; other warnings are returned for the caller to show.
Nothing is fetched: the documents are self-contained and the URL fetcher refuses every URL.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from .errors import MissingGlyphError, RendererMissingError

# WeasyPrint's warning for a glyph no font has (weasyprint/draw/text.py).
_NOTDEF = re.compile(
    r'^\.notdef glyph rendered for Unicode string unsupported by fonts: "(.*)" \(U\+[0-9A-F]+\)$', re.S
)


@dataclass(frozen=True)
class PdfOutput:
    data: bytes
    warnings: tuple[str, ...]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-untyped]  # WeasyPrint ships no type information
    except (ImportError, OSError) as exc:  # the package, or a system library it loads (Pango)
        raise RendererMissingError(f"{type(exc).__name__}: {exc}") from exc
    return weasyprint


SLOW_SUBSETTING = (
    "HarfBuzz's subsetter (Debian: libharfbuzz-subset0) is not installed: fonts are subset with "
    "fontTools, about 20 s per document with a CJK font instead of well under 1 s"
)


def _subsets_slowly() -> bool:
    """True when WeasyPrint will subset fonts with fontTools (it reads HarfBuzz's at import)."""
    try:
        from weasyprint.pdf import fonts  # type: ignore[import-untyped]  # no type information
    except ImportError:
        return False
    return getattr(fonts, "harfbuzz_subset", True) is None


def _no_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that allows no protocol: a document asking for anything outside it gets a warning."""
    return weasyprint.urls.URLFetcher(allowed_protocols=())


def render_pdf(html: str, name: str = "document") -> PdfOutput:
    """The PDF of a self-contained HTML document. Raises :class:`MissingGlyphError` on tofu."""
    weasyprint = _weasyprint()
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    old_level = logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetcher(weasyprint))
        data = document.write_pdf()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    missing = [m.group(1) for m in map(_NOTDEF.match, handler.messages) if m]
    if missing:
        raise MissingGlyphError(name, missing)
    warnings = [*handler.messages, SLOW_SUBSETTING] if _subsets_slowly() else handler.messages
    return PdfOutput(bytes(data), tuple(warnings))
