"""Dynamic tracking (办法第八条), data-in half: online-monitoring packets and lab/SCADA tables into a store.

Public API (the CLI's ``wasteval track`` commands call these):

* :func:`import_files` — HJ 212 logs, CSV and .xlsx files into the store, in one transaction;
* :func:`open_store` — the SQLite store (readings, imports, notices);
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
