"""Computed numbers that carry their own working: the formula, the inputs, the numbers put in.

Every number the plant module reports is a :class:`Calc`. A report can print
``calc.formula`` ("C_eff = C_hw × (1 − R)"), ``calc.worked`` ("12.5 × (1 − 0.9) = 1.25")
and each input's source, so a reader can redo the arithmetic by hand. Checks against a
limit are :class:`Check` values with a three-valued verdict: ``pass``, ``fail`` or
``unknown`` (missing data is never a silent pass).

Arithmetic is exact :class:`~decimal.Decimal`; JSON gets numbers via :func:`num`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# Verdicts of a check
PASS = "pass"
FAIL = "fail"
UNKNOWN = "unknown"

# Status of a computed value
OK = "ok"
MISSING = "unknown"  # an input is missing: no value
UNBOUNDED = "unbounded"  # the formula has no finite value (e.g. removal 100 %)
LOWER_BOUND = "lower_bound"  # computed with an unknown term set to zero: the true value is at least this
UPPER_BOUND = "upper_bound"  # the true value is at most this
EXHAUSTED = "exhausted"  # nothing is left to allocate (a limit that would be zero or negative): no value

ZERO = Decimal(0)
ONE = Decimal(1)
THOUSAND = Decimal(1000)
MILLION = Decimal(1_000_000)


def fmt(value: Decimal | None, digits: int = 6) -> str:
    """A number as a person writes it: at most ``digits`` significant digits, no exponent."""
    if value is None:
        return "?"
    if value == 0:
        return "0"
    q = Decimal(f"{value:.{digits}g}")
    text = f"{q:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def num(value: Decimal | None) -> float | int | None:
    """A Decimal as a JSON number; integers stay integers."""
    if value is None:
        return None
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    return float(value)


@dataclass(frozen=True)
class Input:
    """One input of a formula: its symbol, value, unit and where the value came from."""

    symbol: str
    value: Decimal | None
    unit: str
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"symbol": self.symbol, "value": num(self.value), "unit": self.unit, "source": self.source}


@dataclass(frozen=True)
class Calc:
    """A computed quantity with its formula, inputs and worked arithmetic."""

    symbol: str
    value: Decimal | None
    unit: str
    formula: str
    inputs: tuple[Input, ...] = ()
    worked: str = ""
    reference: str = ""
    status: str = OK
    note: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None and self.status in (OK, LOWER_BOUND, UPPER_BOUND)

    def as_input(self, symbol: str | None = None, source: str = "") -> Input:
        return Input(symbol or self.symbol, self.value, self.unit, source or f"computed: {self.formula}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "symbol": self.symbol,
            "value": num(self.value),
            "unit": self.unit,
            "status": self.status,
            "formula": self.formula,
            "worked": self.worked,
            "inputs": [i.to_dict() for i in self.inputs],
        }
        if self.reference:
            out["reference"] = self.reference
        if self.note:
            out["note"] = self.note
        return out


def missing(symbol: str, unit: str, formula: str, inputs: tuple[Input, ...], reference: str = "") -> Calc:
    """A value that cannot be computed; the note names the missing inputs."""
    absent = [i.symbol for i in inputs if i.value is None]
    return Calc(
        symbol,
        None,
        unit,
        formula,
        inputs,
        "",
        reference,
        MISSING,
        f"missing input: {', '.join(absent)}" if absent else "",
    )


@dataclass(frozen=True)
class Check:
    """A computed value against a limit, with a three-valued verdict.

    ``verdict`` compares with the limit itself; ``stable`` compares with the limit
    reduced by the safety factor (the plant's "stable compliance" margin). A value that
    is only a lower bound can prove a failure but never a pass.
    """

    id: str
    criterion: str
    verdict: str
    stable: str
    value: Calc
    limit: Calc
    margin: Calc | None = None
    utilisation: Calc | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "criterion": self.criterion,
            "verdict": self.verdict,
            "stable": self.stable,
            "value": self.value.to_dict(),
            "limit": self.limit.to_dict(),
        }
        if self.margin is not None:
            out["margin"] = self.margin.to_dict()
        if self.utilisation is not None:
            out["utilisation"] = self.utilisation.to_dict()
        if self.note:
            out["note"] = self.note
        return out


def compare(value: Calc, bound: Decimal | None) -> str:
    """``value ≤ bound``, three-valued: a lower bound can only prove a failure, an upper bound a pass."""
    if value.value is None or bound is None or not value.known:
        return UNKNOWN
    if value.value > bound:
        return FAIL if value.status in (OK, LOWER_BOUND) else UNKNOWN
    return PASS if value.status in (OK, UPPER_BOUND) else UNKNOWN


@dataclass(frozen=True)
class Sourced:
    """A number given to the model, with its unit and where it came from."""

    value: Decimal
    unit: str
    source: str

    def input(self, symbol: str) -> Input:
        return Input(symbol, self.value, self.unit, self.source)
