"""Which limit applies: the GB/T 31962 grade chosen by the plant, GB 3838 classes, class-1 lists.

Everything here reads the standards data; the only constants are the codes of the
standards the Measures name.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..load.units import as_number as _num
from ..load.units import convert
from . import LimitValue, Row, Standard, StandardsLibrary

if TYPE_CHECKING:
    from .parameters import Parameter
    from .profiles import IndustryLimit, Profile

SEWER = "GB/T 31962-2015"  # 《污水排入城镇下水道水质标准》, which replaced CJ 343-2010
SURFACE = "GB 3838-2002"  # 《地表水环境质量标准》
CLASS1 = "GB 8978-1996"  # 《污水综合排放标准》 表1 第一类污染物
EFFLUENT = "GB 18918-2002"  # 《城镇污水处理厂污染物排放标准》


def grade_for(library: StandardsLibrary, treatment_level: str) -> tuple[str, dict[str, Any]]:
    """The GB/T 31962 grade for a terminal plant's treatment level, with the clause that says so."""
    rule = library.require(SEWER).grade_for(treatment_level)
    if rule is None:  # the loader refuses a GB/T 31962 file without a complete grade rule
        raise AssertionError(f"{SEWER} has no grade for treatment level {treatment_level!r}")
    return rule.grade, {"treatment_level": rule.treatment_level, "grade": rule.grade, "text_zh": rule.text_zh}


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


def applicable_limit(
    p: Parameter, point: str, grade: str, library: StandardsLibrary, profile: Profile | None = None
) -> tuple[str, dict[str, Any]]:
    """The unit and the ``std_*`` fields of the limit a parameter must meet at a sampling point:
    GB/T 31962 at the plant's grade, or the industry standard's where that is stricter."""
    lim = sewer_limit(library, p.id, grade) if grade else None
    ind = profile.limit_for(p.id, point, existing=True) if profile is not None else None
    unit = lim.unit if lim else (ind.unit if ind is not None and ind.unit else p.unit)
    if ind is None:
        fields = _limit_fields(lim)
        fields["std_negotiable"] = True
    else:
        fields = stricter_limit(lim, ind, unit, p.id)
        fields.pop("point", None)
    return unit, fields


def _limit_fields(lim: LimitValue | None) -> dict[str, Any]:
    if lim is None:
        return {"std_kind": "none"}
    out: dict[str, Any] = {"std_kind": lim.comparison, "std_source": lim.source}
    if lim.value is not None:
        out["std_limit"] = _num(lim.value)
    if lim.low is not None and lim.high is not None:
        out["std_low"], out["std_high"] = _num(lim.low), _num(lim.high)
    return out


def stricter_limit(std: LimitValue | None, ind: IndustryLimit | None, unit: str, pid: str) -> dict[str, Any]:
    """The limit to meet — the stricter of GB/T 31962 and an industry standard, since both bind —
    as fact fields. ``point`` says where the industry limit is monitored; ``std_negotiable`` is
    false when an industry standard set the limit, which a 第六条 agreement cannot relax."""
    out: dict[str, Any] = {"std_kind": "none", "std_negotiable": True}
    # (comparison, value, low, high, source, point, from GB/T 31962)
    candidates: list[tuple[str, Decimal | None, Decimal | None, Decimal | None, str, str, bool]] = []
    if std is not None:
        candidates.append((std.comparison, std.value, std.low, std.high, std.source, "final_outlet", True))
    if ind is not None:

        def conv(d: Decimal | None, lim: IndustryLimit = ind) -> Decimal | None:
            return None if d is None else convert(d, lim.unit or unit, unit, pid)

        candidates.append(
            (ind.comparison, conv(ind.value), conv(ind.low), conv(ind.high), ind.source, ind.point, False)
        )
    maxes = [c for c in candidates if c[0] == "max" and c[1] is not None]
    ranges = [c for c in candidates if c[0] == "range" and c[2] is not None and c[3] is not None]
    if maxes:
        best = min(maxes, key=lambda c: (c[1] or Decimal(0), not c[6]))  # on a tie GB/T 31962 is named
        out.update(
            std_kind="max",
            std_limit=_num(best[1] or Decimal(0)),
            std_source=best[4],
            point=best[5],
            std_negotiable=best[6],
        )
    elif ranges:
        lo = max(c[2] or Decimal(0) for c in ranges)
        hi = min(c[3] or Decimal(0) for c in ranges)
        out.update(
            std_kind="range",
            std_low=_num(lo),
            std_high=_num(hi),
            std_source="; ".join(c[4] for c in ranges),
            point="final_outlet",
            std_negotiable=all(c[6] for c in ranges),
        )
    if any(c[5] == "workshop_outlet" for c in candidates):
        out["point"] = "workshop_outlet"
    return out
