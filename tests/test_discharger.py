"""Discharger files: the example works as it stands; every error names file, line and field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from wastewater_eval.errors import InputError
from wastewater_eval.inputs.discharger import load_discharger, parse_discharger
from wastewater_eval.standards.parameters import load_catalogue

from .conftest import EXAMPLES

CAT = load_catalogue()

MINIMAL = """\
schema: wasteval/discharger/v1
discharger: {id: D1, name: 测试厂, district: 黄埔区, status: existing}
receiving:
  plant: {treatment_level: secondary}
samples:
  - id: s1
    taken: 2024-01-02T10:00
    values:
      化学需氧量: 420 mg/L
"""


def errors(text: str) -> list[tuple[int, str, str]]:
    with pytest.raises(InputError) as e:
        parse_discharger(text, "d.yaml", CAT)
    return [(p.location.line, p.location.field, p.message) for p in e.value.problems]


def test_the_example_is_read_as_it_stands() -> None:
    d = load_discharger(EXAMPLES / "discharger.example.yaml", CAT)
    assert d.id == "GZ-HP-2023-0042" and d.status == "existing"
    assert d.flow_average == Decimal(120) and d.plant and d.plant.design_capacity == Decimal(100000)
    assert [s.id for s in d.samples] == ["2023-03-02-A", "2023-03-02-W"]
    values = {m.parameter.id: m.reading for m in d.samples[0].values}
    assert values["hexavalent_chromium"].detected is False
    assert values["total_cyanide"].detection_limit == Decimal("0.004")
    assert values["ph"].value == Decimal("7.4")
    (agreement,) = d.agreements
    assert agreement.valid_until == dt.date(2024, 1, 9)
    assert {t.parameter.id for t in agreement.limits} == {"bod5", "cod"}
    assert len(d.sha256) == 64


def test_minimal_file() -> None:
    d = parse_discharger(MINIMAL, "d.yaml", CAT)
    assert d.samples[0].values[0].parameter.id == "cod"


def test_unknown_field_is_named_with_its_line() -> None:
    assert errors(MINIMAL.replace("status: existing", "status: existing, colour: red")) == [
        (2, "discharger", "unknown field: 'colour' was unexpected")
    ]


def test_wrong_enum_value() -> None:
    ((line, field, message),) = errors(MINIMAL.replace("secondary", "tertiary"))
    assert (line, field) == (4, "receiving.plant.treatment_level")
    assert "reclamation" in message


def test_unknown_parameter_suggests_names() -> None:
    ((line, field, message),) = errors(MINIMAL.replace("化学需氧量", "化学需氧"))
    assert (line, field) == (9, "samples[0].values.化学需氧")
    assert "化学需氧量" in message


def test_wrong_dimension_names_the_parameter() -> None:
    ((line, field, message),) = errors(MINIMAL.replace("420 mg/L", "3 kg"))
    assert (line, field) == (9, "samples[0].values.化学需氧量")
    assert "kg" in message and "mg/L" in message


def test_contradicting_basis_is_an_error() -> None:
    ((line, _, message),) = errors(MINIMAL.replace("化学需氧量: 420 mg/L", "氨氮: 38 mg/L as P"))
    assert line == 9 and "以P计" in message


def test_unreadable_value() -> None:
    ((line, _, message),) = errors(MINIMAL.replace("420 mg/L", "lots"))
    assert line == 9 and "number" in message


def test_the_same_parameter_twice_in_one_sample() -> None:
    ((line, _, message),) = errors(MINIMAL + "      COD: 400 mg/L\n")
    assert line == 10 and "same parameter" in message


def test_existing_discharger_needs_samples() -> None:
    text = MINIMAL.split("samples:")[0]
    assert errors(text)[0][1] == "samples"


def test_all_problems_are_reported_at_once() -> None:
    text = MINIMAL.replace("secondary", "tertiary").replace("status: existing", "status: old")
    assert len(errors(text)) == 2


def test_bad_dates() -> None:
    assert errors(MINIMAL.replace("2024-01-02T10:00", "yesterday"))[0][:2] == (7, "samples[0].taken")


def test_flow_needs_a_unit() -> None:
    text = MINIMAL.replace("status: existing}", "status: existing, flow: {average: '120'}}")
    ((_line, field, message),) = errors(text)
    assert field == "discharger.flow.average" and "unit" in message


PLANT_MODEL = MINIMAL.replace(
    "  plant: {treatment_level: secondary}\n",
    """\
  plant:
    treatment_level: secondary
    process: biofilm
    nitrification: separate_stage
    safety_factor: 15 %
    effluent_surface_class: IV
    effluent_local_limits: {总镍: 0.05 mg/L}
    removal: {总镍: 40 %, 总铜: 0.75}
    inhibition:
      总铜: {activated_sludge: 1 mg/L, nitrification: 50 µg/L}
    sludge: {route: land_application, soil: acid, dry_mass: 9.5 t/d}
""",
)


def test_the_plant_model_section_is_read_exactly() -> None:
    d = parse_discharger(PLANT_MODEL, "d.yaml", CAT)
    p = d.plant
    assert p is not None
    assert (p.process, p.nitrification, p.safety_factor) == ("biofilm", "separate_stage", Decimal("0.15"))
    assert p.effluent_surface_class == "IV"
    assert [(x.parameter.id, x.value) for x in p.effluent_local_limits] == [("total_nickel", Decimal("0.05"))]
    assert [(x.parameter.id, x.value, x.line) for x in p.removal] == [
        ("total_nickel", Decimal("0.4"), 11),
        ("total_copper", Decimal("0.75"), 11),
    ]
    assert [(t.parameter.id, t.process, t.value) for t in p.inhibition] == [
        ("total_copper", "activated_sludge", Decimal("1")),
        ("total_copper", "nitrification", Decimal("0.05")),
    ]
    assert p.sludge is not None and (p.sludge.route, p.sludge.soil, p.sludge.dry_mass) == (
        "land_application",
        "acid",
        Decimal("9500"),
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("总镍: 40 %", "总镍: 140 %", (11, "receiving.plant.removal.总镍", "'140 %' is outside 0 to 1 (0 % to 100 %)")),
        (
            "总镍: 40 %",
            "总镍: lots",
            (11, "receiving.plant.removal.总镍", "'lots' is not a fraction (0.85) or a percentage ('85 %')"),
        ),
        ("总镍: 40 %", "镍铜合金: 40 %", (11, "receiving.plant.removal.镍铜合金", "unknown parameter")),
        ("safety_factor: 15 %", "safety_factor: 1", (8, "receiving.plant.safety_factor", "must be below 1 (100 %)")),
        ("nitrification: 50 µg/L", "nitrification: 50 m³/d", (13, "receiving.plant.inhibition.总铜.nitrification", "")),
        (
            "总铜: {activated_sludge",
            "pH值: {activated_sludge",
            (13, "receiving.plant.inhibition.pH值.activated_sludge", "is not measured in mg/L"),
        ),
        ("soil: acid, ", "", (14, "receiving.plant.sludge.soil", "land application needs the soil")),
        ("route: land_application", "route: compost", (14, "receiving.plant.sludge.route", "'compost' is not one of")),
        ("effluent_surface_class: IV", "effluent_surface_class: 4", (9, "receiving.plant.effluent_surface_class", "")),
    ],
)
def test_plant_model_mistakes_are_named_at_their_line(old: str, new: str, expected: tuple[int, str, str]) -> None:
    assert old in PLANT_MODEL
    problems = errors(PLANT_MODEL.replace(old, new))
    line, field, message = expected
    assert any(p[0] == line and p[1] == field and message in p[2] for p in problems), problems
