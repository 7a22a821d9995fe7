"""Which limit applies, as the callers ask for it: the grade the plant selects, GB 3838 classes for
第七条, and a parameter's limit at a point (:func:`applicable_limit`, the tracking run's question).

Which standards bind, and which of their columns, is data (each file's ``binds:`` block) read by
:mod:`.resolve`; the only codes named here are the two standards the Measures cite for other
questions than sewer discharge (GB 3838 for 第七条, GB 18918 for the plant's effluent).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import MissingStandardError
from . import LimitValue, Row, Standard, StandardsLibrary
from .resolve import Subject, resolver_for

if TYPE_CHECKING:
    from .parameters import Parameter
    from .profiles import Profile

SURFACE = "GB 3838-2002"  # 《地表水环境质量标准》, named by 办法第七条
EFFLUENT = "GB 18918-2002"  # 《城镇污水处理厂污染物排放标准》


def graded_standard(library: StandardsLibrary) -> Standard:
    """The standard whose column the plant at the end of the sewer selects (GB/T 31962: its grade)."""
    for s in library:
        if s.binding is not None and any(sel.column_by == "treatment_level" for sel in s.binding.select):
            return s
    raise MissingStandardError("GB/T 31962-2015", "no standard selects its grade by the plant's treatment level")


def grade_for(library: StandardsLibrary, treatment_level: str) -> tuple[str, dict[str, Any]]:
    """The grade for a terminal plant's treatment level, with the clause that says so."""
    rule = graded_standard(library).grade_for(treatment_level)
    if rule is None:  # the loader refuses a graded file without a complete grade rule
        raise AssertionError(f"no grade for treatment level {treatment_level!r}")
    return rule.grade, {"treatment_level": rule.treatment_level, "grade": rule.grade, "text_zh": rule.text_zh}


def _first_row(std: Standard, parameter: str, table: str | None = None) -> Row | None:
    for row in std.rows_for(parameter):
        if table is None or row.table_id == table:
            return row
    return None


def surface_limit(
    library: StandardsLibrary, parameter: str, water_class: str, conditions: Mapping[str, Any]
) -> tuple[LimitValue | None, bool]:
    """The GB 3838-2002 表1 limit for a class; the flag says whether 表1 regulates the parameter."""
    std = library.require(SURFACE)
    row = _first_row(std, parameter, "table1")
    if row is None or row.comparison == "rule":
        return None, False
    if not row.applies(conditions):
        return None, False
    return row.limit(water_class, conditions), True


def _treatment_level(library: StandardsLibrary, grade: str) -> str | None:
    if not grade:
        return None
    return next((g.treatment_level for g in graded_standard(library).grade_selection if g.grade == grade), None)


def applicable_limit(
    p: Parameter,
    point: str,
    grade: str,
    library: StandardsLibrary,
    profile: Profile | None = None,
    discharger: Any = None,
    as_of: dt.date | None = None,
) -> tuple[str, dict[str, Any]]:
    """The unit and the ``std_*`` fields of the strictest limit a parameter must meet at a point.

    ``grade`` is the plant's GB/T 31962 grade; ``profile`` the discharger's industry profile. Given
    the ``discharger`` (any object with ``attributes`` and ``plant``), its attributes (EIA date,
    sub-sector …) choose the columns; without them the stricter column applies."""
    attributes = getattr(discharger, "attributes", None) or {}
    plant = getattr(discharger, "plant", None)
    level = plant.treatment_level if plant is not None else _treatment_level(library, grade)
    subject = Subject.of(profile.id if profile else None, as_of or dt.date.today(), level, attributes)
    resolution = resolver_for(library, subject).limits(p.id, point)
    unit = resolution.unit(p.unit)
    return unit, resolution.fields(unit)
