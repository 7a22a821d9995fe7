"""One discharger, two plants: the whole plant-side assessment, and its JSON section."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from wastewater_eval.inputs.discharger import load_discharger
from wastewater_eval.plant import (
    FAIL,
    PASS,
    UNKNOWN,
    Allocation,
    DischargerInput,
    InhibitionThreshold,
    PlantModel,
    PlantModelError,
    Sourced,
    assess_plant,
    build_plant,
    bundled_defaults,
    discharger_input,
    effluent_limits_from_standard,
    effluent_limits_from_surface_class,
    effluent_limits_given,
    parse_effluent_standard,
    plant_from_record,
    strictest,
)
from wastewater_eval.standards import bundled_library
from wastewater_eval.standards.parameters import load_catalogue

from ..conftest import EXAMPLES

D = Decimal


def close(a: Decimal | None, b: Decimal) -> bool:
    """Equal up to Decimal's 28 significant digits (R = 5/6 is not exact in decimal)."""
    return a is not None and abs(a - b) <= D("1e-20") * max(D(1), abs(b))


LIB = bundled_library()
GRADE_1A = effluent_limits_from_standard(LIB, "一级A")


def discharger() -> DischargerInput:
    return DischargerInput("test discharger", D(500), {"cod": Sourced(D(400), "mg/L", "test sample")})


def big_plant() -> PlantModel:
    return build_plant(
        "big",
        design_capacity=D(200_000),
        current_flow=D(150_000),
        design_influent={"cod": D(300)},
        current_influent={"cod": D(250)},
        effluent_limits=GRADE_1A,
        defaults=bundled_defaults(),
    )


def small_plant() -> PlantModel:
    return build_plant(
        "small, near capacity",
        design_capacity=D(10_000),
        current_flow=D(9_600),
        design_influent={"cod": D(300)},
        current_influent={"cod": D(280)},
        effluent_limits=GRADE_1A,
        defaults=bundled_defaults(),
    )


def test_gb18918_grade_limits_come_from_the_standards_data() -> None:
    assert GRADE_1A["cod"].value == D(50)
    assert GRADE_1A["cod"].source == "GB 18918-2002 表1 第1项 一级A"
    assert "ph" not in GRADE_1A  # a range, not a concentration for the mass balance
    assert GRADE_1A["total_mercury"].value == D("0.001")  # 表2 applies whatever the grade
    cold = effluent_limits_from_standard(LIB, "一级A", conditions={"water_temperature_le_12": True})
    assert cold["ammonia_nitrogen"].value == D(8) and GRADE_1A["ammonia_nitrogen"].value == D(5)
    with pytest.raises(PlantModelError, match="grade"):
        effluent_limits_from_standard(LIB, "四级")


def test_parse_effluent_standard() -> None:
    assert parse_effluent_standard("GB 18918-2002 一级A") == ("GB 18918-2002", "一级A")
    assert parse_effluent_standard("GB18918-2002一级 B标准") == ("GB 18918-2002", "一级B")
    assert parse_effluent_standard("GB 3838-2002 IV") is None


def test_a_stricter_local_set_wins_where_it_is_stricter() -> None:
    """A stricter local requirement (an illustrative test value, not a GB 3838 figure) replaces 50 by 30."""
    local = effluent_limits_given({"化学需氧量": "30", "总磷": 9}, "local requirement (test value)", load_catalogue())
    limits = strictest(GRADE_1A, local)
    assert limits["cod"] == Sourced(D(30), "mg/L", "local requirement (test value)")
    assert limits["total_phosphorus"].source.startswith("GB 18918-2002")  # 0.5 < 9


def test_gb3838_class_limits_as_a_stricter_local_set() -> None:
    """GB 3838-2002 表1 class IV as the plant's effluent requirement: wherever it is lower than
    GB 18918 一级A it wins, with its own source; total nitrogen applies to lakes only."""
    iv = effluent_limits_from_surface_class(LIB, "IV")
    row = next(r for r in LIB.get("GB 3838-2002").table("table1").rows if r.parameter == "cod")
    assert iv["cod"].value == row.limit("IV").value and iv["cod"].source.startswith("GB 3838-2002 表1")
    assert "dissolved_oxygen" not in iv and "ph" not in iv  # a minimum and a range
    assert "total_nitrogen" not in iv
    assert "total_nitrogen" in effluent_limits_from_surface_class(LIB, "IV", {"water_body": "lake_reservoir"})
    limits = strictest(GRADE_1A, iv)
    for pid, lim in limits.items():
        assert lim.value == min(x[pid].value for x in (GRADE_1A, iv) if pid in x)
    with pytest.raises(PlantModelError, match="water class"):
        effluent_limits_from_surface_class(LIB, "VI")


