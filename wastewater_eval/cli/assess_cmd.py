from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from .common import EXIT_FAIL, input_errors, library, standard_option


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD") from None


@click.command("assess")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as-of", callback=_date, metavar="DATE", help="assessment date for expiry checks (default: today)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["never", "report"]), default="never", show_default=True,
              help="exit 1 when the result calls for a report to the district (for scripts)")
@click.option("--engine", type=click.Choice(["auto", "durable-rules", "python"]), default="auto", show_default=True)
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="rule files or folders to use instead of the bundled rules/")
@standard_option
def assess_cmd(file: Path, as_of: dt.date | None, fmt: str, fail_on: str, engine: str,
               rule_paths: tuple[Path, ...], standard_files: tuple[Path, ...]) -> None:
    """Assess a discharger file (第五条): findings, conclusions, recommendations, notices."""
    from ..assess import assess_file
    from ..engine import load_rules

    with input_errors():
        rules = load_rules(list(rule_paths)) if rule_paths else None
        result = assess_file(file, as_of=as_of, engine=engine, rules=rules, library=library(standard_files))
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from ..render_text import render

        click.echo(render(result, click.style))
    if fail_on == "report" and result.adverse:
        sys.exit(EXIT_FAIL)
