"""What every command shares: turning library errors into messages and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from ..errors import InputError, RuleError, WastevalError

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
