"""The operator's site configuration (``wasteval.toml``): one place for what every command shares.

An operator keeps, once for the whole site, the standards it verified or corrected against the
official text (they replace the bundled ones of the same code), its store, its plants file and
its discharger folder. The file is found the way users expect: an explicit ``--site DIR``, else
the environment variable ``WASTEVAL_SITE``, else ``wasteval.toml`` in the working directory or
the nearest parent. Paths in it are relative to the file.

    # wasteval.toml
    standards = "standards"        # the site's standard files (wasteval standards export …)
    store = "wasteval.sqlite"      # where assessments and monitoring data are recorded
    plants = "plants.yaml"         # the plants file for discharger files that name their plant
    dischargers = "dischargers"    # the discharger files of the programme

    [operator]                     # who issues and signs the documents (docs/reports.md)
    name = "广州某某水务有限公司"    # the operator's legal name (运营单位): every document's sender
    address = "广州市…"
    telephone = "020-…"
    compiled_by = "张三"            # 编制; reviewed_by (审核) and approved_by (批准) likewise
    copies = ["广州市水务局"]        # 抄送, on every document
    number = "{discharger}-{kind}-{year}-{seq:03d}"   # document numbers, unique in the store

    [rectification]                # days the discharger gets, per kind of recommendation
    pretreat = 90                  # (reports/templates/rectification.yaml lists the kinds)
    resample_after = 7             # days after a deadline the operator samples again

Without a site configuration and without ``--store`` or ``WASTEVAL_STORE``, the store is the
user's own: ``$XDG_DATA_HOME/wasteval/wasteval.sqlite`` (``~/.local/share/wasteval/…``). Nothing
is ever written beside an input file unless the configuration says so.
"""

from __future__ import annotations

import os
import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError, Location, Problem
from .load.yamlio import load_file
from .resources import data_dir

SITE_FILE = "wasteval.toml"
STORE_NAME = "wasteval.sqlite"
_PATH_KEYS = {
    "standards": "a folder",
    "store": "a file",
    "plants": "a file",
    "dischargers": "a folder",
}
_MUST_EXIST = {"standards", "plants", "dischargers"}
_SECTIONS = ("operator", "rectification")
_OPERATOR_TEXT = ("name", "address", "telephone", "compiled_by", "reviewed_by", "approved_by", "number")
_OPERATOR_KEYS = (*_OPERATOR_TEXT, "copies")
# The fields a document-number pattern may use (reports/control.py fills them).
NUMBER_FIELDS = frozenset({"discharger", "kind", "year", "seq"})


@dataclass(frozen=True)
class Operator:
    """The site's ``[operator]``: who issues and signs the documents, and how they are numbered."""

    name: str | None = None
    address: str | None = None
    telephone: str | None = None
    compiled_by: str | None = None
    reviewed_by: str | None = None
    approved_by: str | None = None
    number: str | None = None
    copies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Site:
    """The site configuration in force; every field is None where the site does not set it."""

    path: Path | None = None
    standards: Path | None = None
    store: Path | None = None
    plants: Path | None = None
    dischargers: Path | None = None
    operator: Operator = field(default_factory=Operator)
    rectification: Mapping[str, int] = field(default_factory=dict)  # recommendation code → days
    resample_after: int | None = None


NO_SITE = Site()


def user_store(env: Mapping[str, str] | None = None) -> Path:
    """The store of a user without a site: under the XDG data folder, never beside an input."""
    env = os.environ if env is None else env
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "wasteval" / STORE_NAME


def resolve_store(explicit: Path | None, site: Site, env: Mapping[str, str] | None = None) -> Path:
    """``--store``, else ``WASTEVAL_STORE``, else the site's store, else the user's own."""
    env = os.environ if env is None else env
    if explicit is not None:
        return explicit
    if env.get("WASTEVAL_STORE"):
        return Path(env["WASTEVAL_STORE"])
    if site.store is not None:
        return site.store
    return user_store(env)


