"""The library's main entry point: assess a discharger file and return an :class:`Assessment`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..engine import EngineRun, RuleSet, bundled_rules, run_rules
from ..engine.conclusions import check_one_status, resolve_conclusions, stands
from ..engine.language import fill
from ..facts import TRACKS, FactContext, Producer, produce
from ..inputs.discharger import Discharger, load_discharger, parse_discharger
from ..standards import StandardsLibrary, bundled_library
from ..standards.limits import graded_standard
from ..standards.notice import PROVISIONAL_WARNING, status_notice
from .result import Advice, Assessment, Finding, Notification
from .subject import subject_of


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
    track: str | None = None,
    producers: Sequence[Producer] = (),
    agreement_changes: Mapping[str, str] | None = None,
) -> Assessment:
    """Assess a parsed discharger on the date ``as_of`` (default today).

    ``track`` chooses the table of fact producers (default: the discharger's status; ``tracking``
    for 第八条), and ``producers`` are added after it (the tracking run adds its statistics);
    ``agreement_changes`` names agreements whose terms changed since they were last seen."""
    library = library or bundled_library()
    rules = rules or bundled_rules()
    ctx = FactContext(
        d,
        library,
        as_of or dt.date.today(),
        rules.params,
        agreement_changes=agreement_changes or {},
    )
    facts = produce(ctx, (*TRACKS[track or d.status], *producers))
    run = run_rules(rules, facts, engine)
    result = build_result(d, facts, run, library, ctx.as_of, rules)
    result.extra.update(ctx.sections)
    result.standards_applied = ctx.resolver.standards_applied()
    if ctx.profile is not None:
        result.subject = subject_of(d, (ctx.profile.name_zh, ctx.profile.name_en))
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
    check_one_status(facts, run.effects)
    conclusions = resolve_conclusions(run.effects)
    for e in run.effects:
        if not stands(e, conclusions):
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
    findings.sort(key=_finding_order)
    sewer = graded_standard(library)
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
        subject=subject_of(d),
    )


def _float(d: Any) -> float | None:
    return None if d is None else float(d)


def _finding_order(f: Finding) -> tuple[Any, ...]:
    return (f.subject != "measurement", f.sample or "", f.parameter or "", f.rule)


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
