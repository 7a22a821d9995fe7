"""How long `wasteval assess` takes on the bundled example, and what each dependency costs to import.

Run on demand (not part of the tests):  python benchmarks/bench_assess.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "discharger.example.yaml"
MODULES = ["click", "yaml", "jinja2", "jsonschema", "pint", "durable_rules_engine", "wastewater_eval.cli"]


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    wasteval = str(Path(sys.executable).parent / "wasteval")
    cmd = [wasteval, "assess", str(EXAMPLE), "--as-of", "2024-06-01"]
    # the run records itself, as a real one does, but into a throw-away store
    os.environ["WASTEVAL_STORE"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite")
    timed(cmd)  # warm the file cache
    runs = [timed(cmd) for _ in range(args.runs)]
    med, worst = statistics.median(runs), max(runs)
    print(f"wasteval assess example: median {med:.3f} s, max {worst:.3f} s over {args.runs} runs")
    runs = [timed([*cmd, "--format", "json"]) for _ in range(args.runs)]
    print(f"wasteval assess --format json: median {statistics.median(runs):.3f} s")
    base = statistics.median(timed([sys.executable, "-c", "pass"]) for _ in range(5))
    print(f"python start-up: {base:.3f} s")
    for mod in MODULES:
        cost = statistics.median(timed([sys.executable, "-c", f"import {mod}"]) for _ in range(5)) - base
        print(f"import {mod:<22} {cost * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
