"""The 第八条 statistics, defined once: SQL in DuckDB's dialect, transpiled to Spark SQL by sqlglot.

Inputs (views or tables of the engine): ``readings`` (the store's reading files of the dischargers
evaluated), ``who`` (reading id — an MN or a discharger id — to discharger id) and ``lim`` (the
limits in force, per discharger, parameter, point and day range: one per day, ``evaluate.in_force``). ``{start}`` and
``{end}`` are the window.

Observations: the daily mean of valid online readings (from the finest interval stored that day)
and every valid lab sample — each sample its own observation, equal values included, ordered by
day, time and the order the table listed them, never by value. Values are compared as exact
decimals (DECIMAL(26,12): a daily mean exceeds when its exact sum exceeds limit × count), so both
engines decide every comparison alike. A non-detect whose detection limit is over the limit, and
an "at least" value (``>400``) not over it, are inconclusive: neither an exceedance nor a
compliance, and they break a run of exceedances (a run is consecutive exceedances only).
"""

_R = """r AS (
    SELECT w.discharger_id, x.discharger_id AS reading_id, x.import_id, x.parameter_id, x.interval, x.ts,
           CAST(x.ts AS DATE) AS day,
           CASE WHEN x.point = '' THEN 'final_outlet' ELSE x.point END AS point,
           x.basis, x.seq, x.value, x.detected, x.qualifier, x.valid
    FROM readings AS x JOIN who AS w ON w.reading_id = x.discharger_id
    WHERE x.ts >= CAST('{start}' AS TIMESTAMP) AND x.ts <= CAST('{end}' AS TIMESTAMP)
)"""
# Runs of exceedances: consecutive exceeding observations share rn - rn_same.
_RUNS = """runs AS (
    SELECT discharger_id, parameter_id, point, rn - rn_same AS island, COUNT(*) AS n, MIN(day) AS first_day,
           MAX(day) AS last_day, MAX(rn) AS last_rn
    FROM ordered WHERE verdict = 'exceeds' GROUP BY discharger_id, parameter_id, point, rn - rn_same
)"""

# Step 1, materialised (one scan of the readings each): the online daily aggregates, the lab samples.
ONLINE_DAYS = """
WITH per_reading_id AS (
    SELECT x.discharger_id AS reading_id, x.parameter_id, CAST(x.ts AS DATE) AS day, x.point, x.interval,
           COUNT(*) AS n_all,
           SUM(CASE WHEN x.valid THEN 0 ELSE 1 END) AS n_invalid,
           SUM(CASE WHEN x.valid AND x.value IS NOT NULL THEN CAST(x.value AS DECIMAL(26, 12)) END) AS s,
           SUM(CASE WHEN x.valid AND x.value IS NOT NULL THEN 1 ELSE 0 END) AS n,
           MIN(CASE WHEN x.valid AND x.value IS NOT NULL THEN (CASE WHEN x.detected THEN 1 ELSE 0 END) END)
               AS all_detected
    FROM readings AS x
    WHERE x.basis = 'online' AND x.ts >= CAST('{start}' AS TIMESTAMP) AND x.ts <= CAST('{end}' AS TIMESTAMP)
    GROUP BY x.discharger_id, x.parameter_id, CAST(x.ts AS DATE), x.point, x.interval
)
SELECT w.discharger_id, o.reading_id, o.parameter_id, o.day,
       CASE WHEN o.point = '' THEN 'final_outlet' ELSE o.point END AS point,
       CASE o.interval WHEN 'realtime' THEN 1 WHEN 'minute' THEN 2 WHEN 'hour' THEN 3 ELSE 4 END AS fineness,
       o.n_all, o.n_invalid, o.s, o.n, o.all_detected
FROM per_reading_id AS o JOIN who AS w ON w.reading_id = o.reading_id
"""
LAB_SAMPLES = (
    "WITH "
    + _R
    + ",\n"
    + """lab AS (
    SELECT discharger_id, parameter_id, point, day, ts, seq, value, detected, qualifier, valid, reading_id, import_id
    FROM r WHERE basis = 'lab'
)
SELECT * FROM lab
"""
)

