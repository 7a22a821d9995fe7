"""Mutations of a discharger file, shared by the hypothesis properties and benchmarks/fuzz.py.

The source of choices is passed in, so the same mutations run under hypothesis (shrinkable) and
under a plain seeded random generator (fast, for long runs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

VALUES = [
    "420 mg/L",
    "<0.5 mg/L",
    "ND",
    "未检出",
    "abc",
    "1,200 mg/L",
    "0,5 mg/L",
    "４２０ｍｇ／Ｌ",
    "3 kg",
    "-1 mg/L",
    "1e400 mg/L",
    "nan",
    "[1, 2]",
    "{a: 1}",
    "&x [*x]",
    "'<script>'",
    "{{ 7*7 }}",
    "../../x",
    "2023-02-30",
    "",
    "~",
    "true",
    "0x10 mg/L",
    "９９ μg/L",
    "＜0.05",
    "20 ℃",
    "50 倍",
]
OPS = ("delete", "duplicate", "garble", "insert", "swap", "value")


def mutate(
    text: str,
    integer: Callable[[int, int], int],
    choice: Callable[[Sequence[Any]], Any],
    junk: Callable[[int], str],
) -> str:
    """Delete, repeat, garble, insert, swap lines, or put an awkward value on one, 1 to 4 times."""
    lines = text.split("\n")
    for _ in range(integer(1, 4)):
        i = integer(0, len(lines) - 1)
        op = choice(OPS)
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "garble" and lines[i]:
            j = integer(0, len(lines[i]) - 1)
            lines[i] = lines[i][:j] + junk(3) + lines[i][j + 1 :]
        elif op == "insert":
            lines.insert(i, junk(20))
        elif op == "swap":
            j = integer(0, len(lines) - 1)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "value" and ":" in lines[i]:
            lines[i] = f"{lines[i].split(':')[0]}: {choice(VALUES)}"
    return "\n".join(lines)
