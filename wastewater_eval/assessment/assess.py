"""The library's main entry point: assess a discharger file and return an :class:`Assessment`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..engine import Effect, EngineRun, RuleSet, bundled_rules, run_rules
from ..engine.language import CONCLUSIONS, fill
from ..errors import RuleError
from ..facts.build import build_facts
from ..inputs.discharger import Discharger, load_discharger, parse_discharger
from ..standards import StandardsLibrary, bundled_library
from ..standards.limits import SEWER
from ..standards.notice import PROVISIONAL_WARNING, status_notice
from .result import ADVERSE, Advice, Assessment, Conclusion, Finding, Notification

_JUDGED = ("measurement", "load", "reuse_check")
_STATUS_ORDER = {"exceeds": 0, "inconclusive": 1, "complies": 2, "not_regulated": 3}


def assess_file(
    path: Path | str,
    *,
    as_of: dt.date | None = None,
    engine: str = "auto",
    rules: RuleSet | None = None,
    library: StandardsLibrary | None = None,
    plants: Path | str | None = None,
) -> Assessment:
    """Read a discharger file and assess it. Raises :class:`~wastewater_eval.errors.InputError`.

    ``plants`` is the plants file for a plant the file names (default: ``plants.yaml`` beside it)."""
    library = library or bundled_library()
    d = load_discharger(path, library.catalogue, plants)
    return assess(d, as_of=as_of, engine=engine, rules=rules, library=library)


def assess_text(text: str, path: str = "<text>", **kwargs: Any) -> Assessment:
    library = kwargs.pop("library", None) or bundled_library()
    d = parse_discharger(text, path, library.catalogue)
    return assess(d, library=library, **kwargs)


def assess(
    d: Discharger,
    *,
    as_of: dt.date | None = None,
    engine: str = "auto",
    rules: RuleSet | None = None,
    library: StandardsLibrary | None = None,
) -> Assessment:
    """Assess a parsed discharger on the date ``as_of`` (default today)."""
    library = library or bundled_library()
    rules = rules or bundled_rules()
    as_of = as_of or dt.date.today()
    plant: list[dict[str, Any]] = []
    plant_section = None
    if d.status == "existing":
        from ..facts.plant import plant_facts

        plant, plant_section = plant_facts(d, library)
    facts = build_facts(d, library, as_of, rules.params, plant=plant)
    run = run_rules(rules, facts, engine)
    result = build_result(d, facts, run, library, as_of, rules)
    if plant_section is not None:
        result.extra["plant"] = plant_section
    return result


def _finding(effect_fact: dict[str, Any], args: dict[str, Any], rule: Any) -> Finding:
    f = effect_fact
    reason = args.get("reason")
    limit = f.get(args["limit"]) if args.get("limit") else None
    low = f.get(args["limit_low"]) if args.get("limit_low") else None
    high = f.get(args["limit_high"]) if args.get("limit_high") else None
    source = f.get(args["limit_source"]) if args.get("limit_source") else None
    reference = f.get("agreement") or f.get("permit") or f.get("agr_id")
    return Finding(
        subject=str(f["type"]),
        status=str(args["status"]),
        rule=rule.id,
        clause=rule.clause,
        severity=rule.severity,
        parameter=f.get("parameter"),
        name_zh=f.get("name_zh"),
        name_en=f.get("name_en"),
        sample=f.get("sample"),
        point=f.get("point"),
        kind=f.get("kind"),
        taken=f.get("taken"),
        value=f.get("load") if f["type"] == "load" else f.get("value"),
        detected=f.get("detected"),
        unit=f.get("unit"),
        limit=limit,
        limit_low=low,
        limit_high=high,
        limit_source=source,
        basis=args.get("basis"),
        reference=reference,
        reason=fill(reason.zh, f) if reason else None,
        reason_en=fill(reason.en, f) if reason else None,
    )


def build_result(
    d: Discharger,
    facts: list[dict[str, Any]],
    run: EngineRun,
    library: StandardsLibrary,
    as_of: dt.date,
    rules: RuleSet,
) -> Assessment:
    findings: list[Finding] = []
    recommendations: dict[tuple[str, str], Advice] = {}
    warnings: dict[tuple[str, str], Advice] = {}
    notifications: dict[tuple[str, str, str], Notification] = {}
    conclusions = _resolve_conclusions(run.effects)
    for e in run.effects:
        if e.fact["type"] == "conclusion" and _parse(e.fact["value"]) != conclusions[e.fact["name"]].value:
            continue  # acts on a conclusion that a stronger one overrode
        if e.kind == "finding":
            findings.append(_finding(e.fact, e.args, e.rule))
        elif e.kind in ("recommend", "warn"):
            text = e.args["text"]
            advice = Advice(
                str(e.args["code"]),
                fill(text.zh, e.fact),
                fill(text.en, e.fact),
                e.rule.id,
                e.fact.get("parameter"),
            )
            target = recommendations if e.kind == "recommend" else warnings
            target.setdefault((advice.code, advice.text), advice)
        elif e.kind == "notify":
            text = e.args["text"]
            n = Notification(
                str(e.args["recipient"]),
                str(e.args["article"]),
                fill(text.zh, e.fact),
                fill(text.en, e.fact),
                e.rule.id,
                str(e.args["code"]),
                str(e.fact.get("event") or e.fact["id"]),
            )
            notifications.setdefault((n.recipient, n.code, n.reason), n)
    _check_one_status(facts, findings, rules)
    findings.sort(key=_finding_order)
    sewer = library.require(SEWER)
    grade = next((f["grade"] for f in facts if f["type"] == "discharger"), "")
    standard = {
        "code": sewer.code,
        "title_zh": sewer.title_zh,
        "title_en": sewer.title_en,
        "grade": grade or None,
        "treatment_level": d.plant.treatment_level if d.plant else None,
        **sewer.status_info(),
    }
    if sewer.status == "provisional":
        zh, en = status_notice(standard, "zh"), status_notice(standard, "en")
        assert zh is not None and en is not None
        warnings = {(PROVISIONAL_WARNING, zh): Advice(PROVISIONAL_WARNING, zh, en, "loader"), **warnings}
    for w in d.warnings:
        warnings.setdefault(("input_repaired", w), Advice("input_repaired", w, w, "loader"))
    extra: dict[str, Any] = {}
    recs = list(recommendations.values())
    if d.status == "prospective":
        from .opinion import build_opinion

        plant = d.plant
        extra["opinion"] = build_opinion(
            facts,
            findings,
            recs,
            conclusions,
            _float(plant.design_capacity) if plant else None,
            _float(plant.current_flow) if plant else None,
        )
    return Assessment(
        discharger={"id": d.id, "name": d.name, "district": d.district, "industry": d.industry},
        track=d.status,
        as_of=as_of.isoformat(),
        standard=standard,
        findings=findings,
        conclusions=conclusions,
        recommendations=recs,
        notifications=sorted(notifications.values(), key=lambda n: (n.recipient, n.code, n.reason)),
        warnings=list(warnings.values()),
        engine=run.engine,
        provenance={
            "input": d.path,
            "input_sha256": d.sha256,
            **({"plants": d.plants_file.path, "plants_sha256": d.plants_file.sha256} if d.plants_file else {}),
            "tool_version": __version__,
            "rules": _fingerprint(rules.files),
            "standards": _fingerprint(s.path for s in library),
        },
        extra=extra,
    )


def _float(d: Any) -> float | None:
    return None if d is None else float(d)


def _parse(text: str) -> bool | None:
    return {"true": True, "false": False}.get(text)


def _resolve(effects: list[Effect]) -> dict[str, Conclusion]:
    asserted: dict[str, dict[Any, list[str]]] = {name: {} for name in CONCLUSIONS}
    for e in effects:
        if e.kind == "conclude":
            for name, value in e.args.items():
                asserted[name].setdefault(value, []).append(e.rule.id)
    out = {}
    for name in CONCLUSIONS:
        values, adverse = asserted[name], ADVERSE[name]
        out[name] = Conclusion(name, None, ())
        for candidate in (adverse, None, not adverse):
            if candidate in values:
                out[name] = Conclusion(name, candidate, tuple(sorted(set(values[candidate]))))
                break
    return out


def _resolve_conclusions(effects: list[Effect]) -> dict[str, Conclusion]:
    """Adverse beats inconclusive beats favourable; rules acting on a conclusion count only
    while that conclusion stands, so resolve until nothing changes."""
    base = [e for e in effects if e.fact["type"] != "conclusion"]
    on_conclusions = [e for e in effects if e.fact["type"] == "conclusion"]
    resolved = _resolve(base)
    for _ in range(len(CONCLUSIONS) + 2):
        standing = [e for e in on_conclusions if _parse(e.fact["value"]) == resolved[e.fact["name"]].value]
        again = _resolve(base + standing)
        if again == resolved:
            break
        resolved = again
    return resolved


def _finding_order(f: Finding) -> tuple[Any, ...]:
    return (f.subject != "measurement", f.sample or "", f.parameter or "", f.rule)


def _check_one_status(facts: list[dict[str, Any]], findings: list[Finding], rules: RuleSet) -> None:
    """Each judged fact gets exactly one status; two is a contradiction in the rules, none a gap."""
    statuses: dict[tuple[str, str | None, str | None], list[Finding]] = {}
    for f in findings:
        if f.subject in _JUDGED and f.status in _STATUS_ORDER:
            statuses.setdefault((f.subject, f.sample, f.parameter), []).append(f)
    problems = []
    for key, fs in statuses.items():
        if len({f.status for f in fs}) > 1:
            problems.append(
                f"{key}: rules {', '.join(f.rule for f in fs)} give statuses {', '.join(f.status for f in fs)}"
            )
    for fact in facts:
        if fact["type"] in _JUDGED and (fact["type"], fact.get("sample"), fact.get("parameter")) not in statuses:
            problems.append(f"no rule gave a status to {fact['id']}")
    if problems:
        from ..errors import Location, Problem

        raise RuleError(Problem(Location("rules"), p) for p in problems)


def _fingerprint(paths: Iterable[str]) -> str:
    """The version of a set of rule or standard files: a hash of their names and contents. Files
    are read again only when they change (a tracking run assesses a whole fleet with the same files)."""
    stamps = []
    for p in sorted(paths):
        st = Path(p).stat()
        stamps.append((p, st.st_mtime_ns, st.st_size))
    return _hash_files(tuple(stamps))


@cache
def _hash_files(stamps: tuple[tuple[str, int, int], ...]) -> str:
    import hashlib

    h = hashlib.sha256()
    for p, _, _ in stamps:
        h.update(Path(p).name.encode())
        h.update(Path(p).read_bytes())
    return h.hexdigest()[:16]
