"""``wasteval rules check``: every problem in rule files, each at file:line."""

from __future__ import annotations

from pathlib import Path

from ..errors import Location, Problem, RuleError
from .language import load_rules


def check_rules(paths: list[Path]) -> tuple[list[Problem], int]:
    """Validate and compile rule files; returns the problems found and the number of rules."""
    try:
        ruleset = load_rules(paths or None)
    except RuleError as exc:
        return exc.problems, 0
    problems: list[Problem] = []
    try:
        from .runner import available_engines

        if "durable-rules" in available_engines():
            from .durable_backend import compile_ruleset

            compile_ruleset(ruleset)
    except Exception as exc:  # the engine's own errors have no common type
        problems.append(Problem(Location(ruleset.files[0] if ruleset.files else "rules"), f"does not compile: {exc}"))
    return problems, len(ruleset)
