"""What several producers share: a parameter's category flags, a measured value converted into
the unit of its limit, a limit as ``std_*`` fields."""

from __future__ import annotations

from typing import Any

from ..inputs.discharger import Measurement, Sample
from ..load.units import as_number, convert
from ..standards import LimitValue
from ..standards.parameters import Parameter
from .types import Fact


def category_flags(p: Parameter) -> dict[str, bool]:
    return {
        "class1": p.has("class1"),
        "heavy_metal": p.has("heavy_metal"),
        "biodegradable": p.has("biodegradable"),
        "toxic": p.has("toxic_organic") or p.has("toxic_inorganic") or p.has("radioactive"),
        "nutrient": p.has("nutrient"),
        "conventional": p.has("conventional"),
        "physical": p.has("physical"),
        "salt": p.has("salt"),
        "microbial": p.has("microbial"),
        "process": p.has("process"),
    }


def measured(sample: Sample, m: Measurement, target_unit: str) -> Fact:
    """A measured value, converted exactly (Decimal) into the unit it will be compared in."""
    p, r = m.parameter, m.reading
    fact: Fact = {
        "sample": sample.id,
        "parameter": p.id,
        "name_zh": p.name_zh,
        "name_en": p.name_en,
        "point": sample.point,
        "kind": sample.kind,
        "taken": sample.taken.isoformat(timespec="minutes"),
        "detected": r.detected,
        # a bare "未检出" has no number to carry a unit: it asks for a detection limit, not a unit
        "has_unit": r.unit is not None or p.unit == "" or (not r.detected and r.number is None),
        "unit": target_unit,
        **category_flags(p),
    }
    number = r.number
    if number is not None and fact["has_unit"]:
        fact["value"] = as_number(convert(number, r.unit or "", target_unit, p.id) if r.unit else number)
    return fact


def limit_fields(prefix: str, lim: LimitValue | None) -> dict[str, Any]:
    """A limit as ``<prefix>_kind``, ``_limit`` (or ``_low``/``_high``) and ``_source`` fields."""
    if lim is None:
        return {f"{prefix}_kind": "none"}
    out: dict[str, Any] = {f"{prefix}_kind": lim.comparison, f"{prefix}_source": lim.source}
    if lim.value is not None:
        out[f"{prefix}_limit"] = as_number(lim.value)
    if lim.low is not None and lim.high is not None:
        out[f"{prefix}_low"], out[f"{prefix}_high"] = as_number(lim.low), as_number(lim.high)
    return out
