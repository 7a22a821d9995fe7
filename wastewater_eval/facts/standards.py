"""Which standards bind this discharger, as facts: one ``binding`` fact per attribute whose absence
left a standard's table or column undecided (the stricter then applies; a rule warns), and one
``superseded`` fact per standard another replaces for this discharger."""

from __future__ import annotations

from ..vocabulary import vocabulary
from .context import FactContext
from .producer import Producer
from .types import TEXT, Fact, FactTypes

FACT_TYPES: FactTypes = {
    "binding": {
        "code": TEXT,
        "title_zh": TEXT,
        "title_en": TEXT,
        "attribute": TEXT,
        "attribute_zh": TEXT,
        "attribute_en": TEXT,
        "applied_zh": TEXT,
        "applied_en": TEXT,
    },
    "superseded": {"code": TEXT, "by": TEXT, "clause": TEXT, "text_zh": TEXT},
}


def produce(ctx: FactContext) -> list[Fact]:
    words = vocabulary().fields.get("attribute", {})
    facts: list[Fact] = []
    for a in ctx.resolver.applied:
        s = a.standard
        shown = a.open_selections or tuple(sel for sel, _ in a.selections)
        applied_zh = "；".join(dict.fromkeys(sel.text_zh or sel.table for sel in shown))
        applied_en = "; ".join(dict.fromkeys(sel.text_en or sel.table for sel in shown))
        for attr in a.undecided:
            w = words.get(attr)
            facts.append(
                {
                    "id": f"binding:{s.code}:{attr}",
                    "type": "binding",
                    "code": s.code,
                    "title_zh": s.title_zh,
                    "title_en": s.title_en,
                    "attribute": attr,
                    "attribute_zh": w.zh if w else attr,
                    "attribute_en": w.en if w else attr,
                    "applied_zh": applied_zh,
                    "applied_en": applied_en,
                }
            )
    for sup in ctx.resolver.superseded:
        facts.append(
            {
                "id": f"superseded:{sup.code}",
                "type": "superseded",
                "code": sup.code,
                "by": sup.by,
                "clause": sup.clause,
                "text_zh": sup.text_zh,
            }
        )
    return facts


PRODUCER = Producer("standards", FACT_TYPES, produce)
