from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
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
    files: tuple[Path, ...],
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

    With --report DIR, also write the documents the result calls for (docs/reports.md). Given a
    folder or several files, assess them all in one process and print one summary table."""
    from ..assessment.assess import assess
    from ..engine import load_rules
    from ..inputs.discharger import load_discharger

    if len(files) != 1 or files[0].is_dir():
        if report_dir is not None:
            raise click.UsageError("--report: with one discharger file only (assess a fleet first, then each file)")
        fleet(files, as_of, fmt, fail_on, engine, rule_paths, standard_files, store_path, no_record, plants_file)
        return
    (file,) = files
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


def fleet(
    paths: tuple[Path, ...],
    as_of: dt.date | None,
    fmt: str,
    fail_on: str,
    engine: str,
    rule_paths: tuple[Path, ...],
    standard_files: tuple[Path, ...],
    store_path: Path | None,
    no_record: bool,
    plants_file: Path | None,
) -> None:
    """Many dischargers in one process: one summary table; exit 2 if a file could not be assessed
    (after all the others were), else 1 under --fail-on report if any result calls for a report."""
    from ..assessment.fleet import assess_files, discharger_files
    from ..engine import load_rules

    with input_errors():
        rules = load_rules(list(rule_paths)) if rule_paths else None
        lib = library(standard_files)
        files = discharger_files(list(paths))
        items = assess_files(
            files, library=lib, rules=rules, as_of=as_of, engine=engine, plants=the_plants(plants_file)
        )
    rows = [_summary(i) for i in items]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _table(rows)
    if not no_record and any(i.result is not None for i in items):
        from ..tracking import open_store
        from ..tracking.audit import record_in

        target = the_store(store_path)
        with input_errors(), open_store(target) as store, store.transaction():
            for i in items:
                if i.result is not None:
                    record_in(store, i.result, i.text, plants=i.plants)
        click.echo(f"recorded {sum(i.result is not None for i in items)} assessments in {target}", err=True)
    for i in items:
        for problem in i.problems:
            click.echo(f"error: {problem}", err=True)
    if any(i.problems for i in items):
        sys.exit(2)
    if fail_on == "report" and any(i.adverse for i in items):
        sys.exit(EXIT_FAIL)


def _summary(item: Any) -> dict[str, Any]:
    a = item.result
    if a is None:
        return {"file": item.path, "discharger": None, "error": "; ".join(item.problems)}
    return {
        "file": item.path,
        "discharger": a.discharger.get("id"),
        "name": a.discharger.get("name"),
        "conclusions": {k: c.value for k, c in a.conclusions.items()},
        "report": a.adverse,
        "notifications": len(a.notifications),
        "exceedances": sum(1 for f in a.findings if f.status == "exceeds"),
    }


def _table(rows: list[dict[str, Any]]) -> None:
    def word(value: Any) -> str:
        return "—" if value is None else "yes" if value else "no"

    click.echo(f"{'discharger':<20} {'report':<6} {'treatable':<9} {'affects':<7} {'exceeds':>7} {'notices':>7}  file")
    for r in rows:
        if r.get("error"):
            click.echo(f"{'—':<20} {'error':<6} {'':<9} {'':<7} {'':>7} {'':>7}  {r['file']}: {r['error']}")
            continue
        c = r["conclusions"]
        treatable, affects = word(c.get("effectively_treatable")), word(c.get("may_affect_effluent"))
        click.echo(f"{r['discharger']:<20} {word(r['report']):<6} {treatable:<9} {affects:<7} "
                   f"{r['exceedances']:>7} {r['notifications']:>7}  {r['file']}")  # fmt: skip
    adverse_n = sum(1 for r in rows if r.get("report"))
    errors = sum(1 for r in rows if r.get("error"))
    click.echo(f"{len(rows)} dischargers: {adverse_n} call for a report, {errors} could not be assessed")
