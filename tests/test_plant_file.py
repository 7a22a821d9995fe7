"""第四条 with the plant model written in the discharger file: stricter local effluent, the plant's own
removal, site inhibition thresholds, the sludge route, and the bundled defaults where the file is silent.

Hand computation for tests/cases/plant_local_limits.yaml (Q_p = 80 000 m³/d, Q_d = 500 m³/d, SF = 10 %):

ammonia, C_p = 20, C_d = 40, R = 90 % (given)
  C_hw = (80000 × 20 + 500 × 40) ÷ 80500 = 20.1242;  C_eff = 20.1242 × 0.1 = 2.0124 mg/L
  GB 3838-2002 class IV (表1 第7项) 1.5 mg/L: fails; with GB 18918-2002 一级A alone (5 mg/L): 2.0124 ≤ 4.5, stable
nickel, C_p = 0.01, C_d = 0.8, R = 0.4 (given), local effluent limit 0.02 mg/L
  AHL_eff = 0.02 × 80500 ÷ (1 − 0.4) ÷ 1000 = 2.68333 kg/d
  AHL_inhib = 1 × 80500 ÷ 1000 = 80.5 (activated sludge); 0.25 × 80.5 = 20.125 (nitrification)
  AHL_sludge = 100 (GB 18918-2002 表6, acid soil) × 20 000 ÷ 0.4 ÷ 10⁶ = 5 kg/d
  MAHL = 2.68333 (AHL_eff); MAIL = 2.68333 × 0.9 − 0.8 = 1.615; C_ind = 1.615 × 1000 ÷ 500 = 3.23 mg/L
without the local nickel limit (GB 18918-2002 表2 0.05 mg/L): AHL_eff = 6.70833, so the sludge governs:
  acid soil: MAHL = 5, MAIL = 5 × 0.9 − 0.8 = 3.7, C_ind = 7.4 mg/L
  neutral/alkaline soil (表6: 200): AHL_sludge = 10, so AHL_eff governs: MAIL = 5.2375, C_ind = 10.475 mg/L
  landfill: no sludge criterion (GB 18918-2002 4.3.3 sets no numbers)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from wastewater_eval.assessment.assess import assess_file
from wastewater_eval.assessment.result import Assessment
from wastewater_eval.standards import bundled_library

from .conftest import CASES

LIB = bundled_library()
CASE = (CASES / "plant_local_limits.yaml").read_text(encoding="utf-8")


def run(tmp_path: Path, *edits: tuple[str, str]) -> Assessment:
    text = CASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    return assess_file(path, as_of=dt.date(2024, 6, 1), library=LIB)


def param(a: Assessment, pid: str) -> dict[str, Any]:
    return dict(a.extra["plant"]["parameters"][pid])


def ahls(a: Assessment, pid: str) -> dict[str, float]:
    ll = param(a, pid)["local_limit"]
    return {c["symbol"]: round(c["value"], 5) for c in ll["allowable_headworks_loadings"]}


NO_LOCAL_NICKEL = ("    effluent_local_limits:\n      总镍: 0.02 mg/L\n", "")


def test_a_stricter_local_effluent_class_decides_the_effluent_check(tmp_path: Path) -> None:
    a = run(tmp_path)
    eff = param(a, "ammonia_nitrogen")["effluent_check"]
    assert eff["verdict"] == "fail" and round(eff["value"]["value"], 4) == 2.0124
    assert eff["limit"]["value"] == 1.5 and eff["limit"]["inputs"][0]["source"] == "GB 3838-2002 表1 第7项 IV"
    # Issue 15: without the discharger the plant already fails (20 × (1 − 0.9) = 2.0 > 1.5), so it is
    # the plant's own finding, addressed to the operator, not the discharger's (before: True)
    base = param(a, "ammonia_nitrogen")["without_discharger"]["effluent:ammonia_nitrogen"]
    assert base["verdict"] == "fail" and round(base["value"]["value"], 4) == 2.0
    assert a.conclusions["may_affect_effluent"].value is False
    assert any(w.code == "plant_own_margin" for w in a.warnings)


def test_the_same_discharger_is_fine_when_the_plant_meets_only_grade_1a(tmp_path: Path) -> None:
    a = run(tmp_path, ("    effluent_surface_class: IV\n", ""))
    eff = param(a, "ammonia_nitrogen")["effluent_check"]
    assert (eff["verdict"], eff["stable"], eff["limit"]["value"]) == ("pass", "pass", 5)
    assert a.conclusions["may_affect_effluent"].value is False


def test_given_removal_safety_factor_and_thresholds_are_used_and_cited(tmp_path: Path) -> None:
    a = run(tmp_path)
    plant = a.extra["plant"]["plant"]
    assert plant["safety_factor"] == {"value": 0.1, "source": "discharger file, receiving.plant.safety_factor"}
    ni = param(a, "total_nickel")
    assert ni["removal"]["source"] == "discharger file, receiving.plant.removal: 0.4 (line 30)"
    assert [c["limit"]["value"] for c in ni["inhibition"]] == [1, 0.25]
    assert ahls(a, "total_nickel") == {
        "AHL_eff": 2.68333,
        "AHL_inhib[activated_sludge]": 80.5,
        "AHL_inhib[nitrification]": 20.125,
        "AHL_sludge": 5,
    }
    ll = ni["local_limit"]
    assert ll["governing_criterion"] == "AHL_eff"
    assert round(ll["mail"]["value"], 5) == 1.615 and round(ll["recommended_limit"]["value"], 5) == 3.23


@pytest.mark.parametrize(
    ("sludge", "governing", "c_ind", "sludge_ahl"),
    [
        ("route: land_application\n      soil: acid", "AHL_sludge", 7.4, 5),
        ("route: land_application\n      soil: neutral_alkaline", "AHL_eff", 10.475, 10),
        ("route: landfill", "AHL_eff", 10.475, None),
    ],
)
def test_the_sludge_route_decides_whether_metals_in_sludge_bind(
    tmp_path: Path, sludge: str, governing: str, c_ind: float, sludge_ahl: float | None
) -> None:
    a = run(tmp_path, NO_LOCAL_NICKEL, ("route: land_application\n      soil: acid", sludge))
    ll = param(a, "total_nickel")["local_limit"]
    assert ll["governing_criterion"] == governing
    assert round(ll["recommended_limit"]["value"], 5) == c_ind
    assert ahls(a, "total_nickel").get("AHL_sludge") == sludge_ahl
    criterion = a.extra["plant"]["plant"]["sludge"]["criterion"]
    assert ("表6" in criterion) == (sludge_ahl is not None)


def test_a_bundled_default_removal_is_used_where_the_plant_says_nothing(tmp_path: Path) -> None:
    a = run(
        tmp_path,
        ("      总镍: 0.01 mg/L\n", "      总镍: 0.01 mg/L\n      总磷: 4 mg/L\n"),
        ("      总镍: 0.8 mg/L\n", "      总镍: 0.8 mg/L\n      总磷: 3 mg/L\n"),
    )
    tp = param(a, "total_phosphorus")
    assert tp["removal"]["value"] == 0.75
    assert "GB 50014-2021" in tp["removal"]["source"] and "printed 75~85" in tp["removal"]["source"]
    c_hw = (Decimal(80000) * 4 + Decimal(500) * 3) / Decimal(80500)
    assert round(tp["predicted_effluent"]["value"], 6) == round(float(c_hw * Decimal("0.25")), 6)


def test_the_design_of_the_plant_beats_the_generic_table(tmp_path: Path) -> None:
    a = run(
        tmp_path,
        ("      氨氮: 25 mg/L\n", "      氨氮: 25 mg/L\n      总磷: 4 mg/L\n"),
        ("      总镍: 0.8 mg/L\n", "      总镍: 0.8 mg/L\n      总磷: 3 mg/L\n"),
    )
    # 一级A 总磷 0.5 mg/L and GB 3838 IV (river) 0.3 mg/L: R = 1 − 0.3 ÷ 4 = 0.925
    tp = param(a, "total_phosphorus")
    assert tp["removal"]["value"] == 0.925 and tp["removal"]["source"].startswith("derived from the design")


def test_a_criterion_that_applies_but_cannot_be_computed_blocks_a_pass(tmp_path: Path) -> None:
    # sludge to land binds nickel (表6), but without the dry sludge mass AHL_sludge cannot be computed;
    # it might be the lowest, so MAHL, MAIL and C_ind are upper bounds and the discharger cannot pass
    a = run(tmp_path, NO_LOCAL_NICKEL, ("      dry_mass: 20 t/d\n", ""))
    ll = param(a, "total_nickel")["local_limit"]
    assert "AHL_sludge" in ll["mahl"]["note"] and ll["mahl"]["status"] == "upper_bound"
    assert ll["mail"]["status"] == ll["recommended_limit"]["status"] == "upper_bound"
    check = ll["discharger_check"]
    assert check["verdict"] == "unknown" and check["note"] == "C_ind is an upper bound: a pass is not proven"
