"""The command line: every command has help; exit codes are a contract."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from wastewater_eval.cli import main

from .conftest import EXAMPLES, ROOT


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out += all_commands(cmd, (*prefix, name))
    return out


@pytest.mark.parametrize("path", all_commands(main))
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    cmd: click.Command = main
    for name in path:
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[name]
    assert cmd.help or cmd.short_help


def test_schema_is_json() -> None:
    result = CliRunner().invoke(main, ["schema", "discharger"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "wasteval discharger file"


def test_bad_input_exits_2_naming_file_line_field(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: wasteval/discharger/v1\ndischarger: {id: x}\nreceiving: {}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["assess", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2: discharger" in result.output


def test_missing_file_exits_2() -> None:
    result = CliRunner().invoke(main, ["assess", "/nonexistent.yaml"])
    assert result.exit_code == 2


def test_rules_check_passes_on_bundled_rules() -> None:
    result = CliRunner().invoke(main, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok:")


def test_rules_test_passes_with_full_coverage() -> None:
    result = CliRunner().invoke(main, ["rules", "test"])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output


def test_rules_explain() -> None:
    result = CliRunner().invoke(main, ["rules", "explain", "LIM-010"])
    assert result.exit_code == 0 and "GB/T 31962-2015 表1" in result.output
    result = CliRunner().invoke(main, ["rules", "explain", "LIM-01"])
    assert result.exit_code == 2 and "did you mean" in result.output


@pytest.mark.parametrize("fmt", ["json", "junit", "sarif", "github"])
def test_rules_check_formats_on_a_broken_file(tmp_path, fmt: str) -> None:
    f = tmp_path / "r.yaml"
    f.write_text(
        "rules:\n  - id: X-1\n    title: t\n    clause: 办法第四条\n    description: d\n"
        "    when: {fact: measurement, all: [{value: {above: 3}}]}\n    then: {warn: {}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["rules", "check", str(f), "--format", fmt])
    assert result.exit_code == 1
    assert "above" in result.output


def test_assess_example_text_and_json() -> None:
    ex = str(EXAMPLES / "discharger.example.yaml")
    result = CliRunner().invoke(main, ["assess", ex, "--as-of", "2024-06-01"])
    assert result.exit_code == 0, result.output
    assert "广州示例电镀有限公司" in result.output
    result = CliRunner().invoke(main, ["assess", ex, "--as-of", "2024-06-01", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["schema"] == "wasteval/assessment/v1"
    assert data["conclusions"]["report_to_district"] is True


def test_fail_on_report_exits_1() -> None:
    ex = str(EXAMPLES / "discharger.example.yaml")
    result = CliRunner().invoke(main, ["assess", ex, "--as-of", "2024-06-01", "--fail-on", "report"])
    assert result.exit_code == 1


def test_bad_as_of_is_a_usage_error() -> None:
    ex = str(EXAMPLES / "discharger.example.yaml")
    result = CliRunner().invoke(main, ["assess", ex, "--as-of", "June"])
    assert result.exit_code == 2


def test_a_pending_standard_is_never_judged_without(tmp_path: Path) -> None:
    """A cited standard with no table (index status pending) is refused, never judged without."""
    import shutil

    from wastewater_eval.assessment.assess import assess_file
    from wastewater_eval.errors import MissingStandardError
    from wastewater_eval.standards import load_library

    folder = tmp_path / "standards"
    shutil.copytree(ROOT / "standards", folder)
    (folder / "gb-t-31962-2015.yaml").unlink()
    index = (folder / "index.yaml").read_text(encoding="utf-8")
    (folder / "index.yaml").write_text(index.replace("status: provisional", "status: pending"), encoding="utf-8")
    lib = load_library(folder)
    with pytest.raises(MissingStandardError, match="GB/T 31962-2015 is not encoded"):
        assess_file(EXAMPLES / "discharger.example.yaml", library=lib)


def test_standards_list_shows_pending_standards() -> None:
    result = CliRunner().invoke(main, ["standards", "list", "--format", "json"])
    rows = {r["code"]: r["status"] for r in json.loads(result.output)}
    assert rows["GB 18918-2002"] == "encoded" and "GB/T 31962-2015" in rows
