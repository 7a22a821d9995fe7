"""What one table cell means: a value with its unit, a flag, a basis, an interval, a sampling point.

Pure functions of the cell's text (and its column's context), raising :class:`CellError` with the
message a user reads. The row reader (:mod:`.tabular`) calls them per cell; the column-wise reader
(:mod:`.columnar`) calls them once per *distinct* text of a column and joins the answers back.
"""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal
from typing import Any

from ..errors import UnitError
from ..load.units import Reading, parse_reading, pint_expression, split_basis
from ..standards.parameters import Catalogue, Parameter
from ..vocabulary import vocabulary
from .codes import CodeTable
from .table_header import blank, parameter_and_unit
from .values import decimal_converter

BASIS_WORDS = {"online": "online", "在线": "online", "在线监测": "online", "自动监测": "online",
               "lab": "lab", "laboratory": "lab", "实验室": "lab", "手工": "lab", "手工监测": "lab",
               "人工": "lab"}  # fmt: skip
INTERVAL_WORDS = {"realtime": "realtime", "实时": "realtime", "minute": "minute", "分钟": "minute",
                  "hour": "hour", "小时": "hour", "day": "day", "日": "day", "天": "day",
                  "sample": "sample", "样品": "sample", "采样": "sample"}  # fmt: skip


class CellError(Exception):
    """A cell that cannot be used; ``str()`` is the message."""


def cell_text(cell: Any) -> str | None:
    """The cell as text (NFKC, stripped), or None for a blank cell (empty, '-', '未测' …)."""
    if blank(cell):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return unicodedata.normalize("NFKC", str(cell)).strip()


def read_flag(text: str, table: CodeTable) -> str:
    flag = table.flag_from_text(text)
    if flag is None:
        known = ", ".join(f.flag for f in table.flags())
        raise CellError(f"unknown data flag {text!r} (known: {known} or their names)")
    return flag


def read_word(text: str, words: dict[str, str]) -> str:
    found = words.get(text.lower())
    if found is None:
        raise CellError(f"{text!r} is not one of {', '.join(sorted(set(words.values())))}")
    return found


def read_point(text: str) -> str:
    """The sampling point's code (总排口 → final_outlet); an unknown name is an error, never kept as text."""
    code = vocabulary().resolve("point", text)
    if code is None:
        known = ", ".join(vocabulary().names_of("point"))
        raise CellError(f"unknown sampling point {text!r} (known: {known})")
    return code


def read_parameter(name: str, catalogue: Catalogue) -> tuple[Parameter, str | None]:
    found = parameter_and_unit(name, catalogue)
    if found is None:
        hint = catalogue.suggest(name)
        more = f"; did you mean {', '.join(hint)}?" if hint else ""
        raise CellError(f"unknown parameter {name!r}{more}")
    return found


def unit_hint(named: str | None, column: str | None, long: bool, where: str, unit_where: str) -> str | None:
    """The unit in the header (or parameter name) and the unit column must agree when both are given;
    a wide table's unit column names no parameter, so only a header unit counts there."""
    if named and column and _differ(named, column):
        raise CellError(f"unit {named!r} of {where} contradicts {column!r} in {unit_where}")
    return (named or column) if long else named


def read_value(cell: Any, p: Parameter, hint: str | None, dl: Any = None) -> tuple[float | None, bool, str | None]:
    """(value in the catalogue unit, detected, qualifier '>' or '>=' or None) of a value cell.

    ``dl`` is the detection-limit column's cell, used for a non-detect written without its limit."""
    try:
        r = parse_reading(cell.strip() if isinstance(cell, str) else cell, p.id)
        if not r.detected and r.detection_limit is None:
            r = _with_detection_limit(r, dl, p)
        unit = _unit(r, hint)
        if r.basis and p.basis and r.basis.upper() != p.basis.upper():
            raise CellError(f"basis 以{r.basis}计 contradicts {p.id}, which is 以{p.basis}计")
        number = r.number
        qualifier = r.qualifier if r.qualifier in (">", ">=") else None
        if number is None:
            return None, r.detected, None
        if unit is None and pint_expression(p.unit) != "dimensionless":
            raise CellError(f"{p.id}: {cell!r} has no unit; give it in the value, the unit column or the header")
        converted = decimal_converter(unit or "", p.unit, p.id)(number)
        if not math.isfinite(converted):
            raise CellError(f"{p.id}: {cell!r} is out of range")
        return converted, r.detected, qualifier
    except UnitError as exc:
        raise CellError(str(exc)) from None
    except ArithmeticError:  # decimal overflow in the conversion: far beyond any measurement
        raise CellError(f"{p.id}: {cell!r} is out of range") from None


def _unit(r: Reading, hint: str | None) -> str | None:
    if hint is not None:
        hint, _basis = split_basis(hint)
    if r.unit and hint and pint_expression(r.unit) != pint_expression(hint):
        raise UnitError("value", r.text, f"unit {r.unit!r} in the value differs from {hint!r} of its column")
    return r.unit or hint or None


def _with_detection_limit(r: Reading, dl: Any, p: Parameter) -> Reading:
    if blank(dl):
        return r
    limit = parse_reading(dl, p.id)
    if limit.value is None:
        return r
    return Reading(r.text, None, r.unit or limit.unit, False, Decimal(limit.value), r.basis, r.qualifier)


def _differ(a: str, b: str) -> bool:
    try:
        return bool(pint_expression(split_basis(a)[0]) != pint_expression(split_basis(b)[0]))
    except UnitError:
        return a != b