# Step 2, materialised: every observation judged against its limit and numbered in time order.
ORDERED = """
WITH obs AS (
    SELECT discharger_id, parameter_id, point, day, CAST(day AS TIMESTAMP) AS ts, 0 AS seq, 'daily_mean' AS basis,
           s, n, all_detected = 1 AS detected, CAST(NULL AS VARCHAR) AS qualifier, reading_id,
           CAST(NULL AS BIGINT) AS import_id
    FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY discharger_id, parameter_id, point, day ORDER BY fineness) AS pick
        FROM online_day WHERE n > 0
    ) AS o WHERE pick = 1
    UNION ALL
    SELECT discharger_id, parameter_id, point, day, ts, seq, 'sample' AS basis,
           CAST(value AS DECIMAL(26, 12)) AS s, 1 AS n, detected, qualifier, reading_id, import_id
    FROM lab WHERE valid AND value IS NOT NULL
),
judged AS (
    SELECT o.*, l.kind, l.source, CAST(l.lim AS DECIMAL(26, 12)) AS l_max,
           CAST(l.low AS DECIMAL(26, 12)) AS l_low, CAST(l.high AS DECIMAL(26, 12)) AS l_high,
           CAST(l.lim * l.trc_factor AS DECIMAL(26, 12)) AS l_trc, l.lim AS lim
    FROM obs AS o JOIN lim AS l
      ON l.discharger_id = o.discharger_id AND l.parameter_id = o.parameter_id AND l.point = o.point
     AND o.day BETWEEN l.day_from AND l.day_to
),
outside AS (
    SELECT *,
           CASE WHEN kind = 'max' THEN s > l_max * CAST(n AS DECIMAL(10, 0))
                ELSE s < l_low * CAST(n AS DECIMAL(10, 0)) OR s > l_high * CAST(n AS DECIMAL(10, 0)) END AS over,
           CASE WHEN kind = 'max' THEN s >= l_max * CAST(n AS DECIMAL(10, 0))
                ELSE s >= l_high * CAST(n AS DECIMAL(10, 0)) END AS at_or_over,
           CASE WHEN kind = 'max' THEN s > l_trc * CAST(n AS DECIMAL(10, 0))
                ELSE s < l_low * CAST(n AS DECIMAL(10, 0)) OR s > l_high * CAST(n AS DECIMAL(10, 0)) END AS over_trc
    FROM judged
),
flagged AS (
    SELECT *,
           CASE WHEN qualifier = '>' THEN (CASE WHEN at_or_over THEN 'exceeds' ELSE 'inconclusive' END)
                WHEN qualifier IS NOT NULL THEN (CASE WHEN over THEN 'exceeds' ELSE 'inconclusive' END)
                WHEN NOT detected THEN (CASE WHEN over THEN 'inconclusive' ELSE 'complies' END)
                WHEN over THEN 'exceeds' ELSE 'complies' END AS verdict,
           CASE WHEN detected AND over_trc THEN 1 ELSE 0 END AS trc
    FROM outside
),
ordered AS (
    SELECT discharger_id, parameter_id, point, day, ts, seq, basis, s, n, detected, reading_id, import_id,
           verdict, trc, lim, source,
           ROW_NUMBER() OVER (PARTITION BY discharger_id, parameter_id, point ORDER BY day, ts, basis, seq) AS rn,
           -- exceedances so far: rn - rn_same is constant along a run of consecutive exceedances
           SUM(CASE WHEN verdict = 'exceeds' THEN 1 ELSE 0 END) OVER (
               PARTITION BY discharger_id, parameter_id, point ORDER BY day, ts, basis, seq
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rn_same
    FROM flagged
)
SELECT * FROM ordered
"""

# Step 3: per discharger, parameter and point: counts, shares, the run that ends at the latest one.
STATS = (
    """WITH quality AS (
    SELECT discharger_id, parameter_id, point, SUM(n_all) AS n_all, SUM(n_invalid) AS n_invalid FROM (
        SELECT discharger_id, parameter_id, point, n_all, n_invalid FROM online_day
        UNION ALL
        SELECT discharger_id, parameter_id, point, 1 AS n_all, CASE WHEN valid THEN 0 ELSE 1 END AS n_invalid FROM lab
    ) AS q GROUP BY discharger_id, parameter_id, point
),
"""
    + _RUNS
    + """,
agg AS (
    SELECT discharger_id, parameter_id, point, COUNT(*) AS n_obs,
           SUM(CASE WHEN verdict = 'exceeds' THEN 1 ELSE 0 END) AS n_ex,
           SUM(CASE WHEN verdict = 'inconclusive' THEN 1 ELSE 0 END) AS n_inc,
           SUM(trc) AS n_trc, MAX(day) AS last_day, MAX(rn) AS last_rn,
           MAX(CAST(s AS DOUBLE) / n) AS v_max, MAX(lim) AS lim,
           MIN(source) AS source_a, MAX(source) AS source_b, MIN(basis) AS basis_a, MAX(basis) AS basis_b
    FROM ordered GROUP BY discharger_id, parameter_id, point
)
SELECT a.discharger_id, a.parameter_id, a.point, a.n_obs, a.n_ex, a.n_inc, a.n_trc, a.last_day, a.v_max, a.lim,
       a.source_a, a.source_b, a.basis_a, a.basis_b, u.n AS streak, u.first_day AS streak_start,
       q.n_all, q.n_invalid
FROM agg AS a
JOIN quality AS q
  ON q.discharger_id = a.discharger_id AND q.parameter_id = a.parameter_id AND q.point = a.point
LEFT JOIN runs AS u
  ON u.discharger_id = a.discharger_id AND u.parameter_id = a.parameter_id AND u.point = a.point
 AND u.last_rn = a.last_rn
ORDER BY a.discharger_id, a.parameter_id, a.point
"""
)

