from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from .common import (
    input_errors,
    library,
    plants_option,
    site,
    site_option,
    standard_option,
    store_option,
    the_plants,
    the_store,
)


@click.group("track")
def track_group() -> None:
    """Dynamic tracking (第八条): import monitoring data, evaluate it, issue notices once."""


@track_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_option
@site_option
@click.option("--discharger", help="discharger id for table files without a discharger column")
@click.option(
    "--basis",
    type=click.Choice(["lab", "online"]),
    default="lab",
    show_default=True,
    help="for table rows without a basis column",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def import_cmd(files: tuple[Path, ...], store_path: Path | None, discharger: str | None, basis: str, fmt: str) -> None:
    """Import CSV, Excel (.xlsx) and HJ 212 packet logs into the store (atomic, idempotent)."""
    from ..tracking import import_files

    store_path = the_store(store_path)
    with input_errors():
        catalogue = library().catalogue
        progress = _Progress() if sys.stderr.isatty() else None
        try:
            report = import_files(
                store_path, list(files), catalogue, progress=progress, discharger=discharger, basis=basis
            )
        finally:
            if progress is not None:
                progress.close()
    data = report.to_dict()
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{store_path}: {data['files_imported']} file(s) imported, {data['files_already_imported']} "
        f"already imported; {data['read']} readings read, {data['accepted']} stored, "
        f"{data['duplicates']} duplicates, {data['invalid_flagged']} flagged not valid"
    )
    for reason, n in data["rejected"].items():
        click.echo(f"  rejected ({reason}): {n}")


class _Progress:
    """A progress bar on stderr (a terminal only), per file, with the readings read so far and per second."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, p: Any) -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=p.file_count,
                label="importing",
                file=sys.stderr,
                show_pos=True,
            )
            self.bar.__enter__()
        rate = f", {p.total_readings / p.seconds:,.0f} readings/s" if p.seconds > 0 else ""
        self.bar.label = f"{p.path.name}: {p.readings:,} readings{rate}"
        if p.finished:
            self.bar.update(1)
        else:
            self.bar.render_progress()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@track_group.command("run")
@click.option(
    "--dischargers",
    "discharger_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="discharger files or folders of them (default: the site configuration's dischargers folder)",
)
@store_option
@site_option
@click.option("--as-of", "as_of", metavar="DATE", help="evaluate as of this day (default: today)")
@click.option(
    "--report",
    "report_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="write each new notice (HTML and PDF) into DIR/<as-of>/",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--engine",
    "stats_engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="where the statistics run: DuckDB in this process, or Spark (pip install 'wasteval[spark]')",
)
@click.option(
    "--spark-conf",
    multiple=True,
    metavar="KEY=VALUE",
    help="a Spark setting, e.g. spark.master=spark://host:7077 (default: a local session)",
)
@click.option(
    "--deadline-days",
    type=click.IntRange(0, 3650),
    default=30,
    show_default=True,
    help="days the discharger is given to apply for its permits to be adjusted (0: no date)",
)
@standard_option
@plants_option
def run_cmd(
    discharger_paths: tuple[Path, ...],
    store_path: Path | None,
    as_of: str | None,
    report_dir: Path | None,
    lang: str,
    fmt: str,
    stats_engine: str,
    spark_conf: tuple[str, ...],
    deadline_days: int,
    standard_files: tuple[Path, ...],
    plants_file: Path | None,
) -> None:
    """Evaluate every discharger on its stored data; record and write new 第八条 notices once."""
    from ..tracking.run import track_run

    store_path = the_store(store_path)
    if not discharger_paths:
        folder = site().dischargers
        if folder is None:
            raise click.UsageError(
                "--dischargers: give discharger files or folders (or set dischargers in wasteval.toml)"
            )
        discharger_paths = (folder,)
    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD", param_hint="--as-of") from None
    conf = {}
    for item in spark_conf:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise click.BadParameter(f"{item!r}: expected KEY=VALUE", param_hint="--spark-conf")
        conf[key.strip()] = value.strip()
    bar = _RunProgress() if sys.stderr.isatty() else None
    with input_errors():
        try:
            result = track_run(
                store_path,
                list(discharger_paths),
                as_of=day,
                library=library(standard_files),
                report_dir=report_dir,
                lang=lang,
                plants=the_plants(plants_file),
                stats_engine=stats_engine,
                spark_conf=conf,
                deadline_days=deadline_days,
                progress=bar,
            )
        finally:
            if bar is not None:
                bar.close()
    failed = [t for t in result.dischargers if t.error is not None]
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_run(result)
    for t in failed:
        click.echo(f"error: {t.discharger.path}: {t.discharger.id} could not be evaluated: {t.error}", err=True)
    if failed:
        sys.exit(2)


class _RunProgress:
    """Dischargers judged so far, on stderr (a terminal only)."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="judging", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _print_run(result: Any) -> None:
    for t in result.dischargers:
        if t.error is not None:
            continue
        c = t.assessment.conclusions
        click.echo(
            f"{t.discharger.id} {t.discharger.name}: treatable={c['effectively_treatable'].value} "
            f"may_affect_effluent={c['may_affect_effluent'].value}"
        )
        for f in t.assessment.findings:
            if f.subject == "tracking_stat":
                click.echo(f"  {f.status}: {f.reason}  [{f.rule}]")
        for n in t.new_notices:
            after = f", after {n.previous}" if n.previous else ""
            line = f"  NEW NOTICE {n.number} → {n.recipient} ({n.article}{after}): {n.reason}"
            click.echo(click.style(line, fg="red"))
        for path in t.documents:
            click.echo(f"  wrote {path}", err=True)


@track_group.command("status")
@click.argument("discharger_id", required=False)
@store_option
@site_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def status_cmd(discharger_id: str | None, store_path: Path | None, fmt: str) -> None:
    """What the store holds, and the notices issued (for one discharger, or all)."""
    from ..tracking import open_store

    store_path = the_store(store_path)
    if not store_path.exists():
        raise click.BadParameter(f"no store at {store_path}", param_hint="--store")
    with input_errors(), open_store(store_path) as store:
        counts = store.counts()
        notices = store.notices(discharger_id)
        readings = store.reading_summary(discharger_id)
    data: dict[str, Any] = {
        "store": str(store_path),
        "counts": counts,
        "readings": [
            {"discharger": r[0], "readings": r[1], "invalid": r[2], "from": r[3], "to": r[4]} for r in readings
        ],
        "notices": [
            {
                "discharger": n.discharger_id,
                "event": n.event_key,
                "created": n.created,
                "number": n.number,
                "recipient": n.recipient,
                "previous": n.previous,
                "documents": list(n.document_paths),
            }
            for n in notices
        ],
    }
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{store_path}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for r in data["readings"]:
        click.echo(f"  {r['discharger']}: {r['readings']} readings ({r['invalid']} not valid), {r['from']} – {r['to']}")
    for n in data["notices"]:
        number = f" {n['number']}" if n["number"] else ""
        click.echo(f"  notice{number} {n['discharger']} {n['event']} at {n['created']}")


@track_group.command("migrate")
@store_option
@site_option
def migrate_cmd(store_path: Path | None) -> None:
    """Migrate a store of an earlier wasteval (readings inside SQLite) to Parquet partitions, in place."""
    from ..tracking.migrate import migrate_store

    store_path = the_store(store_path)
    with input_errors():
        moved = migrate_store(store_path)
    if moved:
        click.echo(f"{store_path}: migrated, {moved} readings moved to {store_path.name}.readings/")
    else:
        click.echo(f"{store_path}: already at the current version")
