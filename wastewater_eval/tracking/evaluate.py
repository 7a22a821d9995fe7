"""Dynamic tracking (办法第八条), the evaluation: every discharger's stored readings against its limits.

The statistics are computed column-wise by an analytical engine (:mod:`.engines`: DuckDB, or
Spark) from one definition (:mod:`.statistics_sql`), never a Python loop per reading: daily means
of valid online data, single lab samples, and per discharger, parameter and sampling point the
share of observations over the limit, the share over the limit times a technical-review factor,
non-detects and "at least" values that cannot be judged, and the run of consecutive exceeding
observations that ends at the latest one. The limits are the same as ``wasteval assess`` uses
(GB/T 31962 at the plant's grade, a stricter industry limit, agreements on their dates). The
rules in ``rules/tracking.yaml`` turn the statistics into conclusions and 第八条 notices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..engine import RuleSet
from ..facts.common import category_flags
from ..inputs.discharger import Discharger
from ..load.units import convert
from ..standards import StandardsLibrary
from ..standards.limits import applicable_limit, grade_for
from .engines import make_engine
from .loads import daily_load_facts
from .statistics_sql import (
    CAPS_COLUMNS,
    DAILY_LOADS,
    LAB_SAMPLES,
    LIM_COLUMNS,
    ONLINE_DAYS,
    ORDERED,
    PAIRS,
    RUN_OBSERVATIONS,
    STATS,
)
from .store import Store


@dataclass(frozen=True)
class TrackingParams:
    """Rule parameters (``rules/tracking.yaml`` params) that shape the statistics."""

    window_days: int = 180
    trc_factor_conventional: float = 1.4
    trc_factor_other: float = 1.2

    @classmethod
    def from_rules(cls, rules: RuleSet) -> TrackingParams:
        p = rules.params
        return cls(
            int(p.get("tracking_window_days", cls.window_days)),
            float(p.get("trc_factor_conventional", cls.trc_factor_conventional)),
            float(p.get("trc_factor_other", cls.trc_factor_other)),
        )


@dataclass
class Statistics:
    """Per discharger: its ``tracking_stat`` facts, and per (parameter, point) the observations of
    the run of exceedances that ends at the latest one (what a notice lists)."""

    facts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    runs: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)


def _limit_rows(
    d: Discharger, pairs: list[tuple[str, str]], library: StandardsLibrary, profile: Any, params: TrackingParams
) -> list[tuple[Any, ...]]:
    grade = grade_for(library, d.plant.treatment_level)[0] if d.plant else ""
    rows: list[tuple[Any, ...]] = []
    for pid, point in pairs:
        p = library.catalogue.get(pid)
        unit, f = applicable_limit(p, point, grade, library, profile, discharger=d)
        factor = params.trc_factor_conventional if p.has("conventional") else params.trc_factor_other

        def to_store(x: Any, unit: str = unit, p: Any = p) -> float | None:
            return None if x is None else float(convert(Decimal(str(x)), unit, p.unit, p.id) if unit else x)

        if f["std_kind"] in ("max", "range"):
            rows.append(
                (
                    d.id,
                    pid,
                    point,
                    f["std_kind"],
                    to_store(f.get("std_limit")),
                    to_store(f.get("std_low")),
                    to_store(f.get("std_high")),
                    f["std_source"],
                    dt.date(1, 1, 1),
                    dt.date(9999, 12, 31),
                    9,
                    factor,
                )
            )
        if not (p.has("biodegradable") and f.get("std_negotiable", True) and point == "final_outlet"):
            continue
        for a in d.agreements:
            for term in a.limits:
                if term.parameter.id == pid:
                    end = (a.renewed_until or a.valid_until).isoformat()
                    rows.append(
                        (
                            d.id,
                            pid,
                            point,
                            "max",
                            float(convert(term.value, term.unit, p.unit, pid)),
                            None,
                            None,
                            f"代处理协议 {a.id}",
                            a.signed,
                            dt.date.fromisoformat(end),
                            1,
                            factor,
                        )
                    )
    return rows


def in_force(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The limit rows cut so that on each day exactly one is in force per (discharger, parameter, point):
    an agreement (priority 1) over the standard (priority 9), the earlier-signed agreement first.
    The statistics then join each observation to one limit with no ranking per observation."""
    out: list[tuple[Any, ...]] = []
    groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for r in rows:
        groups.setdefault(r[:3], []).append(r)
    for group in groups.values():
        taken: list[tuple[dt.date, dt.date]] = []
        for r in sorted(group, key=lambda r: (r[10], r[8])):  # priority, then start
            for start, end in _free(r[8], r[9], taken):
                out.append((*r[:8], start, end, *r[10:]))
                taken.append((start, end))
    return out


