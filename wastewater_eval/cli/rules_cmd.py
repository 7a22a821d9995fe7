from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .common import EXIT_FAIL, input_errors

_FORMATS = ["text", "json", "junit", "sarif", "github"]


@click.group("rules")
def rules_group() -> None:
    """The rule files: check them, test them, document them."""


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


@rules_group.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    default=None,
    help="output format (default: text, or github annotations under GitHub Actions)",
)
def check_cmd(paths: tuple[Path, ...], fmt: str | None) -> None:
    """Validate rule files: schema, names, units, unique ids, contradictions, examples, compilation."""
    from ..engine.check import check_rules
    from ..engine.report import format_problems

    problems, count = check_rules(list(paths))
    out = format_problems(problems, fmt or _default_format(), tool="wasteval rules check")
    if out:
        click.echo(out, err=(fmt or _default_format()) == "text" and bool(problems))
    if problems:
        if (fmt or _default_format()) == "text":
            click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(EXIT_FAIL)
    if (fmt or _default_format()) == "text":
        click.echo(f"ok: {count} rules")


@rules_group.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def test_cmd(paths: tuple[Path, ...], fmt: str) -> None:
    """Run the test cases beside each rule file (both engines), and report rules no case fires."""
    from ..engine import load_rules
    from ..engine.testing import coverage, run_cases

    with input_errors():
        ruleset = load_rules(list(paths) or None)
    results, problems = run_cases(ruleset)
    uncovered = coverage(ruleset, results)
    failed = [r for r in results if not r.passed]
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "cases": [
                        {"name": r.name, "file": r.path, "line": r.line, "passed": r.passed, "diff": r.diff}
                        for r in results
                    ],
                    "problems": [p.to_dict() for p in problems],
                    "not_fired": [r.id for r in uncovered],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for r in results:
            mark = click.style("PASS", fg="green") if r.passed else click.style("FAIL", fg="red")
            click.echo(f"{mark} {r.path}:{r.line} {r.name}")
            for d in r.diff:
                click.echo("    " + d.replace("\n", "\n    "))
        for p in problems:
            click.echo(f"error: {p}", err=True)
        for rule in uncovered:
            click.echo(f"not fired by any case: {rule.id} ({rule.location})", err=True)
        click.echo(
            f"{len(results) - len(failed)} passed, {len(failed)} failed; "
            f"{len(ruleset) - len(uncovered)}/{len(ruleset)} rules fired"
        )
    if failed or problems or uncovered:
        sys.exit(EXIT_FAIL)


@rules_group.command("docs")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs"),
    show_default=True,
)
@click.option("--check", is_flag=True, help="exit 1 if the generated catalogue differs from the files (for CI)")
def docs_cmd(out_dir: Path, check: bool) -> None:
    """Generate the rule catalogue (docs/rules.md and docs/rules.html), grouped by clause."""
    from ..engine import load_rules
    from ..engine.docs import catalogue_html, catalogue_markdown

    with input_errors():
        ruleset = load_rules()
    outputs = {
        out_dir / "rules.md": catalogue_markdown(ruleset),
        out_dir / "rules.html": catalogue_html(ruleset),
    }
    stale = [p for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if check:
        for p in stale:
            click.echo(f"stale: {p} (run `wasteval rules docs`)", err=True)
        sys.exit(EXIT_FAIL if stale else 0)
    out_dir.mkdir(parents=True, exist_ok=True)
    for p, text in outputs.items():
        tmp = p.with_suffix(p.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(p)
        click.echo(f"wrote {p}")


@rules_group.command("explain")
@click.argument("rule_id")
def explain_cmd(rule_id: str) -> None:
    """What a rule does, the clause it enforces, and its examples."""
    from ..engine import load_rules
    from ..engine.docs import explain

    with input_errors():
        ruleset = load_rules()
    try:
        rule = ruleset.get(rule_id)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="RULE_ID") from None
    click.echo(explain(rule))


@rules_group.command("facts")
def facts_cmd() -> None:
    """The fact types rules can match, with their fields and types."""
    from ..engine.facts import FACT_TYPES, fields_of

    click.echo(json.dumps({t: fields_of(t) for t in FACT_TYPES}, indent=2))
