"""第四条: the conclusions change when only the plant changes.

Hand computation (removal derived from the design: R = 1 − C_lim ÷ C_design = 1 − 5 ÷ 25 = 0.8;
GB 18918-2002 一级A ammonia 5 mg/L; safety factor 0.1, so "stable" means C_eff ≤ 4.5 mg/L):

big plant, 120 000 m³/d at 20 mg/L, discharger 3 000 m³/d
  at 40 mg/L: C_hw = (120000×20 + 3000×40) ÷ 123000 = 20.488; C_eff = 4.098 ≤ 4.5: stable pass
  at 60 mg/L: C_hw = (120000×20 + 3000×60) ÷ 123000 = 20.976; C_eff = 4.195 ≤ 4.5: stable pass
small plant, 9 500 m³/d at 24 mg/L, design 10 000 m³/d
  at 40 mg/L: C_hw = (9500×24 + 3000×40) ÷ 12500 = 27.84; C_eff = 5.568 > 5: fail
  hydraulic: 9500 + 3000 = 12500 > 10000: fail
"""

from __future__ import annotations

import datetime as dt

from wastewater_eval.assessment.assess import assess_file
from wastewater_eval.assessment.result import Assessment
from wastewater_eval.standards import bundled_library

from .conftest import CASES

LIB = bundled_library()


def run(name: str) -> Assessment:
    return assess_file(CASES / name, as_of=dt.date(2024, 6, 1), library=LIB)


def check(a: Assessment, check_id: str) -> dict:
    section = a.extra["plant"]
    if check_id == "hydraulic_capacity":
        return section["hydraulic"]
    kind, pid = check_id.split(":")[:2]
    return section["parameters"][pid][f"{kind}_check" if kind == "effluent" else kind]


def test_within_limits_on_a_big_plant_is_fine() -> None:
    a = run("plant_big_nh3_40.yaml")
    eff = check(a, "effluent:ammonia_nitrogen")
    assert (eff["verdict"], eff["stable"]) == ("pass", "pass")
    assert round(float(eff["value"]["value"]), 3) == 4.098
    assert a.conclusions["may_affect_effluent"].value is False
    assert a.conclusions["report_to_district"].value is False


def test_the_same_discharger_threatens_a_small_plant_near_capacity() -> None:
    a = run("plant_small_nh3_40.yaml")
    eff = check(a, "effluent:ammonia_nitrogen")
    assert eff["verdict"] == "fail" and round(float(eff["value"]["value"]), 3) == 5.568
    assert check(a, "hydraulic_capacity")["verdict"] == "fail"
    assert a.conclusions["may_affect_effluent"].value is True
    assert a.conclusions["report_to_district"].value is True
    assert {"PLT-010", "PLT-030"} <= set(a.conclusions["may_affect_effluent"].because)


def test_an_exceedance_the_big_plant_absorbs_is_reported_as_such() -> None:
    a = run("plant_big_nh3_60.yaml")
    (nh3,) = [f for f in a.findings if f.subject == "measurement" and f.parameter == "ammonia_nitrogen"]
    assert nh3.status == "exceeds"  # above GB/T 31962: recorded
    assert any(r.code == "absorbed_with_margin" for r in a.recommendations)
    assert a.conclusions["may_affect_effluent"].value is False


def test_the_same_exceedance_on_the_small_plant_is_an_effluent_risk() -> None:
    a = run("plant_small_nh3_60.yaml")
    assert a.conclusions["may_affect_effluent"].value is True


def test_the_plant_section_shows_formulas() -> None:
    a = run("plant_small_nh3_40.yaml")
    eff = check(a, "effluent:ammonia_nitrogen")
    assert eff["value"]["formula"] == "C_eff = C_hw × (1 − R)"
    assert a.to_dict()["plant"]["schema"] == "wasteval/plant/v1"
