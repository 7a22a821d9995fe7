"""Reading one standard file: every problem collected at file:line, then one failure.

The format is documented in ``standards/README.md``; this module is its validator. A file the
tool would trip over later (a row with an unknown parameter, a grade table without the rule
that chooses a grade) is refused here, with the line, never at assessment time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..load.yamlio import LocDict, LocList, load_collecting
from .binding_reader import read_binding
from .model import (
    COLUMN_KINDS,
    TREATMENT_LEVELS,
    GradeRule,
    Row,
    Standard,
    Table,
    Verification,
)
from .parameters import Catalogue
from .rows import Collect, check_derived, read_row

_TOP_KEYS = {"standard", "tables", "grade_selection", "sampling_rule", "verified", "binds", "negotiated_items"}
_TOP_KEYS |= {"bed_load_limits"}
_META_KEYS = {"code", "title_zh", "title_en", "issued", "effective", "replaces", "columns_kind", "status", "provenance"}
_META_KEYS |= {"amendments", "source"}
_TABLE_KEYS = {"id", "number", "title_zh", "title_en", "columns", "rows", "not_encoded", "note"}
_GRADE_KEYS = {"treatment_level", "grade", "text_zh", "text_en", "clause"}


def parse_standard(path: Path, catalogue: Catalogue, problems: list[Problem]) -> Standard | None:
    """One standard file, or None with its problems added to ``problems``."""
    spath = str(path)
    c = Collect(spath, problems)
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
    graded = _graded(doc.get("binds"))
    grades = _grade_selection(c, code, doc, tables, graded)
    binding = read_binding(c, doc.get("binds"), doc.line_of("binds"), tables or [], bool(grades))
    if tables is not None:
        check_derived(c, tables)
    if tables is None or len(problems) > before:
        return None
    extra = {k: v for k, v in doc.items() if k not in ("standard", "tables", "verified", "grade_selection", "binds")}
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
        binding=binding,
    )


def _graded(binds: Any) -> bool:
    """Whether the file's binding takes a column from the plant's treatment level (its grade rule)."""
    select = binds.get("select") if isinstance(binds, dict) else None
    return any(isinstance(s, dict) and s.get("column_by") == "treatment_level" for s in select or ())


def _status(c: Collect, meta: LocDict, verified: Verification | None) -> str:
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


def _verification(c: Collect, raw: Any, line: int) -> Verification | None:
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


def _grade_selection(
    c: Collect, code: str, doc: LocDict, tables: list[Table] | None, graded: bool
) -> tuple[GradeRule, ...]:
    raw = doc.get("grade_selection")
    line = doc.line_of("grade_selection")
    if raw is None:
        if graded:
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


def _tables(c: Collect, code: str, doc: LocDict, catalogue: Catalogue) -> list[Table] | None:
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
            row = read_row(c, code, str(tid), number, columns, r, line, catalogue)
            if row is not None:
                rows.append(row)
        not_encoded = tuple(str(x) for x in t.get("not_encoded") or ())
        tables.append(
            Table(
                str(tid),
                number,
                str(t.get("title_zh", "")),
                str(t.get("title_en", "")),
                columns,
                tuple(rows),
                not_encoded,
            )
        )
    return tables
