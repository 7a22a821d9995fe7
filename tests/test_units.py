"""Reading values as labs write them, and exact unit conversion (hypothesis for both)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wastewater_eval.errors import UnitError
from wastewater_eval.load.units import convert, parse_reading, same_dimension, split_basis


@pytest.mark.parametrize(
    ("text", "value", "unit", "detected", "dl"),
    [
        ("420 mg/L", "420", "mg/L", True, None),
        ("0.5mg/L", "0.5", "mg/L", True, None),
        ("<0.004 mg/L", None, "mg/L", False, "0.004"),
        ("ND(0.004 mg/L)", None, "mg/L", False, "0.004"),
        ("ND（0.004 mg/L）", None, "mg/L", False, "0.004"),
        ("未检出", None, None, False, None),
        ("0.004L", None, None, False, "0.004"),
        ("４２０ｍｇ／Ｌ", "420", "mg/L", True, None),
        ("＜0.05 mg/L", None, "mg/L", False, "0.05"),
        (7.4, "7.4", None, True, None),
        ("7.4", "7.4", None, True, None),
        ("20 ℃", "20", "°C", True, None),  # NFKC folds ℃ to °C
        ("50 倍", "50", "倍", True, None),
    ],
)
def test_values_as_labs_write_them(text, value, unit, detected, dl) -> None:
    r = parse_reading(text)
    assert r.value == (Decimal(value) if value else None)
    assert r.unit == unit
    assert r.detected is detected
    assert r.detection_limit == (Decimal(dl) if dl else None)


@pytest.mark.parametrize("text", ["abc", "", "mg/L", "--3 mg/L", "nan", "inf mg/L"])
def test_unreadable_values_are_errors(text) -> None:
    with pytest.raises(UnitError):
        parse_reading(text, "cod")


def test_bool_and_none_are_not_values() -> None:
    for v in (True, None, [1]):
        with pytest.raises(UnitError):
            parse_reading(v)


@pytest.mark.parametrize(
    ("text", "unit", "basis"),
    [
        ("mg/L 以N计", "mg/L", "N"),
        ("mg/L as N", "mg/L", "N"),
        ("mg/L（以P计）", "mg/L", "P"),
        ("mg/L as P", "mg/L", "P"),
        ("mg/L", "mg/L", None),
    ],
)
def test_basis_is_split_off_before_pint(text, unit, basis) -> None:
    assert split_basis(text) == (unit, basis)


def test_a_basis_written_with_a_value_is_not_part_of_the_unit() -> None:
    r = parse_reading("2 mg/L as N")
    assert (r.unit, r.basis) == ("mg/L", "N")
    assert convert(r.value, r.unit, "mg/L") == Decimal(2)


def test_equal_in_other_units_stays_equal() -> None:
    assert convert(Decimal("50"), "g/m³", "mg/L") == Decimal("50")
    assert convert(Decimal("500"), "μg/L", "mg/L") == Decimal("0.5")
    assert convert(Decimal("0.05"), "g/L", "mg/L") == Decimal("50")


def test_wrong_dimension_names_the_parameter() -> None:
    with pytest.raises(UnitError, match="cod") as e:
        convert(Decimal(3), "kg", "mg/L", "cod")
    assert e.value.expected == "mg/L"


def test_special_units() -> None:
    assert convert(Decimal(3), "mL/(L·15min)", "mL/L") == 3
    assert convert(Decimal(1000), "MPN/L", "个/L") == 1000
    assert convert(Decimal(10), "个/100mL", "个/L") == 100
    assert not same_dimension("倍", "mg/L")
    assert convert(Decimal("293.15"), "K", "℃") == Decimal("20")


decimals = st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("100000"), places=6, allow_nan=False)


@given(decimals)
def test_micrograms_round_trip_exactly(d: Decimal) -> None:
    assert convert(convert(d, "mg/L", "μg/L"), "μg/L", "mg/L") == d


@given(decimals)
def test_grams_per_cubic_metre_equal_milligrams_per_litre(d: Decimal) -> None:
    assert convert(d, "g/m³", "mg/L") == d


@given(decimals, st.sampled_from(["mg/L", "mg/l", " mg/L", "mg/L ", "ｍｇ／Ｌ"]))
def test_written_values_parse_to_the_same_number(d: Decimal, unit: str) -> None:
    text = f"{d}{unit}"
    r = parse_reading(text)
    assert r.value == d and r.unit is not None


@given(st.text(max_size=30))
def test_any_text_is_a_reading_or_a_unit_error(text: str) -> None:
    try:
        r = parse_reading(text, "x")
    except UnitError:
        return
    # whatever was understood is a number or a non-detect: never a silent pass
    assert r.value is not None or not r.detected


def test_every_known_spelling_is_read_by_pint() -> None:
    """is_known_unit trusts the alias table without starting pint: pint must agree."""
    from wastewater_eval.load.units import _KNOWN_EXPRESSIONS, _parsed_unit

    for expr in _KNOWN_EXPRESSIONS:
        assert _parsed_unit(expr) is not None, expr
