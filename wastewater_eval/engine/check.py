"""``wasteval rules check``: every problem in rule files, each at file:line with a rule id."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Location, Problem, RuleError
from ..vocabulary import vocabulary
from .language import Compare, Group, Rule, RuleSet
from .parser import load_rules

# Literal values a rule may compare a field with, where the set is closed: the vocabulary's.
_VOCABULARY = vocabulary()


def _closed(fieldname: str) -> frozenset[str]:
    return _VOCABULARY.closed(fieldname)


_ARTICLE = r"第[一二三四五六七八九十]+条(第[一二三四五六七八九十]+项)?"
_CLAUSE_PART = re.compile(
    rf"^(办法{_ARTICLE}(、{_ARTICLE})*|《广州市排水条例》|(?P<code>(GB/T|GB|HJ|CJ|DB ?\d+ ?/) ?[\d.]+-\d{{4}}))"
)


def _literals(cond: Any) -> list[tuple[str, Any]]:
    if isinstance(cond, Group):
        return [x for c in cond.items for x in _literals(c)]
    assert isinstance(cond, Compare)
    if cond.op == "exists" or not isinstance(cond.operand, str | tuple):
        return []
    vals = cond.operand if isinstance(cond.operand, tuple) else (cond.operand,)
    return [(cond.field, v) for v in vals]


def _names_problems(rule: Rule, library: Any) -> list[Problem]:
    out = []
    where = Location(rule.path, rule.line, rule.id)
    for fieldname, value in _literals(rule.when):
        if fieldname == "parameter" and value not in library.catalogue:
            sugg = ", ".join(library.catalogue.suggest(str(value)))
            out.append(Problem(where, f"unknown parameter {value!r}" + (f"; did you mean {sugg}?" if sugg else "")))
        elif fieldname == "grade" and value not in {c for s in library for c in s.columns}:
            out.append(Problem(where, f"unknown grade {value!r}"))
        elif _closed(fieldname) and value not in _closed(fieldname):
            out.append(
                Problem(
                    where,
                    f"{fieldname} is never {value!r}; expected one of {', '.join(sorted(_closed(fieldname)))}",
                )
            )
    codes = library.known_codes
    for part in re.split(r"[;；]", rule.clause):
        part = part.strip()
        m = _CLAUSE_PART.match(part)
        if not m:
            out.append(
                Problem(
                    where,
                    f"clause {part!r} names neither an article of the Measures (办法第N条) nor a standard",
                )
            )
        elif m.group("code") and m.group("code") not in codes:
            out.append(
                Problem(
                    where,
                    f"clause names {m.group('code')}, which is not a known standard ({', '.join(sorted(codes))})",
                )
            )
    return out


def check_rules(paths: list[Path], deep: bool = True) -> tuple[list[Problem], int]:
    """Validate, cross-check and compile rule files; returns the problems and the number of rules."""
    try:
        ruleset = load_rules(paths or None)
    except RuleError as exc:
        return exc.problems, 0
    problems: list[Problem] = []
    from ..errors import InputError
    from ..standards import bundled_library

    try:
        library = bundled_library()
    except InputError as exc:
        return exc.problems, len(ruleset)
    for rule in ruleset:
        problems += _names_problems(rule, library)
    problems += _compile_problems(ruleset)
    if deep and not problems:
        from .testing import check_examples, find_contradictions

        problems += check_examples(ruleset)
        problems += find_contradictions(ruleset)
    return problems, len(ruleset)


def _compile_problems(ruleset: RuleSet) -> list[Problem]:
    from .runner import available_engines

    if "durable-rules" not in available_engines():
        return []
    from .durable_backend import _handle

    try:
        _handle(ruleset)  # compiles and registers it, as an assessment would
    except Exception as exc:  # the engine's own errors have no common type
        return [
            Problem(
                Location(ruleset.files[0] if ruleset.files else "rules"),
                f"does not compile into durable-rules: {exc}",
            )
        ]
    return []
