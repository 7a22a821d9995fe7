"""The standards as data: loading, validating and querying ``standards/*.yaml``.

Every limit the tool applies is a :class:`LimitValue` that says which standard, table,
item and column it came from, so a finding can always be traced to the printed table.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError, Location, MissingStandardError, Problem
from .parameters import Catalogue, load_catalogue
from .resources import data_dir
from .units import is_known_unit
from .yamlio import LocDict, LocList, load_collecting

COMPARISONS = ("max", "min", "range", "not_detectable", "rule")
COLUMN_KINDS = ("grade", "class", "single")
CONDITION_KEYS = ("water_body", "water_temperature_le_12", "built_before_2006")


@dataclass(frozen=True)
class LimitValue:
    """One applicable limit: a maximum, a minimum, an inclusive range, or 'not detectable'."""

    comparison: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    source: str
    standard: str
    table: str
    item: str
    column: str

    def describe(self) -> str:
        if self.comparison == "range":
            return f"{self.low}~{self.high}"
        if self.comparison == "min":
            return f"≥{self.value}"
        if self.comparison == "not_detectable":
            return "不得检出"
        return f"≤{self.value}"


@dataclass(frozen=True)
class Variant:
    when: Mapping[str, Any]
    limits: Mapping[str, Any]
    note: str = ""


@dataclass(frozen=True)
class Row:
    """One printed row of a standard's table."""

    standard: str
    table_id: str
    table_number: str
    item: str
    name_zh: str
    name_en: str
    parameter: str
    unit: str
    comparison: str
    limits: Mapping[str, Any]
    basis: str | None = None
    note: str = ""
    variants: tuple[Variant, ...] = ()
    applies_to: Mapping[str, Any] = field(default_factory=dict)
    rule_text: str = ""
    line: int = 0

    def applies(self, conditions: Mapping[str, Any]) -> bool:
        return all(conditions.get(k) == v for k, v in self.applies_to.items())

    def limit(self, column: str, conditions: Mapping[str, Any] | None = None) -> LimitValue | None:
        """The limit in ``column`` under ``conditions`` (water body, temperature, build date)."""
        conditions = conditions or {}
        if self.comparison == "rule" or not self.applies(conditions):
            return None
        raw = self.limits.get(column)
        note = ""
        for v in self.variants:
            if all(conditions.get(k) == val for k, val in v.when.items()) and column in v.limits:
                raw, note = v.limits[column], v.note
        if raw is None and self.comparison != "not_detectable":
            return None
        colname = "" if column == "value" else f" {column}{'级' if column in 'ABC' else ''}"
        source = f"{self.standard} {self.table_number} 第{self.item}项{colname}"
        if note:
            source += f"（{note}）"
        if self.comparison == "range":
            low, high = (Decimal(str(x)) for x in raw or ())
            return LimitValue(
                "range",
                None,
                low,
                high,
                self.unit,
                source,
                self.standard,
                self.table_number,
                self.item,
                column,
            )
        value = None if raw is None else Decimal(str(raw))
        return LimitValue(
            self.comparison,
            value,
            None,
            None,
            self.unit,
            source,
            self.standard,
            self.table_number,
            self.item,
            column,
        )


@dataclass(frozen=True)
class Table:
    id: str
    number: str
    title_zh: str
    title_en: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Standard:
    """One standard file: its metadata, its tables, and clauses kept as data for rules to cite."""

    code: str
    title_zh: str
    title_en: str
    columns_kind: str
    tables: tuple[Table, ...]
    path: str
    extra: Mapping[str, Any] = field(default_factory=dict)

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(f"{self.code} has no table {table_id!r}")

    def rows(self) -> Iterator[Row]:
        for t in self.tables:
            yield from t.rows

    def rows_for(self, parameter: str) -> list[Row]:
        return [r for r in self.rows() if r.parameter == parameter]

    @property
    def columns(self) -> tuple[str, ...]:
        cols: list[str] = []
        for t in self.tables:
            cols += [c for c in t.columns if c not in cols]
        return tuple(cols)


