"""The frame every document shares, built from the result alone: title, number, first-page notices,
recipients, sections, sender, signatures and copies.

Templates see the fields of a :class:`Letter` (or of a document's subclass) as top-level names
(``{{ title }}``, ``{% for s in sections %}``) and its words as ``w``. Every field is always there
(an absent value is ``None``, an empty tuple or 未提供), so the environment's ``StrictUndefined``
turns a misspelt name into an error instead of a blank. Words are already in the document's
language; numbers are already formatted; nothing here depends on the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath

from . import terms
from .control import NUMBER_KIND, DocumentKey
from .sections import Placed
from .source import Source
from .subject import DischargerInfo
from .words import say


@dataclass(frozen=True)
class Provenance:
    """What a reader needs to reproduce the document (printed on every page)."""

    input_name: str
    input_sha256: str
    tool_version: str
    rules: str
    standards: str
    engine: str


@dataclass(frozen=True)
class Signature:
    role: str
    name: str
    date: str


@dataclass(frozen=True)
class Control:
    """The document-control block as printed: number, issuer, signatures, seal, copies."""

    number: str
    numbered: bool
    issuer: str
    address: str
    telephone: str
    signatures: tuple[Signature, ...]
    copies: tuple[str, ...]


@dataclass(frozen=True)
class FirstPageNotice:
    code: str
    text: str
    provisional: bool


@dataclass(frozen=True)
class Letter:
    """The frame every document shares."""

    kind: str
    lang: str
    html_lang: str
    w: Mapping[str, str]
    title: str
    title_lines: tuple[str, ...]
    kind_line: str
    recipients: tuple[str, ...]
    sender: str
    date: str
    as_of: str
    discharger: DischargerInfo
    provenance: Provenance
    control: Control
    first_page: tuple[FirstPageNotice, ...]
    intro: str
    closing: str
    sections: tuple[Placed, ...]
    standard_status: str  # encoded | provisional | verified (older records: encoded)


def provenance(src: Source) -> Provenance:
    p = src.a.provenance
    return Provenance(
        input_name=PurePath(str(p.get("input", ""))).name,
        input_sha256=str(p.get("input_sha256", "")),
        tool_version=str(p.get("tool_version", "")),
        rules=str(p.get("rules", "")),
        standards=str(p.get("standards", "")),
        engine=src.a.engine,
    )


def sender(src: Source) -> str:
    """The operator (运营单位): its legal name from the site, else named after the discharger's plant."""
    if src.control.operator:
        return src.control.operator
    if src.plant is None:
        return say("sender_unnamed", src.lang)
    return say("sender_of_plant", src.lang, plant=src.plant.name)


def control(src: Source, kind: str, recipient: str, copies: tuple[str, ...], number: str | None) -> Control:
    """The number (the one given, else the numberer's, else a draft's), signatures and copies."""
    c = src.control
    if number is None:
        p = src.a.provenance
        key = DocumentKey(
            str(src.discharger.id), NUMBER_KIND[kind], recipient, src.a.as_of, str(p.get("input_sha256", ""))
        )
        number = c.number(key)
    date = terms.long_date(dt.date.fromisoformat(src.a.as_of), src.lang)
    blank, unsigned = say("date_blank", src.lang), say("signature_blank", src.lang)
    return Control(
        number=number or say("draft_number", src.lang),
        numbered=number is not None,
        issuer=sender(src),
        address=c.address or say("not_given", src.lang),
        telephone=c.telephone or say("not_given", src.lang),
        signatures=(
            Signature(say("compiled_by", src.lang), c.compiled_by or unsigned, date),
            Signature(say("reviewed_by", src.lang), c.reviewed_by or unsigned, blank),
            Signature(say("approved_by", src.lang), c.approved_by or unsigned, blank),
        ),
        copies=tuple(dict.fromkeys((*copies, *c.copies))),
    )


def first_page(src: Source) -> tuple[FirstPageNotice, ...]:
    return tuple(FirstPageNotice(code, text, code == "provisional_standard") for code, text in src.first_page)


def letter(
    src: Source,
    kind: str,
    title: tuple[str, ...],
    recipients: tuple[str, ...],
    *,
    intro: str,
    closing: str,
    sections: tuple[Placed, ...],
    recipient: str = "",
    copies: tuple[str, ...] = (),
    number: str | None = None,
) -> Letter:
    """The fields every document shares; each document's builder adds its own. ``title`` comes in
    lines broken where a Chinese title breaks (the English one is a single line)."""
    lang = src.lang
    title = tuple(line for line in title if line)  # the English title is one line
    return Letter(
        kind=kind,
        lang=lang,
        html_lang=terms.HTML_LANG[lang],
        w=src.w,
        title=src.w["title_join"].join(title),
        title_lines=title,
        kind_line=say(f"kind_line_{kind}", lang),
        recipients=recipients,
        sender=sender(src),
        date=terms.long_date(dt.date.fromisoformat(src.a.as_of), lang),
        as_of=src.a.as_of,
        discharger=src.discharger,
        provenance=provenance(src),
        control=control(src, kind, recipient, copies, number),
        first_page=first_page(src),
        intro=intro,
        closing=closing,
        sections=sections,
        standard_status=str(src.a.standard.get("status") or "encoded"),
    )


def letter_fields(base: Letter) -> dict[str, object]:
    return {name: getattr(base, name) for name in Letter.__dataclass_fields__}
