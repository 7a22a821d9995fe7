"""One standards registry (issue 14, item 2): a new general standard is one YAML file and one index
line — no code. The fixture is 7 rows of DB 44/26-2001 表4 三级 (read from the official text, see its
header); a plant's BOD5 at 320 mg/L complies with GB/T 31962 grade B (350) and exceeds it (300)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from wastewater_eval.assessment.assess import assess_text
from wastewater_eval.standards import load_library

from .conftest import FIXTURES, ROOT

FILE = FIXTURES / "standards" / "db-44-26-2001.yaml"
INDEX_LINE = "  - {code: DB 44/26-2001, title_zh: 水污染物排放限值, file: db-44-26-2001.yaml, status: encoded}\n"

DISCHARGER = """\
schema: wasteval/discharger/v1
discharger: {id: T-1, name: 示例食品厂, district: 白云区, industry: other, status: existing, eia_approved: 2010-05-01}
receiving:
  plant: {name: 示例净水厂, treatment_level: secondary}
samples:
  - {id: S1, taken: 2024-05-01T09:00, point: 总排口, values: {五日生化需氧量: 320 mg/L, 化学需氧量: 480 mg/L}}
"""


def _standards_with_the_new_file(tmp_path: Path) -> Path:
    folder = tmp_path / "standards"
    shutil.copytree(ROOT / "standards", folder)
    shutil.copy(FILE, folder / FILE.name)
    with (folder / "index.yaml").open("a", encoding="utf-8") as index:
        index.write(INDEX_LINE)
    return folder


def test_a_new_general_standard_is_one_file_and_one_index_line(tmp_path: Path) -> None:
    folder = _standards_with_the_new_file(tmp_path)
    changed = {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()} - {
        p.relative_to(ROOT / "standards") for p in (ROOT / "standards").rglob("*") if p.is_file()
    }
    assert changed == {Path(FILE.name)}  # one new file (and the index line appended above)
    lib = load_library(folder)
    assert "DB 44/26-2001" in lib.known_codes  # `wasteval rules check` now accepts a clause citing it

    a = assess_text(DISCHARGER, "t.yaml", as_of=dt.date(2024, 6, 1), library=lib, engine="python")
    bod = next(f for f in a.findings if f.parameter == "bod5" and f.subject == "measurement")
    assert (bod.status, bod.limit, bod.limit_source) == ("exceeds", 300, "DB 44/26-2001 表4 第4项 三级")
    assert "DB 44/26-2001" in {s["code"] for s in a.standards_applied}


def test_without_the_new_file_the_same_plant_complies(tmp_path: Path) -> None:
    a = assess_text(DISCHARGER, "t.yaml", as_of=dt.date(2024, 6, 1), engine="python")
    bod = next(f for f in a.findings if f.parameter == "bod5" and f.subject == "measurement")
    assert (bod.status, bod.limit) == ("complies", 350)
