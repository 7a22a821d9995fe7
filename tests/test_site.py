"""A site's own tables win: the operator verifies or corrects a bundled standard once, for every command.

The site here changes one value of GB/T 31962-2015 表1 (总镍, every grade: 1 → 0.3 mg/L) and signs
the file as verified. ``assess``, ``track run``, the documents and ``standards show`` then use it
and say who verified it; ``standards diff`` shows the one change.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wastewater_eval.cli import main
from wastewater_eval.errors import InputError
from wastewater_eval.site import NO_SITE, find_site, resolve_store, user_store

from .conftest import CASES, EXAMPLES

NICKEL = '      - {item: 27, name_zh: "总镍"'
VERIFIED = "verified: {by: 张工/水质科, on: 2026-12-01, against: 中国标准出版社 2015 年版}\n"


def export(runner: CliRunner) -> str:
    r = runner.invoke(main, ["standards", "export", "GB/T 31962-2015"])
    assert r.exit_code == 0
    return r.stdout


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder: wasteval.toml, its standards folder with the corrected and verified table."""
    root = tmp_path / "site"
    (root / "standards").mkdir(parents=True)
    text = export(CliRunner())
    lines = text.splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if line.startswith(NICKEL))
    assert "limits: {A: 1, B: 1, C: 1}" in lines[i]
    lines[i] = lines[i].replace("limits: {A: 1, B: 1, C: 1}", "limits: {A: 0.3, B: 0.3, C: 0.3}")
    text = (
        "".join(lines)
        .replace("  status: provisional\n", "")
        .replace("\ngrade_selection:", "\n" + VERIFIED + "grade_selection:")
    )
    (root / "standards" / "gb-t-31962-2015.yaml").write_text(text, encoding="utf-8")
    (root / "wasteval.toml").write_text('standards = "standards"\nstore = "wasteval.sqlite"\n', encoding="utf-8")
    return root


def test_export_writes_the_bundled_file_unchanged(tmp_path: Path) -> None:
    from wastewater_eval.standards import bundled_library

    r = CliRunner().invoke(main, ["standards", "export", "GB/T 31962-2015"])
    assert r.stdout_bytes == Path(bundled_library().require("GB/T 31962-2015").path).read_bytes()


def test_diff_shows_the_one_change(site: Path) -> None:
    r = CliRunner().invoke(main, ["standards", "diff", str(site / "standards" / "gb-t-31962-2015.yaml")])
    assert r.exit_code == 0, r.output
    assert "表1 第27项 总镍: limits A 1, B 1, C 1 → A 0.3, B 0.3, C 0.3" in r.stdout
    assert "1 difference(s)" in r.stdout
    assert "verified by 张工/水质科 on 2026-12-01" in r.stdout
    j = CliRunner().invoke(
        main, ["standards", "diff", str(site / "standards" / "gb-t-31962-2015.yaml"), "--format", "json"]
    )
    data = json.loads(j.stdout)
    assert [(d["item"], d["field"], d["kind"]) for d in data["differences"]] == [("27", "limits", "changed")]
    assert data["file"]["status"] == "verified" and data["bundled"]["status"] == "provisional"


def test_diff_lists_items_missing_and_added(tmp_path: Path) -> None:
    text = export(CliRunner())
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("      - {item: 46,")]
    lines.append(
        '      - {item: 47, name_zh: "苯", name_en: "Benzene", parameter: benzene, unit: "mg/L", '
        "comparison: max, limits: {A: 0.1, B: 0.1, C: 0.1}}\n"
    )
    f = tmp_path / "x.yaml"
    f.write_text("".join(lines), encoding="utf-8")
    r = CliRunner().invoke(main, ["standards", "diff", str(f)])
    assert "表1 第46项 五氯酚: missing" in r.stdout and "表1 第47项 苯: added" in r.stdout


def test_assess_uses_the_site_table_and_says_who_verified_it(site: Path, tmp_path: Path) -> None:
    example = str(EXAMPLES / "discharger.example.yaml")
    r = CliRunner().invoke(main, ["--site", str(site), "assess", example, "--as-of", "2024-06-01", "--format", "json"])
    assert r.exit_code == 0, r.output
    a = json.loads(r.stdout)
    assert a["standard"]["status"] == "verified" and a["standard"]["site"] is True
    assert a["standard"]["verified"] == {"by": "张工/水质科", "on": "2026-12-01", "against": "中国标准出版社 2015 年版"}
    assert "provisional_standard" not in [w["code"] for w in a["warnings"]]
    nickel = [f for f in a["findings"] if f["parameter"] == "total_nickel" and f["sample"] == "2023-03-02-A"]
    assert (nickel[0]["limit"], nickel[0]["status"]) == (0.3, "exceeds")
    # the site's store, not one beside the input; the text output says where the record went
    r = CliRunner().invoke(
        main, ["assess", example, "--as-of", "2024-06-01", "--site", str(site)], env={"WASTEVAL_STORE": ""}
    )
    assert r.exit_code == 0, r.output
    assert "已由张工/水质科于2026-12-01对照中国标准出版社 2015 年版核对" in r.stdout.splitlines()[2]
    assert f"in {site.resolve() / 'wasteval.sqlite'}" in r.stdout
    assert not (EXAMPLES / "wasteval.sqlite").exists() and not (EXAMPLES / "wasteval-tracking.sqlite").exists()


