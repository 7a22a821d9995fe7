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

Without a site configuration and without ``--store`` or ``WASTEVAL_STORE``, the store is the
user's own: ``$XDG_DATA_HOME/wasteval/wasteval.sqlite`` (``~/.local/share/wasteval/…``). Nothing
is ever written beside an input file unless the configuration says so.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Location, Problem

SITE_FILE = "wasteval.toml"
STORE_NAME = "wasteval.sqlite"
_PATH_KEYS = {
    "standards": "a folder",
    "store": "a file",
    "plants": "a file",
    "dischargers": "a folder",
}
_MUST_EXIST = {"standards", "plants", "dischargers"}


@dataclass(frozen=True)
class Site:
    """The site configuration in force; every field is None where the site does not set it."""

    path: Path | None = None
    standards: Path | None = None
    store: Path | None = None
    plants: Path | None = None
    dischargers: Path | None = None


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


def _line_of(text: str, key: str) -> int:
    m = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.M)
    return text[: m.start()].count("\n") + 1 if m else 0


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
    root = path.parent
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in _PATH_KEYS:
            problems.append(
                Problem(Location(spath, line, key), f"unknown setting; expected one of {', '.join(sorted(_PATH_KEYS))}")
            )
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
    if problems:
        raise InputError(problems)
    return Site(path=path.resolve(), **values)
