"""Which documents a result calls for, with their templates, contexts and predictable file names.

- the assessment report (第五条第一项) when the result is to be reported to the district;
- a written notice (第八条) per recipient of the result's 第八条 notifications;
- the reuse recommendation (第七条) when reuse is encouraged;
- the design-condition consultation opinion (第五条第二项) when the result carries an opinion.

File names: ``<discharger id>-<document>[-<recipient>].<lang>.html`` (and ``.pdf``), e.g.
``GZ-HP-2023-0042-notice-ecology-environment-bureau.zh.pdf``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..assessment.result import Assessment
from ..vocabulary import vocabulary
from . import terms
from .context import Letter
from .control import NO_CONTROL, DocumentControl
from .notice import notice_context
from .opinion import opinion_context, opinion_of
from .report import report_context
from .reuse import reuse_context
from .source import Source


@dataclass(frozen=True)
class DocumentPlan:
    """One document to render: its kind, its file name without extension, its template and context."""

    kind: str
    stem: str
    template: str
    context: Letter


def safe_name(text: str) -> str:
    """A discharger id as a file-name part: letters, digits, ``.``, ``_`` and ``-`` only."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._")
    return cleaned or "discharger"


def plan_documents(a: Assessment, lang: str = "zh", control: DocumentControl = NO_CONTROL) -> list[DocumentPlan]:
    """The documents ``a`` calls for, in a fixed order: report, notices by recipient, reuse, opinion."""
    if lang not in terms.LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(terms.LANGS)}")
    src = Source(a, lang, control)
    base = safe_name(str(a.discharger["id"]))
    plans: list[DocumentPlan] = []

    def add(kind: str, context: Letter, suffix: str = "") -> None:
        plans.append(DocumentPlan(kind, f"{base}-{kind}{suffix}.{lang}", f"{kind}.{lang}.html", context))

    report = a.conclusions.get("report_to_district")
    if report is not None and report.value is True:
        add("report", report_context(src))
    v = vocabulary()
    for recipient in sorted({n.recipient for n in a.notifications if v.document_for(n.article) == "notice"}):
        add("notice", notice_context(src, recipient), f"-{terms.recipient_slug(recipient)}")
    reuse = a.conclusions.get("reuse_encouraged")
    if reuse is not None and reuse.value is True:
        add("reuse", reuse_context(src))
    opinion = opinion_of(a)
    if opinion is not None:
        add("opinion", opinion_context(src, opinion))
    return plans
