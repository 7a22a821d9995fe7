"""A reading as the formats produce it, and Arrow batches of them (named columns, one type each).

Every format (HJ 212 logs, workbooks, delimited text) yields :class:`ReadingRow` named tuples or,
column-wise, Arrow record batches with :data:`SCHEMA`; the store takes batches only. ``seq`` tells
apart readings that share a time: the n-th sample a table lists for one discharger, parameter,
point and time (0 for the first), so three equal 1.5 mg/L samples of one day stay three
observations, while a re-sent HJ 212 packet (always seq 0) is a duplicate.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

import pyarrow as pa

KEY = ("discharger_id", "parameter_id", "interval", "ts", "basis", "point", "seq")
"""What makes a reading the same reading: a second one with this key is a duplicate."""

SCHEMA = pa.schema(
    [
        ("discharger_id", pa.string()),
        ("parameter_id", pa.string()),
        ("interval", pa.string()),  # realtime, minute, hour, day (HJ 212) or sample (tables)
        ("ts", pa.timestamp("s")),  # China Standard Time, no zone: CAST(ts AS DATE) is the local day
        ("basis", pa.string()),  # online or lab
        ("point", pa.string()),  # a sampling-point code of the vocabulary, or '' (not given)
        ("seq", pa.int32()),
        ("value", pa.float64()),  # catalogue unit; for a non-detect its detection limit (or null)
        ("min", pa.float64()),
        ("max", pa.float64()),
        ("load_kg", pa.float64()),
        ("detected", pa.bool_()),
        ("qualifier", pa.string()),  # '>' or '>=' (at least the value: above the range), else null
        ("data_flag", pa.string()),
        ("valid", pa.bool_()),
        ("import_id", pa.int64()),
        ("source_line", pa.int64()),
    ]
)
FIELDS = tuple(SCHEMA.names)


class ReadingRow(NamedTuple):
    discharger_id: str
    parameter_id: str
    interval: str
    ts: str  # YYYY-MM-DD HH:MM:SS
    basis: str
    point: str
    seq: int
    value: float | None
    min: float | None
    max: float | None
    load_kg: float | None
    detected: bool
    qualifier: str | None
    data_flag: str | None
    valid: bool
    import_id: int
    source_line: int


def to_batch(rows: list[ReadingRow]) -> pa.RecordBatch:
    """Rows to one record batch, column by column (the conversion runs in Arrow, not per cell)."""
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in FIELDS]
    arrays = []
    for f, values in zip(SCHEMA, columns, strict=True):
        if f.name == "ts":
            arrays.append(pa.array(values, pa.string()).cast(f.type))
        else:
            arrays.append(pa.array(values, f.type))
    return pa.RecordBatch.from_arrays(arrays, schema=SCHEMA)


def batches(rows: Iterable[ReadingRow], size: int) -> Iterator[pa.RecordBatch]:
    """Group rows into record batches of ``size`` rows."""
    chunk: list[ReadingRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield to_batch(chunk)
            chunk = []
    if chunk:
        yield to_batch(chunk)
