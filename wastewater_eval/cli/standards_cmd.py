"""``wasteval standards``: the standards the tool applies, and the operator's way to verify them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .common import EXIT_FAIL, input_errors, library, site, site_option, standard_option

if TYPE_CHECKING:
    from ..standards import Row, Standard


@click.group("standards")
def standards_group() -> None:
    """The standards the tool applies: list, show, check, export, diff."""


def _status_text(s: Standard) -> str:
    if s.status == "verified" and s.verified is not None:
        v = s.verified
        return f"verified by {v.by} on {v.on.isoformat()} against {v.against}"
    if s.status == "provisional":
        return "provisional: not verified against the official text"
    return "encoded"


@standards_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@standard_option
@site_option
def list_cmd(fmt: str, standard_files: tuple[Path, ...]) -> None:
    """Every standard with its status (encoded, provisional, verified, pending) and item counts."""
    with input_errors():
        lib = library(standard_files)
    rows: list[dict[str, Any]] = [
        {
            "code": s.code,
            "title_zh": s.title_zh,
            "title_en": s.title_en,
            "status": s.status,
            **({"verified": s.verified.to_dict()} if s.verified else {}),
            "site": s.site,
            "file": s.path,
            "sha256": s.sha256,
            "tables": {t.number or t.id: len(t.rows) for t in s.tables},
        }
        for s in lib
    ]
    have = {r["code"] for r in rows}
    rows += [
        {"code": e["code"], "title_zh": e.get("title_zh", ""), "status": "pending", "note": e.get("note", "")}
        for e in lib.index
        if e["code"] not in have
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for s in lib:
        counts = ", ".join(f"{t.number or t.id} {len(t.rows)} 项" for t in s.tables)
        where = f"  [site: {s.path}]" if s.site else ""
        click.echo(f"{s.code:<16} {s.title_zh}  ({counts})  {_status_text(s)}{where}")
    for r in rows:
        if r["status"] == "pending":
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
@site_option
def show_cmd(
    code: str,
    grade: str | None,
    class_: str | None,
    water_body: str,
    table_id: str | None,
    fmt: str,
    standard_files: tuple[Path, ...],
) -> None:
    """A standard's table(s), or one grade or class of them (the site's own file where it has one)."""
    with input_errors():
        lib = library(standard_files)
        std = lib.require(code) if code in lib.known_codes else lib.find(code)
    if std is None:
        raise click.BadParameter(
            f"no standard {code!r}; known: {', '.join(sorted(lib.known_codes))}", param_hint="CODE"
        )
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
                    **({"doubtful": r.doubtful} if r.doubtful else {}),
                }
            )
    if fmt == "json":
        click.echo(
            json.dumps(
                {"code": std.code, "title_zh": std.title_zh, "column": column, **std.status_info(), "rows": out},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"{std.code} 《{std.title_zh}》 {std.title_en}" + (f" — {column}" if column else ""))
    click.echo(f"status: {_status_text(std)}" + (f" (site file {std.path})" if std.site else ""))
    table = None
    for entry in out:
        if entry["table"] != table:
            table = entry["table"]
            click.echo(f"\n{table}")
        limits = "  ".join(f"{c}: {v}" for c, v in entry["limits"].items())
        mark = "  (doubtful)" if entry.get("doubtful") else ""
        click.echo(f"  {entry['item']:>3}  {entry['name_zh']:<20} {entry['unit']:<14} {limits}{mark}")


@standards_group.command("check")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@site_option
def check_cmd(path: Path | None) -> None:
    """Validate standard files: a single file, a folder, or (by default) the bundled standards and the
    site's own. Exit 1 when a file has problems, each printed as file:line: field: message."""
    from ..errors import InputError, Problem
    from ..standards import load_library, parse_standard, site_standard_files
    from ..standards.parameters import load_catalogue

    problems: list[Problem] = []
    checked: list[Standard] = []
    try:
        if path is None or (path.is_dir() and (path / "index.yaml").exists()):
            lib = load_library(path, site=site().standards if path is None else None)
            checked = list(lib)
        else:
            catalogue = load_catalogue()
            files = site_standard_files(path) if path.is_dir() else [path]
            if not files:
                problems.append(Problem(_where(path), "no standard files (*.yaml) here"))
            seen: dict[str, str] = {}
            for f in files:
                s = parse_standard(f, catalogue, problems)
                if s is None:
                    continue
                if s.code in seen:
                    problems.append(Problem(_where(f, 1, "standard.code"), f"code {s.code!r} also in {seen[s.code]}"))
                seen[s.code] = str(f)
                checked.append(s)
    except InputError as exc:
        problems += exc.problems
    if problems:
        for p in problems:
            click.echo(f"{p}", err=True)
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(EXIT_FAIL)
    n = sum(len(t.rows) for s in checked for t in s.tables)
    click.echo(f"ok: {len(checked)} standards, {n} rows")
    for s in checked:
        if s.status != "encoded":
            click.echo(f"  {s.code}: {_status_text(s)}")


def _where(path: Path, line: int = 0, fieldname: str = "") -> Any:
    from ..errors import Location

    return Location(str(path), line, fieldname)


@standards_group.command("export")
@click.argument("code")
def export_cmd(code: str) -> None:
    """Print the bundled file of a standard, for the site's standards folder:

    wasteval standards export "GB/T 31962-2015" > site/standards/gb-t-31962-2015.yaml"""
    from ..standards import bundled_library

    with input_errors():
        std = bundled_library().find(code)
    if std is None:
        raise click.BadParameter(f"no bundled standard {code!r}", param_hint="CODE")
    sys.stdout.buffer.write(Path(std.path).read_bytes())


@standards_group.command("diff")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def diff_cmd(file: Path, fmt: str) -> None:
    """Where FILE differs from the bundled standard of the same code, row by row."""
    from ..errors import InputError, Problem
    from ..standards import bundled_library, parse_standard
    from ..standards.compare import compare

    problems: list[Problem] = []
    with input_errors():
        lib = bundled_library()
        other = parse_standard(file, lib.catalogue, problems)
        if other is None:
            raise InputError(problems)
        bundled = lib.find(other.code)
        if bundled is None:
            raise InputError.at(str(file), 1, "standard.code", f"no bundled standard {other.code!r} to compare with")
    diffs = compare(bundled, other)
    if fmt == "json":
        data = {
            "code": other.code,
            "file": {"path": str(file), **other.status_info()},
            "bundled": {"path": bundled.path, **bundled.status_info()},
            "differences": [d.to_dict() for d in diffs],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{other.code}: {file} ({_status_text(other)}) against the bundled file ({_status_text(bundled)})")
    for d in diffs:
        click.echo(f"  {d}")
    click.echo(f"{len(diffs)} difference(s)")
