"""Reading measured values as labs write them, and converting units exactly.

pint does the dimensional analysis; the arithmetic is done in :class:`~decimal.Decimal`
so that a value equal to its limit stays equal whatever unit it was written in
(``50 g/m³`` against ``50 mg/L``). A basis such as ``以N计`` or ``as N`` is split off
before the unit reaches pint, which would otherwise read ``mg/L as N`` as
milligram·attosecond·newton per litre.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from ..errors import UnitError

# Unit spellings users and standards print, mapped to pint expressions.
_UNIT_ALIASES: dict[str, str] = {
    "mg/l": "mg/L",
    "mg/L": "mg/L",
    "ug/l": "ug/L",
    "ug/L": "ug/L",
    "µg/l": "ug/L",
    "µg/L": "ug/L",
    "μg/l": "ug/L",
    "μg/L": "ug/L",
    "ng/L": "ng/L",
    "ng/l": "ng/L",
    "g/l": "g/L",
    "g/L": "g/L",
    "g/m3": "g/m**3",
    "g/m³": "g/m**3",
    "kg/m3": "kg/m**3",
    "kg/m³": "kg/m**3",
    "℃": "degC",
    "°C": "degC",
    "°c": "degC",
    "degC": "degC",
    "K": "kelvin",
    "倍": "dilution_multiple",
    "稀释倍数": "dilution_multiple",
    "times": "dilution_multiple",
    "mL/(L·15min)": "mL/L",
    "mL/(L*15min)": "mL/L",
    "ml/(l·15min)": "mL/L",
    "mL/L": "mL/L",
    "ml/l": "mL/L",
    "个/L": "organism/L",
    "个/l": "organism/L",
    "MPN/L": "organism/L",
    "CFU/L": "organism/L",
    "MPN/100mL": "organism/(100 mL)",
    "CFU/100mL": "organism/(100 mL)",
    "个/100mL": "organism/(100 mL)",
    "Bq/L": "Bq/L",
    "Bq/l": "Bq/L",
    "mBq/L": "mBq/L",
    "m3/d": "m**3/d",
    "m³/d": "m**3/d",
    "m3/h": "m**3/h",
    "m³/h": "m**3/h",
    "t/d": "t/d",
    "L/s": "L/s",
    "kg/d": "kg/d",
    "g/d": "g/d",
    "t/a": "t/year",
    "%": "percent",
}

_PINT_DEFINITIONS = [
    "organism = [organism] = MPN = CFU",
    "dilution_multiple = [dilution]",
]

_BASIS = re.compile(
    r"[\(（]?\s*(?:以\s*(?P<zh>[A-Za-z0-9₂₃]+)\s*计|as\s+(?P<en>[A-Za-z0-9₂₃]+))\s*[\)）]?",
    re.IGNORECASE,
)
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_ND_WORDS = ("未检出", "ND", "N.D.", "nd", "<DL", "低于检出限")
_ND_PAREN = re.compile(
    rf"^(?:ND|N\.D\.|nd|未检出|<DL)\s*[\(（\[]\s*(?P<dl>{_NUMBER})\s*(?P<unit>[^\)）\]]*)[\)）\]]\s*$"
)
_QUALIFIED = re.compile(rf"^(?P<q><=|>=|<|>|≤|≥)\s*(?P<num>{_NUMBER})\s*(?P<unit>.*)$")
_PLAIN = re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<unit>.*)$")


@dataclass(frozen=True)
class Reading:
    """A measured value as written: a number, or a non-detect with its detection limit."""

    text: str
    value: Decimal | None
    unit: str | None
    detected: bool = True
    detection_limit: Decimal | None = None
    basis: str | None = None
    qualifier: str | None = None

    @property
    def number(self) -> Decimal | None:
        """The number to compare: the value, or for a non-detect its detection limit."""
        return self.value if self.detected else self.detection_limit


def normalise_text(raw: str) -> str:
    """Fold full-width digits and punctuation (``４２０ｍｇ／Ｌ``, ``＜0.05``) to ASCII forms."""
    text = unicodedata.normalize("NFKC", raw).strip()
    # NFKC maps µ (micro) to μ (mu): both are accepted as micro.
    return text.replace("≦", "≤").replace("≧", "≥")


def split_basis(unit_text: str) -> tuple[str, str | None]:
    """Split ``mg/L 以N计`` into (``mg/L``, ``N``)."""
    m = _BASIS.search(unit_text)
    if not m:
        return unit_text.strip(), None
    basis = (m.group("zh") or m.group("en") or "").replace("₂", "2").replace("₃", "3")
    rest = (unit_text[: m.start()] + unit_text[m.end() :]).strip()
    return rest, basis


_COMMA_NUMBER = re.compile(r"(?<![\d.])(\d+),(\d+)(?![\d,])")
_GROUPED = re.compile(r"^[1-9]\d{0,2}(,\d{3})+$")


def _decimal_commas(text: str, parameter: str, raw: str) -> str:
    """Read ``0,5`` or ``12,75`` (a decimal comma, as full-width ``０，５`` becomes) as a decimal
    point; refuse ``1,200``, which could be one thousand two hundred or one point two."""

    def fix(m: re.Match[str]) -> str:
        if _GROUPED.match(m.group(0)):
            raise UnitError(parameter, raw, "ambiguous number: a thousands separator or a decimal comma?")
        return f"{m.group(1)}.{m.group(2)}"

    return _COMMA_NUMBER.sub(fix, text)


def parse_reading(raw: Any, parameter: str = "value") -> Reading:
    """Parse ``420 mg/L``, ``<0.004 mg/L``, ``ND(0.004 mg/L)``, ``未检出`` or a bare number."""
    if isinstance(raw, bool) or raw is None:
        raise UnitError(parameter, str(raw), "not a measured value")
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise UnitError(parameter, str(raw), "not a finite number")
        return Reading(str(raw), Decimal(str(raw)), None)
    if not isinstance(raw, str):
        raise UnitError(parameter, str(raw), "not a measured value")
    text = _decimal_commas(normalise_text(raw), parameter, raw)
    if not text:
        raise UnitError(parameter, raw, "empty value")
    if text in _ND_WORDS:
        return Reading(raw, None, None, detected=False)
    m = _ND_PAREN.match(text)
    if m:
        unit, basis = split_basis(m.group("unit"))
        return Reading(raw, None, unit or None, False, _decimal(m.group("dl"), parameter, raw), basis)
    m = _QUALIFIED.match(text)
    if m:
        unit, basis = split_basis(m.group("unit"))
        number = _decimal(m.group("num"), parameter, raw)
        q = {"≤": "<=", "≥": ">="}.get(m.group("q"), m.group("q"))
        if q.startswith("<"):
            # "<0.004" is how labs write a non-detect at that detection limit.
            return Reading(raw, None, unit or None, False, number, basis, q)
        return Reading(raw, number, unit or None, True, None, basis, q)
    m = _PLAIN.match(text)
    if m:
        rest = m.group("unit")
        if rest.endswith("L") and re.fullmatch(r"\s*L", rest):
            # "0.004L" is the HJ convention for "below the detection limit 0.004".
            return Reading(raw, None, None, False, _decimal(m.group("num"), parameter, raw))
        unit, basis = split_basis(rest)
        return Reading(raw, _decimal(m.group("num"), parameter, raw), unit or None, True, None, basis)
    raise UnitError(parameter, raw, "cannot read a number in it")


def _decimal(text: str, parameter: str, raw: str) -> Decimal:
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise UnitError(parameter, raw, "cannot read a number in it") from None
    if not d.is_finite():
        raise UnitError(parameter, raw, "not a finite number")
    return d


@cache
def _registry() -> Any:
    import pint  # imported lazily: it costs about a quarter of a second

    ureg: Any
    try:  # pint caches its parsed definitions: about half of its start-up
        ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=":auto:")
    except Exception:  # an unwritable cache folder must not stop an assessment
        ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    for definition in _PINT_DEFINITIONS:
        ureg.define(definition)
    return ureg


def pint_expression(unit: str) -> str:
    """Map a printed unit to the expression pint reads; an empty unit is dimensionless."""
    u = normalise_text(unit).replace(" ", "")
    if u in ("", "无量纲", "dimensionless", "pH"):
        return "dimensionless"
    if u in _UNIT_ALIASES:
        return _UNIT_ALIASES[u]
    for alias, expr in _UNIT_ALIASES.items():
        if alias.lower() == u.lower():
            return expr
    return u.replace("³", "**3").replace("·", "*")


@cache
def _parsed_unit(unit: str) -> Any:
    """The unit as a pint quantity (a quantity, so that ``个/100mL`` keeps its factor)."""
    ureg = _registry()
    expr = pint_expression(unit)
    try:
        q = ureg.parse_expression(expr)
    except Exception:  # pint raises several unrelated types for unreadable units
        return None
    if not hasattr(q, "dimensionality"):
        q = ureg.Quantity(q, "dimensionless")
    return q


_KNOWN_EXPRESSIONS = frozenset(_UNIT_ALIASES.values()) | {"dimensionless"}


def is_known_unit(unit: str) -> bool:
    """Whether pint can read the unit; the usual spellings are known without starting pint."""
    return pint_expression(unit) in _KNOWN_EXPRESSIONS or _parsed_unit(unit) is not None


@cache
def _factor(from_unit: str, to_unit: str) -> tuple[str, Decimal] | None:
    """The conversion factor between two units, or None when the dimensions differ."""
    src, dst = _parsed_unit(from_unit), _parsed_unit(to_unit)
    if src is None or dst is None or src.dimensionality != dst.dimensionality:
        return None
    ureg = _registry()
    if not (src.units.is_compatible_with(dst.units)):
        return None
    if ureg.Quantity(0, src.units).to(dst.units).magnitude != 0:
        return ("offset", Decimal(0))
    f = src.to(dst.units).magnitude / dst.magnitude
    # Factors between prefixed units are powers of ten: rounding to 12 significant digits
    # recovers them exactly from pint's float arithmetic.
    return ("scale", Decimal(f"{f:.12g}"))


def same_dimension(from_unit: str, to_unit: str) -> bool:
    return _factor(from_unit, to_unit) is not None


def convert(value: Decimal, from_unit: str, to_unit: str, parameter: str = "value") -> Decimal:
    """Convert exactly; raise :class:`UnitError` naming the parameter on a dimension mismatch."""
    if pint_expression(from_unit) == pint_expression(to_unit):
        return value
    if _parsed_unit(from_unit) is None:
        raise UnitError(parameter, from_unit, "unknown unit", to_unit)
    f = _factor(from_unit, to_unit)
    if f is None:
        raise UnitError(parameter, from_unit, "wrong dimension for this parameter", to_unit or "no unit")
    kind, factor = f
    if kind == "scale":
        return value * factor
    ureg = _registry()
    q = ureg.Quantity(float(value), _parsed_unit(from_unit).units).to(_parsed_unit(to_unit).units)
    return Decimal(f"{q.magnitude:.10g}")


def as_number(d: Decimal) -> float | int:
    """A Decimal as the JSON number the rules engines compare; integers stay integers."""
    return int(d) if d == d.to_integral_value() and abs(d) < 2**53 else float(d)
