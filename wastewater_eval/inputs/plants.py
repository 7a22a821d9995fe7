"""The plants file (``plants.yaml``, schema ``wasteval/plants/v1``): the plants an operator runs.

An operator describes each plant once, with its design, flows and plant model (第四条), and each
discharger file names its plant (``receiving.plant: 示例净水厂``) instead of repeating it. The
plant sections are read exactly as in a discharger file; every problem names the plants file,
line and field.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError
from ..load.yamlio import LocDict, loads
from ..standards.parameters import Catalogue
from .model import Plant, PlantsFile
from .plant_section import read_plant
from .reader import Reader, read_user_file, schema_problems
from .schema import PLANTS_SCHEMA


def parse_plants(text: str, path: str, catalogue: Catalogue) -> PlantsFile:
    """Parse a plants file's text; raise :class:`InputError` listing every problem."""
    doc = loads(text, path).data
    if not isinstance(doc, LocDict):
        raise InputError.at(path, 1, "", "expected a mapping at the top of the file")
    problems = schema_problems(doc, path, PLANTS_SCHEMA)
    if problems:
        raise InputError(problems)
    r = Reader(path, catalogue)
    plants: dict[str, Plant] = {}
    lines: dict[str, int] = {}
    raw = doc["plants"]
    for i, section in enumerate(raw):
        name = str(section["name"])
        if name in plants:
            r.problem(raw.line_of(i), f"plants[{i}].name", f"plant {name!r} repeated (first at line {lines[name]})")
            continue
        plants[name] = read_plant(section, r, f"plants[{i}]")
        lines[name] = raw.line_of(i)
    if r.problems:
        raise InputError(r.problems)
    return PlantsFile(path, hashlib.sha256(text.encode("utf-8")).hexdigest(), text, plants)


def load_plants(path: Path | str, catalogue: Catalogue) -> PlantsFile:
    """Read a plants file (UTF-8 or GB18030); its hash is of the bytes as given."""
    p = Path(path)
    raw, text = read_user_file(p)
    parsed = parse_plants(text, str(p), catalogue)
    return PlantsFile(parsed.path, hashlib.sha256(raw).hexdigest(), text, parsed.plants)
