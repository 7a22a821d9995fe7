"""Industry profiles and process/material keywords (``standards/profiles/``).

A profile is what is not a limit: the industry's names (the discharger file's ``industry``), its
characteristic pollutants (第五条第二项) and the standards cited for it that are not encoded. Its
limits are in ordinary standard files that name the profile in ``binds.industries``. The keyword
table maps processes and materials (铬酐, 镀镍, pickling …) to the pollutants they imply.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import InputError, Location, Problem
from ..load.yamlio import LocDict, LocList, load_collecting
from ..resources import data_dir
from .parameters import Catalogue, load_catalogue

_LIMIT_KEYS = ("industry_standard", "local_standards", "limits")


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
    characteristic: tuple[Characteristic, ...]
    path: str
    not_encoded: tuple[str, ...] = ()  # standards cited for the industry whose limits are not encoded

    def names(self) -> tuple[str, ...]:
        return (self.id, self.name_zh, self.name_en, *self.aliases)


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

    def suggest(self, name: str) -> list[str]:
        """The profile ids nearest to a name no profile has (for an error message)."""
        names = {n.lower(): p.id for p in self.profiles.values() for n in p.names()}
        close = difflib.get_close_matches(name.strip().lower(), list(names), n=5, cutoff=0.5)
        return list(dict.fromkeys(names[c] for c in close))[:3]

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


def _profile(path: Path, catalogue: Catalogue, problems: list[Problem]) -> Profile | None:
    loaded = load_collecting(path, problems)
    if loaded is None:
        return None
    doc = loaded.data
    meta = doc.get("profile") if isinstance(doc, LocDict) else None
    if not isinstance(meta, LocDict) or not meta.get("id"):
        problems.append(Problem(Location(str(path), 1, "profile"), "expected a 'profile' mapping with an id"))
        return None
    for key in _LIMIT_KEYS:
        if key in doc:
            problems.append(
                Problem(
                    Location(str(path), doc.line_of(key), key),
                    "limits live in standard files (standards/<code>.yaml) that name this profile in binds.industries",
                )
            )
    codes = [str(e.get("code")) for e in doc.get("standards_not_encoded") or [] if isinstance(e, LocDict)]
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
        tuple(chars),
        str(path),
        tuple(codes),
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


@cache
def _bundled_catalogue() -> Catalogue:
    return load_catalogue()


def bundled_knowledge(catalogue: Catalogue | None = None) -> KnowledgeBase:
    """The bundled profiles, read once per catalogue (default: the bundled parameter catalogue)."""
    if catalogue is None:
        catalogue = _bundled_catalogue()
    hit = _loaded.get(id(catalogue))
    if hit is None or hit[0] is not catalogue:
        hit = (catalogue, load_knowledge(catalogue))
        _loaded[id(catalogue)] = hit
    return hit[1]


__all__ = [
    "Characteristic",
    "Keyword",
    "KnowledgeBase",
    "Profile",
    "bundled_knowledge",
    "load_knowledge",
]
