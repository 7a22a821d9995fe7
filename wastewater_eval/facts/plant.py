"""The plant's side (第四条) as facts: what this discharger does to *this* plant.

Runs the plant model (:mod:`wastewater_eval.plant`) on the discharger's worst final-outlet
values and its average flow, and turns each check (effluent, stable-compliance margin,
inhibition, hydraulic and load capacity, allocated local limit) into a ``plant_check`` fact.
The plant's current influent comes from the file where given; without it a check can show a
failure but never a pass (its verdict is "unknown").
Each check also carries the same check for the plant *without* the discharger and whether the
discharger raises the checked value: only what the discharger adds is its to answer for; a plant
that lacks margin without it is the plant's own finding (rules/plant.yaml, PLT-012).
The rules in ``rules/plant.yaml`` turn them into conclusions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..inputs.discharger import Discharger, Measurement
from ..load.units import convert
from ..plant import PlantModelError, Sourced, assess_plant, bundled_defaults, discharger_input, plant_from_record
from ..plant.formula import EXHAUSTED
from ..standards import StandardsLibrary
from ..vocabulary import vocabulary
from .context import FactContext
from .producer import Producer
from .types import BOOL, TEXT, Fact, FactTypes

FACT_TYPES: FactTypes = {
    "plant_model": {"available": BOOL, "reason": TEXT},
    "plant_check": {
        "check": TEXT,
        "parameter": TEXT,
        "name_zh": TEXT,
        "name_en": TEXT,
        "verdict": TEXT,
        "stable": TEXT,
        "raises": BOOL,  # the discharger raises the checked value (absent: cannot be told)
        "without_verdict": TEXT,  # the same check for the plant without the discharger
        "without_stable": TEXT,
        "exhausted": BOOL,  # local limit: nothing is left to allocate
        "what_zh": TEXT,  # what is checked, in words ("出水氨氮", "处理水量")
        "what_en": TEXT,
    },
}


def _worst(d: Discharger) -> list[Measurement]:
    """Per parameter, the highest final-outlet value (a non-detect counts at its detection limit)."""
    best: dict[str, Measurement] = {}
    for s in d.samples:
        if s.point != "final_outlet":
            continue
        for m in s.values:
            n = m.reading.number
            if n is None or (m.reading.unit is None and m.parameter.unit != ""):
                continue
            cur = best.get(m.parameter.id)
            if cur is None or _mg_l(m) > _mg_l(cur):
                best[m.parameter.id] = m
    return list(best.values())


def _mg_l(m: Measurement) -> Decimal:
    n = m.reading.number or Decimal(0)
    if m.reading.unit and m.parameter.unit == "mg/L":
        return convert(n, m.reading.unit, "mg/L", m.parameter.id)
    return n


def plant_facts(d: Discharger, library: StandardsLibrary) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The ``plant_check`` facts and the JSON ``plant`` section, or a ``plant_model`` fact saying why not."""
    plant = d.plant
    reason = ""
    if plant is None or plant.treatment_level == "none":
        reason = "no plant"
    elif plant.design_capacity is None or plant.current_flow is None:
        reason = "design capacity or current flow missing"
    elif d.flow_average is None:
        reason = "discharger flow missing"
    elif not plant.effluent_standard:
        reason = "effluent standard missing"
    if reason or plant is None or d.flow_average is None:
        return [{"id": "plant_model", "type": "plant_model", "available": False, "reason": reason}], None
    current = {
        m.parameter.id: Sourced(_mg_l(m), "mg/L", f"current influent: {m.written_as} = {m.reading.text}")
        for m in plant.current_influent
        if m.reading.number is not None
    }
    try:
        model = plant_from_record(
            plant,
            library,
            defaults=bundled_defaults(library.catalogue),
            conditions={"water_body": d.water_body},
            current_influent=current,
        )
        result = assess_plant(
            model, discharger_input(d.name, d.flow_average, _worst(d), "samples: the highest final-outlet value")
        )
    except PlantModelError as exc:
        return [{"id": "plant_model", "type": "plant_model", "available": False, "reason": str(exc)}], None
    facts: list[dict[str, Any]] = [{"id": "plant_model", "type": "plant_model", "available": True, "reason": ""}]
    for check in result.checks():
        kind, _, rest = check.id.partition(":")
        parameter = rest.split(":")[0]
        fact: dict[str, Any] = {
            "id": f"plant_check:{check.id}",
            "type": "plant_check",
            "check": kind,
            "verdict": check.verdict,
            "stable": check.stable,
        }
        words = vocabulary().fields["check"][kind]
        fact.update(what_zh=words.zh, what_en=words.en)
        if parameter:
            fact["parameter"] = parameter
            p = library.catalogue.get(parameter)
            fact.update(name_zh=p.name_zh, name_en=p.name_en)
            fact.update(what_zh=f"{words.zh}（{p.name_zh}）", what_en=f"{words.en} ({p.name_en})")
        base = result.baseline(check.id)
        if base is not None:
            fact.update(without_verdict=base.verdict, without_stable=base.stable)
        raises = result.raises(check.id)
        if raises is not None:
            fact["raises"] = raises
        if kind == "local_limit":
            fact["exhausted"] = result.parameter(parameter).local_limit.recommended.status == EXHAUSTED
        facts.append(fact)
    return facts, result.to_dict()


def produce(ctx: FactContext) -> list[Fact]:
    """The plant checks as facts; the plant chapter of the result goes to ``ctx.sections["plant"]``."""
    facts, section = plant_facts(ctx.discharger, ctx.library)
    if section is not None:
        ctx.sections["plant"] = section
    return facts


PRODUCER = Producer("plant", FACT_TYPES, produce)
