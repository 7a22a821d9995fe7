"""Every rendered document speaks its own language (issue 17).

A Chinese document has no English words and no internal ids: what Latin text remains once the
codes that belong there are taken out (standard numbers, units, permit and document numbers,
sample and agreement ids, rule ids in their small print, the plant model's symbols, the
provenance line) must be in the short list below. An English document has no untranslated
Chinese: once names are taken out (of the discharger, its plant, laboratory and people, what its
file says in its own words, the authorities, the standards' titles, the Measures' title and its
terms kept beside their English), no Chinese remains.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from typing import Any

import pytest

from .cases import CASES, CONTROL, load_case
from .regenerate import golden_documents

DOCS = golden_documents()

# Codes that belong in a Chinese document, as patterns.
CODES = (
    r"(?:GB/T|GB|HJ/T|HJ|CJ/T|CJ|DB ?\d{2}/T?) ?[\d.]+(?:-\d{4})?",  # standard numbers
    r"\b[A-Z]{2,}-\d{3}\b",  # rule ids (CON-010, SMP-001) in the small print
    r"\b[A-Z][A-Za-z]*_[A-Za-z]+(?:\[[a-z_]+\])?|\b(?:AHL|MAHL|MAIL|SF)\b|\bmin\(",  # the plant model's symbols
    r"\breceiving\.plant(?:\.[a-z_]+)+",  # where in the discharger file a plant figure was written
    r"[\w.-]+\.ya?ml\b",  # file names
    r"\b[0-9A-Z][0-9A-Z-]*\d[0-9A-Z-]*\b",  # numbers: permits, credit codes, laboratory reports
    r"mg/L|μg/L|mg/kg|m³/d|kg/d|t/d|MPN/L|Bq/L|mL/\(L·15min\)|g/\(床位·d\)",  # units
    r"\bpH\b|\bBOD5\b|\bCOD\b|\bLAS\b|\bSS\b|\bNH3-N\b|\bCMA\b|\bMN\b|\bSHA-256\b",  # abbreviations of the trade
    r"\bwasteval\b|\bpython\b|\bdurable-rules\b",  # the provenance: the tool and its engine
)
# Latin words a Chinese document may still print: the US EPA method the plant model follows, named
# as its own title (a citation of a foreign document keeps its language).
ZH_ALLOWED = frozenset(
    {"US", "EPA", "Local", "Limits", "Development", "Guidance", "Washington", "Court", "House", "Ord", "Table", "No"}
)
# The Measures' own terms, kept in Chinese beside their English (docs/reports.md); names of authorities.
GLOSSES = (
    r"《[^》]+》",  # titles of the Measures and of standards
    r"穗水规字〔2022〕7号",
    r"第[一二三四五六七八九十]+条(?:第[一二三四五六七八九十]+项)?(?:、第[一二三四五六七八九十]+条(?:第[一二三四五六七八九十]+项)?)*",
    r"排水许可证|排污许可证|代处理协议|运营单位|排水户|入河排污口设置审批",
    r"广州市生态环境局(?:[^\s()（）,;]*分局)?|[^\s()（）,;]*水务行政主管部门",
    r"-?(?:评估|咨询|回用|告知)-\d{4}-\d{3}",  # document numbers (the kind is part of the number)
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def names_of(case_name: str) -> list[str]:
    """Everything the case's discharger file says in its own words, and the operator's details."""
    a = load_case(next(c for c in CASES if c.name == case_name))
    found = [s for s in _strings(a.subject) if re.search(r"[\u4e00-\u9fff]", s)]
    found += [str(x) for x in (CONTROL.operator, CONTROL.address, *CONTROL.copies, CONTROL.compiled_by)]
    found += [str(CONTROL.reviewed_by), str(CONTROL.approved_by)]
    found += [n.number or "" for n in a.notifications] + [n.previous or "" for n in a.notifications]
    found += [str(f.sample or "") for f in a.findings] + [str(f.reference or "") for f in a.findings]
    found += [str(a.discharger["id"])]
    found += [str(v["as_given"]) for s in a.subject.get("samples") or () for v in s["values"]]  # the lab's own writing
    return sorted({s for s in found if s}, key=len, reverse=True)


def visible_text(document: str) -> str:
    """The text a reader sees, less the provenance line (machine codes: hashes, versions, file names)."""
    body = re.sub(r'<style>.*?</style>|<title>.*?</title>|<div class="provenance">.*?</div>', " ", document, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", body))


def case_of(name: str) -> str:
    for c in CASES:
        a = load_case(c)
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", str(a.discharger["id"]))
        if name.startswith(f"{c.prefix}{stem}-"):
            return c.name
    raise AssertionError(name)


def _without(text: str, literals: list[str], patterns: tuple[str, ...]) -> str:
    for s in literals:
        text = text.replace(s, " ")
    for p in patterns:
        text = re.sub(p, " ", text)
    return text


@pytest.mark.parametrize("name", sorted(n for n in DOCS if n.endswith(".zh.html")))
def test_a_chinese_document_has_no_english_words(name: str) -> None:
    literals = [s for s in names_of(case_of(name)) if re.search(r"[A-Za-z0-9]", s)]
    text = _without(visible_text(DOCS[name]), literals, CODES)
    words = sorted(set(re.findall(r"[A-Za-z][A-Za-z_]+", text)) - ZH_ALLOWED)
    assert words == [], f"{name}: English words or ids in the Chinese document: {words}"


@pytest.mark.parametrize("name", sorted(n for n in DOCS if n.endswith(".en.html")))
def test_an_english_document_has_no_untranslated_chinese(name: str) -> None:
    text = _without(visible_text(DOCS[name]), names_of(case_of(name)), GLOSSES)
    left = sorted(set(re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", text)))
    assert left == [], f"{name}: Chinese not translated in the English document: {left}"


def test_the_scan_finds_what_it_must() -> None:
    zh = _without("限值 no limit for this parameter（GB/T 31962-2015 表1 第27项 B级，120 mg/L，CON-010）", [], CODES)
    assert sorted(set(re.findall(r"[A-Za-z][A-Za-z_]+", zh)) - ZH_ALLOWED) == [
        "for",
        "limit",
        "no",
        "parameter",
        "this",
    ]
    en = _without("limit 10 mg/L (未提供) under 第五条第一项 of 《广州市…办法》, 穗水规字〔2022〕7号", [], GLOSSES)
    assert re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", en) == ["未提供"]