class StandardsLibrary:
    """Every encoded standard, by code, and the index of every standard the project cites."""

    def __init__(
        self, standards: list[Standard], catalogue: Catalogue, index: list[dict[str, Any]] | None = None
    ) -> None:
        self.catalogue = catalogue
        self._by_code = {s.code: s for s in standards}
        self.index = index or []

    @property
    def known_codes(self) -> set[str]:
        """Codes of encoded standards and of those cited but pending verification."""
        return set(self._by_code) | {str(e["code"]) for e in self.index}

    def require(self, code: str) -> Standard:
        """The standard, or :class:`MissingStandardError` saying why it is not available."""
        try:
            return self.get(code)
        except KeyError:
            note = next((str(e.get("note", "")).strip() for e in self.index if e.get("code") == code), "")
            raise MissingStandardError(code, note.split(".")[0] if note else "") from None

    def __iter__(self) -> Iterator[Standard]:
        return iter(self._by_code.values())

    def get(self, code: str) -> Standard:
        key = code.replace(" ", "").upper()
        for c, s in self._by_code.items():
            if c.replace(" ", "").upper() == key or c.replace(" ", "").upper().startswith(key + "-"):
                return s
        known = ", ".join(self._by_code)
        raise KeyError(f"no standard {code!r}; encoded: {known}")


def _item(value: Any) -> str:
    return str(value)


def _parse_standard(path: Path, catalogue: Catalogue, problems: list[Problem]) -> Standard | None:
    spath = str(path)
    loaded = load_collecting(path, problems)
    if loaded is None:
        return None
    doc = loaded.data
    if not isinstance(doc, LocDict) or not isinstance(doc.get("standard"), LocDict):
        problems.append(Problem(Location(spath, 1, "standard"), "expected a 'standard' mapping"))
        return None
    meta = doc["standard"]
    for key in ("code", "title_zh", "title_en", "columns_kind"):
        if not isinstance(meta.get(key), str):
            problems.append(Problem(Location(spath, meta.line, f"standard.{key}"), "required text"))
    if meta.get("columns_kind") not in COLUMN_KINDS:
        problems.append(
            Problem(
                Location(spath, meta.line_of("columns_kind"), "standard.columns_kind"),
                f"expected one of {', '.join(COLUMN_KINDS)}",
            )
        )
    code = str(meta.get("code", path.stem))
    tables_raw = doc.get("tables")
    if not isinstance(tables_raw, LocList) or not tables_raw:
        problems.append(Problem(Location(spath, doc.line_of("tables"), "tables"), "expected a list of tables"))
        return None
    tables: list[Table] = []
    for ti, t in enumerate(tables_raw):
        tline = tables_raw.line_of(ti)
        if not isinstance(t, LocDict):
            problems.append(Problem(Location(spath, tline, f"tables[{ti}]"), "expected a mapping"))
            continue
        columns = tuple(str(c) for c in t.get("columns") or [])
        if not columns:
            problems.append(Problem(Location(spath, tline, f"tables[{ti}].columns"), "no columns"))
        rows_raw = t.get("rows")
        if not isinstance(rows_raw, LocList):
            problems.append(Problem(Location(spath, tline, f"tables[{ti}].rows"), "expected a list"))
            continue
        rows: list[Row] = []
        items_seen: dict[str, int] = {}
        number = str(t.get("number", ""))
        for ri, r in enumerate(rows_raw):
            line = rows_raw.line_of(ri)
            item = str(r.get("item")) if isinstance(r, dict) else ""
            if item and item in items_seen:
                problems.append(
                    Problem(Location(spath, line, "item"), f"item {item} repeated (first at line {items_seen[item]})")
                )
            items_seen.setdefault(item, line)
            row = _parse_row(spath, code, str(t.get("id")), number, columns, r, line, catalogue, problems)
            if row is None:
                continue
            rows.append(row)
        tables.append(
            Table(
                str(t.get("id")),
                number,
                str(t.get("title_zh", "")),
                str(t.get("title_en", "")),
                columns,
                tuple(rows),
            )
        )
    extra = {k: v for k, v in doc.items() if k not in ("standard", "tables")}
    extra["meta"] = dict(meta)
    return Standard(
        code,
        str(meta.get("title_zh", "")),
        str(meta.get("title_en", "")),
        str(meta.get("columns_kind", "")),
        tuple(tables),
        spath,
        extra,
    )


