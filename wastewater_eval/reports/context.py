"""The typed context every template gets, built from an assessment in one place.

Templates see the fields of one of the ``*Context`` dataclasses below as top-level names
(``{{ title }}``, ``{% for row in measurements %}``). Every field is always there (an absent
value is ``None``, an empty tuple or a dash), so the environment's ``StrictUndefined`` turns
a misspelt name into an error instead of a blank. Words are already in the document's
language; numbers are already formatted; nothing here depends on the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from markupsafe import Markup

from ..assessment.result import ADVERSE, Assessment, Conclusion, Finding
from ..inputs.discharger import Agreement, Discharger, Plant
from ..standards.notice import PROVISIONAL_WARNING, status_notice
from ..vocabulary import vocabulary
from . import terms
from .charts import exceedance_chart, exceeding_parameters
from .plantimpact import PlantImpact, plant_impact

# Statuses a measured value can get against a limit; anything else is a finding with a reason.
JUDGED = vocabulary().judged_statuses


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
class PermitInfo:
    kind: str
    number: str
    valid_until: str


@dataclass(frozen=True)
class DischargerInfo:
    id: str
    name: str
    district: str
    industry: str
    track: str
    permits: tuple[PermitInfo, ...]
    flow_average: str
    flow_maximum: str


@dataclass(frozen=True)
class PlantInfo:
    name: str
    treatment_level: str
    design_capacity: str
    current_flow: str
    effluent_standard: str


@dataclass(frozen=True)
class StandardInfo:
    code: str
    title: str
    grade: str


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
    value: bool | None
    answer: str
    adverse: bool
    rules: tuple[str, ...]
    findings: tuple[FindingRow, ...]


@dataclass(frozen=True)
class AgreementInfo:
    id: str
    signed: str
    valid_until: str
    state: str
    in_force: bool
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    parameter: str
    title: str
    limits: str
    svg: Markup


@dataclass(frozen=True)
class NoticeItem:
    article: str
    text: str
    rule: str


@dataclass(frozen=True)
class Letter:
    """The frame every document shares: title, recipients, sender, date, provenance."""

    kind: str
    lang: str
    html_lang: str
    title: str
    title_lines: tuple[str, ...]
    recipients: tuple[str, ...]
    sender: str
    date: str
    as_of: str
    discharger: DischargerInfo
    provenance: Provenance
    standard_notice: str | None  # provisional limits, or who verified them: on the first page
    standard_status: str  # encoded | provisional | verified (older records: encoded)


@dataclass(frozen=True)
class ReportContext(Letter):
    """第五条第一项: the assessment report to the district water authority."""

    plant: PlantInfo | None
    standard: StandardInfo
    measurements: tuple[FindingRow, ...]
    other_findings: tuple[FindingRow, ...]
    conclusions: tuple[ConclusionInfo, ...]
    report: ConclusionInfo
    reasons: tuple[NoticeItem, ...]
    recommendations: tuple[str, ...]
    agreements: tuple[AgreementInfo, ...]
    charts: tuple[Chart, ...]
    warnings: tuple[str, ...]
    plant_impact: PlantImpact | None


@dataclass(frozen=True)
class NoticeContext(Letter):
    """第八条: a written notice to one recipient, standing alone."""

    recipient: str
    items: tuple[NoticeItem, ...]


@dataclass(frozen=True)
class ReuseContext(Letter):
    """第七条: a recommendation to encourage reuse or discharge to natural water."""

    water_function_class: str
    water_body: str
    checks: tuple[FindingRow, ...]
    recommendation: str


def _text(zh: str | None, en: str | None, lang: str) -> str:
    return (zh if lang == "zh" else en or zh) or ""


def provenance(a: Assessment) -> Provenance:
    p = a.provenance
    return Provenance(
        input_name=PurePath(str(p.get("input", ""))).name,
        input_sha256=str(p.get("input_sha256", "")),
        tool_version=str(p.get("tool_version", "")),
        rules=str(p.get("rules", "")),
        standards=str(p.get("standards", "")),
        engine=a.engine,
    )


def discharger_info(a: Assessment, d: Discharger, lang: str) -> DischargerInfo:
    flow = terms.number
    return DischargerInfo(
        id=str(a.discharger["id"]),
        name=str(a.discharger["name"]),
        district=str(a.discharger["district"]),
        industry=str(a.discharger.get("industry") or "—"),
        track=a.track,
        permits=tuple(
            PermitInfo(
                kind=terms.pick(terms.PERMIT, p.kind, lang),
                number=p.number,
                valid_until=p.valid_until.isoformat() if p.valid_until else "—",
            )
            for p in d.permits
        ),
        flow_average=f"{flow(d.flow_average)} m³/d" if d.flow_average is not None else "—",
        flow_maximum=f"{flow(d.flow_maximum)} m³/d" if d.flow_maximum is not None else "—",
    )


def plant_info(d: Discharger, lang: str) -> PlantInfo | None:
    if d.plant is None:
        return None
    p = d.plant
    return PlantInfo(
        name=p.name,
        treatment_level=terms.pick(terms.TREATMENT_LEVEL, p.treatment_level, lang),
        design_capacity=f"{terms.number(p.design_capacity)} m³/d" if p.design_capacity is not None else "—",
        current_flow=f"{terms.number(p.current_flow)} m³/d" if p.current_flow is not None else "—",
        effluent_standard="；".join(_effluent_parts(p, lang)) if lang == "zh" else "; ".join(_effluent_parts(p, lang)),
    )


def _effluent_parts(p: Plant, lang: str) -> list[str]:
    """The plant's effluent requirement: its GB 18918 grade and any stricter local set."""
    parts = [p.effluent_standard or "—"]
    if p.effluent_surface_class:
        parts.append(
            f"并执行 GB 3838-2002 {p.effluent_surface_class}类（表1）"
            if lang == "zh"
            else f"and GB 3838-2002 class {p.effluent_surface_class} (表1)"
        )
    if p.effluent_local_limits:
        names = "、".join(lim.parameter.name_zh for lim in p.effluent_local_limits)
        parts.append(
            f"{names}执行更严的地方限值"
            if lang == "zh"
            else "stricter local limits for " + ", ".join(lim.parameter.name_en for lim in p.effluent_local_limits)
        )
    return parts