# The observations of each run of exceedances that ends at the latest observation: what a notice
# lists (values with their dates), one row per observation, in order.
RUN_OBSERVATIONS = (
    "WITH "
    + _RUNS
    + ",\n"
    + """last_run AS (
    SELECT r.discharger_id, r.parameter_id, r.point, r.island FROM runs AS r
    JOIN (SELECT discharger_id, parameter_id, point, MAX(rn) AS last_rn FROM ordered
          GROUP BY discharger_id, parameter_id, point) AS m
      ON m.discharger_id = r.discharger_id AND m.parameter_id = r.parameter_id AND m.point = r.point
     AND m.last_rn = r.last_rn
)
SELECT o.discharger_id, o.parameter_id, o.point, o.day, o.ts, o.basis, o.seq, CAST(o.s AS VARCHAR) AS s, o.n,
       o.detected, o.reading_id, o.import_id
FROM ordered AS o JOIN last_run AS l
  ON l.discharger_id = o.discharger_id AND l.parameter_id = o.parameter_id AND l.point = o.point
 AND l.island = o.rn - o.rn_same
WHERE o.verdict = 'exceeds'
ORDER BY o.discharger_id, o.parameter_id, o.point, o.day, o.ts, o.basis, o.seq
"""
)

# Daily loads (第六条 load caps): each day's concentration observation at the final outlet of a
# parameter with a cap (table ``caps``), with that day's mean flow (L/s) when a flow meter sent one.
DAILY_LOADS = """
WITH flow AS (
    SELECT discharger_id, day, s, n FROM (
        SELECT discharger_id, day, s, n,
               ROW_NUMBER() OVER (PARTITION BY discharger_id, day ORDER BY fineness) AS pick
        FROM online_day WHERE parameter_id = 'flow' AND n > 0
    ) AS f WHERE pick = 1
)
SELECT o.discharger_id, o.parameter_id, o.day, o.basis, CAST(o.s AS VARCHAR) AS s, o.n,
       CAST(f.s AS VARCHAR) AS flow_s, f.n AS flow_n
FROM ordered AS o
JOIN caps AS c ON c.discharger_id = o.discharger_id AND c.parameter_id = o.parameter_id
LEFT JOIN flow AS f ON f.discharger_id = o.discharger_id AND f.day = o.day
WHERE o.point = 'final_outlet' AND o.detected
ORDER BY o.discharger_id, o.parameter_id, o.day, o.basis, o.ts, o.seq
"""
CAPS_COLUMNS = (("discharger_id", "VARCHAR"), ("parameter_id", "VARCHAR"))

# The (discharger, parameter) pairs with readings in the window, from the materialised step 1.
PAIRS = """
SELECT DISTINCT discharger_id, parameter_id FROM (
    SELECT discharger_id, parameter_id FROM online_day
    UNION ALL
    SELECT discharger_id, parameter_id FROM lab
) AS p
ORDER BY 1, 2
"""

LIM_COLUMNS = (
    ("discharger_id", "VARCHAR"),
    ("parameter_id", "VARCHAR"),
    ("point", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("lim", "DOUBLE"),
    ("low", "DOUBLE"),
    ("high", "DOUBLE"),
    ("source", "VARCHAR"),
    ("day_from", "DATE"),
    ("day_to", "DATE"),
    ("prio", "INTEGER"),
    ("trc_factor", "DOUBLE"),
)
WHO_COLUMNS = (("reading_id", "VARCHAR"), ("discharger_id", "VARCHAR"))


def for_engine(text: str, engine: str, **params: str) -> str:
    """The statement for ``engine`` ("duckdb" or "spark"), with the window filled in."""
    filled = text.format(**params)
    if engine == "duckdb":
        return filled
    import sqlglot

    return str(sqlglot.transpile(filled, read="duckdb", write=engine)[0])
