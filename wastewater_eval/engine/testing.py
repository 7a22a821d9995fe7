"""Rule tests: each rule's own examples, the test cases beside each rule file, coverage,
and a search for pairs of rules that give one fact two statuses.

Test-case files sit beside the rule files as ``<name>.tests.yaml``::

    cases:
      - name: nickel above grade B
        facts:
          - {type: measurement, id: m1, has_unit: true, std_kind: max, detected: true, value: 1.6, std_limit: 1}
        expect:
          findings: [{fact: m1, status: exceeds, rule: LIM-010}]
          conclusions: {effectively_treatable: false}
          fired: [LIM-010]
          not_fired: [LIM-011]

Every case runs the whole rule set on its facts (rules chain), with both engines, and the
two engines must agree.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location, Problem
from ..load.yamlio import LocDict, LocList, load_collecting
from ..vocabulary import vocabulary
from .conclusions import resolve_conclusions, stands
from .facts import BOOL, NUM, TEXT, fields_of
from .language import Compare, FieldRef, Group, Rule, RuleSet
from .pyeval import _holds
from .runner import EngineRun, available_engines, run_rules

JUDGEMENT = vocabulary().judged_statuses


@dataclass
class CaseResult:
    name: str
    path: str
    line: int
    passed: bool
    diff: list[str] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)


def _complete(rule: Rule, example: dict[str, Any], n: int) -> dict[str, Any]:
    return {**example, "id": f"example:{rule.id}:{n}", "type": rule.fact}


def check_examples(ruleset: RuleSet) -> list[Problem]:
    """Each rule fires on its ``fires`` examples and not on its ``does_not_fire`` ones, in every engine."""
    problems: list[Problem] = []
    engines = available_engines()
    for rule in ruleset:
        single = RuleSet((rule,), ruleset.files, ruleset.params)
        for kind in ("fires", "does_not_fire"):
            examples = rule.examples.get(kind, [])
            if not examples:
                problems.append(
                    Problem(
                        Location(rule.path, rule.line, f"{rule.id}.examples.{kind}"),
                        f"rule {rule.id} needs at least one '{kind}' example",
                    )
                )
            for i, ex in enumerate(examples):
                fact = _complete(rule, ex, i)
                bad = [k for k in ex if k not in fields_of(rule.fact)]
                if bad:
                    problems.append(
                        Problem(
                            Location(rule.path, rule.line, f"{rule.id}.examples.{kind}[{i}]"),
                            f"fact {rule.fact!r} has no field {bad[0]!r}",
                        )
                    )
                    continue
                for engine in engines:
                    run = run_rules(single, [fact], engine)
                    fired = any(rid == rule.id for rid, _ in run.fired)
                    if fired != (kind == "fires"):
                        problems.append(
                            Problem(
                                Location(rule.path, rule.line, f"{rule.id}.examples.{kind}[{i}]"),
                                f"rule {rule.id} {'did not fire' if kind == 'fires' else 'fired'} on {ex} ({engine})",
                            )
                        )
    return problems


def case_files(ruleset: RuleSet) -> list[Path]:
    out = []
    for f in ruleset.files:
        p = Path(f)
        t = p.with_name(p.stem + ".tests.yaml")
        if t.exists():
            out.append(t)
    return out


def _outcome(run: EngineRun) -> dict[str, Any]:
    findings = [(str(e.fact["id"]), e.args["status"], e.rule.id) for e in run.effects if e.kind == "finding"]
    conclusions = resolve_conclusions(run.effects)
    notifications = [
        (e.args["recipient"], e.args["code"]) for e in run.effects if e.kind == "notify" and stands(e, conclusions)
    ]
    return {
        "findings": findings,
        "conclusions": {k: c.value for k, c in conclusions.items()},
        "fired": {rid for rid, _ in run.fired},
        "notifications": notifications,
    }


def run_cases(ruleset: RuleSet) -> tuple[list[CaseResult], list[Problem]]:
    """Run every case file beside the rule files; a malformed case file is a problem, not a crash."""
    results: list[CaseResult] = []
    problems: list[Problem] = []
    engines = available_engines()
    for path in case_files(ruleset):
        loaded = load_collecting(path, problems)
        if loaded is None:
            continue
        doc = loaded.data
        cases = doc.get("cases") if isinstance(doc, LocDict) else None
        if not isinstance(cases, LocList):
            problems.append(Problem(Location(str(path), 1, "cases"), "expected a 'cases' list"))
            continue
        for i, case in enumerate(cases):
            line = cases.line_of(i)
            if not isinstance(case, LocDict) or not isinstance(case.get("facts"), list):
                problems.append(
                    Problem(Location(str(path), line, f"cases[{i}]"), "a case needs 'name', 'facts', 'expect'")
                )
                continue
            name = str(case.get("name", f"case {i}"))
            facts = [dict(f) for f in case["facts"]]
            try:
                outcomes = {e: _outcome(run_rules(ruleset, [dict(f) for f in facts], e)) for e in engines}
            except Exception as exc:  # a case that cannot run is a failed case with the reason
                results.append(CaseResult(name, str(path), line, False, [f"could not run: {exc}"]))
                continue
            first = outcomes[engines[0]]
            diff = []
            for e in engines[1:]:
                if outcomes[e]["findings"] != first["findings"] or outcomes[e]["conclusions"] != first["conclusions"]:
                    diff.append(f"engines disagree: {engines[0]} {first} vs {e} {outcomes[e]}")
            diff += _compare(dict(case.get("expect") or {}), first)
            results.append(CaseResult(name, str(path), line, not diff, diff, first["fired"]))
    return results, problems


def _compare(expect: dict[str, Any], got: dict[str, Any]) -> list[str]:
    diff = []
    for f in expect.get("findings") or []:
        want = (str(f.get("fact")), f.get("status"), f.get("rule"))
        if not any(
            g[0] == want[0] and g[1] == want[1] and (want[2] is None or g[2] == want[2]) for g in got["findings"]
        ):
            diff.append(f"- expected finding {dict(f)}\n+ got {[g for g in got['findings'] if g[0] == want[0]]}")
    for name, value in (expect.get("conclusions") or {}).items():
        if got["conclusions"].get(name) != value:
            diff.append(f"- expected {name}: {value}\n+ got {name}: {got['conclusions'].get(name)}")
    for rid in expect.get("fired") or []:
        if rid not in got["fired"]:
            diff.append(f"- expected rule {rid} to fire\n+ fired: {sorted(got['fired'])}")
    for rid in expect.get("not_fired") or []:
        if rid in got["fired"]:
            diff.append(f"- expected rule {rid} not to fire\n+ it fired")
    for n in expect.get("notifications") or []:
        if (n.get("recipient"), n.get("code")) not in got["notifications"]:
            diff.append(f"- expected notification {dict(n)}\n+ got {got['notifications']}")
    return diff


def _candidates(rules: list[Rule], fact_type: str) -> dict[str, list[Any]]:
    """For each field the rules mention, the values worth trying: literals, their neighbours, missing."""
    fields = fields_of(fact_type)
    values: dict[str, set[Any]] = {}

    def walk(c: Any) -> None:
        if isinstance(c, Group):
            for x in c.items:
                walk(x)
            return
        assert isinstance(c, Compare)
        names = [c.field] + ([c.operand.name] if isinstance(c.operand, FieldRef) else [])
        for n in names:
            values.setdefault(n, set())
        lits = c.operand if isinstance(c.operand, tuple) else (c.operand,)
        for lit in lits:
            if isinstance(lit, FieldRef) or c.op == "exists":
                continue
            values[c.field].add(lit)
            if isinstance(lit, int | float) and not isinstance(lit, bool):
                values[c.field].update({lit - 1, lit + 1})

    for r in rules:
        walk(r.when)
    out: dict[str, list[Any]] = {}
    for name, vals in values.items():
        kind = fields.get(name)
        base: list[Any]
        if kind == BOOL:
            base = [True, False]
        elif kind == NUM:
            base = sorted({*vals, 0, 1, 2, 5} - {True, False}, key=float)
        else:
            base = sorted({str(v) for v in vals} | {"x"})
        out[name] = [*base, None]  # None: the field is missing
    return out


def find_contradictions(ruleset: RuleSet, samples: int = 3000, seed: int = 7) -> list[Problem]:
    """Pairs of rules that can give one fact two different judgements, each with a witness fact."""
    problems: list[Problem] = []
    by_type: dict[str, list[Rule]] = {}
    for r in ruleset:
        if any(x.kind == "finding" and x.args.get("status") in JUDGEMENT for x in r.then):
            by_type.setdefault(r.fact, []).append(r)
    rng = random.Random(seed)
    for fact_type, rules in by_type.items():
        for ra, rb in itertools.combinations(rules, 2):
            sa = next(x.args["status"] for x in ra.then if x.kind == "finding")
            sb = next(x.args["status"] for x in rb.then if x.kind == "finding")
            if sa == sb:
                continue
            cands = _candidates([ra, rb], fact_type)
            examples = [e for r in (ra, rb) for e in r.examples.get("fires", [])]
            trials = examples + [
                {k: v for k, v in ((k, rng.choice(vs)) for k, vs in cands.items()) if v is not None}
                for _ in range(samples)
            ]
            for fact in trials:
                if _holds(ra.when, fact) and _holds(rb.when, fact):
                    problems.append(
                        Problem(
                            Location(rb.path, rb.line, rb.id),
                            f"rules {ra.id} ({sa}) and {rb.id} ({sb}) both match {fact_type} {fact}",
                        )
                    )
                    break
    return problems


def coverage(ruleset: RuleSet, results: list[CaseResult]) -> list[Rule]:
    """Rules that no test case fires."""
    fired = set().union(*(r.fired for r in results)) if results else set()
    return [r for r in ruleset if r.id not in fired]


__all__ = ["TEXT", "CaseResult", "check_examples", "coverage", "find_contradictions", "run_cases"]
