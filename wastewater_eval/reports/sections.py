"""A document's sections as registered units: what each shows, which macro shows it, when it applies.

Each document kind lists its :class:`Section` s in order. A section is an id (its heading is the
word ``section_<id>`` of words.yaml; its macro in ``sections.html`` has the same name), a builder
that takes the document's :class:`~.source.Source` and returns what the macro shows, and when it
applies. Numbering is generated: 一、二、… (1. 2. … in English) for the body, 附录一 … (Appendix 1 …)
for appendices, none for the front matter. Adding a section is one builder, one macro and one line
here (docs/reports.md, "Adding a section").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .source import Source
from .words import say

PARTS = ("front", "body", "appendix")
_ZH_NUMERALS = "一二三四五六七八九十"


def _always(src: Source) -> bool:
    return True


@dataclass(frozen=True)
class Section:
    id: str
    build: Callable[[Source], Any]
    applies: Callable[[Source], bool] = _always
    part: str = "body"

    def __post_init__(self) -> None:
        if self.part not in PARTS:
            raise ValueError(f"section {self.id}: part {self.part!r} is not one of {', '.join(PARTS)}")


@dataclass(frozen=True)
class Placed:
    """A section placed in its document: its generated number, its heading and what it shows."""

    id: str
    part: str
    number: str  # "一、", "1.", "附录一", "Appendix 1"; "" for the front matter
    title: str
    anchor: str
    data: Any


def zh_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for any document's sections)."""
    if n <= 10:
        return _ZH_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (_ZH_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (_ZH_NUMERALS[ones - 1] if ones else "")


def number(part: str, n: int, lang: str) -> str:
    if part == "front":
        return ""
    return say(f"number_{part}", lang, zh=zh_numeral(n), n=n)


def sub_number(n: int, lang: str) -> str:
    """The number of a subsection: （一） or 1, 2 … within its section."""
    return say("number_sub", lang, zh=zh_numeral(n), n=n)


def place(sections: tuple[Section, ...], src: Source) -> tuple[Placed, ...]:
    """The sections of ``sections`` that apply to ``src``, built and numbered in order."""
    counts = dict.fromkeys(PARTS, 0)
    out = []
    for s in sections:
        if not s.applies(src):
            continue
        counts[s.part] += 1
        out.append(
            Placed(
                id=s.id,
                part=s.part,
                number=number(s.part, counts[s.part], src.lang),
                title=say(f"section_{s.id}", src.lang),
                anchor=f"section-{s.id}",
                data=s.build(src),
            )
        )
    return tuple(out)
