"""Default removal efficiencies and inhibition thresholds, as data in ``standards/plant/``.

Each file declares its sources (with whether the numbers were verified against a published
copy) and lists entries that cite one of them with a locator (table, row). An entry may only
cite a *verified* source: a number nobody could check never becomes a default. Every problem
in both files is collected with file:line before anything fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError, Location, Problem
from ..load.yamlio import LocDict, LocList, load_collecting
from ..resources import data_dir
from ..standards.parameters import Catalogue, load_catalogue
from .formula import ONE, ZERO, Sourced
from .processes import PROCESSES, TREATMENT_PROCESSES, InhibitionThreshold

REMOVAL_FILE = "removal-efficiencies.yaml"
INHIBITION_FILE = "inhibition-thresholds.yaml"
SLUDGE_FILE = "sludge-limits.yaml"
SLUDGE_ROUTES = ("land_application", "landfill", "incineration", "building_materials", "other")
SOILS = ("acid", "neutral_alkaline")
SOURCE_STATUSES = ("verified", "unverified")


@dataclass(frozen=True)
class DataSource:
    """A publication the defaults may cite, and whether its numbers could be checked."""

    id: str
    citation: str
    status: str
    note: str = ""
    line: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "citation": self.citation, "status": self.status, "note": self.note}


@dataclass(frozen=True)
class PlantDefaults:
    """Defaults by (parameter, process), each with the source it was read from."""

    removals: dict[tuple[str, str], Sourced] = field(default_factory=dict)
    thresholds: dict[tuple[str, str], InhibitionThreshold] = field(default_factory=dict)
    sludge: dict[tuple[str, str, str], Sourced] = field(default_factory=dict)  # (parameter, route, soil)
    sources: tuple[DataSource, ...] = ()

    def sludge_limits(self, route: str, soil: str | None) -> dict[str, Sourced]:
        """Sludge-quality limits (mg/kg dry solids) binding this disposal route and soil, by parameter."""
        return {p: v for (p, r, s), v in self.sludge.items() if r == route and s == soil}

    def removal_for(self, parameter: str, process: str) -> Sourced | None:
        return self.removals.get((parameter, process))

    def thresholds_for(self, parameter: str) -> list[InhibitionThreshold]:
        return [t for (p, _), t in sorted(self.thresholds.items()) if p == parameter]

    def parameters(self) -> set[str]:
        return {p for p, _ in self.removals} | {p for p, _ in self.thresholds}

    def unverified(self) -> list[DataSource]:
        """Sources that were looked for but whose numbers could not be checked (so supply none)."""
        return [s for s in self.sources if s.status != "verified"]


def _number(raw: Any) -> Decimal | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None
    try:
        d = Decimal(str(raw))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


class _FileReader:
    def __init__(self, path: Path, kind: str, catalogue: Catalogue, problems: list[Problem]) -> None:
        self.path = str(path)
        self.kind = kind
        self.catalogue = catalogue
        self.problems = problems
        self.sources: dict[str, DataSource] = {}

    def problem(self, line: int, fieldname: str, message: str) -> None:
        self.problems.append(Problem(Location(self.path, line, fieldname), message))

    def document(self) -> LocList | None:
        loaded = load_collecting(self.path, self.problems)
        if loaded is None:
            return None
        doc = loaded.data
        if not isinstance(doc, LocDict):
            self.problem(1, "", "expected a mapping with kind, sources and entries")
            return None
        if doc.get("kind") != self.kind:
            self.problem(doc.line_of("kind"), "kind", f"expected kind: {self.kind}")
        self._sources(doc.get("sources"), doc.line_of("sources"))
        entries = doc.get("entries")
        if not isinstance(entries, LocList):
            self.problem(doc.line_of("entries"), "entries", "expected a list (write [] when there are none)")
            return None
        return entries

    def _sources(self, raw: Any, line: int) -> None:
        if not isinstance(raw, LocList):
            self.problem(line, "sources", "expected a list of sources")
            return
        for i, s in enumerate(raw):
            sline = raw.line_of(i)
            if not isinstance(s, LocDict):
                self.problem(sline, f"sources[{i}]", "expected a mapping")
                continue
            sid, citation, status = s.get("id"), s.get("citation"), s.get("status")
            if not isinstance(sid, str) or not sid:
                self.problem(sline, f"sources[{i}].id", "required text")
                continue
            if sid in self.sources:
                self.problem(
                    sline, f"sources[{i}].id", f"source {sid!r} repeated (first at line {self.sources[sid].line})"
                )
                continue
            if not isinstance(citation, str) or not citation:
                self.problem(s.line_of("citation"), f"sources[{i}].citation", "required text")
            if status not in SOURCE_STATUSES:
                self.problem(
                    s.line_of("status"), f"sources[{i}].status", f"expected one of {', '.join(SOURCE_STATUSES)}"
                )
            self.sources[sid] = DataSource(sid, str(citation or ""), str(status), str(s.get("note") or ""), sline)

    def entry(self, entries: LocList, i: int, value_key: str) -> tuple[str, str, Decimal, str] | None:
        e, line = entries[i], entries.line_of(i)
        f = f"entries[{i}]"
        if not isinstance(e, LocDict):
            self.problem(line, f, "expected a mapping")
            return None
        before = len(self.problems)
        pid, process, src, locator = e.get("parameter"), e.get("process"), e.get("source"), e.get("locator")
        if not isinstance(pid, str) or pid not in self.catalogue:
            hint = self.catalogue.suggest(str(pid)) if isinstance(pid, str) else []
            self.problem(
                e.line_of("parameter"),
                f"{f}.parameter",
                f"unknown parameter {pid!r}" + (f"; did you mean {', '.join(hint)}?" if hint else ""),
            )
        allowed = TREATMENT_PROCESSES if value_key == "removal" else PROCESSES
        if process not in allowed:
            self.problem(e.line_of("process"), f"{f}.process", f"expected one of {', '.join(allowed)}")
        value = _number(e.get(value_key))
        if value is None:
            self.problem(e.line_of(value_key), f"{f}.{value_key}", "required number")
        if not isinstance(locator, str) or not locator:
            self.problem(e.line_of("locator"), f"{f}.locator", "say where in the source the number is printed")
        source = self.sources.get(str(src))
        if source is None:
            self.problem(e.line_of("source"), f"{f}.source", f"no source {src!r} declared under sources")
        elif source.status != "verified":
            self.problem(
                e.line_of("source"),
                f"{f}.source",
                f"source {src!r} is {source.status}: a default must be read from a verified copy",
            )
        if len(self.problems) > before or value is None or source is None:
            return None
        return str(pid), str(process), value, f"{source.citation}, {locator}"


def _read(
    path: Path, kind: str, value_key: str, catalogue: Catalogue, problems: list[Problem]
) -> tuple[list[tuple[str, str, Decimal, str, int]], list[DataSource]]:
    r = _FileReader(path, kind, catalogue, problems)
    entries = r.document()
    out: list[tuple[str, str, Decimal, str, int]] = []
    seen: dict[tuple[str, str], int] = {}
    for i in range(len(entries or [])):
        assert entries is not None
        got = r.entry(entries, i, value_key)
        if got is None:
            continue
        pid, process, value, source = got
        line = entries.line_of(i)
        if (pid, process) in seen:
            r.problem(line, f"entries[{i}]", f"{pid}/{process} repeated (first at line {seen[(pid, process)]})")
            continue
        seen[(pid, process)] = line
        if value_key == "removal" and not ZERO <= value <= ONE:
            r.problem(line, f"entries[{i}].removal", f"{value} is not a fraction between 0 and 1")
            continue
        if value_key == "threshold" and value <= 0:
            r.problem(line, f"entries[{i}].threshold", f"{value} is not positive")
            continue
        out.append((pid, process, value, source, line))
    return out, list(r.sources.values())


def load_plant_defaults(folder: Path | None = None, catalogue: Catalogue | None = None) -> PlantDefaults:
    """Load ``removal-efficiencies.yaml`` and ``inhibition-thresholds.yaml``; fail once with every problem."""
    folder = folder or data_dir("standards") / "plant"
    catalogue = catalogue or load_catalogue()
    problems: list[Problem] = []
    removals, rsources = _read(folder / REMOVAL_FILE, "removal_efficiencies", "removal", catalogue, problems)
    thresholds, tsources = _read(folder / INHIBITION_FILE, "inhibition_thresholds", "threshold", catalogue, problems)
    sludge, ssources = _read_sludge(folder / SLUDGE_FILE, catalogue, problems)
    if problems:
        raise InputError(problems)
    return PlantDefaults(
        removals={(p, proc): Sourced(v, "", s) for p, proc, v, s, _ in removals},
        thresholds={(p, proc): InhibitionThreshold(p, proc, v, s) for p, proc, v, s, _ in thresholds},
        sludge=sludge,
        sources=tuple(rsources + tsources + ssources),
    )


def _read_sludge(
    path: Path, catalogue: Catalogue, problems: list[Problem]
) -> tuple[dict[tuple[str, str, str], Sourced], list[DataSource]]:
    """``sludge-limits.yaml``: per row, a limit for each soil column of one disposal route."""
    r = _FileReader(path, "sludge_limits", catalogue, problems)
    entries = r.document() if path.exists() else LocList()
    out: dict[tuple[str, str, str], Sourced] = {}
    for i, e in enumerate(entries or []):
        line, f = (entries.line_of(i) if entries is not None else 0), f"entries[{i}]"
        if not isinstance(e, LocDict):
            r.problem(line, f, "expected a mapping")
            continue
        pid, route, unit, limits = e.get("parameter"), e.get("route"), e.get("unit"), e.get("limits")
        source = r.sources.get(str(e.get("source")))
        if pid is not None and pid not in catalogue:
            r.problem(e.line_of("parameter"), f"{f}.parameter", f"unknown parameter {pid!r} (write null if none)")
            continue
        if route not in SLUDGE_ROUTES:
            r.problem(e.line_of("route"), f"{f}.route", f"expected one of {', '.join(SLUDGE_ROUTES)}")
            continue
        if source is None or source.status != "verified":
            r.problem(e.line_of("source"), f"{f}.source", "cite a declared source with status: verified")
            continue
        if not isinstance(e.get("locator"), str) or not e["locator"]:
            r.problem(e.line_of("locator"), f"{f}.locator", "say where in the source the number is printed")
            continue
        if not isinstance(limits, LocDict) or set(limits) - set(SOILS) or not limits:
            r.problem(e.line_of("limits"), f"{f}.limits", f"expected a value for each of {', '.join(SOILS)}")
            continue
        if pid is None:
            continue  # printed in the table, kept for completeness; nothing to compare it with
        if unit != "mg/kg":
            r.problem(e.line_of("unit"), f"{f}.unit", "a parameter's sludge limit must be in mg/kg (dry solids)")
            continue
        for soil, raw in limits.items():
            value = _number(raw)
            if value is None or value <= 0:
                r.problem(limits.line_of(soil), f"{f}.limits.{soil}", f"{raw!r} is not a positive number")
                continue
            key = (str(pid), str(route), str(soil))
            if key in out:
                r.problem(line, f, f"{pid}/{route}/{soil} repeated")
                continue
            out[key] = Sourced(value, "mg/kg", f"{source.citation}, {e['locator']} ({soil})")
    return out, list(r.sources.values())


@cache
def bundled_defaults(catalogue: Catalogue | None = None) -> PlantDefaults:
    """The defaults shipped in ``standards/plant/``, loaded once per process (and catalogue: pass the
    library's, which is already loaded, rather than reading parameters.yaml again)."""
    return load_plant_defaults(catalogue=catalogue)