def test_the_documents_say_who_verified_it_on_the_first_page(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    example = str(EXAMPLES / "discharger.example.yaml")
    r = CliRunner().invoke(
        main, ["--site", str(site), "assess", example, "--as-of", "2024-06-01", "--report", str(out), "--lang", "en"]
    )
    assert r.exit_code == 0, r.output
    html = (out / "GZ-HP-2023-0042-report.en.html").read_text(encoding="utf-8")
    assert "were verified against 中国标准出版社 2015 年版 by 张工/水质科 on 2026-12-01" in html
    assert "provisional" not in html.split("<h1>")[1].split("</h1>")[0]
    from pypdf import PdfReader

    first = PdfReader(out / "GZ-HP-2023-0042-report.en.pdf").pages[0].extract_text()
    assert "verified against" in first and "张工/水质科" in first


def test_track_run_uses_the_site_table(site: Path, tmp_path: Path) -> None:
    """Nickel 0.4 mg/L every hour: within the bundled 1 mg/L, over the site's 0.3 from the first day,
    so the third consecutive exceeding day (3 May) sends the notices."""
    lines = ["设备编号,监测时间,监测项目,监测值,单位"]
    for d in range(1, 6):
        lines += [f"88888880000001,2024-05-{d:02d} {h:02d}:00:00,总镍,0.4,mg/L" for h in range(24)]
    csv = tmp_path / "nickel.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner(env={"WASTEVAL_STORE": ""})
    r = runner.invoke(main, ["--site", str(site), "track", "import", str(csv), "--basis", "online"])
    assert r.exit_code == 0, r.output
    plater = str(CASES / "tracking" / "plater.yaml")
    r = runner.invoke(
        main,
        ["--site", str(site), "track", "run", "--dischargers", plater, "--as-of", "2024-05-03", "--format", "json"],
    )
    assert r.exit_code == 0, r.output
    (t,) = json.loads(r.stdout)["dischargers"]
    assert t["standard"]["status"] == "verified"
    assert {n["recipient"] for n in t["new_notices"] if n["code"] == "untreatable"} == {
        "district_water_authority",
        "ecology_environment_bureau",
    }
    other = str(tmp_path / "bundled.sqlite")  # the same data against the bundled table: no notice
    assert CliRunner().invoke(main, ["track", "import", str(csv), "--basis", "online", "--store", other]).exit_code == 0
    r = CliRunner().invoke(
        main, ["track", "run", "--dischargers", plater, "--as-of", "2024-05-03", "--store", other, "--format", "json"]
    )
    (t,) = json.loads(r.stdout)["dischargers"]
    assert t["standard"]["status"] == "provisional"
    assert [n for n in t["new_notices"] if n["code"] == "untreatable"] == []


def test_standards_show_and_list_use_the_site_table(site: Path) -> None:
    r = CliRunner().invoke(main, ["--site", str(site), "standards", "show", "GB/T 31962-2015", "--grade", "B"])
    assert r.exit_code == 0, r.output
    assert "status: verified by 张工/水质科" in r.stdout
    assert next(line for line in r.stdout.splitlines() if "总镍" in line).endswith("B: ≤0.3")
    r = CliRunner().invoke(main, ["standards", "list", "--site", str(site)])
    assert "verified by 张工/水质科 on 2026-12-01" in r.stdout and "[site:" in r.stdout


def test_the_site_is_found_the_way_users_expect(site: Path, tmp_path: Path) -> None:
    deep = site / "dischargers" / "2024"
    deep.mkdir(parents=True)
    assert find_site(env={}, cwd=deep).path == (site / "wasteval.toml").resolve()
    assert find_site(env={"WASTEVAL_SITE": str(site)}, cwd=tmp_path).standards == (site / "standards").resolve()
    assert find_site(env={}, cwd=tmp_path) == NO_SITE
    with pytest.raises(InputError, match=r"no wasteval\.toml"):
        find_site(tmp_path, env={})
    s = find_site(site, env={})
    assert resolve_store(None, s, env={}) == (site / "wasteval.sqlite").resolve()
    assert resolve_store(None, s, env={"WASTEVAL_STORE": "/x/y.sqlite"}) == Path("/x/y.sqlite")
    assert resolve_store(tmp_path / "z", s, env={}) == tmp_path / "z"
    assert (
        resolve_store(None, NO_SITE, env={"XDG_DATA_HOME": str(tmp_path)}) == tmp_path / "wasteval" / "wasteval.sqlite"
    )
    assert user_store({"XDG_DATA_HOME": "/d"}) == Path("/d/wasteval/wasteval.sqlite")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('standard = "standards"\n', "1: standard: unknown setting"),
        ('standards = "nowhere"\n', "1: standards: 'nowhere': no such folder"),
        ("standards = 3\n", "1: standards: expected the path of a folder"),
        ('store = "x.sqlite"\nplants = [1]\n', "2: plants: expected the path of a file"),
        ("standards = \n", "not valid TOML"),
    ],
)
def test_a_bad_site_file_is_exit_2_with_its_line(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "wasteval.toml").write_text(toml, encoding="utf-8")
    r = CliRunner().invoke(main, ["--site", str(tmp_path), "standards", "list"])
    assert r.exit_code == 2
    assert message in r.output and "Traceback" not in r.output


def test_no_store_is_written_beside_the_input(tmp_path: Path) -> None:
    d = tmp_path / "d.yaml"
    d.write_bytes((EXAMPLES / "discharger.example.yaml").read_bytes())
    data = tmp_path / "xdg"
    r = CliRunner(env={"WASTEVAL_STORE": "", "XDG_DATA_HOME": str(data)}).invoke(
        main, ["assess", str(d), "--as-of", str(dt.date(2024, 6, 1))]
    )
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.yaml", "xdg"]
    assert (data / "wasteval" / "wasteval.sqlite").exists()
    assert f"recorded as #1 in {data / 'wasteval' / 'wasteval.sqlite'}" in r.stdout
