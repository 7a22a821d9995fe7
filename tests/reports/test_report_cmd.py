"""``wasteval report RESULT.json`` renders any saved result from the result alone; documents are
numbered in the store (the same document of the same result keeps its number); the site's
``[operator]`` signs them; a recorded result re-renders without its input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner, Result

from wastewater_eval.cli import main

from ..conftest import EXAMPLES

EXAMPLE = str(EXAMPLES / "discharger.example.yaml")
REPORT = "GZ-HP-2023-0042-report.zh.html"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def saved(tmp_path: Path, as_of: str = "2024-06-01") -> Path:
    r = run("assess", EXAMPLE, "--as-of", as_of, "--format", "json", "--no-record")
    assert r.exit_code == 0, r.output
    path = tmp_path / f"result-{as_of}.json"
    path.write_text(r.stdout, encoding="utf-8")
    return path


def number_in(html: str) -> str:
    return html.split('class="doc-number">', 1)[1].split("<", 1)[0]


def test_a_saved_result_renders_its_documents_numbered_in_the_store(tmp_path: Path) -> None:
    result, store = saved(tmp_path), tmp_path / "s.sqlite"
    r = run("report", str(result), "--out", str(tmp_path / "a"), "--store", str(store))
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert REPORT in names and REPORT.replace(".html", ".pdf") in names
    first = number_in((tmp_path / "a" / REPORT).read_text(encoding="utf-8"))
    assert first == "编号：GZ-HP-2023-0042-评估-2024-001"
    # the same result again: the same number; another assessment of the discharger: the next one
    assert run("report", str(result), "--out", str(tmp_path / "b"), "--store", str(store)).exit_code == 0
    assert number_in((tmp_path / "b" / REPORT).read_text(encoding="utf-8")) == first
    later = saved(tmp_path, "2024-07-01")
    assert run("report", str(later), "--out", str(tmp_path / "c"), "--store", str(store)).exit_code == 0
    assert number_in((tmp_path / "c" / REPORT).read_text(encoding="utf-8")).endswith("-评估-2024-002")
    with sqlite3.connect(store) as conn:
        numbers = [row[0] for row in conn.execute("SELECT number FROM document_numbers ORDER BY number")]
    assert len(numbers) == len(set(numbers)) == 6  # report and two notices, for two results


def test_english_and_drafts(tmp_path: Path) -> None:
    r = run("report", str(saved(tmp_path)), "--out", str(tmp_path / "o"), "--lang", "en", "--draft")
    assert r.exit_code == 0, r.output
    html = (tmp_path / "o" / REPORT.replace(".zh.", ".en.")).read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "draft (not numbered" in html


def test_a_json_that_is_not_a_wasteval_result_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    cases = {
        "other.json": ('{"schema": "some/thing", "x": 1}', "schema: not a wasteval result (schema 'some/thing')"),
        "list.json": ("[1, 2]", "not a wasteval result: expected a JSON object"),
        "broken.json": ('{"schema": ', "broken.json:1: not JSON"),
    }
    doc = json.loads(saved(tmp_path).read_text(encoding="utf-8"))
    doc["findings"][0]["colour"] = "red"
    cases["bent.json"] = (json.dumps(doc, indent=2), "findings[0]: not a finding")
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        r = run("report", str(path), "--out", str(tmp_path / "out"), "--draft")
        assert r.exit_code == 2, (name, r.output)
        assert message in r.stderr and "Traceback" not in r.output
    assert not (tmp_path / "out").exists()


def test_the_site_operator_signs_and_a_bad_setting_is_refused_at_its_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    toml = site / "wasteval.toml"
    toml.write_text(
        '[operator]\nname = "广州某某水务有限公司"\ncompiled_by = "张工"\ncopies = ["广州市水务局"]\n'
        'number = "PG{year}-{seq:04d}"\n\n[rectification]\npretreat = 45\n',
        encoding="utf-8",
    )
    store = tmp_path / "s.sqlite"
    r = run("--site", str(site), "report", str(saved(tmp_path)), "--out", str(tmp_path / "o"), "--store", str(store))
    assert r.exit_code == 0, r.output
    html = (tmp_path / "o" / REPORT).read_text(encoding="utf-8")
    assert "广州某某水务有限公司" in html and "张工" in html and "抄送：广州市水务局" in html
    assert number_in(html) == "编号：PG2024-0001"
    assert "2024年7月16日" in html  # pretreat: 45 days from 2024-06-01, not the bundled 90
    toml.write_text('[operator]\nname = "x"\nseal = "y"\n\n[rectification]\nnot_a_kind = 3\n', encoding="utf-8")
    r = run("--site", str(site), "report", str(saved(tmp_path)), "--out", str(tmp_path / "p"), "--draft")
    assert r.exit_code == 2
    assert f"{toml}:3: operator.seal: unknown setting" in r.stderr
    assert f"{toml}:6: rectification.not_a_kind: unknown kind of recommendation" in r.stderr


def test_a_recorded_result_re_renders_from_the_result_alone(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    r = run("assess", EXAMPLE, "--as-of", "2024-06-01", "--store", str(store), "--report", str(tmp_path / "live"))
    assert r.exit_code == 0, r.output
    with sqlite3.connect(store) as conn:  # the stored input can no longer be parsed: it is not read
        conn.execute("UPDATE assessments SET input_text = 'not: [a discharger file'")
    r = run("history", "--store", str(store), "--record", "1", "--report", str(tmp_path / "again"))
    assert r.exit_code == 0, r.output
    live = (tmp_path / "live" / REPORT).read_text(encoding="utf-8")
    assert (tmp_path / "again" / REPORT).read_text(encoding="utf-8") == live
    assert number_in(live) == "编号：GZ-HP-2023-0042-评估-2024-001"
