"""Dynamic tracking (办法第八条): monitoring data into an analytical store, the statistics, the notices.

Public API (the CLI's ``wasteval track`` commands call these):

* :func:`import_files` — HJ 212 logs, CSV and .xlsx files (:data:`.formats.FORMATS`) into the store,
  in one catalogue transaction;
* :func:`open_store` — the store: a SQLite catalogue (imports, reading files, notices, audit trail)
  and the readings in Parquet, read through DuckDB;
* :func:`.run.track_run` — the 第八条 statistics (DuckDB or Spark) and the rules, notices once;
* :func:`load_code_table` — HJ 212 codes, data flags and editions from ``standards/protocols/``;
* :mod:`.hj212` — the packet parser and CRC on their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Imported when first used: ``import wastewater_eval.tracking.audit`` (every recorded assessment)
# must not pay for Arrow, numpy and the readers.
_WHERE = {
    "CodeTable": ".codes", "load_code_table": ".codes",
    "REASONS": ".hj212", "Packet": ".hj212", "PacketError": ".hj212", "build_packet": ".hj212", "crc16": ".hj212",
    "FileReport": ".importer", "ImportProgress": ".importer", "ImportReport": ".importer", "import_files": ".importer",
    "Store": ".store", "StoreError": ".store", "open_store": ".store",
}  # fmt: skip

if TYPE_CHECKING:
    from .codes import CodeTable, load_code_table
    from .hj212 import REASONS, Packet, PacketError, build_packet, crc16
    from .importer import FileReport, ImportProgress, ImportReport, import_files
    from .store import Store, StoreError, open_store


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_WHERE[name], __name__), name)


__all__ = [
    "REASONS",
    "CodeTable",
    "FileReport",
    "ImportProgress",
    "ImportReport",
    "Packet",
    "PacketError",
    "Store",
    "StoreError",
    "build_packet",
    "crc16",
    "import_files",
    "load_code_table",
    "open_store",
]
