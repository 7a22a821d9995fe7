"""How fast `wasteval track run` evaluates a fleet, against a bare vectorised comparison.

Fills a fresh store with N dischargers x D days of hourly readings of six parameters (written
straight into the store: the import path has its own benchmark, bench_import.py), then times

* the evaluation: the set-based SQL statistics for every discharger, and the rules per discharger;
* a bare vectorised comparison of the same readings against their limits: the valid readings and
  their limits read from the store into numpy, and compared (numpy is only needed here);

and prints readings per second, the ratio of the two, and peak memory (ru_maxrss).

Run on demand (not part of the tests):
    python benchmarks/bench_track.py                    # 100 dischargers x 365 days: 5.26 M readings
    python benchmarks/bench_track.py --dischargers 10 --days 30
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import resource
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
    rng = random.Random(7)
    start = dt.datetime(2025, 1, 1)
    total = 0
    with open_store(store_path) as store, store.transaction():
        import_id = store.add_import("bench", "bench", "csv", 0)
        for i in range(n):
            mn = f"MN{i:012d}"
            rows = []
            for h in range(days * 24):
                ts = (start + dt.timedelta(hours=h)).strftime("%Y-%m-%d %H:%M:%S")
                valid = 0 if rng.random() < 0.015 else 1
                for pid, mean, spread in PARAMS:
                    v = round(max(0.0, rng.gauss(mean, spread)), 3)
                    rows.append(
                        (
                            mn,
                            pid,
                            "hour",
                            ts,
                            "online",
                            "",
                            v,
                            None,
                            None,
                            None,
                            1,
                            "N" if valid else "M",
                            valid,
                            import_id,
                            h + 1,
                        )
                    )
            total += store.insert_readings(rows)
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dischargers", type=int, default=100)
    ap.add_argument("--days", type=int, default=365)
    args = ap.parse_args()
    library = load_library()
    rules = load_rules()
    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(tmp) / "bench.sqlite"
        t = time.perf_counter()
        n = fill(store_path, args.dischargers, args.days)
        print(f"filled {n} readings in {time.perf_counter() - t:.1f} s")
        dischargers = [
            parse_discharger(TEMPLATE.format(i=i), f"bench-{i}.yaml", library.catalogue)
            for i in range(args.dischargers)
        ]
        as_of = dt.date(2025, 1, 1) + dt.timedelta(days=args.days - 1)
        params = dataclasses.replace(TrackingParams.from_rules(rules), window_days=args.days)
        kb = bundled_knowledge(library.catalogue)
        with open_store(store_path) as store:
            t = time.perf_counter()
            stats = tracking_facts(store, dischargers, library, as_of, params, kb)
            t_sql = time.perf_counter() - t
            t = time.perf_counter()
            for d in dischargers:
                bare = dataclasses.replace(d, samples=())
                assess(
                    bare,
                    as_of=as_of,
                    rules=rules,
                    library=library,
                    track="tracking",
                    producers=(statistics(stats[d.id]),),
                )
            t_rules = time.perf_counter() - t
            import numpy as np  # only the baseline needs it

            t = time.perf_counter()
            cur = store.conn.execute(
                "SELECT r.value, l.lim FROM readings AS r JOIN who AS w ON w.reading_id = r.discharger_id "
                "JOIN lim AS l ON l.discharger_id = w.discharger_id AND l.parameter_id = r.parameter_id "
                "AND l.point = CASE WHEN r.point = '' THEN 'final_outlet' ELSE r.point END "
                "AND l.kind = 'max' AND l.prio = 9 WHERE r.valid = 1"
            )
            pairs = np.array(cur.fetchall(), dtype=float)
            exceed = int(np.count_nonzero(pairs[:, 0] > pairs[:, 1])) if len(pairs) else 0
            t_base = time.perf_counter() - t
    evaluation = t_sql + t_rules
    print(
        f"evaluation: {evaluation:.2f} s ({t_sql:.2f} s SQL statistics, {t_rules:.2f} s rules) "
        f"= {n / evaluation:,.0f} readings/s"
    )
    print(f"bare vectorised comparison (read from the store + numpy): {t_base:.2f} s, {exceed} over the limit")
    print(f"ratio evaluation / baseline: {evaluation / t_base:.2f} (target <= 3)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB (target < 2048)")


if __name__ == "__main__":
    main()
