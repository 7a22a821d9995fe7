"""第五条第二项: opinions for prospective dischargers a reviewer would accept, pinned."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wastewater_eval.assessment.assess import assess_file
from wastewater_eval.standards import bundled_library
from wastewater_eval.standards.profiles import bundled_knowledge

from .conftest import CASES

LIB = bundled_library()


def opinion(name: str) -> dict[str, Any]:
    a = assess_file(CASES / "prospective" / name, as_of=dt.date(2025, 6, 1), library=LIB)
    assert a.track == "prospective"
    return a.to_dict()


def pollutant(o: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(p for p in o["opinion"]["pollutants"] if p["parameter"] == pid)


def test_electroplating_line_with_nickel_and_chromium() -> None:
    r = opinion("electroplating_line.yaml")
    o = r["opinion"]
    assert o["verdict"] == "connect_after_pretreatment"
    cr6 = pollutant(r, "hexavalent_chromium")
    assert cr6["status"] == "requires_pretreatment" and cr6["point"] == "workshop_outlet"
    assert cr6["limit_source"].startswith("DB 44/1597-2015")  # the Guangdong standard is the strictest
    assert cr6["required_reduction"] == pytest.approx(0.998, abs=0.001)
    ni = pollutant(r, "total_nickel")
    assert ni["class1"] and ni["status"] == "requires_pretreatment"
    assert {"pretreat_workshop", "pretreat_reduce"} <= {p["code"] for p in o["pretreatment"]}
    assert "condition_workshop_monitoring" in {c["code"] for c in o["conditions"]}
    # 铬酐 and 镀铬 point to chromium on their own (keywords), not only through the profile
    assert "keyword" in pollutant(r, "hexavalent_chromium")["origin"]


def test_hospital() -> None:
    r = opinion("hospital.yaml")
    fc = pollutant(r, "fecal_coliform")
    assert fc["limit_source"].startswith("GB 18466-2005")
    assert r["opinion"]["capacity"]["sufficient"] is True
    assert "condition_online_monitoring" in {c["code"] for c in r["opinion"]["conditions"]}  # 400 m³/d


def test_dyeing_plant() -> None:
    r = opinion("dyeing_plant.yaml")
    assert r["opinion"]["verdict"] == "connect_after_pretreatment"
    assert pollutant(r, "ph")["status"] == "requires_pretreatment"
    cod = pollutant(r, "cod")
    assert cod["status"] == "requires_pretreatment" and cod["limit_source"].startswith("GB 4287-2012")
    # GB 4287 binds COD (修改单 注(3)): a 第六条 agreement could not relax it, so none is suggested
    # (before issue 15 the opinion suggested one, against GB/T 31962 alone)
    assert "condition_agreement" not in {c["code"] for c in r["opinion"]["conditions"]}


def test_food_factory_within_limits_connects() -> None:
    r = opinion("food_factory.yaml")
    assert r["opinion"]["verdict"] == "connect"
    assert all(p["status"] in ("complies", "not_regulated") for p in r["opinion"]["pollutants"])


def test_too_large_for_spare_capacity() -> None:
    r = opinion("too_large.yaml")
    assert r["opinion"]["verdict"] == "do_not_connect"
    assert r["opinion"]["capacity"]["sufficient"] is False
    assert r["conclusions"]["connectable"] is False


def test_unknown_process_is_listed_never_ignored() -> None:
    r = opinion("unknown_process.yaml")
    assert {"kind": "process", "name": "激光雕刻清洗"} in r["opinion"]["unknown_items"]
    assert r["opinion"]["verdict"] is None  # cannot be decided until the discharger declares it
    assert any(c["code"] == "condition_declare_item" for c in r["opinion"]["conditions"])


def test_every_profile_number_cites_its_source() -> None:
    kb = bundled_knowledge()
    assert {
        "electroplating",
        "pcb_electronics",
        "textile_dyeing",
        "food_beverage",
        "medical",
        "leather_tanning",
    } <= set(kb.profiles)
    # the limits of an industry are standard files that name the profile; every row cites its table and item
    bound = [s for s in LIB if s.binding is not None and s.binding.industries]
    assert {i for s in bound for i in s.binding.industries} <= set(kb.profiles)
    for s in bound:
        assert s.extra["meta"].get("source"), s.code
        for r in s.rows():
            assert r.standard == s.code and r.table_number and r.item, (s.code, r)


@pytest.mark.parametrize(
    ("word", "pid"),
    [("铬酐", "hexavalent_chromium"), ("镀镍", "total_nickel"), ("氰化钠", "total_cyanide"), ("酸洗", "ph")],
)
def test_processes_and_materials_point_to_pollutants(word: str, pid: str) -> None:
    kb = bundled_knowledge()
    assert any(pid in k.parameters for k in kb.match(word))
