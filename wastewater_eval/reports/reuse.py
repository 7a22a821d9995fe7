"""第七条: the recommendation to encourage reuse or discharge to natural water."""

from __future__ import annotations

from dataclasses import dataclass

from . import terms
from .basis import Basis, basis
from .context import Letter, letter, letter_fields
from .findings import FindingRow, finding_row, text_of
from .sections import Section, place
from .source import Source
from .subject import subject
from .words import say


@dataclass(frozen=True)
class ReuseChecks:
    water_class: str
    checks: tuple[FindingRow, ...]


@dataclass(frozen=True)
class ReuseContext(Letter):
    water_function_class: str
    water_body: str
    checks: tuple[FindingRow, ...]
    recommendation: str


def _checks(src: Source) -> tuple[FindingRow, ...]:
    return tuple(finding_row(f, src.lang) for f in src.a.findings if f.subject == "reuse_check")


def _basis(src: Source) -> Basis:
    checks = [f for f in src.a.findings if f.subject == "reuse_check"]
    return basis(src.a, src.lang, "第七条", checks, discharge_standards=False)


def _water_class(src: Source) -> str:
    s = subject(src.a)
    return say(
        "water_class_of",
        src.lang,
        water_class=terms.pick(terms.WATER_CLASS, s.get("water_function_class") or "", src.lang),
        body=terms.pick(terms.WATER_BODY, s.get("water_body") or "river", src.lang),
    )


def _recommendation(src: Source) -> str:
    advice = [r for r in src.a.recommendations if r.code == "encourage_reuse"]
    text = text_of(advice[0].text, advice[0].text_en, src.lang) if advice else say("reuse_default", src.lang)
    return terms.sentence(text, src.lang)


REUSE: tuple[Section, ...] = (
    Section("basis", _basis),
    Section("reuse_checks", lambda s: ReuseChecks(_water_class(s), _checks(s))),
    Section("reuse_recommendation", _recommendation),
)


def reuse_context(src: Source) -> ReuseContext:
    d, lang = src.discharger, src.lang
    recipients = terms.recipients("district_water_authority", d.district, lang) + terms.recipients(
        "ecology_environment_branch", d.district, lang
    )
    base = letter(
        src,
        "reuse",
        (say("reuse_title_1", lang, name=d.name), say("reuse_title_2", lang, name=d.name)),
        recipients,
        intro=say("reuse_intro", lang, measures=say("measures_first", lang), name=d.name, id=d.id),
        closing=say("closing_reuse", lang),
        sections=place(REUSE, src),
        recipient="district_water_authority",
    )
    s = subject(src.a)
    return ReuseContext(
        **letter_fields(base),  # type: ignore[arg-type]
        water_function_class=str(s.get("water_function_class") or "—"),
        water_body=terms.pick(terms.WATER_BODY, s.get("water_body") or "river", lang),
        checks=_checks(src),
        recommendation=_recommendation(src),
    )
