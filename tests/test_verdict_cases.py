"""Realistic dischargers with the verdicts a practitioner signs, kept in data beside each case.

Each ``tests/cases/verdicts/<name>.yaml`` is a discharger file as an operator writes it; beside it
``<name>.expected.yaml`` holds the verdicts, hand-checked in its header comment against the
standards they cite, and ``before:`` says what the tool said before issue 15. One test per case.

Expectation keys: ``findings`` (each matched by sample and parameter, subject ``measurement`` unless
given, with any of status, rule, limit, limit_low, limit_high, limit_source, basis, reason_contains),
``no_findings``, ``conclusions``, ``warnings`` / ``no_warnings`` (codes), ``warning_contains``,
``recommendations`` (code, parameter, contains) / ``no_recommendations`` / ``no_recommendation_for``,
``no_text`` (strings no advice, warning or finding may contain), ``not_fired`` (rule ids),
``standards_applied`` / ``not_standards_applied`` (codes), ``plant`` (dotted paths into the plant
section); or ``error`` (the file is refused: line, field, contains).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from wastewater_eval.assessment.assess import assess_file
from wastewater_eval.assessment.result import Assessment, Finding
from wastewater_eval.errors import InputError
from wastewater_eval.load.yamlio import load_file
from wastewater_eval.standards import bundled_library

from .conftest import CASES

LIB = bundled_library()
FOLDER = CASES / "verdicts"
EXPECTED = sorted(FOLDER.glob("*.expected.yaml"))


def _plain(x: Any) -> Any:
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    return x


def _matches(f: Finding, want: dict[str, Any]) -> bool:
    if f.subject != want.get("subject", "measurement" if "parameter" in want else f.subject):
        return False
    for key in ("sample", "parameter", "status", "rule", "basis", "limit_source"):
        if key in want and getattr(f, key) != want[key]:
            return False
    for key in ("limit", "limit_low", "limit_high"):
        if key in want and (getattr(f, key) is None or float(getattr(f, key)) != float(want[key])):
            return False
    return "reason_contains" not in want or want["reason_contains"] in (f.reason or "")


def _at(section: Any, path: str) -> Any:
    for key in path.split("."):
        section = section[key]
    return section


def _texts(a: Assessment) -> str:
    parts = [r.text for r in a.recommendations] + [w.text for w in a.warnings]
    return "\n".join(parts + [f.reason or "" for f in a.findings])


def test_every_case_has_its_expectations() -> None:
    cases = {p.name for p in FOLDER.glob("*.yaml") if not p.name.endswith(".expected.yaml")}
    assert cases == {p.name.replace(".expected.yaml", ".yaml") for p in EXPECTED}
    assert len(cases) >= 10


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.name.replace(".expected.yaml", "") for p in EXPECTED])
def test_case(expected: Path) -> None:
    spec = _plain(load_file(expected).data)
    case = expected.with_name(expected.name.replace(".expected.yaml", ".yaml"))
    as_of = dt.date.fromisoformat(str(spec["as_of"]))
    assert spec.get("before"), "say what the tool said before"
    if "error" in spec:
        with pytest.raises(InputError) as exc:
            assess_file(case, as_of=as_of, library=LIB)
        want = spec["error"]
        assert any(
            p.location.line == want["line"] and p.location.field == want["field"] and want["contains"] in p.message
            for p in exc.value.problems
        ), [str(p) for p in exc.value.problems]
        return
    a = assess_file(case, as_of=as_of, library=LIB)
    e = spec["expect"]
    for want in e.get("findings", []):
        assert any(_matches(f, want) for f in a.findings), (
            want,
            [(f.sample, f.parameter, f.status) for f in a.findings],
        )
    for want in e.get("no_findings", []):
        assert not any(_matches(f, want) for f in a.findings), want
    for name, value in e.get("conclusions", {}).items():
        assert a.conclusions[name].value == value, (name, a.conclusions[name])
    codes = {w.code for w in a.warnings}
    assert set(e.get("warnings", [])) <= codes, codes
    assert not set(e.get("no_warnings", [])) & codes, codes
    for code, text in e.get("warning_contains", {}).items():
        assert any(w.code == code and text in w.text for w in a.warnings), (code, [w.text for w in a.warnings])
    for want in e.get("recommendations", []):
        assert any(
            r.code == want["code"]
            and r.parameter == want.get("parameter", r.parameter)
            and want.get("contains", "") in r.text
            for r in a.recommendations
        ), (want, [(r.code, r.parameter, r.text) for r in a.recommendations])
    assert not set(e.get("no_recommendations", [])) & {r.code for r in a.recommendations}
    for want in e.get("no_recommendation_for", []):
        assert not any(r.code == want["code"] and r.parameter == want["parameter"] for r in a.recommendations), want
    for text in e.get("no_text", []):
        assert text not in _texts(a), text
    fired = {f.rule for f in a.findings} | {r.rule for r in a.recommendations} | {w.rule for w in a.warnings}
    fired |= {rid for c in a.conclusions.values() for rid in c.because}
    assert not set(e.get("not_fired", [])) & fired, fired
    applied = [s["code"] for s in a.standards_applied]
    assert set(e.get("standards_applied", [])) <= set(applied), applied
    assert not set(e.get("not_standards_applied", [])) & set(applied), applied
    for path, value in e.get("plant", {}).items():
        assert _at(a.extra["plant"], path) == value, path
