from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import EXIT_FAIL


@click.group("rules")
def rules_group() -> None:
    """The rule files: check them, test them, document them."""


@rules_group.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def check_cmd(paths: tuple[Path, ...]) -> None:
    """Parse and validate rule files and compile them into the rules engine."""
    from ..engine.check import check_rules

    problems, count = check_rules(list(paths))
    for p in problems:
        click.echo(str(p), err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(EXIT_FAIL)
    click.echo(f"ok: {count} rules")


@rules_group.command("facts")
def facts_cmd() -> None:
    """The fact types rules can match, with their fields."""
    from ..engine.facts import FACT_TYPES, fields_of

    click.echo(json.dumps({t: fields_of(t) for t in FACT_TYPES}, indent=2))
