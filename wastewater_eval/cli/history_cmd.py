from __future__ import annotations

import json
from pathlib import Path

import click

from .common import STORE_HELP, input_errors, library, site, site_option, the_store


@click.command("history")
@click.argument("discharger_id", required=False)
@click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="the store the assessments were recorded in; " + STORE_HELP,
)
@click.option(
    "--report",
    "report_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="with --record: render that record's documents into DIR, from the store alone",
)
@click.option("--record", "record_id", type=int, help="one record, by its number")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@site_option
def history_cmd(
    discharger_id: str | None,
    store_path: Path | None,
    report_dir: Path | None,
    record_id: int | None,
    lang: str,
    fmt: str,
) -> None:
    """The recorded assessments (of one discharger, or all), and re-rendering one of them."""
    from ..assessment.result import ADVERSE
    from ..tracking.audit import history, recorded_result

    store_path = the_store(store_path)
    if not store_path.exists():
        raise click.BadParameter(f"no store at {store_path}", param_hint="--store")
    with input_errors():
        records = history(store_path, discharger_id)
        if record_id is not None:
            records = [r for r in records if r.id == record_id]
            if not records:
                raise click.BadParameter(f"no record {record_id}", param_hint="--record")
            if report_dir is not None:
                from ..reports import render_documents, write_documents
                from .documents import document_control

                a = recorded_result(store_path, record_id, library().catalogue)  # the result alone
                docs = render_documents(a, lang=lang, control=document_control(site(), store_path))
                for p in write_documents(docs, report_dir):
                    click.echo(f"wrote {p}", err=True)
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2))
        return
    for r in records:
        c = r.summary["conclusions"]
        adverse = [k for k, v in c.items() if v is not None and k in ADVERSE and v == ADVERSE[k]]
        click.echo(
            f"#{r.id} {r.recorded_at} {r.discharger_id} {r.kind} as of {r.as_of} "
            f"input {r.input_sha256[:12]} rules {r.rules} standards {r.standards} "
            f"engine {r.engine}: {', '.join(adverse) or 'nothing adverse'}"
        )