def _check_limit(spath: str, line: int, fieldname: str, comparison: str, value: Any, problems: list[Problem]) -> None:
    if value is None:
        return
    if comparison == "range":
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in value)
        ):
            problems.append(Problem(Location(spath, line, fieldname), "a range needs [low, high] numbers"))
        elif value[0] >= value[1]:
            problems.append(Problem(Location(spath, line, fieldname), f"range {value} is not ordered low < high"))
        return
    if not isinstance(value, int | float) or isinstance(value, bool):
        problems.append(Problem(Location(spath, line, fieldname), f"limit {value!r} is not a number"))
    elif value <= 0:
        problems.append(Problem(Location(spath, line, fieldname), f"limit {value} is not positive"))


def _parse_row(
    spath: str,
    code: str,
    table_id: str,
    number: str,
    columns: tuple[str, ...],
    r: Any,
    line: int,
    catalogue: Catalogue,
    problems: list[Problem],
) -> Row | None:
    if not isinstance(r, LocDict):
        problems.append(Problem(Location(spath, line), "row: expected a mapping"))
        return None
    before = len(problems)
    for key in ("item", "name_zh", "parameter", "comparison"):
        if r.get(key) in (None, ""):
            problems.append(Problem(Location(spath, line, key), "required"))
    comparison = str(r.get("comparison"))
    if comparison not in COMPARISONS:
        problems.append(
            Problem(
                Location(spath, r.line_of("comparison"), "comparison"),
                f"{comparison!r} is not one of {', '.join(COMPARISONS)}",
            )
        )
    pid = str(r.get("parameter"))
    if pid not in catalogue:
        problems.append(
            Problem(
                Location(spath, r.line_of("parameter"), "parameter"),
                f"unknown parameter {pid!r}"
                + (f"; did you mean {', '.join(catalogue.suggest(pid))}?" if catalogue.suggest(pid) else ""),
            )
        )
    unit = "" if r.get("unit") is None else str(r.get("unit"))
    if unit and not is_known_unit(unit):
        problems.append(Problem(Location(spath, r.line_of("unit"), "unit"), f"unit {unit!r} cannot be read"))
    limits = r.get("limits")
    if comparison == "rule":
        if not r.get("rule_text"):
            problems.append(Problem(Location(spath, line, "rule_text"), "a rule row needs its printed text"))
        limits = limits or {}
    elif not isinstance(limits, LocDict):
        problems.append(
            Problem(Location(spath, r.line_of("limits"), "limits"), "expected a mapping of column to limit")
        )
        limits = LocDict()
    else:
        for col in limits:
            if col not in columns:
                problems.append(
                    Problem(
                        Location(spath, limits.line_of(col), f"limits.{col}"),
                        f"no column {col!r} in this table ({', '.join(columns)})",
                    )
                )
        for col in columns:
            if col not in limits:
                problems.append(
                    Problem(
                        Location(spath, limits.line, f"limits.{col}"),
                        "missing (write null where the table prints —)",
                    )
                )
            else:
                _check_limit(spath, limits.line_of(col), f"limits.{col}", comparison, limits[col], problems)
    variants: list[Variant] = []
    for vi, v in enumerate(r.get("variants") or []):
        if not isinstance(v, LocDict) or not isinstance(v.get("when"), dict) or not isinstance(v.get("limits"), dict):
            problems.append(Problem(Location(spath, line, f"variants[{vi}]"), "needs 'when' and 'limits' mappings"))
            continue
        for k in v["when"]:
            if k not in CONDITION_KEYS:
                problems.append(
                    Problem(
                        Location(spath, v.line, f"variants[{vi}].when.{k}"),
                        f"unknown condition; expected one of {', '.join(CONDITION_KEYS)}",
                    )
                )
        for col, val in v["limits"].items():
            _check_limit(spath, v.line, f"variants[{vi}].limits.{col}", comparison, val, problems)
        variants.append(Variant(dict(v["when"]), dict(v["limits"]), str(v.get("note") or "")))
    if len(problems) > before:
        return None
    return Row(
        standard=code,
        table_id=table_id,
        table_number=number,
        item=_item(r["item"]),
        name_zh=str(r["name_zh"]),
        name_en=str(r.get("name_en", "")),
        parameter=pid,
        unit=unit,
        comparison=comparison,
        limits=dict(limits),
        basis=r.get("basis"),
        note=str(r.get("note") or ""),
        variants=tuple(variants),
        applies_to=dict(r.get("applies_to") or {}),
        rule_text=str(r.get("rule_text") or ""),
        line=line,
    )


