"""Reading one standard file: every problem collected at file:line, then one failure.

The format is documented in ``standards/README.md``; this module is its validator. A file the
tool would trip over later (a row with an unknown parameter, a grade table without the rule
that chooses a grade) is refused here, with the line, never at assessment time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import Location, Problem
from ..load.units import is_known_unit
from ..load.yamlio import LocDict, LocList, load_collecting
from .model import (
    COLUMN_KINDS,
    COMPARISONS,
    CONDITION_KEYS,
    TREATMENT_LEVELS,
    GradeRule,
    Row,
    Standard,
    Table,
    Variant,
    Verification,
)
from .parameters import Catalogue

# The standard whose grade the plant's treatment level selects (GB/T 31962 第4.2条 as the
# Measures' 第四条 names it): its file must carry the rule, or no assessment could choose a grade.
GRADED_BY_TREATMENT_LEVEL = ("GB/T 31962-2015",)

_TOP_KEYS = {"standard", "tables", "grade_selection", "sampling_rule", "verified"}
_META_KEYS = {"code", "title_zh", "title_en", "issued", "effective", "replaces", "columns_kind", "status", "provenance"}
_TABLE_KEYS = {"id", "number", "title_zh", "title_en", "columns", "rows"}
_ROW_KEYS = {"item", "name_zh", "name_en", "parameter", "unit", "comparison", "limits", "basis", "note"}
_ROW_KEYS |= {"variants", "rule_text", "rule", "applies_to", "doubtful", "corroborated"}
_GRADE_KEYS = {"treatment_level", "grade", "text_zh", "text_en", "clause"}


class _Collect:
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


def parse_standard(path: Path, catalogue: Catalogue, problems: list[Problem]) -> Standard | None:
    """One standard file, or None with its problems added to ``problems``."""
    spath = str(path)
    c = _Collect(spath, problems)
    before = len(problems)
    loaded = load_collecting(path, problems)
    if loaded is None:
        return None
    doc = loaded.data
    if not isinstance(doc, LocDict) or not isinstance(doc.get("standard"), LocDict):
        c.add(1, "standard", "expected a 'standard' mapping")
        return None
    c.unknown_keys(doc, _TOP_KEYS, "")
    meta = doc["standard"]
    c.unknown_keys(meta, _META_KEYS, "standard.")
    for key in ("code", "title_zh", "title_en", "columns_kind"):
        if not isinstance(meta.get(key), str) or not meta.get(key):
            c.add(meta.line_of(key), f"standard.{key}", "required text")
    if meta.get("columns_kind") not in COLUMN_KINDS:
        c.add(meta.line_of("columns_kind"), "standard.columns_kind", f"expected one of {', '.join(COLUMN_KINDS)}")
    code = str(meta.get("code", path.stem))
    tables = _tables(c, code, doc, catalogue)
    verified = _verification(c, doc.get("verified"), doc.line_of("verified"))
    status = _status(c, meta, verified)
    grades = _grade_selection(c, code, doc, tables)
    if tables is None or len(problems) > before:
        return None
    extra = {k: v for k, v in doc.items() if k not in ("standard", "tables", "verified", "grade_selection")}
    extra["meta"] = dict(meta)
    return Standard(
        code,
        str(meta.get("title_zh", "")),
        str(meta.get("title_en", "")),
        str(meta.get("columns_kind", "")),
        tuple(tables),
        spath,
        extra,
        status=status,
        verified=verified,
        sha256=loaded.sha256,
        grade_selection=grades,
    )


def _status(c: _Collect, meta: LocDict, verified: Verification | None) -> str:
    declared = meta.get("status")
    if declared not in (None, "provisional"):
        c.add(
            meta.line_of("status"),
            "standard.status",
            "write 'provisional' or leave it out (the status is "
            "'verified' once the file has a verified: block, else 'encoded')",
        )
    if verified is not None:
        return "verified"
    return "provisional" if declared == "provisional" else "encoded"


def _verification(c: _Collect, raw: Any, line: int) -> Verification | None:
    """``verified: {by, on, against}``: who checked the file against the official text."""
    if raw is None:
        return None
    if not isinstance(raw, LocDict):
        c.add(line, "verified", "expected a mapping {by: 姓名/岗位, on: DATE, against: which copy}")
        return None
    c.unknown_keys(raw, {"by", "on", "against"}, "verified.")
    ok = True
    for key in ("by", "against"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            c.add(raw.line_of(key), f"verified.{key}", "required text")
            ok = False
    on = raw.get("on")
    if isinstance(on, str):
        try:
            on = dt.date.fromisoformat(on)
        except ValueError:
            on = None
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        c.add(raw.line_of("on"), "verified.on", "required: the date of the check, YYYY-MM-DD")
        return None
    if on > dt.date.today():
        c.add(raw.line_of("on"), "verified.on", f"{on.isoformat()} is in the future")
        return None
    if not ok:
        return None
    return Verification(str(raw["by"]).strip(), on, str(raw["against"]).strip())


def _grade_selection(c: _Collect, code: str, doc: LocDict, tables: list[Table] | None) -> tuple[GradeRule, ...]:
    raw = doc.get("grade_selection")
    line = doc.line_of("grade_selection")
    if raw is None:
        if code in GRADED_BY_TREATMENT_LEVEL:
            levels = ", ".join(TREATMENT_LEVELS)
            c.add(
                doc.line,
                "grade_selection",
                f"{code} needs its grade rule: one entry per treatment level "
                f"({levels}) naming a grade column; without it no plant's grade can be chosen",
            )
        return ()
    if not isinstance(raw, LocList) or not raw:
        c.add(line, "grade_selection", "expected a list of {treatment_level, grade, text_zh}")
        return ()
    columns = {col for t in tables or () for col in t.columns}
    rules: list[GradeRule] = []
    seen: dict[str, int] = {}
    for i, e in enumerate(raw):
        eline = raw.line_of(i)
        where = f"grade_selection[{i}]"
        if not isinstance(e, LocDict):
            c.add(eline, where, "expected a mapping {treatment_level, grade, text_zh}")
            continue
        c.unknown_keys(e, _GRADE_KEYS, f"{where}.")
        level, grade = e.get("treatment_level"), e.get("grade")
        if level not in TREATMENT_LEVELS:
            c.add(
                e.line_of("treatment_level"),
                f"{where}.treatment_level",
                f"{level!r} is not one of {', '.join(TREATMENT_LEVELS)}",
            )
            continue
        if level in seen:
            c.add(eline, f"{where}.treatment_level", f"{level} repeated (first at line {seen[level]})")
            continue
        seen[level] = eline
        if tables is not None and str(grade) not in columns:
            c.add(
                e.line_of("grade"),
                f"{where}.grade",
                f"no column {grade!r} in the tables ({', '.join(sorted(columns))})",
            )
            continue
        rules.append(GradeRule(str(level), str(grade), str(e.get("text_zh") or ""), str(e.get("text_en") or "")))
    for level in TREATMENT_LEVELS:
        if level not in seen:
            c.add(line, "grade_selection", f"no entry for treatment level {level!r}")
    if tables is not None:
        named = {r.grade for r in rules}
        for col in sorted(columns - named):
            c.add(line, "grade_selection", f"grade column {col!r} is named by no treatment level")
    return tuple(rules)


def _tables(c: _Collect, code: str, doc: LocDict, catalogue: Catalogue) -> list[Table] | None:
    tables_raw = doc.get("tables")
    if not isinstance(tables_raw, LocList) or not tables_raw:
        c.add(doc.line_of("tables"), "tables", "expected a list of tables")
        return None
    tables: list[Table] = []
    ids: dict[str, int] = {}
    for ti, t in enumerate(tables_raw):
        tline = tables_raw.line_of(ti)
        if not isinstance(t, LocDict):
            c.add(tline, f"tables[{ti}]", "expected a mapping")
            continue
        c.unknown_keys(t, _TABLE_KEYS, f"tables[{ti}].")
        tid = t.get("id")
        if not isinstance(tid, str) or not tid:
            c.add(tline, f"tables[{ti}].id", "required text")
        elif tid in ids:
            c.add(tline, f"tables[{ti}].id", f"table id {tid!r} repeated (first at line {ids[tid]})")
        else:
            ids[tid] = tline
        raw_columns = t.get("columns")
        columns = tuple(str(col) for col in raw_columns) if isinstance(raw_columns, list) else ()
        if not columns:
            c.add(t.line_of("columns"), f"tables[{ti}].columns", "expected a list of column names")
        rows_raw = t.get("rows")
        if not isinstance(rows_raw, LocList):
            c.add(t.line_of("rows"), f"tables[{ti}].rows", "expected a list")
            continue
        number = str(t.get("number", ""))
        rows: list[Row] = []
        items_seen: dict[str, int] = {}
        for ri, r in enumerate(rows_raw):
            line = rows_raw.line_of(ri)
            item = str(r.get("item")) if isinstance(r, dict) else ""
            if item and item in items_seen:
                c.add(line, "item", f"item {item} repeated (first at line {items_seen[item]})")
            items_seen.setdefault(item, line)
            row = _row(c, code, str(tid), number, columns, r, line, catalogue)
            if row is not None:
                rows.append(row)
        tables.append(
            Table(str(tid), number, str(t.get("title_zh", "")), str(t.get("title_en", "")), columns, tuple(rows))
        )
    return tables


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and x == x and x not in (float("inf"), float("-inf"))


def _check_limit(c: _Collect, line: int, fieldname: str, comparison: str, value: Any) -> None:
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


def _row(
    c: _Collect,
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
    if comparison == "rule":
        if not r.get("rule_text"):
            c.add(line, "rule_text", "a rule row needs its printed text")
        limits = limits or {}
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
    )


def _variants(c: _Collect, r: LocDict, line: int, comparison: str) -> tuple[Variant, ...]:
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
