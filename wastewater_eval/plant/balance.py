"""Mass balances at the plant: loads, headworks mixing, predicted effluent, and checks.

Symbols (SI): Q in m³/d, C in mg/L, L in kg/d, R a fraction.

    L_d    = C_d × Q_d ÷ 1000                              discharger load
    C_hw   = (Q_p × C_p + Q_d × C_d) ÷ (Q_p + Q_d)         headworks concentration, discharger added
    L_hw   = (Q_p × C_p + Q_d × C_d) ÷ 1000                headworks load
    C_eff  = C_hw × (1 − R)                                predicted effluent
    C_proc = C_hw × (1 − R_up)                             concentration reaching a process

Q_p and C_p describe the plant *without* the discharger being assessed. When C_p is unknown,
the headworks values are computed with C_p = 0 and marked as lower bounds: they can show a
failure, never a pass.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .formula import (
    FAIL,
    LOWER_BOUND,
    OK,
    ONE,
    PASS,
    THOUSAND,
    UNKNOWN,
    ZERO,
    Calc,
    Check,
    Input,
    Sourced,
    compare,
    fmt,
    missing,
)
from .references import LOAD, MASS_BALANCE

if TYPE_CHECKING:
    from .model import PlantModel


def load(
    symbol: str,
    concentration: Sourced | None,
    flow: Decimal | None,
    flow_source: str = "",
    c_symbol: str = "C",
    q_symbol: str = "Q",
) -> Calc:
    """L = C × Q ÷ 1000 (kg/d)."""
    inputs = (
        concentration.input(c_symbol) if concentration else Input(c_symbol, None, "mg/L"),
        Input(q_symbol, flow, "m³/d", flow_source),
    )
    formula = f"{symbol} = {c_symbol} × {q_symbol} ÷ 1000"
    if concentration is None or flow is None:
        return missing(symbol, "kg/d", formula, inputs, LOAD)
    value = concentration.value * flow / THOUSAND
    return Calc(
        symbol,
        value,
        "kg/d",
        formula,
        inputs,
        f"{fmt(concentration.value)} × {fmt(flow)} ÷ 1000 = {fmt(value)}",
        LOAD,
    )


def headworks(q_plant: Decimal | None, c_plant: Sourced | None, q_d: Decimal, c_d: Sourced | None) -> tuple[Calc, Calc]:
    """C_hw and L_hw with the discharger added to the plant's current influent (flow-weighted mixing)."""
    status, note = OK, ""
    if c_plant is None:
        status = LOWER_BOUND
        note = "plant influent concentration unknown: taken as 0, so this is a lower bound"
    cp_value = c_plant.value if c_plant else ZERO
    inputs = (
        Input("Q_p", q_plant, "m³/d", "plant current flow, without the discharger"),
        c_plant.input("C_p") if c_plant else Input("C_p", None, "mg/L", "unknown: taken as 0"),
        Input("Q_d", q_d, "m³/d", "discharger flow"),
        c_d.input("C_d") if c_d else Input("C_d", None, "mg/L"),
    )
    c_formula = "C_hw = (Q_p × C_p + Q_d × C_d) ÷ (Q_p + Q_d)"
    l_formula = "L_hw = (Q_p × C_p + Q_d × C_d) ÷ 1000"
    if q_plant is None or c_d is None or q_plant + q_d == 0:
        return (
            missing("C_hw", "mg/L", c_formula, inputs, MASS_BALANCE),
            missing("L_hw", "kg/d", l_formula, inputs, LOAD),
        )
    mass = q_plant * cp_value + q_d * c_d.value
    c_hw = mass / (q_plant + q_d)
    l_hw = mass / THOUSAND
    head = f"({fmt(q_plant)} × {fmt(cp_value)} + {fmt(q_d)} × {fmt(c_d.value)})"
    return (
        Calc(
            "C_hw",
            c_hw,
            "mg/L",
            c_formula,
            inputs,
            f"{head} ÷ ({fmt(q_plant)} + {fmt(q_d)}) = {fmt(c_hw)}",
            MASS_BALANCE,
            status,
            note,
        ),
        Calc("L_hw", l_hw, "kg/d", l_formula, inputs, f"{head} ÷ 1000 = {fmt(l_hw)}", LOAD, status, note),
    )


def after_removal(symbol: str, c_in: Calc, removal: Sourced | None, r_symbol: str = "R") -> Calc:
    """C_out = C_in × (1 − R): the concentration after a stage that removes the fraction R."""
    formula = f"{symbol} = {c_in.symbol} × (1 − {r_symbol})"
    inputs = (
        c_in.as_input(),
        removal.input(r_symbol) if removal else Input(r_symbol, None, "", "unknown"),
    )
    if not c_in.known or removal is None:
        return missing(symbol, "mg/L", formula, inputs, MASS_BALANCE)
    assert c_in.value is not None
    value = c_in.value * (ONE - removal.value)
    return Calc(
        symbol,
        value,
        "mg/L",
        formula,
        inputs,
        f"{fmt(c_in.value)} × (1 − {fmt(removal.value)}) = {fmt(value)}",
        MASS_BALANCE,
        c_in.status,
        c_in.note,
    )


