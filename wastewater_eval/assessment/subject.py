"""The result's ``subject`` block: what a document needs about the discharger, in the JSON shape.

Identification, permits, flows, production, pretreatment, the receiving plant, agreements, the
water class, and how the samples were taken and analysed (every value as the laboratory wrote
it). A recorded result carries it, so its documents render years later from the result alone,
without the discharger file or today's parser. docs/reports.md describes the shape.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..inputs.model import AgreedLimit, Discharger, Measurement, Plant
from ..standards.parameters import Parameter

SUBJECT_SHAPE = "wasteval/subject/v1"


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _day(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


def _names(p: Parameter) -> dict[str, Any]:
    return {"parameter": p.id, "name_zh": p.name_zh, "name_en": p.name_en}


def _limit(lim: AgreedLimit) -> dict[str, Any]:
    return {**_names(lim.parameter), "value": _num(lim.value), "unit": lim.unit}


def _written(m: Measurement) -> dict[str, Any]:
    return {**_names(m.parameter), "written_as": m.written_as, "as_given": m.reading.text, "line": m.line}


def _plant(p: Plant | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "name": p.name,
        "treatment_level": p.treatment_level,
        "design_capacity": _num(p.design_capacity),
        "current_flow": _num(p.current_flow),
        "effluent_standard": p.effluent_standard or None,
        "effluent_surface_class": p.effluent_surface_class,
        "effluent_local_limits": [_limit(lim) for lim in p.effluent_local_limits],
        "built": _day(p.built),
    }


def subject_of(d: Discharger, industry: tuple[str, str] | None = None) -> dict[str, Any]:
    """The ``subject`` block of ``d``'s result (schema ``wasteval/assessment/v1``, additions only).

    ``industry`` is the industry's name in Chinese and English (its profile's), where known."""
    ident, prod, lab = d.identification, d.production, d.laboratory
    names: dict[str, dict[str, Any]] = {}
    values = [m for s in d.samples for m in s.values]
    if d.plant is not None:
        values += [*d.plant.design_influent, *d.plant.current_influent]
    if prod is not None:
        values += list(prod.expected)
    for m in values:
        names[m.parameter.id] = {"name_zh": m.parameter.name_zh, "name_en": m.parameter.name_en}
    return {
        "shape": SUBJECT_SHAPE,
        "id": d.id,
        "name": d.name,
        "district": d.district,
        "industry": d.industry,
        "industry_zh": industry[0] if industry else None,
        "industry_en": industry[1] if industry else None,
        "status": d.status,
        "address": ident.address,
        "credit_code": ident.credit_code,
        "contact": ident.contact,
        "telephone": ident.telephone,
        "permits": [
            {"kind": p.kind, "number": p.number, "valid_from": _day(p.valid_from), "valid_until": _day(p.valid_until)}
            for p in d.permits
        ],
        "flow": {"average": _num(d.flow_average), "maximum": _num(d.flow_maximum), "unit": "m³/d"},
        "monitors": list(d.monitors),
        "pretreatment": [
            {"name": f.name, "process": f.process, "capacity": _num(f.capacity)} for f in ident.pretreatment
        ],
        "production": None
        if prod is None
        else {
            "description": prod.description,
            "processes": list(prod.processes),
            "materials": list(prod.materials),
            "products": list(prod.products),
            "expected_flow": _num(prod.expected_flow),
        },
        "plant": _plant(d.plant),
        "water_function_class": d.water_function_class,
        "water_body": d.water_body,
        "agreements": [
            {
                "id": ag.id,
                "signed": _day(ag.signed),
                "valid_until": _day(ag.valid_until),
                "renewed_until": _day(ag.renewed_until),
                "limits": [_limit(lim) for lim in ag.limits],
                "max_load": [_limit(lim) for lim in ag.max_load],
            }
            for ag in d.agreements
        ],
        "samples": [
            {
                "id": s.id,
                "taken": s.taken.isoformat(timespec="minutes"),
                "point": s.point,
                "kind": s.kind,
                "sampled_by": s.sampled_by,
                "composite": s.composite,
                "preservation": s.preservation,
                "values": [_written(m) for m in s.values],
            }
            for s in d.samples
        ],
        "laboratory": None
        if lab is None
        else {
            "name": lab.name,
            "cma": lab.cma,
            "report": lab.report,
            "methods": [
                {**_names(m.parameter), "method": m.method, "detection_limit": m.detection_limit} for m in lab.methods
            ],
        },
        "parameters": names,
    }
