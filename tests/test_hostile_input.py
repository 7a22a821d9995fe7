"""Hostile and broken input: a result or a clear error, never a traceback, never a false pass.

A longer run of the same properties: ``python benchmarks/fuzz_discharger.py --inputs 100000``.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wastewater_eval.assessment.assess import assess
from wastewater_eval.errors import InputError, UnitError
from wastewater_eval.inputs.discharger import Discharger, parse_discharger
from wastewater_eval.load.units import parse_reading
from wastewater_eval.standards import bundled_library

from . import fuzzing
from .conftest import CASES, EXAMPLES

LIB = bundled_library()
EXAMPLE = (EXAMPLES / "discharger.example.yaml").read_text(encoding="utf-8")

JUDGED = ("exceeds", "complies", "inconclusive", "not_regulated")


PLANT_CASE = (CASES / "plant_local_limits.yaml").read_text(encoding="utf-8")


def mutate(data: st.DataObject, text: str = EXAMPLE) -> str:
    return fuzzing.mutate(
        text,
        lambda lo, hi: data.draw(st.integers(lo, hi)),
        lambda seq: data.draw(st.sampled_from(seq)),
        lambda n: data.draw(st.text(max_size=n)),
    )


def parsed_or_clearly_refused(text: str) -> Discharger | None:
    """The parsed file, or None when it was refused with every problem at fuzz.yaml and a message."""
    try:
        return parse_discharger(text, "fuzz.yaml", LIB.catalogue)
    except InputError as exc:
        assert exc.problems and all(p.location.path == "fuzz.yaml" and p.message for p in exc.problems)
        return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_discharger_files_give_a_result_or_a_clear_error(data: st.DataObject) -> None:
    d = parsed_or_clearly_refused(mutate(data))
    if d is None:
        return
    a = assess(d, as_of=dt.date(2024, 6, 1), library=LIB, engine="python")
    understood = {(s.id, m.parameter.id) for s in d.samples for m in s.values}
    for f in a.findings:
        if f.subject == "measurement" and f.status == "complies":
            assert (f.sample, f.parameter) in understood
            assert f.value is not None and (f.limit is not None or f.limit_low is not None)


def _checks(section: dict) -> list[dict]:
    out = [section["hydraulic"]]
    for p in section["parameters"].values():
        out += [c for c in (p.get("effluent_check"), p.get("load_capacity")) if c]
        out += list(p.get("inhibition") or ())
        if p.get("local_limit", {}).get("discharger_check"):
            out.append(p["local_limit"]["discharger_check"])
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_mutated_plant_model_never_passes_a_check_it_could_not_compute(data: st.DataObject) -> None:
    d = parsed_or_clearly_refused(mutate(data, PLANT_CASE))
    if d is None:
        return
    a = assess(d, as_of=dt.date(2024, 6, 1), library=LIB, engine="python")
    section = a.extra.get("plant")
    if section is None:
        return  # the plant model could not be built: a plant_model fact says why, nothing passes
    for check in _checks(section):
        if check["verdict"] == "pass":
            assert check["value"]["value"] is not None and check["limit"]["value"] is not None, check["id"]
            assert check["value"]["status"] == "ok", check["id"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.floats(allow_nan=True), st.integers(), st.none(), st.booleans()))
def test_any_value_is_a_reading_or_a_unit_error(raw: object) -> None:
    try:
        r = parse_reading(raw, "cod")
    except UnitError as exc:
        assert "cod" in str(exc)
        return
    assert r.number is None or r.number.is_finite()


def test_html_and_template_syntax_in_names_stay_text() -> None:
    text = EXAMPLE.replace("name: 广州示例电镀有限公司", 'name: "<script>alert(1)</script>{{ 7*7 }}"')
    d = parse_discharger(text, "x.yaml", LIB.catalogue)
    a = assess(d, as_of=dt.date(2024, 6, 1), library=LIB)
    assert a.discharger["name"] == "<script>alert(1)</script>{{ 7*7 }}"


def test_huge_numbers_and_exponents_are_numbers_not_crashes() -> None:
    for raw in ("1e308 mg/L", "1e-300 mg/L", "99999999999999999999 mg/L"):
        r = parse_reading(raw)
        assert r.number is not None


def test_full_width_and_decimal_commas() -> None:
    assert parse_reading("４２０ｍｇ／Ｌ").number == 420
    assert str(parse_reading("０，５ｍｇ／Ｌ").number) == "0.5"
    try:
        parse_reading("1,200 mg/L")
    except UnitError as exc:
        assert "ambiguous" in str(exc)
    else:
        raise AssertionError("1,200 must be refused as ambiguous")