def limit_check(
    check_id: str, value: Calc, limit: Sourced | None, limit_symbol: str, sf: Decimal | None, note: str = ""
) -> Check:
    """``value ≤ limit`` (verdict) and ``value ≤ limit × (1 − SF)`` (stable), with margin and utilisation.

    ``sf=None`` when the limit already includes the safety factor: ``stable`` then equals ``verdict``.
    """
    unit = value.unit
    lim = (
        Calc(limit_symbol, limit.value, limit.unit or unit, f"{limit_symbol} (given)", (limit.input(limit_symbol),))
        if limit
        else missing(limit_symbol, unit, f"{limit_symbol} (given)", (Input(limit_symbol, None, unit, "no limit"),))
    )
    criterion = f"{value.symbol} ≤ {limit_symbol}"
    if sf is None:
        criterion += " (the safety factor is already in the limit)"
    else:
        criterion += f"; stable: {value.symbol} ≤ {limit_symbol} × (1 − SF), SF = {fmt(sf)}"
    if limit is None or not value.known:
        return Check(check_id, criterion, UNKNOWN, UNKNOWN, value, lim, note=note or _why_unknown(value, limit))
    assert value.value is not None
    stable_bound = limit.value * (ONE - (sf or ZERO))
    margin_value = limit.value - value.value
    margin = Calc(
        "margin",
        margin_value,
        unit,
        f"margin = {limit_symbol} − {value.symbol}",
        (limit.input(limit_symbol), value.as_input()),
        f"{fmt(limit.value)} − {fmt(value.value)} = {fmt(margin_value)}",
        status=value.status,
        note="an upper bound on the margin" if value.status == LOWER_BOUND else "",
    )
    utilisation = None
    if limit.value > 0:
        u = value.value / limit.value
        utilisation = Calc(
            "U",
            u,
            "",
            f"U = {value.symbol} ÷ {limit_symbol}",
            (value.as_input(), limit.input(limit_symbol)),
            f"{fmt(value.value)} ÷ {fmt(limit.value)} = {fmt(u)}",
            status=value.status,
        )
    verdict = compare(value, limit.value)
    stable = compare(value, stable_bound)
    if verdict == FAIL:
        stable = FAIL
    return Check(check_id, criterion, verdict, stable, value, lim, margin, utilisation, note)


def _why_unknown(value: Calc, limit: Sourced | None) -> str:
    reasons = []
    if limit is None:
        reasons.append("no limit for this parameter")
    if not value.known:
        reasons.append(value.note or "value could not be computed")
    return "; ".join(reasons)


def hydraulic_check(q_plant: Decimal | None, q_d: Decimal, q_design: Decimal | None, sf: Decimal) -> Check:
    """Q_p + Q_d against the design capacity."""
    inputs = (
        Input("Q_p", q_plant, "m³/d", "plant current flow, without the discharger"),
        Input("Q_d", q_d, "m³/d", "discharger flow"),
    )
    formula = "Q_total = Q_p + Q_d"
    if q_plant is None:
        total = missing("Q_total", "m³/d", formula, inputs)
    else:
        total = Calc(
            "Q_total", q_plant + q_d, "m³/d", formula, inputs, f"{fmt(q_plant)} + {fmt(q_d)} = {fmt(q_plant + q_d)}"
        )
    design = Sourced(q_design, "m³/d", "plant design capacity") if q_design is not None else None
    return limit_check("hydraulic_capacity", total, design, "Q_design", sf)


def load_capacity_check(
    parameter: str, l_hw: Calc, design_influent: Sourced | None, q_design: Decimal | None, sf: Decimal
) -> Check:
    """The headworks load against the design load L_design = C_design × Q_design ÷ 1000."""
    design = load("L_design", design_influent, q_design, "plant design capacity", "C_design", "Q_design")
    limit = Sourced(design.value, "kg/d", f"design load: {design.worked}") if design.value is not None else None
    return limit_check(f"load_capacity:{parameter}", l_hw, limit, "L_design", sf)


def verdict_word(check: Check) -> str:
    """One word for a summary: stable, compliant (but not stably), exceeds, or unknown."""
    if check.verdict == FAIL:
        return "exceeds"
    if check.verdict == PASS:
        return "stable" if check.stable == PASS else "compliant_not_stable"
    return "unknown"


def potw_flow(plant: PlantModel, q_d: Decimal, flow_basis: str) -> Calc:
    inputs: tuple[Input, ...]
    if flow_basis == "design":
        inputs = (Input("Q_design", plant.design_capacity, "m³/d", "plant design capacity"),)
        if plant.design_capacity is None:
            return missing("Q_POTW", "m³/d", "Q_POTW = Q_design", inputs)
        return Calc("Q_POTW", plant.design_capacity, "m³/d", "Q_POTW = Q_design", inputs, fmt(plant.design_capacity))
    inputs = (
        Input("Q_p", plant.current_flow, "m³/d", "plant current flow, without the discharger"),
        Input("Q_d", q_d, "m³/d", "discharger flow"),
    )
    if plant.current_flow is None:
        return missing("Q_POTW", "m³/d", "Q_POTW = Q_p + Q_d", inputs)
    value = plant.current_flow + q_d
    return Calc(
        "Q_POTW", value, "m³/d", "Q_POTW = Q_p + Q_d", inputs, f"{fmt(plant.current_flow)} + {fmt(q_d)} = {fmt(value)}"
    )


def sludge_criterion(route: str | None) -> str:
    """Which sludge-quality limits bind the route (GB 18918-2002 4.3.3, 4.3.4)."""
    if route is None:
        return "sludge route not given: no sludge-quality criterion applied"
    if route == "land_application":
        return "GB 18918-2002 4.3.4 and 表6 (污泥农用时污染物控制标准限值)"
    if route == "landfill":
        return "GB 18918-2002 4.3.3 sets no numeric limits for landfill: no sludge-quality criterion applied"
    return "GB 18918-2002 sets no sludge-quality limits for this route: no sludge-quality criterion applied"
