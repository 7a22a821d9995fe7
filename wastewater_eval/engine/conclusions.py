"""From what the rules asserted to the conclusions of the Measures, and the check that every
judged fact got exactly one status.

Adverse beats inconclusive beats favourable (each conclusion's adverse value is in the
vocabulary). Rules may act on a conclusion (a notice when ``report_to_district`` is true); such
an effect counts only while the conclusion it acted on stands, so resolution repeats until
nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import Location, Problem, RuleError
from ..vocabulary import vocabulary
from .runner import Effect

JudgedKey = tuple[str, str | None, str | None]  # (subject, sample, parameter) of a judged fact


@dataclass(frozen=True)
class Conclusion:
    name: str
    value: bool | None
    because: tuple[str, ...]  # rule ids that asserted the winning value
    on: tuple[JudgedKey, ...] = ()  # the judged facts those rules asserted it on (a document's drivers)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "because": list(self.because)}


def parse_value(text: str) -> bool | None:
    """A conclusion fact's value as the rules post it ("true" / "false" / "null")."""
    return {"true": True, "false": False}.get(text)


def _key(fact: dict[str, Any]) -> JudgedKey | None:
    """The judged fact a conclusion was asserted on (a finding stands for the fact it judged)."""
    subject = fact.get("subject") if fact["type"] == "finding" else fact["type"]
    if subject not in vocabulary().judged_subjects:
        return None
    return (str(subject), fact.get("sample"), fact.get("parameter"))


def _resolve(effects: list[Effect]) -> dict[str, Conclusion]:
    names = vocabulary().conclusions
    asserted: dict[str, dict[Any, list[Effect]]] = {name: {} for name in names}
    for e in effects:
        if e.kind == "conclude":
            for name, value in e.args.items():
                asserted[name].setdefault(value, []).append(e)
    out = {}
    for name, code in names.items():
        values = asserted[name]
        out[name] = Conclusion(name, None, ())
        for candidate in (code.adverse, None, not code.adverse):
            if candidate in values:
                keys = {k for e in values[candidate] if (k := _key(e.fact)) is not None}
                rules = tuple(sorted({e.rule.id for e in values[candidate]}))
                out[name] = Conclusion(name, candidate, rules, tuple(sorted(keys, key=lambda k: tuple(map(str, k)))))
                break
    return out


def resolve_conclusions(effects: list[Effect]) -> dict[str, Conclusion]:
    """Every conclusion of the Measures; one no rule spoke to is inconclusive (None)."""
    base = [e for e in effects if e.fact["type"] != "conclusion"]
    on_conclusions = [e for e in effects if e.fact["type"] == "conclusion"]
    resolved = _resolve(base)
    for _ in range(len(resolved) + 2):
        again = _resolve(base + [e for e in on_conclusions if stands(e, resolved)])
        if again == resolved:
            break
        resolved = again
    return resolved


def stands(e: Effect, conclusions: dict[str, Conclusion]) -> bool:
    """False for an effect that acted on a conclusion a stronger one overrode."""
    return e.fact["type"] != "conclusion" or parse_value(e.fact["value"]) == conclusions[e.fact["name"]].value


def check_one_status(facts: list[dict[str, Any]], effects: list[Effect]) -> None:
    """Each judged fact gets exactly one judged status: two is a contradiction in the rules, none a gap."""
    v = vocabulary()
    judged_subjects, judged_statuses = set(v.judged_subjects), set(v.judged_statuses)
    statuses: dict[tuple[str, Any, Any], list[tuple[str, str]]] = {}
    for e in effects:
        if e.kind == "finding" and e.fact["type"] in judged_subjects and e.args.get("status") in judged_statuses:
            key = (str(e.fact["type"]), e.fact.get("sample"), e.fact.get("parameter"))
            statuses.setdefault(key, []).append((e.rule.id, str(e.args["status"])))
    problems = []
    for key, given in statuses.items():
        if len({status for _, status in given}) > 1:
            rules = ", ".join(r for r, _ in given)
            problems.append(f"{key}: rules {rules} give statuses {', '.join(s for _, s in given)}")
    for fact in facts:
        if (
            fact["type"] in judged_subjects
            and (fact["type"], fact.get("sample"), fact.get("parameter")) not in statuses
        ):
            problems.append(f"no rule gave a status to {fact['id']}")
    if problems:
        raise RuleError(Problem(Location("rules"), p) for p in problems)