def _free(start: dt.date, end: dt.date, taken: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """The parts of [start, end] no interval of ``taken`` covers."""
    parts = [(start, end)]
    for a, b in taken:
        nxt = []
        for s0, e0 in parts:
            if b < s0 or a > e0:
                nxt.append((s0, e0))
                continue
            if s0 < a:
                nxt.append((s0, a - dt.timedelta(days=1)))
            if e0 > b:
                nxt.append((b + dt.timedelta(days=1), e0))
        parts = nxt
    return parts


def tracking_facts(
    store: Store,
    dischargers: list[Discharger],
    library: StandardsLibrary,
    as_of: dt.date,
    params: TrackingParams,
    knowledge: Any,
    engine: str = "duckdb",
) -> dict[str, list[dict[str, Any]]]:
    """The ``tracking_stat`` facts of every discharger, computed set-based over the store."""
    return tracking_statistics(store, dischargers, library, as_of, params, knowledge, engine).facts


def tracking_statistics(
    store: Store,
    dischargers: list[Discharger],
    library: StandardsLibrary,
    as_of: dt.date,
    params: TrackingParams,
    knowledge: Any,
    engine: str = "duckdb",
    spark_conf: dict[str, str] | None = None,
) -> Statistics:
    """The statistics of every discharger: one pass of the engine over their partitions only."""
    who = sorted({(rid, d.id) for d in dischargers for rid in {d.id, *d.monitors}})
    files = store.reading_files([rid for rid, _ in who])
    eng = make_engine(engine, spark_conf)
    try:
        eng.load(files, who)
        window = {
            "start": (as_of - dt.timedelta(days=params.window_days - 1)).isoformat() + " 00:00:00",
            "end": f"{as_of.isoformat()} 23:59:59",
        }
        eng.materialize("online_day", ONLINE_DAYS, **window)
        eng.materialize("lab", LAB_SAMPLES, **window)
        pairs_by_d: dict[str, list[tuple[str, str]]] = {}
        for did, pid in eng.rows(PAIRS):
            if pid in library.catalogue:  # flow has readings, not limits
                pairs_by_d.setdefault(did, []).extend([(pid, "final_outlet"), (pid, "workshop_outlet")])
        lim: list[tuple[Any, ...]] = []
        for d in dischargers:
            rows = _limit_rows(d, sorted(pairs_by_d.get(d.id, [])), library, knowledge.profile(d.industry), params)
            lim += in_force(rows)
        eng.set_table("lim", LIM_COLUMNS, lim)
        eng.materialize("ordered", ORDERED)
        stats = eng.rows(STATS)
        runs = eng.rows(RUN_OBSERVATIONS)
        caps = sorted({(d.id, t.parameter.id) for d in dischargers for a in d.agreements for t in a.max_load})
        eng.set_table("caps", CAPS_COLUMNS, caps)
        loads = eng.rows(DAILY_LOADS) if caps else []
    finally:
        eng.close()
    out = Statistics({d.id: [] for d in dischargers})
    for row in stats:
        did, fact = _fact(row, library)
        out.facts[did].append(fact)
    by_id = {d.id: d for d in dischargers}
    for fact in daily_load_facts(loads, by_id, library):
        out.facts[fact.pop("discharger")].append(fact)
    for did, pid, point, day, ts, basis, _seq, s, n, detected, reading_id, import_id in runs:
        mean = Decimal(s) / n
        out.runs.setdefault((did, pid, point), []).append(
            {"at": ts.isoformat(sep=" ") if basis == "sample" else day.isoformat(),
             "value": float(f"{float(mean):.10g}"), "basis": basis, "detected": bool(detected),
             "reading_id": reading_id, "import_id": import_id}
        )  # fmt: skip
    return out


def _fact(row: tuple[Any, ...], library: StandardsLibrary) -> tuple[str, dict[str, Any]]:
    (did, pid, point, n_obs, n_ex, n_inc, n_trc, last_day, v_max, lim, source_a, source_b, basis_a, basis_b,
     streak, streak_start, n_all, n_invalid) = row  # fmt: skip
    p = library.catalogue.get(pid)
    start = streak_start.isoformat() if streak_start else None
    fact: dict[str, Any] = {
        "id": f"tracking_stat:{pid}:{point}",
        "type": "tracking_stat",
        "parameter": pid,
        "name_zh": p.name_zh,
        "name_en": p.name_en,
        "point": point,
        "obs_basis": ",".join(sorted({b for b in (basis_a, basis_b) if b})),
        "n_obs": n_obs,
        "n_exceed": n_ex or 0,
        "n_inconclusive": n_inc or 0,
        "exceed_share": round((n_ex or 0) / n_obs, 4),
        "trc_share": round((n_trc or 0) / n_obs, 4),
        "streak_days": streak or 0,
        "last_day": last_day.isoformat(),
        "invalid_share": round((n_invalid or 0) / n_all, 4) if n_all else 0.0,
        "max_value": float(f"{v_max:.10g}"),
        "unit": p.unit,
        "limit_source": ",".join(sorted({x for x in (source_a, source_b) if x})),
        "event": f"{pid}:{point}:{start or last_day.isoformat()}",
        **category_flags(p),
    }
    if lim is not None:
        fact["limit"] = lim
    if start:
        fact["streak_start"] = start
    return did, fact
