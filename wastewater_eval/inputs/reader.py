"""Reading a user's YAML into typed values: the JSON Schema's problems at file:line, then the
``Reader`` that turns dates, quantities, parameters and measured values into values, collecting
every problem before anything fails."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import InputError, Location, Problem, UnitError, UnknownParameterError
from ..load.units import convert, parse_reading
from ..load.yamlio import LocDict, LocList
from ..standards.parameters import Catalogue, Parameter
from .model import AgreedLimit, Measurement
from .schema import DISCHARGER_SCHEMA


def _plain(value: Any) -> Any:
    """YAML values as JSON would have them, for schema validation."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _line_at(doc: Any, path: list[Any]) -> int:
    node, line = doc, getattr(doc, "line", 0)
    for key in path:
        in_dict = isinstance(node, LocDict) and key in node
        in_list = isinstance(node, LocList) and isinstance(key, int) and key < len(node)
        if in_dict or in_list:
            line = node.line_of(key)
            node = node[key]
        else:
            break
    return line


def schema_problems(doc: Any, path: str, schema: dict[str, Any] = DISCHARGER_SCHEMA) -> list[Problem]:
    """Every way ``doc`` breaks ``schema``, each at its file, line and field."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)
    problems = []
    for err in sorted(validator.iter_errors(_plain(doc)), key=lambda e: list(map(str, e.absolute_path))):
        loc = list(err.absolute_path)
        field = ".".join(str(x) if not isinstance(x, int) else f"[{x}]" for x in loc).replace(".[", "[")
        message = err.message
        if err.validator == "additionalProperties":
            message = f"unknown field: {err.message.split('(')[-1].rstrip(')')}"
        elif err.validator == "enum":
            message = f"{err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
        elif err.validator == "const":
            message = f"expected {err.validator_value!r}"
        problems.append(Problem(Location(path, _line_at(doc, loc), field), message))
    return problems


class Entry(NamedTuple):
    """One entry of a parameter-keyed mapping: the parameter, the name written, the raw value."""

    parameter: Parameter
    name: str
    raw: Any
    line: int
    field: str


class Reader:
    """Turns a validated document into typed values, collecting problems."""

    def __init__(self, path: str, catalogue: Catalogue) -> None:
        self.path = path
        self.catalogue = catalogue
        self.problems: list[Problem] = []

    def problem(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(Location(self.path, line, field), message))

    def date(self, value: Any, line: int, field: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problem(line, field, f"{value!r} is not a date (YYYY-MM-DD)")
            return None

    def moment(self, value: Any, line: int, field: str) -> dt.datetime | None:
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time())
        try:
            return dt.datetime.fromisoformat(str(value).replace(" ", "T"))
        except ValueError:
            self.problem(line, field, f"{value!r} is not a date or date-time (YYYY-MM-DDTHH:MM)")
            return None

    def quantity(self, value: Any, unit: str, line: int, field: str) -> Decimal | None:
        if value is None:
            return None
        try:
            reading = parse_reading(value, field)
            if reading.value is None or not reading.detected:
                raise UnitError(field, str(value), "expected a number")
            if reading.unit is None:
                raise UnitError(field, str(value), "has no unit", unit)
            return convert(reading.value, reading.unit, unit, field)
        except UnitError as exc:
            self.problem(
                line,
                field,
                f"{exc.reason}: {value!r}" + (f" (expected a unit like {exc.expected})" if exc.expected else ""),
            )
            return None

    def parameter(self, name: str, line: int, field: str) -> Parameter | None:
        try:
            return self.catalogue.resolve(name)
        except UnknownParameterError as exc:
            self.problem(line, field, str(exc))
            return None

    def by_parameter(self, values: Any, field: str) -> list[Entry]:
        """The entries of a parameter-keyed mapping whose names the catalogue knows, each once."""
        out: list[Entry] = []
        if not isinstance(values, LocDict):
            return out
        seen: dict[str, str] = {}
        for name, raw in values.items():
            line, f = values.line_of(name), f"{field}.{name}"
            p = self.parameter(str(name), line, f)
            if p is None:
                continue
            if p.id in seen:
                self.problem(line, f, f"{name!r} and {seen[p.id]!r} are the same parameter ({p.id})")
                continue
            seen[p.id] = str(name)
            out.append(Entry(p, str(name), raw, line, f))
        return out

    def measurements(self, values: LocDict, field: str) -> list[Measurement]:
        out: list[Measurement] = []
        for p, name, raw, line, f in self.by_parameter(values, field):
            try:
                reading = parse_reading(raw, str(name))
            except UnitError as exc:
                self.problem(line, f, f"{exc.reason}: {raw!r}")
                continue
            if reading.basis and p.basis and reading.basis.upper() != p.basis.upper():
                self.problem(line, f, f"basis 以{reading.basis}计 contradicts {p.id}, which is 以{p.basis}计")
                continue
            if reading.unit is not None:
                try:
                    convert(Decimal(1), reading.unit, p.unit, str(name))
                except UnitError as exc:
                    self.problem(
                        line,
                        f,
                        f"unit {reading.unit!r} {exc.reason} (expected a unit like {p.unit or 'no unit'})",
                    )
                    continue
            out.append(Measurement(p, str(name), reading, line))
        return out

    def limits(self, values: Any, field: str, kind: str) -> list[AgreedLimit]:
        out: list[AgreedLimit] = []
        if not isinstance(values, LocDict):
            return out
        for name, raw in values.items():
            line = values.line_of(name)
            f = f"{field}.{name}"
            p = self.parameter(str(name), line, f)
            if p is None:
                continue
            unit = p.unit if kind == "concentration" else "kg/d"
            q = self.quantity(raw, unit, line, f)
            if q is not None:
                out.append(AgreedLimit(p, q, unit, line))
        return out


def read_user_file(p: Path) -> tuple[bytes, str]:
    """A file a user wrote, as bytes (for its hash) and text: UTF-8 (with or without BOM) or GB18030."""
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError.at(str(p), 0, "", f"cannot read file: {exc.strerror}") from None
    try:
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw, raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError.at(str(p), 0, "", "neither UTF-8 nor GB18030 text") from None
