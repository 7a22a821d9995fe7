"""The drainage design-condition consultation opinion (排水设施设计条件咨询意见), 第五条第二项.

Assembled from the facts and what the rules concluded; it adds no judgement of its own
except the verdict's mapping from the two conclusions, stated in ``verdict``.
"""

from __future__ import annotations

from typing import Any

from .result import Advice, Conclusion, Finding

VERDICTS = ("connect", "connect_after_pretreatment", "do_not_connect")


def verdict(conclusions: dict[str, Conclusion]) -> str | None:
    """do_not_connect if not connectable; after pretreatment if required; connect if neither."""
    connectable = conclusions["connectable"].value
    pretreat = conclusions["pretreatment_required"].value
    if connectable is False:
        return "do_not_connect"
    if pretreat is True:
        return "connect_after_pretreatment"
    if connectable is True and pretreat is False:
        return "connect"
    return None  # what was declared cannot decide it; the conditions say what is missing


def build_opinion(
    facts: list[dict[str, Any]],
    findings: list[Finding],
    recommendations: list[Advice],
    conclusions: dict[str, Conclusion],
    design_capacity: float | None,
    current_flow: float | None,
) -> dict[str, Any]:
    by_param: dict[str, list[Finding]] = {}
    for f in findings:
        if f.subject == "expected" and f.parameter:
            by_param.setdefault(f.parameter, []).append(f)
    pollutants = []
    for fact in facts:
        if fact["type"] != "expected":
            continue
        fs = by_param.get(fact["parameter"], [])
        status = next((f.status for f in fs), "not_assessed")
        reduction = fact.get("reduction_pct")
        pollutants.append(
            {
                "parameter": fact["parameter"],
                "name_zh": fact["name_zh"],
                "name_en": fact["name_en"],
                "class1": fact["class1"],
                "origin": fact["origin"],
                "items": [i for i in str(fact.get("items") or "").split("、") if i],
                "why": fact["why"],
                "expected": fact.get("value"),
                "unit": fact["unit"],
                "limit": fact.get("std_limit"),
                "limit_low": fact.get("std_low"),
                "limit_high": fact.get("std_high"),
                "limit_source": fact.get("std_source"),
                "point": fact.get("point", "final_outlet"),
                "required_reduction": None if reduction is None else round(float(reduction) / 100, 4),
                "status": status,
            }
        )
    cap = next(f for f in facts if f["type"] == "capacity")
    sufficient = None
    if cap.get("spare") is not None and cap.get("flow") is not None:
        sufficient = cap["flow"] <= cap["spare"]
    capacity = {
        "design_capacity": design_capacity,
        "current_flow": current_flow,
        "spare": cap.get("spare"),
        "expected_flow": cap.get("flow"),
        "share_of_spare_pct": cap.get("share_pct"),
        "sufficient": sufficient,
    }

    def pick(prefix: str) -> list[dict[str, Any]]:
        return [
            {"code": r.code, "zh": r.text, "en": r.text_en, "parameter": r.parameter}
            for r in recommendations
            if r.code.startswith(prefix)
        ]

    unknown = [{"kind": f["kind"], "name": f["item"]} for f in facts if f["type"] == "undeclared"]
    return {
        "expected_flow": cap.get("flow"),
        "pollutants": pollutants,
        "pretreatment": pick("pretreat"),
        "capacity": capacity,
        "conditions": pick("condition"),
        "unknown_items": unknown,
        "verdict": verdict(conclusions),
    }
