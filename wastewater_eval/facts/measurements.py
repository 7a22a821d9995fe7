"""Each measured value with the limits that bind it at its sampling point, and (第六条) the daily
load an agreement caps.

The limits come from the resolver (:mod:`wastewater_eval.standards.resolve`): every standard that
binds this discharger at the sample's point — GB/T 31962 at the plant's grade, the industry and
local standards, GB 8978 表1 at the workshop outlet — and the strictest of them. An agreement's
concentration limit in force on the sampling date is put beside it for the rules to choose
between; whether it can take effect (no industry standard binding the indicator) is the fact's
``std_negotiable``.
"""

from __future__ import annotations

from decimal import Decimal

from ..inputs.discharger import Measurement, Sample
from ..load.units import as_number, convert
from ..vocabulary import vocabulary
from .agreements import agreement_for
from .common import category_flags, measured
from .context import FactContext
from .producer import Producer
from .remedies import remedy
from .types import BOOL, CATEGORY_FLAGS, LIMIT, MEASURED, NUM, TEXT, Fact, FactTypes

FACT_TYPES: FactTypes = {
    "measurement": {
        **MEASURED,
        **LIMIT,
        "workshop_sampled": BOOL,
        "std_negotiable": BOOL,
        "plant_absorbs": BOOL,
        "missing_point": TEXT,
        "missing_point_zh": TEXT,
        "missing_point_en": TEXT,
        "agr_id": TEXT,
        "agr_limit": NUM,
        "agr_source": TEXT,
        "remedy_zh": TEXT,
        "remedy_en": TEXT,
    },
    "load": {
        "sample": TEXT,
        "parameter": TEXT,
        "name_zh": TEXT,
        "name_en": TEXT,
        "taken": TEXT,
        "load": NUM,
        "unit": TEXT,
        "agr_id": TEXT,
        "agr_max_load": NUM,
        "agr_source": TEXT,
        **CATEGORY_FLAGS,
    },
}


def _absorbed(ctx: FactContext) -> set[str] | None:
    """Parameters the plant model found the plant absorbs with its margin (None: no model ran)."""
    plant = ctx.of_type("plant_check")
    if not any(f["available"] for f in ctx.of_type("plant_model")):
        return None
    return {f["parameter"] for f in plant if f["check"] == "effluent" and f["stable"] == "pass"}


def produce(ctx: FactContext) -> list[Fact]:
    d = ctx.discharger
    sampled: dict[str, set[str]] = {}
    for s in d.samples:
        for m in s.values:
            sampled.setdefault(m.parameter.id, set()).add(s.point)
    absorbs = _absorbed(ctx)
    facts: list[Fact] = []
    for s in d.samples:
        for m in s.values:
            fact = _measurement(ctx, s, m, sampled[m.parameter.id])
            if absorbs is not None and s.point == "final_outlet":
                fact["plant_absorbs"] = m.parameter.id in absorbs
            facts.append(fact)
            load = _load(ctx, s, m)
            if load:
                facts.append(load)
    return facts


def _missing_point(ctx: FactContext, pid: str, sampled: set[str]) -> str | None:
    """A point where a standard puts a limit of ``pid`` that does not bind at the final outlet (the
    workshop outlet for class-1 pollutants, the decay tank for radioactivity), not sampled."""
    for point, res in ctx.resolver.points(pid).items():
        if point == "final_outlet" or point in sampled:
            continue
        if any("final_outlet" not in b.points for b in res.bound):
            return point
    return None


def _measurement(ctx: FactContext, s: Sample, m: Measurement, sampled: set[str]) -> Fact:
    p = m.parameter
    res = ctx.resolver.limits(p.id, s.point)
    ctx.resolver.use(res.bound)
    unit = res.unit(p.unit)
    fact = measured(s, m, unit)
    fact.update(id=f"measurement:{s.id}:{p.id}", type="measurement", workshop_sampled="workshop_outlet" in sampled)
    fact.update(res.fields(unit))
    if s.point == "final_outlet":
        missing = _missing_point(ctx, p.id, sampled)
        if missing is not None:
            words = vocabulary().fields["point"][missing]
            fact.update(missing_point=missing, missing_point_zh=words.zh, missing_point_en=words.en)
    fact.update(remedy(ctx, p.id))
    agreed = agreement_for(ctx.discharger.agreements, p.id, s.taken.date(), "limits")
    if agreed:
        a, term = agreed
        fact.update(
            agr_id=a.id,
            agr_limit=as_number(convert(term.value, term.unit, unit, p.id)),
            agr_source=f"代处理协议 {a.id}（{a.signed.isoformat()}~{(a.renewed_until or a.valid_until).isoformat()}）",
        )
    return fact


def _load(ctx: FactContext, s: Sample, m: Measurement) -> Fact | None:
    """Daily load (kg/d = mg/L × m³/d ÷ 1000) where an agreement caps it and the flow is known."""
    d = ctx.discharger
    agreed = agreement_for(d.agreements, m.parameter.id, s.taken.date(), "max_load")
    r = m.reading
    if not agreed or d.flow_average is None or s.point != "final_outlet":
        return None
    a, term = agreed
    fact: Fact = {
        "id": f"load:{s.id}:{m.parameter.id}",
        "type": "load",
        "sample": s.id,
        "parameter": m.parameter.id,
        "name_zh": m.parameter.name_zh,
        "name_en": m.parameter.name_en,
        "taken": s.taken.isoformat(timespec="minutes"),
        "unit": "kg/d",
        "agr_id": a.id,
        "agr_max_load": as_number(term.value),
        "agr_source": f"代处理协议 {a.id} 日排放量",
        **category_flags(m.parameter),
    }
    if r.detected and r.value is not None and r.unit is not None:
        conc = convert(r.value, r.unit, "mg/L", m.parameter.id)
        fact["load"] = as_number(conc * d.flow_average / Decimal(1000))
    return fact


PRODUCER = Producer("measurements", FACT_TYPES, produce)
