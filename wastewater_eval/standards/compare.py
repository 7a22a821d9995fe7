"""Where a standard file differs from the bundled standard of the same code, row by row.

An operator who checked a provisional table against the official text reads this before
putting the corrected file in the site's standards folder: every value, unit, comparison and
name that changed, every item added or missing, the grade rule and the status.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .model import Row, Standard


@dataclass(frozen=True)
class Difference:
    """One difference: where (table, item, field) and the bundled and the file's values as text."""

    table: str
    item: str
    name: str
    field: str
    bundled: str
    file: str

    @property
    def kind(self) -> str:
        if self.field in ("row", "table"):
            return "added" if self.bundled == "" else "missing"
        return "changed"

    def to_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            **{k: getattr(self, k) for k in ("table", "item", "name", "field", "bundled", "file")},
        }

    def __str__(self) -> str:
        where = f"{self.table} 第{self.item}项 {self.name}" if self.item else self.table
        if self.kind == "added":
            return f"{where}: added ({self.file})"
        if self.kind == "missing":
            return f"{where}: missing (bundled: {self.bundled})"
        return f"{where}: {self.field} {self.bundled or '—'} → {self.file or '—'}"


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return "~".join(_text(x) for x in value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def _row_summary(r: Row) -> str:
    limits = ", ".join(f"{c} {_text(v)}" for c, v in r.limits.items())
    return f"{r.parameter}, {r.unit or '无量纲'}, {r.comparison}, {limits}"


def _rows(a: Row, b: Row, table: str) -> list[Difference]:
    out = []
    for fieldname in ("name_zh", "parameter", "unit", "comparison", "basis"):
        x, y = getattr(a, fieldname), getattr(b, fieldname)
        if (x or "") != (y or ""):
            out.append(Difference(table, a.item, a.name_zh, fieldname, _text(x or ""), _text(y or "")))
    changed = [
        c
        for c in (*a.limits, *(k for k in b.limits if k not in a.limits))
        if _text(a.limits.get(c)) != _text(b.limits.get(c))
    ]
    if changed:
        was = ", ".join(f"{c} {_text(a.limits.get(c))}" for c in changed)
        now = ", ".join(f"{c} {_text(b.limits.get(c))}" for c in changed)
        out.append(Difference(table, a.item, a.name_zh, "limits", was, now))
    return out


def compare(bundled: Standard, other: Standard) -> list[Difference]:
    """Every difference in content between the bundled standard and another file of the same code
    (the two files' status is said beside the list, not in it)."""
    out: list[Difference] = []
    for fieldname in ("title_zh", "title_en", "columns_kind"):
        if getattr(bundled, fieldname) != getattr(other, fieldname):
            out.append(
                Difference("standard", "", "", fieldname, getattr(bundled, fieldname), getattr(other, fieldname))
            )
    rules_a = {g.treatment_level: g.grade for g in bundled.grade_selection}
    rules_b = {g.treatment_level: g.grade for g in other.grade_selection}
    for level in sorted(set(rules_a) | set(rules_b)):
        if rules_a.get(level) != rules_b.get(level):
            out.append(
                Difference("grade_selection", "", level, "grade", rules_a.get(level, ""), rules_b.get(level, ""))
            )
    tables_b = {t.id: t for t in other.tables}
    for ta in bundled.tables:
        tb = tables_b.pop(ta.id, None)
        label = ta.number or ta.id
        if tb is None:
            out.append(Difference(label, "", "", "table", f"{len(ta.rows)} rows", ""))
            continue
        rows_b = {r.item: r for r in tb.rows}
        for ra in ta.rows:
            rb = rows_b.pop(ra.item, None)
            if rb is None:
                out.append(Difference(label, ra.item, ra.name_zh, "row", _row_summary(ra), ""))
            else:
                out += _rows(ra, rb, label)
        for rb in rows_b.values():
            out.append(Difference(label, rb.item, rb.name_zh, "row", "", _row_summary(rb)))
    for tb in tables_b.values():
        out.append(Difference(tb.number or tb.id, "", "", "table", "", f"{len(tb.rows)} rows"))
    return out
