"""Dynamic tracking (办法第八条), the evaluation: every discharger's stored readings against its limits.

The statistics are computed column-wise in SQLite (one pass of set-based SQL over the readings,
never a Python loop per reading): daily means of valid online data, single lab samples, and per
discharger, parameter and sampling point the share of observations over the limit, the share
over the limit times a technical-review factor, and the run of consecutive exceeding
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
from .store import Store

_LIMITS = """
CREATE TEMP TABLE IF NOT EXISTS lim (
    discharger_id TEXT, parameter_id TEXT, point TEXT, kind TEXT, lim REAL, low REAL, high REAL,
    source TEXT, day_from TEXT, day_to TEXT, prio INTEGER, trc_factor REAL
);
DELETE FROM lim;
CREATE TEMP TABLE IF NOT EXISTS who (reading_id TEXT, discharger_id TEXT);
DELETE FROM who;
"""

# Observations: the daily mean of valid online readings (from the finest interval stored that
# day), and each valid lab sample; each joined to the limit in force that day (an agreement's
# row outranks the standard's by priority).
_STATS = """
WITH online_raw AS MATERIALIZED (
    SELECT r.discharger_id AS rid, r.parameter_id, r.interval, substr(r.ts, 1, 10) AS day, r.point,
           COUNT(*) AS n_all, SUM(r.valid = 0) AS n_invalid, AVG(CASE WHEN r.valid = 1 THEN r.value END) AS v
    FROM readings AS r
    WHERE r.ts BETWEEN :start AND :end_ts AND r.basis = 'online'
    GROUP BY r.discharger_id, r.parameter_id, r.interval, day, r.point
),
online AS MATERIALIZED (
    SELECT w.discharger_id, o.parameter_id, CASE WHEN o.point = '' THEN 'final_outlet' ELSE o.point END AS point,
           o.day, CASE o.interval WHEN 'realtime' THEN 1 WHEN 'minute' THEN 2 WHEN 'hour' THEN 3 ELSE 4 END AS rank,
           o.n_all, o.n_invalid, o.v
    FROM online_raw AS o JOIN who AS w ON w.reading_id = o.rid
),
lab AS MATERIALIZED (
    SELECT w.discharger_id, r.parameter_id, CASE WHEN r.point = '' THEN 'final_outlet' ELSE r.point END AS point,
           substr(r.ts, 1, 10) AS day, r.value AS v, r.valid
    FROM readings AS r JOIN who AS w ON w.reading_id = r.discharger_id
    WHERE r.ts BETWEEN :start AND :end_ts AND r.basis = 'lab'
),
quality AS (
    SELECT discharger_id, parameter_id, point, SUM(n_all) AS n_all, SUM(n_invalid) AS n_invalid FROM (
        SELECT discharger_id, parameter_id, point, n_all, n_invalid FROM online
        UNION ALL
        SELECT discharger_id, parameter_id, point, 1, valid = 0 FROM lab
    ) GROUP BY 1, 2, 3
),
obs AS (
    SELECT discharger_id, parameter_id, point, day, v, 'daily_mean' AS basis FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY discharger_id, parameter_id, point, day ORDER BY rank) AS pick
        FROM online WHERE v IS NOT NULL
    ) WHERE pick = 1
    UNION ALL
    SELECT discharger_id, parameter_id, point, day, v, 'sample' FROM lab WHERE valid = 1 AND v IS NOT NULL
),
judged AS (
    SELECT o.*, l.kind, l.lim, l.low, l.high, l.source, l.trc_factor,
           ROW_NUMBER() OVER (PARTITION BY o.discharger_id, o.parameter_id, o.point, o.day, o.v, o.basis
                              ORDER BY l.prio) AS pick
    FROM obs AS o JOIN lim AS l
      ON l.discharger_id = o.discharger_id AND l.parameter_id = o.parameter_id AND l.point = o.point
     AND o.day BETWEEN l.day_from AND l.day_to
),
flagged AS (
    SELECT discharger_id, parameter_id, point, day, v, basis, lim, low, high, source,
           CASE WHEN kind = 'max' THEN v > lim ELSE v < low OR v > high END AS ex,
           CASE WHEN kind = 'max' THEN v > lim * trc_factor ELSE v < low OR v > high END AS trc
    FROM judged WHERE pick = 1
),
ordered AS (
    SELECT *, ROW_NUMBER() OVER w_all - ROW_NUMBER() OVER w_ex AS island,
           MAX(day) OVER (PARTITION BY discharger_id, parameter_id, point) AS last_day
    FROM flagged
    WINDOW w_all AS (PARTITION BY discharger_id, parameter_id, point ORDER BY day, v),
           w_ex AS (PARTITION BY discharger_id, parameter_id, point, ex ORDER BY day, v)
),
streaks AS (
    SELECT discharger_id, parameter_id, point, island, ex, MIN(day) AS start, MAX(day) AS finish, COUNT(*) AS n
    FROM ordered GROUP BY 1, 2, 3, 4, 5
),
agg AS (
    SELECT discharger_id, parameter_id, point, COUNT(*) AS n_obs, SUM(ex) AS n_ex, SUM(trc) AS n_trc,
           MAX(day) AS last_day, MAX(v) AS v_max, MAX(lim) AS lim, MIN(low) AS low, MAX(high) AS high,
           GROUP_CONCAT(DISTINCT source) AS sources, GROUP_CONCAT(DISTINCT basis) AS bases
    FROM flagged GROUP BY 1, 2, 3
)
SELECT a.discharger_id, a.parameter_id, a.point, a.n_obs, a.n_ex, a.n_trc, a.last_day, a.v_max, a.lim, a.low,
       a.high, a.sources, a.bases, s.n AS streak, s.start AS streak_start, q.n_all, q.n_invalid
