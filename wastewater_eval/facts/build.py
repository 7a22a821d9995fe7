"""From a discharger file and the standards to the facts the rules judge.

This module selects and converts; it decides nothing. Each measured value is converted
exactly (Decimal) into the unit of the limit it will be compared with, and every candidate
limit is put on the fact with its source, so that the rules can choose between the
standard's limit and an agreement's and say which one they used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..inputs.discharger import Agreement, Discharger, Measurement, Sample
from ..load.units import as_number as _num
from ..load.units import convert
from ..standards import LimitValue, StandardsLibrary
from ..standards.limits import SEWER, SURFACE, grade_for, sewer_limit, stricter_limit, surface_limit
from ..standards.parameters import Parameter

MEASURES_START = dt.date(2022, 12, 19)  # 办法第九条: 自印发之日起实施，有效期5年
MEASURES_END = dt.date(2027, 12, 18)


def category_flags(p: Parameter) -> dict[str, bool]:
    return {
        "class1": p.has("class1"),
        "heavy_metal": p.has("heavy_metal"),
        "biodegradable": p.has("biodegradable"),
        "toxic": p.has("toxic_organic") or p.has("toxic_inorganic") or p.has("radioactive"),
        "nutrient": p.has("nutrient"),
        "conventional": p.has("conventional"),
        "physical": p.has("physical"),
    }


def _measured(sample: Sample, m: Measurement, target_unit: str) -> dict[str, Any]:
    p, r = m.parameter, m.reading
    fact: dict[str, Any] = {
        "sample": sample.id,
        "parameter": p.id,
        "name_zh": p.name_zh,
        "name_en": p.name_en,
        "point": sample.point,
        "kind": sample.kind,
        "taken": sample.taken.isoformat(timespec="minutes"),
        "detected": r.detected,
        "has_unit": r.unit is not None or p.unit == "",
        "unit": target_unit,
        **category_flags(p),
    }
    number = r.number
    if number is not None and fact["has_unit"]:
        fact["value"] = _num(convert(number, r.unit or "", target_unit, p.id) if r.unit else number)
    return fact


def _limit_fields(prefix: str, lim: LimitValue | None, unit_from: str, pid: str) -> dict[str, Any]:
    if lim is None:
        return {f"{prefix}_kind": "none"}
    out: dict[str, Any] = {f"{prefix}_kind": lim.comparison, f"{prefix}_source": lim.source}
    if prefix == "std" and lim.standard == SEWER:
        out["std_negotiable"] = True
    if lim.value is not None:
        out[f"{prefix}_limit"] = _num(lim.value)
    if lim.low is not None and lim.high is not None:
        out[f"{prefix}_low"], out[f"{prefix}_high"] = _num(lim.low), _num(lim.high)
    return out


def _agreement_for(agreements: Iterable[Agreement], pid: str, day: dt.date, attr: str) -> tuple[Agreement, Any] | None:
    """The agreement in force on ``day`` that sets a term for ``pid`` (the latest signed wins)."""
    best = None
    for a in agreements:
        if not a.in_force(day):
            continue
        for term in getattr(a, attr):
            if term.parameter.id == pid and (best is None or a.signed > best[0].signed):
                best = (a, term)
    return best


def build_facts(
    d: Discharger,
    library: StandardsLibrary,
    as_of: dt.date,
    params: dict[str, Any],
    kb: Any = None,
    plant: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Every fact of one assessment, each with a unique id."""
    facts: list[dict[str, Any]] = [
        {
            "id": "assessment",
            "type": "assessment",
            "as_of": as_of.isoformat(),
            "track": d.status,
            "within_measures": MEASURES_START <= as_of <= MEASURES_END,
        },
    ]
    grade = ""
    if d.plant is not None:
        grade, _ = grade_for(library, d.plant.treatment_level)
    facts.append(
        {
            "id": "discharger",
            "type": "discharger",
            "discharger_id": d.id,
            "track": d.status,
            "district": d.district,
            "industry": d.industry,
            "has_plant": d.plant is not None and d.plant.treatment_level != "none",
            "treatment_level": d.plant.treatment_level if d.plant else "none",
            "grade": grade,
            "has_flow": d.flow_average is not None,
        }
    )
    for p in d.permits:
        f: dict[str, Any] = {
            "id": f"permit:{p.kind}",
            "type": "permit",
            "permit": p.kind,
            "number": p.number,
            "has_expiry": p.valid_until is not None,
        }
        if p.valid_until is not None:
            f["expired"] = p.valid_until < as_of
            f["days_left"] = (p.valid_until - as_of).days
        facts.append(f)
    for a in d.agreements:
        end = a.renewed_until or a.valid_until
        facts.append(
            {
                "id": f"agreement:{a.id}",
                "type": "agreement",
                "agreement": a.id,
                "in_force": a.in_force(as_of),
                "expired": end < as_of,
                "renewed": a.renewed_until is not None,
                "days_left": (end - as_of).days,
                "event": f"{a.id}:{end.isoformat()}",
            }
        )
        for kind, terms in (("concentration", a.limits), ("load", a.max_load)):
            for t in terms:
                facts.append(
                    {
                        "id": f"agreement_term:{a.id}:{kind}:{t.parameter.id}",
                        "type": "agreement_term",
                        "agreement": a.id,
                        "parameter": t.parameter.id,
                        "name_zh": t.parameter.name_zh,
                        "name_en": t.parameter.name_en,
                        "term": kind,
                        **category_flags(t.parameter),
                    }
                )
    workshop = {m.parameter.id for s in d.samples if s.point == "workshop_outlet" for m in s.values}
    profile = (kb or _knowledge(library)).profile(d.industry) if d.samples else None
    absorbs: set[str] | None = None
    if plant:
        facts += plant
        if any(f["type"] == "plant_model" and f["available"] for f in plant):
            absorbs = {
                f["parameter"]
                for f in plant
                if f["type"] == "plant_check" and f["check"] == "effluent" and f["stable"] == "pass"
            }
    for s in d.samples:
        for m in s.values:
            fact = _measurement_fact(d, s, m, grade, library, workshop, profile)
            if absorbs is not None and s.point == "final_outlet":
                fact["plant_absorbs"] = m.parameter.id in absorbs
            facts.append(fact)
            load = _load_fact(d, s, m)
            if load:
                facts.append(load)
    if d.status == "existing":
        facts += _reuse_facts(d, library, params)
    elif d.production is not None:
        from ..standards.profiles import bundled_knowledge
        from .prospective import prospective_facts

        facts += prospective_facts(d, library, kb or bundled_knowledge(library.catalogue), grade, library.catalogue)
    return facts


