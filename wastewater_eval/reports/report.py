"""第五条第一项: the assessment report to the district water authority, built around its reader.

Page 1 is the summary (who, which plant, the two conclusions, the exceedances that drive them,
what the discharger must do and by when); then identification, basis, sampling and laboratory,
results, the plant's side (one row per check), conclusions, rectification, agreements; the
worked formulas, the laboratory's values and the charts are appendices.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import terms
from .basis import Basis
from .charts import SvgChart
from .context import Letter, letter, letter_fields
from .findings import ConclusionInfo, Driver, FindingRow, text_of
from .plantimpact import CheckRow, PlantImpact
from .rectification import SummaryLine
from .sampling import has_samples, lab_values, sampling
from .sections import Section, place, sub_number
from .source import Source
from .subject import AgreementInfo, DischargerInfo, PlantInfo, water_class
from .words import say


@dataclass(frozen=True)
class Summary:
    facts: tuple[tuple[str, str], ...]
    conclusions: tuple[ConclusionInfo, ...]
    drivers: tuple[Driver, ...]
    actions: tuple[SummaryLine, ...]
    plant_failures: tuple[CheckRow, ...] = ()  # the plant checks (第四条) that are not met


@dataclass(frozen=True)
class Identification:
    discharger: DischargerInfo
    plant: PlantInfo | None
    grade: str
    water_class: str
    agreements: str


@dataclass(frozen=True)
class Results:
    measurements: tuple[FindingRow, ...]
    other_findings: tuple[FindingRow, ...]


@dataclass(frozen=True)
class Conclusions:
    items: tuple[ConclusionInfo, ...]
    numbers: tuple[str, ...]  # （一）（二）…, one per item
    reasons: str  # 综上 …, or "" when nothing is reported


@dataclass(frozen=True)
class ReportContext(Letter):
    """第五条第一项: the assessment report to the district water authority."""

    plant: PlantInfo | None
    basis: Basis
    measurements: tuple[FindingRow, ...]
    other_findings: tuple[FindingRow, ...]
    conclusions: tuple[ConclusionInfo, ...]
    report: ConclusionInfo
    agreements: tuple[AgreementInfo, ...]
    warnings: tuple[str, ...]
    plant_impact: PlantImpact | None
    charts: tuple[SvgChart, ...]


def grade(src: Source) -> str:
    std = src.a.standard
    if not std.get("grade"):
        return say("not_given", src.lang)
    return say("grade_of", src.lang, code=std.get("code") or "—", grade=std["grade"])


def summary(src: Source) -> Summary:
    """Page 1: who, which plant and standard, on what data; the conclusions; what drives them; what to do."""
    d, lang = src.discharger, src.lang
    sep = say("list_sep", lang)
    plant = say("plant_with_level", lang, name=src.plant.name, level=src.plant.treatment_level) if src.plant else None
    samples = sorted({f.sample for f in src.a.findings if f.subject == "measurement" and f.sample})
    days = sorted({(f.taken or "")[:10] for f in src.a.findings if f.subject == "measurement" and f.taken})
    data = say("samples_on", lang, count=len(samples), days=sep.join(days))
    data = data if samples else say("no_measured_data", lang)
    who = say("summary_who", lang, name=d.name, id=d.id, industry=d.industry, district=d.district)
    facts: tuple[tuple[str, str], ...] = (
        (say("label_discharger", lang), who),
        (say("label_plant", lang), say("summary_plant", lang, plant=plant or say("no_plant", lang), grade=grade(src))),
        (say("label_data", lang), say("summary_data", lang, data=data, as_of=src.a.as_of)),
    )
    if src.agreements:  # which limits a 第六条 agreement replaces is part of who the discharger is
        facts += ((say("label_agreements", lang), agreements_text(src)),)
    failing = tuple(c for c in src.plant_impact.checks if c.verdict == "fail") if src.plant_impact else ()
    return Summary(facts, src.conclusions, src.drivers, src.summary_actions, failing)


def agreements_text(src: Source) -> str:
    listed = (say("id_with_state", src.lang, id=ag.id, state=ag.state) for ag in src.agreements)
    return say("list_sep", src.lang).join(listed) or say("no_agreement", src.lang)


def identification(src: Source) -> Identification:
    return Identification(src.discharger, src.plant, grade(src), water_class(src.a, src.lang), agreements_text(src))


def results(src: Source) -> Results:
    return Results(src.measurements, src.other_findings)


def conclusions(src: Source) -> Conclusions:
    reasons = [
        text_of(n.reason, n.reason_en, src.lang)
        for n in src.a.notifications
        if n.recipient == "district_water_authority" and n.article == "第五条第一项"
    ]
    joined = say("clause_sep", src.lang).join(reasons)
    numbers = tuple(sub_number(i, src.lang) for i in range(1, len(src.conclusions) + 1))
    return Conclusions(src.conclusions, numbers, say("in_sum_reported", src.lang, reasons=joined) if reasons else "")


REPORT: tuple[Section, ...] = (
    Section("summary", summary, part="front"),
    Section("identification", identification),
    Section("basis", lambda s: s.basis),
    Section("sampling", sampling),
    Section("results", results),
    Section("plant_side", lambda s: s.plant_impact, lambda s: s.plant_impact is not None),
    Section("conclusions", conclusions),
    Section("rectification", lambda s: s.rectifications),
    Section("agreements", lambda s: s.agreements, lambda s: bool(s.agreements)),
    Section("notes", lambda s: s.warnings, lambda s: bool(s.warnings)),
    Section("calculations", lambda s: s.plant_impact, lambda s: s.plant_impact is not None, part="appendix"),
    Section("lab_values", lab_values, has_samples, part="appendix"),
    Section("charts", lambda s: s.charts, lambda s: bool(s.charts), part="appendix"),
)


def report_context(src: Source) -> ReportContext:
    name, lang = src.discharger.name, src.lang
    title = (say("report_title_1", lang, name=name), say("report_title_2", lang, name=name))
    plant = src.plant.name if src.plant else say("public_sewers", lang)
    intro = say(
        "report_intro", lang, measures=say("measures_first", lang), name=name, id=src.discharger.id, plant=plant
    )
    base = letter(
        src,
        "report",
        title,
        terms.recipients("district_water_authority", src.discharger.district, lang),
        intro=intro,
        closing=say("closing_report", lang),
        sections=place(REPORT, src),
        recipient="district_water_authority",
    )
    return ReportContext(
        **letter_fields(base),  # type: ignore[arg-type]
        plant=src.plant,
        basis=src.basis,
        measurements=src.measurements,
        other_findings=src.other_findings,
        conclusions=src.conclusions,
        report=src.report,
        agreements=src.agreements,
        warnings=src.warnings,
        plant_impact=src.plant_impact,
        charts=src.charts,
    )