def test_same_discharger_big_plant_versus_small_plant_near_capacity() -> None:
    """Discharger: 500 m³/d of COD 400 mg/L. Effluent limit GB 18918-2002 一级A COD 50; SF 0.10.
    Both plants: design influent COD 300, so R = 1 − 50 ÷ 300 = 5/6 (derived from the design).

    Big plant (design 200 000, current 150 000 m³/d at COD 250):
      C_hw  = (150 000 × 250 + 500 × 400) ÷ 150 500 = 37 700 000 ÷ 150 500 = 250.498 mg/L
      C_eff = 250.498 ÷ 6 = 41.750 ≤ 45 (= 50 × 0.9): stable
      Q: 150 500 ≤ 180 000: stable.  COD load 37 700 ≤ 54 000 (= 60 000 × 0.9): stable
      AHL_eff = 50 × 150 500 × 6 ÷ 1000 = 45 150; AHL_design = 300 × 200 000 ÷ 1000 = 60 000
      MAHL = 45 150 (effluent governs); MAIL = 45 150 × 0.9 − 37 500 = 3135 kg/d
      C_ind = 3135 × 1000 ÷ 500 = 6270 mg/L ≥ 400: passes.
    Small plant (design 10 000, current 9 600 m³/d at COD 280):
      C_hw  = (9 600 × 280 + 500 × 400) ÷ 10 100 = 2 888 000 ÷ 10 100 = 285.941 mg/L
      C_eff = 285.941 ÷ 6 = 47.657: ≤ 50 compliant, > 45 not stable
      Q: 10 100 > 10 000: fails.  COD load 2888 ≤ 3000 but > 2700: not stable
      AHL_eff = 50 × 10 100 × 6 ÷ 1000 = 3030; AHL_design = 300 × 10 000 ÷ 1000 = 3000
      MAHL = 3000 (design governs); MAIL = 3000 × 0.9 − 2688 = 12 kg/d
      C_ind = 12 × 1000 ÷ 500 = 24 mg/L < 400: fails.
    """
    big = assess_plant(big_plant(), discharger())
    small = assess_plant(small_plant(), discharger())

    b, s = big.parameter("cod"), small.parameter("cod")
    assert b.headworks_concentration.value == D(37_700_000) / D(150_500)
    assert round(b.predicted_effluent.value, 3) == D("41.750")
    assert (b.effluent.verdict, b.effluent.stable) == (PASS, PASS)
    assert (big.hydraulic.verdict, big.hydraulic.stable) == (PASS, PASS)
    assert (b.load_capacity.verdict, b.load_capacity.stable) == (PASS, PASS)
    assert close(b.local_limit.mahl.value, D(45_150)) and b.local_limit.governing == "AHL_eff"
    assert close(b.local_limit.mail.value, D(3135))
    assert close(b.local_limit.recommended.value, D(6270))
    assert b.local_limit.discharger_check.verdict == PASS
    assert big.summary()["fail"] == [] and big.summary()["not_stable"] == []

    assert round(s.predicted_effluent.value, 3) == D("47.657")
    assert (s.effluent.verdict, s.effluent.stable) == (PASS, FAIL)
    assert small.hydraulic.verdict == FAIL
    assert (s.load_capacity.verdict, s.load_capacity.stable) == (PASS, FAIL)
    assert s.local_limit.mahl.value == D(3000) and s.local_limit.governing == "AHL_design"
    assert s.local_limit.mail.value == D(12)
    assert s.local_limit.recommended.value == D(24)
    assert s.local_limit.discharger_check.verdict == FAIL
    assert set(small.summary()["fail"]) == {"hydraulic_capacity", "local_limit:cod"}
    assert set(small.summary()["not_stable"]) == {"effluent:cod", "load_capacity:cod"}


def test_explicit_allocation_over_industrial_flow() -> None:
    """Small plant, COD, with a given allocation: L_unc (domestic) = 2000 kg/d, Q_ind = 1600 m³/d.
    MAIL = 3000 × 0.9 − 2000 = 700 kg/d; C_ind = 700 × 1000 ÷ 1600 = 437.5 mg/L ≥ 400: passes;
    this discharger's flow share 437.5 × 500 ÷ 1000 = 218.75 kg/d (= 700 × 500 ÷ 1600)."""
    alloc = Allocation({"cod": Sourced(D(2000), "kg/d", "domestic survey (test value)")}, D(1600))
    a = assess_plant(small_plant(), discharger(), allocation=alloc).parameter("cod").local_limit
    assert (a.mail.value, a.recommended.value, a.allowed_load.value) == (D(700), D("437.5"), D("218.75"))
    assert a.discharger_check.verdict == PASS
    assert "uniform concentration" in a.basis


def test_flow_basis_design() -> None:
    """Q_POTW = Q_design = 10 000: AHL_eff = 50 × 10 000 × 6 ÷ 1000 = 3000."""
    a = assess_plant(small_plant(), discharger(), flow_basis="design")
    assert a.q_potw.value == D(10_000)
    assert close(a.parameter("cod").local_limit.ahls[0].value, D(3000))
    with pytest.raises(ValueError, match="flow_basis"):
        assess_plant(small_plant(), discharger(), flow_basis="peak")


