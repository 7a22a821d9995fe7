"""Named domain exceptions. Each builds its message from its fields."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class WastevalError(Exception):
    """Base of every error the library raises on purpose."""


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, a 1-based line (0 when unknown) and a dotted field path."""

    path: str
    line: int = 0
    field: str = ""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
        if self.field:
            where += f": {self.field}"
        return where


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, at a location."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "field": self.location.field,
            "message": self.message,
        }


class InputError(WastevalError):
    """An input file cannot be used. Carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str, line: int, field: str, message: str) -> InputError:
        return cls([Problem(Location(path, line, field), message)])


class UnknownParameterError(WastevalError):
    """A parameter name the catalogue does not know."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown parameter {name!r}{hint}")


class UnitError(WastevalError):
    """A value whose unit cannot be read, or whose dimension does not fit its parameter."""

    def __init__(self, parameter: str, text: str, reason: str, expected: str = "") -> None:
        self.parameter = parameter
        self.text = text
        self.reason = reason
        self.expected = expected
        exp = f" (expected a unit like {expected})" if expected else ""
        super().__init__(f"{parameter}: {text!r}: {reason}{exp}")


class RuleError(WastevalError):
    """A rule file that cannot be compiled, or a rule set that contradicts itself at run time."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class EngineError(WastevalError):
    """The rules engine failed while running an assessment."""


class MissingStandardError(WastevalError):
    """A standard the assessment needs is cited but not encoded (no verified copy of its tables)."""

    def __init__(self, code: str, note: str = "") -> None:
        self.code = code
        super().__init__(
            f"{code} is not encoded: wasteval will not assess without its verified limits"
            + (f" ({note})" if note else "")
            + "; an operator holding the official text can encode it (see standards/README.md) "
            "in the site's standards folder (wasteval.toml) or pass it with --standard FILE"
        )
