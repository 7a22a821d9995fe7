"""第七条: the final outlet's values against the GB 3838 class of the local water body, on evidence.

Every final-outlet sample is checked (one item worse than the class in any sample rules reuse
out). GB 3838's basic items (表1) do not cover salinity, which a natural water body would not take:
chloride, sulfate and dissolved solids are put beside GB 3838-2002 表2 where it has the item, and
the industry's characteristic salts must have been measured before reuse can be encouraged.
"""

from __future__ import annotations

from ..standards.limits import SURFACE, surface_limit
from .common import limit_fields, measured
from .context import FactContext
from .producer import Producer
from .types import BOOL, LIMIT, MEASURED, NUM, TEXT, Fact, FactTypes

FACT_TYPES: FactTypes = {
    "reuse_check": {**MEASURED, **LIMIT, "water_class": TEXT},
    "reuse_salt": {**MEASURED, "ref_limit": NUM, "ref_source": TEXT},
    "reuse_summary": {
        "water_class": TEXT,
        "has_class": BOOL,
        "required_missing": NUM,
        "missing": TEXT,
        "checked": NUM,
        "salt_missing": NUM,
        "salt_missing_names": TEXT,
    },
}

# The table of GB 3838-2002 that prints a salinity value (集中式生活饮用水地表水源地补充项目)
_SALT_REFERENCE_TABLE = "table2"


def _salt_reference(ctx: FactContext, pid: str) -> Fact:
    std = ctx.library.find(SURFACE)
    if std is None:
        return {}
    row = next((r for r in std.rows_for(pid) if r.table_id == _SALT_REFERENCE_TABLE), None)
    lim = row.limit("value") if row is not None else None
    if lim is None or lim.value is None:
        return {}
    ctx.resolver.use([lim])
    return {"ref_limit": float(lim.value), "ref_source": f"{lim.source}（{std.table(_SALT_REFERENCE_TABLE).title_zh}）"}


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
            if m.parameter.has("salt"):
                fact = measured(s, m, m.parameter.unit)
                fact.update(id=f"reuse_salt:{s.id}:{m.parameter.id}", type="reuse_salt")
                fact.update(_salt_reference(ctx, m.parameter.id))
                out.append(fact)
            lim, regulated = surface_limit(library, m.parameter.id, cls, conditions)
            if not regulated:
                continue
            checked += 1
            unit = lim.unit if lim else m.parameter.unit
            fact = measured(s, m, unit)
            fact.update(id=f"reuse_check:{s.id}:{m.parameter.id}", type="reuse_check", water_class=cls)
            fact.update(limit_fields("std", lim))
            if lim is not None:
                ctx.resolver.use([lim])
            out.append(fact)
    applicable = [p for p in required if cls and surface_limit(library, p, cls, conditions)[1]]
    missing = [p for p in applicable if p not in measured_ids]
    salts = [c.parameter for c in ctx.profile.characteristic] if ctx.profile else []
    salt_missing = [
        library.catalogue.get(p).name_zh
        for p in salts
        if library.catalogue.get(p).has("salt") and p not in measured_ids
    ]
    out.append(
        {
            "id": "reuse_summary",
            "type": "reuse_summary",
            "water_class": cls or "",
            "has_class": bool(cls),
            "required_missing": len(missing),
            "missing": ", ".join(missing),
            "checked": checked,
            "salt_missing": len(salt_missing),
            "salt_missing_names": "、".join(salt_missing),
        }
    )
    return out


PRODUCER = Producer("reuse", FACT_TYPES, produce)