FROM agg AS a
JOIN quality AS q USING (discharger_id, parameter_id, point)
LEFT JOIN streaks AS s
  ON s.discharger_id = a.discharger_id AND s.parameter_id = a.parameter_id AND s.point = a.point
 AND s.ex = 1 AND s.finish = a.last_day
"""


# The distinct (logger or discharger, parameter) pairs, by a loose index scan: one index seek per
# pair instead of a pass over every reading.
_PAIRS = """
WITH RECURSIVE pair(d, p) AS (
    SELECT discharger_id, parameter_id FROM (
        SELECT discharger_id, parameter_id FROM readings ORDER BY discharger_id, parameter_id LIMIT 1)
    UNION ALL
    SELECT (SELECT r.discharger_id FROM readings AS r WHERE (r.discharger_id, r.parameter_id) > (pair.d, pair.p)
            ORDER BY r.discharger_id, r.parameter_id LIMIT 1),
           (SELECT r.parameter_id FROM readings AS r WHERE (r.discharger_id, r.parameter_id) > (pair.d, pair.p)
            ORDER BY r.discharger_id, r.parameter_id LIMIT 1)
    FROM pair WHERE pair.d IS NOT NULL
)
SELECT d, p FROM pair WHERE d IS NOT NULL
"""


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
class DischargerStats:
    discharger: Discharger
    facts: list[dict[str, Any]] = field(default_factory=list)


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
                    "0000-01-01",
                    "9999-12-31",
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
                            a.signed.isoformat(),
                            end,
                            1,
                            factor,
                        )
                    )
    return rows


def tracking_facts(
    store: Store,
    dischargers: list[Discharger],
    library: StandardsLibrary,
    as_of: dt.date,
    params: TrackingParams,
    knowledge: Any,
) -> dict[str, list[dict[str, Any]]]:
    """The ``tracking_stat`` facts of every discharger, computed in one set-based query."""
    conn = store.conn
    conn.execute("PRAGMA temp_store = MEMORY")  # the GROUP BY's sort stays in memory, not in a temp file
    conn.executescript(_LIMITS)
    by_reading_id: list[tuple[str, str]] = []
    for d in dischargers:
        for rid in {d.id, *d.monitors}:
            by_reading_id.append((rid, d.id))
    conn.executemany("INSERT INTO who VALUES (?, ?)", by_reading_id)
    start = (as_of - dt.timedelta(days=params.window_days - 1)).isoformat()
    owner = dict(by_reading_id)
    pairs_by_d: dict[str, list[tuple[str, str]]] = {}
    for rid, pid in conn.execute(_PAIRS):
        if rid in owner:
            pairs_by_d.setdefault(owner[rid], []).extend([(pid, "final_outlet"), (pid, "workshop_outlet")])
    for d in dischargers:
        profile = knowledge.profile(d.industry)
        conn.executemany(
            "INSERT INTO lim VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            _limit_rows(d, sorted(pairs_by_d.get(d.id, [])), library, profile, params),
        )
    out: dict[str, list[dict[str, Any]]] = {d.id: [] for d in dischargers}
    for row in conn.execute(_STATS, {"start": start, "end_ts": f"{as_of.isoformat()} 23:59:59"}):
        (
            did,
            pid,
            point,
            n_obs,
            n_ex,
            n_trc,
            last_day,
            v_max,
            lim,
            _low,
            _high,
            sources,
            bases,
            streak,
            streak_start,
            n_all,
            n_invalid,
        ) = row
        p = library.catalogue.get(pid)
        fact: dict[str, Any] = {
            "id": f"tracking_stat:{pid}:{point}",
            "type": "tracking_stat",
            "parameter": pid,
            "name_zh": p.name_zh,
            "name_en": p.name_en,
            "point": point,
            "obs_basis": bases or "",
            "n_obs": n_obs,
            "n_exceed": n_ex or 0,
            "exceed_share": round((n_ex or 0) / n_obs, 4),
            "trc_share": round((n_trc or 0) / n_obs, 4),
            "streak_days": streak or 0,
            "last_day": last_day,
            "invalid_share": round((n_invalid or 0) / n_all, 4) if n_all else 0.0,
            "max_value": v_max,
            "unit": p.unit,
            "limit_source": sources or "",
            "event": f"{pid}:{point}:{streak_start or last_day}",
            **category_flags(p),
        }
        if lim is not None:
            fact["limit"] = lim
        if streak_start:
            fact["streak_start"] = streak_start
        out[did].append(fact)
    return out
