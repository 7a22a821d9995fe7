"""The law's codes, declared once in ``rules/vocabulary.yaml``, with their Chinese and English words.

Statuses, conclusions (with their adverse value), recipients (with the documents they receive),
documents, subjects and the closed values of fact fields: the rule parser, ``rules check``, the
result, the text summary and the documents all take them from here, so a code cannot drift
between places or print as a raw id.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError, Location, Problem

LANGS = ("zh", "en")


def fold(text: str) -> str:
    """A name as written, folded for lookup: full-width to half-width, no spaces, lower case."""
    return re.sub(r"[\s_\-]", "", unicodedata.normalize("NFKC", str(text))).lower()


@dataclass(frozen=True)
class Words:
    """A code's words in both languages."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
        return self.zh if lang == "zh" else self.en

    @property
    def both(self) -> str:
        """Chinese, then English (the text summary's labels)."""
        return f"{self.zh} {self.en}"


@dataclass(frozen=True)
class Status:
    code: str
    words: Words
    judged: bool  # the exclusive status of a measured value against its limit
    order: int  # worst first, for summaries (judged statuses only)
    colour: str | None


@dataclass(frozen=True)
class ConclusionCode:
    code: str
    track: str
    adverse: bool
    question: Words
    yes: Words
    no: Words
    short: Words

    def answer(self, value: bool | None, inconclusive: Words) -> Words:
        return inconclusive if value is None else (self.yes if value else self.no)


@dataclass(frozen=True)
class Recipient:
    code: str
    words: Words
    receives: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    code: str
    words: Words
    article: str


@dataclass(frozen=True)
class Subject:
    code: str
    words: Words
    judged: bool


@dataclass(frozen=True)
class Vocabulary:
    statuses: Mapping[str, Status]
    conclusions: Mapping[str, ConclusionCode]
    recipients: Mapping[str, Recipient]
    documents: Mapping[str, Document]
    subjects: Mapping[str, Subject]
    fields: Mapping[str, Mapping[str, Words]]
    inconclusive: Words
    undecided: Words
    path: str
    aliases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # field → folded name → code
    _alias_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # as written, for messages

    @property
    def judged_statuses(self) -> tuple[str, ...]:
        """The four exclusive statuses of a measured value, worst first."""
        return tuple(sorted((s.code for s in self.statuses.values() if s.judged), key=lambda c: self.statuses[c].order))

    @property
    def judged_subjects(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.subjects.values() if s.judged)

    @property
    def adverse(self) -> dict[str, bool]:
        return {c.code: c.adverse for c in self.conclusions.values()}

    def conclusions_of(self, track: str) -> tuple[str, ...]:
        return tuple(c.code for c in self.conclusions.values() if c.track == track)

    def article_of(self, document: str) -> str:
        return self.documents[document].article

    def document_for(self, article: str) -> str | None:
        """The document that carries a notification under ``article`` (第八条 → notice, 第五条第一项 → report)."""
        return next((d.code for d in self.documents.values() if d.article == article), None)

    def closed(self, field: str) -> frozenset[str]:
        """The values a rule may compare ``field`` with, where the set is closed (else empty)."""
        if field == "subject":
            return frozenset(self.subjects)
        if field == "name":
            return frozenset(self.conclusions)
        return frozenset(self.fields.get(field, {}))

    def resolve(self, field: str, text: str) -> str | None:
        """The closed value of ``field`` that ``text`` names (its code, either word, or an alias), else None."""
        key = fold(text)
        for code, words in self.fields.get(field, {}).items():
            if key in (fold(code), fold(words.zh), fold(words.en)):
                return code
        return self.aliases.get(field, {}).get(key)

    def names_of(self, field: str) -> list[str]:
        """Every name :meth:`resolve` accepts for ``field`` (for messages)."""
        out = [n for code, w in self.fields.get(field, {}).items() for n in (code, w.zh)]
        return out + [n for n in self._alias_names.get(field, ())]

    def word(self, field: str, code: str | None, lang: str) -> str:
        """The word for a closed value; None prints as a dash."""
        if code is None:
            return "—"
        return self.fields[field][code](lang)

    def status(self, code: str, lang: str) -> str:
        return self.statuses[code].words(lang)

    def subject(self, code: str, lang: str) -> str:
        return self.subjects[code].words(lang)


