"""A saved result (``wasteval assess --format json``, schema ``wasteval/assessment/v1``), read back.

Anything else is refused with the file, line and field: a JSON that is not a wasteval result, a
result of another schema, or one whose parts do not have the result's shape.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from ..errors import InputError, Location, Problem
from .result import RESULT_SCHEMA, Advice, Assessment, Finding, Notification

_LISTS = {"findings": Finding, "recommendations": Advice, "notifications": Notification, "warnings": Advice}
_REQUIRED = ("discharger", "track", "as_of", "standard", "findings", "conclusions", "engine")


def _line(text: str, key: str) -> int:
    m = re.search(rf'^\s*"{re.escape(key)}"\s*:', text, re.M)
    return text[: m.start()].count("\n") + 1 if m else 1


def _problems(doc: Any, text: str, path: str) -> list[Problem]:
    def at(key: str, message: str, field: str | None = None) -> Problem:
        return Problem(Location(path, _line(text, key), field or key), message)

    if not isinstance(doc, dict):
        return [Problem(Location(path, 1, ""), "not a wasteval result: expected a JSON object")]
    if doc.get("schema") != RESULT_SCHEMA:
        given = doc.get("schema")
        what = f"schema {given!r}" if given is not None else "no schema"
        return [at("schema", f"not a wasteval result ({what}); expected a result of {RESULT_SCHEMA}", "schema")]
    out = [at(k, "missing") for k in _REQUIRED if k not in doc]
    d = doc.get("discharger")
    if isinstance(d, dict):
        out += [at("discharger", "missing", f"discharger.{k}") for k in ("id", "name", "district") if not d.get(k)]
    elif d is not None:
        out.append(at("discharger", "expected an object"))
    try:
        if "as_of" in doc:
            dt.date.fromisoformat(str(doc["as_of"]))
    except ValueError:
        out.append(at("as_of", f"{doc['as_of']!r} is not a date (YYYY-MM-DD)"))
    for key in ("standard", "conclusions", "provenance", "subject"):
        if key in doc and not isinstance(doc[key], dict):
            out.append(at(key, "expected an object"))
    for key, kind in _LISTS.items():
        items = doc.get(key, [])
        if not isinstance(items, list):
            out.append(at(key, "expected a list"))
            continue
        for i, item in enumerate(items):
            try:
                kind(**item)
            except TypeError as exc:
                out.append(at(key, f"not a {kind.__name__.lower()}: {exc}", f"{key}[{i}]"))
    conclusions = doc.get("conclusions")
    if isinstance(conclusions, dict):
        out += [
            at("conclusions", "expected true, false or null", f"conclusions.{k}")
            for k, v in conclusions.items()
            if v not in (True, False, None)
        ]
    return out


def load_result(path: Path | str) -> Assessment:
    """Read a saved result; raise :class:`InputError` naming what is wrong."""
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError.at(str(p), 0, "", f"cannot read file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError.at(str(p), 0, "", "not UTF-8 text: not a wasteval result") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.at(str(p), exc.lineno, "", f"not JSON ({exc.msg}): not a wasteval result") from None
    problems = _problems(doc, text, str(p))
    if problems:
        raise InputError(problems)
    return Assessment.from_dict(doc)
