"""评估依据: the articles of the Measures and the standards a result actually applied, never a fixed list.

The standards come from the result's ``standards_applied`` (each discharge standard that binds the
discharger, with its title, status and the items used) and from the limits of the document's own
findings (GB 3838 for the reuse recommendation, the plant's effluent standard for the report); a
result recorded before that list existed has them read from its findings: every limit's source and
every rule's clause names a standard code and the table and item it used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..assessment.result import Assessment, Finding
from . import terms
from .words import say, words

_CODE = re.compile(
    r"(?P<code>(?:GB/T|GB|HJ/T|HJ|CJ/T|CJ)\s?\d+(?:\.\d+)?-\d{4}|DB\s?\d{2}/T?\s?\d+(?:\.\d+)?-\d{4})\s*(?P<rest>[^;；]*)"
)
_ARTICLE = re.compile(r"第([一二三四五六七八九十]+)条(?:第([一二三四五六七八九十]+)项)?")
_NUMERAL = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_ITEM = re.compile(r"^(?P<pre>.*?)(?P<table>表\d+) 第(?P<n>\d+)项(?: (?P<suf>.+))?$")


@dataclass(frozen=True)
class StandardApplied:
    code: str
    title: str
    items: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class Basis:
    articles: str  # 《办法》第四条、第五条第一项 …
    standards: tuple[StandardApplied, ...]
    agreements: tuple[str, ...]
    as_of: str


def _article_key(m: re.Match[str]) -> tuple[int, int]:
    return _NUMERAL[m.group(1)], _NUMERAL[m.group(2)] if m.group(2) else 0


def articles(texts: Iterable[str], lang: str) -> str:
    """The articles of the Measures cited in ``texts``, in order, as one citation."""
    found = {_article_key(m): m.group(0) for t in texts for m in _ARTICLE.finditer(t)}
    keys = sorted(found)
    forms = [say("article_form", lang, zh=found[k], n=f"{a}({i})" if i else str(a)) for k in keys for a, i in [k]]
    return say(
        "measures_articles", lang, articles=say("list_sep", lang).join(forms), zh="、".join(found[k] for k in keys)
    )


@cache
def _known_titles() -> Mapping[str, tuple[str, str]]:
    from ..standards import bundled_library

    return {s.code: (s.title_zh, s.title_en) for s in bundled_library()}


def _group_items(items: Sequence[str], lang: str) -> tuple[str, ...]:
    """``表1 第8项 B级`` and ``表1 第27项 B级`` as ``表1 第8、27项 B级`` (and in English)."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    loose: list[str] = []
    for item in items:
        m = _ITEM.match(item)
        if m is None:
            if item not in loose:
                loose.append(item)
            continue
        key = (m.group("pre"), m.group("table"), m.group("suf") or "")
        n = int(m.group("n"))
        if n not in groups.setdefault(key, []):
            groups[key].append(n)
    out = []
    for (pre, table, suf), numbers in groups.items():
        numbers.sort()
        joined = words(lang)["list_sep"].join(map(str, numbers))
        text = say("table_items" if len(numbers) > 1 else "table_item", lang, table=table[1:], items=joined)
        out.append(terms.cite(f"{pre}{text} {suf}".strip(), lang))
    return tuple(out + [terms.cite(x, lang) for x in loose if x])


def _from_findings(
    a: Assessment, findings: Sequence[Finding], extra_sources: Sequence[str], clauses: bool = True
) -> list[dict[str, Any]]:
    by_code: dict[str, list[str]] = {}
    sources = [f.limit_source for f in findings if f.limit_source] + list(extra_sources)
    for text in sources + ([f.clause for f in findings] if clauses else []):
        for m in _CODE.finditer(text or ""):
            code = re.sub(r"\s+", " ", m.group("code"))
            rest = m.group("rest").strip()
            items = by_code.setdefault(code, [])
            # a table's item or a clause number; a bare table or a title is no item
            if (_ITEM.match(rest) or re.fullmatch(r"\d+(?:\.\d+)+", rest)) and rest not in items:
                items.append(rest)
    std = a.standard
    out = []
    for code, items in by_code.items():
        zh, en = _known_titles().get(code, ("", ""))
        if code == std.get("code"):
            zh, en = str(std.get("title_zh") or zh), str(std.get("title_en") or en)
        status = str(std.get("status") or "encoded") if code == std.get("code") else "encoded"
        out.append({"code": code, "title_zh": zh, "title_en": en, "status": status, "items": items})
    return out


def standards_applied(a: Assessment) -> Sequence[Mapping[str, Any]] | None:
    """The result's own list of the standards it applied (``standards_applied``), where it has one."""
    found = a.standards_applied or a.extra.get("standards_applied")
    # an empty list is what a result made before the list existed reads back as: read its findings
    return found if isinstance(found, Sequence) and not isinstance(found, str) and found else None


def basis(
    a: Assessment,
    lang: str,
    own_article: str,
    findings: Sequence[Finding],
    sources: Sequence[str] = (),
    discharge_standards: bool = True,
) -> Basis:
    """The basis of a document on ``findings`` (those it judges on), citing ``own_article`` too.

    With the result's ``standards_applied``: every discharge standard that binds the discharger
    (``discharge_standards``; the strictest one and those it is stricter than), then any other
    standard this document's own limits came from (GB 3838 for the reuse recommendation, the plant's
    effluent standard); a rule's clause adds a standard only if the result applied it. Without the
    list (a result recorded before it existed): every standard the findings' limits and clauses name."""
    applied = standards_applied(a)
    if applied is None:
        entries = _from_findings(a, findings, sources)
    else:
        own = {str(e["code"]): e for e in _from_findings(a, findings, sources, clauses=False)}
        entries = []
        for e in applied:
            if discharge_standards and e.get("binds", True):
                # the items this document's limits came from (with their grade), else those that bound
                decided = own.pop(str(e["code"]), {}).get("items")
                entries.append({**e, "items": decided or e.get("items") or []})
        entries += list(own.values())
    standards = [
        StandardApplied(
            code=str(s["code"]),
            title=str(s.get(f"title_{lang}") or s.get("title_zh") or ""),
            items=_group_items([str(i) for i in s.get("items") or ()], lang),
            status=str(s.get("status") or "encoded"),
        )
        for s in entries
    ]
    cited = [own_article, *(f.clause for f in findings)]
    agreements = sorted({f.reference for f in findings if f.subject in ("agreement", "load") and f.reference})
    agreements += sorted(
        {m.group(1) for f in findings for m in re.finditer(r"代处理协议 ?(\S+?)(?:（| |$)", f.limit_source or "")}
        - set(agreements)
    )
    return Basis(articles(cited, lang), tuple(standards), tuple(agreements), a.as_of)
