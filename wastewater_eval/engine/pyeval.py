"""The pure-Python evaluator of the rule language: the test oracle and the fallback engine."""

from __future__ import annotations

from typing import Any

from .language import Condition, FieldRef, Group, RuleSet

_MISSING = object()


def _holds(cond: Condition, fact: dict[str, Any]) -> bool:
    if isinstance(cond, Group):
        results = (_holds(c, fact) for c in cond.items)
        return all(results) if cond.kind == "all" else any(results)
    left = fact.get(cond.field, _MISSING)
    if cond.op == "exists":
        return (left is not _MISSING) is bool(cond.operand)
    if left is _MISSING:
        return False
    right = cond.operand
    if isinstance(right, FieldRef):
        right = fact.get(right.name, _MISSING)
        if right is _MISSING:
            return False
    if cond.op == "eq":
        return bool(left == right)
    if cond.op == "ne":
        return bool(left != right)
    if cond.op == "in":
        return left in right
    if isinstance(left, bool) or isinstance(right, bool):
        return False
    if cond.op == "gt":
        return bool(left > right)
    if cond.op == "gte":
        return bool(left >= right)
    if cond.op == "lt":
        return bool(left < right)
    return bool(left <= right)


class PythonSession:
    """Matches each fact against every rule for its type, in rule order."""

    name = "python"

    def __init__(self, ruleset: RuleSet) -> None:
        self._by_type: dict[str, list[tuple[str, Group]]] = {}
        for r in ruleset:
            self._by_type.setdefault(r.fact, []).append((r.id, r.when))

    def matches(self, fact: dict[str, Any]) -> list[str]:
        return [rid for rid, when in self._by_type.get(fact["type"], []) if _holds(when, fact)]

    def close(self) -> None:
        pass
