"""Every kind of broken rule file is caught with the right message at the right place."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from wastewater_eval.cli import main
from wastewater_eval.engine.check import check_rules

from .conftest import FIXTURES

BROKEN = FIXTURES / "broken_rules"

# file -> (line of the problem, words the message must contain)
EXPECTED = {
    "yaml_syntax.yaml": (5, "not valid YAML"),
    "duplicate_key.yaml": (9, "duplicate key 'title'"),
    "unknown_key.yaml": (9, "unknown key"),
    "unknown_field.yaml": (7, "has no field 'valeu'"),
    "unknown_operator.yaml": (7, "unknown operator 'above'"),
    "unknown_status.yaml": (8, "finding needs a status"),
    "unknown_parameter.yaml": (2, "unknown parameter 'total_nickle'; did you mean total_nickel"),
    "unknown_grade.yaml": (2, "unknown grade 'D'"),
    "unknown_standard.yaml": (2, "GB 99999-2020, which is not a known standard"),
    "bad_clause.yaml": (2, "names neither an article of the Measures"),
    "unit_mismatch.yaml": (7, "different units"),
    "type_mismatch.yaml": (7, "'value' is number; '9' is not"),
    "duplicate_id.yaml": (10, "rule id 'T-001' also at"),
    "contradiction.yaml": (10, "rules T-001 (exceeds) and T-002 (complies) both match"),
    "wrong_example.yaml": (2, "rule T-001 did not fire on"),
    "missing_examples.yaml": (2, "needs at least one 'fires' example"),
}


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_rule_file_is_caught(name: str) -> None:
    line, words = EXPECTED[name]
    problems, _ = check_rules([BROKEN / name])
    assert problems, name
    hits = [p for p in problems if words in p.message]
    assert hits, [str(p) for p in problems]
    assert hits[0].location.line == line and hits[0].location.path.endswith(name)


@pytest.mark.parametrize("name", ["unknown_operator.yaml", "contradiction.yaml"])
def test_cli_reports_file_line_and_exits_1(name: str) -> None:
    result = CliRunner().invoke(main, ["rules", "check", str(BROKEN / name)])
    assert result.exit_code == 1
    assert f"{name}:{EXPECTED[name][0]}" in result.output
