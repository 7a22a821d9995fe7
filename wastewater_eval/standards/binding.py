"""When a standard binds a discharger into a municipal sewer, written in the standard's own file.

A standard file's ``binds:`` block says, as data, what its applicability clauses say: the
discharge route, the industries (profile ids) it covers, the monitoring points of its rows, the
standards it replaces for those it binds, the date it binds new and existing projects, and which
tables and columns apply, chosen by the discharger's attributes (the date its EIA was approved, the
plant's treatment level, its sub-sector, a hospital's beds …). One resolver
(:mod:`.resolve`) reads these blocks; no standard code is named in Python.

Conditions are three-valued: an attribute the discharger file does not give leaves a condition
undecided, and an undecided selection binds too — the stricter column applies — while the
resolver names the attribute that would decide it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The discharger's attributes a standard's applicability clause may name, with their kind.
# `as_of` is the assessment date, `treatment_level` the receiving plant's; the others are
# discharger-file fields (docs/discharger-format.md).
ATTRIBUTES: dict[str, str] = {
    "as_of": "date",
    "eia_approved": "date",
    "treatment_level": "text",
    "sub_sector": "text",
    "beds": "number",
    "infectious_disease": "bool",
    "county_level": "bool",
    "chlorine_disinfection": "bool",
}
OPERATORS: dict[str, tuple[str, ...]] = {  # operator → the attribute kinds it takes
    "is": ("bool", "text"),
    "is_not": ("text",),
    "in": ("text",),
    "before": ("date",),
    "on_or_after": ("date",),
    "at_least": ("number",),
    "below": ("number",),
}
ROUTES = ("indirect",)  # into a municipal sewer (城镇排水系统 / 公共污水处理系统): the route the Measures assess


def _test(op: str, have: Any, want: Any) -> bool:
    if op == "is":
        return bool(have == want)
    if op == "is_not":
        return bool(have != want)
    if op == "in":
        return have in want
    if op == "before":
        return bool(have < want)
    if op == "on_or_after":
        return bool(have >= want)
    if op == "at_least":
        return bool(have >= want)
    return bool(have < want)  # below


@dataclass(frozen=True)
class Condition:
    """Every test holds (attribute, operator, value), and so does at least one of each ``any`` branch."""

    tests: tuple[tuple[str, str, Any], ...] = ()
    any_of: tuple[Condition, ...] = ()

    def holds(self, attrs: Mapping[str, Any]) -> bool | None:
        """True, False, or None when an attribute it needs is not given (Kleene logic)."""
        result: bool | None = True
        for name, op, value in self.tests:
            if attrs.get(name) is None:
                result = None
                continue
            if not _test(op, attrs[name], value):
                return False
        if self.any_of:
            branches = [c.holds(attrs) for c in self.any_of]
            if all(b is False for b in branches):
                return False
            if not any(b is True for b in branches):
                result = None
        return result

    def undecided(self, attrs: Mapping[str, Any]) -> set[str]:
        """The attributes whose absence leaves this condition undecided."""
        if self.holds(attrs) is not None:
            return set()
        out = {name for name, _, _ in self.tests if attrs.get(name) is None}
        for c in self.any_of:
            out |= c.undecided(attrs)
        return out

    def attributes(self) -> set[str]:
        return {n for n, _, _ in self.tests} | {a for c in self.any_of for a in c.attributes()}


@dataclass(frozen=True)
class Selection:
    """One table and column that binds when ``when`` holds (always, without ``when``).

    ``column_by: treatment_level`` takes the column from the standard's ``grade_selection``
    (GB/T 31962: the plant at the end of the sewer chooses the grade). ``items`` limits the
    selection to some rows (DB 44/1597-2015 4.2.7 binds only the class-1 rows of 表1/表2)."""

    table: str
    column: str | None
    column_by: str | None
    items: tuple[str, ...]
    when: Condition | None
    clause: str
    text_zh: str
    text_en: str
    line: int = 0


@dataclass(frozen=True)
class Supersession:
    """A standard this one replaces for the dischargers it binds (e.g. GB 21900-2008 前言: platers
    no longer apply GB 8978-1996)."""

    code: str
    clause: str
    text_zh: str


@dataclass(frozen=True)
class Binding:
    """Where, for whom and from when a standard binds discharge into a municipal sewer."""

    route: str
    industries: tuple[str, ...]  # profile ids; () binds every discharger
    points: tuple[str, ...]  # where its rows bind, unless a row names its own point
    negotiable: bool  # 第六条: an agreement may set a biodegradable indicator in its place
    when: Condition | None
    supersedes: tuple[Supersession, ...]
    select: tuple[Selection, ...]
    clause: str
    text_zh: str
    text_en: str
    new_project: Condition | None = None  # what makes a discharger a new project under this standard
    notes: tuple[str, ...] = field(default_factory=tuple)

    def covers(self, industry: str | None) -> bool:
        return not self.industries or industry in self.industries


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
