"""Import files into the store: all of them in one transaction, each file at most once.

``import_files`` loops over the files, asks the formats (:data:`.formats.FORMATS`) which one reads
each, skips a file whose SHA-256 is already in the store, stages its readings (Arrow batches) and
returns what happened. Any problem in a table file (unknown parameter, unreadable value) is
collected; after the last file, if there was any, nothing is written and :class:`InputError` is
raised with every problem. Otherwise the new readings are deduplicated, written as Parquet
partition files and listed in the catalogue in one transaction. Rejected HJ 212 packets are not
errors: a logger's file always has some; they are counted with their reasons.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..standards.parameters import Catalogue
from .codes import CodeTable, load_code_table
from .context import BATCH, ImportContext, SourceCounts
from .formats import format_for
from .sources import sniff, text_encoding
from .staging import Staging, cleanup_orphans
from .store import open_store


@dataclass
class FileReport:
    """What one file gave. ``rejected``: packets refused whole, by reason; ``skipped``: readings
    of good packets not stored (a code without a catalogue parameter, ...), by reason."""

    path: str
    sha256: str
    kind: str
    status: str  # "imported" or "already imported"
    packets: int = 0
    read: int = 0
    accepted: int = 0
    duplicates: int = 0
    invalid_flagged: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "kind": self.kind,
            "status": self.status,
            "packets": self.packets,
            "read": self.read,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "invalid_flagged": self.invalid_flagged,
            "rejected": dict(sorted(self.rejected.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "notes": list(self.notes),
        }


@dataclass
class ImportReport:
    store: str
    files: list[FileReport] = field(default_factory=list)

    def _sum(self, name: str) -> int:
        return sum(int(getattr(f, name)) for f in self.files)

    @property
    def read(self) -> int:
        return self._sum("read")

    @property
    def accepted(self) -> int:
        return self._sum("accepted")

    @property
    def duplicates(self) -> int:
        return self._sum("duplicates")

    @property
    def invalid_flagged(self) -> int:
        return self._sum("invalid_flagged")

    @property
    def packets(self) -> int:
        return self._sum("packets")

    @property
    def rejected(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for f in self.files:
            total.update(f.rejected)
        return dict(sorted(total.items()))

    @property
    def skipped(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for f in self.files:
            total.update(f.skipped)
        return dict(sorted(total.items()))

    @property
    def files_imported(self) -> int:
        return sum(1 for f in self.files if f.status == "imported")

    @property
    def files_already_imported(self) -> int:
        return sum(1 for f in self.files if f.status == "already imported")

    def to_dict(self) -> dict[str, Any]:
        return {
            "store": self.store,
            "files_imported": self.files_imported,
            "files_already_imported": self.files_already_imported,
            "packets": self.packets,
            "read": self.read,
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "invalid_flagged": self.invalid_flagged,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "files": [f.to_dict() for f in self.files],
        }


@dataclass(frozen=True)
class ImportProgress:
    """Passed to the ``progress`` callback after every batch and at the end of every file."""

    path: Path
    file_index: int  # 1-based
    file_count: int
    readings: int  # read from this file so far
    finished: bool
    total_readings: int = 0  # read from all files of this import so far
    seconds: float = 0.0  # since the import started


Progress = Callable[[ImportProgress], None]


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")))
        else:
            out.append(p)
    return out


def import_files(
    store_path: Path | str,
    paths: Iterable[Path | str],
    catalogue: Catalogue,
    progress: Progress | None = None,
    *,
    discharger: str | None = None,
    basis: str = "lab",
    codes: CodeTable | None = None,
    batch_size: int = BATCH,
) -> ImportReport:
    """Import HJ 212 logs, CSV and .xlsx files (folders: every file inside) in one transaction.

    ``discharger`` is the discharger id for table files without a discharger column; ``basis``
    (``lab`` or ``online``) applies to table rows without a basis column. HJ 212 readings are
    always ``online`` and their discharger id is the packet's MN. A second import while one runs
    waits (``WASTEVAL_STORE_TIMEOUT`` seconds, 30 by default), then raises StoreError "store busy".
    """
    if basis not in ("lab", "online"):
        raise InputError.at("--basis", 0, "basis", f"must be 'lab' or 'online', not {basis!r}")
    codes = codes or load_code_table(catalogue)
    files = _expand(paths)
    report = ImportReport(str(store_path))
    problems: list[Problem] = []
    started = time.monotonic()
    total = 0
    with open_store(store_path) as store, store.transaction():  # the write lock, for the whole import
        cleanup_orphans(store)
        staging = Staging(store)
        try:
            for index, path in enumerate(files, 1):
                try:
                    src = sniff(path)
                    fmt = format_for(path, src.head)
                    encoding = text_encoding(path, src.head) if fmt.needs_text_encoding() else None
                except InputError as exc:
                    problems.extend(exc.problems)
                    continue
                if store.imported(src.sha256):
                    report.files.append(FileReport(str(path), src.sha256, fmt.name, "already imported"))
                    continue
                file_report = FileReport(str(path), src.sha256, fmt.name, "imported")
                report.files.append(file_report)
                import_id = store.add_import(src.sha256, str(path), fmt.name, src.size)
                counts = SourceCounts()
                ctx = ImportContext(path, encoding, import_id, catalogue, codes, counts, file_report.notes,
                                    discharger, basis, batch_size)  # fmt: skip
                try:
                    for batch in fmt.batches(ctx):
                        staging.add(batch)
                        total += batch.num_rows
                        if progress is not None and batch.num_rows >= batch_size:
                            progress(ImportProgress(path, index, len(files), counts.read, False, total,
                                                    time.monotonic() - started))  # fmt: skip
                except InputError as exc:
                    problems.extend(exc.problems)
                    continue
                r = file_report
                r.packets, r.read = counts.packets, counts.read
                r.rejected, r.skipped = dict(counts.rejected), dict(counts.skipped)
                if progress is not None:
                    progress(
                        ImportProgress(path, index, len(files), counts.read, True, total, time.monotonic() - started)
                    )
            if problems:
                raise InputError(problems)  # inside the transaction: nothing of this import is kept
            published = staging.publish()
        finally:
            staging.close()
        for f in report.files:
            if f.status != "imported":
                continue
            import_id = store.import_id(f.sha256)
            f.accepted = published.accepted[import_id]
            f.invalid_flagged = published.invalid[import_id]
            f.duplicates = f.read - f.accepted
            store.finish_import(import_id, f.accepted, f.to_dict())
    return report
