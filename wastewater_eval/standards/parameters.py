"""The parameter catalogue: one canonical id per substance, whatever a standard or a lab calls it.

氨氮 in GB/T 31962, 氨氮(NH3-N) in GB 3838 and ``NH3-N`` in a lab sheet all resolve to
``ammonia_nitrogen``. The catalogue is data (``standards/parameters.yaml``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Location, Problem, UnknownParameterError
from ..load.yamlio import LocDict, LocList, load_file
from ..resources import data_dir

CATEGORIES = frozenset(
    {
        "conventional",
        "biodegradable",
        "nutrient",
        "heavy_metal",
        "class1",
        "toxic_organic",
        "toxic_inorganic",
        "physical",
        "inorganic",
        "microbial",
        "radioactive",
        "oil",
        "salt",
        "process",
    }
)


@dataclass(frozen=True)
class Parameter:
    """One measurable quantity, with every name it is printed or written under."""

    id: str
    name_en: str
    names_zh: tuple[str, ...]
    abbreviations: tuple[str, ...]
    basis: str | None
    unit: str
    categories: frozenset[str]
    cas: str | None = None
    line: int = 0
    group: str = ""  # for a group parameter (苯系物): what its total means; members are never summed into it

    @property
    def name_zh(self) -> str:
        return self.names_zh[0] if self.names_zh else self.id

    def has(self, category: str) -> bool:
        return category in self.categories


def _key(name: str) -> str:
    """Fold a name for lookup: full-width to half-width, no spaces, brackets unified, lower case."""
    s = unicodedata.normalize("NFKC", name).strip().lower()
    s = s.replace("₂", "2").replace("₃", "3").replace("₄", "4").replace("₅", "5")
    s = re.sub(r"[\s_\-·]", "", s)
    return s.replace("[", "(").replace("]", ")")


class Catalogue:
    """All known parameters, resolvable by id, Chinese name, English name or abbreviation."""

    def __init__(self, parameters: list[Parameter]) -> None:
        self._by_id = {p.id: p for p in parameters}
        self._index: dict[str, str] = {}
        for p in parameters:
            for name in (p.id, p.name_en, *p.names_zh, *p.abbreviations):
                self._index.setdefault(_key(name), p.id)
                # 氨氮(NH3-N) is also found as 氨氮
                bare = re.sub(r"\(.*?\)$", "", _key(name))
                if bare:
                    self._index.setdefault(bare, p.id)

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, pid: object) -> bool:
        return pid in self._by_id

    def get(self, pid: str) -> Parameter:
        return self._by_id[pid]

    def find(self, name: str) -> Parameter | None:
        pid = self._index.get(_key(name))
        return self._by_id[pid] if pid else None

    def resolve(self, name: str) -> Parameter:
        """Return the parameter a name means, or raise with the nearest known names."""
        p = self.find(name)
        if p is None:
            raise UnknownParameterError(name, self.suggest(name))
        return p

    def suggest(self, name: str, n: int = 3) -> list[str]:
        names = [x for p in self for x in (p.id, *p.names_zh, *p.abbreviations)]
        close = difflib.get_close_matches(name, names, n=n, cutoff=0.5)
        if not close:
            key = _key(name)
            close = [x for x in names if key and (key in _key(x) or _key(x) in key)][:n]
        return close


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load and validate ``parameters.yaml``; every problem is collected before failing."""
    path = path or data_dir("standards") / "parameters.yaml"
    doc = load_file(path).data
    spath = str(path)
    problems: list[Problem] = []
    items = doc.get("parameters") if isinstance(doc, LocDict) else None
    if not isinstance(items, LocList):
        raise InputError.at(spath, 1, "parameters", "expected a list under 'parameters'")
    params: list[Parameter] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(items):
        line = items.line_of(i)
        if not isinstance(entry, LocDict) or not isinstance(entry.get("id"), str):
            problems.append(Problem(Location(spath, line, f"parameters[{i}]"), "entry needs an 'id'"))
            continue
        pid = entry["id"]
        if not re.fullmatch(r"[a-z][a-z0-9_]*", pid):
            problems.append(Problem(Location(spath, line, "id"), f"id {pid!r} is not snake_case ASCII"))
        if pid in seen:
            problems.append(Problem(Location(spath, line, "id"), f"duplicate id {pid!r} (first at line {seen[pid]})"))
            continue
        seen[pid] = line
        cats = frozenset(entry.get("categories") or [])
        unknown = cats - CATEGORIES
        if unknown:
            problems.append(Problem(Location(spath, line, "categories"), f"unknown categories {sorted(unknown)}"))
        params.append(
            Parameter(
                id=pid,
                name_en=str(entry.get("name_en") or pid),
                names_zh=tuple(str(x) for x in entry.get("names_zh") or []),
                abbreviations=tuple(str(x) for x in entry.get("abbreviations") or []),
                basis=entry.get("basis"),
                unit=str(entry.get("unit", "mg/L")),
                categories=cats,
                cas=str(entry["cas"]) if entry.get("cas") else None,
                line=line,
                group=str(entry.get("group") or ""),
            )
        )
    # Two parameters must not share a name: a lab sheet's column would be ambiguous.
    owner: dict[str, str] = {}
    for p in params:
        for name in (*p.names_zh, *p.abbreviations):
            k = _key(name)
            if k in owner and owner[k] != p.id:
                problems.append(
                    Problem(
                        Location(spath, p.line, "names_zh"),
                        f"name {name!r} of {p.id!r} is also a name of {owner[k]!r}",
                    )
                )
            owner[k] = p.id
    if problems:
        raise InputError(problems)
    return Catalogue(params)
