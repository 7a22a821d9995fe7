"""What a standard is once loaded: frozen values that say where every limit came from.

Every limit the tool applies is a :class:`LimitValue` naming its standard, table, item and
column, so a finding can always be traced to the printed table. A :class:`Standard` also says
how far its numbers can be trusted (:attr:`Standard.status`): ``encoded`` (checked against a
published copy, see its file header), ``provisional`` (reconstructed, not yet checked against
the official text) or ``verified`` (an operator checked it against the official text and signed
it in the file's ``verified:`` block).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .binding import Binding

COMPARISONS = ("max", "min", "range", "not_detectable", "rule")
COLUMN_KINDS = ("grade", "class", "single")
CONDITION_KEYS = ("water_body", "water_temperature_le_12", "built_before_2006")
TREATMENT_LEVELS = ("reclamation", "secondary", "primary", "none")
STATUSES = ("encoded", "provisional", "verified")


def item_label(item: str) -> str:
    """An item as a citation writes it: 第27项, or the item's own words (修改单第三条)."""
    return f"第{item}项" if item.isdigit() else item


@dataclass(frozen=True)
class LimitValue:
    """One applicable limit: a maximum, a minimum, an inclusive range, or 'not detectable'."""

    comparison: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    source: str
    standard: str
    table: str
    item: str
    column: str
    method: str = ""  # for 不得检出: the method the standard prescribes
    detection_limit: Decimal | None = None  # for 不得检出: that method's detection limit, where encoded
    pending: str = ""  # the standard sets this limit, but its value is not encoded here (why)

    def describe(self) -> str:
        if self.pending:
            return "（限值未录入）"
        if self.comparison == "range":
            return f"{self.low}~{self.high}"
        if self.comparison == "min":
            return f"≥{self.value}"
        if self.comparison == "not_detectable":
            return "不得检出"
        return f"≤{self.value}"


@dataclass(frozen=True)
class Variant:
    when: Mapping[str, Any]
    limits: Mapping[str, Any]
    note: str = ""


@dataclass(frozen=True)
class Derived:
    """A limit the standard states as a multiple of another row (DB 44/1597-2015 4.2.7: 200 %)."""

    table_number: str
    item: str
    multiplier: Decimal


@dataclass(frozen=True)
class Row:
    """One printed row of a standard's table."""

    standard: str
    table_id: str
    table_number: str
    item: str
    name_zh: str
    name_en: str
    parameter: str
    unit: str
    comparison: str
    limits: Mapping[str, Any]
    basis: str | None = None
    note: str = ""
    variants: tuple[Variant, ...] = ()
    applies_to: Mapping[str, Any] = field(default_factory=dict)
    rule_text: str = ""
    line: int = 0
    doubtful: str = ""  # why this value is among the least sure of a provisional table
    points: tuple[str, ...] = ()  # where this row binds, if not where the standard's rows bind
    pending: str = ""  # the standard sets a limit here whose value is not encoded (why)
    method: str = ""  # 不得检出: the method the standard prescribes
    detection_limit: Decimal | None = None  # 不得检出: that method's detection limit, where it was read
    derived: Derived | None = None

    def applies(self, conditions: Mapping[str, Any]) -> bool:
        return all(conditions.get(k) == v for k, v in self.applies_to.items())

    def limit(self, column: str, conditions: Mapping[str, Any] | None = None) -> LimitValue | None:
        """The limit in ``column`` under ``conditions`` (water body, temperature, build date)."""
        conditions = conditions or {}
        if self.comparison == "rule" or not self.applies(conditions):
            return None
        if self.pending:
            source = f"{self.standard} {self.table_number} {item_label(self.item)}"
            where = (self.unit, source, self.standard, self.table_number, self.item, column)
            return LimitValue(self.comparison, None, None, None, *where, pending=self.pending)
        raw = self.limits.get(column)
        note = ""
        for v in self.variants:
            if all(conditions.get(k) == val for k, val in v.when.items()) and column in v.limits:
                raw, note = v.limits[column], v.note
        if raw is None and self.comparison != "not_detectable":
            return None
        colname = "" if column == "value" else f" {column}{'级' if column in 'ABC' else ''}"
        source = f"{self.standard} {self.table_number} {item_label(self.item)}{colname}"
        if note:
            source += f"（{note}）"
        if self.derived is not None:
            d = self.derived
            times = f"{d.multiplier * 100:f}%"
            source = f"{self.standard} {self.table_number}（{d.table_number} 第{d.item}项{colname} × {times}）"
        where = (self.unit, source, self.standard, self.table_number, self.item, column)
        if self.comparison == "range":
            low, high = (Decimal(str(x)) for x in raw or ())
            return LimitValue("range", None, low, high, *where)
        value = None if raw is None else Decimal(str(raw))
        return LimitValue(self.comparison, value, None, None, *where, self.method, self.detection_limit)


@dataclass(frozen=True)
class Table:
    id: str
    number: str
    title_zh: str
    title_en: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    not_encoded: tuple[str, ...] = ()  # columns the standard prints whose values are not encoded here


@dataclass(frozen=True)
class GradeRule:
    """Which column (grade) applies for a treatment level of the plant at the end of the sewer."""

    treatment_level: str
    grade: str
    text_zh: str = ""
    text_en: str = ""


@dataclass(frozen=True)
class Verification:
    """Who checked a standard file against the official text, when, and against which copy."""

    by: str
    on: dt.date
    against: str

    def to_dict(self) -> dict[str, str]:
        return {"by": self.by, "on": self.on.isoformat(), "against": self.against}


@dataclass(frozen=True)
class Standard:
    """One standard file: its metadata, its tables, and clauses kept as data for rules to cite."""

    code: str
    title_zh: str
    title_en: str
    columns_kind: str
    tables: tuple[Table, ...]
    path: str
    extra: Mapping[str, Any] = field(default_factory=dict)
    status: str = "encoded"
    verified: Verification | None = None
    sha256: str = ""
    grade_selection: tuple[GradeRule, ...] = ()
    site: bool = False  # from the site's standards folder, not the bundled one
    binding: Binding | None = None  # where it binds discharge into a municipal sewer (None: it does not)

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(f"{self.code} has no table {table_id!r}")

    def rows(self) -> Iterator[Row]:
        for t in self.tables:
            yield from t.rows

    def rows_for(self, parameter: str) -> list[Row]:
        return [r for r in self.rows() if r.parameter == parameter]

    @property
    def columns(self) -> tuple[str, ...]:
        cols: list[str] = []
        for t in self.tables:
            cols += [c for c in t.columns if c not in cols]
        return tuple(cols)

    def grade_for(self, treatment_level: str) -> GradeRule | None:
        return next((g for g in self.grade_selection if g.treatment_level == treatment_level), None)

    def status_info(self) -> dict[str, Any]:
        """What every output says about how far this standard's numbers can be trusted."""
        out: dict[str, Any] = {"status": self.status, "sha256": self.sha256, "site": self.site}
        if self.verified is not None:
            out["verified"] = self.verified.to_dict()
        return out
