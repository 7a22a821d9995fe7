"""The assessment itself, the discharger and its permits (第八条: permits to adjust; 第九条: the
Measures' validity)."""

from __future__ import annotations

import datetime as dt

from .context import FactContext
from .producer import Producer
from .types import BOOL, NUM, TEXT, Fact, FactTypes

MEASURES_START = dt.date(2022, 12, 19)  # 办法第九条: 自印发之日起实施，有效期5年
MEASURES_END = dt.date(2027, 12, 18)

FACT_TYPES: FactTypes = {
    "assessment": {"as_of": TEXT, "within_measures": BOOL, "track": TEXT},
    "discharger": {
        "discharger_id": TEXT,
        "track": TEXT,
        "district": TEXT,
        "industry": TEXT,
        "has_plant": BOOL,
        "treatment_level": TEXT,
        "grade": TEXT,
        "has_flow": BOOL,
    },
    "permit": {
        "permit": TEXT,
        "number": TEXT,
        "has_expiry": BOOL,
        "expired": BOOL,
        "days_left": NUM,
        "days_overdue": NUM,
    },
}


def produce(ctx: FactContext) -> list[Fact]:
    d, as_of = ctx.discharger, ctx.as_of
    facts: list[Fact] = [
        {
            "id": "assessment",
            "type": "assessment",
            "as_of": as_of.isoformat(),
            "track": d.status,
            "within_measures": MEASURES_START <= as_of <= MEASURES_END,
        },
        {
            "id": "discharger",
            "type": "discharger",
            "discharger_id": d.id,
            "track": d.status,
            "district": d.district,
            "industry": d.industry,
            "has_plant": d.plant is not None and d.plant.treatment_level != "none",
            **({"treatment_level": d.plant.treatment_level} if d.plant else {}),
            "grade": ctx.grade,
            "has_flow": d.flow_average is not None,
        },
    ]
    for p in d.permits:
        f: Fact = {
            "id": f"permit:{p.kind}",
            "type": "permit",
            "permit": p.kind,
            "number": p.number,
            "has_expiry": p.valid_until is not None,
        }
        if p.valid_until is not None:
            f["expired"] = p.valid_until < as_of
            f["days_left"] = (p.valid_until - as_of).days
            if f["expired"]:
                f["days_overdue"] = (as_of - p.valid_until).days  # "已过期186天", never a negative count
        facts.append(f)
    return facts


PRODUCER = Producer("discharger", FACT_TYPES, produce)
