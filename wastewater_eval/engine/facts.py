"""The fact types rules may match, with the type of every field (declared by the producers).

Rules are checked against this table, so a rule that names a field no fact has, or
compares a number with text, is caught before it decides anything. Facts are posted with
these exact types: durable-rules compares a string with a number as strings.
"""

from __future__ import annotations

from typing import Any

from ..facts import FACT_TYPES as PRODUCED
from ..facts.types import BOOL, DIMENSIONS, NUM, TEXT

__all__ = ["BOOL", "DIMENSIONS", "FACT_TYPES", "NUM", "TEXT", "check_fact", "fields_of", "type_of"]

# The fact types are declared by their producers (wastewater_eval/facts/); the engine adds the
# two it derives itself from the rules' actions.
FACT_TYPES: dict[str, dict[str, str]] = {
    **PRODUCED,
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
