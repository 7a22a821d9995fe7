"""Many discharger files assessed in one process (and its workers): the bundled data is loaded once.

``assess_files`` returns one :class:`FleetItem` per file, in the order given: the result, or the
problems that kept the file from being assessed (one bad file never stops the others). With more
than a few files it forks worker processes (one per core) that inherit the loaded standards and
rules, so each file costs only its own parsing and rules.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..errors import WastevalError
from .result import Assessment

PARALLEL_FROM = 16  # files; fewer are assessed in this process (forking costs more than it saves)


@dataclass
class FleetItem:
    path: str
    result: Assessment | None = None
    text: str = ""  # the file as read, for the audit record
    problems: list[str] = field(default_factory=list)
    plants: Any = None

    @property
    def adverse(self) -> bool:
        return bool(self.result is not None and self.result.adverse)


_JOB: dict[str, Any] = {}


def _one(path: str) -> FleetItem:
    from ..inputs.discharger import load_discharger
    from .assess import assess

    job = _JOB
    try:
        d = load_discharger(Path(path), job["library"].catalogue, job["plants"])
        a = assess(d, as_of=job["as_of"], engine=job["engine"], rules=job["rules"], library=job["library"])
    except WastevalError as exc:
        problems = [str(p) for p in getattr(exc, "problems", [])] or [str(exc)]
        return FleetItem(path, problems=problems)
    text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    return FleetItem(path, a, text, plants=d.plants_file)


def assess_files(
    paths: Sequence[Path],
    *,
    library: Any,
    rules: Any = None,
    as_of: dt.date | None = None,
    engine: str = "auto",
    plants: Path | None = None,
    workers: int | None = None,
) -> list[FleetItem]:
    """Assess every file; ``workers`` processes (default: the cores, when there are enough files)."""
    from ..engine import bundled_rules

    _JOB.update(library=library, rules=rules or bundled_rules(), as_of=as_of, engine=engine, plants=plants)
    names = [str(p) for p in paths]
    n = workers if workers is not None else (os.cpu_count() or 1) if len(names) >= PARALLEL_FROM else 1
    if n <= 1:
        return [_one(p) for p in names]
    with ProcessPoolExecutor(max_workers=n, mp_context=get_context("fork")) as pool:
        return list(pool.map(_one, names, chunksize=max(1, len(names) // (n * 8))))


def discharger_files(paths: Sequence[Path]) -> list[Path]:
    """The files given, and the discharger files in the folders given (not their plants files)."""
    from ..inputs.discharger import PLANTS_FILE_NAME

    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(p.rglob("*.yaml")) + sorted(p.rglob("*.yml"))
            out += [f for f in found if f.name != PLANTS_FILE_NAME and not f.name.endswith(".tests.yaml")]
        else:
            out.append(p)
    return out
