"""What the section builders read: one result, in one language, under one document control.

Everything is computed once, on first use, from the :class:`~wastewater_eval.assessment.result.
Assessment` alone; a section builder takes what it shows from here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import PurePath

from ..assessment.result import Assessment
from ..standards.notice import PROVISIONAL_WARNING, status_notice
from . import subject as subj
from . import terms
from .basis import Basis, basis
from .charts import SvgChart, exceedance_chart, exceeding_parameters
from .control import DocumentControl
from .findings import (
    MEASURED,
    ConclusionInfo,
    Driver,
    FindingRow,
    conclusion_info,
    conclusions,
    drivers,
    measured_rows,
    other_rows,
    text_of,
)
from .phrases import localise
from .plantimpact import PlantImpact, plant_impact
from .rectification import Rectification, SummaryLine, rectifications, summary
from .words import say, words

# Warnings that stand on the first page of every document (contract 3): the provisional standard,
# and an as-of date outside the Measures' five years (第九条).
FIRST_PAGE_WARNINGS = frozenset({PROVISIONAL_WARNING, "outside_measures"})


class Source:
    """A result as the builders of one document in one language see it."""

    def __init__(self, a: Assessment, lang: str, control: DocumentControl) -> None:
        if lang not in terms.LANGS:
            raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(terms.LANGS)}")
        self.a = a
        self.lang = lang
        self.control = control

    @cached_property
    def w(self) -> Mapping[str, str]:
        return words(self.lang)

    @cached_property
    def discharger(self) -> subj.DischargerInfo:
        return subj.discharger_info(self.a, self.lang)

    @cached_property
    def plant(self) -> subj.PlantInfo | None:
        return subj.plant_info(self.a, self.lang)

    @cached_property
    def names(self) -> dict[str, str]:
        """Parameter id → the name the document prints, from the subject and the findings."""
        out = {f.parameter: text_of(f.name_zh, f.name_en, self.lang) for f in self.a.findings if f.parameter}
        return {**out, **subj.parameter_names(self.a, self.lang)}

    def any_name(self, pid: str) -> str:
        """A parameter id a rule's text names, as the document prints the parameter (else as written)."""
        if pid in self.names:
            return self.names[pid]
        from ..standards import bundled_library

        catalogue = bundled_library().catalogue
        if pid not in catalogue:
            return pid
        p = catalogue.get(pid)
        return text_of(p.name_zh, p.name_en, self.lang)

    @cached_property
    def measurements(self) -> tuple[FindingRow, ...]:
        return measured_rows(self.a, self.lang)

    @cached_property
    def other_findings(self) -> tuple[FindingRow, ...]:
        return other_rows(self.a, self.lang)

    @cached_property
    def conclusions(self) -> tuple[ConclusionInfo, ...]:
        return conclusions(self.a, self.lang)

    @cached_property
    def report(self) -> ConclusionInfo:
        return conclusion_info("report_to_district", self.a, self.lang)

    @cached_property
    def drivers(self) -> tuple[Driver, ...]:
        return drivers(self.a, self.lang)

    @cached_property
    def rectifications(self) -> tuple[Rectification, ...]:
        return rectifications(self.a, self.control, self.lang)

    @cached_property
    def summary_actions(self) -> tuple[SummaryLine, ...]:
        return summary(self.a, self.control, self.names, self.lang)

    @cached_property
    def agreements(self) -> tuple[subj.AgreementInfo, ...]:
        return subj.agreements(self.a, self.lang)

    @cached_property
    def plant_impact(self) -> PlantImpact | None:
        name = self.plant.name if self.plant else say("the_plant", self.lang)
        return plant_impact(self.a.extra.get("plant"), self.names, self.lang, name)

    @cached_property
    def charts(self) -> tuple[SvgChart, ...]:
        made = (exceedance_chart(p, self.a.findings, self.lang) for p in exceeding_parameters(self.a.findings))
        return tuple(c for c in made if c is not None)

    @cached_property
    def basis(self) -> Basis:
        judged = [f for f in self.a.findings if f.subject != "reuse_check"]
        return basis(self.a, self.lang, "第五条第一项", judged, plant_sources(self.a.extra.get("plant")))

    @cached_property
    def first_page(self) -> tuple[tuple[str, str], ...]:
        """(code, text) of every notice that stands on the first page (:data:`FIRST_PAGE_WARNINGS`)."""
        shown = [
            (w.code, text_of(w.text, w.text_en, self.lang)) for w in self.a.warnings if w.code in FIRST_PAGE_WARNINGS
        ]
        if not any(code == PROVISIONAL_WARNING for code, _ in shown):
            notice = status_notice(self.a.standard, self.lang)  # a verified table says who verified it
            if notice:
                shown.insert(0, (str(self.a.standard.get("status") or "encoded"), notice))
        return tuple(shown)

    @cached_property
    def warnings(self) -> tuple[str, ...]:
        """The other warnings, with the input's folder taken out so the document does not depend on where it ran."""
        where = str(self.a.provenance.get("input", ""))
        name = PurePath(where).name
        out = []
        for w in self.a.warnings:
            if w.code in FIRST_PAGE_WARNINGS:
                continue
            text = localise(text_of(w.text, w.text_en, self.lang), self.lang)
            text = re.sub(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b", lambda m: self.any_name(m.group(0)), text)
            out.append(text.replace(where, name) if where else text)
        return tuple(out)

    @cached_property
    def has_measurements(self) -> bool:
        return any(f.subject in MEASURED for f in self.a.findings)


def plant_sources(section: object) -> list[str]:
    """Every source the plant model cites (the plant's effluent limits, sludge limits …), for the basis."""
    out: list[str] = []
    if isinstance(section, dict):
        for k, v in section.items():
            out += [v] if k == "source" and isinstance(v, str) else plant_sources(v)
    elif isinstance(section, list):
        for v in section:
            out += plant_sources(v)
    return out