def find_site(explicit: Path | None = None, *, env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Site:
    """The site configuration in force (see the module docstring); :data:`NO_SITE` when none."""
    env = os.environ if env is None else env
    named = explicit if explicit is not None else (Path(env["WASTEVAL_SITE"]) if env.get("WASTEVAL_SITE") else None)
    if named is not None:
        path = named / SITE_FILE if named.is_dir() else named
        if not path.is_file():
            how = "--site" if explicit is not None else "WASTEVAL_SITE"
            raise InputError.at(str(named), 0, "", f"{how}: no {SITE_FILE} there")
        return load_site(path)
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / SITE_FILE
        if candidate.is_file():
            return load_site(candidate)
    return NO_SITE


def _line_of(text: str, key: str, section: str | None = None) -> int:
    """The line of ``key = …`` at the top of the file, or in its ``[section]``."""
    start = 0
    if section is not None:
        head = re.search(rf"^\s*\[\s*{re.escape(section)}\s*\]", text, re.M)
        if head is None:
            return 0
        start = head.end()
        following = re.search(r"^\s*\[", text[start:], re.M)
        end = start + following.start() if following else len(text)
    else:
        first = re.search(r"^\s*\[", text, re.M)
        end = first.start() if first else len(text)
    m = re.search(rf"^[ \t]*{re.escape(key)}\s*=", text[start:end], re.M)
    return text[: start + m.start()].count("\n") + 1 if m else (_line_of(text, section) if section else 0)


def number_pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot number documents, or None (fields: :data:`NUMBER_FIELDS`)."""
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
        pattern.format(discharger="D", kind="评估", year=2024, seq=1)
    except (ValueError, KeyError, IndexError) as exc:
        return f"not a number pattern: {exc}"
    unknown = sorted(set(names) - NUMBER_FIELDS)
    if unknown:
        return f"unknown field {{{unknown[0]}}}; expected " + ", ".join("{" + n + "}" for n in sorted(NUMBER_FIELDS))
    if "seq" not in names:
        return "needs {seq}, the running number that makes each number unique"
    return None


@cache
def recommendation_kinds() -> frozenset[str]:
    """The kinds of recommendation a deadline can be set for (reports/templates/rectification.yaml)."""
    return frozenset(str(k) for k in load_file(data_dir("templates") / "rectification.yaml", trusted=True).data)


def _operator(raw: Any, text: str, spath: str, problems: list[Problem]) -> Operator:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        where = Location(spath, _line_of(text, key, "operator"), f"operator.{key}")
        if key not in _OPERATOR_KEYS:
            problems.append(Problem(where, f"unknown setting; expected one of {', '.join(sorted(_OPERATOR_KEYS))}"))
        elif key == "copies":
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(Problem(where, "expected a list of names, as text"))
            else:
                values[key] = tuple(value)
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(where, "expected text"))
        elif key == "number" and (why := number_pattern_problem(value)):
            problems.append(Problem(where, why))
        else:
            values[key] = value
    return Operator(**values)


def _rectification(raw: Any, text: str, spath: str, problems: list[Problem]) -> tuple[dict[str, int], int | None]:
    days: dict[str, int] = {}
    after = None
    known = recommendation_kinds()
    for key, value in raw.items():
        where = Location(spath, _line_of(text, key, "rectification"), f"rectification.{key}")
        if key != "resample_after" and key not in known:
            problems.append(
                Problem(
                    where,
                    f"unknown kind of recommendation; expected resample_after or one of {', '.join(sorted(known))}",
                )
            )
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(Problem(where, "expected a whole number of days (0 or more)"))
        elif key == "resample_after":
            after = value
        else:
            days[key] = value
    return days, after


def load_site(path: Path) -> Site:
    """Read and check one ``wasteval.toml``; every problem at its line, then one failure."""
    spath = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.at(spath, 0, "", f"cannot read the site configuration: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise InputError.at(spath, int(m.group(1)) if m else 0, "", f"not valid TOML: {exc}") from None
    problems: list[Problem] = []
    values: dict[str, Path] = {}
    sections: dict[str, Any] = {}
    root = path.parent
    for key, value in data.items():
        line = _line_of(text, key)
        if key in _SECTIONS and isinstance(value, dict):
            sections[key] = value
            continue
        if key not in _PATH_KEYS:
            expected = ", ".join(sorted(_PATH_KEYS)) + " or a section " + ", ".join(f"[{s}]" for s in _SECTIONS)
            problems.append(Problem(Location(spath, line, key), f"unknown setting; expected one of {expected}"))
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(Location(spath, line, key), f"expected the path of {_PATH_KEYS[key]}, as text"))
            continue
        target = (root / value).resolve() if not Path(value).is_absolute() else Path(value)
        if key in _MUST_EXIST and not target.exists():
            problems.append(Problem(Location(spath, line, key), f"{value!r}: no such {_PATH_KEYS[key][2:]}"))
            continue
        if key in ("standards", "dischargers") and not target.is_dir():
            problems.append(Problem(Location(spath, line, key), f"{value!r} is not a folder"))
            continue
        if key == "plants" and not target.is_file():
            problems.append(Problem(Location(spath, line, key), f"{value!r} is not a file"))
            continue
        values[key] = target
    operator = _operator(sections.get("operator", {}), text, spath, problems)
    days, after = _rectification(sections.get("rectification", {}), text, spath, problems)
    if problems:
        raise InputError(problems)
    return Site(path=path.resolve(), **values, operator=operator, rectification=days, resample_after=after)
