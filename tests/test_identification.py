"""The discharger file's optional identification, sampling and laboratory fields, and the result's
``subject`` block that carries them (with the rest of what a document needs) to the documents."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wastewater_eval.assessment.assess import assess_text
from wastewater_eval.assessment.result import Assessment
from wastewater_eval.errors import InputError
from wastewater_eval.inputs.discharger import load_discharger, parse_discharger
from wastewater_eval.inputs.identification import credit_code_check
from wastewater_eval.standards.parameters import load_catalogue

from .conftest import EXAMPLES

CAT = load_catalogue()

FILE = """\
schema: wasteval/discharger/v1
discharger:
  id: D1
  name: 测试厂
  district: 黄埔区
  status: existing
  address: 广州市黄埔区测试路 1 号
  credit_code: {code}
  contact: {{name: 王工, telephone: 020-1234 5678}}
  permits:
    drainage: {{number: 穗排水许字[2022]第1号, valid_from: 2022-01-01, valid_until: {until}}}
  pretreatment:
    - {{name: 综合废水处理站, process: 混凝沉淀, capacity: {capacity}}}
receiving:
  plant: {{treatment_level: secondary}}
sampling: {{sampled_by: 运营单位监测站, preservation: 4 ℃ 冷藏}}
laboratory:
  name: 测试检测公司
  cma: "201900000001"
  methods:
    化学需氧量: {{method: HJ 828-2017, detection_limit: {dl}}}
    pH值: {{method: HJ 1147-2020}}
samples:
  - id: s1
    taken: 2024-01-02T10:00
    kind: composite
    composite: 2 h 内混合 4 次
    values: {{化学需氧量: 420 mg/L, pH值: 7.2}}
  - id: s2
    taken: 2024-01-03T10:00
    sampled_by: 第三方检测公司
    values: {{化学需氧量: 380mg/L}}
"""
GOOD = {"code": "91440112MA5C00042U", "until": "2027-01-01", "capacity": "60 m³/d", "dl": "4 mg/L"}


def text(**change: str) -> str:
    return FILE.format(**{**GOOD, **change})


def problems(**change: str) -> list[tuple[int, str, str]]:
    with pytest.raises(InputError) as e:
        parse_discharger(text(**change), "d.yaml", CAT)
    return [(p.location.line, p.location.field, p.message) for p in e.value.problems]


def test_every_field_is_read() -> None:
    d = parse_discharger(text(), "d.yaml", CAT)
    ident = d.identification
    assert (ident.address, ident.credit_code, ident.contact, ident.telephone) == (
        "广州市黄埔区测试路 1 号",
        "91440112MA5C00042U",
        "王工",
        "020-1234 5678",
    )
    (facility,) = ident.pretreatment
    assert (facility.name, facility.process, str(facility.capacity)) == ("综合废水处理站", "混凝沉淀", "60")
    assert d.permits[0].valid_from == dt.date(2022, 1, 1)
    first, second = d.samples
    assert (first.sampled_by, first.composite, first.preservation) == ("运营单位监测站", "2 h 内混合 4 次", "4 ℃ 冷藏")
    assert (second.sampled_by, second.composite, second.preservation) == ("第三方检测公司", None, "4 ℃ 冷藏")
    assert d.laboratory is not None and d.laboratory.cma == "201900000001"
    assert [(m.parameter.id, m.method, m.detection_limit) for m in d.laboratory.methods] == [
        ("cod", "HJ 828-2017", "4 mg/L"),
        ("ph", "HJ 1147-2020", None),
    ]


def test_a_mistyped_credit_code_is_refused_at_its_line() -> None:
    assert problems(code="91440112MA5C00042X") == [
        (
            8,
            "discharger.credit_code",
            "'91440112MA5C00042X': the check character should be 'U' (GB 32100-2015); is the code mistyped?",
        )
    ]
    ((line, field, message),) = problems(code="9144011ZMA5C00042U")  # Z is not a character of the code
    assert (line, field) == (8, "discharger.credit_code") and "does not match" in message


def test_the_check_character_of_the_standards_example() -> None:
    assert credit_code_check("91350100M000100Y4") == "3"  # GB 32100-2015's own example code


def test_an_all_digit_code_written_without_quotes_is_read_as_text() -> None:
    d = parse_discharger(text(code="124400004558589508"), "d.yaml", CAT)  # YAML reads it as a number
    assert d.identification.credit_code == "124400004558589508"
    assert problems(code="12440000455858950") == [
        (8, "discharger.credit_code", "'12440000455858950' is not 18 characters of a code")
    ]


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_a_code_with_its_check_character_is_accepted(code17: str) -> None:
    code = code17[:2] + "440112" + code17[8:]  # positions 3 to 8 are the division code: digits
    full = code + credit_code_check(code)
    assert parse_discharger(text(code=f'"{full}"'), "d.yaml", CAT).identification.credit_code == full


def test_quantities_and_dates_are_checked() -> None:
    assert problems(capacity="'60'") == [
        (13, "discharger.pretreatment[0].capacity", "has no unit: '60' (expected a unit like m³/d)")
    ]
    ((line, field, message),) = problems(dl="4 kg")
    assert (line, field) == (21, "laboratory.methods.化学需氧量.detection_limit") and "4 kg" in message
    assert problems(until="2021-06-01") == [(11, "discharger.permits.drainage.valid_until", "ends before it begins")]


def test_the_subject_block_carries_what_a_document_needs() -> None:
    a = assess_text(text(), "d.yaml", as_of=dt.date(2024, 6, 1), engine="python")
    again = Assessment.from_dict(json.loads(json.dumps(a.to_dict(), ensure_ascii=False)))
    s = again.subject
    assert s["credit_code"] == "91440112MA5C00042U" and s["contact"] == "王工"
    assert s["permits"] == [
        {"kind": "drainage", "number": "穗排水许字[2022]第1号", "valid_from": "2022-01-01", "valid_until": "2027-01-01"}
    ]
    assert s["pretreatment"] == [{"name": "综合废水处理站", "process": "混凝沉淀", "capacity": 60}]
    assert s["plant"]["treatment_level"] == "secondary"
    assert [v["as_given"] for v in s["samples"][1]["values"]] == ["380mg/L"]  # as the laboratory wrote it
    assert s["laboratory"]["methods"][0] == {
        "parameter": "cod",
        "name_zh": "化学需氧量",
        "name_en": "Chemical oxygen demand",
        "method": "HJ 828-2017",
        "detection_limit": "4 mg/L",
    }


def test_the_example_shows_the_optional_fields() -> None:
    d = load_discharger(EXAMPLES / "discharger.example.yaml", CAT)
    assert d.identification.credit_code == "91440112MA5C00042U"
    assert d.laboratory is not None and len(d.laboratory.methods) == 6
    assert d.samples[0].composite and d.samples[1].composite is None
