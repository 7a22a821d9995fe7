"""Reading a standard file's ``binds:`` block: every problem at file:line, never a crash later.

The format is documented in ``standards/README.md`` ("Where a standard binds").
"""

from __future__ import annotations

from typing import Any, Protocol

from ..load.yamlio import LocDict, LocList
from ..vocabulary import vocabulary
from .binding import ATTRIBUTES, OPERATORS, ROUTES, Binding, Condition, Selection, Supersession, parse_date
from .model import Table

_BINDS_KEYS = {
    "route",
    "industries",
    "clause",
    "text_zh",
    "text_en",
    "points",
    "negotiable",
    "when",
    "new_project",
    "supersedes",
    "select",
    "notes",
}
_SELECT_KEYS = {"table", "column", "column_by", "items", "when", "clause", "text_zh", "text_en"}
_SUPERSEDES_KEYS = {"code", "clause", "text_zh"}
COLUMN_BY = ("treatment_level",)


class Collector(Protocol):
    def add(self, line: int, fieldname: str, message: str) -> None: ...

    def unknown_keys(self, m: LocDict, known: set[str], prefix: str) -> None: ...


def point_codes() -> frozenset[str]:
    """The sampling points a row may bind at: the vocabulary's ``point`` values."""
    return vocabulary().closed("point")


def read_points(c: Collector, raw: Any, line: int, where: str) -> tuple[str, ...]:
    values = raw if isinstance(raw, list) else [raw]
    out = []
    for v in values:
        if str(v) not in point_codes():
            c.add(line, where, f"{v!r} is not a sampling point ({', '.join(sorted(point_codes()))})")
        else:
            out.append(str(v))
    return tuple(out)


def _value(c: Collector, kind: str, op: str, raw: Any, line: int, where: str) -> Any:
    if op == "in":
        if not isinstance(raw, list) or not raw:
            c.add(line, where, "'in' needs a list of values")
            return ()
        return tuple(str(x) for x in raw)
    if kind == "date":
        d = parse_date(raw)
        if d is None:
            c.add(line, where, f"{raw!r} is not a date (YYYY-MM-DD)")
        return d
    if kind == "number":
        if not isinstance(raw, int | float) or isinstance(raw, bool):
            c.add(line, where, f"{raw!r} is not a number")
        return raw
    if kind == "bool":
        if not isinstance(raw, bool):
            c.add(line, where, f"{raw!r} is not true or false")
        return raw
    return str(raw)


def read_condition(c: Collector, raw: Any, line: int, where: str) -> Condition | None:
    """``{attribute: {operator: value}, …, any: [condition, …]}``."""
    if raw is None:
        return None
    if not isinstance(raw, LocDict) or not raw:
        c.add(line, where, "expected a mapping {attribute: {operator: value}}")
        return None
    tests: list[tuple[str, str, Any]] = []
    branches: list[Condition] = []
    for name, test in raw.items():
        tline = raw.line_of(name)
        if name == "any":
            if not isinstance(test, LocList) or len(test) < 2:
                c.add(tline, f"{where}.any", "expected a list of at least two conditions")
                continue
            for i, branch in enumerate(test):
                cond = read_condition(c, branch, test.line_of(i), f"{where}.any[{i}]")
                if cond is not None:
                    branches.append(cond)
            continue
        kind = ATTRIBUTES.get(str(name))
        if kind is None:
            c.add(tline, f"{where}.{name}", f"unknown attribute; expected one of {', '.join(ATTRIBUTES)}, any")
            continue
        if not isinstance(test, LocDict) or len(test) != 1:
            c.add(tline, f"{where}.{name}", "expected one {operator: value}")
            continue
        op, value = next(iter(test.items()))
        if op not in OPERATORS or kind not in OPERATORS[op]:
            usable = [o for o, kinds in OPERATORS.items() if kind in kinds]
            c.add(tline, f"{where}.{name}", f"{op!r} does not apply to a {kind}; use {', '.join(usable)}")
            continue
        tests.append((str(name), str(op), _value(c, kind, str(op), value, tline, f"{where}.{name}.{op}")))
    return Condition(tuple(tests), tuple(branches))


def _texts(raw: LocDict, key: str) -> str:
    return str(raw.get(key) or "").strip()


