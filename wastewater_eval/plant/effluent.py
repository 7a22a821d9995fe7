"""The plant's effluent limits: a GB 18918-2002 grade from the standards library, or a stricter local set.

GB 18918-2002 表1 is graded (一级A, 一级B, 二级, 三级); 表2 and 表3 have one column, which applies
whatever the grade. A local authority may require stricter effluent, for example the
GB 3838-2002 表1 limits of the receiving water's class (:func:`effluent_limits_from_surface_class`),
or any set given as data with its source (:func:`effluent_limits_given`); :func:`strictest` keeps
the lower limit of each parameter with the source it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import UnknownParameterError
from ..standards import StandardsLibrary
from ..standards.parameters import Catalogue
from .formula import Sourced
from .processes import PlantModelError

GB18918 = "GB 18918-2002"
GB3838 = "GB 3838-2002"
GB18918_GRADES = ("一级A", "一级B", "二级", "三级")
_STANDARD_TEXT = re.compile(
    r"^\s*(?P<code>GB\s*18918(?:\s*-\s*2002)?)\s*(?P<grade>一级\s*[AB]|二级|三级)\s*(?:标准)?\s*$"
)


def parse_effluent_standard(text: str) -> tuple[str, str] | None:
    """``"GB 18918-2002 一级A"`` → ``("GB 18918-2002", "一级A")``; None for any other text."""
    m = _STANDARD_TEXT.match(unicodedata.normalize("NFKC", text or ""))
    if not m:
        return None
    return GB18918, m.group("grade").replace(" ", "")


def effluent_limits_from_standard(
    library: StandardsLibrary,
    grade: str,
    code: str = GB18918,
    conditions: Mapping[str, Any] | None = None,
) -> dict[str, Sourced]:
    """Every maximum-concentration limit of a graded effluent standard at ``grade``, by parameter.

    ``conditions`` selects printed variants, e.g. ``{"water_temperature_le_12": True}`` (氨氮 in
    brackets) or ``{"built_before_2006": True}`` (总磷). Rows that are ranges (pH), rules or
    not in mg/L are left out: the mass balance needs a concentration. Where two tables limit one
    parameter, the lower limit is kept.
    """
    std = library.get(code)
    if grade not in std.columns:
        raise PlantModelError("grade", grade, f"{std.code} has columns {', '.join(std.columns)}")
    out: dict[str, Sourced] = {}
    for table in std.tables:
        column = grade if grade in table.columns else ("value" if "value" in table.columns else None)
        if column is None:
            continue
        for row in table.rows:
            if row.comparison != "max" or row.unit != "mg/L":
                continue
            lim = row.limit(column, conditions or {})
            if lim is None or lim.value is None:
                continue
            current = out.get(row.parameter)
            if current is None or lim.value < current.value:
                out[row.parameter] = Sourced(lim.value, "mg/L", lim.source)
    return out


def effluent_limits_from_surface_class(
    library: StandardsLibrary, water_class: str, conditions: Mapping[str, Any] | None = None
) -> dict[str, Sourced]:
    """The GB 3838-2002 表1 maximum-concentration limits of a class (I to V), as an effluent limit set.

    Only 表1 applies to every surface water (表2 and 表3 are for drinking-water sources). Rows that
    are minima (dissolved oxygen), ranges (pH), rules (temperature) or not in mg/L are left out;
    ``conditions`` (``{"water_body": "lake_reservoir"}``) selects the lake rows (总磷, 总氮).
    """
    table = library.get(GB3838).table("table1")
    if water_class not in table.columns:
        raise PlantModelError("water class", water_class, f"{GB3838} 表1 has classes {', '.join(table.columns)}")
    out: dict[str, Sourced] = {}
    for row in table.rows:
        if row.comparison != "max" or row.unit != "mg/L":
            continue
        lim = row.limit(water_class, conditions or {})
        if lim is not None and lim.value is not None:
            out[row.parameter] = Sourced(lim.value, "mg/L", lim.source)
    return out


def effluent_limits_given(
    values: Mapping[str, Any], source: str, catalogue: Catalogue | None = None
) -> dict[str, Sourced]:
    """A limit set given as data (mg/L), e.g. the limits written in a plant's discharge permit.

    Keys may be canonical ids or, with a ``catalogue``, any name the catalogue knows (化学需氧量).
    Values are exact decimals; text such as ``"1.5"`` is read exactly.
    """
    out: dict[str, Sourced] = {}
    for name, raw in values.items():
        pid = name
        if catalogue is not None:
            try:
                pid = catalogue.resolve(name).id
            except UnknownParameterError as exc:
                raise PlantModelError("parameter", name, str(exc)) from None
        if isinstance(raw, bool) or not isinstance(raw, int | str | Decimal | float):
            raise PlantModelError("limit", raw, "expected a number", pid)
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            raise PlantModelError("limit", raw, "expected a number", pid) from None
        if not value.is_finite() or value < 0:
            raise PlantModelError("limit", raw, "expected a finite, non-negative number", pid)
        out[pid] = Sourced(value, "mg/L", source)
    return out


def strictest(*sets: Mapping[str, Sourced]) -> dict[str, Sourced]:
    """Per parameter, the lowest limit of all the sets, with its source (ties keep the first)."""
    out: dict[str, Sourced] = {}
    for limits in sets:
        for pid, lim in limits.items():
            if pid not in out or lim.value < out[pid].value:
                out[pid] = lim
    return out
