"""Loads, headworks mixing, predicted effluent and the checks, on numbers worked by hand."""

from __future__ import annotations

from decimal import Decimal

from wastewater_eval.load.units import convert
from wastewater_eval.plant import (
    FAIL,
    PASS,
    UNKNOWN,
    Sourced,
    after_removal,
    headworks,
    hydraulic_check,
    limit_check,
    load,
)
from wastewater_eval.plant.balance import load_capacity_check, verdict_word

D = Decimal


def mg(value: str) -> Sourced:
    return Sourced(D(value), "mg/L", "test")


def test_discharger_load() -> None:
    """L_d = C_d × Q_d ÷ 1000 = 400 mg/L × 500 m³/d ÷ 1000 = 200 kg/d.

    (400 mg/L = 400 g/m³; × 500 m³/d = 200 000 g/d = 200 kg/d.)
    """
    calc = load("L_d", mg("400"), D(500), "discharger flow", "C_d", "Q_d")
    assert calc.value == D(200)
    assert calc.unit == "kg/d"
    assert calc.formula == "L_d = C_d × Q_d ÷ 1000"
    assert calc.worked == "400 × 500 ÷ 1000 = 200"
    assert [i.symbol for i in calc.inputs] == ["C_d", "Q_d"]


def test_headworks_mixing_by_hand() -> None:
    """C_hw = (Q_p·C_p + Q_d·C_d) ÷ (Q_p + Q_d)
           = (9600 × 280 + 500 × 400) ÷ (9600 + 500)
           = (2 688 000 + 200 000) ÷ 10 100 = 2 888 000 ÷ 10 100 = 285.9406 mg/L
    L_hw = 2 888 000 ÷ 1000 = 2888 kg/d.
    """
    c_hw, l_hw = headworks(D(9600), mg("280"), D(500), mg("400"))
    assert c_hw.value == D(2_888_000) / D(10_100)
    assert round(c_hw.value, 4) == D("285.9406")
    assert l_hw.value == D(2888)
    assert c_hw.status == "ok"
    assert "(9600 × 280 + 500 × 400) ÷ (9600 + 500)" in c_hw.worked


def test_unknown_plant_influent_gives_a_lower_bound() -> None:
    """With C_p unknown it is taken as 0: C_hw = 500 × 2 ÷ 10 100 = 0.0990 mg/L, a lower bound."""
    c_hw, _ = headworks(D(9600), None, D(500), mg("2"))
    assert c_hw.status == "lower_bound"
    assert c_hw.value == D(1000) / D(10_100)
    # a lower bound can prove a failure, never a pass
    assert limit_check("x", c_hw, mg("1"), "C_lim", D("0.1")).verdict == UNKNOWN
    assert limit_check("x", c_hw, mg("0.05"), "C_lim", D("0.1")).verdict == FAIL


def test_predicted_effluent_and_stable_compliance() -> None:
    """C_eff = C_hw × (1 − R) = 285.9406 × (1 − 5/6) = 47.6568 mg/L (R = 1 − 50 ÷ 300 = 5/6).

    Against C_lim = 50: 47.66 ≤ 50 passes; stable needs ≤ 50 × (1 − 0.1) = 45: fails.
    Margin = 50 − 47.6568 = 2.3432; U = 47.6568 ÷ 50 = 0.9531.
    """
    c_hw, _ = headworks(D(9600), mg("280"), D(500), mg("400"))
    r = Sourced(D(1) - D(50) / D(300), "", "design")
    c_eff = after_removal("C_eff", c_hw, r)
    assert round(c_eff.value, 4) == D("47.6568")
    check = limit_check("effluent:cod", c_eff, mg("50"), "C_lim", D("0.10"))
    assert (check.verdict, check.stable) == (PASS, FAIL)
    assert verdict_word(check) == "compliant_not_stable"
    assert round(check.margin.value, 4) == D("2.3432")
    assert round(check.utilisation.value, 4) == D("0.9531")


def test_missing_removal_is_unknown_not_a_pass() -> None:
    c_hw, _ = headworks(D(9600), mg("280"), D(500), mg("400"))
    c_eff = after_removal("C_eff", c_hw, None)
    assert c_eff.value is None and c_eff.status == "unknown"
    check = limit_check("effluent:cod", c_eff, mg("50"), "C_lim", D("0.1"))
    assert check.verdict == UNKNOWN
    assert "missing input: R" in check.note


def test_hydraulic_capacity() -> None:
    """Q_total = 9600 + 500 = 10 100 > Q_design 10 000: fails (U = 1.01).
    Q_total = 150 000 + 500 = 150 500 ≤ 200 000 × 0.9 = 180 000: stable (U = 0.7525)."""
    small = hydraulic_check(D(9600), D(500), D(10_000), D("0.1"))
    assert small.verdict == FAIL and small.utilisation.value == D("1.01")
    big = hydraulic_check(D(150_000), D(500), D(200_000), D("0.1"))
    assert (big.verdict, big.stable) == (PASS, PASS)
    assert big.utilisation.value == D("0.7525")
    assert big.margin.value == D(49_500)


def test_load_capacity() -> None:
    """L_design = 300 × 10 000 ÷ 1000 = 3000 kg/d; L_hw = 2888 ≤ 3000 passes, > 2700 (× 0.9) not stable."""
    _, l_hw = headworks(D(9600), mg("280"), D(500), mg("400"))
    check = load_capacity_check("cod", l_hw, mg("300"), D(10_000), D("0.1"))
    assert check.limit.value == D(3000)
    assert (check.verdict, check.stable) == (PASS, FAIL)


def test_check_to_dict_keeps_formula_and_inputs() -> None:
    c_hw, _ = headworks(D(100), mg("10"), D(100), mg("30"))
    d = limit_check("x", c_hw, mg("25"), "C_lim", D("0.1")).to_dict()
    assert d["value"]["value"] == 20
    assert d["value"]["formula"] == "C_hw = (Q_p × C_p + Q_d × C_d) ÷ (Q_p + Q_d)"
    assert {i["symbol"] for i in d["value"]["inputs"]} == {"Q_p", "C_p", "Q_d", "C_d"}
    assert d["verdict"] == PASS and d["stable"] == PASS  # 20 ≤ 22.5


def test_reproduces_a_published_load_example_in_si() -> None:
    """Published (water-chemistry.in, "Calculating BOD, COD, or SS loading on an aeration process",
    2009): BOD 210 mg/L at 1 550 000 gpd = 1.55 MGD: 210 × 1.55 × 8.34 = 2715 lb/day.

    SI: Q = 1.55 MGD × 3785.411784 = 5867.388 m³/d; L = 210 × 5867.388 ÷ 1000 = 1232.15 kg/d;
    back in US units 1232.15 ÷ 0.45359237 = 2716.4 lb/d. The 1.4 lb/d (0.05 %) difference is the
    rounded factor 8.34 (exactly 8.3454).
    """
    flow = convert(D("1.55"), "Mgal/d", "m³/d")
    calc = load("L", mg("210"), flow)
    assert round(calc.value, 2) == D("1232.15")
    in_lb = convert(calc.value, "kg/d", "lb/d")
    assert abs(in_lb - D(2715)) / D(2715) < D("0.0007")
