"""What every command shares: turning library errors into messages and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import InputError, RuleError, WastevalError

if TYPE_CHECKING:
    from ..standards import StandardsLibrary

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def input_errors() -> Iterator[None]:
    """Print every problem as ``file:line: field: message`` on stderr and exit 2."""
    try:
        yield
    except (InputError, RuleError) as exc:
        for p in exc.problems:
            click.echo(f"error: {p}", err=True)
        sys.exit(EXIT_INPUT)
    except WastevalError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INPUT)


def standard_option(f: F) -> F:
    """``--standard FILE``: an extra standard file (replaces a bundled one of the same code)."""
    return click.option(
        "--standard",
        "standard_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="an extra standard file in the standards/ format, e.g. one the operator encoded from the official text",
    )(f)


def library(standard_files: tuple[Path, ...]) -> StandardsLibrary:
    """The bundled standards, plus any given with ``--standard``."""
    from ..standards import bundled_library, load_library

    if not standard_files:
        return bundled_library()
    return load_library(extra=standard_files)


plants_option = click.option(
    "--plants",
    "plants_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="the plants file (wasteval/plants/v1) for discharger files that name their plant "
    "(default: plants.yaml beside each discharger file)",
)
