"""Fuzz generators for the tracking side (issue 16), run by benchmarks/fuzz.py as one more kind.

Each input is one of:
* same-day samples — equal values and values interleaved in time, non-detects, "at least" values —
  imported from a lab table and evaluated: the statistics must equal a hand count (a false
  exceedance or a false pass is a failure);
* a table with two columns for one parameter (``总镍(mg/L)`` and ``总镍(μg/L)``, or a header twice):
  must be refused naming both columns;
* an HJ 212 packet with a value that overflows a double: must be rejected, never stored as infinity.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path
from typing import Any

from tests.tracking.hand import hand_count  # the reference count, shared with the property tests
from wastewater_eval.errors import InputError
from wastewater_eval.inputs.discharger import parse_discharger
from wastewater_eval.standards.profiles import bundled_knowledge
from wastewater_eval.tracking import build_packet, import_files, open_store
from wastewater_eval.tracking.evaluate import TrackingParams, tracking_statistics

DISCHARGER = """\
schema: wasteval/discharger/v1
discharger: {id: FUZZ-1, name: 模糊测试, district: 黄埔区, industry: other, status: existing}
receiving:
  plant: {name: 示例净水厂, treatment_level: secondary}
samples:
  - {id: s, taken: 2024-04-01T09:00, values: {总镍: 0.3 mg/L}}
"""
VALUES = ["0.4", "1", "1.5", "<0.5", "<5", ">1", ">0.5", ">=1", "≥2", "1.0000001", "0.9999999"]


def fuzz_same_day(rng: random.Random, lib: Any, tmp: Path, counts: Counter[str]) -> None:
    values = [rng.choice(VALUES) for _ in range(rng.randint(1, 10))]
    times = sorted(rng.choice(["08:00", "08:00", "09:30", "13:00", "17:45"]) for _ in values)  # equal times too
    days = sorted(rng.randint(1, 3) for _ in values)
    lines = ["排水户编号,采样时间,总镍(mg/L)"]
    lines += [f"FUZZ-1,2024-05-0{d} {t},{v}" for d, t, v in zip(days, times, values, strict=True)]
    folder = tmp / f"s{rng.randrange(10**9)}"
    folder.mkdir()
    (folder / "lab.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = folder / "s.sqlite"
    import_files(store, [folder / "lab.csv"], lib.catalogue)
    d = parse_discharger(DISCHARGER, str(folder / "d.yaml"), lib.catalogue)
    with open_store(store) as s:
        facts = tracking_statistics(
            s, [d], lib, dt.date(2024, 5, 31), TrackingParams(), bundled_knowledge(lib.catalogue)
        )
    (f,) = [f for f in facts.facts["FUZZ-1"] if f["parameter"] == "total_nickel" and f["point"] == "final_outlet"]
    got = (f["n_exceed"], f["n_inconclusive"], f["streak_days"])
    want = hand_count(values)
    assert got == want, f"{values}: statistics {got}, by hand {want}"
    counts["tracking: same-day statistics as by hand"] += 1


def fuzz_duplicate_columns(rng: random.Random, lib: Any, tmp: Path, counts: Counter[str]) -> None:
    first, second = rng.choice(
        [("总镍(mg/L)", "总镍(μg/L)"), ("COD(mg/L)", "COD(mg/L)"), ("氨氮(mg/L)", "NH3-N(mg/L)")]
    )
    path = tmp / f"d{rng.randrange(10**9)}.csv"
    path.write_text(f"排水户,时间,{first},{second}\nD1,2024-06-01,1,2\n", encoding="utf-8")
    try:
        import_files(tmp / "dup.sqlite", [path], lib.catalogue)
    except InputError as exc:
        message = " ".join(p.message for p in exc.problems)
        assert "column 3" in message and "column 4" in message, message
        counts["tracking: duplicate columns refused"] += 1
        return
    raise AssertionError(f"two columns for one parameter were accepted: {first}, {second}")


def fuzz_overflow(rng: random.Random, lib: Any, tmp: Path, counts: Counter[str]) -> None:
    huge = "9" * rng.randint(309, 3000) + rng.choice(["", ".5"])
    path = tmp / f"o{rng.randrange(10**9)}.log"
    path.write_text(
        build_packet(f"ST=32;CN=2061;PW=1;MN=MNF;Flag=5;CP=&&DataTime=20250601100000;w01018-Avg={huge}&&"),
        newline="",
    )
    report = import_files(tmp / f"o{rng.randrange(10**9)}.sqlite", [path], lib.catalogue)
    assert report.accepted == 0 and report.rejected == {"bad_value": 1}, report.to_dict()
    counts["tracking: overflow rejected"] += 1


def fuzz_tracking(rng: random.Random, lib: Any, tmp: Path, counts: Counter[str]) -> None:
    """One input of a kind chosen at random."""
    rng.choice([fuzz_same_day, fuzz_duplicate_columns, fuzz_overflow])(rng, lib, tmp, counts)
