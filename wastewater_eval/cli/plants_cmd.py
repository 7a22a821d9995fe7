"""``wasteval plants``: the operator's plants file, checked before any discharger names a plant in it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import EXIT_FAIL, library, standard_option


@click.group("plants")
def plants_group() -> None:
    """The plants file (wasteval/plants/v1): each plant described once, named by discharger files."""


@plants_group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@standard_option
def check_cmd(files: tuple[Path, ...], standard_files: tuple[Path, ...]) -> None:
    """Read each plants file and build every plant's model (effluent limits, defaults): exit 1 on problems.

    A mistake a discharger's assessment would only meet later (an effluent standard the tool cannot
    read, a class without limits) is found here, at the plants file's line."""
    from ..errors import InputError, Location, Problem
    from ..inputs.plants import load_plants
    from ..plant import PlantModelError, bundled_defaults, plant_from_record

    lib = library(standard_files)
    problems: list[Problem] = []
    count = 0
    for path in files:
        try:
            plants = load_plants(path, lib.catalogue)
        except InputError as exc:
            problems += exc.problems
            continue
        for name, plant in plants.plants.items():
            count += 1
            try:
                plant_from_record(plant, lib, defaults=bundled_defaults(lib.catalogue))
            except PlantModelError as exc:
                field = plant.origin.split(", ", 1)[-1]
                problems.append(Problem(Location(str(path), plant.line, field), f"{name}: {exc}"))
    for p in problems:
        click.echo(f"{p}", err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(EXIT_FAIL)
    click.echo(f"ok: {count} plant(s) in {len(files)} file(s)")
