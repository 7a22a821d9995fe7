"""第六条 treatment agreements: their validity, their terms, and (第八条) a change of terms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..inputs.discharger import Agreement
from .common import category_flags
from .context import FactContext
from .producer import Producer
from .types import BOOL, CATEGORY_FLAGS, NUM, TEXT, Fact, FactTypes

FACT_TYPES: FactTypes = {
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
        **CATEGORY_FLAGS,
    },
}


def agreement_for(agreements: Iterable[Agreement], pid: str, day: dt.date, attr: str) -> tuple[Agreement, Any] | None:
    """The agreement in force on ``day`` that sets a term for ``pid`` (the latest signed wins)."""
    best = None
    for a in agreements:
        if not a.in_force(day):
            continue
        for term in getattr(a, attr):
            if term.parameter.id == pid and (best is None or a.signed > best[0].signed):
                best = (a, term)
    return best


def produce(ctx: FactContext) -> list[Fact]:
    facts: list[Fact] = []
    for a in ctx.discharger.agreements:
        end = a.renewed_until or a.valid_until
        fact: Fact = {
            "id": f"agreement:{a.id}",
            "type": "agreement",
            "agreement": a.id,
            "in_force": a.in_force(ctx.as_of),
            "expired": end < ctx.as_of,
            "renewed": a.renewed_until is not None,
            "days_left": (end - ctx.as_of).days,
            "event": f"{a.id}:{end.isoformat()}",
        }
        if a.id in ctx.agreement_changes:  # its terms differ from those seen before (tracking)
            fact.update(changed=True, event=f"{a.id}:{ctx.agreement_changes[a.id]}")
        facts.append(fact)
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
    return facts


PRODUCER = Producer("agreements", FACT_TYPES, produce)
