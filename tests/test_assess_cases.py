"""Realistic cases with the verdicts a reviewer of the Measures would expect, pinned."""

from __future__ import annotations

import datetime as dt

import pytest

from wastewater_eval.assessment.assess import assess_file
from wastewater_eval.assessment.result import Assessment
from wastewater_eval.standards import bundled_library

from .conftest import CASES, EXAMPLES

LIB = bundled_library()


def run(name: str, as_of: str = "2024-06-30", engine: str = "auto") -> Assessment:
    path = EXAMPLES / name if name.startswith("discharger") else CASES / name
    return assess_file(path, as_of=dt.date.fromisoformat(as_of), engine=engine, library=LIB)


def status(a: Assessment, parameter: str, sample: str | None = None) -> set[str]:
    return {
        f.status
        for f in a.findings
        if f.subject == "measurement"
        and f.parameter == parameter
        and (sample is None or f.sample == sample)
        and f.status in ("exceeds", "complies", "inconclusive", "not_regulated")
    }


def conclusions(a: Assessment) -> dict[str, bool | None]:
    return {k: c.value for k, c in a.conclusions.items()}


@pytest.mark.parametrize("engine", ["python", "durable-rules"])
def test_compliant_food_plant(engine: str) -> None:
    a = run("food_plant_compliant.yaml", engine=engine)
    assert a.standard["grade"] == "B"
    assert all(
        status(a, p) == {"complies"}
        for p in (
            "cod",
            "bod5",
            "suspended_solids",
            "ammonia_nitrogen",
            "total_phosphorus",
            "animal_vegetable_oil",
            "ph",
        )
    )
    c = conclusions(a)
    assert (c["effectively_treatable"], c["may_affect_effluent"], c["report_to_district"]) == (True, False, False)
    assert a.notifications == []


def test_electroplating_over_nickel() -> None:
    a = run("electroplating_nickel.yaml")
    assert status(a, "total_nickel", "W-2024-04-02") == {"exceeds"}
    c = conclusions(a)
    assert c["effectively_treatable"] is False and c["report_to_district"] is True
    assert any(n.recipient == "district_water_authority" and n.article == "第五条第一项" for n in a.notifications)
    assert any(r.code == "pretreat" and r.parameter == "total_nickel" for r in a.recommendations)
    # hexavalent chromium and nickel were sampled at the workshop outlet: no sampling-point finding for them
    assert not any(f.status == "wrong_sampling_point" and f.parameter == "total_nickel" for f in a.findings)


def test_brewery_inside_its_agreement() -> None:
    a = run("brewery_agreement.yaml", as_of="2023-10-01")
    (bod,) = [f for f in a.findings if f.parameter == "bod5" and f.subject == "measurement"]
    assert (bod.status, bod.basis, bod.limit) == ("complies", "agreement", 1000)
    load = [f for f in a.findings if f.subject == "load"]
    assert [(f.status, f.value) for f in load] == [("complies", 400)]  # 800 mg/L × 500 m³/d ÷ 1000
    assert conclusions(a)["report_to_district"] is False


def test_same_brewery_after_the_agreement_expired() -> None:
    a = run("brewery_expired.yaml", as_of="2024-05-01")
    (bod,) = [f for f in a.findings if f.parameter == "bod5" and f.subject == "measurement"]
    assert (bod.status, bod.basis) == ("exceeds", "standard")
    c = conclusions(a)
    assert c["may_affect_effluent"] is True and c["report_to_district"] is True
    assert any(f.subject == "agreement" and f.status == "expired" for f in a.findings)
    recipients = {(n.recipient, n.article) for n in a.notifications}
    assert ("ecology_environment_bureau", "第八条") in recipients
    assert ("district_water_authority", "第八条") in recipients


def test_clean_enough_for_reuse() -> None:
    a = run("clean_reuse.yaml")
    assert conclusions(a)["reuse_encouraged"] is True
    assert any(r.code == "encourage_reuse" for r in a.recommendations)


def test_reuse_needs_the_basic_items() -> None:
    a = run("food_plant_compliant.yaml")
    assert conclusions(a)["reuse_encouraged"] is False  # COD 320 is far above class IV


def test_primary_plant_selects_grade_c() -> None:
    a = run("primary_plant_grade_c.yaml")
    assert a.standard["grade"] == "C"
    (cod,) = [f for f in a.findings if f.parameter == "cod" and f.subject == "measurement"]
    assert cod.status == "exceeds" and cod.limit_source and "C级" in cod.limit_source


def test_nondetect_above_its_limit_is_never_a_pass() -> None:
    a = run("nondetect_above_limit.yaml")
    assert status(a, "total_mercury") == {"inconclusive"}
    assert conclusions(a)["effectively_treatable"] is None


def test_example_file() -> None:
    a = run("discharger.example.yaml", as_of="2024-06-01")
    assert status(a, "total_nickel") == {"exceeds"}
    assert status(a, "hexavalent_chromium") == {"complies"}
    assert any(f.status == "wrong_sampling_point" and f.parameter == "hexavalent_chromium" for f in a.findings)
    c = conclusions(a)
    assert c["effectively_treatable"] is False and c["report_to_district"] is True
    assert a.provenance["input_sha256"] and a.engine in ("durable-rules", "python")


def test_outside_the_measures_period_warns() -> None:
    a = run("food_plant_compliant.yaml", as_of="2028-01-01")
    assert any(w.code == "outside_measures" for w in a.warnings)
