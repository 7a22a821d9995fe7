"""Readings out of an HJ 212 log: each good data packet becomes one row per catalogue parameter.

A rejected packet contributes nothing and is counted under its reason. In a good packet, a factor
the catalogue does not have (flow, conductivity), a code the table does not know, or a legacy code
whose unit is unverified is skipped and counted; the packet's other readings are kept, since the
packet itself is intact.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from math import isfinite

import pyarrow as pa

from ..standards.parameters import Catalogue
from .codes import CodeTable
from .context import ImportContext, SourceCounts
from .hj212 import Packet, PacketError, read_packets
from .rows import FIELDS, ReadingRow, batches
from .values import Converter, converter, to_kg


def hj212_batches(lines: Iterable[bytes], ctx: ImportContext) -> Iterator[pa.RecordBatch]:
    """The log's readings as Arrow batches."""
    yield from batches(hj212_rows(lines, ctx.codes, ctx.catalogue, ctx.import_id, ctx.counts), ctx.batch_size)


def hj212_rows(
    lines: Iterable[bytes], table: CodeTable, catalogue: Catalogue, import_id: int, counts: SourceCounts
) -> Iterator[ReadingRow]:
    data_cns = frozenset(c.cn for c in table.commands())
    plans: dict[str, _Plan | str] = {}  # code as sent -> how to read it, or why it is skipped
    for item in read_packets(lines, table.edition_keys(), data_cns):
        if isinstance(item, PacketError):
            counts.rejected[item.reason] += 1
            continue
        command = table.command(item.cn)
        if command is None:
            counts.packets += 1
            counts.skipped[f"not a data command: CN={item.cn}"] += 1
            continue
        if item.data_time is None:
            counts.packets += 1
            counts.skipped[f"a request for data, not data: CN={item.cn}"] += 1
            continue
        rows = _packet_rows(item, command.value_field, command.interval, table, catalogue, plans, import_id, counts)
        if isinstance(rows, str):
            counts.rejected[rows] += 1
            continue
        counts.packets += 1
        counts.read += len(rows)
        counts.invalid_flagged += sum(1 for r in rows if not r[_VALID])
        yield from rows


_VALID = FIELDS.index("valid")


@dataclass(frozen=True)
class _Plan:
    parameter: str
    convert: Converter
    to_load: Converter | None


FLOW = "flow"
"""The parameter id of flow readings (w00000, HJ/T 212-2005 B01): rates in L/s as HJ 212-2017 Table B.1
gives them. Flow is not a pollutant (the catalogue has no limit for it); the statistics use it for
daily loads (kg/d = mg/L × m³/d ÷ 1000) against agreements' load caps (第六条)."""
FLOW_UNIT = "L/s"
_FLOW_CODES = ("w00000", "B01")  # HJ 212-2017 and the HJ/T 212-2005 code it replaces


def _plan(code: str, table: CodeTable, catalogue: Catalogue) -> _Plan | str:
    fc = table.code(code)
    if fc is None:
        return f"unknown code: {code}"
    if fc.code in _FLOW_CODES and fc.unit is not None:
        return _Plan(FLOW, converter(fc.unit, FLOW_UNIT, FLOW), None)  # Cou is a volume, not a load
    if fc.parameter is None:
        return f"not in the catalogue: {fc.code} {fc.name_zh}"
    if fc.unit is None:
        return f"legacy unit unverified: {fc.code} {fc.name_zh}"
    conv = converter(fc.unit, catalogue.get(fc.parameter).unit, fc.parameter)
    return _Plan(fc.parameter, conv, to_kg(fc.load_unit))


def _packet_rows(
    item: Packet,
    value_field: str,
    interval: str,
    table: CodeTable,
    catalogue: Catalogue,
    plans: dict[str, _Plan | str],
    import_id: int,
    counts: SourceCounts,
) -> list[ReadingRow] | str:
    """The packet's readings, or the reason to reject it whole: two codes in it that mean the same
    parameter (``duplicate_field``), or a value too large to be a number (``bad_value``: a decimal of
    400 digits overflows to infinity, which no statistic can use)."""
    ts = item.timestamp
    values = item.values
    rows: list[ReadingRow] = []
    seen: set[str] = set()
    skipped: list[str] = []
    for code in item.codes:
        plan = plans.get(code)
        if plan is None:
            plan = plans[code] = _plan(code, table, catalogue)
        if isinstance(plan, str):
            skipped.append(plan)
            continue
        text = values.get((code, value_field))
        if text is None:
            skipped.append(f"no {value_field} value: {code}")
            continue
        if plan.parameter in seen:
            return "duplicate_field"
        seen.add(plan.parameter)
        conv = plan.convert
        low, high, cou = values.get((code, "Min")), values.get((code, "Max")), values.get((code, "Cou"))
        flag = values.get((code, "Flag")) or None
        valid = table.flag_is_valid(flag)
        value = conv(text)
        low_v = conv(low) if low is not None else None
        high_v = conv(high) if high is not None else None
        load = plan.to_load(cou) if plan.to_load is not None and cou is not None else None
        if (
            not isfinite(value)
            or (low_v is not None and not isfinite(low_v))
            or (high_v is not None and not isfinite(high_v))
            or (load is not None and not isfinite(load))
        ):
            return "bad_value"
        # a plain tuple in ReadingRow's field order (the hot loop: no named-tuple construction)
        rows.append((item.mn, plan.parameter, interval, ts, "online", "", 0, value, low_v, high_v, load,
                     True, None, flag, valid, import_id, item.line))  # type: ignore[arg-type]  # fmt: skip
    for reason in skipped:
        counts.skipped[reason] += 1
    return rows
