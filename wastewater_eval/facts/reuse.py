"""第七条: the final outlet's values against the GB 3838 class of the local water body."""

from __future__ import annotations

from ..standards.limits import SURFACE, surface_limit
from .common import limit_fields, measured
from .context import FactContext
from .producer import Producer
from .types import BOOL, LIMIT, MEASURED, NUM, TEXT, Fact, FactTypes

FACT_TYPES: FactTypes = {
    "reuse_check": {**MEASURED, **LIMIT, "water_class": TEXT},
    "reuse_summary": {
        "water_class": TEXT,
        "has_class": BOOL,
        "required_missing": NUM,
        "missing": TEXT,
        "checked": NUM,
    },
}


def produce(ctx: FactContext) -> list[Fact]:
    d, library = ctx.discharger, ctx.library
    cls = d.water_function_class
    if library.find(SURFACE) is None:
        cls = None  # GB 3838 not available: reuse cannot be judged (the summary says so)
    conditions = {"water_body": d.water_body}
    required = [str(x) for x in ctx.params.get("reuse_required_parameters", [])]
    out: list[Fact] = []
    measured_ids: set[str] = set()
    checked = 0
    for s in d.samples:
        if s.point != "final_outlet":
            continue
        for m in s.values:
            measured_ids.add(m.parameter.id)
            if not cls:
                continue
            lim, regulated = surface_limit(library, m.parameter.id, cls, conditions)
            if not regulated:
                continue
            checked += 1
            unit = lim.unit if lim else m.parameter.unit
            fact = measured(s, m, unit)
            fact.update(id=f"reuse_check:{s.id}:{m.parameter.id}", type="reuse_check", water_class=cls)
            fact.update(limit_fields("std", lim))
            out.append(fact)
    applicable = [p for p in required if cls and surface_limit(library, p, cls, conditions)[1]]
    missing = [p for p in applicable if p not in measured_ids]
    out.append(
        {
            "id": "reuse_summary",
            "type": "reuse_summary",
            "water_class": cls or "",
            "has_class": bool(cls),
            "required_missing": len(missing),
            "missing": ", ".join(missing),
            "checked": checked,
        }
    )
    return out


PRODUCER = Producer("reuse", FACT_TYPES, produce)
