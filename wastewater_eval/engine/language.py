"""The rule language: YAML rule files parsed into a small, closed syntax tree.

A rule matches one fact. Its ``when`` is a tree of ``all``/``any`` groups whose leaves
compare one field with a literal or with another field of the same fact, using a closed
set of operators. Its ``then`` is a closed set of actions. Nothing from a rule file is
ever evaluated as code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..vocabulary import vocabulary
from .facts import BOOL, NUM, TEXT

OPERATORS = ("eq", "ne", "gt", "gte", "lt", "lte", "in", "exists")
ORDERING = ("gt", "gte", "lt", "lte")
MAX_IN_LITERALS = 256  # durable-rules hangs registering more than 512 equality literals on one field
# The closed sets of the language come from the one vocabulary (rules/vocabulary.yaml).
_VOCABULARY = vocabulary()
STATUSES = tuple(_VOCABULARY.statuses)
CONCLUSIONS = tuple(_VOCABULARY.conclusions)
RECIPIENTS = tuple(_VOCABULARY.recipients)
SEVERITIES = tuple(_VOCABULARY.fields["severity"])
ACTIONS = ("finding", "conclude", "recommend", "notify", "warn")
VOCABULARY_FILE = "vocabulary.yaml"  # beside the rules, not a rule file
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True)
class FieldRef:
    name: str


@dataclass(frozen=True)
class Compare:
    field: str
    op: str
    operand: Any  # a literal, a tuple of literals for "in", or a FieldRef


@dataclass(frozen=True)
class Group:
    kind: str  # all | any
    items: tuple[Condition, ...]


Condition = Compare | Group


@dataclass(frozen=True)
class Text:
    zh: str
    en: str


@dataclass(frozen=True)
class Action:
    kind: str
    args: dict[str, Any]


@dataclass(frozen=True)
class Rule:
    """One rule: a stable id, the clause it enforces, what it matches and what it does."""

    id: str
    title: str
    clause: str
    severity: str
    description: str
    fact: str
    when: Group
    then: tuple[Action, ...]
    examples: dict[str, list[dict[str, Any]]]
    aliases: tuple[str, ...]
    path: str
    line: int

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class RuleSet:
    """All rules of the loaded files, in file order, with an explicit id registry."""

    rules: tuple[Rule, ...]
    files: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id or rule_id in r.aliases:
                return r
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in self.rules], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"no rule {rule_id!r}{hint}")

    def for_fact(self, fact_type: str) -> list[Rule]:
        return [r for r in self.rules if r.fact == fact_type]


def placeholders(template: str) -> list[str]:
    """The ``{name}`` placeholders of a rule's text."""
    return _PLACEHOLDER.findall(template)


def fill(template: str, fact: dict[str, Any]) -> str:
    """Put fact fields into ``{name}`` placeholders; nothing else is interpreted."""

    def sub(m: re.Match[str]) -> str:
        v = fact.get(m.group(1))
        if v is None:
            return "—"
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    return _PLACEHOLDER.sub(sub, template)


__all__ = [
    "BOOL",
    "NUM",
    "TEXT",
    "Action",
    "Compare",
    "FieldRef",
    "Group",
    "Rule",
    "RuleSet",
    "Text",
    "fill",
    "placeholders",
]
