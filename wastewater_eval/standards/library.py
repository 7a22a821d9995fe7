"""The standards the tool applies: the bundled ones, replaced code by code by a site's own.

An operator who holds the official text of a standard verifies or corrects the bundled file
once, in the site's standards folder (``wasteval.toml``), and every command then uses it. The
index (``standards/index.yaml``) lists every standard the rules and the Measures cite, with its
status: ``encoded``, ``provisional`` or ``pending`` (cited, no table available).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError, Location, MissingStandardError, Problem
from ..load.yamlio import LocDict, LocList, load_collecting
from ..resources import data_dir
from .loader import parse_standard
from .model import Standard
from .parameters import Catalogue, load_catalogue

INDEX_STATUSES = ("encoded", "provisional", "pending")
_NOT_STANDARDS = {"parameters.yaml", "index.yaml"}


def _norm(code: str) -> str:
    return code.replace(" ", "").upper()


class StandardsLibrary:
    """Every standard the tool can apply, by code, and the index of every standard the project cites."""

    def __init__(
        self, standards: list[Standard], catalogue: Catalogue, index: list[dict[str, Any]] | None = None
    ) -> None:
        self.catalogue = catalogue
        self._by_code = {s.code: s for s in standards}
        self.index = index or []

    @property
    def known_codes(self) -> set[str]:
        """Codes of the standards that can be applied and of those cited but pending."""
        return set(self._by_code) | {str(e["code"]) for e in self.index}

    def require(self, code: str) -> Standard:
        """The standard, or :class:`MissingStandardError` saying why it is not available."""
        found = self.find(code)
        if found is None:
            note = next((str(e.get("note", "")).strip() for e in self.index if e.get("code") == code), "")
            raise MissingStandardError(code, note.split(".")[0] if note else "")
        return found

    def find(self, code: str) -> Standard | None:
        """The standard of ``code`` (spaces and case ignored; ``GB 3838`` finds ``GB 3838-2002``)."""
        key = _norm(code)
        for c, s in self._by_code.items():
            if _norm(c) == key or _norm(c).startswith(key + "-"):
                return s
        return None

    def get(self, code: str) -> Standard:
        found = self.find(code)
        if found is None:
            raise KeyError(f"no standard {code!r}; encoded: {', '.join(self._by_code)}")
        return found

    def __iter__(self) -> Iterator[Standard]:
        return iter(self._by_code.values())


def standard_files(folder: Path | None = None) -> list[Path]:
    folder = folder or data_dir("standards")
    return sorted(p for p in folder.glob("*.yaml") if p.name not in _NOT_STANDARDS)


def _load_index(folder: Path, problems: list[Problem]) -> list[dict[str, Any]]:
    path = folder / "index.yaml"
    if not path.exists():
        return []
    loaded = load_collecting(path, problems)
    if loaded is None:
        return []
    doc = loaded.data
    entries = doc.get("standards") if isinstance(doc, LocDict) else None
    if not isinstance(entries, LocList):
        problems.append(Problem(Location(str(path), 1, "standards"), "expected a 'standards' list"))
        return []
    out = []
    for i, e in enumerate(entries):
        if not isinstance(e, LocDict) or e.get("status") not in INDEX_STATUSES or not e.get("code"):
            problems.append(
                Problem(
                    Location(str(path), entries.line_of(i), f"standards[{i}]"),
                    f"each entry needs code, file and status: {' | '.join(INDEX_STATUSES)}",
                )
            )
            continue
        out.append({**dict(e), "line": entries.line_of(i)})
    return out


def _check_index(folder: Path, index: list[dict[str, Any]], by_code: dict[str, Standard]) -> list[Problem]:
    """The index and the files agree: every file listed, with the status its file declares."""
    problems = []
    where = str(folder / "index.yaml")
    listed = {str(e["code"]): e for e in index}
    for code, s in by_code.items():
        if code not in listed:
            problems.append(Problem(Location(s.path, 1, "standard.code"), f"{code} is not listed in index.yaml"))
            continue
        said = listed[code]["status"]
        want = "provisional" if s.status == "provisional" else "encoded"
        if said != want:
            problems.append(
                Problem(
                    Location(where, listed[code]["line"], "status"), f"{code}: its file says {want}: mark it {want}"
                )
            )
    for code, e in listed.items():
        if e["status"] != "pending" and code not in by_code:
            problems.append(
                Problem(
                    Location(where, e["line"], "file"), f"{code} is marked {e['status']} but {e.get('file')} is missing"
                )
            )
    return problems


def site_standard_files(folder: Path) -> list[Path]:
    """The standard files of a site's standards folder (``*.yaml``, sorted)."""
    return sorted(p for p in folder.glob("*.yaml") if p.name not in _NOT_STANDARDS)


