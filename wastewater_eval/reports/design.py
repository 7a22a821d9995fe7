"""排水设施设计条件: what the prospective discharger must build to, and what it still owes.

From the opinion object (docs/reports.md) and ``reports/templates/design.yaml``: the connection
point and inspection well, flow metering, the online monitors and what they measure, an emergency
tank where anything needs pretreatment, separate collection of only the streams the applicant's
processes and materials produce (a pollutant known only from the industry's profile is a
declaration still owed, not a stream to collect), the pretreatment each produced pollutant needs
and the limit it is held to; and the declarations still owed, as one table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..load.yamlio import load_file
from ..resources import data_dir
from . import terms
from .words import say, words

MONITORING = ("condition_online_monitoring", "condition_workshop_monitoring")
DECLARATIONS = ("condition_declare_concentration", "condition_declare_flow", "condition_declare_item")
HANDLED = ("pretreat_reduce", "pretreat_neutralise", "pretreat_workshop", *MONITORING, *DECLARATIONS)


@cache
def design_table() -> Mapping[str, Any]:
    return load_file(data_dir("templates") / "design.yaml", trusted=True).data  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Condition:
    title: str
    text: str


@dataclass(frozen=True)
class PretreatmentRow:
    pollutant: str
    processes: str
    expected: str
    limit: str
    point: str
    requirement: str


@dataclass(frozen=True)
class Declaration:
    item: str
    why: str
    processes: str
    limit: str


@dataclass(frozen=True)
class Design:
    conditions: tuple[Condition, ...]
    pretreatment: tuple[PretreatmentRow, ...]
    other: tuple[str, ...]  # the rules' other conditions: permits, capacity, an agreement


def produced(p: Mapping[str, Any]) -> bool:
    """Whether the applicant's processes, materials or declaration point to it (not the profile alone)."""
    return str(p.get("origin") or "") != "profile"


def _name(p: Mapping[str, Any], lang: str) -> str:
    return terms.name_of(p, lang)


def _limit(p: Mapping[str, Any], lang: str) -> str:
    if p.get("limit_low") is not None or p.get("limit_high") is not None:
        value = f"{terms.number(p.get('limit_low'))}~{terms.number(p.get('limit_high'))}"
    elif p.get("limit") is not None:
        value = f"≤ {terms.number(p['limit'])}"
    else:
        return words(lang)["no_limit"]
    unit = str(p.get("unit") or "")
    return say("limit_with_source", lang, limit=value, unit=unit, source=terms.cite(p.get("limit_source"), lang))


def _texts(raw: Any, key: str, lang: str) -> list[Mapping[str, Any]]:
    return [x for x in raw.get(key) or () if isinstance(x, Mapping)]


def _by_code(raw: Any, lang: str) -> dict[str, list[Mapping[str, Any]]]:
    out: dict[str, list[Mapping[str, Any]]] = {}
    for x in _texts(raw, "pretreatment", lang) + _texts(raw, "conditions", lang):
        out.setdefault(str(x.get("code") or ""), []).append(x)
    return out


def _said(x: Mapping[str, Any], lang: str) -> str:
    return str(x.get(lang) or x.get("zh") or "")


def design(raw: Any, plant: str, lang: str) -> Design:
    table, sep = design_table(), words(lang)["list_sep"]
    pollutants: Sequence[Mapping[str, Any]] = raw.get("pollutants") or ()
    codes = _by_code(raw, lang)
    made = [p for p in pollutants if produced(p)]
    known = table.get("pollutants") or {}
    rows, streams = [], []
    for p in made:
        entry = known.get(p["parameter"])
        stream = entry.get("stream") if entry else None
        # a stream held at the workshop outlet, cyanide (destroyed before mixing), or a value above its limit
        if not (p.get("class1") or stream == "cyanide" or p.get("status") == "requires_pretreatment"):
            continue
        requirement = str(entry[lang]) if entry else ""
        reduction = p.get("required_reduction")
        if reduction:
            requirement += say("reduce_by", lang, pct=terms.number(round(float(reduction) * 100, 1)))
        if stream and (p.get("class1") or stream == "cyanide"):
            label = str(table["streams"][stream][lang])
            if label not in streams:
                streams.append(label)
        expected = p.get("expected")
        rows.append(
            PretreatmentRow(
                pollutant=_name(p, lang),
                processes=sep.join(p.get("items") or ()) or "—",
                expected=f"{terms.number(expected)} {p.get('unit') or ''}".strip() if expected is not None else "—",
                limit=_limit(p, lang),
                point=terms.pick(terms.POINT, p.get("point") or "final_outlet", lang),
                requirement=requirement or say("pretreat_to_limit", lang),
            )
        )
    conditions = [
        Condition(say("design_connection", lang), say("design_connection_text", lang, plant=plant)),
        Condition(say("design_metering", lang), say("design_metering_text", lang)),
        Condition(say("design_online", lang), _online(raw, codes, made, lang)),
    ]
    if rows or streams:
        conditions.append(Condition(say("design_emergency", lang), say("design_emergency_text", lang)))
    if streams:
        conditions.append(
            Condition(say("design_separate", lang), say("design_separate_text", lang, streams=sep.join(streams)))
        )
    if rows:
        conditions.append(Condition(say("design_pretreatment", lang), say("design_pretreatment_text", lang)))
    conditions.append(Condition(say("design_limits", lang), say("design_limits_text", lang)))
    other = tuple(terms.sentence(_said(x, lang), lang) for code, xs in codes.items() if code not in HANDLED for x in xs)
    return Design(tuple(conditions), tuple(rows), other)


def _online(raw: Any, codes: Mapping[str, Any], made: Sequence[Mapping[str, Any]], lang: str) -> str:
    sep = words(lang)["list_sep"]
    parts = []
    if "condition_online_monitoring" in codes:
        wanted = design_table().get("online_final_outlet") or ()
        carried = {p["parameter"]: p for p in raw.get("pollutants") or ()}
        names = [say("flow_word", lang)] + [_name(carried[pid], lang) for pid in wanted if pid in carried]
        parts.append(say("online_final_outlet", lang, parameters=sep.join(names)))
    if "condition_workshop_monitoring" in codes:
        class1 = [_name(p, lang) for p in made if p.get("class1")]
        if class1:
            parts.append(say("online_workshop_outlet", lang, parameters=sep.join(class1)))
    return words(lang)["clause_sep"].join(parts) + words(lang)["sentence_end"] if parts else say("online_none", lang)


def declarations(raw: Any, industry: str, lang: str) -> tuple[Declaration, ...]:
    """What the applicant still owes, one row each: the pollutants without an expected value (why they
    are expected, from which process), the processes the tool could not place, the expected flow."""
    sep = words(lang)["list_sep"]
    out = []
    for p in raw.get("pollutants") or ():
        if p.get("status") != "needs_declaration":
            continue
        origins = [o for o in str(p.get("origin") or "").split(",") if o]
        labels = [
            say("characteristic_of", lang, industry=industry) if o == "profile" else terms.pick(terms.ORIGIN, o, lang)
            for o in origins
        ]
        why = sep.join(labels)
        processes = sep.join(p.get("items") or ()) or say("no_process_named", lang)
        out.append(Declaration(_name(p, lang), why, processes, _limit(p, lang)))
    for u in raw.get("unknown_items") or ():
        out.append(Declaration(str(u.get("name")), say("unknown_item_why", lang), str(u.get("name")), "—"))
    if raw.get("expected_flow") is None:
        out.append(Declaration(say("label_expected_flow", lang), say("flow_not_declared", lang), "—", "—"))
    return tuple(out)
