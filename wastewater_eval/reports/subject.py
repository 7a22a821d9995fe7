"""Who the document is about, read from the result's ``subject`` block alone (no input model).

A result recorded before the block existed has only ``discharger`` (id, name, district,
industry): its documents print that, and 未提供 (not given) for everything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..assessment.result import Assessment
from . import terms
from .words import say, words


@dataclass(frozen=True)
class PermitInfo:
    kind: str
    number: str
    valid_until: str
    validity: str  # "2021-06-01 至 2026-05-31", or to the end date only


@dataclass(frozen=True)
class DischargerInfo:
    id: str
    name: str
    district: str
    industry: str
    track: str
    permits: tuple[PermitInfo, ...]  # every kind of permit, 未提供 where the file gives none
    flow_average: str
    flow_maximum: str
    address: str
    credit_code: str
    contact: str
    production: str
    pretreatment: tuple[str, ...]
    monitors: str


@dataclass(frozen=True)
class PlantInfo:
    name: str
    treatment_level: str
    design_capacity: str
    current_flow: str
    effluent_standard: str


@dataclass(frozen=True)
class AgreementInfo:
    id: str
    signed: str
    valid_until: str
    state: str
    in_force: bool
    terms: tuple[str, ...]


def subject(a: Assessment) -> Mapping[str, Any]:
    """The result's subject block, or what an older result has about the discharger."""
    return a.subject or {**a.discharger, "status": a.track}


def given(value: Any, lang: str) -> str:
    """A value as printed, or 未提供 (not given)."""
    return words(lang)["not_given"] if value in (None, "", [], ()) else str(value)


def flow(value: Any, lang: str) -> str:
    return f"{terms.number(value)} m³/d" if isinstance(value, int | float) else given(None, lang)


def _sep(lang: str) -> str:
    return words(lang)["list_sep"]


def _permits(s: Mapping[str, Any], lang: str) -> tuple[PermitInfo, ...]:
    held = {p["kind"]: p for p in s.get("permits") or ()}
    out = []
    for kind in terms.PERMIT:
        p = held.get(kind)
        if p is None:
            out.append(PermitInfo(terms.pick(terms.PERMIT, kind, lang), given(None, lang), "—", "—"))
            continue
        until = p.get("valid_until") or "—"
        since = p.get("valid_from")
        validity = say("validity_range", lang, start=since, end=until) if since else say("valid_until", lang, end=until)
        out.append(PermitInfo(terms.pick(terms.PERMIT, kind, lang), str(p["number"]), until, validity))
    return tuple(out)


def _production(s: Mapping[str, Any], lang: str) -> str:
    prod = s.get("production") or {}
    parts = [prod["description"]] if prod.get("description") else []
    for key in ("processes", "materials", "products"):
        if prod.get(key):
            parts.append(say(f"production_{key}", lang, items=_sep(lang).join(prod[key])))
    return words(lang)["clause_sep"].join(parts) if parts else given(None, lang)


def _facility(f: Mapping[str, Any], lang: str) -> str:
    details = [x for x in (f.get("process"), flow(f["capacity"], lang) if f.get("capacity") else None) if x]
    return say("facility", lang, name=f["name"], details=_sep(lang).join(details)) if details else str(f["name"])


def industry_label(s: Mapping[str, Any], lang: str) -> str:
    named = s.get(f"industry_{lang}")
    return str(named) if named else given(s.get("industry"), lang)  # an older result: the profile's id


def discharger_info(a: Assessment, lang: str) -> DischargerInfo:
    s = subject(a)
    fl = s.get("flow") or {}
    contact = [x for x in (s.get("contact"), s.get("telephone")) if x]
    return DischargerInfo(
        id=str(s["id"]),
        name=str(s["name"]),
        district=str(s["district"]),
        industry=industry_label(s, lang),
        track=a.track,
        permits=_permits(s, lang),
        flow_average=flow(fl.get("average"), lang),
        flow_maximum=flow(fl.get("maximum"), lang),
        address=given(s.get("address"), lang),
        credit_code=given(s.get("credit_code"), lang),
        contact=given(_sep(lang).join(contact), lang),
        production=_production(s, lang),
        pretreatment=tuple(_facility(f, lang) for f in s.get("pretreatment") or ()),
        monitors=given(_sep(lang).join(s.get("monitors") or ()), lang),
    )


def plant_info(a: Assessment, lang: str) -> PlantInfo | None:
    p = subject(a).get("plant")
    if not p:
        return None
    return PlantInfo(
        name=str(p.get("name") or words(lang)["plant_unnamed"]),
        treatment_level=terms.pick(terms.TREATMENT_LEVEL, p.get("treatment_level"), lang),
        design_capacity=flow(p.get("design_capacity"), lang),
        current_flow=flow(p.get("current_flow"), lang),
        effluent_standard=words(lang)["list_sep"].join(_effluent_parts(p, lang)),
    )


def _effluent_parts(p: Mapping[str, Any], lang: str) -> list[str]:
    """The plant's effluent requirement: its GB 18918 grade and any stricter local set."""
    parts = [terms.cite(p["effluent_standard"], lang) if p.get("effluent_standard") else given(None, lang)]
    if p.get("effluent_surface_class"):
        label = terms.pick(terms.WATER_CLASS, p["effluent_surface_class"], lang)
        parts.append(say("effluent_surface_class", lang, water_class=label))
    local: Sequence[Mapping[str, Any]] = p.get("effluent_local_limits") or ()
    if local:
        names = _sep(lang).join(terms.name_of(lim, lang) for lim in local)
        parts.append(say("effluent_local_limits", lang, names=names))
    return parts


def water_class(a: Assessment, lang: str) -> str:
    s = subject(a)
    wc = s.get("water_function_class")
    if not wc:
        return given(None, lang)
    return say(
        "water_class_of",
        lang,
        water_class=terms.pick(terms.WATER_CLASS, wc, lang),
        body=terms.pick(terms.WATER_BODY, s.get("water_body") or "river", lang),
    )


def parameter_names(a: Assessment, lang: str) -> dict[str, str]:
    """Every parameter the subject names, by id, as the document prints it."""
    names = subject(a).get("parameters") or {}
    return {pid: terms.name_of(n, lang) for pid, n in names.items()}


def agreements(a: Assessment, lang: str) -> tuple[AgreementInfo, ...]:
    day = dt.date.fromisoformat(a.as_of)
    out = []
    for ag in subject(a).get("agreements") or ():
        end = ag.get("renewed_until") or ag["valid_until"]
        in_force = dt.date.fromisoformat(ag["signed"]) <= day <= dt.date.fromisoformat(end)
        state = next((f.status for f in a.findings if f.subject == "agreement" and f.reference == ag["id"]), None)
        label = (
            terms.pick(terms.STATUS, state, lang) if state else say("in_force" if in_force else "not_in_force", lang)
        )
        terms_ = [("agreed_limit", x) for x in ag.get("limits") or ()]
        terms_ += [("agreed_load", x) for x in ag.get("max_load") or ()]
        items = [
            say(key, lang, name=terms.name_of(x, lang), value=terms.number(x["value"]), unit=x["unit"])
            for key, x in terms_
        ]
        out.append(AgreementInfo(ag["id"], ag["signed"], end, label, in_force, tuple(items)))
    return tuple(out)
