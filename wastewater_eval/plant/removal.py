"""A plant's own removal efficiency, from its influent and effluent data.

The EPA Local Limits Development Guidance (2004) §5.1.1 describes, in words that were read and
are followed here:

* Equation 5.1, the average daily removal efficiency (ADRE): influent samples are paired with
  effluent samples lagged by the hydraulic residence time; a daily removal efficiency is
  computed for each pair, and the series is summed and divided by the number of pairs N.
* Equation 5.2, the mean removal efficiency (MRE): all influent values and all effluent values
  are averaged separately, and the removal efficiency is computed from the two means.

The same formulas give R_prim (headworks to primary effluent) or R_sec (headworks to secondary
effluent) when the "effluent" samples are taken after that stage. Pairing and lagging the
samples is the caller's job: this module does the arithmetic and keeps its working.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .formula import ONE, Calc, Input, Sourced, fmt, missing
from .processes import PlantModelError
from .references import EPA_EQ_5_1, EPA_EQ_5_2

STAGES = {"potw": "R_POTW", "primary": "R_prim", "secondary": "R_sec"}


def _symbol(stage: str) -> str:
    if stage not in STAGES:
        raise PlantModelError("stage", stage, f"expected one of {', '.join(STAGES)}")
    return STAGES[stage]


def removal_adre(pairs: Sequence[tuple[Decimal, Decimal]], stage: str = "potw", parameter: str = "") -> Calc:
    """Equation 5.1 (ADRE): R = (1/N) · Σ (I_n − E_n) ÷ I_n over N lagged influent/effluent pairs."""
    symbol = _symbol(stage)
    formula = f"{symbol} = (1/N) × Σ (I_n − E_n) ÷ I_n"
    if not pairs:
        return missing(symbol, "", formula, (Input("N", None, "pairs"),), EPA_EQ_5_1)
    terms = []
    for n, (i, e) in enumerate(pairs, start=1):
        if i <= 0:
            raise PlantModelError(
                f"influent[{n}]", i, "an influent value must be positive to give a removal", parameter
            )
        if e < 0:
            raise PlantModelError(f"effluent[{n}]", e, "must not be negative", parameter)
        terms.append((i - e) / i)
    value = sum(terms, Decimal(0)) / len(terms)
    worked = "(1/{}) × ({}) = {}".format(
        len(pairs), " + ".join(f"({fmt(i)} − {fmt(e)}) ÷ {fmt(i)}" for i, e in pairs), fmt(value)
    )
    return Calc(
        symbol,
        value,
        "",
        formula,
        (Input("N", Decimal(len(pairs)), "pairs", "paired, lagged samples"),),
        worked,
        EPA_EQ_5_1,
    )


def removal_mre(
    influent: Sequence[Decimal], effluent: Sequence[Decimal], stage: str = "potw", parameter: str = ""
) -> Calc:
    """Equation 5.2 (MRE): R = (Ī − Ē) ÷ Ī, the means taken separately (pairing not needed)."""
    symbol = _symbol(stage)
    formula = f"{symbol} = (Ī − Ē) ÷ Ī"
    if not influent or not effluent:
        return missing(
            symbol,
            "",
            formula,
            (Input("Ī", None, "mg/L"), Input("Ē", None, "mg/L")),
            EPA_EQ_5_2,
        )
    i_mean = sum(influent, Decimal(0)) / len(influent)
    e_mean = sum(effluent, Decimal(0)) / len(effluent)
    if i_mean <= 0:
        raise PlantModelError("influent mean", i_mean, "must be positive to give a removal", parameter)
    value = (i_mean - e_mean) / i_mean
    return Calc(
        symbol,
        value,
        "",
        formula,
        (
            Input("Ī", i_mean, "mg/L", f"mean of {len(influent)} influent values"),
            Input("Ē", e_mean, "mg/L", f"mean of {len(effluent)} effluent values"),
        ),
        f"({fmt(i_mean)} − {fmt(e_mean)}) ÷ {fmt(i_mean)} = {fmt(value)}",
        EPA_EQ_5_2,
    )


def as_removal(calc: Calc) -> Sourced | None:
    """A computed removal efficiency as an input to :func:`~.model.build_plant` (clipped to 0..1).

    A negative result (effluent above influent) is kept as 0: the plant removes nothing.
    """
    if calc.value is None:
        return None
    value = min(max(calc.value, Decimal(0)), ONE)
    note = "" if value == calc.value else f" (computed {fmt(calc.value)}, limited to 0..1)"
    return Sourced(value, "", f"{calc.reference}: {calc.worked}{note}")
