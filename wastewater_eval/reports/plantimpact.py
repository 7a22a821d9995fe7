"""The plant-impact chapter (第四条) of the report, from the result's ``plant`` section.

The section (``wasteval/plant/v1``, built by :mod:`wastewater_eval.plant.evaluate`) carries every
calculation with its formula, the numbers put into it and where each number came from. This
module only arranges it for a reader: one table of checks, then for each parameter the
formulas worked through and the sources of the inputs that are not computed. It reads the
JSON shape, not the model objects, so a recorded result renders the same years later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..plant.formula import fmt
from ..vocabulary import vocabulary
from . import terms
from .phrases import localise
from .words import say

# Inputs whose source a reviewer must be able to check; the other inputs are computed here.
_SOURCED = ("R", "R_POTW", "R_prim", "C_lim", "C_crit", "C_inhib", "C_sludge", "M_DS", "C_p", "C_d", "L_design")
# The calculations of a parameter, in the order a reader follows them.
_STEPS = (
    "discharger_load",
    "headworks_concentration",
    "headworks_load",
    "effluent_without_discharger",
    "predicted_effluent",
)

CHECK_KIND = terms.pairs(vocabulary().fields["check"])
PROCESS = {
    "activated_sludge": ("活性污泥", "activated sludge"),
    "nitrification": ("硝化", "nitrification"),
}
CHECK_VERDICT = terms.pairs(vocabulary().fields["verdict"])
STABLE = terms.pairs(vocabulary().fields["stable"])
SLUDGE_ROUTE = {
    "land_application": ("土地利用（农用）", "land application"),
    "landfill": ("填埋", "landfill"),
    "incineration": ("焚烧", "incineration"),
    "building_materials": ("建材利用", "building materials"),
    "other": ("其他", "other"),
}
SOIL = {
    "acid": ("酸性土壤 pH<6.5", "acid soil, pH<6.5"),
    "neutral_alkaline": ("中性和碱性土壤 pH≥6.5", "neutral and alkaline soil, pH≥6.5"),
}
NITRIFICATION = {
    "single_stage": ("单级（与活性污泥同池）", "single-stage (in the activated sludge)"),
    "separate_stage": ("两级（独立硝化段）", "separate-stage"),
    "none": ("无硝化", "none"),
}


@dataclass(frozen=True)
class Step:
    """One formula, worked through: ``symbol = formula = worked = result unit``."""

    symbol: str
    formula: str
    worked: str
    result: str
    note: str


@dataclass(frozen=True)
class CheckRow:
    kind: str  # the code, for styling
    item: str
    parameter: str
    value: str
    limit: str
    margin: str
    criterion: str
    verdict: str  # pass | fail | unknown
    verdict_label: str
    stable_label: str
    note: str


@dataclass(frozen=True)
class ParameterImpact:
    name: str
    steps: tuple[Step, ...]
    local_limit: tuple[Step, ...]
    governing: str
    sources: tuple[tuple[str, str], ...]  # (symbol, where the number came from)


@dataclass(frozen=True)
class PlantImpact:
    safety_factor: str
    safety_source: str
    nitrification: str
    sludge_route: str
    sludge_criterion: str
    flows: tuple[Step, ...]
    checks: tuple[CheckRow, ...]
    parameters: tuple[ParameterImpact, ...]
    allocation_basis: str
    notes: tuple[str, ...]
    failing: int
    unknown: int
    intro: str  # the chapter's first paragraph: method, safety factor, nitrification, sludge, counts


def _with_unit(calc: Mapping[str, Any] | None) -> str:
    if not calc or calc.get("value") is None:
        return "—"
    unit = str(calc.get("unit") or "")
    return f"{fmt(Decimal(str(calc['value'])), 4)} {unit}".strip()


def _step(calc: Mapping[str, Any], lang: str) -> Step:
    return Step(
        symbol=str(calc.get("symbol", "")),
        formula=str(calc.get("formula", "")),
        worked=str(calc.get("worked", "")),
        result=_with_unit(calc),
        note=localise(str(calc.get("note") or ""), lang),
    )


def _check(check: Mapping[str, Any], parameter: str, lang: str) -> CheckRow:
    kind, _, rest = str(check["id"]).partition(":")
    item = terms.pick(CHECK_KIND, kind, lang)
    process = rest.split(":")[1] if rest.count(":") else ""
    if process:
        label = terms.pick(PROCESS, process, lang)
        item += say("in_parens", lang, text=label)
    verdict = str(check.get("verdict", "unknown"))
    margin = check.get("margin") or {}
    return CheckRow(
        kind=kind,
        item=item,
        parameter=parameter,
        value=_with_unit(check.get("value")),
        limit=_with_unit(check.get("limit")),
        # an unknown verdict's margin is computed from a bound, so printing it would read as a pass
        margin=_with_unit(margin) if margin.get("value") is not None and verdict != "unknown" else "—",
        criterion=str(check.get("criterion", "")),
        verdict=verdict,
        verdict_label=terms.pick(CHECK_VERDICT, verdict, lang),
        stable_label=terms.pick(STABLE, str(check.get("stable", "unknown")), lang) if verdict == "pass" else "—",
        note=localise(str(check.get("note") or ""), lang),
    )


def _sources(calcs: list[Mapping[str, Any]], lang: str) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for calc in calcs:
        for i in calc.get("inputs") or ():
            symbol, source = str(i.get("symbol", "")), str(i.get("source", ""))
            if symbol in _SOURCED and source and not source.startswith("computed") and symbol not in seen:
                seen[symbol] = localise(source, lang)
    return tuple(sorted(seen.items()))


def _parameter(pid: str, p: Mapping[str, Any], name: str, lang: str) -> tuple[ParameterImpact, list[CheckRow]]:
    steps = [p[k] for k in _STEPS if p.get(k)]
    checks: list[Mapping[str, Any]] = [c for c in (p.get("effluent_check"), p.get("load_capacity")) if c]
    checks += list(p.get("inhibition") or ())
    ll = p.get("local_limit") or {}
    limit_steps = list(ll.get("allowable_headworks_loadings") or ())
    limit_steps += [ll[k] for k in ("mahl", "mail", "recommended_limit") if ll.get(k)]
    if ll.get("discharger_check"):
        checks.append(ll["discharger_check"])
    everything = steps + limit_steps + [c for ch in checks for c in (ch.get("value"), ch.get("limit")) if c]
    return (
        ParameterImpact(
            name=name,
            steps=tuple(_step(c, lang) for c in steps),
            local_limit=tuple(_step(c, lang) for c in limit_steps),
            governing=str(ll.get("governing_criterion") or ""),
            sources=_sources(everything, lang),
        ),
        [_check(c, name, lang) for c in checks],
    )


def plant_impact(
    section: Mapping[str, Any] | None, names: Mapping[str, str], lang: str, plant_name: str = ""
) -> PlantImpact | None:
    """The chapter's context, or None when the assessment has no plant section.

    ``names`` maps parameter ids to the names the document prints (its language).
    """
    if not section:
        return None
    plant = section.get("plant") or {}
    sf = plant.get("safety_factor") or {}
    sludge = plant.get("sludge") or {}
    soil = ""
    if sludge.get("soil"):
        label = terms.pick(SOIL, sludge["soil"], lang)
        soil = say("in_parens", lang, text=label)
    checks: list[CheckRow] = []
    if section.get("hydraulic"):
        checks.append(_check(section["hydraulic"], "—", lang))
    params: list[ParameterImpact] = []
    for pid, p in (section.get("parameters") or {}).items():
        impact, rows = _parameter(pid, p, names.get(pid, pid), lang)
        params.append(impact)
        checks.extend(rows)
    flows = [section[k] for k in ("q_potw",) if section.get(k)]
    summary = section.get("summary") or {}
    failing, unknown = len(summary.get("fail") or ()), len(summary.get("unknown") or ())
    factor, factor_source = (
        f"{fmt(Decimal(str(sf.get('value', 0))) * 100, 4)}%",
        localise(str(sf.get("source", "")), lang),
    )
    nitrification = terms.pick(NITRIFICATION, plant.get("nitrification"), lang)
    route, criterion = (
        terms.pick(SLUDGE_ROUTE, sludge.get("route"), lang) + soil,
        localise(str(sludge.get("criterion") or ""), lang),
    )
    intro = say(
        "plant_side_intro",
        lang,
        plant=plant_name,
        factor=factor,
        source=factor_source,
        nitrification=nitrification,
        route=route,
        criterion=criterion,
    )
    intro += say("plant_side_failing", lang, n=failing) if failing else ""
    intro += say("plant_side_unknown", lang, n=unknown) if unknown else ""
    return PlantImpact(
        safety_factor=factor,
        safety_source=factor_source,
        nitrification=nitrification,
        sludge_route=route,
        sludge_criterion=criterion,
        flows=tuple(_step(c, lang) for c in flows),
        checks=tuple(checks),
        parameters=tuple(params),
        allocation_basis=localise(str(section.get("allocation_basis") or ""), lang),
        notes=tuple(localise(str(n), lang) for n in section.get("notes") or ()),
        failing=failing,
        unknown=unknown,
        intro=intro,
    )
