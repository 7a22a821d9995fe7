"""整改要求: each recommendation with who must act, by when, and what the operator does next.

What each recommendation code asks is data (``reports/templates/rectification.yaml``); the
deadline is the report's date plus the code's days (the site's ``[rectification]`` wins over the
bundled default); a recommendation to the operator itself, or an option, has no deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from ..assessment.result import Advice, Assessment
from ..load.yamlio import load_file
from ..resources import data_dir
from . import terms
from .control import DocumentControl
from .findings import text_of
from .words import say

ACTORS = ("discharger", "operator", "applicant", "none")
FOLLOW_UPS = ("resample", "monitoring", "review")
RESAMPLE_AFTER = 7  # days after a deadline, unless the site says otherwise


@dataclass(frozen=True)
class Kind:
    code: str
    actor: str
    days: int | None
    follow_up: str | None
    action: tuple[str, str]


@cache
def kinds() -> Mapping[str, Kind]:
    """What each recommendation code asks (rectification.yaml)."""
    raw = load_file(data_dir("templates") / "rectification.yaml", trusted=True).data
    out = {}
    for code, k in raw.items():
        action = k["action"]
        out[str(code)] = Kind(
            str(code), str(k["actor"]), k.get("days"), k.get("follow_up"), (action["zh"], action["en"])
        )
    return MappingProxyType(out)


@dataclass(frozen=True)
class Rectification:
    """One recommendation as the report's table prints it."""

    text: str
    actor: str
    deadline: str  # a date, or a dash where nobody must act by a date
    follow_up: str
    code: str


@dataclass(frozen=True)
class SummaryLine:
    """The recommendations of one kind, on page 1: what, on which parameters, by when."""

    action: str
    parameters: str
    deadline: str


def _deadline(kind: Kind | None, as_of: dt.date, control: DocumentControl) -> dt.date | None:
    if kind is None or kind.actor != "discharger":
        return None
    days = control.deadlines.get(kind.code, kind.days)
    return None if days is None else as_of + dt.timedelta(days=days)


def _follow_up(kind: Kind | None, deadline: dt.date | None, control: DocumentControl, lang: str) -> str:
    if kind is None or kind.follow_up is None:
        return "—"
    if kind.follow_up == "resample" and deadline is not None:
        after = control.resample_after if control.resample_after is not None else RESAMPLE_AFTER
        day = terms.long_date(deadline + dt.timedelta(days=after), lang)
        return say("follow_up_resample", lang, days=after, date=day)
    return say(f"follow_up_{kind.follow_up}", lang)


def rectifications(a: Assessment, control: DocumentControl, lang: str) -> tuple[Rectification, ...]:
    day = dt.date.fromisoformat(a.as_of)
    out = []
    for r in a.recommendations:
        kind = kinds().get(r.code)
        deadline = _deadline(kind, day, control)
        out.append(
            Rectification(
                text=terms.sentence(text_of(r.text, r.text_en, lang), lang),
                actor=say(f"actor_{kind.actor if kind else 'none'}", lang),
                deadline=terms.long_date(deadline, lang) if deadline else "—",
                follow_up=_follow_up(kind, deadline, control, lang),
                code=r.code,
            )
        )
    return tuple(out)


def summary(a: Assessment, control: DocumentControl, names: Mapping[str, str], lang: str) -> tuple[SummaryLine, ...]:
    """The recommendations that ask the discharger to act, one line per kind, with their deadline."""
    day = dt.date.fromisoformat(a.as_of)
    grouped: dict[str, list[Advice]] = {}
    for r in a.recommendations:
        kind = kinds().get(r.code)
        if kind is not None and kind.actor == "discharger":
            grouped.setdefault(r.code, []).append(r)
    out = []
    for code, advice in grouped.items():
        kind = kinds()[code]
        deadline = _deadline(kind, day, control)
        params = list(dict.fromkeys(names.get(r.parameter, r.parameter) for r in advice if r.parameter))
        out.append(
            SummaryLine(
                action=terms.both(kind.action, lang),
                parameters=say("list_sep", lang).join(params) if params else "—",
                deadline=terms.long_date(deadline, lang) if deadline else "—",
            )
        )
    return tuple(out)
