from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..standards import Row
from .common import EXIT_FAIL, input_errors, library, standard_option


@click.group("standards")
def standards_group() -> None:
    """The encoded standards: list, show, check."""


@standards_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@standard_option
def list_cmd(fmt: str, standard_files: tuple[Path, ...]) -> None:
    """The standards with their item counts, and those cited but not yet encoded."""
    with input_errors():
        lib = library(standard_files)
    rows: list[dict[str, Any]] = [
        {
            "code": s.code,
            "title_zh": s.title_zh,
            "title_en": s.title_en,
            "status": "encoded",
            "tables": {t.number or t.id: len(t.rows) for t in s.tables},
        }
        for s in lib
    ]
    encoded = {r["code"] for r in rows}
    rows += [
        {"code": e["code"], "title_zh": e.get("title_zh", ""), "status": "pending", "note": e.get("note", "")}
        for e in lib.index
        if e["code"] not in encoded
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        if r["status"] == "encoded":
            counts = ", ".join(f"{k} {v} 项" for k, v in r["tables"].items())
            click.echo(f"{r['code']:<16} {r['title_zh']}  ({counts})")
        else:
            click.echo(f"{r['code']:<16} {r['title_zh']}  (pending: not encoded)")


def _limit_text(row: Row, column: str, conditions: dict[str, Any]) -> str:
    if row.comparison == "rule":
        return str(row.rule_text)
    lim = row.limit(column, conditions)
    if lim is None:
        return "—" if row.applies(conditions) else "（不适用）"
    return lim.describe()


@standards_group.command("show")
@click.argument("code")
@click.option("--grade", help="GB/T 31962 grade (A, B, C) or GB 18918 grade (一级A, 一级B, 二级, 三级)")
@click.option("--class", "class_", help="GB 3838 water class (I–V)")
@click.option("--water-body", type=click.Choice(["river", "lake_reservoir"]), default="river", show_default=True)
@click.option("--table", "table_id", help="only this table (e.g. table1)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@standard_option
def show_cmd(
    code: str,
    grade: str | None,
    class_: str | None,
    water_body: str,
    table_id: str | None,
    fmt: str,
    standard_files: tuple[Path, ...],
) -> None:
    """A standard's table(s), or one grade or class of them."""
    with input_errors():
        lib = library(standard_files)
        std = lib.require(code) if code in lib.known_codes else None
    if std is None:
        try:
            std = lib.get(code)
        except KeyError as exc:
            raise click.BadParameter(str(exc.args[0]), param_hint="CODE") from None
    column = grade or class_
    if column and column not in std.columns:
        raise click.BadParameter(
            f"{std.code} has no column {column!r}; it has {', '.join(std.columns)}",
            param_hint="--grade/--class",
        )
    conditions = {"water_body": water_body}
    out: list[dict[str, Any]] = []
    for t in std.tables:
        if table_id and t.id != table_id:
            continue
        cols = [column] if column and column in t.columns else list(t.columns)
        if column and column not in t.columns and "value" in t.columns:
            cols = ["value"]
        for r in t.rows:
            out.append(
                {
                    "table": t.number,
                    "item": r.item,
                    "name_zh": r.name_zh,
                    "name_en": r.name_en,
                    "parameter": r.parameter,
                    "unit": r.unit,
                    "comparison": r.comparison,
                    "limits": {c: _limit_text(r, c, conditions) for c in cols},
                    "note": r.note,
                }
            )
    if fmt == "json":
        click.echo(
            json.dumps(
                {"code": std.code, "title_zh": std.title_zh, "column": column, "rows": out},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"{std.code} 《{std.title_zh}》 {std.title_en}" + (f" — {column}" if column else ""))
    table = None
    for entry in out:
        if entry["table"] != table:
            table = entry["table"]
            click.echo(f"\n{table}")
        limits = "  ".join(f"{c}: {v}" for c, v in entry["limits"].items())
        click.echo(f"  {entry['item']:>3}  {entry['name_zh']:<20} {entry['unit']:<14} {limits}")


@standards_group.command("check")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
def check_cmd(folder: Path | None) -> None:
    """Validate every standard file: schema, unique items, units, parameters, ranges, positive limits."""
    from ..errors import InputError
    from ..standards import load_library

    try:
        lib = load_library(folder)
    except InputError as exc:
        for p in exc.problems:
            click.echo(f"{p}", err=True)
        click.echo(f"{len(exc.problems)} problem(s)", err=True)
        sys.exit(EXIT_FAIL)
    n = sum(len(t.rows) for s in lib for t in s.tables)
    click.echo(f"ok: {len(list(lib))} standards, {n} rows, {len(lib.catalogue)} parameters")
