"""Maximum allowable headworks loading and the limit it leaves for a discharger (EPA local-limits method).

The method of the US EPA Local Limits Development Guidance (EPA 833-R-04-002A, 2004), in SI units
(Q in m³/d, C in mg/L, L in kg/d; the guidance's US units use lb/d, MGD and the factor 8.34):

    AHL_eff    = C_crit × Q_POTW ÷ (1 − R_POTW) ÷ 1000       effluent quality (pass through)
    AHL_inhib  = C_inhib × Q_POTW ÷ (1 − R_up) ÷ 1000         inhibition of a process; R_up is the
                                                             removal upstream of it: 0 at the headworks,
                                                             R_prim before secondary treatment,
                                                             R_sec before a separate nitrification stage
    AHL_sludge = C_sludge × M_DS ÷ R_POTW ÷ 10⁶               sludge quality; M_DS in kg dry solids/d,
                                                             C_sludge in mg/kg dry solids
    AHL_design = C_design × Q_design ÷ 1000                  the plant's design loading (conventional
                                                             pollutants: the treatment capacity built)
    MAHL       = min(AHL_i)                                  the most stringent criterion
    MAIL       = MAHL × (1 − SF) − L_unc − L_res             left for controlled industrial users
    C_ind      = MAIL × 1000 ÷ Q_ind                         uniform concentration over industrial flow
    L_d,allow  = C_ind × Q_d ÷ 1000  (= MAIL × Q_d ÷ Q_ind)   this discharger's flow share

Each AHL is the mass balance of its criterion: a headworks load L gives a concentration
L × 1000 ÷ Q_POTW at the headworks, (1 − R) of which reaches the effluent (or the process), and
R of which reaches the sludge. What was and was not verified against the guidance's text is
listed in :mod:`.references`: the equation numbers of these AHLs are not cited because the pages
could not be read; Equations 5.1/5.2 (removal) were.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .formula import (
    EXHAUSTED,
    LOWER_BOUND,
    MILLION,
    MISSING,
    OK,
    ONE,
    THOUSAND,
    UNBOUNDED,
    UPPER_BOUND,
    ZERO,
    Calc,
    Input,
    Sourced,
    fmt,
    missing,
)
from .references import BRYAN_OH, DESIGN_LOADING, EPA_AHL, EPA_MAHL, EPA_MAIL, EPA_R5_SPREADSHEET

UPSTREAM_SYMBOL = {"headworks": "R_up", "primary": "R_prim", "secondary": "R_sec"}


def _flow(q: Decimal | None, source: str) -> Input:
    return Input("Q_POTW", q, "m³/d", source)


def ahl_effluent(c_crit: Sourced | None, q_potw: Decimal | None, removal: Sourced | None, q_source: str = "") -> Calc:
    """AHL from an effluent limit: the headworks load at which C_eff reaches C_crit."""
    symbol = "AHL_eff"
    formula = "AHL_eff = C_crit × Q_POTW ÷ (1 − R_POTW) ÷ 1000"
    inputs = (
        c_crit.input("C_crit") if c_crit else Input("C_crit", None, "mg/L", "no effluent limit"),
        _flow(q_potw, q_source),
        removal.input("R_POTW") if removal else Input("R_POTW", None, "", "unknown"),
    )
    if c_crit is None or q_potw is None or removal is None:
        return missing(symbol, "kg/d", formula, inputs, EPA_AHL)
    if removal.value >= ONE:
        return Calc(
            symbol, None, "kg/d", formula, inputs, "R_POTW = 1: no load reaches the effluent", EPA_AHL, UNBOUNDED
        )
    value = c_crit.value * q_potw / (ONE - removal.value) / THOUSAND
    worked = f"{fmt(c_crit.value)} × {fmt(q_potw)} ÷ (1 − {fmt(removal.value)}) ÷ 1000 = {fmt(value)}"
    return Calc(symbol, value, "kg/d", formula, inputs, worked, EPA_AHL)


def ahl_inhibition(
    process: str,
    c_inhib: Sourced | None,
    q_potw: Decimal | None,
    upstream_removal: Sourced | None,
    upstream: str = "headworks",
    q_source: str = "",
) -> Calc:
    """AHL protecting a biological process: the load at which the stream reaching it hits C_inhib.

    ``upstream`` names the removal before the process: ``headworks`` (none), ``primary``
    (R_prim, for secondary treatment after primary clarification) or ``secondary`` (R_sec, for a
    separate nitrification stage). An unknown upstream removal is taken as 0, which gives the
    lower (safer) AHL; the note says so.
    """
    r_symbol = UPSTREAM_SYMBOL[upstream]
    symbol = f"AHL_inhib[{process}]"
    formula = f"{symbol} = C_inhib × Q_POTW ÷ (1 − {r_symbol}) ÷ 1000"
    note = ""
    r = upstream_removal
    if r is None:
        r = Sourced(ZERO, "", f"{r_symbol} unknown: taken as 0 (no removal before the process; the safer AHL)")
        note = r.source
    inputs = (
        c_inhib.input("C_inhib") if c_inhib else Input("C_inhib", None, "mg/L", "no inhibition threshold"),
        _flow(q_potw, q_source),
        r.input(r_symbol),
    )
    if c_inhib is None or q_potw is None:
        return missing(symbol, "kg/d", formula, inputs, EPA_AHL)
    if r.value >= ONE:
        return Calc(
            symbol, None, "kg/d", formula, inputs, f"{r_symbol} = 1: nothing reaches the process", EPA_AHL, UNBOUNDED
        )
    value = c_inhib.value * q_potw / (ONE - r.value) / THOUSAND
    worked = f"{fmt(c_inhib.value)} × {fmt(q_potw)} ÷ (1 − {fmt(r.value)}) ÷ 1000 = {fmt(value)}"
    return Calc(symbol, value, "kg/d", formula, inputs, worked, EPA_AHL, note=note)


def ahl_sludge(c_sludge: Sourced | None, dry_mass: Sourced | None, removal: Sourced | None) -> Calc:
    """AHL from a sludge quality limit: removed load R × L equals C_sludge × M_DS."""
    symbol = "AHL_sludge"
    formula = "AHL_sludge = C_sludge × M_DS ÷ R_POTW ÷ 10⁶"
    inputs = (
        c_sludge.input("C_sludge") if c_sludge else Input("C_sludge", None, "mg/kg", "no sludge limit"),
        dry_mass.input("M_DS") if dry_mass else Input("M_DS", None, "kg/d", "dry sludge mass unknown"),
        removal.input("R_POTW") if removal else Input("R_POTW", None, "", "unknown"),
    )
    if c_sludge is None or dry_mass is None or removal is None:
        return missing(symbol, "kg/d", formula, inputs, EPA_AHL)
    if removal.value <= 0:
        return Calc(symbol, None, "kg/d", formula, inputs, "R_POTW = 0: nothing reaches the sludge", EPA_AHL, UNBOUNDED)
    value = c_sludge.value * dry_mass.value / removal.value / MILLION
    worked = f"{fmt(c_sludge.value)} × {fmt(dry_mass.value)} ÷ {fmt(removal.value)} ÷ 10⁶ = {fmt(value)}"
    return Calc(symbol, value, "kg/d", formula, inputs, worked, EPA_AHL)


def ahl_design(c_design: Sourced | None, q_design: Decimal | None) -> Calc:
    """AHL from the design: the load the plant was built to treat, C_design × Q_design ÷ 1000."""
    symbol = "AHL_design"
    formula = "AHL_design = C_design × Q_design ÷ 1000"
    inputs = (
        c_design.input("C_design") if c_design else Input("C_design", None, "mg/L", "no design influent"),
        Input("Q_design", q_design, "m³/d", "plant design capacity"),
    )
    if c_design is None or q_design is None:
        return missing(symbol, "kg/d", formula, inputs, DESIGN_LOADING)
    value = c_design.value * q_design / THOUSAND
    worked = f"{fmt(c_design.value)} × {fmt(q_design)} ÷ 1000 = {fmt(value)}"
    return Calc(symbol, value, "kg/d", formula, inputs, worked, DESIGN_LOADING)


def mahl(ahls: Sequence[Calc]) -> tuple[Calc, str | None]:
    """The maximum allowable headworks loading: the lowest finite AHL, and the criterion that sets it."""
    finite = [a for a in ahls if a.value is not None and a.status not in (UNBOUNDED,)]
    inputs = tuple(a.as_input() for a in ahls)
    formula = "MAHL = min(" + ", ".join(a.symbol for a in ahls) + ")" if ahls else "MAHL = min(AHL)"
    skipped = [a.symbol for a in ahls if a.value is None and a.status != UNBOUNDED]
    # a criterion that applies but could not be computed might be the lowest: the minimum of the
    # others is then only an upper bound, and nothing built on it may pass
    note = f"not computable, left out: {', '.join(skipped)}; so MAHL is an upper bound" if skipped else ""
    if not finite:
        if ahls and all(a.status == UNBOUNDED for a in ahls):
            return Calc("MAHL", None, "kg/d", formula, inputs, "every criterion unbounded", EPA_MAHL, UNBOUNDED), None
        return missing("MAHL", "kg/d", formula, inputs, EPA_MAHL), None
    best = min(finite, key=lambda a: a.value if a.value is not None else Decimal(0))
    assert best.value is not None
    worked = "min(" + ", ".join(fmt(a.value) if a.value is not None else "—" for a in ahls) + f") = {fmt(best.value)}"
    status = UPPER_BOUND if skipped else OK
    return Calc("MAHL", best.value, "kg/d", formula, inputs, worked, EPA_MAHL, status, note), best.symbol


def mail(
    mahl_calc: Calc, safety_factor: Decimal, uncontrolled: Calc | Sourced | None, reserve: Sourced | None = None
) -> Calc:
    """MAIL = MAHL × (1 − SF) − L_unc − L_res: the loading left for controlled industrial users."""
    formula = "MAIL = MAHL × (1 − SF) − L_unc − L_res"
    unc = (
        uncontrolled.as_input("L_unc")
        if isinstance(uncontrolled, Calc)
        else (uncontrolled.input("L_unc") if uncontrolled else Input("L_unc", None, "kg/d", "unknown"))
    )
    res = reserve or Sourced(ZERO, "kg/d", "no reserve (growth, hauled waste) set aside")
    inputs = (mahl_calc.as_input(), Input("SF", safety_factor, "", "safety factor"), unc, res.input("L_res"))
    if mahl_calc.value is None or unc.value is None:
        status = UNBOUNDED if mahl_calc.status == UNBOUNDED else MISSING
        c = missing("MAIL", "kg/d", formula, inputs, EPA_MAIL)
        return Calc(c.symbol, None, c.unit, c.formula, c.inputs, c.worked, c.reference, status, c.note)
    value = mahl_calc.value * (ONE - safety_factor) - unc.value - res.value
    worked = f"{fmt(mahl_calc.value)} × (1 − {fmt(safety_factor)}) − {fmt(unc.value)} − {fmt(res.value)} = {fmt(value)}"
    status = OK
    note = ""
    if isinstance(uncontrolled, Calc) and uncontrolled.status == LOWER_BOUND:
        status, note = UPPER_BOUND, "the uncontrolled load is a lower bound, so this MAIL is an upper bound"
    elif mahl_calc.status == UPPER_BOUND:
        status, note = UPPER_BOUND, "MAHL is an upper bound, so this MAIL is too"
    return Calc("MAIL", value, "kg/d", formula, inputs, worked, f"{EPA_MAIL}; {EPA_R5_SPREADSHEET}", status, note)


def uniform_limit(mail_calc: Calc, q_ind: Decimal | None, q_source: str = "", name: str = "") -> Calc:
    """C_ind = MAIL × 1000 ÷ Q_ind: one concentration limit for every controlled industrial user.

    Q_ind is the flow of the industrial users that discharge the pollutant (including the one
    being assessed). A MAIL at or below zero leaves nothing to allocate: there is no limit to
    give (never "0 mg/L" from a negative intermediate) — the value is None, the status
    ``exhausted`` and the note says in words that the plant has no remaining allowable load.
    """
    formula = "C_ind = MAIL × 1000 ÷ Q_ind"
    inputs = (mail_calc.as_input(), Input("Q_ind", q_ind, "m³/d", q_source))
    if mail_calc.value is None or q_ind is None or q_ind <= 0:
        c = missing("C_ind", "mg/L", formula, inputs, BRYAN_OH)
        if mail_calc.status == UNBOUNDED:
            return Calc(
                "C_ind", None, "mg/L", formula, inputs, "", BRYAN_OH, UNBOUNDED, "no criterion limits this parameter"
            )
        return c
    if mail_calc.value <= 0:
        what = f" for {name}" if name else ""
        note = (
            f"MAIL ≤ 0 ({fmt(mail_calc.value)} kg/d): no allowable industrial loading is left — "
            f"the plant has no remaining allowable load{what}"
        )
        return Calc("C_ind", None, "mg/L", formula, inputs, note, BRYAN_OH, EXHAUSTED, note)
    value = mail_calc.value * THOUSAND / q_ind
    status = UPPER_BOUND if mail_calc.status == UPPER_BOUND else OK
    worked = f"{fmt(mail_calc.value)} × 1000 ÷ {fmt(q_ind)} = {fmt(value)}"
    return Calc("C_ind", value, "mg/L", formula, inputs, worked, BRYAN_OH, status)


def flow_share(c_ind: Calc, q_d: Decimal) -> Calc:
    """L_d,allow = C_ind × Q_d ÷ 1000: the discharger's share of MAIL by its flow."""
    formula = "L_d,allow = C_ind × Q_d ÷ 1000"
    inputs = (c_ind.as_input(), Input("Q_d", q_d, "m³/d", "discharger flow"))
    if c_ind.value is None:
        return missing("L_d,allow", "kg/d", formula, inputs, BRYAN_OH)
    value = c_ind.value * q_d / THOUSAND
    return Calc(
        "L_d,allow",
        value,
        "kg/d",
        formula,
        inputs,
        f"{fmt(c_ind.value)} × {fmt(q_d)} ÷ 1000 = {fmt(value)}",
        BRYAN_OH,
        c_ind.status,
    )


def concentration_from_load(load_kg_d: Decimal, flow_m3_d: Decimal, safety_factor: Decimal = ZERO) -> Calc:
    """C = L × (1 − SF) × 1000 ÷ Q: the concentration limit that an allocated load allows."""
    formula = "C = L × (1 − SF) × 1000 ÷ Q"
    inputs = (
        Input("L", load_kg_d, "kg/d", "allocated load"),
        Input("SF", safety_factor, "", "safety factor"),
        Input("Q", flow_m3_d, "m³/d", "discharger flow"),
    )
    if flow_m3_d <= 0:
        return missing("C", "mg/L", formula, (*inputs[:2], Input("Q", None, "m³/d", "flow must be positive")))
    value = load_kg_d * (ONE - safety_factor) * THOUSAND / flow_m3_d
    worked = f"{fmt(load_kg_d)} × (1 − {fmt(safety_factor)}) × 1000 ÷ {fmt(flow_m3_d)} = {fmt(value)}"
    return Calc("C", value, "mg/L", formula, inputs, worked, BRYAN_OH)