def test_inhibition_check_against_a_given_threshold() -> None:
    """Copper (test values): threshold 1 mg/L for activated sludge; C_p = 0.05, C_d = 20.
    C_hw = (9 600 × 0.05 + 500 × 20) ÷ 10 100 = 10 480 ÷ 10 100 = 1.0376 > 1: inhibition fails.
    AHL_inhib = 1 × 10 100 ÷ (1 − 0) ÷ 1000 = 10.1 kg/d; MAIL = 10.1 × 0.9 − 0.48 = 8.61;
    C_ind = 8.61 × 1000 ÷ 500 = 17.22 mg/L < 20."""
    plant = build_plant(
        "small",
        design_capacity=D(10_000),
        current_flow=D(9_600),
        current_influent={"total_copper": D("0.05")},
        effluent_limits=GRADE_1A,
        inhibition=[InhibitionThreshold("total_copper", "activated_sludge", D(1), "site test (test value)")],
    )
    d = DischargerInput("plater", D(500), {"total_copper": Sourced(D(20), "mg/L", "test")})
    p = assess_plant(plant, d).parameter("total_copper")
    assert p.inhibition[0].verdict == FAIL
    assert round(p.inhibition[0].value.value, 4) == D("1.0376")
    assert "R_prim unknown" in p.inhibition[0].note
    assert p.effluent.verdict == UNKNOWN  # no removal efficiency for copper: not evaluated, not passed
    assert p.local_limit.governing == "AHL_inhib[activated_sludge]"
    assert p.local_limit.recommended.value == D("17.22")


def test_nitrification_threshold_ignored_where_the_plant_does_not_nitrify() -> None:
    t = InhibitionThreshold("total_zinc", "nitrification", D(1), "test value")
    plant = build_plant("p", design_capacity=D(100), current_flow=D(50), inhibition=[t], nitrification="none")
    d = DischargerInput("d", D(5), {"total_zinc": Sourced(D(3), "mg/L", "test")})
    assert assess_plant(plant, d).parameter("total_zinc").inhibition == ()


def test_missing_plant_data_is_reported_not_passed() -> None:
    plant = build_plant("unknown plant", design_capacity=None, current_flow=None)
    a = assess_plant(plant, discharger())
    assert a.hydraulic.verdict == UNKNOWN
    assert a.parameter("cod").effluent.verdict == UNKNOWN
    assert "cod: the plant model has no data for this parameter" in a.notes
    assert a.summary()["pass"] == []


def test_to_dict_is_json_with_formulas_everywhere() -> None:
    out = assess_plant(small_plant(), discharger()).to_dict()
    text = json.dumps(out, ensure_ascii=False)
    assert out["schema"] == "wasteval/plant/v1"
    assert out["plant"]["safety_factor"]["value"] == 0.1
    assert "Washington Court House" in out["plant"]["safety_factor"]["source"]
    cod = out["parameters"]["cod"]
    assert cod["predicted_effluent"]["formula"] == "C_eff = C_hw × (1 − R)"
    assert cod["local_limit"]["mahl"]["formula"] == "MAHL = min(AHL_eff, AHL_design)"
    assert cod["effluent_outcome"] == "compliant_not_stable"
    assert out["hydraulic_outcome"] == "exceeds"
    assert "Appendix R" in text and "unverified" in text  # the unverified defaults are named
    assert json.loads(text) == out


def test_from_the_example_discharger_file() -> None:
    """The example file's plant: 100 000 m³/d design, 86 000 current, GB 18918-2002 一级A,
    design COD 250: R = 1 − 50 ÷ 250 = 0.8. Its composite sample: COD 420 mg/L at 120 m³/d.
    Current plant COD unknown: C_hw = 120 × 420 ÷ 86 120 = 0.5852 mg/L, a lower bound, so the
    effluent check is unknown (a lower bound proves only failures)."""
    d = load_discharger(EXAMPLES / "discharger.example.yaml", load_catalogue())
    assert d.plant is not None and d.flow_average is not None
    plant = plant_from_record(d.plant, LIB, defaults=bundled_defaults())
    assert plant.setup("cod").removal.value == D("0.8")
    assert plant.setup("cod").effluent_limit.value == D(50)
    sample = d.samples[0]
    di = discharger_input(d.name, d.flow_average, sample.values, f"sample {sample.id}")
    assert di.concentrations["cod"].value == D(420)
    assert di.concentrations["hexavalent_chromium"].value == D("0.004")  # non-detect at its DL
    a = assess_plant(plant, di)
    cod = a.parameter("cod")
    assert cod.headworks_concentration.status == "lower_bound"
    assert cod.effluent.verdict == UNKNOWN
    assert a.hydraulic.verdict == PASS


def test_importing_the_plant_package_does_not_import_click() -> None:
    code = "import sys, wastewater_eval.plant; print('click' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
