"""Industry profiles and process/material keywords (``standards/profiles/``), for 第五条第二项.

A profile names the industry standard that also binds discharge into a municipal sewer, with
its limits and where they are monitored, and the industry's characteristic pollutants. The
keyword table maps processes and materials (铬酐, 镀镍, pickling …) to the pollutants they imply.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..errors import InputError, Location, Problem
from ..load.yamlio import LocDict, LocList, load_collecting
from ..resources import data_dir
from .parameters import Catalogue


@dataclass(frozen=True)
class IndustryLimit:
    """A limit an industry standard sets for discharge into a municipal sewer."""

    parameter: str
    comparison: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    point: str  # workshop_outlet | final_outlet
    source: str
    standard: str

    def stricter_than(self, other: IndustryLimit) -> bool:
        if (
            self.comparison == "max"
            and other.comparison == "max"
            and self.value is not None
            and other.value is not None
        ):
            return self.value < other.value
        return False


@dataclass(frozen=True)
class Characteristic:
    parameter: str
    class1: bool
    basis: str


@dataclass(frozen=True)
class Profile:
    id: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    standards: tuple[str, ...]
    limits: tuple[IndustryLimit, ...]
    characteristic: tuple[Characteristic, ...]
    path: str
    existing: tuple[IndustryLimit, ...] = ()  # limits for existing projects where a standard differs

    def limit_for(self, parameter: str, point: str, existing: bool = False) -> IndustryLimit | None:
        """The strictest industry limit for a parameter monitored at ``point``.

        Limits set at the workshop outlet apply to workshop samples, the others to the final
        outlet. For an existing discharger, a standard's existing-project limits replace its
        new-project ones (e.g. DB 44/1597-2015 表1 instead of 表2).
        """
        best = None
        for lim in self.limits:
            if lim.parameter != parameter or lim.point != point:
                continue
            if existing:
                lim = next((e for e in self.existing if e.standard == lim.standard and e.parameter == parameter), lim)
            if best is None or lim.stricter_than(best):
                best = lim
        return best


@dataclass(frozen=True)
class Keyword:
    """A process or material word and the pollutants it implies."""

    terms: tuple[str, ...]
    parameters: tuple[str, ...]
    kind: str
    rationale: str


@dataclass(frozen=True)
class KnowledgeBase:
    profiles: dict[str, Profile]
    keywords: tuple[Keyword, ...]

    def profile(self, name: str) -> Profile | None:
        key = name.strip().lower()
        for p in self.profiles.values():
            if key == p.id or key in (a.lower() for a in p.aliases) or key in (p.name_zh, p.name_en.lower()):
                return p
        return None

    def match(self, text: str) -> list[Keyword]:
        """Keywords whose terms occur in a process or material as written (either language)."""
        t = text.strip().lower()
        return [
            k
            for k in self.keywords
            if any(term.lower() in t or (t and t in term.lower() and len(t) >= 2) for term in k.terms)
        ]

    def __iter__(self) -> Iterator[Profile]:
        return iter(self.profiles.values())


def _limit(
    raw: LocDict, standard: str, path: str, catalogue: Catalogue, problems: list[Problem]
) -> IndustryLimit | None:
    pid = str(raw.get("parameter"))
    if pid not in catalogue:
        problems.append(Problem(Location(path, raw.line, "parameter"), f"unknown parameter {pid!r}"))
        return None
    comparison = str(raw.get("comparison", "max"))
    value = raw.get("computed_limit", raw.get("limit"))
    point = "workshop_outlet" if raw.get("point") == "workshop_outlet" else "final_outlet"
    unit = "" if raw.get("unit") is None else str(raw.get("unit"))
    source = str(raw.get("source", standard))
    if comparison == "range" and isinstance(value, list) and len(value) == 2:
        return IndustryLimit(
            pid, "range", None, Decimal(str(value[0])), Decimal(str(value[1])), unit, point, source, standard
        )
    if comparison in ("max", "not_detectable") and (value is None or isinstance(value, int | float)):
        dec = None if value is None else Decimal(str(value))
        return IndustryLimit(pid, comparison, dec, None, None, unit, point, source, standard)
    return None  # a rule-type limit (e.g. a ratio) is kept in the file, not applied


def _profile(path: Path, catalogue: Catalogue, problems: list[Problem]) -> Profile | None:
    loaded = load_collecting(path, problems)
    if loaded is None:
        return None
    doc = loaded.data
    meta = doc.get("profile") if isinstance(doc, LocDict) else None
    if not isinstance(meta, LocDict) or not meta.get("id"):
        problems.append(Problem(Location(str(path), 1, "profile"), "expected a 'profile' mapping with an id"))
        return None
    limits: list[IndustryLimit] = []
    existing: list[IndustryLimit] = []
    codes: list[str] = []
    blocks = [doc.get("industry_standard"), *(doc.get("local_standards") or [])]
    for block in blocks:
        if not isinstance(block, LocDict):
            continue
        codes.append(str(block.get("code")))
        for raw in block.get("limits") or []:
            if isinstance(raw, LocDict):
                lim = _limit(raw, str(block.get("code")), str(path), catalogue, problems)
                if lim:
                    limits.append(lim)
        for raw in block.get("existing_project_class1") or []:
            if isinstance(raw, LocDict):
                lim = _limit(
                    LocDict({**raw, "point": "workshop_outlet", "comparison": "max"}),
                    str(block.get("code")),
                    str(path),
                    catalogue,
                    problems,
                )
                if lim:
                    existing.append(lim)
    chars = []
    for raw in doc.get("characteristic_pollutants") or []:
        pid = str(raw.get("parameter"))
        if pid not in catalogue:
            problems.append(Problem(Location(str(path), raw.line, "parameter"), f"unknown parameter {pid!r}"))
            continue
        chars.append(
            Characteristic(pid, bool(raw.get("class1")) or catalogue.get(pid).has("class1"), str(raw.get("basis", "")))
        )
    return Profile(
        str(meta["id"]),
        str(meta.get("name_zh", "")),
        str(meta.get("name_en", "")),
        tuple(str(a) for a in meta.get("aliases") or []),
        tuple(codes),
        tuple(limits),
        tuple(chars),
        str(path),
        tuple(existing),
    )


def _keywords(path: Path, catalogue: Catalogue, problems: list[Problem]) -> list[Keyword]:
    if not path.exists():
        return []
    loaded = load_collecting(path, problems)
    if loaded is None:
        return []
    doc = loaded.data
    entries = doc.get("keywords") if isinstance(doc, LocDict) else doc
    out = []
    for raw in entries if isinstance(entries, LocList) else []:
        if not isinstance(raw, LocDict):
            continue
        terms = [str(t) for key in ("zh", "en", "terms") for t in (raw.get(key) or [])]
        params = [str(p) for p in raw.get("parameters") or raw.get("pollutants") or []]
        unknown = [p for p in params if p not in catalogue]
        if unknown:
            problems.append(Problem(Location(str(path), raw.line, "parameters"), f"unknown parameters {unknown}"))
            continue
        out.append(
            Keyword(
                tuple(terms),
                tuple(params),
                str(raw.get("kind", "process")),
                str(raw.get("rationale") or raw.get("source") or ""),
            )
        )
    return out


def load_knowledge(catalogue: Catalogue, folder: Path | None = None) -> KnowledgeBase:
    folder = folder or data_dir("standards") / "profiles"
    problems: list[Problem] = []
    profiles = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "keywords.yaml":
            continue
        p = _profile(path, catalogue, problems)
        if p:
            profiles[p.id] = p
    keywords = _keywords(folder / "keywords.yaml", catalogue, problems)
    if problems:
        raise InputError(problems)
    return KnowledgeBase(profiles, tuple(keywords))


_loaded: dict[int, tuple[Catalogue, KnowledgeBase]] = {}


def bundled_knowledge(catalogue: Catalogue | None = None) -> KnowledgeBase:
    """The bundled profiles, read once per catalogue (default: the bundled standards')."""
    if catalogue is None:
        from . import bundled_library

        catalogue = bundled_library().catalogue
    hit = _loaded.get(id(catalogue))
    if hit is None or hit[0] is not catalogue:
        hit = (catalogue, load_knowledge(catalogue))
        _loaded[id(catalogue)] = hit
    return hit[1]


__all__ = [
    "Characteristic",
    "IndustryLimit",
    "Keyword",
    "KnowledgeBase",
    "Profile",
    "bundled_knowledge",
    "load_knowledge",
]
