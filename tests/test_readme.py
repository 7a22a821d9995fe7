"""The README's usage block runs as typed: every ``wasteval`` line, in order, in a fresh folder."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from wastewater_eval.cli import main

from .conftest import ROOT


def usage_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Using it", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.startswith("wasteval ")]


def test_the_usage_block_names_the_main_commands() -> None:
    names = {c.split()[1] for c in usage_commands()}
    assert {"assess", "standards", "history", "track", "rules", "plants", "schema", "profiles"} <= names


def test_every_usage_line_runs_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    for command in usage_commands():
        redirect = None
        if " > " in command:
            command, redirect = (part.strip() for part in command.split(" > "))
        args = shlex.split(command)[1:]
        r = CliRunner().invoke(main, args)
        assert r.exit_code == 0, f"{command}: exit {r.exit_code}\n{r.output}"
        if redirect:
            Path(redirect).write_bytes(r.stdout_bytes)
    assert "GZ-HP-2023-0042-report.en.pdf" in {p.name for p in (tmp_path / "out").iterdir()}
