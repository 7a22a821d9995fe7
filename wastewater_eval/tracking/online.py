"""Readings out of an HJ 212 log: each good data packet becomes one row per catalogue parameter.

A rejected packet contributes nothing and is counted under its reason. In a good packet, a factor
the catalogue does not have (flow, conductivity), a code the table does not know, or a legacy code
whose unit is unverified is skipped and counted; the packet's other readings are kept, since the
packet itself is intact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..standards.parameters import Catalogue
from .codes import CodeTable
from .hj212 import Packet, PacketError, read_packets
from .values import VALID, Converter, ReadingRow, converter, to_kg


@dataclass
class SourceCounts:
    """What one file gave, before the store decides what is new."""

    packets: int = 0
    read: int = 0
    invalid_flagged: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)


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
        if rows is None:
            counts.rejected["duplicate_field"] += 1
            continue
        counts.packets += 1
        counts.read += len(rows)
        counts.invalid_flagged += sum(1 for r in rows if not r[VALID])
        yield from rows


@dataclass(frozen=True)
class _Plan:
    parameter: str
    convert: Converter
    to_load: Converter | None


def _plan(code: str, table: CodeTable, catalogue: Catalogue) -> _Plan | str:
    fc = table.code(code)
    if fc is None:
        return f"unknown code: {code}"
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
) -> list[ReadingRow] | None:
    """The packet's readings, or None when two codes in it mean the same parameter (ambiguous)."""
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
            return None
        seen.add(plan.parameter)
        conv = plan.convert
        low, high, cou = values.get((code, "Min")), values.get((code, "Max")), values.get((code, "Cou"))
        flag = values.get((code, "Flag")) or None
        valid = table.flag_is_valid(flag)
        rows.append((
            item.mn, plan.parameter, interval, ts, "online", "",
            conv(text),
            conv(low) if low is not None else None,
            conv(high) if high is not None else None,
            plan.to_load(cou) if plan.to_load is not None and cou is not None else None,
            1, flag, int(valid), import_id, item.line,
        ))  # fmt: skip
    for reason in skipped:
        counts.skipped[reason] += 1
    return rows
