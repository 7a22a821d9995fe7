"""A rule may cite every standard the tool applies (issue 14): `wasteval rules check` accepts a clause
citing GB 21900-2008 or DB 44/1597-2015 (before, the known codes came only from the general standards,
and DB 44/… with its space did not match)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wastewater_eval.engine.check import check_rules

from .conftest import ROOT

RULE = """\
ruleset: cites
title: cites an industry standard
description: a test rule
rules:
  - id: CIT-001
    title: A plater's workshop nickel
    clause: "{clause}"
    severity: error
    description: cites a standard the registry knows
    when:
      fact: measurement
      all:
        - parameter: {{eq: total_nickel}}
        - value: {{gt: 0.5}}
    then:
      warn: {{code: cites, text: {{zh: 测试, en: test}}}}
    examples:
      fires: [{{parameter: total_nickel, value: 1}}]
      does_not_fire: [{{parameter: total_nickel, value: 0.1}}]
"""


CLAUSES = ["GB 21900-2008 表2 第3项", "DB 44/1597-2015 4.2.7", "GB 39731-2020 表1; 办法第四条"]


@pytest.mark.parametrize("clause", CLAUSES)
def test_rules_check_accepts_a_clause_citing_an_industry_or_local_standard(tmp_path: Path, clause: str) -> None:
    f = tmp_path / "cites.yaml"
    f.write_text(RULE.format(clause=clause), encoding="utf-8")
    problems, n = check_rules([ROOT / "rules", f], deep=False)
    assert n > 1 and not [p for p in problems if "clause" in p.message], problems


def test_a_code_no_registry_has_is_still_refused(tmp_path: Path) -> None:
    f = tmp_path / "cites.yaml"
    f.write_text(RULE.format(clause="DB 44/9999-2099 4.1"), encoding="utf-8")
    problems, _ = check_rules([ROOT / "rules", f], deep=False)
    assert any("DB 44/9999-2099" in p.message and "not a known standard" in p.message for p in problems)
