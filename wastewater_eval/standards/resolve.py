"""Every limit that binds a discharger at a sampling point, and the strictest of them.

One resolver for existing assessments, prospective opinions and tracking alike. It reads each
standard's ``binds:`` block (:mod:`.binding`): which standards bind this discharger (route,
industry, dates, the standards they replace), which of their tables and columns (chosen by the
discharger's attributes), and at which point each row binds. Where an attribute that decides is
missing, the undecided selections bind too — so the stricter column applies — and the resolver
says which attribute would have decided (:attr:`Applied.undecided`).

The strictest of several limits: 不得检出 beats any number; of maxima the lowest, of minima the
highest, of ranges their intersection. A limit a standard sets but this project has not encoded
(``pending``) is carried beside it, so a value that meets the known limits stays inconclusive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..load.units import as_number, convert
from .binding import Selection
from .library import StandardsLibrary
from .model import LimitValue, Row, Standard, item_label


@dataclass(frozen=True)
class Subject:
    """The discharger as the standards' applicability clauses see it.

    ``attributes`` holds what the file gives (eia_approved, sub_sector, beds, infectious_disease,
    county_level, chlorine_disinfection) with ``as_of`` and the plant's ``treatment_level``; an
    attribute not given is absent, never guessed — except that a prospective discharger is a new
    project (its EIA is approved on or after the assessment date)."""

    industry: str | None
    given: tuple[tuple[str, Any], ...]  # the attributes, as sorted (name, value) pairs (hashable)

    @property
    def attributes(self) -> dict[str, Any]:
        return dict(self.given)

    @classmethod
    def of(
        cls,
        industry: str | None,
        as_of: dt.date,
        treatment_level: str | None,
        attributes: Mapping[str, Any] | None = None,
        prospective: bool = False,
    ) -> Subject:
        attrs: dict[str, Any] = {k: v for k, v in (attributes or {}).items() if v is not None}
        attrs["as_of"] = as_of
        if treatment_level is not None:
            attrs["treatment_level"] = treatment_level
        if prospective and "eia_approved" not in attrs:
            attrs["eia_approved"] = as_of
        return cls(industry, tuple(sorted(attrs.items())))


@dataclass(frozen=True)
class Bound:
    """One limit that binds: the standard's row in the chosen column, where it binds, and whether a
    第六条 agreement may set it instead."""

    limit: LimitValue
    points: tuple[str, ...]
    negotiable: bool
    standard: Standard
    selection: Selection

    @property
    def pending(self) -> bool:
        return bool(self.limit.pending)


@dataclass(frozen=True)
class Applied:
    """A standard that binds the subject: the selections that apply, and the attributes whose
    absence left some of them (or the standard itself) undecided."""

    standard: Standard
    selections: tuple[tuple[Selection, str], ...]  # (selection, column)
    undecided: tuple[str, ...]
    open_selections: tuple[Selection, ...] = ()  # those that bind only because an attribute is missing


@dataclass(frozen=True)
class Superseded:
    code: str
    by: str
    clause: str
    text_zh: str


@dataclass(frozen=True)
class Resolution:
    """Every limit that binds a parameter at a point."""

    parameter: str
    point: str
    bound: tuple[Bound, ...]

    @property
    def known(self) -> tuple[Bound, ...]:
        return tuple(b for b in self.bound if not b.pending)

    @property
    def pending(self) -> tuple[Bound, ...]:
        return tuple(b for b in self.bound if b.pending)

    def unit(self, default: str) -> str:
        known = self.known
        return known[0].limit.unit if known else default

    def strictest(self) -> Bound | None:
        """The limit that decides: 不得检出, else the lowest maximum, else a range, else the highest minimum."""
        known = self.known
        nd = [b for b in known if b.limit.comparison == "not_detectable"]
        if nd:
            return nd[0]
        maxes = [b for b in known if b.limit.comparison == "max" and b.limit.value is not None]
        if maxes:  # on a tie, the limit an agreement cannot relax is the one that binds
            return min(maxes, key=lambda b: (b.limit.value or Decimal(0), b.negotiable))
        ranges = [b for b in known if b.limit.comparison == "range"]
        if ranges:
            return ranges[0]
        mins = [b for b in known if b.limit.comparison == "min" and b.limit.value is not None]
        return max(mins, key=lambda b: b.limit.value or Decimal(0)) if mins else None

    def fields(self, unit: str) -> dict[str, Any]:
        """The limit to meet as ``std_*`` fact fields, in ``unit``."""
        out: dict[str, Any] = {"std_kind": "none", "std_negotiable": all(b.negotiable for b in self.bound)}
        if self.bound:
            out["std_binding"] = "; ".join(f"{b.limit.source} {b.limit.describe()}" for b in self.bound)
        if self.pending:
            out["std_pending"] = "; ".join(f"{b.limit.source}：{b.limit.pending}" for b in self.pending)
        best = self.strictest()
        if best is None:
            return out

        def conv(d: Decimal | None, lim: LimitValue) -> Decimal | None:
            return None if d is None else convert(d, lim.unit or unit, unit, self.parameter)

        numbers = self.fields_numbers(unit)
        lim = best.limit
        out.update(std_kind=lim.comparison, std_source=lim.source)
        out.update(_said(self.known, unit, self.parameter))
        if lim.comparison == "not_detectable":
            if lim.method:
                out["std_method"] = lim.method
            mdl = conv(lim.detection_limit, lim)
            if mdl is not None:
                out["std_mdl"] = as_number(mdl)
        elif lim.comparison == "range":
            ranges = [b.limit for b in self.known if b.limit.comparison == "range"]
            out.update(
                std_low=numbers["low"],
                std_high=numbers["high"],
                std_source="; ".join(dict.fromkeys(r.source for r in ranges)),
            )
        elif "value" in numbers:
            out["std_limit"] = numbers["value"]
        return out

    def fields_numbers(self, unit: str) -> dict[str, Any]:
        """The strictest limit's numbers in ``unit``: ``value``, or ``low`` and ``high`` of a range."""
        best = self.strictest()
        if best is None:
            return {}

        def conv(d: Decimal | None, lim: LimitValue) -> Decimal | None:
            return None if d is None else convert(d, lim.unit or unit, unit, self.parameter)

        if best.limit.comparison == "range":
            ranges = [b.limit for b in self.known if b.limit.comparison == "range"]
            lows = [conv(r.low, r) or Decimal(0) for r in ranges]
            highs = [conv(r.high, r) or Decimal(0) for r in ranges]
            return {"low": as_number(max(lows)), "high": as_number(min(highs))}
        value = conv(best.limit.value, best.limit)
        return {} if value is None else {"value": as_number(value)}


