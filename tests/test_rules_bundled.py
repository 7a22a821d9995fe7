"""The bundled rules check themselves: examples, cases, coverage, contradictions, docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from wastewater_eval.engine import load_rules
from wastewater_eval.engine.docs import catalogue_html, catalogue_markdown
from wastewater_eval.engine.testing import check_examples, coverage, find_contradictions, run_cases

from .conftest import ROOT

RULES = load_rules()


def test_every_rule_documents_itself() -> None:
    for r in RULES:
        assert r.title and r.clause and r.description, r.id
        assert r.examples.get("fires") and r.examples.get("does_not_fire"), r.id


def test_every_rule_fires_on_its_examples_and_only_there() -> None:
    assert check_examples(RULES) == []


def test_case_files_pass_with_every_rule_fired() -> None:
    results, problems = run_cases(RULES)
    assert problems == []
    assert [r.name for r in results if not r.passed] == []
    assert [r.id for r in coverage(RULES, results)] == []


def test_no_two_rules_judge_one_fact_differently() -> None:
    assert find_contradictions(RULES) == []


def test_contradicting_rules_are_found(tmp_path: Path) -> None:
    src = (ROOT / "rules" / "limits.yaml").read_text(encoding="utf-8")
    # LIM-010 made to include the boundary now overlaps LIM-011 (value == limit)
    bad = src.replace(
        "- value: {gt: {field: std_limit}}\n        - any:",
        "- value: {gte: {field: std_limit}}\n        - any:",
        1,
    )
    (tmp_path / "limits.yaml").write_text(bad, encoding="utf-8")
    problems = find_contradictions(load_rules([tmp_path / "limits.yaml"]))
    assert any("LIM-010" in p.message and "LIM-011" in p.message for p in problems)


def test_generated_catalogue_is_current() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == catalogue_markdown(RULES)
    assert (ROOT / "docs" / "rules.html").read_text(encoding="utf-8") == catalogue_html(RULES)


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_each_rule_is_in_the_catalogue(rule_id: str) -> None:
    assert f"### {rule_id} " in catalogue_markdown(RULES)
