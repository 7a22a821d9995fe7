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
    from ..site import Site
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


def _remember_site(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None:
        ctx.meta["wasteval.site"] = value
    return value


def site_option(f: F) -> F:
    """``--site DIR``: the site configuration (``wasteval.toml``) to use; also a top-level option."""
    return click.option(
        "--site",
        "site_dir",
        type=click.Path(exists=True, path_type=Path),
        expose_value=False,
        is_eager=True,
        callback=_remember_site,
        help="the site configuration: a folder with wasteval.toml, or the file (default: env "
        "WASTEVAL_SITE, else wasteval.toml in the working directory or a parent)",
    )(f)


def site() -> Site:
    """The site configuration in force for this command (found once per command)."""
    from ..site import find_site

    ctx = click.get_current_context()
    cached = ctx.meta.get("wasteval.site.loaded")
    if cached is None:
        with input_errors():
            cached = find_site(ctx.meta.get("wasteval.site"))
        ctx.meta["wasteval.site.loaded"] = cached
    return cached


def library(standard_files: tuple[Path, ...] = ()) -> StandardsLibrary:
    """The bundled standards, replaced by the site's own and then by any given with ``--standard``."""
    from ..standards import bundled_library, load_library

    own = site().standards
    if not standard_files and own is None:
        return bundled_library()
    return load_library(extra=standard_files, site=own)


def the_store(explicit: Path | None) -> Path:
    """``--store``, else env WASTEVAL_STORE, else the site's store, else the user's own."""
    from ..site import resolve_store, user_store

    path = resolve_store(explicit, site())
    if path == user_store():
        path.parent.mkdir(parents=True, exist_ok=True)  # the user's own data folder, made on first use
    return path


STORE_HELP = (
    "the store (default: env WASTEVAL_STORE, else the site configuration's store, else "
    "~/.local/share/wasteval/wasteval.sqlite; never beside the input file)"
)


def store_option(f: F) -> F:
    return click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), help=STORE_HELP)(f)


def the_plants(explicit: Path | None) -> Path | None:
    """``--plants``, else the site's plants file, else None (``plants.yaml`` beside each discharger file)."""
    return explicit if explicit is not None else site().plants


plants_option = click.option(
    "--plants",
    "plants_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="the plants file (wasteval/plants/v1) for discharger files that name their plant "
    "(default: the site configuration's, else plants.yaml beside each discharger file)",
)