def _words(raw: Any, where: str, path: str, line: int, problems: list[Problem]) -> Words:
    if not isinstance(raw, Mapping) or not all(isinstance(raw.get(k), str) and raw.get(k) for k in LANGS):
        problems.append(Problem(Location(path, line, where), "needs both words: {zh: …, en: …}"))
        return Words("?", "?")
    return Words(str(raw["zh"]), str(raw["en"]))


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read and check ``rules/vocabulary.yaml``; every problem at its line, then one failure."""
    from .load.yamlio import LocDict, load_file
    from .resources import data_dir

    path = path or data_dir("rules") / "vocabulary.yaml"
    spath = str(path)
    doc = load_file(path).data
    problems: list[Problem] = []
    if not isinstance(doc, LocDict):
        raise InputError.at(spath, 1, "", "expected the vocabulary mapping")

    def section(name: str) -> LocDict:
        s = doc.get(name)
        if not isinstance(s, LocDict):
            problems.append(Problem(Location(spath, doc.line_of(name), name), "expected a mapping of codes"))
            return LocDict()
        return s

    def words(entry: Any, where: str, line: int) -> Words:
        return _words(entry, where, spath, line, problems)

    statuses = {}
    for code, e in section("statuses").items():
        line = section("statuses").line_of(code)
        statuses[code] = Status(
            code, words(e, f"statuses.{code}", line), bool(e.get("judged")), int(e.get("order", 99)), e.get("colour")
        )
    conclusions = {}
    for code, e in section("conclusions").items():
        line = section("conclusions").line_of(code)
        if not isinstance(e, LocDict) or e.get("track") not in ("existing", "prospective"):
            problems.append(
                Problem(Location(spath, line, f"conclusions.{code}"), "needs track: existing | prospective")
            )
            continue
        if not isinstance(e.get("adverse"), bool):
            problems.append(Problem(Location(spath, line, f"conclusions.{code}"), "needs adverse: true | false"))
            continue
        conclusions[code] = ConclusionCode(
            code,
            str(e["track"]),
            bool(e["adverse"]),
            *(words(e.get(k), f"conclusions.{code}.{k}", line) for k in ("question", "yes", "no", "short")),
        )
    documents = {}
    for code, e in section("documents").items():
        line = section("documents").line_of(code)
        documents[code] = Document(code, words(e, f"documents.{code}", line), str(e.get("article", "")))
    recipients = {}
    for code, e in section("recipients").items():
        line = section("recipients").line_of(code)
        receives = tuple(str(d) for d in (e.get("receives") or []))
        for d in receives:
            if d not in documents:
                problems.append(Problem(Location(spath, line, f"recipients.{code}.receives"), f"no document {d!r}"))
        recipients[code] = Recipient(code, words(e, f"recipients.{code}", line), receives)
    subjects = {
        code: Subject(code, words(e, f"subjects.{code}", section("subjects").line_of(code)), bool(e.get("judged")))
        for code, e in section("subjects").items()
    }
    fields: dict[str, dict[str, Words]] = {}
    for name, values in section("fields").items():
        line = section("fields").line_of(name)
        if not isinstance(values, LocDict):
            problems.append(Problem(Location(spath, line, f"fields.{name}"), "expected a mapping of values"))
            continue
        fields[name] = {str(v): words(w, f"fields.{name}.{v}", values.line_of(v)) for v, w in values.items()}
    aliases: dict[str, dict[str, str]] = {}
    written: dict[str, tuple[str, ...]] = {}
    raw_aliases = doc.get("aliases") or LocDict()
    for name, table in raw_aliases.items():
        line = raw_aliases.line_of(name)
        if name not in fields or not isinstance(table, LocDict):
            problems.append(Problem(Location(spath, line, f"aliases.{name}"), "aliases of an unknown field"))
            continue
        for alias, code in table.items():
            if code not in fields[name]:
                where = Location(spath, table.line_of(alias), f"aliases.{name}.{alias}")
                problems.append(Problem(where, f"{code!r} is not a value of {name}"))
            aliases.setdefault(name, {})[fold(alias)] = str(code)
        written[name] = tuple(str(a) for a in table)
    inconclusive = words(doc.get("inconclusive"), "inconclusive", doc.line_of("inconclusive"))
    undecided = words(doc.get("undecided"), "undecided", doc.line_of("undecided"))
    if problems:
        raise InputError(problems)
    return Vocabulary(
        statuses, conclusions, recipients, documents, subjects, fields, inconclusive, undecided, spath, aliases, written
    )


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary, read once per process."""
    return load_vocabulary()
