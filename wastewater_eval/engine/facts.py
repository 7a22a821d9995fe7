"""The fact types rules may match, with the type of every field.

Rules are checked against this table, so a rule that names a field no fact has, or
compares a number with text, is caught before it decides anything. Facts are posted with
these exact types: durable-rules compares a string with a number as strings.
"""

from __future__ import annotations

from typing import Any

NUM, TEXT, BOOL = "number", "text", "bool"

_CATEGORY_FLAGS = {
    "class1": BOOL,
    "heavy_metal": BOOL,
    "biodegradable": BOOL,
    "toxic": BOOL,
    "nutrient": BOOL,
    "conventional": BOOL,
    "physical": BOOL,
}

_MEASURED = {
    "sample": TEXT,
    "parameter": TEXT,
    "name_zh": TEXT,
    "name_en": TEXT,
    "point": TEXT,
    "kind": TEXT,
    "taken": TEXT,
    "detected": BOOL,
    "value": NUM,
    "unit": TEXT,
    "has_unit": BOOL,
    **_CATEGORY_FLAGS,
}

FACT_TYPES: dict[str, dict[str, str]] = {
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
    "permit": {"permit": TEXT, "number": TEXT, "has_expiry": BOOL, "expired": BOOL, "days_left": NUM},
    "agreement": {
        "agreement": TEXT,
        "in_force": BOOL,
        "expired": BOOL,
        "renewed": BOOL,
        "days_left": NUM,
        "event": TEXT,
        "changed": BOOL,
    },
    "agreement_term": {
        "agreement": TEXT,
        "parameter": TEXT,
        "name_zh": TEXT,
        "name_en": TEXT,
        "term": TEXT,
        **_CATEGORY_FLAGS,
    },
    "measurement": {
        **_MEASURED,
        "workshop_sampled": BOOL,
        "std_negotiable": BOOL,
        "plant_absorbs": BOOL,
        "std_kind": TEXT,
        "std_limit": NUM,
        "std_low": NUM,
        "std_high": NUM,
        "std_source": TEXT,
        "agr_id": TEXT,
        "agr_limit": NUM,
        "agr_source": TEXT,
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
        **_CATEGORY_FLAGS,
    },
    "reuse_check": {
        **_MEASURED,
        "water_class": TEXT,
        "std_kind": TEXT,
        "std_limit": NUM,
        "std_low": NUM,
        "std_high": NUM,
        "std_source": TEXT,
    },
    "expected": {
        "parameter": TEXT,
        "name_zh": TEXT,
        "name_en": TEXT,
        "unit": TEXT,
        "origin": TEXT,
        "why": TEXT,
        "point": TEXT,
        "has_estimate": BOOL,
        "value": NUM,
        "reduction_pct": NUM,
        "std_kind": TEXT,
        "std_limit": NUM,
        "std_low": NUM,
        "std_high": NUM,
        "std_source": TEXT,
        **_CATEGORY_FLAGS,
    },
    "undeclared": {"kind": TEXT, "item": TEXT},
    "capacity": {"has_flow": BOOL, "has_capacity": BOOL, "flow": NUM, "spare": NUM, "share_pct": NUM},
    "profile": {"known": BOOL, "industry": TEXT, "has_class1": BOOL},
    "plant_model": {"available": BOOL, "reason": TEXT},
    "plant_check": {
        "check": TEXT,
        "parameter": TEXT,
        "name_zh": TEXT,
        "name_en": TEXT,
        "verdict": TEXT,
        "stable": TEXT,
    },
    "tracking_stat": {
        "parameter": TEXT,
        "name_zh": TEXT,
        "name_en": TEXT,
        "point": TEXT,
        "obs_basis": TEXT,
        "n_obs": NUM,
        "n_exceed": NUM,
        "exceed_share": NUM,
        "trc_share": NUM,
        "streak_days": NUM,
        "streak_start": TEXT,
        "last_day": TEXT,
        "invalid_share": NUM,
        "max_value": NUM,
        "limit": NUM,
        "unit": TEXT,
        "limit_source": TEXT,
        "event": TEXT,
        **_CATEGORY_FLAGS,
    },
    "reuse_summary": {
        "water_class": TEXT,
        "has_class": BOOL,
        "required_missing": NUM,
        "missing": TEXT,
        "checked": NUM,
    },
    # derived facts, asserted by actions
    "finding": {},  # every field of the fact it judged, plus the ones below
    "conclusion": {"name": TEXT, "value": TEXT},
}

FINDING_FIELDS = {
    "status": TEXT,
    "subject": TEXT,
    "limit": NUM,
    "limit_low": NUM,
    "limit_high": NUM,
    "limit_source": TEXT,
    "basis": TEXT,
    "rule": TEXT,
}


# What a numeric field measures: a rule may compare two fields only when they measure the same
# thing (a concentration with a concentration, never with a load in kg/d).
DIMENSIONS: dict[str, str] = {
    "value": "measured",
    "std_limit": "measured",
    "std_low": "measured",
    "std_high": "measured",
    "agr_limit": "measured",
    "limit": "measured",
    "limit_low": "measured",
    "limit_high": "measured",
    "load": "load",
    "agr_max_load": "load",
    "days_left": "days",
    "flow": "flow",
    "n_obs": "count",
    "n_exceed": "count",
    "streak_days": "count",
    "exceed_share": "share",
    "trc_share": "share",
    "invalid_share": "share",
    "max_value": "measured",
    "spare": "flow",
    "share_pct": "percent",
    "reduction_pct": "percent",
    "required_missing": "count",
    "checked": "count",
}


def fields_of(fact_type: str) -> dict[str, str]:
    """The fields a rule may name for a fact type (a finding has every judged fact's fields)."""
    if fact_type == "finding":
        merged: dict[str, str] = {"subject": TEXT}
        for name, fields in FACT_TYPES.items():
            if name not in ("finding", "conclusion"):
                merged.update(fields)
        merged.update(FINDING_FIELDS)
        return merged
    return FACT_TYPES[fact_type]


def type_of(value: Any) -> str | None:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int | float):
        return NUM
    if isinstance(value, str):
        return TEXT
    return None


def check_fact(fact: dict[str, Any]) -> list[str]:
    """Problems with a fact's shape: unknown type, unknown field, or a value of the wrong type."""
    ftype = fact.get("type")
    if ftype not in FACT_TYPES:
        return [f"unknown fact type {ftype!r}"]
    fields = fields_of(str(ftype))
    out = []
    for k, v in fact.items():
        if k in ("id", "type", "sid"):
            continue
        if k not in fields:
            out.append(f"{ftype}: unknown field {k!r}")
        elif type_of(v) != fields[k]:
            out.append(f"{ftype}.{k}: expected {fields[k]}, got {v!r}")
    return out
