"""``wasteval report RESULT.json``: the documents of a saved result, from the result alone."""

from __future__ import annotations

from pathlib import Path

import click

from .common import STORE_HELP, input_errors, site, site_option, the_store


@click.command("report")
@click.argument("result_file", metavar="RESULT.json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="their language")
@click.option(
    "--out",
    "out_dir",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="the folder to write the documents into",
)
@click.option("--force", is_flag=True, help="replace files that already exist")
@click.option(
    "--templates",
    "templates_dir",
    metavar="DIR",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="templates that override the bundled ones by name (run sandboxed)",
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="number the documents in this store; " + STORE_HELP,
)
@click.option("--draft", is_flag=True, help="do not number the documents (nothing is written to a store)")
@site_option
def report_cmd(
    result_file: Path,
    lang: str,
    out_dir: Path,
    force: bool,
    templates_dir: Path | None,
    store_path: Path | None,
    draft: bool,
) -> None:
    """Render the documents a saved result calls for (``wasteval assess --format json``), as HTML and PDF.

    The result alone is enough: it carries who the discharger is and what was judged, so a
    result saved years ago renders without its discharger file. A JSON that is not a wasteval
    result exits 2 naming what is wrong (docs/reports.md)."""
    from ..assessment.saved import load_result
    from .assess_cmd import write_reports
    from .documents import document_control

    if draft and store_path is not None:
        raise click.UsageError("--draft and --store: a draft is not numbered in a store")
    with input_errors():
        result = load_result(result_file)
    control = document_control(site(), None if draft else the_store(store_path))
    write_reports(result, out_dir, lang=lang, force=force, templates=templates_dir, control=control)