def load_library(
    folder: Path | None = None,
    extra: Sequence[Path] = (),
    site: Path | None = None,
) -> StandardsLibrary:
    """Load every standard of ``folder`` (default: the bundled ones), then the files of the site's
    standards folder ``site`` and then ``extra`` files, each replacing a standard of the same code;
    collect every problem in every file, then fail once."""
    folder = folder or data_dir("standards")
    problems: list[Problem] = []
    catalogue = load_catalogue(folder / "parameters.yaml")
    index = _load_index(folder, problems)
    by_code: dict[str, Standard] = {}
    for path in standard_files(folder):
        s = parse_standard(path, catalogue, problems)
        if s is None:
            continue
        if s.code in by_code:
            problems.append(
                Problem(Location(str(path), 1, "standard.code"), f"code {s.code!r} also in {by_code[s.code].path}")
            )
        by_code[s.code] = s
    if index:
        problems += _check_index(folder, index, by_code)
    bundled_binding = {code: s.binding is not None for code, s in by_code.items()}
    own: list[Path] = []
    if site is not None:
        if not site.is_dir():
            problems.append(Problem(Location(str(site)), "the site's standards folder does not exist"))
        else:
            own = site_standard_files(site)
    seen: dict[str, str] = {}
    for path in [*own, *extra]:
        s = parse_standard(Path(path), catalogue, problems)
        if s is None:
            continue
        if s.code in seen and Path(path) in own:
            problems.append(Problem(Location(str(path), 1, "standard.code"), f"code {s.code!r} also in {seen[s.code]}"))
        seen[s.code] = str(path)
        if bundled_binding.get(s.code) and s.binding is None:
            problems.append(
                Problem(
                    Location(str(path), 1, "binds"),
                    f"the bundled {s.code} says where it binds (its binds: block); keep that block in this file",
                )
            )
        by_code[s.code] = _as_site(s)
    if not problems:
        problems += _check_bindings(folder, by_code, catalogue)
    if problems:
        raise InputError(problems)
    return StandardsLibrary(list(by_code.values()), catalogue, index)


def _profile_ids(folder: Path, catalogue: Catalogue) -> set[str] | None:
    """The industry profile ids (``standards/profiles/*.yaml``), or None where the folder has none.
    The bundled profiles are read once (the assessment reads them again from the same cache)."""
    from .profiles import bundled_knowledge, load_knowledge

    profiles = folder / "profiles"
    if not profiles.is_dir():
        return None
    if folder.resolve() == data_dir("standards").resolve():
        return set(bundled_knowledge(catalogue).profiles)
    return set(load_knowledge(catalogue, profiles).profiles)


def _check_bindings(folder: Path, by_code: dict[str, Standard], catalogue: Catalogue) -> list[Problem]:
    """Bindings name known industries and standards; exactly one standard takes its grade from the plant."""
    problems = []
    industries = _profile_ids(folder, catalogue)
    graded = []
    for s in by_code.values():
        b = s.binding
        if b is None:
            continue
        if any(sel.column_by == "treatment_level" for sel in b.select):
            graded.append(s)
        for ind in b.industries:
            if industries is not None and ind not in industries:
                known = ", ".join(sorted(industries))
                problems.append(Problem(Location(s.path, 1, "binds.industries"), f"no profile {ind!r} ({known})"))
        for sup in b.supersedes:
            if sup.code not in by_code:
                problems.append(Problem(Location(s.path, 1, "binds.supersedes"), f"{sup.code} is not a standard here"))
    for other in graded[1:]:  # the plant's treatment level selects the grade of one standard only
        problems.append(
            Problem(
                Location(other.path, 1, "binds.select"),
                f"{graded[0].code} already takes its grade from the plant's treatment level (column_by)",
            )
        )
    return problems


def _as_site(s: Standard) -> Standard:
    from dataclasses import replace

    return replace(s, site=True)


@cache
def bundled_library() -> StandardsLibrary:
    """The bundled standards, loaded once per process."""
    return load_library()
