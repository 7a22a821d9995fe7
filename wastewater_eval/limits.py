"""Which limit applies: the GB/T 31962 grade chosen by the plant, GB 3838 classes, class-1 lists.

Everything here reads the standards data; the only constants are the codes of the
standards the Measures name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .standards import LimitValue, Row, Standard, StandardsLibrary

SEWER = "GB/T 31962-2015"  # 《污水排入城镇下水道水质标准》, which replaced CJ 343-2010
SURFACE = "GB 3838-2002"  # 《地表水环境质量标准》
CLASS1 = "GB 8978-1996"  # 《污水综合排放标准》 表1 第一类污染物
EFFLUENT = "GB 18918-2002"  # 《城镇污水处理厂污染物排放标准》


def grade_for(library: StandardsLibrary, treatment_level: str) -> tuple[str, dict[str, Any]]:
    """The GB/T 31962 grade for a terminal plant's treatment level, with the clause that says so."""
    std = library.require(SEWER)
    for entry in std.extra.get("grade_selection") or []:
        if entry.get("treatment_level") == treatment_level:
            return str(entry["grade"]), dict(entry)
    raise KeyError(f"{SEWER} data has no grade for treatment level {treatment_level!r}")


def _first_row(std: Standard, parameter: str, table: str | None = None) -> Row | None:
    for row in std.rows_for(parameter):
        if table is None or row.table_id == table:
            return row
    return None


def sewer_limit(library: StandardsLibrary, parameter: str, grade: str) -> LimitValue | None:
    """The GB/T 31962-2015 表1 limit of a parameter at a grade, or None when it sets none."""
    row = _first_row(library.require(SEWER), parameter)
    return row.limit(grade) if row else None


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


def class1_parameters(library: StandardsLibrary) -> set[str]:
    """The 第一类污染物 of GB 8978-1996 表1, which are sampled at the workshop outlet."""
    return {r.parameter for r in library.require(CLASS1).rows()}
