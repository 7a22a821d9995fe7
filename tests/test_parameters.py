"""One canonical id per substance, whatever a standard or a lab calls it."""

from __future__ import annotations

import pytest

from wastewater_eval.errors import UnknownParameterError
from wastewater_eval.standards.parameters import load_catalogue


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


@pytest.mark.parametrize(
    ("name", "pid"),
    [
        ("氨氮", "ammonia_nitrogen"),
        ("氨氮(NH3-N)", "ammonia_nitrogen"),
        ("氨氮（以N计）", "ammonia_nitrogen"),
        ("NH3-N", "ammonia_nitrogen"),
        ("COD", "cod"),
        ("CODcr", "cod"),
        ("化学需氧量", "cod"),
        ("BOD5", "bod5"),
        ("五日生化需氧量", "bod5"),
        ("SS", "suspended_solids"),
        ("TP", "total_phosphorus"),
        ("TN", "total_nitrogen"),
        ("LAS", "las"),
        ("pH值", "ph"),
        ("pH", "ph"),
        ("总镍", "total_nickel"),
        ("六价铬", "hexavalent_chromium"),
        ("总氰化物", "total_cyanide"),
        ("total_nickel", "total_nickel"),
        ("Total nickel", "total_nickel"),
        ("AOX", "aox"),
    ],
)
def test_names_resolve_to_one_id(cat, name, pid) -> None:
    assert cat.resolve(name).id == pid


def test_unknown_name_suggests_the_nearest(cat) -> None:
    with pytest.raises(UnknownParameterError) as e:
        cat.resolve("总镍镍")
    assert "总镍" in e.value.suggestions


def test_class1_pollutants_are_marked(cat) -> None:
    for pid in (
        "total_mercury",
        "total_cadmium",
        "total_chromium",
        "hexavalent_chromium",
        "total_arsenic",
        "total_lead",
        "total_nickel",
        "benzo_a_pyrene",
        "total_beryllium",
        "total_silver",
        "total_alpha",
        "total_beta",
        "alkyl_mercury",
    ):
        assert cat.get(pid).has("class1"), pid


def test_biodegradable_indicators(cat) -> None:
    assert {p.id for p in cat if p.has("biodegradable")} >= {"bod5", "cod"}
    assert not cat.get("total_nickel").has("biodegradable")
