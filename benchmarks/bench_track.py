"""How fast `wasteval track run` evaluates a fleet, against a bare vectorised comparison.

Fills a fresh store with N dischargers x D days of hourly readings of six parameters (staged and
published as an import does, from numpy: the import path has its own benchmark, bench_import.py),
then times

* the evaluation: the set-based SQL statistics for every discharger, and the rules per discharger;
* a bare vectorised comparison of the same readings against their limits: the valid readings
  read from the same Parquet files into numpy and compared with their limits (numpy only here);

and prints readings per second, the ratio of the two, and the peak memory (ru_maxrss) of each, measured
in a process of its own (the generation is not in either figure).

Run on demand (not part of the tests):
    python benchmarks/bench_track.py                    # 100 dischargers x 365 days: 5.26 M readings
    python benchmarks/bench_track.py --dischargers 10 --days 30
    python benchmarks/bench_track.py --dischargers 1000 --store /tmp/b52/bench.sqlite   # 52.6 M, kept
    python benchmarks/bench_track.py --engine spark            # the same on a local Spark session
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wastewater_eval.assessment.assess import assess
from wastewater_eval.engine import load_rules
from wastewater_eval.facts.tracking import statistics
from wastewater_eval.inputs.discharger import parse_discharger
from wastewater_eval.standards import load_library
from wastewater_eval.standards.profiles import bundled_knowledge
from wastewater_eval.tracking import open_store
from wastewater_eval.tracking.evaluate import TrackingParams, tracking_facts

ROOT = Path(__file__).resolve().parent.parent
PARAMS = [
    ("cod", 180.0, 60.0),
    ("ammonia_nitrogen", 25.0, 8.0),
    ("total_phosphorus", 3.0, 1.0),
    ("total_nitrogen", 35.0, 10.0),
    ("ph", 7.2, 0.4),
    ("total_nickel", 0.3, 0.2),
]
BARE_LIMITS = {"cod": 500.0, "ammonia_nitrogen": 45.0, "total_phosphorus": 8.0, "total_nitrogen": 70.0,
               "total_nickel": 1.0}  # fmt: skip
TEMPLATE = """\
schema: wasteval/discharger/v1
discharger: {{id: BENCH-{i:03d}, name: 基准测试{i:03d}, district: 黄埔区, status: existing, industry: other,
              monitors: ["MN{i:012d}"], flow: {{average: 100 m³/d}}}}
receiving:
  plant: {{name: 示例净水厂, treatment_level: secondary}}
samples:
  - {{id: s, taken: 2025-01-01T00:00, values: {{COD: 100 mg/L}}}}
"""


def fill(store_path: Path, n: int, days: int) -> int:
    """The fleet's readings as Arrow batches (numpy), staged and published as an import would."""
    import numpy as np
    import pyarrow as pa

    from wastewater_eval.tracking.rows import SCHEMA
    from wastewater_eval.tracking.staging import Staging

    rng = np.random.default_rng(7)
    hours = days * 24
    ts = np.datetime64("2025-01-01T00:00:00") + np.arange(hours).astype("timedelta64[h]")
    total = 0
    with open_store(store_path) as store, store.transaction():
        staging = Staging(store)
        try:
            import_id = store.add_import("bench", "bench", "csv", 0)
            for i in range(n):
                valid = rng.random(hours) >= 0.015
                for pid, mean, spread in PARAMS:
                    values = np.round(np.maximum(0.0, rng.normal(mean, spread, hours)), 3)
                    cols = {
                        "discharger_id": pa.array([f"MN{i:012d}"] * hours),
                        "parameter_id": pa.array([pid] * hours),
                        "interval": pa.array(["hour"] * hours),
                        "ts": pa.array(ts.astype("datetime64[s]")),
                        "basis": pa.array(["online"] * hours),
                        "point": pa.array([""] * hours),
                        "seq": pa.array(np.zeros(hours, dtype=np.int32)),
                        "value": pa.array(values),
                        "min": pa.nulls(hours, pa.float64()),
                        "max": pa.nulls(hours, pa.float64()),
                        "load_kg": pa.nulls(hours, pa.float64()),
                        "detected": pa.array(np.ones(hours, dtype=bool)),
                        "qualifier": pa.nulls(hours, pa.string()),
                        "data_flag": pa.array(np.where(valid, "N", "M")),
                        "valid": pa.array(valid),
                        "import_id": pa.array(np.full(hours, import_id, dtype=np.int64)),
                        "source_line": pa.array(np.arange(1, hours + 1, dtype=np.int64)),
                    }
                    staging.add(pa.RecordBatch.from_pydict(cols, schema=SCHEMA))
                    total += hours
            staging.publish()
        finally:
            staging.close()
    return total


