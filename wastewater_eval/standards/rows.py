"""Reading the rows of a standard's tables: every problem at file:line, collected before failing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errors import Location, Problem
from ..load.units import is_known_unit
from ..load.yamlio import LocDict
from .binding_reader import read_points
from .model import COMPARISONS, CONDITION_KEYS, Derived, Row, Table, Variant
from .parameters import Catalogue

_ROW_KEYS = {"item", "name_zh", "name_en", "parameter", "unit", "comparison", "limits", "basis", "note"}
_ROW_KEYS |= {"variants", "rule_text", "rule", "applies_to", "doubtful", "corroborated"}
_ROW_KEYS |= {"point", "pending", "method", "method_detection_limit", "derived"}


class Collect:
    """The problems of one file, each at a line of it."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def add(self, line: int, fieldname: str, message: str) -> None:
        self.problems.append(Problem(Location(self.path, line, fieldname), message))

    def unknown_keys(self, m: LocDict, known: set[str], prefix: str) -> None:
        for k in m:
            if k not in known:
                self.add(m.line_of(k), f"{prefix}{k}", f"unknown key; expected one of {', '.join(sorted(known))}")


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and x == x and x not in (float("inf"), float("-inf"))


def _check_limit(c: Collect, line: int, fieldname: str, comparison: str, value: Any) -> None:
    if value is None:
        return
    if comparison == "range":
        if not isinstance(value, list) or len(value) != 2 or not all(_is_number(x) for x in value):
            c.add(line, fieldname, "a range needs [low, high] numbers")
        elif value[0] >= value[1]:
            c.add(line, fieldname, f"range {value} is not ordered low < high")
        return
    if not _is_number(value):
        c.add(line, fieldname, f"limit {value!r} is not a number")
    elif value <= 0:
        c.add(line, fieldname, f"limit {value} is not positive")


def read_row(
    c: Collect,
    code: str,
    table_id: str,
    number: str,
    columns: tuple[str, ...],
    r: Any,
    line: int,
    catalogue: Catalogue,
) -> Row | None:
    if not isinstance(r, LocDict):
        c.add(line, "row", "expected a mapping")
        return None
    before = len(c.problems)
    c.unknown_keys(r, _ROW_KEYS, "")
    for key in ("item", "name_zh", "parameter", "comparison"):
        if r.get(key) in (None, ""):
            c.add(line, key, "required")
    comparison = str(r.get("comparison"))
    if comparison not in COMPARISONS:
        c.add(r.line_of("comparison"), "comparison", f"{comparison!r} is not one of {', '.join(COMPARISONS)}")
    pid = str(r.get("parameter"))
    if pid not in catalogue:
        hint = catalogue.suggest(pid)
        c.add(
            r.line_of("parameter"),
            "parameter",
            f"unknown parameter {pid!r}" + (f"; did you mean {', '.join(hint)}?" if hint else ""),
        )
    unit = "" if r.get("unit") is None else str(r.get("unit"))
    if unit and not is_known_unit(unit):
        c.add(r.line_of("unit"), "unit", f"unit {unit!r} cannot be read")
    limits = r.get("limits")
    pending = str(r.get("pending") or "").strip()
    if comparison == "rule":
        if not r.get("rule_text"):
            c.add(line, "rule_text", "a rule row needs its printed text")
        limits = limits or {}
    elif pending:
        if limits is not None:
            c.add(r.line_of("limits"), "limits", "a pending row has no limits (its value is not encoded)")
        limits = {}
    elif not isinstance(limits, LocDict):
        c.add(r.line_of("limits"), "limits", "expected a mapping of column to limit")
        limits = LocDict()
    else:
        for col in limits:
            if col not in columns:
                c.add(limits.line_of(col), f"limits.{col}", f"no column {col!r} in this table ({', '.join(columns)})")
        for col in columns:
            if col not in limits:
                c.add(limits.line, f"limits.{col}", "missing (write null where the table prints —)")
            else:
                _check_limit(c, limits.line_of(col), f"limits.{col}", comparison, limits[col])
    variants = _variants(c, r, line, comparison)
    points = read_points(c, r["point"], r.line_of("point"), "point") if r.get("point") is not None else ()
    mdl = r.get("method_detection_limit")
    if mdl is not None and (not _is_number(mdl) or mdl <= 0):
        c.add(r.line_of("method_detection_limit"), "method_detection_limit", "expected a positive number or null")
    if comparison == "not_detectable" and not pending and not r.get("method"):
        c.add(line, "method", "a 不得检出 row names the method the standard prescribes (its detection limit decides)")
    derived = _derived(c, r)
    if len(c.problems) > before:
        return None
    return Row(
        standard=code,
        table_id=table_id,
        table_number=number,
        item=str(r["item"]),
        name_zh=str(r["name_zh"]),
        name_en=str(r.get("name_en", "")),
        parameter=pid,
        unit=unit,
        comparison=comparison,
        limits=dict(limits),
        basis=r.get("basis"),
        note=str(r.get("note") or ""),
        variants=variants,
        applies_to=dict(r.get("applies_to") or {}),
        rule_text=str(r.get("rule_text") or ""),
        line=line,
        doubtful=str(r.get("doubtful") or ""),
        points=points,
        pending=pending,
        method=str(r.get("method") or ""),
        detection_limit=None if mdl is None else Decimal(str(mdl)),
        derived=derived,
    )