_NOT_STANDARDS = {"parameters.yaml", "index.yaml"}


def standard_files(folder: Path | None = None) -> list[Path]:
    folder = folder or data_dir("standards")
    return sorted(p for p in folder.glob("*.yaml") if p.name not in _NOT_STANDARDS)


def _load_index(folder: Path, problems: list[Problem]) -> list[dict[str, Any]]:
    path = folder / "index.yaml"
    if not path.exists():
        return []
    loaded = load_collecting(path, problems)
    if loaded is None:
        return []
    doc = loaded.data
    entries = doc.get("standards") if isinstance(doc, LocDict) else None
    if not isinstance(entries, LocList):
        problems.append(Problem(Location(str(path), 1, "standards"), "expected a 'standards' list"))
        return []
    out = []
    for i, e in enumerate(entries):
        if not isinstance(e, LocDict) or e.get("status") not in ("encoded", "pending") or not e.get("code"):
            problems.append(
                Problem(
                    Location(str(path), entries.line_of(i), f"standards[{i}]"),
                    "each entry needs code, file and status: encoded | pending",
                )
            )
            continue
        out.append({**dict(e), "line": entries.line_of(i)})
    return out


def _check_index(folder: Path, index: list[dict[str, Any]], by_code: dict[str, Standard]) -> list[Problem]:
    problems = []
    where = str(folder / "index.yaml")
    listed = {str(e["code"]): e for e in index}
    for code, s in by_code.items():
        if code not in listed:
            problems.append(Problem(Location(s.path, 1, "standard.code"), f"{code} is not listed in index.yaml"))
        elif listed[code]["status"] != "encoded":
            problems.append(
                Problem(Location(where, listed[code]["line"], "status"), f"{code} has a file: mark it encoded")
            )
    for code, e in listed.items():
        if e["status"] == "encoded" and code not in by_code:
            problems.append(
                Problem(Location(where, e["line"], "file"), f"{code} is marked encoded but {e.get('file')} is missing")
            )
    return problems


def load_library(folder: Path | None = None, extra: list[Path] | tuple[Path, ...] = ()) -> StandardsLibrary:
    """Load every standard, plus ``extra`` files (which replace a bundled standard of the same code);
    collect every problem in every file, then fail once."""
    folder = folder or data_dir("standards")
    problems: list[Problem] = []
    try:
        catalogue = load_catalogue(folder / "parameters.yaml")
    except InputError as exc:
        raise InputError(exc.problems) from None
    index = _load_index(folder, problems)
    by_code: dict[str, Standard] = {}
    for path in standard_files(folder):
        s = _parse_standard(path, catalogue, problems)
        if s is None:
            continue
        if s.code in by_code:
            problems.append(
                Problem(Location(str(path), 1, "standard.code"), f"code {s.code!r} also in {by_code[s.code].path}")
            )
        by_code[s.code] = s
    if index:
        problems += _check_index(folder, index, by_code)
    for path in extra:
        s = _parse_standard(Path(path), catalogue, problems)
        if s is not None:
            by_code[s.code] = s
    if problems:
        raise InputError(problems)
    return StandardsLibrary(list(by_code.values()), catalogue, index)


@cache
def bundled_library() -> StandardsLibrary:
    """The bundled standards, loaded once per process."""
    return load_library()
