"""Numbers into the catalogue's units, fast: one conversion factor per (unit, parameter), not per value.

Values are stored as the double nearest to the exact decimal result (``float(Decimal(text) * factor)``),
so ``0.5 μg/L`` of mercury is stored as ``float("0.0005")`` and compares equal to a limit of
``0.0005`` loaded the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache

from ..errors import UnitError
from ..load.units import convert, pint_expression

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
