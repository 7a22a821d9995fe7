"""How long a fleet of discharger files takes: `wasteval assess DIR` (one process) beside one process
per file, in the same run.

Writes N copies of the bundled example (each its own id) into a temporary folder, then times
* `wasteval assess DIR --no-record` once, for all N files (workers forked from one process), and
* `wasteval assess FILE --no-record` for the first K files, one process each (the N-file figure is
  K's times N/K).

Run on demand (not part of the tests):
    python benchmarks/bench_fleet.py                 # 1 000 dischargers, 20 single processes
    python benchmarks/bench_fleet.py --dischargers 200 --singles 10
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "discharger.example.yaml"
WASTEVAL = [str(Path(sys.executable).parent / "wasteval")]  # the console script of this environment


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dischargers", type=int, default=1000)
    ap.add_argument("--singles", type=int, default=20)
    args = ap.parse_args()
    text = EXAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fleet"
        folder.mkdir()
        for i in range(args.dischargers):
            (folder / f"d{i:05d}.yaml").write_text(text.replace("GZ-HP-2023-0042", f"GZ-F-{i:05d}"), encoding="utf-8")
        common = ["--as-of", "2024-06-01", "--no-record"]
        t = time.perf_counter()
        out = subprocess.run([*WASTEVAL, "assess", str(folder), *common], capture_output=True, text=True, cwd=ROOT)
        fleet = time.perf_counter() - t
        assert out.returncode == 0, out.stderr[-2000:]
        assert out.stdout.splitlines()[-1].startswith(f"{args.dischargers} dischargers"), out.stdout[-300:]
        files = sorted(folder.glob("*.yaml"))[: args.singles]
        t = time.perf_counter()
        for f in files:
            subprocess.run([*WASTEVAL, "assess", str(f), *common], capture_output=True, check=True, cwd=ROOT)
        singles = (time.perf_counter() - t) / len(files)
    print(f"{args.dischargers} dischargers in one `wasteval assess DIR`: {fleet:.1f} s "
          f"({fleet / args.dischargers * 1000:.1f} ms each)")  # fmt: skip
    print(f"one process per file: {singles:.2f} s each (mean of {len(files)}), "
          f"so {singles * args.dischargers:.0f} s for {args.dischargers}")  # fmt: skip
    print(f"ratio: {singles * args.dischargers / fleet:.1f}x")


if __name__ == "__main__":
    main()
