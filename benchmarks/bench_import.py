"""How fast `import_files` reads a year of online data, and how much memory it needs.

Generates N dischargers x D days of hourly HJ 212-2017 packets (CN=2061, six catalogue parameters
plus flow, which is skipped as it is not in the catalogue) or the same readings as a long CSV, then
imports them into a fresh store and prints readings/s and peak memory (ru_maxrss).

Run on demand (not part of the tests):
    python benchmarks/bench_import.py                      # 100 dischargers x 365 days, HJ 212
    python benchmarks/bench_import.py --format csv --dischargers 10
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from wastewater_eval.standards.parameters import load_catalogue
from wastewater_eval.tracking import build_packet, import_files, open_store

# code, catalogue name for CSV, unit, typical value, spread
FACTORS = [
    ("w01018", "COD", "mg/L", 180.0, 60.0),
    ("w21003", "NH3-N", "mg/L", 25.0, 8.0),
    ("w21011", "TP", "mg/L", 3.0, 1.0),
    ("w21001", "TN", "mg/L", 35.0, 10.0),
    ("w01001", "pH", "", 7.2, 0.4),
    ("w20121", "总镍", "mg/L", 0.3, 0.1),
]
START = datetime(2025, 1, 1)


def flag(rng: random.Random) -> str:
    x = rng.random()
    return "M" if x < 0.01 else "D" if x < 0.015 else "N"


def write_hj212(folder: Path, dischargers: int, hours: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for d in range(dischargers):
        mn = f"44010{d:09d}"
        path = folder / f"{mn}.log"
        with path.open("w", encoding="ascii", newline="") as f:
            for h in range(hours):
                t = START + timedelta(hours=h)
                parts = [
                    f"{code}-Avg={max(0.0, rng.gauss(mu, sd)):.3f},{code}-Min={mu * 0.8:.3f},"
                    f"{code}-Max={mu * 1.2:.3f},{code}-Flag={flag(rng)}"
                    for code, _name, _unit, mu, sd in FACTORS
                ]
                parts.append(f"w00000-Avg={rng.uniform(1, 5):.2f},w00000-Cou={rng.uniform(3, 18):.2f},w00000-Flag=N")
                segment = (
                    f"QN={t:%Y%m%d%H}0500000;ST=32;CN=2061;PW=123456;MN={mn};Flag=5;"
                    f"CP=&&DataTime={t:%Y%m%d%H}0000;{';'.join(parts)}&&"
                )
                f.write(build_packet(segment))
        paths.append(path)
    return paths


def write_csv(folder: Path, dischargers: int, hours: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for d in range(dischargers):
        path = folder / f"D{d:04d}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write("discharger,time,parameter,value,unit,flag\n")
            for h in range(hours):
                t = START + timedelta(hours=h)
                for _code, name, unit, mu, sd in FACTORS:
                    value = max(0.0, rng.gauss(mu, sd))
                    f.write(f"D{d:04d},{t:%Y-%m-%d %H:%M},{name},{value:.3f},{unit},{flag(rng)}\n")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dischargers", type=int, default=100)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--format", choices=("hj212", "csv"), default="hj212")
    ap.add_argument("--workdir", type=Path, help="where to write the files and the store (default: a temp folder)")
    ap.add_argument("--seed", type=int, default=212)
    args = ap.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "data"
    data.mkdir(exist_ok=True)
    store = work / "tracking.sqlite"
    store.unlink(missing_ok=True)
    hours = args.days * 24
    expected = args.dischargers * hours * len(FACTORS)

    t0 = time.perf_counter()
    writer = write_hj212 if args.format == "hj212" else write_csv
    paths = writer(data, args.dischargers, hours, args.seed)
    gen = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in paths)
    print(f"generated {len(paths)} {args.format} files, {size / 2**20:.0f} MiB, {expected:,} readings in {gen:.1f} s")

    catalogue = load_catalogue()
    t0 = time.perf_counter()
    report = import_files(store, paths, catalogue)
    took = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    with open_store(store) as s:
        counts = s.counts()
    print(f"imported {report.accepted:,} readings ({report.invalid_flagged:,} flagged invalid, "
          f"{report.duplicates:,} duplicates, rejected {report.rejected}) in {took:.1f} s")  # fmt: skip
    print(f"rate: {report.read / took:,.0f} readings/s; store {store.stat().st_size / 2**20:.0f} MiB; "
          f"peak memory (ru_maxrss, whole process) {peak:,.0f} MiB")  # fmt: skip
    assert report.accepted == expected == counts["readings"], (report.accepted, expected, counts)

    t0 = time.perf_counter()
    again = import_files(store, paths, catalogue)
    print(f"second import of the same files: {again.files_already_imported} skipped as already imported, "
          f"{again.accepted} added, {time.perf_counter() - t0:.1f} s")  # fmt: skip
    if args.workdir is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