def parameter_names(d: Discharger, lang: str) -> dict[str, str]:
    """Every parameter the discharger file names, by id, as the document prints it."""
    values = [m for s in d.samples for m in s.values]
    if d.plant is not None:
        values += [*d.plant.design_influent, *d.plant.current_influent]
    return {m.parameter.id: m.parameter.name_zh if lang == "zh" else m.parameter.name_en for m in values}


def sender(d: Discharger, lang: str) -> str:
    """The operator (运营单位) of the discharger's plant: the file names the plant, not the company."""
    if d.plant is None:
        return "公共排水与污水处理设施运营单位" if lang == "zh" else "The operator of the public sewers (运营单位)"
    return f"{d.plant.name}运营单位" if lang == "zh" else f"The operator of {d.plant.name} (运营单位)"


def finding_row(f: Finding, lang: str) -> FindingRow:
    if f.limit_low is not None or f.limit_high is not None:
        limit = f"{terms.number(f.limit_low)}~{terms.number(f.limit_high)}"
    else:
        limit = terms.number(f.limit)
    value = terms.number(f.value)
    if f.detected is False:
        value = f"未检出（<{value}）" if lang == "zh" else f"ND (<{value})"
    return FindingRow(
        subject=f.subject,
        subject_label=terms.pick(terms.SUBJECT, f.subject, lang),
        sample=f.sample or "—",
        point=terms.pick(terms.POINT, f.point, lang) if f.point else "—",
        taken=(f.taken or "—").replace("T", " "),
        parameter=f.parameter or "",
        name=_text(f.name_zh, f.name_en, lang) or (f.reference or "—"),
        value=value if f.value is not None else "—",
        unit=f.unit or "",
        limit=limit,
        limit_source=f.limit_source or "—",
        status=f.status,
        status_label=terms.pick(terms.STATUS, f.status, lang),
        rule=f.rule,
        clause=f.clause,
        reason=_text(f.reason, f.reason_en, lang),
    )


