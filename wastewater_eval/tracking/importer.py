"""Import files into the store: all of them in one transaction, each file at most once.

``import_files`` sniffs each file (HJ 212 log, CSV, .xlsx), skips a file whose SHA-256 is already
in the store, streams its readings into the store in batches, and returns what happened. Any
problem in a table file (unknown parameter, unreadable value) is collected; after the last file,
if there was any, the whole import is rolled back and :class:`InputError` raised with every
problem. Rejected HJ 212 packets are not errors: a logger's file always has some; they are
counted with their reasons.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..standards.parameters import Catalogue
from .codes import CodeTable, load_code_table
from .online import SourceCounts, hj212_rows
from .sources import SourceFile, csv_column, csv_rows, hj212_lines, peek, sniff, xlsx_column, xlsx_sheets
from .store import Store, open_store
from .tabular import HEADER_SEARCH_ROWS, TableSource, find_header, table_rows
from .values import VALID, ReadingRow

BATCH = 20_000


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


Progress = Callable[[ImportProgress], None]


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")))
        else:
            out.append(p)
    return out


class _FileImport:
    def __init__(self, store: Store, report: FileReport, progress: Callable[[int, bool], None]) -> None:
        self.store, self.report, self.progress = store, report, progress

    def run(self, rows: Iterator[ReadingRow], counts: SourceCounts) -> None:
        batch: list[ReadingRow] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                self._flush(batch)
                batch = []
                self.progress(counts.read, False)
        self._flush(batch)
        r = self.report
        r.packets, r.read = counts.packets, counts.read
        r.rejected, r.skipped = dict(counts.rejected), dict(counts.skipped)

    def _flush(self, batch: Sequence[ReadingRow]) -> None:
        # Valid readings first, so a valid reading wins over an invalid one with the same key.
        valid = [r for r in batch if r[VALID]]
        invalid = [r for r in batch if not r[VALID]] if len(valid) < len(batch) else []
        new_valid = self.store.insert_readings(valid)
        new_invalid = self.store.insert_readings(invalid) if invalid else 0
        self.report.accepted += new_valid + new_invalid
        self.report.invalid_flagged += new_invalid
        self.report.duplicates += len(batch) - new_valid - new_invalid


def _source_rows(
    src: SourceFile,
    import_id: int,
    catalogue: Catalogue,
    codes: CodeTable,
    counts: SourceCounts,
    report: FileReport,
    discharger: str | None,
    basis: str,
) -> Iterator[ReadingRow]:
    if src.kind == "hj212":
        yield from hj212_rows(hj212_lines(src), codes, catalogue, import_id, counts)
        return
    if src.kind == "csv":
        table = TableSource(str(src.path), csv_column, discharger, basis)
        yield from table_rows(csv_rows(src), table, catalogue, codes, import_id, counts)
        return
    used = 0
    for name, rows in xlsx_sheets(src):
        first, rows = peek(rows, HEADER_SEARCH_ROWS)
        if find_header(iter(first)) is None:
            report.notes.append(f"sheet {name!r} skipped: no header row with a time column")
            continue
        used += 1
        table = TableSource(f"{src.path}[{name}]", xlsx_column, discharger, basis)
        yield from table_rows(rows, table, catalogue, codes, import_id, counts)
    if not used:
        raise InputError.at(str(src.path), 0, "", "no sheet has a header row with a time column (时间/采样时间/time)")


def import_files(
    store_path: Path | str,
    paths: Iterable[Path | str],
    catalogue: Catalogue,
    progress: Progress | None = None,
    *,
    discharger: str | None = None,
    basis: str = "lab",
    codes: CodeTable | None = None,
) -> ImportReport:
    """Import HJ 212 logs, CSV and .xlsx files (folders: every file inside) in one transaction.

    ``discharger`` is the discharger id for table files without a discharger column; ``basis``
    (``lab`` or ``online``) applies to table rows without a basis column. HJ 212 readings are
    always ``online`` and their discharger id is the packet's MN.
    """
    if basis not in ("lab", "online"):
        raise ValueError(f"basis must be 'lab' or 'online', not {basis!r}")
    codes = codes or load_code_table(catalogue)
    files = _expand(paths)
    report = ImportReport(str(store_path))
    problems: list[Problem] = []
    with open_store(store_path) as store, store.transaction():
        for index, path in enumerate(files, 1):
            try:
                src = sniff(path)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            if store.imported(src.sha256):
                report.files.append(FileReport(str(path), src.sha256, src.kind, "already imported"))
                continue
            file_report = FileReport(str(path), src.sha256, src.kind, "imported")
            report.files.append(file_report)
            import_id = store.add_import(src.sha256, str(path), src.kind, src.size)
            counts = SourceCounts()

            def tell(readings: int, finished: bool, path: Path = path, index: int = index) -> None:
                if progress is not None:
                    progress(ImportProgress(path, index, len(files), readings, finished))

            rows = _source_rows(src, import_id, catalogue, codes, counts, file_report, discharger, basis)
            try:
                _FileImport(store, file_report, tell).run(rows, counts)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            store.finish_import(import_id, file_report.accepted, file_report.to_dict())
            tell(counts.read, True)
        if problems:
            raise InputError(problems)  # inside the transaction: nothing of this import is kept
    return report
