"""The HJ 212 code table (standards/protocols/hj212-codes.yaml): loads, fits the catalogue, fails loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from wastewater_eval.errors import InputError
from wastewater_eval.load.units import same_dimension
from wastewater_eval.standards.parameters import Catalogue
from wastewater_eval.tracking import CodeTable, load_code_table
from wastewater_eval.tracking.codes import codes_file


def test_every_mapped_code_fits_its_parameter(codes: CodeTable, catalogue: Catalogue) -> None:
    mapped = [c for c in codes.codes() if c.parameter is not None and c.unit is not None]
    assert len(mapped) > 40
    for c in mapped:
        assert same_dimension(c.unit, catalogue.get(c.parameter).unit), c


@pytest.mark.parametrize(
    ("code", "parameter", "unit", "legacy"),
    [
        ("w01018", "cod", "mg/L", False),
        ("W01018", "cod", "mg/L", False),
        ("w21003", "ammonia_nitrogen", "mg/L", False),
        ("w21011", "total_phosphorus", "mg/L", False),
        ("w21001", "total_nitrogen", "mg/L", False),
        ("w01001", "ph", "", False),
        ("w20121", "total_nickel", "mg/L", False),
        ("w20111", "total_mercury", "μg/L", False),
        ("w20113", "alkyl_mercury", "ng/L", False),
        ("011", "cod", "mg/L", True),
        ("060", "ammonia_nitrogen", "mg/L", True),
        ("001", "ph", "", True),
        ("101", "total_phosphorus", "mg/L", True),
        ("020", "total_mercury", None, True),  # HJ/T 212-2005 unit not verified
        ("w00000", None, "L/s", False),  # flow: not in the catalogue
        ("b01", None, "L/s", True),
    ],
)
def test_codes(codes: CodeTable, code: str, parameter: str | None, unit: str | None, legacy: bool) -> None:
    c = codes.code(code)
    assert c is not None
    assert (c.parameter, c.unit, c.legacy) == (parameter, unit, legacy)


def test_unknown_code(codes: CodeTable) -> None:
    assert codes.code("a21026") is None


def test_flags(codes: CodeTable) -> None:
    assert {f.flag for f in codes.flags()} == set("NFMSDCTBP")
    assert [f.flag for f in codes.flags() if f.valid] == ["N"]
    assert codes.flag_is_valid("N") and codes.flag_is_valid(None)
    assert not codes.flag_is_valid("M") and not codes.flag_is_valid("Md")
    assert codes.flag_from_text("维护") == "M" and codes.flag_from_text("calibration") == "C"
    assert codes.flag_from_text("？") is None


def test_commands_and_editions(codes: CodeTable) -> None:
    assert {c.cn: (c.interval, c.value_field) for c in codes.commands()} == {
        "2011": ("realtime", "Rtd"),
        "2051": ("minute", "Avg"),
        "2061": ("hour", "Avg"),
        "2031": ("day", "Avg"),
    }
    assert codes.edition_keys() == {0: "2005", 1: "2017", 2: "2025"}
    edition = codes.edition(2)
    assert edition is not None and not edition.verified


def test_the_table_cites_its_sources() -> None:
    header = codes_file().read_text(encoding="utf-8").split("\ncodes:")[0]
    for needle in ("HJ 212-2017", "表B.1", "srdgame/lua-HJ212", "HJ/T 212-2005", "FORMAT"):
        assert needle in header


def test_every_problem_in_a_bad_table_is_reported_with_its_line(tmp_path: Path, catalogue: Catalogue) -> None:
    text = codes_file().read_text(encoding="utf-8")
    text = text.replace("load_unit: kg, parameter: cod, legacy", "load_unit: kg, parameter: cud, legacy", 1)
    text = text.replace("{code: w21003, name_zh: 氨氮, unit: mg/L,", "{code: w21003, name_zh: 氨氮, unit: kg,", 1)
    text = text.replace("{code: w21017,", "{code: w21016,", 1)
    text = text.replace("{flag: P,", "{flag: N,", 1)
    bad = tmp_path / "hj212-codes.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_code_table(catalogue, bad)
    found = {(p.location.field, p.message.split(" (")[0]) for p in err.value.problems}
    assert ("parameter", "'cud' is not in the parameter catalogue") in found
    assert ("unit", "unit 'kg' does not fit ammonia_nitrogen") in found
    assert any(f == "code" and "also at line" in m for f, m in found)
    assert ("flag", "flag 'N' listed twice") in found
    assert all(p.location.line > 0 and p.location.path == str(bad) for p in err.value.problems)
