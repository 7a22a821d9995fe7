"""The default data files in standards/plant/: what they hold, and what the loader refuses."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from wastewater_eval.errors import InputError
from wastewater_eval.plant import bundled_defaults, load_plant_defaults
from wastewater_eval.plant.data import INHIBITION_FILE, REMOVAL_FILE, SLUDGE_FILE

from ..conftest import ROOT

VERIFIED_SOURCE = """\
kind: {kind}
sources:
  - id: s1
    citation: A site study (test fixture)
    status: verified
  - id: u1
    citation: A source that could not be read (test fixture)
    status: unverified
entries:
{entries}
"""


def write(folder: Path, removal_entries: str = "  []", inhibition_entries: str = "  []") -> Path:
    (folder / REMOVAL_FILE).write_text(
        VERIFIED_SOURCE.format(kind="removal_efficiencies", entries=removal_entries), encoding="utf-8"
    )
    (folder / INHIBITION_FILE).write_text(
        VERIFIED_SOURCE.format(kind="inhibition_thresholds", entries=inhibition_entries), encoding="utf-8"
    )
    return folder


# GB 50014-2021 表7.1.2 as printed (处理效率 %): the low end of each range is the default.
TABLE_7_1_2 = {
    "primary_sedimentation": {"suspended_solids": "40~55", "bod5": "20~30", "total_phosphorus": "5~10"},
    "biofilm": {"suspended_solids": "60~90", "bod5": "65~90", "total_nitrogen": "60~85"},
    "activated_sludge": {
        "suspended_solids": "70~90",
        "bod5": "65~95",
        "total_nitrogen": "60~85",
        "total_phosphorus": "75~85",
    },
    "advanced_treatment": {
        "suspended_solids": "90~99",
        "bod5": "80~96",
        "total_nitrogen": "65~90",
        "total_phosphorus": "80~95",
    },
}
# GB 18918-2002 表6 (mg/kg 干污泥): acid soil (pH<6.5), neutral and alkaline soil (pH>=6.5).
TABLE_6 = {
    "total_cadmium": ("5", "20"),
    "total_mercury": ("5", "15"),
    "total_lead": ("300", "1000"),
    "total_chromium": ("600", "1000"),
    "total_arsenic": ("75", "75"),
    "total_nickel": ("100", "200"),
    "total_zinc": ("2000", "3000"),
    "total_copper": ("800", "1500"),
    "total_boron": ("150", "150"),
    "petroleum": ("3000", "3000"),
    "benzo_a_pyrene": ("3", "3"),
    "aox": ("500", "500"),
    "pcb": ("0.2", "0.2"),
}


def test_bundled_removals_are_the_low_end_of_gb_50014_2021_table_7_1_2() -> None:
    d = bundled_defaults()
    expected = {
        (pid, process): Decimal(printed.split("~")[0]) / 100
        for process, row in TABLE_7_1_2.items()
        for pid, printed in row.items()
    }
    assert {k: v.value for k, v in d.removals.items()} == expected
    for (pid, process), r in d.removals.items():
        assert r.source.startswith("GB 50014-2021") and TABLE_7_1_2[process][pid] in r.source


def test_bundled_sludge_limits_are_gb_18918_2002_table_6() -> None:
    d = bundled_defaults()
    acid = d.sludge_limits("land_application", "acid")
    alkaline = d.sludge_limits("land_application", "neutral_alkaline")
    assert {p: (str(acid[p].value), str(alkaline[p].value)) for p in acid} == TABLE_6
    assert "表6 序号6 (acid)" in acid["total_nickel"].source
    assert d.sludge_limits("landfill", None) == {}


def test_bundled_files_name_what_could_not_be_verified() -> None:
    d = bundled_defaults()
    assert d.thresholds == {}
    assert {s.id for s in d.unverified()} == {"epa-2004-appendix-r", "epa-2004-appendix-g"}
    for name in (REMOVAL_FILE, INHIBITION_FILE, SLUDGE_FILE):
        text = (ROOT / "standards" / "plant" / name).read_text(encoding="utf-8")
        assert text.startswith("# ") and "FORMAT" in text and "VERIFIED" in text.upper()


def test_verified_entries_load_with_their_locator(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        "  - {parameter: total_copper, process: activated_sludge, removal: 0.75, source: s1, locator: table 2}",
        "  - {parameter: total_zinc, process: nitrification, threshold: 0.5, source: s1, locator: table 3}",
    )
    d = load_plant_defaults(folder)
    r = d.removal_for("total_copper", "activated_sludge")
    assert r is not None and r.value == Decimal("0.75")
    assert r.source == "A site study (test fixture), table 2"
    assert d.thresholds_for("total_zinc")[0].value == Decimal("0.5")
    assert d.parameters() == {"total_copper", "total_zinc"}


def test_every_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        "\n".join(
            [
                "  - {parameter: total_copper, process: activated_sludge, removal: 0.75, source: u1, locator: x}",
                "  - {parameter: copper_ish, process: activated_sludge, removal: 0.5, source: s1, locator: x}",
                "  - {parameter: total_zinc, process: digester, removal: 0.5, source: s1, locator: x}",
                "  - {parameter: total_lead, process: activated_sludge, removal: 75, source: s1, locator: x}",
                "  - {parameter: total_nickel, process: activated_sludge, removal: 0.3, source: s1}",
                "  - {parameter: total_cadmium, process: activated_sludge, removal: 0.3, source: s1, locator: x}",
                "  - {parameter: total_cadmium, process: activated_sludge, removal: 0.4, source: s1, locator: y}",
            ]
        ),
        "  - {parameter: total_zinc, process: nitrification, threshold: 0, source: s1, locator: x}",
    )
    with pytest.raises(InputError) as err:
        load_plant_defaults(folder)
    messages = [f"{p.location.line}: {p.message}" for p in err.value.problems]
    text = "\n".join(messages)
    assert "10: source 'u1' is unverified: a default must be read from a verified copy" in text
    assert "11: unknown parameter 'copper_ish'" in text
    assert "12: expected one of primary_sedimentation, biofilm, activated_sludge, advanced_treatment" in text
    assert "13: 75 is not a fraction between 0 and 1" in text
    assert "14: say where in the source the number is printed" in text
    assert "16: total_cadmium/activated_sludge repeated (first at line 15)" in text
    assert "0 is not positive" in text
    assert all(p.location.path.endswith((REMOVAL_FILE, INHIBITION_FILE)) for p in err.value.problems)


def test_duplicate_keys_and_wrong_kind_are_refused(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / REMOVAL_FILE).write_text("kind: inhibition_thresholds\nkind: x\nsources: []\nentries: []\n")
    with pytest.raises(InputError, match="duplicate key 'kind'"):
        load_plant_defaults(tmp_path)


def test_sludge_limits_file_problems_are_reported_with_their_line(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / SLUDGE_FILE).write_text(
        VERIFIED_SOURCE.format(
            kind="sludge_limits",
            entries="\n".join(
                [
                    "  - {parameter: total_nickel, route: compost, unit: mg/kg, limits: {acid: 1}, source: s1,"
                    " locator: x}",
                    "  - {parameter: total_zinc, route: land_application, unit: mg/kg, limits: {acid: 1},"
                    " source: u1, locator: x}",
                    "  - {parameter: total_lead, route: land_application, unit: mg/L, limits: {acid: 1},"
                    " source: s1, locator: x}",
                    "  - {parameter: total_copper, route: land_application, unit: mg/kg, limits: {clay: 1},"
                    " source: s1, locator: x}",
                    "  - {parameter: total_cadmium, route: land_application, unit: mg/kg, limits: {acid: -1},"
                    " source: s1, locator: x}",
                ]
            ),
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_plant_defaults(tmp_path)
    text = "\n".join(f"{p.location.line}: {p.message}" for p in err.value.problems)
    assert "10: expected one of land_application, landfill" in text
    assert "11: cite a declared source with status: verified" in text
    assert "12: a parameter's sludge limit must be in mg/kg (dry solids)" in text
    assert "13: expected a value for each of acid, neutral_alkaline" in text
    assert "14: -1 is not a positive number" in text