def _behind(c: Conclusion, a: Assessment, lang: str) -> tuple[FindingRow, ...]:
    """The findings behind a conclusion: for an adverse or inconclusive one, the exceeding (or
    inconclusive) measurements on the parameters its concluding rules named; none for a favourable one."""
    if c.value is None:
        wanted = "inconclusive"
    elif c.value == ADVERSE.get(c.name):
        wanted = "exceeds"
    else:
        return ()
    named = {r.parameter for r in a.recommendations if r.rule in c.because and r.parameter}
    return tuple(
        finding_row(f, lang)
        for f in a.findings
        if f.subject in ("measurement", "load") and f.status == wanted and (not named or f.parameter in named)
    )


def conclusion_info(name: str, a: Assessment, lang: str) -> ConclusionInfo:
    c = a.conclusions.get(name) or Conclusion(name, None, ())
    return ConclusionInfo(
        name=name,
        question=terms.pick(terms.CONCLUSION, name, lang),
        value=c.value,
        answer=terms.conclusion_value(name, c.value, lang),
        adverse=c.value is not None and c.value == ADVERSE.get(name),
        rules=c.because,
        findings=_behind(c, a, lang),
    )


def agreement_info(ag: Agreement, a: Assessment, lang: str) -> AgreementInfo:
    day = dt.date.fromisoformat(a.as_of)
    state = next((f.status for f in a.findings if f.subject == "agreement" and f.reference == ag.id), None)
    in_force = ag.in_force(day)
    if state is None:
        state_label = ("有效", "in force") if in_force else ("未生效或已终止", "not in force")
        label = terms.both(state_label, lang)
    else:
        label = terms.pick(terms.STATUS, state, lang)
    items = []
    for lim in ag.limits:
        name = lim.parameter.name_zh if lang == "zh" else f"{lim.parameter.name_en} ({lim.parameter.name_zh})"
        items.append(f"{name} ≤ {terms.number(lim.value)} {lim.unit}")
    for lim in ag.max_load:
        name = lim.parameter.name_zh if lang == "zh" else f"{lim.parameter.name_en} ({lim.parameter.name_zh})"
        load = "日排放量" if lang == "zh" else "daily load"
        items.append(f"{name} {load} ≤ {terms.number(lim.value)} {lim.unit}")
    end = ag.renewed_until or ag.valid_until
    return AgreementInfo(ag.id, ag.signed.isoformat(), end.isoformat(), label, in_force, tuple(items))


def warning_texts(a: Assessment, lang: str) -> tuple[str, ...]:
    """Warnings, with the input's folder taken out so the document does not depend on where it ran."""
    where = str(a.provenance.get("input", ""))
    name = PurePath(where).name
    out = []
    for w in a.warnings:
        if w.code == PROVISIONAL_WARNING:
            continue  # on the first page already
        text = _text(w.text, w.text_en, lang)
        out.append(text.replace(where, name) if where else text)
    return tuple(out)


def letter(
    kind: str, title: tuple[str, ...], recipients: tuple[str, ...], a: Assessment, d: Discharger, lang: str
) -> Letter:
    """The fields every document shares; the builders below add their own. ``title`` comes in lines
    broken where a Chinese title breaks (the English one is a single line)."""
    if lang not in terms.LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(terms.LANGS)}")
    return Letter(
        kind=kind,
        lang=lang,
        html_lang=terms.HTML_LANG[lang],
        title=("" if lang == "zh" else " ").join(title),
        title_lines=title,
        recipients=recipients,
        sender=sender(d, lang),
        date=terms.long_date(dt.date.fromisoformat(a.as_of), lang),
        as_of=a.as_of,
        discharger=discharger_info(a, d, lang),
        provenance=provenance(a),
        standard_notice=status_notice(a.standard, lang),
        standard_status=str(a.standard.get("status") or "encoded"),
    )


