"""Invariants of the mass balances, for any numbers (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from wastewater_eval.plant import (
    FAIL,
    PASS,
    Sourced,
    after_removal,
    ahl_effluent,
    ahl_inhibition,
    flow_share,
    headworks,
    limit_check,
    mahl,
    mail,
    uniform_limit,
)

flows = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1e7"), places=3)
concentrations = st.decimals(min_value=Decimal(0), max_value=Decimal("1e5"), places=4)
fractions = st.decimals(min_value=Decimal(0), max_value=Decimal("0.999"), places=3)
factors = st.decimals(min_value=Decimal(0), max_value=Decimal("0.9"), places=2)
loads = st.decimals(min_value=Decimal(0), max_value=Decimal("1e5"), places=3)


def mg(v: Decimal) -> Sourced:
    return Sourced(v, "mg/L", "hypothesis")


@given(flows, concentrations, flows, concentrations)
def test_mixing_lies_between_the_two_concentrations(q_p: Decimal, c_p: Decimal, q_d: Decimal, c_d: Decimal) -> None:
    c_hw, l_hw = headworks(q_p, mg(c_p), q_d, mg(c_d))
    assert min(c_p, c_d) <= c_hw.value <= max(c_p, c_d)
    assert l_hw.value == (q_p * c_p + q_d * c_d) / 1000


@given(flows, concentrations, flows, concentrations, fractions, fractions)
def test_more_removal_never_raises_the_effluent(
    q_p: Decimal, c_p: Decimal, q_d: Decimal, c_d: Decimal, r1: Decimal, r2: Decimal
) -> None:
    c_hw, _ = headworks(q_p, mg(c_p), q_d, mg(c_d))
    low, high = sorted((r1, r2))
    e_low = after_removal("C_eff", c_hw, Sourced(low, "", "h"))
    e_high = after_removal("C_eff", c_hw, Sourced(high, "", "h"))
    assert e_high.value <= e_low.value


@given(concentrations, flows, fractions, fractions)
def test_more_removal_never_lowers_the_effluent_ahl(c: Decimal, q: Decimal, r1: Decimal, r2: Decimal) -> None:
    low, high = sorted((r1, r2))
    a_low = ahl_effluent(mg(c), q, Sourced(low, "", "h"))
    a_high = ahl_effluent(mg(c), q, Sourced(high, "", "h"))
    assert a_low.value <= a_high.value


@given(st.lists(loads, min_size=1, max_size=5), factors, loads, flows, flows)
def test_mail_never_exceeds_mahl_and_the_allocation_adds_up(
    ahl_values: list[Decimal], sf: Decimal, l_unc: Decimal, q_ind: Decimal, q_d: Decimal
) -> None:
    ahls = [ahl_inhibition("activated_sludge", mg(v), Decimal(1000), Sourced(Decimal(0), "", "h")) for v in ahl_values]
    m, _ = mahl(ahls)
    assert m.value == min(a.value for a in ahls)
    ml = mail(m, sf, Sourced(l_unc, "kg/d", "h"))
    assert ml.value <= m.value
    c_ind = uniform_limit(ml, q_ind)
    # a local limit is never zero or negative: with nothing left there is no limit, and the note says so
    assert (c_ind.value is not None and c_ind.value > 0) or (c_ind.value is None and c_ind.status == "exhausted")
    assert (c_ind.value is None) == (ml.value <= 0)
    if ml.value > 0:
        # exact up to Decimal's 28 significant digits
        assert abs(c_ind.value * q_ind / 1000 - ml.value) <= ml.value * Decimal("1e-24")
        assert flow_share(c_ind, q_d).value == c_ind.value * q_d / 1000


@given(concentrations, concentrations, factors)
def test_stable_compliance_implies_compliance(value: Decimal, limit: Decimal, sf: Decimal) -> None:
    c_hw, _ = headworks(Decimal(1), mg(value), Decimal(0), mg(value))
    check = limit_check("x", c_hw, mg(limit), "C_lim", sf)
    if check.stable == PASS:
        assert check.verdict == PASS
    if check.verdict == FAIL:
        assert check.stable == FAIL
