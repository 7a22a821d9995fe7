"""A hand count of the 第八条 statistics for a sequence of samples against a limit of 1 (mg/L):
the reference the property tests and the fuzz generators (benchmarks/fuzz_tracking.py) compare with."""

from __future__ import annotations


def hand_count(values: list[str]) -> tuple[int, int, int]:
    """(exceedances, inconclusive, run of exceedances ending at the last observation), limit 1.

    ``<x``: a non-detect at x (inconclusive if x is over the limit); ``>x``: more than x; ``>=x``/``≥x``:
    at least x; 未检出 with no limit is no observation."""
    verdicts = []
    for v in values:
        if v == "未检出":
            continue
        if v.startswith("<"):
            verdicts.append("inc" if float(v[1:]) > 1 else "ok")
        elif v.startswith((">=", "≥")):
            verdicts.append("ex" if float(v.lstrip(">=≥")) > 1 else "inc")
        elif v.startswith(">"):
            verdicts.append("ex" if float(v[1:]) >= 1 else "inc")
        else:
            verdicts.append("ex" if float(v) > 1 else "ok")
    run = 0
    for v in reversed(verdicts):
        if v != "ex":
            break
        run += 1
    return verdicts.count("ex"), verdicts.count("inc"), run
