"""Findings and conclusions as a document prints them: rows of values, limits, sources and words."""

from __future__ import annotations

from dataclasses import dataclass

from ..assessment.result import ADVERSE, Assessment, Conclusion, Finding
from ..vocabulary import vocabulary
from . import terms
from .words import say

# Statuses a measured value can get against a limit; anything else is a finding with a reason.
JUDGED = vocabulary().judged_statuses
MEASURED = ("measurement", "load")
TRACK_CONCLUSIONS = ("effectively_treatable", "may_affect_effluent")


@dataclass(frozen=True)
class FindingRow:
    """One finding as a table row; ``status`` keeps the code for styling, ``status_label`` is the word."""

    subject: str
    subject_label: str
    sample: str
    point: str
    taken: str
    parameter: str
    name: str
    value: str
    unit: str
    limit: str
    limit_source: str
    status: str
    status_label: str
    rule: str
    clause: str
    reason: str


@dataclass(frozen=True)
class ConclusionInfo:
    name: str
    question: str
    short: str
    value: bool | None
    answer: str
    adverse: bool
    rules: tuple[str, ...]
    findings: tuple[FindingRow, ...]


def text_of(zh: str | None, en: str | None, lang: str) -> str:
    """The result's text in ``lang`` (its zh or en field, the Chinese where no English was given);
    an English text's citations of the standards (表1 第27项 B级) in English too."""
    text = {"zh": zh, "en": en or zh}[lang] or ""
    return terms.cite(text, lang) if text else ""


def limit_text(f: Finding) -> str:
    if f.limit_low is not None or f.limit_high is not None:
        return f"{terms.number(f.limit_low)}~{terms.number(f.limit_high)}"
    return terms.number(f.limit)


def finding_row(f: Finding, lang: str) -> FindingRow:
    value = terms.number(f.value)
    if f.detected is False:
        value = say("not_detected_below", lang, limit=value)
    return FindingRow(
        subject=f.subject,
        subject_label=terms.pick(terms.SUBJECT, f.subject, lang),
        sample=f.sample or "—",
        point=terms.pick(terms.POINT, f.point, lang) if f.point else "—",
        taken=(f.taken or "—").replace("T", " "),
        parameter=f.parameter or "",
        name=text_of(f.name_zh, f.name_en, lang) or (f.reference or "—"),
        value=value if f.value is not None else "—",
        unit=f.unit or "",
        limit=limit_text(f),
        limit_source=terms.cite(f.limit_source, lang),
        status=f.status,
        status_label=terms.pick(terms.STATUS, f.status, lang),
        rule=f.rule,
        clause=terms.cite(f.clause, lang),
        reason=text_of(f.reason, f.reason_en, lang),
    )


def measured_rows(a: Assessment, lang: str) -> tuple[FindingRow, ...]:
    return tuple(finding_row(f, lang) for f in a.findings if f.subject in MEASURED and f.status in JUDGED)


def other_rows(a: Assessment, lang: str) -> tuple[FindingRow, ...]:
    return tuple(
        finding_row(f, lang)
        for f in a.findings
        if not (f.subject in MEASURED and f.status in JUDGED) and f.subject != "reuse_check"
    )


def behind(c: Conclusion, a: Assessment) -> list[Finding]:
    """The findings behind a conclusion: for an adverse or inconclusive one, the exceeding (or
    inconclusive) measurements its concluding rules asserted it on (a result recorded before it kept
    them: those on the parameters its concluding rules' recommendations named); none for a favourable one."""
    if c.value is None:
        wanted = "inconclusive"
    elif c.value == ADVERSE.get(c.name):
        wanted = "exceeds"
    else:
        return []
    if c.on:
        on = set(c.on)
        return [f for f in a.findings if f.status == wanted and (f.subject, f.sample, f.parameter) in on]
    named = {r.parameter for r in a.recommendations if r.rule in c.because and r.parameter}
    return [
        f for f in a.findings if f.subject in MEASURED and f.status == wanted and (not named or f.parameter in named)
    ]


def conclusion_info(name: str, a: Assessment, lang: str) -> ConclusionInfo:
    c = a.conclusions.get(name) or Conclusion(name, None, ())
    code = vocabulary().conclusions.get(name)
    return ConclusionInfo(
        name=name,
        question=terms.pick(terms.CONCLUSION, name, lang),
        short=code.short(lang) if code is not None else name,
        value=c.value,
        answer=terms.conclusion_value(name, c.value, lang),
        adverse=c.value is not None and c.value == ADVERSE.get(name),
        rules=c.because,
        findings=tuple(finding_row(f, lang) for f in behind(c, a)),
    )


def conclusions(a: Assessment, lang: str) -> tuple[ConclusionInfo, ...]:
    """The two conclusions of 第五条第一项."""
    return tuple(conclusion_info(n, a, lang) for n in TRACK_CONCLUSIONS)


@dataclass(frozen=True)
class Driver:
    """An exceedance that drives an adverse conclusion, for the first page."""

    row: FindingRow
    conclusions: str  # the short words of the conclusions it drives


def drivers(a: Assessment, lang: str) -> tuple[Driver, ...]:
    """The exceedances behind the adverse (or inconclusive) conclusions, each once, worst conclusion first."""
    driven: dict[int, list[str]] = {}
    found: dict[int, Finding] = {}
    for info in conclusions(a, lang):
        c = a.conclusions.get(info.name) or Conclusion(info.name, None, ())
        for f in behind(c, a):
            driven.setdefault(id(f), []).append(say(f"drives_{info.name}", lang))
            found[id(f)] = f
    sep = say("list_sep", lang)
    return tuple(Driver(finding_row(found[k], lang), sep.join(v)) for k, v in driven.items())
