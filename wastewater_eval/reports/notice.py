"""第八条: a written notice to one recipient, standing alone, carrying the event it reports.

A notice issued by a tracking run has, for each notification, its number, the number of the
earlier notice to the same recipient and the event (``Notification.details``, docs/reports.md):
the values with their dates and units, the limit and its source, where the data came from, the
statistic that triggered it, and what the discharger must do by when. A later notice lists only
what is new since the earlier one and cites it. A notification without details (an assessment's
own 第八条 finding) prints its reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePath
from typing import Any

from ..assessment.result import Notification
from ..vocabulary import vocabulary
from . import terms
from .context import Letter, letter, letter_fields
from .findings import text_of
from .sections import Section, place, sub_number
from .source import Source
from .subject import PermitInfo, given
from .words import say


@dataclass(frozen=True)
class ValueRow:
    at: str
    value: str
    unit: str


@dataclass(frozen=True)
class NoticeItem:
    number: str  # （一）…
    article: str
    text: str
    rule: str
    notice_number: str | None
    previous: str | None
    parameter: str  # the heading: the parameter of a measured event, or what happened
    facts: tuple[tuple[str, str], ...]  # what triggered it, the limit and the data's source, as labelled rows
    values: tuple[ValueRow, ...]
    required_action: str
    deadline: str
    detailed: bool


@dataclass(frozen=True)
class Duty:
    text: str
    permits: tuple[PermitInfo, ...]


@dataclass(frozen=True)
class NoticeContext(Letter):
    """第八条: a written notice to one recipient, standing alone."""

    recipient: str
    items: tuple[NoticeItem, ...]
    previous: tuple[str, ...]


def _text(pair: Any, lang: str) -> str:
    if isinstance(pair, Mapping):
        return str(pair.get(lang) or pair.get("zh") or "")
    return str(pair or "")


def _value(v: Mapping[str, Any], lang: str) -> ValueRow:
    shown = terms.number(v.get("value"))
    if v.get("detected") is False:
        shown = say("not_detected_below", lang, limit=shown)
    return ValueRow(str(v.get("at") or "—").replace("T", " "), shown, str(v.get("unit") or ""))


def _source(src: Mapping[str, Any], lang: str) -> str:
    if not src:
        return say("not_given", lang)
    if src.get("basis") == "online":
        return say("source_online", lang, monitor=given(src.get("monitor"), lang))
    files = say("list_sep", lang).join(PurePath(str(f)).name for f in src.get("files") or ())
    return say("source_lab", lang, files=given(files, lang))


def _statistic(st: Mapping[str, Any], lang: str) -> str:
    if not st:
        return ""
    text = st.get(f"text_{lang}") or st.get("text_zh")
    if text:
        return str(text)
    return say("statistic_generic", lang, count=st.get("count", "—"), start=st.get("from", "—"), end=st.get("to", "—"))


def _limit(d: Mapping[str, Any], lang: str) -> str:
    if d.get("limit") is None:
        return say("not_given", lang)
    unit = str(d.get("unit") or "")
    return say(
        "limit_with_source",
        lang,
        limit=terms.number(d["limit"]),
        unit=unit,
        source=terms.cite(d.get("limit_source"), lang),
    )


def notice_item(i: int, n: Notification, lang: str) -> NoticeItem:
    d = n.details or {}
    deadline = d.get("deadline")
    action = _text(d.get("required_action"), lang) or say("duty_article8", lang)
    facts = [(say("label_statistic", lang), _statistic(d.get("statistic") or {}, lang) or say("not_given", lang))]
    if d.get("parameter"):  # an event in the measured data: its limit and where the data came from
        facts += [
            (say("label_limit", lang), _limit(d, lang)),
            (say("label_data_source", lang), _source(d.get("source") or {}, lang)),
        ]
    return NoticeItem(
        number=sub_number(i, lang),
        article=n.article,
        text=text_of(n.reason, n.reason_en, lang),
        rule=n.rule,
        notice_number=n.number,
        previous=n.previous,
        # the heading: the parameter of a measured event, else what happened (the statistic), else the reason
        parameter=text_of(d.get("name_zh"), d.get("name_en"), lang) or _statistic(d.get("statistic") or {}, lang),
        facts=tuple(facts),
        values=tuple(_value(v, lang) for v in d.get("values") or ()),
        required_action=terms.sentence(action, lang),
        deadline=terms.long_date(dt.date.fromisoformat(deadline), lang) if deadline else say("not_given", lang),
        detailed=bool(d),
    )


class NoticeSource(Source):
    """A result as the notice to one recipient sees it."""

    def __init__(self, src: Source, recipient: str) -> None:
        super().__init__(src.a, src.lang, src.control)
        self.recipient = recipient

    @cached_property
    def notifications(self) -> list[Notification]:
        mine = [
            n
            for n in self.a.notifications
            if n.recipient == self.recipient and vocabulary().document_for(n.article) == "notice"
        ]
        # a later notice lists only what is new since the earlier one to the same recipient
        new = [n for n in mine if not (n.previous and (n.details or {}).get("new_since_previous") is False)]
        return new or mine

    @cached_property
    def items(self) -> tuple[NoticeItem, ...]:
        return tuple(notice_item(i, n, self.lang) for i, n in enumerate(self.notifications, start=1))


def _events(src: Source) -> tuple[NoticeItem, ...]:
    assert isinstance(src, NoticeSource)
    return src.items


NOTICE: tuple[Section, ...] = (
    Section("events", _events),
    Section("duty", lambda s: Duty(say("duty_article8", s.lang), s.discharger.permits)),
)


def notice_context(base_src: Source, recipient: str) -> NoticeContext:
    src = NoticeSource(base_src, recipient)
    lang, d = src.lang, src.discharger
    notes, items = src.notifications, src.items
    previous = tuple(dict.fromkeys(n.previous for n in notes if n.previous))
    numbers = list(dict.fromkeys(n.number for n in notes if n.number))
    others = sorted(
        {n.recipient for n in src.a.notifications if vocabulary().document_for(n.article) == "notice"} - {recipient}
    )
    copies = (*tuple(name for code in others for name in terms.recipients(code, d.district, lang)), d.name)
    cited = say("follows_notice", lang, numbers=say("list_sep", lang).join(previous)) if previous else ""
    base = letter(
        src,
        "notice",
        (say("notice_title_1", lang, name=d.name), say("notice_title_2", lang, name=d.name)),
        terms.recipients(recipient, d.district, lang),
        intro=say("notice_intro", lang, measures=say("measures_first", lang), name=d.name, id=d.id, district=d.district)
        + cited,
        closing=say("closing_notice", lang),
        sections=place(NOTICE, src),
        recipient=recipient,
        copies=copies,
        number=numbers[0] if numbers else None,
    )
    return NoticeContext(**letter_fields(base), recipient=recipient, items=items, previous=previous)  # type: ignore[arg-type]
