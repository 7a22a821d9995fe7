"""Numbers into the catalogue's units, fast: one conversion factor per (unit, parameter), not per value.

Values are stored as the double nearest to the exact decimal result (``float(Decimal(text) * factor)``),
so ``0.5 μg/L`` of mercury is stored as ``float("0.0005")`` and compares equal to a limit of
``0.0005`` loaded the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from ..errors import UnitError
from ..load.units import convert, pint_expression, split_basis

Converter = Callable[[str], float]


@cache
def converter(from_unit: str, to_unit: str, parameter: str) -> Converter:
    """A function from a number as text in ``from_unit`` to a float in ``to_unit``.

    Raises :class:`~wastewater_eval.errors.UnitError` at once when the units do not fit.
    """
    if pint_expression(from_unit) == pint_expression(to_unit):
        return float
    factor = convert(Decimal(1), from_unit, to_unit, parameter)
    if convert(Decimal(0), from_unit, to_unit, parameter) != 0:  # an offset unit (°F -> ℃)

        def offset(text: str) -> float:
            return float(convert(Decimal(text), from_unit, to_unit, parameter))

        return offset

    def scale(text: str) -> float:
        return float(Decimal(text) * factor)

    return scale


def decimal_converter(from_unit: str, to_unit: str, parameter: str) -> Callable[[Decimal], float]:
    """As :func:`converter`, for a value already read as a Decimal."""
    if pint_expression(from_unit) == pint_expression(to_unit):
        return float

    def conv(value: Decimal) -> float:
        return float(convert(value, from_unit, to_unit, parameter))

    return conv


def to_kg(unit: str | None) -> Converter | None:
    """Converter of a load (xxx-Cou) to kilograms, or None when the unit is not a mass (m³ of flow)."""
    if unit is None:
        return None
    try:
        return converter(unit, "kg", "load")
    except UnitError:  # a volume (m³ of flow) or another non-mass unit: no load in kg
        return None


def power_of_ten(from_unit: str | None, p: Any) -> int | None:
    """k when a value in ``from_unit`` is 10^k times itself in the parameter's catalogue unit (μg/L → mg/L:
    -3), else None (an offset unit, another factor, no unit for a parameter that needs one, or an error:
    the row-by-row reader then says why)."""
    try:
        if not from_unit:
            return 0 if pint_expression(p.unit) == "dimensionless" else None
        bare, basis = split_basis(from_unit)
        if basis and p.basis and basis.upper() != p.basis.upper():
            return None
        if pint_expression(bare) == pint_expression(p.unit):
            return 0
        factor = convert(Decimal(1), bare, p.unit, p.id)
        if convert(Decimal(0), bare, p.unit, p.id) != 0:
            return None
    except (UnitError, ArithmeticError, ValueError):
        return None
    exponent = factor.normalize().as_tuple()
    if exponent.digits == (1,) and isinstance(exponent.exponent, int):
        return exponent.exponent
    return None
