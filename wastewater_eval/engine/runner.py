"""Running a rule set over facts: matching by a back end, actions and chaining in one place."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import EngineError
from .facts import check_fact
from .language import Rule, RuleSet

MAX_FACT_FIELDS = 200  # durable-rules holds at most 252 properties per fact
MAX_DERIVED = 100_000


class Session(Protocol):
    name: str

    def matches(self, fact: dict[str, Any]) -> list[str]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Effect:
    """What one rule did to one fact: a finding, a conclusion, a recommendation, a notice or a warning."""

    rule: Rule
    kind: str
    fact: dict[str, Any]
    args: dict[str, Any]


@dataclass
class EngineRun:
    engine: str
    effects: list[Effect] = field(default_factory=list)
    fired: list[tuple[str, str]] = field(default_factory=list)  # (rule id, fact id)


def available_engines() -> list[str]:
    engines = []
    try:
        import durable_rules_engine  # noqa: F401

        engines.append("durable-rules")
    except ImportError:
        pass
    engines.append("python")
    return engines


def _session(ruleset: RuleSet, engine: str) -> Session:
    if engine == "auto":
        engine = available_engines()[0]
    if engine == "durable-rules":
        from .durable_backend import DurableSession

        return DurableSession(ruleset)
    if engine == "python":
        from .pyeval import PythonSession

        return PythonSession(ruleset)
    raise EngineError(f"unknown engine {engine!r}; available: {', '.join(available_engines())}")


def _derived(effect: Effect) -> dict[str, Any] | None:
    fact, args = effect.fact, effect.args
    if effect.kind == "finding":
        derived = {k: v for k, v in fact.items() if k not in ("id", "type")}
        derived.update(
            id=f"finding:{fact['id']}:{effect.rule.id}",
            type="finding",
            subject=fact["type"],
            status=args["status"],
            rule=effect.rule.id,
        )
        for key in ("limit", "limit_low", "limit_high", "limit_source"):
            src = args.get(key)
            if src and src in fact:
                derived[key] = fact[src]
        if args.get("basis"):
            derived["basis"] = str(args["basis"])
        return derived
    if effect.kind == "conclude":
        return None  # one conclusion fact per (name, value) is asserted by the runner
    return None


def run_rules(ruleset: RuleSet, facts: list[dict[str, Any]], engine: str = "auto") -> EngineRun:
    """Post every fact, apply every matching rule's actions, and chain derived facts."""
    for f in facts:
        problems = check_fact(f)
        if problems:
            raise EngineError(f"fact {f.get('id')!r}: " + "; ".join(problems))
        if len(f) > MAX_FACT_FIELDS:
            raise EngineError(f"fact {f.get('id')!r} has more than {MAX_FACT_FIELDS} fields")
    by_id = {r.id: r for r in ruleset}
    session = _session(ruleset, engine)
    run = EngineRun(session.name)
    queue: deque[dict[str, Any]] = deque(facts)
    asserted: set[str] = set()
    try:
        while queue:
            fact = queue.popleft()
            if fact["id"] in asserted:
                continue
            asserted.add(fact["id"])
            if len(asserted) > MAX_DERIVED:
                raise EngineError("rules derived too many facts (a rule loop?)")
            for rid in session.matches(fact):
                rule = by_id[rid]
                run.fired.append((rid, str(fact["id"])))
                for action in rule.then:
                    effect = Effect(rule, action.kind, fact, action.args)
                    run.effects.append(effect)
                    derived = _derived(effect)
                    if derived is not None:
                        queue.append(derived)
                    if action.kind == "conclude":
                        for name, value in action.args.items():
                            text = "null" if value is None else str(value).lower()
                            queue.append(
                                {
                                    "id": f"conclusion:{name}:{text}",
                                    "type": "conclusion",
                                    "name": name,
                                    "value": text,
                                }
                            )
    finally:
        session.close()
    return run
