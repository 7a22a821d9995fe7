"""``wasteval assess FILE --report DIR``: the documents the result calls for, written safely."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from wastewater_eval.cli import main

from ..conftest import EXAMPLES

EXAMPLE = str(EXAMPLES / "discharger.example.yaml")
ZH = [
    "GZ-HP-2023-0042-notice-district-water-authority.zh.html",
    "GZ-HP-2023-0042-notice-district-water-authority.zh.pdf",
    "GZ-HP-2023-0042-notice-ecology-environment-bureau.zh.html",
    "GZ-HP-2023-0042-notice-ecology-environment-bureau.zh.pdf",
    "GZ-HP-2023-0042-report.zh.html",
    "GZ-HP-2023-0042-report.zh.pdf",
]


def assess(*args: str) -> Result:
    return CliRunner().invoke(main, ["assess", EXAMPLE, "--as-of", "2024-06-01", *args])


def test_report_writes_what_the_result_calls_for(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = assess("--report", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ZH
    assert f"wrote {out / ZH[0]}" in result.stderr
    assert (out / "GZ-HP-2023-0042-report.zh.pdf").read_bytes().startswith(b"%PDF-")
    html = (out / "GZ-HP-2023-0042-report.zh.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "总镍" in html


def test_existing_files_are_not_overwritten_without_force(tmp_path: Path) -> None:
    assert assess("--report", str(tmp_path)).exit_code == 0
    report = tmp_path / "GZ-HP-2023-0042-report.zh.html"
    report.write_text("edited by hand", encoding="utf-8")
    again = assess("--report", str(tmp_path))
    assert again.exit_code == 2
    assert "will not overwrite" in again.stderr and "--force" in again.stderr
    assert report.read_text(encoding="utf-8") == "edited by hand"
    forced = assess("--report", str(tmp_path), "--force")
    assert forced.exit_code == 0
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ZH  # no temporary file left behind


def test_english_documents_and_json_on_stdout(tmp_path: Path) -> None:
    result = assess("--report", str(tmp_path), "--lang", "en", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["discharger"]["id"] == "GZ-HP-2023-0042"
    assert sorted(p.name for p in tmp_path.iterdir()) == [n.replace(".zh.", ".en.") for n in ZH]


def test_user_templates(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "notice.zh.html").write_text(
        '{% extends "base.html" %}{% block body %}<p>本单位格式：{{ discharger.name }}</p>{% endblock %}',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = assess("--report", str(out), "--templates", str(templates))
    assert result.exit_code == 0, result.output
    notice = (out / "GZ-HP-2023-0042-notice-ecology-environment-bureau.zh.html").read_text(encoding="utf-8")
    assert "本单位格式：广州示例电镀有限公司" in notice


def test_a_broken_user_template_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.zh.html").write_text("{{ no_such_field }}", encoding="utf-8")
    out = tmp_path / "out"
    result = assess("--report", str(out), "--templates", str(templates))
    assert result.exit_code == 2
    assert "report.zh.html" in result.stderr and "no_such_field" in result.stderr
    assert not out.exists()


def test_report_options_need_report() -> None:
    for args in (["--lang", "en"], ["--force"], ["--templates", "."]):
        result = assess(*args)
        assert result.exit_code == 2
        assert f"{args[0]}: only with --report DIR" in result.output