def _knowledge(library: StandardsLibrary) -> Any:
    from ..standards.profiles import bundled_knowledge

    return bundled_knowledge(library.catalogue)


def applicable_limit(
    p: Parameter, point: str, grade: str, library: StandardsLibrary, profile: Any = None
) -> tuple[str, dict[str, Any]]:
    """The unit and the ``std_*`` fields of the limit a parameter must meet at a sampling point:
    GB/T 31962 at the plant's grade, or the industry standard's where that is stricter."""
    lim = sewer_limit(library, p.id, grade) if grade else None
    ind = profile.limit_for(p.id, point, existing=True) if profile is not None else None
    unit = lim.unit if lim else (ind.unit if ind is not None and ind.unit else p.unit)
    if ind is None:
        fields = _limit_fields("std", lim, unit, p.id)
        fields.setdefault("std_negotiable", True)
    else:
        fields = stricter_limit(lim, ind, unit, p.id)
        fields.pop("point", None)
    return unit, fields


def _measurement_fact(
    d: Discharger,
    s: Sample,
    m: Measurement,
    grade: str,
    library: StandardsLibrary,
    workshop: set[str],
    profile: Any = None,
) -> dict[str, Any]:
    """A measured value with the limit it must meet: GB/T 31962 at the plant's grade, or the
    industry standard's limit for this sampling point where that is stricter (both bind)."""
    p = m.parameter
    unit, limit_fields = applicable_limit(p, s.point, grade, library, profile)
    fact = _measured(s, m, unit)
    fact.update(id=f"measurement:{s.id}:{p.id}", type="measurement", workshop_sampled=p.id in workshop)
    fact.update(limit_fields)
    agreed = _agreement_for(d.agreements, p.id, s.taken.date(), "limits")
    if agreed:
        a, term = agreed
        fact.update(
            agr_id=a.id,
            agr_limit=_num(convert(term.value, term.unit, unit, p.id)),
            agr_source=f"代处理协议 {a.id}（{a.signed.isoformat()}~{(a.renewed_until or a.valid_until).isoformat()}）",
        )
    return fact


def _load_fact(d: Discharger, s: Sample, m: Measurement) -> dict[str, Any] | None:
    """Daily load (kg/d = mg/L × m³/d ÷ 1000) where an agreement caps it and the flow is known."""
    agreed = _agreement_for(d.agreements, m.parameter.id, s.taken.date(), "max_load")
    r = m.reading
    if not agreed or d.flow_average is None or s.point != "final_outlet":
        return None
    a, term = agreed
    fact: dict[str, Any] = {
        "id": f"load:{s.id}:{m.parameter.id}",
        "type": "load",
        "sample": s.id,
        "parameter": m.parameter.id,
        "name_zh": m.parameter.name_zh,
        "name_en": m.parameter.name_en,
        "taken": s.taken.isoformat(timespec="minutes"),
        "unit": "kg/d",
        "agr_id": a.id,
        "agr_max_load": _num(term.value),
        "agr_source": f"代处理协议 {a.id} 日排放量",
        **category_flags(m.parameter),
    }
    if r.detected and r.value is not None and r.unit is not None:
        conc = convert(r.value, r.unit, "mg/L", m.parameter.id)
        fact["load"] = _num(conc * d.flow_average / Decimal(1000))
    return fact


def _encoded(library: StandardsLibrary, code: str) -> bool:
    try:
        library.get(code)
    except KeyError:
        return False
    return True


def _reuse_facts(d: Discharger, library: StandardsLibrary, params: dict[str, Any]) -> list[dict[str, Any]]:
    """GB 3838 comparisons for 第七条, at the final outlet only."""
    cls = d.water_function_class
    if SURFACE not in library.known_codes or not _encoded(library, SURFACE):
        cls = None  # GB 3838 not encoded: reuse cannot be judged (the summary says so)
    conditions = {"water_body": d.water_body}
    required = [str(x) for x in params.get("reuse_required_parameters", [])]
    out: list[dict[str, Any]] = []
    measured: set[str] = set()
    checked = 0
    for s in d.samples:
        if s.point != "final_outlet":
            continue
        for m in s.values:
            measured.add(m.parameter.id)
            if not cls:
                continue
            lim, regulated = surface_limit(library, m.parameter.id, cls, conditions)
            if not regulated:
                continue
            checked += 1
            unit = lim.unit if lim else m.parameter.unit
            fact = _measured(s, m, unit)
            fact.update(id=f"reuse_check:{s.id}:{m.parameter.id}", type="reuse_check", water_class=cls)
            fact.update(_limit_fields("std", lim, unit, m.parameter.id))
            out.append(fact)
    applicable = [p for p in required if cls and surface_limit(library, p, cls, conditions)[1]]
    missing = [p for p in applicable if p not in measured]
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


__all__ = ["MEASURES_END", "MEASURES_START", "SEWER", "build_facts", "category_flags"]
