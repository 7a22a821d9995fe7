"""The HJ 212 code table: factor codes, data flags, data commands and protocol editions, as data.

``standards/protocols/hj212-codes.yaml`` holds HJ 212-2017 Table B.1 (water), the HJ/T 212-2005
codes it replaces, the data flags and the editions; this module loads it with line numbers kept,
checks every entry against the parameter catalogue (the parameter exists, the unit has its
dimension), collects every problem and fails once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, Location, Problem
from ..load.units import is_known_unit, normalise_text, same_dimension
from ..load.yamlio import LocDict, LocList, load_file
from ..resources import data_dir
from ..standards.parameters import Catalogue

INTERVALS = ("realtime", "minute", "hour", "day", "sample")
VALUE_FIELDS = ("Rtd", "Avg")

_CODE_KEYS = {"code", "name_zh", "unit", "printed", "load_unit", "parameter", "legacy", "legacy_unit", "note"}
_FLAG_KEYS = {"flag", "meaning_zh", "meaning_en", "valid", "editions", "aliases_zh"}
_COMMAND_KEYS = {"cn", "name_zh", "interval", "value_field"}
_EDITION_KEYS = {"version_bits", "edition", "key", "verified"}
_CURRENT_CODE = re.compile(r"[a-z]\d{5}")
_LEGACY_CODE = re.compile(r"[A-Z0-9]{3}")


def codes_file() -> Path:
    """Where the bundled code table lives (a subfolder: ``standards/*.yaml`` are all standards)."""
    return data_dir("standards") / "protocols" / "hj212-codes.yaml"


@dataclass(frozen=True)
class FactorCode:
    """One code a logger may send, resolved to what it measures and the unit its values are in.

    ``parameter`` is None for a factor the catalogue does not have (flow, conductivity); ``unit``
    is None when the values' unit is unknown (a legacy code whose HJ/T 212-2005 unit is unverified).
    """

    code: str
    name_zh: str
    parameter: str | None
    unit: str | None
    load_unit: str | None
    legacy: bool
    line: int


@dataclass(frozen=True)
class DataFlag:
    flag: str
    meaning_zh: str
    meaning_en: str
    valid: bool
    editions: tuple[str, ...]
    aliases_zh: tuple[str, ...]


@dataclass(frozen=True)
class DataCommand:
    cn: str
    name_zh: str
    interval: str
    value_field: str


@dataclass(frozen=True)
class Edition:
    version_bits: int
    name: str
    key: str
    verified: bool


class CodeTable:
    """Lookups over the loaded table. Codes are matched without regard to case."""

    def __init__(
        self,
        codes: Iterable[FactorCode],
        flags: Iterable[DataFlag],
        commands: Iterable[DataCommand],
        editions: Iterable[Edition],
        path: str = "",
    ) -> None:
        self.path = path
        self._codes = {c.code.lower(): c for c in codes}
        self._flags = {f.flag: f for f in flags}
        self._flag_words: dict[str, str] = {}
        for f in self._flags.values():
            self._flag_words[f.flag.lower()] = f.flag
            self._flag_words[f.meaning_en.lower()] = f.flag
            for alias in f.aliases_zh:
                self._flag_words[normalise_text(alias)] = f.flag
        self._commands = {c.cn: c for c in commands}
        self._editions = {e.version_bits: e for e in editions}

    def code(self, sent: str) -> FactorCode | None:
        return self._codes.get(sent.lower())

    def codes(self) -> list[FactorCode]:
        return list(self._codes.values())

    def flag(self, flag: str) -> DataFlag | None:
        return self._flags.get(flag)

    def flags(self) -> list[DataFlag]:
        return list(self._flags.values())

    def flag_is_valid(self, flag: str | None) -> bool:
        """A reading counts in compliance statistics only under a valid flag (or none sent)."""
        if flag is None:
            return True
        known = self._flags.get(flag)
        return known is not None and known.valid

    def flag_from_text(self, text: str) -> str | None:
        """The flag a spreadsheet cell means (``N``, ``维护``, ``maintenance``), or None if unknown."""
        return self._flag_words.get(normalise_text(text).lower())

    def command(self, cn: str) -> DataCommand | None:
        return self._commands.get(cn)

    def commands(self) -> list[DataCommand]:
        return list(self._commands.values())

    def edition_keys(self) -> dict[int, str]:
        """Flag version bits -> edition key ("2005", "2017", "2025")."""
        return {bits: e.key for bits, e in self._editions.items()}

    def editions(self) -> list[Edition]:
        return list(self._editions.values())

    def edition(self, version_bits: int) -> Edition | None:
        return self._editions.get(version_bits)

    def edition_by_key(self, key: str) -> Edition | None:
        return next((e for e in self._editions.values() if e.key == key), None)


class _Collector:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(Location(self.path, line, field), message))

    def entries(self, doc: Any, key: str) -> list[tuple[int, LocDict]]:
        items = doc.get(key) if isinstance(doc, LocDict) else None
        if not isinstance(items, LocList):
            self.add(doc.line if isinstance(doc, LocDict) else 1, key, f"expected a list under {key!r}")
            return []
        out = []
        for i, entry in enumerate(items):
            line = items.line_of(i)
            if not isinstance(entry, LocDict):
                self.add(line, f"{key}[{i}]", "expected a mapping")
                continue
            out.append((line, entry))
        return out

    def keys(self, line: int, entry: LocDict, allowed: set[str], required: set[str]) -> bool:
        ok = True
        for k in sorted(set(entry) - allowed):
            self.add(line, str(k), f"unknown key {k!r} (allowed: {', '.join(sorted(allowed))})")
            ok = False
        for k in sorted(required - set(entry)):
            self.add(line, k, f"missing key {k!r}")
            ok = False
        return ok


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _check_unit(c: _Collector, line: int, field: str, unit: str | None, pid: str | None, catalogue: Catalogue) -> bool:
    if unit is None:
        return True
    if not is_known_unit(unit):
        c.add(line, field, f"unit {unit!r} is not one wasteval can read")
        return False
    if pid is not None and pid in catalogue and not same_dimension(unit, catalogue.get(pid).unit):
        c.add(line, field, f"unit {unit!r} does not fit {pid} (catalogue unit {catalogue.get(pid).unit!r})")
        return False
    return True


def _load_codes(c: _Collector, doc: Any, catalogue: Catalogue) -> list[FactorCode]:
    out: list[FactorCode] = []
    seen: dict[str, int] = {}

    def claim(code: str, line: int, field: str) -> bool:
        k = code.lower()
        if k in seen:
            c.add(line, field, f"code {code!r} also at line {seen[k]}")
            return False
        seen[k] = line
        return True

    for line, e in c.entries(doc, "codes"):
        if not c.keys(line, e, _CODE_KEYS, _CODE_KEYS - {"note"}):
            continue
        code, pid = str(e["code"]), _opt_str(e["parameter"])
        unit, legacy, legacy_unit = _opt_str(e["unit"]), _opt_str(e["legacy"]), _opt_str(e["legacy_unit"])
        if not _CURRENT_CODE.fullmatch(code):
            c.add(line, "code", f"{code!r} is not an HJ 212-2017 code (a letter and five digits)")
            continue
        if pid is not None and pid not in catalogue:
            c.add(line, "parameter", f"{pid!r} is not in the parameter catalogue")
            continue
        if pid is not None and unit is None:
            c.add(line, "unit", f"{code} maps to {pid} but has no unit")
            continue
        if not (_check_unit(c, line, "unit", unit, pid, catalogue) and claim(code, line, "code")):
            continue
        load_unit = _opt_str(e["load_unit"])
        if load_unit is not None and not is_known_unit(load_unit):
            c.add(line, "load_unit", f"unit {load_unit!r} is not one wasteval can read")
            continue
        name = str(e["name_zh"])
        out.append(FactorCode(code, name, pid, unit, load_unit, False, line))
        if legacy is None:
            if legacy_unit is not None:
                c.add(line, "legacy_unit", "legacy_unit without a legacy code")
            continue
        if not _LEGACY_CODE.fullmatch(legacy):
            c.add(line, "legacy", f"{legacy!r} is not an HJ/T 212-2005 code (three letters or digits)")
            continue
        if _check_unit(c, line, "legacy_unit", legacy_unit, pid, catalogue) and claim(legacy, line, "legacy"):
            out.append(FactorCode(legacy, name, pid, legacy_unit, load_unit, True, line))
    return out


def _load_flags(c: _Collector, doc: Any) -> list[DataFlag]:
    out: list[DataFlag] = []
    seen: set[str] = set()
    for line, e in c.entries(doc, "data_flags"):
        if not c.keys(line, e, _FLAG_KEYS, _FLAG_KEYS):
            continue
        flag = str(e["flag"])
        if flag in seen:
            c.add(line, "flag", f"flag {flag!r} listed twice")
            continue
        if not isinstance(e["valid"], bool):
            c.add(line, "valid", "valid must be true or false")
            continue
        seen.add(flag)
        out.append(
            DataFlag(
                flag,
                str(e["meaning_zh"]),
                str(e["meaning_en"]),
                e["valid"],
                tuple(str(x) for x in e["editions"] or []),
                tuple(str(x) for x in e["aliases_zh"] or []),
            )
        )
    return out


def _load_commands(c: _Collector, doc: Any) -> list[DataCommand]:
    out: list[DataCommand] = []
    for line, e in c.entries(doc, "data_commands"):
        if not c.keys(line, e, _COMMAND_KEYS, _COMMAND_KEYS):
            continue
        cn, interval, field = str(e["cn"]), str(e["interval"]), str(e["value_field"])
        if not re.fullmatch(r"\d{4}", cn) or any(x.cn == cn for x in out):
            c.add(line, "cn", f"cn {cn!r} must be four digits and listed once")
        elif interval not in INTERVALS:
            c.add(line, "interval", f"interval {interval!r} is not one of {', '.join(INTERVALS)}")
        elif field not in VALUE_FIELDS:
            c.add(line, "value_field", f"value_field {field!r} is not one of {', '.join(VALUE_FIELDS)}")
        else:
            out.append(DataCommand(cn, str(e["name_zh"]), interval, field))
    return out


def _load_editions(c: _Collector, doc: Any) -> list[Edition]:
    out: list[Edition] = []
    for line, e in c.entries(doc, "editions"):
        if not c.keys(line, e, _EDITION_KEYS, _EDITION_KEYS):
            continue
        bits = e["version_bits"]
        if not isinstance(bits, int) or isinstance(bits, bool) or not 0 <= bits < 64:
            c.add(line, "version_bits", "version_bits must be an integer 0-63")
        elif any(x.version_bits == bits or x.key == str(e["key"]) for x in out):
            c.add(line, "version_bits", f"version bits {bits} or key {e['key']!r} listed twice")
        else:
            out.append(Edition(bits, str(e["edition"]), str(e["key"]), bool(e["verified"])))
    return out


def load_code_table(catalogue: Catalogue, path: Path | None = None) -> CodeTable:
    """Load and check the code table; every problem is collected before failing."""
    path = path or codes_file()
    c = _Collector(str(path))
    doc = load_file(path).data
    table = CodeTable(
        _load_codes(c, doc, catalogue),
        _load_flags(c, doc),
        _load_commands(c, doc),
        _load_editions(c, doc),
        str(path),
    )
    if c.problems:
        raise InputError(c.problems)
    return table
