"""One vocabulary of the law's codes (rules/vocabulary.yaml): both words for every code, a user for every code.

A code with no words would print as a raw id; a code nobody uses is a promise the rules do not
keep (a status no rule can give, a recipient no notice goes to).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wastewater_eval.engine import bundled_rules
from wastewater_eval.engine.facts import FACT_TYPES, fields_of
from wastewater_eval.vocabulary import LANGS, vocabulary

from .conftest import ROOT

V = vocabulary()
RULES = bundled_rules()
SOURCE = "\n".join(
    p.read_text(encoding="utf-8") for p in (ROOT / "wastewater_eval").rglob("*.py") if p.name != "vocabulary.py"
)
RULE_TEXT = "\n".join(
    p.read_text(encoding="utf-8") for p in (ROOT / "rules").glob("*.yaml") if p.name != "vocabulary.yaml"
)
NOT_FACT_FIELDS = {"severity", "water_body", "opinion_verdict"}  # closed values of the inputs and the rule files


def actions(kind: str) -> list[dict]:
    return [a.args for r in RULES for a in r.then if a.kind == kind]


def every_words() -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    out += [(f"statuses.{c}", s.words) for c, s in V.statuses.items()]
    for c, k in V.conclusions.items():
        out += [(f"conclusions.{c}.{n}", getattr(k, n)) for n in ("question", "yes", "no", "short")]
    out += [(f"recipients.{c}", r.words) for c, r in V.recipients.items()]
    out += [(f"documents.{c}", d.words) for c, d in V.documents.items()]
    out += [(f"subjects.{c}", s.words) for c, s in V.subjects.items()]
    out += [(f"fields.{f}.{c}", w) for f, values in V.fields.items() for c, w in values.items()]
    return out


@pytest.mark.parametrize(("where", "words"), every_words(), ids=[w for w, _ in every_words()])
def test_every_code_has_both_words(where: str, words: object) -> None:
    for lang in LANGS:
        text = words(lang)  # type: ignore[operator]
        assert text and text != "?" and "_" not in text, where
    assert re.search(r"[\u4e00-\u9fff]", words("zh")), f"{where}: the Chinese word has no Chinese"  # type: ignore[operator]


def test_every_status_is_given_by_a_rule() -> None:
    given = {a["status"] for a in actions("finding")}
    assert set(V.statuses) == given
    assert V.judged_statuses == ("exceeds", "inconclusive", "complies", "not_regulated")


def test_every_conclusion_is_concluded_by_a_rule() -> None:
    concluded = {name for a in actions("conclude") for name in a}
    assert set(V.conclusions) == concluded
    assert {c.track for c in V.conclusions.values()} == {"existing", "prospective"}


def test_every_recipient_receives_a_notice_or_a_document() -> None:
    notified = {a["recipient"] for a in actions("notify")}
    for code, r in V.recipients.items():
        assert code in notified or f'"{code}"' in SOURCE, code
        assert r.receives and set(r.receives) <= set(V.documents)


def test_every_document_is_planned_and_every_article_a_rule_cites_has_its_document() -> None:
    planned = re.findall(
        r'add\("(\w+)"', (ROOT / "wastewater_eval" / "reports" / "documents.py").read_text(encoding="utf-8")
    )
    assert set(V.documents) == set(planned)
    for a in actions("notify"):
        assert V.document_for(a["article"]) is not None, a["article"]


def test_subjects_are_exactly_the_fact_types() -> None:
    assert set(V.subjects) == set(FACT_TYPES) - {"finding", "conclusion"}
    assert set(V.judged_subjects) == {"measurement", "load", "reuse_check"}


def test_every_closed_field_is_a_fact_field_and_every_value_is_used() -> None:
    fact_fields = set(fields_of("finding"))
    for fieldname, values in V.fields.items():
        assert fieldname in fact_fields or fieldname in NOT_FACT_FIELDS, fieldname
        for code in values:
            if code == "":
                continue  # an unstated water class
            used = re.search(rf"[\"'\s:\[,]{re.escape(code)}[\"'\s,\]}}]", SOURCE + RULE_TEXT)
            assert used, f"fields.{fieldname}.{code} is used nowhere"


def test_a_broken_vocabulary_is_refused_at_its_line(tmp_path: Path) -> None:
    from wastewater_eval.errors import InputError
    from wastewater_eval.vocabulary import load_vocabulary

    text = (ROOT / "rules" / "vocabulary.yaml").read_text(encoding="utf-8")
    f = tmp_path / "vocabulary.yaml"
    f.write_text(
        text.replace("  expired: {zh: 已到期, en: expired, colour: red}", "  expired: {zh: 已到期}"), encoding="utf-8"
    )
    with pytest.raises(InputError) as e:
        load_vocabulary(f)
    (p,) = e.value.problems
    assert p.location.field == "statuses.expired" and "both words" in p.message and p.location.line > 1
