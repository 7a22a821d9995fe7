"""The documents' words (words.yaml) and what each recommendation asks (rectification.yaml): both
words for every key, a user for every key, an entry for every recommendation a rule can give."""

from __future__ import annotations

import re

from wastewater_eval.engine import bundled_rules
from wastewater_eval.reports.rectification import ACTORS, FOLLOW_UPS, kinds
from wastewater_eval.reports.source import FIRST_PAGE_WARNINGS
from wastewater_eval.reports.words import table
from wastewater_eval.resources import data_dir

from ..conftest import ROOT


def _users() -> str:
    texts = [p.read_text(encoding="utf-8") for p in data_dir("templates").glob("*.html")]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "wastewater_eval" / "reports").glob("*.py")]
    return "\n".join(texts)


def test_every_word_has_both_languages() -> None:
    words = table()
    assert len(words) > 200
    for key, pair in words.items():
        assert set(pair) == {"zh", "en"} and (pair["zh"] or key == "title_join"), key  # a Chinese title joins bare


def test_every_word_has_a_user() -> None:
    users = _users()
    prefixes = {m for m in re.findall(r'say\(\s*f"(\w+?)\{', users)} | {"section_", "number_", "kind_line_"}
    unused = [
        k
        for k in table()
        if f"w.{k}" not in users and f'"{k}"' not in users and not any(k.startswith(p) for p in prefixes)
    ]
    assert unused == []


def test_every_recommendation_a_rule_gives_says_who_acts_and_by_when() -> None:
    codes = {a.args["code"] for r in bundled_rules() for a in r.then if a.kind == "recommend"}
    assert codes <= set(kinds()), sorted(codes - set(kinds()))
    for k in kinds().values():
        assert k.actor in ACTORS and (k.follow_up is None or k.follow_up in FOLLOW_UPS), k
        assert (k.days is not None) == (k.actor == "discharger"), f"{k.code}: a deadline is the discharger's"


def test_the_first_page_warnings_are_codes_the_rules_give() -> None:
    warned = {a.args["code"] for r in bundled_rules() for a in r.then if a.kind == "warn"}
    assert FIRST_PAGE_WARNINGS - {"provisional_standard"} <= warned
