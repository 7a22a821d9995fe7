"""Reports and notices (issue 5): the documents an assessment calls for, as HTML and PDF.

Every document is built from the :class:`~wastewater_eval.assessment.result.Assessment` alone
(its ``subject`` block says who the discharger is), so a recorded or saved result renders years
later without its input. Layers, each a small module:
  :mod:`.source`                       one result in one language: what the builders read
  :mod:`.sections`                     a document's sections as registered units, numbered
  :mod:`.report` :mod:`.notice` :mod:`.reuse` :mod:`.opinion`   each document's context and sections
  :mod:`.context`                      the frame they share (number, notices, signatures, copies)
  :mod:`.words` and :mod:`.terms`      the documents' words; the law's codes' words
  :mod:`.control`                      document control: the operator, signatories, numbering
  :mod:`.charts`                       SVG charts drawn from the findings
  :mod:`.documents`                    which documents a result calls for, and their file names
  :mod:`.environment`                  the one Jinja environment (autoescape, StrictUndefined)
  :mod:`.html` / :mod:`.pdf`           rendering (WeasyPrint is imported only when a PDF is made)
  :mod:`.files`                        writing files atomically, never overwriting unasked

Like the rest of the library this package never prints or exits; it raises the errors in
:mod:`.errors` (all :class:`~wastewater_eval.errors.WastevalError`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..assessment.result import Assessment
from .control import NO_CONTROL, DocumentControl, DocumentKey
from .documents import DocumentPlan, plan_documents
from .environment import make_environment
from .errors import MissingGlyphError, OutputExistsError, ReportError
from .files import write_files
from .html import render_html


@dataclass(frozen=True)
class RenderedDocument:
    plan: DocumentPlan
    html: str
    pdf: bytes | None
    warnings: tuple[str, ...] = ()

    def files(self) -> dict[str, bytes]:
        out = {f"{self.plan.stem}.html": self.html.encode("utf-8")}
        if self.pdf is not None:
            out[f"{self.plan.stem}.pdf"] = self.pdf
        return out


def render_documents(
    a: Assessment,
    d: object = None,
    *,
    lang: str = "zh",
    templates: Path | None = None,
    pdf: bool = True,
    kinds: frozenset[str] | None = None,
    control: DocumentControl = NO_CONTROL,
) -> list[RenderedDocument]:
    """Render every document ``a`` calls for (or only those of ``kinds``). Nothing is written;
    a failure renders nothing.

    The result alone is enough: ``d`` (a discharger, as callers before the result carried its
    subject passed) is accepted and ignored. ``control`` names the operator and signatories
    and numbers the documents (unnumbered drafts without it)."""
    env = make_environment(templates)
    out = []
    for plan in plan_documents(a, lang, control):
        if kinds is not None and plan.kind not in kinds:
            continue
        html = render_html(env, plan)
        if pdf:
            from .pdf import render_pdf

            result = render_pdf(html, plan.stem)
            out.append(RenderedDocument(plan, html, result.data, result.warnings))
        else:
            out.append(RenderedDocument(plan, html, None))
    return out


def write_documents(docs: list[RenderedDocument], folder: Path, *, force: bool = False) -> list[Path]:
    """Write the rendered documents into ``folder``; without ``force`` nothing is replaced."""
    files: dict[str, bytes] = {}
    for doc in docs:
        files.update(doc.files())
    return write_files(folder, files, overwrite=force)


__all__ = [
    "DocumentControl",
    "DocumentKey",
    "DocumentPlan",
    "MissingGlyphError",
    "OutputExistsError",
    "RenderedDocument",
    "ReportError",
    "make_environment",
    "plan_documents",
    "render_documents",
    "render_html",
    "write_documents",
]
