"""Allowable headworks loadings, MAHL, MAIL and the allocated limit, worked by hand, and a
published local-limits table reproduced in SI units."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wastewater_eval.load.units import convert
from wastewater_eval.plant import (
    Sourced,
    ahl_design,
    ahl_effluent,
    ahl_inhibition,
    ahl_sludge,
    concentration_from_load,
    flow_share,
    mahl,
    mail,
    uniform_limit,
)

D = Decimal


def s(value: str, unit: str = "mg/L") -> Sourced:
    return Sourced(D(value), unit, "test value")


def test_ahls_mahl_mail_and_uniform_limit_by_hand() -> None:
    """One pollutant, every criterion, worked by hand (test values, SI units):

    Q_POTW = 20 000 m³/d, R_POTW = 0.8, R_prim = 0.2, SF = 0.1.
    AHL_eff    = C_crit × Q_POTW ÷ (1 − R) ÷ 1000   = 0.5 × 20 000 ÷ 0.2 ÷ 1000   = 50 kg/d
    AHL_inhib  = C_inhib × Q_POTW ÷ (1 − R_prim) ÷ 1000 = 1 × 20 000 ÷ 0.8 ÷ 1000 = 25 kg/d
    AHL_sludge = C_sludge × M_DS ÷ R ÷ 10⁶           = 500 × 10 000 ÷ 0.8 ÷ 10⁶  = 6.25 kg/d
    MAHL = min(50, 25, 6.25) = 6.25 kg/d (sludge governs)
    L_unc = 0.05 mg/L × 15 000 m³/d ÷ 1000 = 0.75 kg/d
    MAIL = 6.25 × (1 − 0.1) − 0.75 − 0 = 5.625 − 0.75 = 4.875 kg/d
    C_ind = MAIL × 1000 ÷ Q_ind = 4.875 × 1000 ÷ 2000 = 2.4375 mg/L
    L_d,allow = 2.4375 × 500 ÷ 1000 = 1.21875 kg/d = MAIL × 500 ÷ 2000.
    """
    q = D(20_000)
    r = s("0.8", "")
    eff = ahl_effluent(s("0.5"), q, r)
    inhib = ahl_inhibition("activated_sludge", s("1"), q, s("0.2", ""), "primary")
    sludge = ahl_sludge(s("500", "mg/kg"), s("10000", "kg/d"), r)
    assert (eff.value, inhib.value, sludge.value) == (D(50), D(25), D("6.25"))
    assert inhib.formula == "AHL_inhib[activated_sludge] = C_inhib × Q_POTW ÷ (1 − R_prim) ÷ 1000"
    m, governing = mahl([eff, inhib, sludge])
    assert m.value == D("6.25") and governing == "AHL_sludge"
    mail_calc = mail(m, D("0.1"), s("0.75", "kg/d"))
    assert mail_calc.value == D("4.875")
    c_ind = uniform_limit(mail_calc, D(2000))
    assert c_ind.value == D("2.4375")
    share = flow_share(c_ind, D(500))
    assert share.value == D("1.21875") == mail_calc.value * D(500) / D(2000)


def test_inhibition_without_primary_removal_uses_the_headworks_concentration() -> None:
    """R_prim unknown is taken as 0: AHL = 1 × 20 000 ÷ 1 ÷ 1000 = 20 kg/d, and the note says so."""
    calc = ahl_inhibition("nitrification", s("1"), D(20_000), None, "primary")
    assert calc.value == D(20)
    assert "taken as 0" in calc.note


def test_design_loading() -> None:
    """AHL_design = C_design × Q_design ÷ 1000 = 300 × 10 000 ÷ 1000 = 3000 kg/d."""
    assert ahl_design(s("300"), D(10_000)).value == D(3000)


def test_complete_removal_and_no_removal_are_unbounded() -> None:
    assert ahl_effluent(s("0.5"), D(100), s("1", "")).status == "unbounded"
    assert ahl_sludge(s("500", "mg/kg"), s("1000", "kg/d"), s("0", "")).status == "unbounded"
    m, governing = mahl([ahl_effluent(s("0.5"), D(100), s("1", ""))])
    assert m.status == "unbounded" and governing is None


def test_mahl_leaves_out_what_cannot_be_computed_and_says_so() -> None:
    eff = ahl_effluent(s("0.5"), D(20_000), None)  # removal unknown
    inhib = ahl_inhibition("activated_sludge", s("1"), D(20_000), s("0", ""))
    m, governing = mahl([eff, inhib])
    assert m.value == D(20) and governing == "AHL_inhib[activated_sludge]"
    assert "AHL_eff" in m.note


def test_exhausted_headroom_gives_no_limit_but_words() -> None:
    """MAIL = 10 × 0.9 − 12 = −3 kg/d: nothing is left. Issue 15: no "C_ind = 0 mg/L" (it was 0 before);
    no value, the status says the headroom is exhausted and the note says so in words."""
    m, _ = mahl([ahl_design(s("1"), D(10_000))])
    c_ind = uniform_limit(mail(m, D("0.1"), s("12", "kg/d")), D(100), name="总镍")
    assert c_ind.value is None and c_ind.status == "exhausted"
    assert "no allowable industrial loading" in c_ind.note
    assert "the plant has no remaining allowable load for 总镍" in c_ind.note


# Washington Court House, Ohio, Codified Ordinances (Ord. 6-94, passed 1994-04-27), Table No. 9,
# "Mass proportion calculations for copper", as published at
# https://codelibrary.amlegal.com/codes/washingtonch/latest/washingtonCH_oh/0-0-0-1507
# Columns: industrial user, industry flow (MGD), maximum allowable (lb/day), allowable discharge
# concentration (mg/L, "10 percent safety factor included").
WASHINGTON_CH_TABLE_9 = [
    ("Cortec", "0.002", "0.0045", "0.243"),
    ("Mac Tool", "0.015", "0.0115", "0.083"),
    ("Mead Containers", "0.005", "0.09", "1.942"),
    ("Sugar Creek Packing", "0.0036", "0.0031", "0.093"),
    ("Sunshine Laundry", "0.0048", "0.0135", "0.303"),
    ("YUSA Corp.", "0.0197", "0.0065", "0.036"),
    ("Biewer Co.", "0.001", "0.0025", "0.27"),
    ("Bundy Tubing", "0.0026", "0.005", "0.208"),
    ("Calmar Kenskill", "0.022", "0.078", "0.383"),
    ("Calmar, Spring Plant", "0.0007", "0.0035", "0.54"),
    ("Car Shine Auto Wash", "0.0067", "0.016", "0.257"),
    ("Crestar Foods", "0.002", "0.004", "0.22"),
    ("Doane Products", "0.0067", "0.0085", "0.137"),
    ("Frozen Food Locker", "0.0004", "0.00015", "0.041"),
    ("Record Herald", "0.00065", "0.0015", "0.249"),
    ("Thatcher Tubing", "0.0012", "0.004", "0.36"),
]


@pytest.mark.parametrize(
    ("user", "mgd", "lb_day", "published"), WASHINGTON_CH_TABLE_9, ids=[r[0] for r in WASHINGTON_CH_TABLE_9]
)
def test_reproduces_washington_court_house_table_9(user: str, mgd: str, lb_day: str, published: str) -> None:
    """The last step of the local-limits method: an allocated load becomes a concentration limit.

    US units, as published: C = L (lb/d) × (1 − SF) ÷ (8.34 × Q (MGD)), SF = 0.10.
    SI units, as implemented: C = L (kg/d) × (1 − SF) × 1000 ÷ Q (m³/d).

    Conversion (exact factors; pint does them through wastewater_eval.units.convert):
        1 MGD  = 10⁶ US gal/d × 3.785411784 L/gal = 3785.411784 m³/d
        1 lb/d = 0.45359237 kg/d
    so 8.34 stands for 1 ÷ (0.45359237 × 1000 ÷ 3785.411784) = 8.3454 (mg/L per lb/d per MGD).

    Cortec by hand: L = 0.0045 lb/d = 0.0020412 kg/d; Q = 0.002 MGD = 7.5708 m³/d;
        C = 0.0020412 × 0.9 × 1000 ÷ 7.5708 = 0.24265 mg/L; published 0.243.
    Mead Containers: L = 0.09 × 0.45359237 = 0.040823 kg/d; Q = 0.005 × 3785.411784 = 18.927 m³/d;
        C = 0.040823 × 0.9 × 1000 ÷ 18.927 = 1.9412 mg/L; published 1.942 (8.34 instead of 8.3454
        makes the published figure 0.065 % higher).

    Tolerance: half a unit in the last printed digit (the table prints 2 or 3 decimals) plus 0.2 %
    for the rounded 8.34 and the table's intermediate rounding.
    """
    load_kg = convert(D(lb_day), "lb/d", "kg/d")
    flow_m3 = convert(D(mgd), "Mgal/d", "m³/d")
    calc = concentration_from_load(load_kg, flow_m3, D("0.10"))
    decimals = len(published.split(".")[1])
    tolerance = D("0.5") * D(10) ** -decimals + D("0.002") * D(published)
    assert abs(calc.value - D(published)) <= tolerance, (user, calc.worked)


def test_us_conversion_factor_is_the_published_8_34() -> None:
    """kg/d per (mg/L × m³/d) is 1/1000; in US units lb/d per (mg/L × MGD) is 8.3454, printed 8.34."""
    per_lb = convert(D(1), "lb/d", "kg/d") * 1000 / convert(D(1), "Mgal/d", "m³/d")
    assert round(1 / per_lb, 2) == D("8.35") and abs(1 / per_lb - D("8.34")) < D("0.006")
