"""How long the PDF of a typical report takes: the example's assessment report (第五条第一项).

Run on demand (not part of the tests):  python benchmarks/bench_reports.py [--runs 10]

Renders the frozen example result of the report tests (tests/reports/fixtures). Prints the first
render in a fresh process (WeasyPrint's import and fontconfig's start included), the median of
warm renders, and the whole ``wasteval assess --report`` command.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.reports.cases import CASES, load_case  # noqa: E402
from wastewater_eval.reports import make_environment, plan_documents, render_html  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    a = load_case(CASES[0])
    plan = next(p for p in plan_documents(a, "zh") if p.kind == "report")
    html = render_html(make_environment(), plan)

    t = time.perf_counter()
    from wastewater_eval.reports.pdf import render_pdf

    pdf = render_pdf(html, plan.stem)
    first = time.perf_counter() - t
    runs = []
    for _ in range(args.runs):
        t = time.perf_counter()
        render_pdf(html, plan.stem)
        runs.append(time.perf_counter() - t)
    print(
        f"report PDF ({len(pdf.data) // 1024} KiB): first render {first:.2f} s (import included), "
        f"then median {statistics.median(runs):.2f} s, max {max(runs):.2f} s over {args.runs} runs"
    )

    wasteval = str(Path(sys.executable).parent / "wasteval")
    times = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as out:
            cmd = [
                wasteval,
                "assess",
                str(ROOT / "examples" / "discharger.example.yaml"),
                "--as-of",
                "2024-06-01",
                "--report",
                out,
            ]
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t)
    print(f"wasteval assess --report (3 documents, HTML and PDF): median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