def evaluate(store_path: Path, n: int, days: int, engine: str) -> tuple[float, float]:
    """The evaluation as `track run` does it: the statistics for all, then the rules per discharger."""
    library = load_library()
    rules = load_rules()
    dischargers = [parse_discharger(TEMPLATE.format(i=i), f"bench-{i}.yaml", library.catalogue) for i in range(n)]
    as_of = dt.date(2025, 1, 1) + dt.timedelta(days=days - 1)
    params = dataclasses.replace(TrackingParams.from_rules(rules), window_days=days)
    kb = bundled_knowledge(library.catalogue)
    with open_store(store_path) as store:
        t = time.perf_counter()
        stats = tracking_facts(store, dischargers, library, as_of, params, kb, engine)
        t_sql = time.perf_counter() - t
    t = time.perf_counter()
    for d in dischargers:
        bare = dataclasses.replace(d, samples=())
        assess(bare, as_of=as_of, rules=rules, library=library, track="tracking", producers=(statistics(stats[d.id]),))
    return t_sql, time.perf_counter() - t


def baseline(store_path: Path) -> tuple[float, int]:
    """The bare comparison: every valid reading and its limit read from the same files into numpy and
    compared one by one (no daily means, no runs, no rules)."""
    import duckdb
    import numpy as np  # only the baseline needs it

    with open_store(store_path) as store:
        files = store.reading_files()
    t = time.perf_counter()
    con = duckdb.connect()
    con.execute("CREATE TABLE lim (parameter_id VARCHAR, lim DOUBLE)")
    con.executemany("INSERT INTO lim VALUES (?, ?)", list(BARE_LIMITS.items()))
    listed = ", ".join(f"'{f}'" for f in files)
    got = con.execute(
        f"SELECT r.value, l.lim FROM read_parquet([{listed}]) AS r JOIN lim AS l USING (parameter_id) WHERE r.valid"
    ).fetchnumpy()
    exceed = int(np.count_nonzero(got["value"] > got["lim"]))
    return time.perf_counter() - t, exceed


def _child(kind: str, store_path: Path, n: int, days: int, engine: str) -> None:
    """Run one measurement in this (child) process and print its figures and its own peak memory."""
    result = evaluate(store_path, n, days, engine) if kind == "evaluate" else baseline(store_path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"kind": kind, "result": list(result), "peak_mib": peak}), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dischargers", type=int, default=100)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    ap.add_argument("--store", type=Path, help="a store to fill once and reuse (default: a temporary one)")
    ap.add_argument("--child", choices=["fill", "evaluate", "baseline"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child == "fill":
        fill(args.store, args.dischargers, args.days)
        return
    if args.child:
        _child(args.child, args.store, args.dischargers, args.days, args.engine)
        return
    with tempfile.TemporaryDirectory() as tmp:
        store_path = args.store or Path(tmp) / "bench.sqlite"
        n = args.dischargers * args.days * 24 * len(PARAMS)
        sizes = ["--dischargers", str(args.dischargers), "--days", str(args.days), "--engine", args.engine]
        if not store_path.exists():  # filled in a process of its own too: Linux carries a parent's peak
            t = time.perf_counter()  # memory over into the ru_maxrss of a child it forks
            cmd = [sys.executable, __file__, "--child", "fill", "--store", str(store_path), *sizes]
            subprocess.run(cmd, check=True)
            print(f"filled {n:,} readings in {time.perf_counter() - t:.1f} s")
        figures = {}
        for kind in ("evaluate", "baseline"):  # each in a process of its own: its own peak memory
            cmd = [sys.executable, __file__, "--child", kind, "--store", str(store_path), *sizes]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()[-1]
            figures[kind] = json.loads(out)
    (t_sql, t_rules), peak_eval = figures["evaluate"]["result"], figures["evaluate"]["peak_mib"]
    (t_base, exceed), peak_base = figures["baseline"]["result"], figures["baseline"]["peak_mib"]
    evaluation = t_sql + t_rules
    print(
        f"evaluation of {n:,} readings ({args.engine}): {evaluation:.2f} s ({t_sql:.2f} s statistics, "
        f"{t_rules:.2f} s rules) = {n / evaluation:,.0f} readings/s; peak memory {peak_eval:,.0f} MiB"
    )
    print(f"bare vectorised comparison (read from the files + numpy): {t_base:.2f} s, {exceed} over the limit; "
          f"peak memory {peak_base:,.0f} MiB")  # fmt: skip
    print(f"ratio evaluation / baseline: {evaluation / t_base:.2f} (goal: below 1)")


if __name__ == "__main__":
    main()