def letter_fields(base: Letter) -> dict[str, Any]:
    return {name: getattr(base, name) for name in Letter.__dataclass_fields__}


def report_context(a: Assessment, d: Discharger, lang: str) -> ReportContext:
    name = str(a.discharger["name"])
    title = (
        (f"关于{name}生产废水", "对公共排水与污水处理设施安全运行影响的评估报告")
        if lang == "zh"
        else (
            f"Assessment of the production wastewater of {name}: its effect on the safe operation "
            "of public sewers and treatment facilities",
        )
    )
    base = letter("report", title, terms.recipients("district_water_authority", d.district, lang), a, d, lang)
    rows = [f for f in a.findings if f.subject in ("measurement", "load") and f.status in JUDGED]
    others = [f for f in a.findings if f not in rows and f.subject != "reuse_check"]
    charts = []
    for parameter in exceeding_parameters(a.findings):
        chart = exceedance_chart(parameter, a.findings, lang)
        if chart is not None:
            charts.append(Chart(parameter, chart.title, chart.limits, chart.svg))
    std = a.standard
    return ReportContext(
        **letter_fields(base),
        plant=plant_info(d, lang),
        standard=StandardInfo(
            code=str(std.get("code") or "—"),
            title=str(std.get("title_zh") or ""),
            grade=str(std.get("grade") or "—"),
        ),
        measurements=tuple(finding_row(f, lang) for f in rows),
        other_findings=tuple(finding_row(f, lang) for f in others),
        conclusions=tuple(conclusion_info(n, a, lang) for n in ("effectively_treatable", "may_affect_effluent")),
        report=conclusion_info("report_to_district", a, lang),
        reasons=tuple(
            NoticeItem(n.article, _text(n.reason, n.reason_en, lang), n.rule)
            for n in a.notifications
            if n.recipient == "district_water_authority" and vocabulary().document_for(n.article) == "report"
        ),
        recommendations=tuple(_text(r.text, r.text_en, lang) for r in a.recommendations),
        agreements=tuple(agreement_info(ag, a, lang) for ag in d.agreements),
        charts=tuple(charts),
        warnings=warning_texts(a, lang),
        plant_impact=plant_impact(a.extra.get("plant"), parameter_names(d, lang), lang),
    )


def notice_context(a: Assessment, d: Discharger, recipient: str, lang: str) -> NoticeContext:
    name = str(a.discharger["name"])
    title = (
        (f"关于{name}", "有关情况的书面告知") if lang == "zh" else (f"Written notice concerning the discharger {name}",)
    )
    base = letter("notice", title, terms.recipients(recipient, d.district, lang), a, d, lang)
    items = tuple(
        NoticeItem(n.article, _text(n.reason, n.reason_en, lang), n.rule)
        for n in a.notifications
        if n.recipient == recipient and vocabulary().document_for(n.article) == "notice"
    )
    return NoticeContext(**letter_fields(base), recipient=recipient, items=items)


def reuse_context(a: Assessment, d: Discharger, lang: str) -> ReuseContext:
    name = str(a.discharger["name"])
    title = (
        (f"关于鼓励{name}生产废水", "自行回用或自愿排入自然水体的建议")
        if lang == "zh"
        else (f"Recommendation to encourage reuse of the wastewater of {name}, or its discharge to natural water",)
    )
    recipients = terms.recipients("district_water_authority", d.district, lang) + terms.recipients(
        "ecology_environment_branch", d.district, lang
    )
    base = letter("reuse", title, recipients, a, d, lang)
    advice = [r for r in a.recommendations if r.code == "encourage_reuse"]
    return ReuseContext(
        **letter_fields(base),
        water_function_class=d.water_function_class or "—",
        water_body=terms.pick(terms.WATER_BODY, d.water_body, lang),
        checks=tuple(finding_row(f, lang) for f in a.findings if f.subject == "reuse_check"),
        recommendation=_text(advice[0].text, advice[0].text_en, lang) if advice else "",
    )
