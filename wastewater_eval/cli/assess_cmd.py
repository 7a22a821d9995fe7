from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from .common import (
    EXIT_FAIL,
    STORE_HELP,
    input_errors,
    library,
    plants_option,
    site,
    site_option,
    standard_option,
    the_plants,
    the_store,
)

if TYPE_CHECKING:
    from ..assessment.result import Assessment
    from ..reports.control import DocumentControl


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
@click.option(
    "--fail-on",
    type=click.Choice(["never", "report"]),
    default="never",
    show_default=True,
    help="exit 1 when the result calls for a report to the district (for scripts)",
)
@click.option("--engine", type=click.Choice(["auto", "durable-rules", "python"]), default="auto", show_default=True)
@click.option(
    "--rules",
    "rule_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="rule files or folders to use instead of the bundled rules/",
)
@standard_option
@click.option(
    "--report",
    "report_dir",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="write the documents the result calls for (report, notices, ...) as HTML and PDF into DIR",
)
@click.option("--force", is_flag=True, help="with --report: replace files that already exist")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="with --report: the documents' language",
)
@click.option(
    "--templates",
    "templates_dir",
    metavar="DIR",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="with --report: templates that override the bundled ones by name (run sandboxed)",
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="record the assessment in this store; " + STORE_HELP,
)
@click.option("--no-record", is_flag=True, help="do not record the assessment in the store")
@plants_option
@site_option
def assess_cmd(
    file: Path,
    as_of: dt.date | None,
    fmt: str,
    fail_on: str,
    engine: str,
    rule_paths: tuple[Path, ...],
    standard_files: tuple[Path, ...],
    report_dir: Path | None,
    force: bool,
    lang: str,
    templates_dir: Path | None,
    store_path: Path | None,
    no_record: bool,
    plants_file: Path | None,
) -> None:
    """Assess a discharger file (第五条): findings, conclusions, recommendations, notices.

    With --report DIR, also write the documents the result calls for (docs/reports.md)."""
    from ..assessment.assess import assess
    from ..engine import load_rules
    from ..inputs.discharger import load_discharger

    if report_dir is None:
        ctx = click.get_current_context()
        given = [
            flag
            for name, flag in (("force", "--force"), ("lang", "--lang"), ("templates_dir", "--templates"))
            if ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE
        ]
        if given:
            raise click.UsageError(f"{', '.join(given)}: only with --report DIR")
    with input_errors():
        rules = load_rules(list(rule_paths)) if rule_paths else None
        lib = library(standard_files)
        discharger = load_discharger(file, lib.catalogue, the_plants(plants_file))
        result = assess(discharger, as_of=as_of, engine=engine, rules=rules, library=lib)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from ..reports.text import render

        click.echo(render(result, click.style))
    if report_dir is not None:
        from .documents import document_control

        # numbered in the store the result is recorded in; unrecorded, the documents are drafts
        control = document_control(site(), None if no_record else the_store(store_path))
        write_reports(result, report_dir, lang=lang, force=force, templates=templates_dir, control=control)
    if not no_record:
        from ..tracking.audit import record

        target = the_store(store_path)
        with input_errors():
            number = record(
                target,
                result,
                file.read_bytes().decode("utf-8-sig", errors="replace"),
                plants=discharger.plants_file,
            )
        click.echo(f"recorded as #{number} in {target}", err=fmt == "json")
    if fail_on == "report" and result.adverse:
        sys.exit(EXIT_FAIL)


def write_reports(
    result: Assessment,
    folder: Path,
    *,
    lang: str,
    force: bool,
    templates: Path | None,
    control: DocumentControl,
) -> None:
    """Render the documents the result calls for and write them (docs/reports.md); messages on stderr."""
    from ..reports import render_documents, write_documents

    with input_errors():
        docs = render_documents(result, lang=lang, templates=templates, control=control)
        written = write_documents(docs, folder, force=force)
    for doc in docs:
        for w in doc.warnings:
            click.echo(f"warning: {doc.plan.stem}: {w}", err=True)
    if not written:
        click.echo("the result calls for no documents; nothing written", err=True)
    for path in written:
        click.echo(f"wrote {path}", err=True)
