"""第五条第二项: what a prospective discharger's wastewater will be, as facts for the rules.

From the declared industry (a profile), the processes and materials (keywords) and whatever
the discharger declares (expected flow and concentrations, e.g. from its EIA), this module
lists the characteristic pollutants with the limits they must meet at the connection point —
the stricter of GB/T 31962 (at the plant's grade) and the industry standards' limits for
discharge into a municipal sewer — and the plant's spare capacity. It decides nothing: the
rules in ``rules/prospective.yaml`` do.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..load.units import as_number as _num
from ..load.units import convert
from ..standards.resolve import Resolution, Resolver
from .common import category_flags
from .context import FactContext
from .producer import Producer
from .types import BOOL, CATEGORY_FLAGS, LIMIT, NUM, TEXT, Fact, FactTypes

FACT_TYPES: FactTypes = {
    "expected": {
        "parameter": TEXT,
        "name_zh": TEXT,
        "name_en": TEXT,
        "unit": TEXT,
        "origin": TEXT,
        "items": TEXT,  # the processes and materials that point to it, 、-separated
        "why": TEXT,
        "point": TEXT,
        "has_estimate": BOOL,
        "value": NUM,
        "reduction_pct": NUM,
        "std_negotiable": BOOL,
        **LIMIT,
        **CATEGORY_FLAGS,
    },
    "undeclared": {"kind": TEXT, "item": TEXT},
    "capacity": {"has_flow": BOOL, "has_capacity": BOOL, "flow": NUM, "spare": NUM, "share_pct": NUM},
    "profile": {"known": BOOL, "industry": TEXT, "has_class1": BOOL},
}


def _at_connection(resolver: Resolver, pid: str) -> tuple[str, Resolution]:
    """Every limit the pollutant must meet, wherever it binds, and the point the design must give a
    sampling point at: where a standard puts a limit that does not bind at the final outlet (the
    workshop outlet for class-1 pollutants, the decay tank for radioactivity), else the final outlet."""
    where = resolver.points(pid)
    point = next(
        (p for p, r in where.items() if p != "final_outlet" and any("final_outlet" not in b.points for b in r.bound)),
        "final_outlet",
    )
    bound = {b.limit.source: b for r in where.values() for b in r.bound}
    return point, Resolution(pid, point, tuple(bound.values()))


def produce(ctx: FactContext) -> list[Fact]:
    """The facts of a prospective assessment: expected pollutants, capacity, undeclared items."""
    d, kb, catalogue = ctx.discharger, ctx.kb, ctx.library.catalogue
    prod = d.production
    if prod is None:
        return []  # an existing discharger: nothing is expected, it is measured
    profile = ctx.profile
    facts: list[Fact] = []
    pollutants: dict[str, dict[str, Any]] = {}

    def want(pid: str, origin: str, basis: str, item: str = "") -> None:
        entry = pollutants.setdefault(pid, {"origins": [], "basis": [], "items": []})
        entry["origins"].append(origin)
        entry["basis"].append(basis)
        if item and item not in entry["items"]:
            entry["items"].append(item)

    if profile is not None:
        for c in profile.characteristic:
            want(c.parameter, "profile", f"{profile.name_zh}: {c.basis}")
    unknown: list[tuple[str, str]] = []
    for kind, items in (("process", prod.processes), ("material", prod.materials), ("product", prod.products)):
        for item in items:
            hits = kb.match(item)
            for k in hits:
                for pid in k.parameters:
                    want(pid, "keyword", f"{item} → {k.rationale}" if k.rationale else item, item)
            if not hits and kind != "product":
                unknown.append((kind, item))
    for decl in prod.expected:
        want(decl.parameter.id, "declared", "declared by the discharger")
    declared = {decl.parameter.id: decl for decl in prod.expected}
    for pid, entry in sorted(pollutants.items()):
        p = catalogue.get(pid)
        point, res = _at_connection(ctx.resolver, pid)
        ctx.resolver.use(res.bound)
        unit = res.unit(p.unit)
        fact: Fact = {
            "id": f"expected:{pid}",
            "type": "expected",
            "parameter": pid,
            "name_zh": p.name_zh,
            "name_en": p.name_en,
            "unit": unit,
            "origin": ",".join(sorted(set(entry["origins"]))),
            "items": "、".join(entry["items"]),
            "why": "; ".join(dict.fromkeys(entry["basis"])),
            "point": point,
            **category_flags(p),
        }
        fact.update(res.fields(unit))
        m = declared.get(pid)
        fact["has_estimate"] = (
            m is not None and m.reading.number is not None and (m.reading.unit is not None or p.unit == "")
        )
        if fact["has_estimate"] and m is not None and m.reading.number is not None:
            value = convert(m.reading.number, m.reading.unit or "", unit, pid) if m.reading.unit else m.reading.number
            fact["value"] = _num(value)
            if fact.get("std_kind") == "max" and value > 0:
                limit = Decimal(str(fact["std_limit"]))
                fact["reduction_pct"] = _num(max(Decimal(0), (value - limit) / value * 100).quantize(Decimal("0.1")))
        facts.append(fact)
    for kind, item in unknown:
        facts.append({"id": f"undeclared:{kind}:{item}", "type": "undeclared", "kind": kind, "item": item})
    flow = prod.expected_flow or d.flow_average
    cap: Fact = {
        "id": "capacity",
        "type": "capacity",
        "has_flow": flow is not None,
        "has_capacity": bool(d.plant and d.plant.design_capacity is not None and d.plant.current_flow is not None),
    }
    if flow is not None:
        cap["flow"] = _num(flow)
    if cap["has_capacity"] and d.plant and d.plant.design_capacity is not None and d.plant.current_flow is not None:
        spare = d.plant.design_capacity - d.plant.current_flow
        cap["spare"] = _num(spare)
        if flow is not None and spare > 0:
            cap["share_pct"] = _num((flow / spare * 100).quantize(Decimal("0.1")))
    facts.append(cap)
    facts.append(
        {
            "id": "profile",
            "type": "profile",
            "known": profile is not None,
            "industry": d.industry,
            # only what the applicant's processes produce or it declares (PRO-015), not the profile alone
            "has_class1": any(f.get("class1") and f["origin"] != "profile" for f in facts if f["type"] == "expected"),
        }
    )
    return facts


PRODUCER = Producer("prospective", FACT_TYPES, produce)
