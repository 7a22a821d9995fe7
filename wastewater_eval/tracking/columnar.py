"""Delimited text read column-wise: Arrow reads the lines, Arrow compute splits and tests the cells,
and Python looks only at the *distinct* texts of a column (a file of a million rows has a few
hundred flags, dates, units and points), never at every cell.

Plain numbers (``420``, ``0.036``) are converted in Arrow: their unit gives a power of ten (mg/L ←
μg/L is 10⁻³), so ``text + "e-3"`` parsed as a double is exactly ``float(Decimal(text) × 10⁻³)``,
the value the row reader stores. Every other value (``<0.05``, ``ND(4 mg/L)``, ``1.2 mg/L``,
``>400``) and every time that is not ``YYYY-MM-DD HH:MM[:SS]`` goes through the same functions as
the row reader (:mod:`.cells`, :func:`.table_time.parse_time`), once per distinct text. A line
holding a quote or a different number of cells is read by the csv module (only that line). The
problems are those of the row reader, at the same file:row: column, in row order.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import InputError, Location, Problem
from ..standards.parameters import Parameter
from .cells import (
    BASIS_WORDS,
    INTERVAL_WORDS,
    CellError,
    cell_text,
    read_flag,
    read_parameter,
    read_point,
    read_value,
    read_word,
    unit_hint,
)
from .context import ImportContext
from .rows import SCHEMA
from .table_header import (
    EMPTY_CELLS,
    MAX_PROBLEMS,
    Layout,
    TableSource,
    blank,
)
from .table_time import parse_time
from .tabular import SUMMARY_WORDS, summary_row
from .values import power_of_ten

_PLAIN = r"^\d{1,12}(\.\d{1,12})?$"
_ISO_TIME = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$"
_LONGEST_EMPTY = max(len(w) for w in EMPTY_CELLS) + 2
_SUMMARY_START = "^(" + "|".join(SUMMARY_WORDS) + ")"
ORDER = {"discharger": 0, "time": 1, "flag": 2, "basis": 3, "interval": 4, "point": 5, "unit": 6, "parameter": 6}


class _Errors:
    """Problems of the whole file, kept in row order (the first MAX_PROBLEMS of them)."""

    def __init__(self, path: str) -> None:
        self.path, self.total = path, 0
        self.items: list[tuple[int, int, str, str]] = []

    def add(self, lines: np.ndarray, order: int, field: str, messages: list[str]) -> None:
        self.total += len(lines)
        self.items += [(int(n), order, field, m) for n, m in zip(lines[:MAX_PROBLEMS], messages, strict=False)]
        self.items = sorted(self.items)[:MAX_PROBLEMS]

    def raise_if_any(self) -> None:
        if not self.total:
            return
        problems = [Problem(Location(self.path, n, f), m) for n, _, f, m in self.items]
        if self.total > len(problems):
            problems.append(Problem(Location(self.path), f"... and {self.total - len(problems)} more problems"))
        raise InputError(problems)


def _distinct(arr: pa.Array, fn: Callable[[Any], Any]) -> np.ndarray:
    """fn applied to each distinct value of ``arr`` (and once to null), the answers in row order."""
    enc = pc.dictionary_encode(arr)
    answers = np.array([fn(v) for v in enc.dictionary.to_pylist()] + [fn(None)])
    out: np.ndarray = answers[pc.fill_null(enc.indices, len(enc.dictionary)).to_numpy(zero_copy_only=False)]
    return out


def _where_maybe(arr: pa.Array, maybe: pa.Array, fn: Callable[[Any], bool]) -> np.ndarray:
    """``fn`` of each cell (nulls True), asked in Python only of the distinct cells where ``maybe`` holds."""
    out = np.asarray(pc.is_null(arr))
    candidates = np.asarray(pc.fill_null(maybe, False)) & ~out
    if candidates.any():
        take = pa.array(np.flatnonzero(candidates))
        out[np.flatnonzero(candidates)] = _distinct(pc.take(arr, take), fn).astype(bool)
    return out


def _blanks(arr: pa.Array) -> np.ndarray:
    """Blank cells: null, or one of the EMPTY_CELLS words (short, no digit: only such cells are asked)."""
    short = pc.less_equal(pc.utf8_length(pc.utf8_trim_whitespace(arr)), _LONGEST_EMPTY)
    return _where_maybe(arr, pc.and_(short, pc.invert(pc.match_substring_regex(arr, "[0-9]"))), blank)


def _summaries(arr: pa.Array) -> np.ndarray:
    """Cells that open a summary row (合计, 平均值, total …): only cells starting with such a word are asked."""
    maybe = pc.match_substring_regex(pc.utf8_trim_whitespace(arr), _SUMMARY_START, ignore_case=True)
    out = _where_maybe(arr, maybe, lambda v: v is not None and summary_row([v]))
    out &= ~np.asarray(pc.is_null(arr))
    return out


def _mapped(arr: pa.Array, fn: Callable[[Any], Any], kind: pa.DataType) -> tuple[pa.Array, np.ndarray, list[str]]:
    """(answers, mask of the rows whose cell is wrong, their messages), by distinct value."""
    enc = pc.dictionary_encode(arr)
    values: list[Any] = []
    errors: list[str | None] = []
    for v in [*enc.dictionary.to_pylist(), None]:
        try:
            values.append(fn(v))
            errors.append(None)
        except CellError as exc:
            values.append(None)
            errors.append(str(exc))
    idx = pc.fill_null(enc.indices, len(values) - 1)
    answers = pc.take(pa.array(values, kind), idx)
    bad_codes = [i for i, e in enumerate(errors) if e is not None]
    mask = np.isin(idx.to_numpy(zero_copy_only=False), bad_codes)
    messages = [errors[i] or "" for i in idx.to_numpy(zero_copy_only=False)[mask]]
    return answers, mask, messages


class ColumnReader:
    """The rows of one delimited file after its header, batch by batch."""

    def __init__(self, layout: Layout, src: TableSource, ctx: ImportContext, delimiter: str) -> None:
        self.lay, self.src, self.ctx, self.delimiter = layout, src, ctx, delimiter
        self.errors = _Errors(src.path)
        self.ncols = len(layout.header)

    def _where(self, role: str) -> str:
        cols = self.lay.roles.get(role)
        return self.lay.name(cols[0]) if cols else role

    def cells(
        self, lines: pa.Array, numbers: np.ndarray, odd: list[tuple[int, str]]
    ) -> tuple[list[pa.Array], np.ndarray]:
        """Columns of cells (null for blank-looking empties) and the line number of each row."""
        quoted = np.asarray(pc.fill_null(pc.match_substring(lines, '"'), False))
        parts = pc.split_pattern(lines, self.delimiter)
        regular = ~quoted & (np.asarray(pc.list_value_length(parts)) == self.ncols)
        slow = [(int(n), t) for n, t, r in zip(numbers.tolist(), lines.to_pylist(), regular.tolist(), strict=True)
                if not r] + odd  # fmt: skip
        keep = pa.array(regular)
        fast = pc.filter(parts, keep)
        rows = [next(csv.reader([t], delimiter=self.delimiter), []) for _, t in slow]
        columns = []
        for i in range(self.ncols):
            col = pc.list_element(fast, i) if len(fast) else pa.array([], pa.string())
            extra = pa.array([r[i] if i < len(r) else None for r in rows], pa.string())
            col = pa.concat_arrays([col.cast(pa.string()), extra])
            empty = pc.equal(pc.utf8_trim_whitespace(col), "")
            columns.append(pc.if_else(pc.fill_null(empty, True), pa.nulls(len(col), pa.string()), col))
        lines_out = np.concatenate([numbers[regular], np.array([n for n, _ in slow], dtype=np.int64)])
        return columns, lines_out

    def batch(self, columns: list[pa.Array], lines: np.ndarray) -> pa.RecordBatch | None:
        """The readings of these rows; problems are collected, raised after the last batch."""
        ctx, lay = self.ctx, self.lay
        n = len(lines)
        blanks = np.ones(n, dtype=bool)
        for col in columns:
            blanks &= _blanks(col)
        summary = np.zeros(n, dtype=bool)
        for col in columns[:3]:
            summary |= _summaries(col)
        summary &= ~blanks
        if summary.any():
            ctx.counts.skipped["summary row"] += int(summary.sum())
        keep = ~blanks & ~summary
        if not keep.any():
            return None
        mask = pa.array(keep)
        cols = [pc.filter(c, mask) for c in columns]
        lines = lines[keep]
        role = {r: cols[c[0]] for r, c in lay.roles.items() if r != "time"}

        def mapped(r: str, fn: Callable[[str], Any]) -> pa.Array | None:
            if r not in role:
                return None
            answers, bad, messages = _mapped(role[r], lambda v: None if (t := cell_text(v)) is None else fn(t),
                                             pa.string())  # fmt: skip
            self.errors.add(lines[bad], ORDER[r], self._where(r), messages)
            return answers

        m = len(lines)
        discharger = mapped("discharger", lambda t: t)
        if discharger is None:
            discharger = pa.array([self.src.discharger] * m, pa.string())
        elif self.src.discharger:
            discharger = pc.fill_null(discharger, self.src.discharger)
        missing = np.asarray(pc.is_null(discharger))
        self.errors.add(lines[missing], 0, self._where("discharger"), ["no discharger"] * int(missing.sum()))
        ts = self._times(cols, lines)
        flag = mapped("flag", lambda t: read_flag(t, ctx.codes))
        flags = flag if flag is not None else pa.nulls(m, pa.string())
        valid = pa.array(_distinct(flags, ctx.codes.flag_is_valid).astype(bool), pa.bool_())
        basis = mapped("basis", lambda t: read_word(t, BASIS_WORDS))
        basis = pc.fill_null(basis, self.src.basis) if basis is not None else pa.array([self.src.basis] * m)
        interval = mapped("interval", lambda t: read_word(t, INTERVAL_WORDS))
        interval = pc.fill_null(interval, "sample") if interval is not None else pa.array(["sample"] * m)
        point = mapped("point", read_point)
        point = pc.fill_null(point, "") if point is not None else pa.array([""] * m)
        units = mapped("unit", lambda t: t) if lay.long else None
        out = []
        for pid, value, detected, qualifier, rows in self._values(cols, role, units, lines):
            take = pa.array(rows)
            k = len(rows)
            none = pa.nulls(k, pa.float64())
            seq = pa.array(np.full(k, -1, np.int32))
            columns_out = [
                pc.take(discharger, take), pa.array([pid] * k, pa.string()), pc.take(interval, take),
                pc.take(ts, take), pc.take(basis, take), pc.take(point, take), seq, value, none, none, none,
                detected, qualifier, pc.take(flags, take), pc.take(valid, take),
                pa.array(np.full(k, ctx.import_id, np.int64)), pa.array(lines[rows]),
            ]  # fmt: skip
            out.append(pa.RecordBatch.from_arrays(columns_out, schema=SCHEMA))
        if not out:
            return None
        table = pa.Table.from_batches(out).combine_chunks()
        ctx.counts.read += table.num_rows
        ctx.counts.invalid_flagged += int(pc.sum(pc.invert(table["valid"])).as_py() or 0)
        return table.to_batches()[0] if table.num_rows else None

    def _times(self, cols: list[pa.Array], lines: np.ndarray) -> pa.Array:
        parts = [cols[i] for i in self.lay.roles.get("time", [])]
        texts = [pc.utf8_trim_whitespace(p) for p in parts]
        joined = texts[0] if len(texts) == 1 else pc.binary_join_element_wise(*texts, " ", null_handling="skip")
        iso = np.asarray(pc.fill_null(pc.match_substring_regex(joined, _ISO_TIME), False))
        fixed = pc.replace_substring_regex(joined, r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$", r"\1 \2:00")
        fixed = pc.replace_substring(fixed, "T", " ")
        candidates = pc.if_else(pa.array(iso), fixed, pa.scalar(None, pa.string()))
        fast = pc.strptime(candidates, format="%Y-%m-%d %H:%M:%S", unit="s", error_is_null=True)
        # strptime rolls 2024-02-30 over to 2024-03-01: a time that does not print back as written is
        # left to parse_time, which refuses it
        same = pc.fill_null(pc.equal(pc.strftime(fast, format="%Y-%m-%d %H:%M:%S"), candidates), False)
        fast = pc.if_else(same, fast, pa.scalar(None, pa.timestamp("s")))
        slow = np.asarray(pc.is_null(fast))
        if not slow.any():
            return fast
        rows = [[c[i].as_py() for c in parts] for i in np.flatnonzero(slow)]
        answers: list[Any] = []
        bad: list[int] = []
        messages: list[str] = []
        cache: dict[tuple[Any, ...], Any] = {}
        for k, cells in zip(np.flatnonzero(slow).tolist(), rows, strict=True):
            key = tuple(cells)
            if key not in cache:
                try:
                    cache[key] = parse_time(cells)
                except ValueError as exc:
                    cache[key] = exc
            got = cache[key]
            if isinstance(got, ValueError):
                bad.append(k)
                messages.append(str(got))
                answers.append(None)
            else:
                answers.append(got)
        self.errors.add(lines[bad], 1, self._where("time"), messages)
        filled = pa.array(answers, pa.string()).cast(pa.timestamp("s"))
        out = fast.to_pylist()
        for k, v in zip(np.flatnonzero(slow).tolist(), filled.to_pylist(), strict=True):
            out[k] = v
        return pa.array(out, pa.timestamp("s"))

    def _values(
        self, cols: list[pa.Array], role: dict[str, pa.Array], units: pa.Array | None, lines: np.ndarray
    ) -> Iterator[tuple[str, pa.Array, pa.Array, pa.Array, np.ndarray]]:
        """Per parameter: its values, detected flags, qualifiers and the rows they came from."""
        lay = self.lay
        dl = cols[lay.roles["detection_limit"][0]] if "detection_limit" in lay.roles else None
        if not lay.long:
            for i, (p, named) in lay.params.items():
                refused = self._contradictions(named, role["unit"], lay.name(i)) if "unit" in role and named else None
                yield from self._column(p, named, cols[i], dl, np.arange(len(lines)), lines, lay.name(i), refused)
            return
        names, bad, messages = _mapped(role["parameter"], lambda v: _parameter(v, self.ctx), pa.string())
        self.errors.add(lines[bad], ORDER["parameter"], self._where("parameter"), messages)
        cells = role["value"]
        combos: dict[tuple[str, str | None], list[int]] = {}
        unit_list = units.to_pylist() if units is not None else [None] * len(lines)
        for k, (key, unit) in enumerate(zip(names.to_pylist(), unit_list, strict=True)):
            if key is not None:
                combos.setdefault((key, unit), []).append(k)
        for (key, unit), rows_list in combos.items():
            pid, named = key.split("\x00", 1)
            p = self.ctx.catalogue.get(pid)
            rows = np.array(rows_list)
            where = self._where("value")
            refused = None
            try:
                hint = unit_hint(named or None, unit, True, where, self._where("unit"))
            except CellError as exc:
                hint, refused = None, [str(exc)] * len(rows)
            take = pa.array(rows)
            dl_rows = pc.take(dl, take) if dl is not None else None
            yield from self._column(p, hint, pc.take(cells, take), dl_rows, rows, lines, where, refused)

    def _contradictions(self, named: str, units: pa.Array, where: str) -> list[str | None]:
        """Per row: why a wide table's unit column contradicts the header unit (None where it does not)."""

        def check(v: Any) -> str | None:
            try:
                unit_hint(named, cell_text(v), False, where, self._where("unit"))
            except CellError as exc:
                return str(exc)
            return None

        return list(_distinct(units, check))

    def _column(
        self, p: Parameter, hint: str | None, cells: pa.Array, dl: pa.Array | None, rows: np.ndarray,
        lines: np.ndarray, where: str, refused: list[str | None] | None = None,
    ) -> Iterator[tuple[str, pa.Array, pa.Array, pa.Array, np.ndarray]]:  # fmt: skip
        """One parameter's value cells. ``refused``: per row, why its unit cannot be taken (a cell that
        is blank is no reading and so no problem either)."""
        present = ~_blanks(cells)
        if not present.all():
            self.ctx.counts.skipped["empty value"] += int((~present).sum())
        if not present.any():
            return
        if refused is not None:
            why = np.array(refused, dtype=object)
            bad = present & (why != None)  # noqa: E711 - element-wise
            self.errors.add(lines[rows[bad]], 7, where, [str(m) for m in why[bad]])
            present &= ~bad
            if not present.any():
                return
        keep = pa.array(present)
        cells, rows = pc.filter(cells, keep), rows[present]
        dl = pc.filter(dl, keep) if dl is not None else None
        trimmed = pc.utf8_trim_whitespace(cells)
        exponent = power_of_ten(hint, p) if hint or p.unit else None
        plain = np.asarray(pc.fill_null(pc.match_substring_regex(trimmed, _PLAIN), False))
        if exponent is None:
            plain[:] = False
        value = pa.nulls(len(cells), pa.float64())
        if plain.any():
            text = pc.binary_join_element_wise(trimmed, f"e{exponent}", "") if exponent else trimmed
            value = pc.if_else(pa.array(plain), pc.cast(pc.if_else(pa.array(plain), text, "0"), pa.float64()), value)
        detected = np.ones(len(cells), dtype=bool)
        qualifier: list[str | None] = [None] * len(cells)
        slow = np.flatnonzero(~plain)
        if len(slow):
            values = value.to_pylist()
            dls = dl.to_pylist() if dl is not None else [None] * len(cells)
            texts = cells.to_pylist()
            cache: dict[tuple[Any, Any], Any] = {}
            bad, messages = [], []
            for k in slow.tolist():
                key = (texts[k], dls[k])
                if key not in cache:
                    try:
                        cache[key] = read_value(texts[k], p, hint, dls[k])
                    except CellError as exc:
                        cache[key] = exc
                got = cache[key]
                if isinstance(got, CellError):
                    bad.append(k)
                    messages.append(str(got))
                    continue
                values[k], detected[k], qualifier[k] = got
            self.errors.add(lines[rows[bad]], 7, where, messages)
            good = np.ones(len(cells), dtype=bool)
            good[bad] = False
            value = pa.array(values, pa.float64())
            if bad:
                value, rows = pc.filter(value, pa.array(good)), rows[good]
                detected, qualifier = detected[good], [q for q, g in zip(qualifier, good, strict=True) if g]
        yield p.id, value, pa.array(detected), pa.array(qualifier, pa.string()), rows


def _parameter(v: Any, ctx: ImportContext) -> str | None:
    text = cell_text(v)
    if text is None:
        raise CellError("no parameter")
    p, unit = read_parameter(text, ctx.catalogue)
    return f"{p.id}\x00{unit or ''}"