def _row_points(row: Row, applied: Applied) -> tuple[str, ...]:
    binding = applied.standard.binding
    assert binding is not None
    return row.points or binding.points


@dataclass
class Resolver:
    """The standards that bind one subject, and every limit they set at each point."""

    library: StandardsLibrary
    subject: Subject
    applied: list[Applied] = field(default_factory=list)
    superseded: list[Superseded] = field(default_factory=list)
    _used: dict[str, dict[str, None]] = field(default_factory=dict)
    _rows: dict[str, list[tuple[Applied, Selection, str, Row]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        attrs = self.subject.attributes
        candidates: list[tuple[Standard, bool | None]] = []
        for s in self.library:
            b = s.binding
            if b is None or not b.covers(self.subject.industry):
                continue
            holds = True if b.when is None else b.when.holds(attrs)
            if holds is not False:
                candidates.append((s, holds))
        gone: dict[str, Superseded] = {}
        for s, holds in candidates:
            assert s.binding is not None
            if holds is True:
                for sup in s.binding.supersedes:
                    gone.setdefault(sup.code, Superseded(sup.code, s.code, sup.clause, sup.text_zh))
        self.superseded = list(gone.values())
        graded_first = sorted(
            (c for c in candidates if c[0].code not in gone),
            key=lambda c: not any(sel.column_by for sel in c[0].binding.select) if c[0].binding else True,
        )
        for s, holds in graded_first:
            applied = self._apply(s, holds)
            if applied.selections or applied.undecided:
                self.applied.append(applied)
        for a in self.applied:
            for sel, column in a.selections:
                for row in a.standard.table(sel.table).rows:
                    if not sel.items or row.item in sel.items:
                        self._rows.setdefault(row.parameter, []).append((a, sel, column, row))

    def _apply(self, s: Standard, holds: bool | None) -> Applied:
        b = s.binding
        assert b is not None
        attrs = self.subject.attributes
        undecided: set[str] = set()
        if holds is None and b.when is not None:
            undecided |= b.when.undecided(attrs)
        chosen: list[tuple[Selection, str]] = []
        open_: list[Selection] = []
        for sel in b.select:
            ok = True if sel.when is None else sel.when.holds(attrs)
            if ok is False:
                continue
            if ok is None and sel.when is not None:
                undecided |= sel.when.undecided(attrs)
                open_.append(sel)
            if sel.column_by == "treatment_level":
                level = attrs.get("treatment_level")
                if level is None:
                    undecided.add("treatment_level")
                    open_.append(sel)
                    chosen += [(sel, g.grade) for g in s.grade_selection]
                else:
                    rule = s.grade_for(str(level))
                    if rule is not None:
                        chosen.append((sel, rule.grade))
            elif sel.column is not None:
                chosen.append((sel, sel.column))
        return Applied(s, tuple(dict.fromkeys(chosen)), tuple(sorted(undecided)), tuple(open_))

    def limits(self, parameter: str, point: str) -> Resolution:
        """Every limit that binds ``parameter`` at ``point``."""
        out: list[Bound] = []
        for a, sel, column, row in self._rows.get(parameter, ()):
            points = _row_points(row, a)
            if point not in points:
                continue
            lim = _limit(row, column, a.standard.table(sel.table).not_encoded)
            if lim is not None:
                b = a.standard.binding
                assert b is not None
                out.append(Bound(lim, points, b.negotiable, a.standard, sel))
        return Resolution(parameter, point, _one_per_row(out))

    def points(self, parameter: str) -> dict[str, Resolution]:
        """The points where some limit binds ``parameter``, each with its limits."""
        every = {p for a, _, _, row in self._rows.get(parameter, ()) for p in _row_points(row, a)}
        return {p: self.limits(parameter, p) for p in sorted(every)}

    def use(self, bounds: Iterable[Bound | LimitValue]) -> None:
        """Record limits a fact was judged against (for :meth:`standards_applied`)."""
        for b in bounds:
            lim = b.limit if isinstance(b, Bound) else b
            self._used.setdefault(lim.standard, {})[f"{lim.table} {item_label(lim.item)}"] = None

    def standards_applied(self) -> list[dict[str, Any]]:
        """The standards whose limits were used, with their items, in the order they were applied."""
        out = []
        for code, items in self._used.items():
            s = self.library.find(code)
            if s is None:
                continue
            out.append(
                {
                    "code": s.code,
                    "title_zh": s.title_zh,
                    "title_en": s.title_en,
                    "status": s.status,
                    "items": list(items),
                    "binds": s.binding is not None,  # a discharge standard that binds this discharger
                }
            )
        order = {a.standard.code: i for i, a in enumerate(self.applied)}
        return sorted(out, key=lambda e: order.get(str(e["code"]), len(order)))


def _said(known: tuple[Bound, ...], unit: str, pid: str) -> dict[str, str]:
    """The strictest limit as words (``std_text`` "≤0.1 mg/L", "6.5~9", "不得检出"), for the advice."""
    r = Resolution(pid, "", known)
    best = r.strictest()
    assert best is not None
    lim = best.limit
    if lim.comparison == "not_detectable":
        return {"std_text": "不得检出", "std_text_en": "not detectable"}
    fields = r.fields_numbers(unit)
    u = f" {unit}" if unit else ""
    if lim.comparison == "range":
        text = f"{fields['low']}~{fields['high']}{u}"
        return {"std_text": text, "std_text_en": text}
    sign = "≥" if lim.comparison == "min" else "≤"
    return {"std_text": f"{sign}{fields['value']}{u}", "std_text_en": f"{sign}{fields['value']}{u}"}


def _one_per_row(bounds: list[Bound]) -> tuple[Bound, ...]:
    """One limit per printed row: where an undecided attribute put two columns of a table in force,
    the stricter of the row's two values (the other adds nothing)."""
    rows: dict[tuple[str, str, str], list[Bound]] = {}
    for b in bounds:
        rows.setdefault((b.standard.code, b.limit.table, b.limit.item), []).append(b)
    out = []
    for same in rows.values():
        best = Resolution("", "", tuple(same)).strictest()
        out.append(best if best is not None else same[0])
    return tuple(out)


@lru_cache(maxsize=4096)
def resolver_for(library: StandardsLibrary, subject: Subject) -> Resolver:
    """A resolver per library and subject, built once (a tracking run asks the same for many rows).
    Its record of the standards used is shared: an assessment makes its own :class:`Resolver`."""
    return Resolver(library, subject)


def _limit(row: Row, column: str, not_encoded: tuple[str, ...]) -> LimitValue | None:
    if column in not_encoded:
        source = f"{row.standard} {row.table_number} {item_label(row.item)} {column}"
        where = (row.unit, source, row.standard, row.table_number, row.item, column)
        return LimitValue(row.comparison, None, None, None, *where, pending=f"{column}未录入")
    return row.limit(column)
