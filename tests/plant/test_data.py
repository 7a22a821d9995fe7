"""The default data files in standards/plant/: what they hold, and what the loader refuses."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from wastewater_eval.errors import InputError
from wastewater_eval.plant import bundled_defaults, load_plant_defaults
from wastewater_eval.plant.data import INHIBITION_FILE, REMOVAL_FILE

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


def test_bundled_files_load_and_name_what_could_not_be_verified() -> None:
    d = bundled_defaults()
    assert d.removals == {} and d.thresholds == {}
    assert {s.id for s in d.unverified()} == {"epa-2004-appendix-r", "epa-2004-appendix-g"}
    for name in (REMOVAL_FILE, INHIBITION_FILE):
        text = (ROOT / "standards" / "plant" / name).read_text(encoding="utf-8")
        assert text.startswith("# ") and "FORMAT" in text and "STATUS OF THIS FILE" in text


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
    assert "12: expected one of activated_sludge, nitrification" in text
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