def _selection(
    c: Collector, raw: Any, line: int, where: str, tables: dict[str, Table], graded: bool
) -> Selection | None:
    if not isinstance(raw, LocDict):
        c.add(line, where, "expected a mapping {table, column, when, clause}")
        return None
    c.unknown_keys(raw, _SELECT_KEYS, f"{where}.")
    tid = str(raw.get("table", ""))
    table = tables.get(tid)
    if table is None:
        c.add(raw.line_of("table"), f"{where}.table", f"no table {tid!r} ({', '.join(tables)})")
        return None
    column = raw.get("column")
    column_by = raw.get("column_by")
    if (column is None) == (column_by is None):
        c.add(line, where, "give either column or column_by")
        return None
    if column_by is not None and column_by not in COLUMN_BY:
        c.add(raw.line_of("column_by"), f"{where}.column_by", f"expected one of {', '.join(COLUMN_BY)}")
        return None
    if column_by is not None and not graded:
        c.add(raw.line_of("column_by"), f"{where}.column_by", "needs the file's grade_selection")
    if column is not None and str(column) not in (*table.columns, *table.not_encoded):
        c.add(raw.line_of("column"), f"{where}.column", f"no column {column!r} in {tid} ({', '.join(table.columns)})")
        return None
    items = tuple(str(i) for i in raw.get("items") or ())
    known = {r.item for r in table.rows}
    for item in items:
        if item not in known:
            c.add(raw.line_of("items"), f"{where}.items", f"no item {item} in {tid}")
    return Selection(
        tid,
        None if column is None else str(column),
        None if column_by is None else str(column_by),
        items,
        read_condition(c, raw.get("when"), raw.line_of("when"), f"{where}.when"),
        _texts(raw, "clause"),
        _texts(raw, "text_zh"),
        _texts(raw, "text_en"),
        line,
    )


def read_binding(c: Collector, raw: Any, line: int, tables: list[Table], graded: bool) -> Binding | None:
    """The ``binds:`` block, or None (with its problems added)."""
    if raw is None:
        return None
    if not isinstance(raw, LocDict):
        c.add(line, "binds", "expected a mapping {route, industries, points, select, …}")
        return None
    c.unknown_keys(raw, _BINDS_KEYS, "binds.")
    route = str(raw.get("route", ""))
    if route not in ROUTES:
        c.add(raw.line_of("route"), "binds.route", f"expected one of {', '.join(ROUTES)}")
    industries = raw.get("industries") or []
    if not isinstance(industries, list):
        c.add(raw.line_of("industries"), "binds.industries", "expected a list of profile ids")
        industries = []
    points = read_points(c, raw.get("points", "final_outlet"), raw.line_of("points"), "binds.points")
    negotiable = raw.get("negotiable", False)
    if not isinstance(negotiable, bool):
        c.add(raw.line_of("negotiable"), "binds.negotiable", "expected true or false")
    by_id = {t.id: t for t in tables}
    select_raw = raw.get("select")
    selections: list[Selection] = []
    if not isinstance(select_raw, LocList) or not select_raw:
        c.add(raw.line_of("select"), "binds.select", "expected a list of {table, column, when}")
    else:
        for i, s in enumerate(select_raw):
            sel = _selection(c, s, select_raw.line_of(i), f"binds.select[{i}]", by_id, graded)
            if sel is not None:
                selections.append(sel)
    supersedes: list[Supersession] = []
    for i, s in enumerate(raw.get("supersedes") or []):
        if not isinstance(s, LocDict) or not s.get("code"):
            c.add(raw.line_of("supersedes"), f"binds.supersedes[{i}]", "expected {code, clause, text_zh}")
            continue
        c.unknown_keys(s, _SUPERSEDES_KEYS, f"binds.supersedes[{i}].")
        supersedes.append(Supersession(str(s["code"]), _texts(s, "clause"), _texts(s, "text_zh")))
    return Binding(
        route,
        tuple(str(x) for x in industries),
        points,
        bool(negotiable),
        read_condition(c, raw.get("when"), raw.line_of("when"), "binds.when"),
        tuple(supersedes),
        tuple(selections),
        _texts(raw, "clause"),
        _texts(raw, "text_zh"),
        _texts(raw, "text_en"),
        read_condition(c, raw.get("new_project"), raw.line_of("new_project"), "binds.new_project"),
        tuple(str(n) for n in raw.get("notes") or ()),
    )
