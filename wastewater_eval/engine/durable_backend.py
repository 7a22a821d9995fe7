"""durable-rules behind one small door.

durable-rules 2.0.28 needs care (measured on this project's machines): joins between facts
crash, fact identity is a 32-bit hash, strings compare with numbers as strings, exceptions
in actions are swallowed, its Host runs timer threads, a ruleset name registers once per
process, and more than 1024 live sessions raise MemoryError. So this module:

- compiles every rule to a single-pattern rule (one fact each; chaining is done by the
  runner asserting derived facts), never a join;
- talks to the C engine directly (no Host, hence no background threads), posts facts one
  at a time with explicit unique ids, and treats "already observed" as an error;
- registers each distinct compiled rule set once per process and gives each assessment a
  fresh session, deleted afterwards (see :class:`DurableSession`).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
from decimal import Decimal
from typing import Any

from ..errors import EngineError
from .language import Compare, Condition, FieldRef, Group, RuleSet

_OPS = {"gt": "$gt", "gte": "$gte", "lt": "$lt", "lte": "$lte", "ne": "$neq"}
_lock = threading.Lock()
_handles: dict[str, tuple[int, list[str]]] = {}
_sessions = itertools.count(1)


def _compile_condition(cond: Condition) -> dict[str, Any]:
    if isinstance(cond, Group):
        parts = [_compile_condition(c) for c in cond.items]
        if not parts:
            return {"$ex": {"type": 1}}
        return {"$and" if cond.kind == "all" else "$or": parts}
    operand = cond.operand
    if cond.op == "exists":
        return {"$ex" if operand else "$nex": {cond.field: 1}}
    if isinstance(operand, FieldRef):
        # durable-rules compares a missing referenced field as if it were there (0 <= missing
        # matches); the rule language says a missing field never compares, so say so explicitly.
        compare = _compile_condition(Compare(cond.field, cond.op, None))
        ref = operand.name
        compare = {k: {cond.field: {"$m": ref}} for k in compare} if cond.op != "eq" else {cond.field: {"$m": ref}}
        return {"$and": [{"$ex": {cond.field: 1}}, {"$ex": {ref: 1}}, compare]}
    if cond.op == "eq":
        return {cond.field: operand}
    if cond.op == "in":
        return {"$or": [{cond.field: v} for v in operand]}
    return {_OPS[cond.op]: {cond.field: operand}}


def _number(v: int | float) -> str:
    """A number in plain decimal notation: durable-rules' JSON reader rejects exponents (1e-05)."""
    if isinstance(v, int):
        return str(v)
    text = format(Decimal(repr(v)), "f")
    return text if "." in text else text + ".0"


def _to_json(value: Any) -> str:
    """JSON for a flat fact, with numbers as durable-rules can read them."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{_to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_to_json(v) for v in value) + "]"
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return _number(value)
    raise TypeError(f"cannot post {value!r} to durable-rules")


def compile_ruleset(ruleset: RuleSet) -> tuple[dict[str, Any], list[str]]:
    """The durable-rules definition of a rule set, and rule ids by position."""
    definition: dict[str, Any] = {}
    ids: list[str] = []
    for i, r in enumerate(ruleset):
        cond = {"$and": [{"type": r.fact}, _compile_condition(r.when)]}
        definition[f"r{i}"] = {"all": [{"m": cond}]}
        ids.append(r.id)
    return definition, ids


_SENTINEL = "$session"


def _handle(ruleset: RuleSet) -> tuple[int, list[str]]:
    """The durable-rules ruleset for a rule set: created once per distinct definition."""
    import durable_rules_engine as dre

    definition, ids = compile_ruleset(ruleset)
    definition["session"] = {"all": [{"m": {"type": _SENTINEL}}]}
    text = _to_json(definition)
    key = hashlib.sha256((text + "\n" + "\n".join(ids)).encode()).hexdigest()[:16]
    with _lock:
        if key not in _handles:
            _handles[key] = (dre.create_ruleset(f"wasteval_{key}", text), ids)
        return _handles[key]


class DurableSession:
    """One assessment: one durable-rules session (state), deleted afterwards.

    Measured on this project's machines: ``delete_state`` reads uninitialised memory
    (valgrind) and can crash for a session in which no rule ever fired, and
    ``delete_ruleset`` leaks about 0.7 MB per ruleset. So every session starts with a
    sentinel fact that a sentinel rule always fires on, which puts the state in the shape
    ``delete_state`` expects; thousands of sessions then run valgrind-clean with flat memory.
    """

    name = "durable-rules"

    def __init__(self, ruleset: RuleSet) -> None:
        import durable_rules_engine as dre

        self._dre = dre
        self._handle, self._ids = _handle(ruleset)
        self._sid = f"a{next(_sessions)}"
        self._seen: set[str] = set()
        try:
            dre.get_facts(self._handle, self._sid)
        except Exception:  # no state under this id yet: the expected case
            pass
        else:
            raise EngineError(f"durable-rules session {self._sid} already holds facts")
        self._post({"id": _SENTINEL, "type": _SENTINEL})

    def matches(self, fact: dict[str, Any]) -> list[str]:
        return [self._ids[i] for i in self._post(fact)]

    def _post(self, fact: dict[str, Any]) -> list[int]:
        dre = self._dre
        fid = str(fact["id"])
        if fid in self._seen:
            raise EngineError(f"fact {fid!r} posted twice")
        self._seen.add(fid)
        payload = {**fact, "sid": self._sid}
        code, state_handle = dre.assert_fact(self._handle, _to_json(payload))
        if code == 2:
            raise EngineError(f"durable-rules took fact {fid!r} for one already observed (hash collision)")
        if code in (1, 3):
            return []
        fired: list[int] = []
        result = dre.start_action_for_state(self._handle, state_handle)
        while result:
            state, message = result
            for name, matched in json.loads(message).items():
                got = matched.get("m", matched)
                if got.get("id") != fid:
                    raise EngineError(f"durable-rules matched fact {got.get('id')!r} while posting {fid!r}")
                if name != "session":
                    fired.append(int(name[1:]))
            dre.update_state(self._handle, state)
            following = dre.complete_and_start_action(self._handle, state_handle)
            result = (state, following) if following else None
        return sorted(set(fired))

    def close(self) -> None:
        self._dre.delete_state(self._handle, self._sid)