def _derived(c: Collect, r: LocDict) -> Derived | None:
    raw = r.get("derived")
    if raw is None:
        return None
    if not isinstance(raw, LocDict) or not raw.get("table") or raw.get("item") is None:
        c.add(r.line_of("derived"), "derived", "expected {table: 表1, item: 8, multiplier: 2}")
        return None
    c.unknown_keys(raw, {"table", "item", "multiplier"}, "derived.")
    m = raw.get("multiplier")
    if not isinstance(m, int | float) or not _is_number(m) or m <= 0:
        c.add(raw.line_of("multiplier"), "derived.multiplier", "expected a positive number")
        return None
    return Derived(str(raw["table"]), str(raw["item"]), Decimal(str(m)))


def _variants(c: Collect, r: LocDict, line: int, comparison: str) -> tuple[Variant, ...]:
    raw = r.get("variants") or []
    if not isinstance(raw, list):
        c.add(r.line_of("variants"), "variants", "expected a list")
        return ()
    out: list[Variant] = []
    for vi, v in enumerate(raw):
        if not isinstance(v, LocDict) or not isinstance(v.get("when"), dict) or not isinstance(v.get("limits"), dict):
            c.add(line, f"variants[{vi}]", "needs 'when' and 'limits' mappings")
            continue
        for k in v["when"]:
            if k not in CONDITION_KEYS:
                c.add(
                    v.line,
                    f"variants[{vi}].when.{k}",
                    f"unknown condition; expected one of {', '.join(CONDITION_KEYS)}",
                )
        for col, val in v["limits"].items():
            _check_limit(c, v.line, f"variants[{vi}].limits.{col}", comparison, val)
        out.append(Variant(dict(v["when"]), dict(v["limits"]), str(v.get("note") or "")))
    return tuple(out)


def check_derived(c: Collect, tables: list[Table]) -> None:
    """A derived limit equals its base row's value times the multiplier, column by column."""
    by_number = {t.number: t for t in tables}
    for t in tables:
        for r in t.rows:
            if r.derived is None:
                continue
            base_table = by_number.get(r.derived.table_number)
            base = next((b for b in base_table.rows if b.item == r.derived.item), None) if base_table else None
            if base is None:
                c.add(r.line, "derived", f"no row {r.derived.table_number} 第{r.derived.item}项")
                continue
            for col, value in r.limits.items():
                have = base.limits.get(col)
                if value is None or have is None or isinstance(value, list):
                    continue
                if Decimal(str(have)) * r.derived.multiplier != Decimal(str(value)):
                    want = Decimal(str(have)) * r.derived.multiplier
                    c.add(r.line, f"limits.{col}", f"{value} is not {have} × {r.derived.multiplier} = {want}")
