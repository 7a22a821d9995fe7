"""Reading rule files: YAML parsed into the closed syntax tree of :mod:`.language`, every problem
at file:line before anything runs."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError, Location, Problem, RuleError
from ..load.yamlio import LocDict, LocList, load_file
from .facts import DIMENSIONS, FACT_TYPES, NUM, fields_of, type_of
from .language import (
    ACTIONS,
    CONCLUSIONS,
    MAX_IN_LITERALS,
    OPERATORS,
    ORDERING,
    RECIPIENTS,
    SEVERITIES,
    STATUSES,
    VOCABULARY_FILE,
    Action,
    Compare,
    Condition,
    FieldRef,
    Group,
    Rule,
    RuleSet,
    Text,
    placeholders,
)


class _Parser:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, line: int, fld: str, message: str) -> None:
        self.problems.append(Problem(Location(self.path, line, fld), message))

    def condition(self, node: Any, fact: str, line: int, where: str) -> Condition | None:
        fields = fields_of(fact)
        if not isinstance(node, LocDict) or len(node) != 1:
            self.problem(line, where, "a condition is a mapping with one key: all, any, or a field name")
            return None
        ((key, body),) = node.items()
        kline = node.line_of(key)
        if key in ("all", "any"):
            if not isinstance(body, LocList) or not body:
                self.problem(kline, f"{where}.{key}", "expected a non-empty list of conditions")
                return None
            items = [self.condition(c, fact, body.line_of(i), f"{where}.{key}[{i}]") for i, c in enumerate(body)]
            if any(i is None for i in items):
                return None
            return Group(key, tuple(i for i in items if i is not None))
        if key not in fields:
            self.problem(kline, f"{where}.{key}", f"fact {fact!r} has no field {key!r}")
            return None
        if not isinstance(body, LocDict) or len(body) != 1:
            self.problem(kline, f"{where}.{key}", f"expected {{operator: operand}} with one of {', '.join(OPERATORS)}")
            return None
        ((op, operand),) = body.items()
        if op not in OPERATORS:
            self.problem(kline, f"{where}.{key}", f"unknown operator {op!r}; expected one of {', '.join(OPERATORS)}")
            return None
        ftype = fields[key]
        if op == "exists":
            if not isinstance(operand, bool):
                self.problem(kline, f"{where}.{key}", "exists takes true or false")
                return None
            return Compare(key, op, operand)
        if isinstance(operand, LocDict):
            ref = operand.get("field")
            if len(operand) != 1 or not isinstance(ref, str):
                self.problem(kline, f"{where}.{key}", "a field reference is written {field: name}")
                return None
            if ref not in fields:
                self.problem(kline, f"{where}.{key}", f"fact {fact!r} has no field {ref!r}")
                return None
            if DIMENSIONS.get(ref) != DIMENSIONS.get(key):
                self.problem(
                    kline,
                    f"{where}.{key}",
                    f"compares {key!r} ({DIMENSIONS.get(key, ftype)}) with {ref!r} "
                    f"({DIMENSIONS.get(ref, fields[ref])}): different units",
                )
                return None
            if fields[ref] != ftype:
                self.problem(
                    kline,
                    f"{where}.{key}",
                    f"compares {ftype} field {key!r} with {fields[ref]} field {ref!r}",
                )
                return None
            if op in ORDERING and ftype != NUM:
                self.problem(kline, f"{where}.{key}", f"{op} needs numbers; {key!r} is {ftype}")
                return None
            return Compare(key, op, FieldRef(ref))
        if op == "in":
            if not isinstance(operand, list) or not operand:
                self.problem(kline, f"{where}.{key}", "in takes a non-empty list")
                return None
            if len(operand) > MAX_IN_LITERALS:
                self.problem(kline, f"{where}.{key}", f"in takes at most {MAX_IN_LITERALS} values")
                return None
            bad = [v for v in operand if type_of(v) != ftype]
            if bad:
                self.problem(kline, f"{where}.{key}", f"{key!r} is {ftype}; {bad[0]!r} is not")
                return None
            return Compare(key, op, tuple(operand))
        if type_of(operand) != ftype:
            self.problem(kline, f"{where}.{key}", f"{key!r} is {ftype}; {operand!r} is not")
            return None
        if op in ORDERING and ftype != NUM:
            self.problem(kline, f"{where}.{key}", f"{op} needs numbers; {key!r} is {ftype}")
            return None
        return Compare(key, op, operand)

    def text(self, node: Any, line: int, where: str, fact: str) -> Text | None:
        if not isinstance(node, LocDict) or not isinstance(node.get("zh"), str) or not isinstance(node.get("en"), str):
            self.problem(line, where, "expected {zh: ..., en: ...}")
            return None
        fields = fields_of(fact)
        for lang in ("zh", "en"):
            for name in placeholders(node[lang]):
                if name not in fields:
                    self.problem(
                        node.line_of(lang),
                        f"{where}.{lang}",
                        f"placeholder {{{name}}}: fact {fact!r} has no such field",
                    )
        return Text(node["zh"], node["en"])

    def actions(self, node: Any, fact: str, line: int) -> tuple[Action, ...]:
        if not isinstance(node, LocDict) or not node:
            self.problem(line, "then", f"expected a mapping of actions ({', '.join(ACTIONS)})")
            return ()
        out: list[Action] = []
        fields = fields_of(fact)
        for kind, body in node.items():
            kline = node.line_of(kind)
            where = f"then.{kind}"
            if kind not in ACTIONS:
                self.problem(kline, where, f"unknown action {kind!r}; expected one of {', '.join(ACTIONS)}")
                continue
            if kind == "finding":
                if not isinstance(body, LocDict) or body.get("status") not in STATUSES:
                    self.problem(kline, where, f"finding needs a status: one of {', '.join(STATUSES)}")
                    continue
                for ref in ("limit", "limit_low", "limit_high", "limit_source"):
                    if body.get(ref) is not None and body[ref] not in fields:
                        self.problem(body.line_of(ref), f"{where}.{ref}", f"fact {fact!r} has no field {body[ref]!r}")
                args = dict(body)
                if "reason" in body:
                    t = self.text(body["reason"], body.line_of("reason"), f"{where}.reason", fact)
                    args["reason"] = t
                out.append(Action(kind, args))
            elif kind == "conclude":
                if not isinstance(body, LocDict) or not body:
                    self.problem(kline, where, "conclude takes {conclusion: true|false|null}")
                    continue
                for name, value in body.items():
                    if name not in CONCLUSIONS:
                        self.problem(
                            body.line_of(name),
                            f"{where}.{name}",
                            f"unknown conclusion; expected one of {', '.join(CONCLUSIONS)}",
                        )
                    elif value not in (True, False, None):
                        self.problem(
                            body.line_of(name),
                            f"{where}.{name}",
                            "a conclusion is true, false or null (inconclusive)",
                        )
                out.append(Action(kind, dict(body)))
            else:
                if not isinstance(body, LocDict):
                    self.problem(kline, where, "expected a mapping")
                    continue
                t = self.text(body.get("text"), body.line_of("text"), f"{where}.text", fact)
                args = dict(body)
                args["text"] = t
                if kind == "notify":
                    if body.get("recipient") not in RECIPIENTS:
                        self.problem(
                            body.line_of("recipient"),
                            f"{where}.recipient",
                            f"expected one of {', '.join(RECIPIENTS)}",
                        )
                    if not isinstance(body.get("article"), str):
                        self.problem(
                            body.line_of("article"),
                            f"{where}.article",
                            "name the article of the Measures, e.g. 第八条",
                        )
                if not isinstance(body.get("code"), str):
                    self.problem(body.line_of("code"), f"{where}.code", "a stable code is required")
                out.append(Action(kind, args))
        return tuple(out)

    def rule(self, node: Any, line: int) -> Rule | None:
        before = len(self.problems)
        if not isinstance(node, LocDict):
            self.problem(line, "rules[]", "expected a mapping")
            return None
        known = {"id", "title", "clause", "severity", "description", "when", "then", "examples", "aliases"}
        for k in node:
            if k not in known:
                self.problem(node.line_of(k), str(k), f"unknown key; expected {', '.join(sorted(known))}")
        for key in ("id", "title", "clause", "description"):
            if not isinstance(node.get(key), str) or not node[key].strip():
                self.problem(node.line_of(key), key, "required text")
        rid = str(node.get("id", "?"))
        if node.get("severity", "error") not in SEVERITIES:
            self.problem(node.line_of("severity"), "severity", f"expected one of {', '.join(SEVERITIES)}")
        when = node.get("when")
        if not isinstance(when, LocDict) or when.get("fact") not in FACT_TYPES:
            self.problem(node.line_of("when"), "when.fact", f"name the fact to match: one of {', '.join(FACT_TYPES)}")
            return None
        fact = str(when["fact"])
        conds = [c for c in when if c != "fact"]
        group: Group | None = Group("all", ())
        if len(conds) > 1:
            self.problem(when.line, "when", "use one 'all' or 'any' list beside 'fact'")
        elif conds:
            key = conds[0]
            parsed = self.condition(_single(when, key), fact, when.line_of(key), "when")
            group = parsed if isinstance(parsed, Group) else (Group("all", (parsed,)) if parsed else None)
        then = self.actions(node.get("then"), fact, node.line_of("then"))
        examples = node.get("examples")
        ex: dict[str, list[dict[str, Any]]] = {}
        if examples is None:
            pass  # reported by `rules check` as a rule without examples
        elif not isinstance(examples, LocDict):
            self.problem(node.line_of("examples"), "examples", "expected {fires: [...], does_not_fire: [...]}")
        else:
            for k, v in examples.items():
                if k not in ("fires", "does_not_fire"):
                    self.problem(examples.line_of(k), f"examples.{k}", "expected fires or does_not_fire")
                    continue
                items = v if isinstance(v, list) else [v]
                ex[k] = [dict(i) for i in items if isinstance(i, dict)]
        if len(self.problems) > before or group is None:
            return None
        return Rule(
            rid,
            str(node["title"]),
            str(node["clause"]),
            str(node.get("severity", "error")),
            str(node["description"]).strip(),
            fact,
            group,
            then,
            ex,
            tuple(str(a) for a in node.get("aliases") or []),
            self.path,
            line,
        )


def _single(mapping: LocDict, key: str) -> LocDict:
    out = LocDict({key: mapping[key]})
    out.line = mapping.line_of(key)
    out.key_lines = {key: mapping.line_of(key)}
    return out


def rule_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            rule_yaml = (f for f in p.glob("*.yaml") if f.name != VOCABULARY_FILE)
            files += sorted(f for f in rule_yaml if not f.name.endswith(".tests.yaml"))
        else:
            files.append(p)
    return files


def parse_rule_file(path: Path) -> tuple[list[Rule], dict[str, Any], list[Problem]]:
    """Parse one rule file; returns its rules, its parameters and every problem found."""
    spath = str(path)
    try:
        doc = load_file(path).data
    except InputError as exc:
        return [], {}, exc.problems
    p = _Parser(spath)
    if not isinstance(doc, LocDict) or not isinstance(doc.get("rules"), LocList):
        p.problem(1, "rules", "expected a 'rules' list")
        return [], {}, p.problems
    for k in doc:
        if k not in ("ruleset", "title", "description", "rules", "params"):
            p.problem(doc.line_of(k), str(k), "unknown key; expected ruleset, title, description, params, rules")
    rules = []
    for i, node in enumerate(doc["rules"]):
        r = p.rule(node, doc["rules"].line_of(i))
        if r:
            rules.append(r)
    params = dict(doc.get("params") or {})
    return rules, params, p.problems


@cache
def bundled_rules() -> RuleSet:
    """The bundled rules, loaded once per process."""
    return load_rules()


def load_rules(paths: list[Path] | None = None) -> RuleSet:
    """Load rule files (default: the bundled ``rules/``); collect every problem, then fail once."""
    from ..resources import data_dir

    files = rule_files(paths or [data_dir("rules")])
    problems: list[Problem] = []
    rules: list[Rule] = []
    params: dict[str, Any] = {}
    ids: dict[str, str] = {}
    for f in files:
        rs, ps, probs = parse_rule_file(f)
        problems += probs
        params.update(ps)
        for r in rs:
            for name in (r.id, *r.aliases):
                if name in ids:
                    problems.append(Problem(Location(r.path, r.line, "id"), f"rule id {name!r} also at {ids[name]}"))
                ids[name] = r.location
            rules.append(r)
    if problems:
        raise RuleError(problems)
    return RuleSet(tuple(rules), tuple(str(f) for f in files), params)
