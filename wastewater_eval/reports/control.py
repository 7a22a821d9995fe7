"""Document control: the operator who signs, the people who compile, review and approve, the copies,
and each document's number.

The caller gives a :class:`DocumentControl` (the command line builds it from the site
configuration's ``[operator]`` and ``[rectification]`` sections, site.py, which also checks a
number pattern: :func:`~wastewater_eval.site.number_pattern_problem`). A document's number
comes from a :class:`Numberer`, which the command line backs with the store so that numbers are
unique there and the same result always gets the same number; without one a document is a draft
and says so. Nothing here reads a file or the clock.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

DEFAULT_NUMBER = "{discharger}-{kind}-{year}-{seq:03d}"
# The kind of each document as its number writes it (the tracking run numbers notices 告知).
NUMBER_KIND = {"report": "评估", "opinion": "咨询", "reuse": "回用", "notice": "告知"}


@dataclass(frozen=True)
class DocumentKey:
    """What identifies one document: the same result's same document always gets the same number."""

    discharger: str
    kind: str
    recipient: str
    as_of: str
    input_sha256: str

    @property
    def text(self) -> str:
        return "|".join((self.discharger, self.kind, self.recipient, self.as_of, self.input_sha256))


class Numberer(Protocol):
    def __call__(self, key: DocumentKey, pattern: str) -> str: ...


def format_number(pattern: str, discharger: str, kind: str, year: int, seq: int) -> str:
    return pattern.format(discharger=discharger, kind=kind, year=year, seq=seq)


def number_scope(pattern: str, discharger: str, kind: str, year: int) -> str:
    """What a pattern's number is unique within: the pattern filled in all but its running number."""
    parts = []
    for literal, name, spec, conv in string.Formatter().parse(pattern):
        parts.append(literal)
        if name == "seq":
            parts.append("{seq}")
        elif name is not None:
            value = {"discharger": discharger, "kind": kind, "year": year}[name]
            parts.append(format(value, spec or "") if not conv else str(value))
    return "".join(parts)


@dataclass(frozen=True)
class DocumentControl:
    """Who issues, signs and receives copies; how documents are numbered; the rectification deadlines."""

    operator: str | None = None  # the operator's legal name (运营单位), the sender of every document
    address: str | None = None
    telephone: str | None = None
    compiled_by: str | None = None
    reviewed_by: str | None = None
    approved_by: str | None = None
    copies: tuple[str, ...] = ()  # 抄送, on every document besides the recipients its kind adds
    number_pattern: str = DEFAULT_NUMBER
    numberer: Numberer | None = None
    deadlines: Mapping[str, int] = field(default_factory=dict)  # recommendation code → days (site)
    resample_after: int | None = None  # days after a deadline the operator samples again (site)

    def number(self, key: DocumentKey) -> str | None:
        return None if self.numberer is None else self.numberer(key, self.number_pattern)


NO_CONTROL = DocumentControl()
