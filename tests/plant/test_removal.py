"""A plant's own removal efficiency: EPA 2004 guidance §5.1.1 Equations 5.1 and 5.2, by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wastewater_eval.plant import PlantModelError, as_removal, removal_adre, removal_mre

D = Decimal


def test_average_daily_removal_efficiency() -> None:
    """Eq. 5.1: pairs (100, 10), (200, 40), (50, 5):
    daily removals 0.9, 0.8, 0.9; R = (0.9 + 0.8 + 0.9) ÷ 3 = 0.86667."""
    calc = removal_adre([(D(100), D(10)), (D(200), D(40)), (D(50), D(5))])
    assert calc.value == (D("0.9") + D("0.8") + D("0.9")) / 3
    assert calc.symbol == "R_POTW"
    assert "Equation 5.1" in calc.reference


def test_mean_removal_efficiency() -> None:
    """Eq. 5.2: Ī = (100 + 200 + 50) ÷ 3 = 116.667; Ē = (10 + 40 + 5) ÷ 3 = 18.333;
    R = (116.667 − 18.333) ÷ 116.667 = 295 ÷ 350 = 0.842857."""
    calc = removal_mre([D(100), D(200), D(50)], [D(10), D(40), D(5)], stage="primary")
    assert calc.value == D(295) / D(350)
    assert calc.symbol == "R_prim"
    assert "Equation 5.2" in calc.reference


def test_no_data_is_unknown() -> None:
    assert removal_adre([]).status == "unknown"
    assert removal_mre([], [D(1)]).value is None


def test_bad_data_is_named() -> None:
    with pytest.raises(PlantModelError, match=r"influent\[2\]"):
        removal_adre([(D(10), D(1)), (D(0), D(0))], parameter="total_copper")
    with pytest.raises(PlantModelError, match="stage"):
        removal_mre([D(1)], [D(1)], stage="tertiary")


def test_negative_removal_is_kept_as_zero_for_the_model() -> None:
    calc = removal_mre([D(10)], [D(12)])
    assert calc.value == D("-0.2")
    r = as_removal(calc)
    assert r is not None and r.value == 0 and "limited to 0..1" in r.source
