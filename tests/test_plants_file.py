"""The plants file: each plant described once, named by discharger files, and kept with every record."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from wastewater_eval.assessment.assess import assess_file
from wastewater_eval.cli import main
from wastewater_eval.errors import InputError
from wastewater_eval.inputs.discharger import load_discharger
from wastewater_eval.inputs.plants import load_plants, parse_plants
from wastewater_eval.reports import render_documents
from wastewater_eval.standards import bundled_library
from wastewater_eval.tracking.audit import record, recorded
from wastewater_eval.tracking.store import open_store

from .conftest import EXAMPLES

LIB = bundled_library()
CAT = LIB.catalogue
PLANTS = EXAMPLES / "plants.yaml"
NAMED = EXAMPLES / "discharger.named-plant.yaml"


def copy_examples(tmp_path: Path, plants: bool = True) -> Path:
    target = tmp_path / "discharger.yaml"
    target.write_bytes(NAMED.read_bytes())
    if plants:
        (tmp_path / "plants.yaml").write_bytes(PLANTS.read_bytes())
    return target


def errors(text: str) -> list[tuple[int, str, str]]:
    with pytest.raises(InputError) as e:
        parse_plants(text, "plants.yaml", CAT)
    return [(p.location.line, p.location.field, p.message) for p in e.value.problems]


def test_the_example_plants_file_is_read_as_it_stands() -> None:
    plants = load_plants(PLANTS, CAT)
    (plant,) = plants.plants.values()
    assert plant.name == "示例净水厂" and plant.effluent_surface_class == "IV"
    assert plant.origin == "plants.yaml, plants[0]"
    assert plant.sludge is not None and plant.sludge.dry_mass == 16000
    assert len(plants.sha256) == 64


def test_a_named_plant_is_taken_from_plants_yaml_beside_the_file(tmp_path: Path) -> None:
    a = assess_file(copy_examples(tmp_path), as_of=dt.date(2024, 6, 1), library=LIB)
    section = a.extra["plant"]
    assert section["plant"]["name"] == "示例净水厂"
    cu = section["parameters"]["total_copper"]
    assert cu["removal"]["source"] == "plants.yaml, plants[0].removal: 80 % (line 32)"
    assert a.provenance["plants"].endswith("plants.yaml") and len(a.provenance["plants_sha256"]) == 64


def test_without_a_plants_file_a_named_plant_is_an_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        load_discharger(copy_examples(tmp_path, plants=False), CAT)
    (p,) = e.value.problems
    assert (p.location.line, p.location.field) == (19, "receiving.plant")
    assert "names the plant '示例净水厂': give the plants file" in p.message


def test_an_unknown_plant_name_lists_the_known_ones(tmp_path: Path) -> None:
    path = copy_examples(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("plant: 示例净水厂", "plant: 别的厂"), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_discharger(path, CAT)
    (p,) = e.value.problems
    assert p.location.line == 19 and "no plant named '别的厂'" in p.message and "示例净水厂" in p.message


def test_a_plant_described_in_the_file_never_reads_the_plants_file(tmp_path: Path) -> None:
    (tmp_path / "plants.yaml").write_text("not: [a plants file", encoding="utf-8")
    described = tmp_path / "d.yaml"
    described.write_bytes((EXAMPLES / "discharger.example.yaml").read_bytes())
    assert load_discharger(described, CAT).plants_file is None


def test_plants_file_mistakes_name_file_line_and_field() -> None:
    text = PLANTS.read_text(encoding="utf-8")
    assert errors(text.replace("    safety_factor: 10 %", "    safety_factor: 10 %\n    colour: blue")) == [
        (6, "plants[0]", "unknown field: 'colour' was unexpected")
    ]
    assert errors(text.replace("      总镍: 35 %", "      总镍: 135 %")) == [
        (33, "plants[0].removal.总镍", "'135 %' is outside 0 to 1 (0 % to 100 %)")
    ]
    twice = text + text[text.index("  - name: 示例净水厂") :]
    assert errors(twice)[0][2] == "plant '示例净水厂' repeated (first at line 6)"
    assert errors("schema: wasteval/plants/v1\nplants: []\n")[0][1] == "plants"


def test_the_cli_takes_a_plants_file_and_the_record_keeps_it(tmp_path: Path) -> None:
    path = copy_examples(tmp_path, plants=False)
    elsewhere = tmp_path / "ops" / "all-plants.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(PLANTS.read_bytes())
    store = tmp_path / "s.sqlite"
    args = ["assess", str(path), "--as-of", "2024-06-01", "--store", str(store), "--format", "json"]
    r = CliRunner().invoke(main, [*args, "--plants", str(elsewhere)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["plant"]["plant"]["name"] == "示例净水厂"
    (plants_path,) = sqlite3.connect(store).execute("SELECT plants_path FROM assessments").fetchone()
    assert plants_path == str(elsewhere)
    r = CliRunner().invoke(main, [*args])
    assert r.exit_code == 2 and "discharger.yaml:19" in r.output and "give the plants file" in r.output


def test_a_record_with_a_named_plant_renders_again_from_the_store_alone(tmp_path: Path) -> None:
    path = copy_examples(tmp_path)
    d = load_discharger(path, CAT)
    a = assess_file(path, as_of=dt.date(2024, 6, 1), library=LIB)
    store = tmp_path / "s.sqlite"
    number = record(store, a, path.read_text(encoding="utf-8"), plants=d.plants_file)
    path.unlink()
    (tmp_path / "plants.yaml").unlink()
    again, d2 = recorded(store, number, CAT)
    live = {doc.plan.stem: doc.html for doc in render_documents(a, d, pdf=False)}
    replay = {doc.plan.stem: doc.html for doc in render_documents(again, d2, pdf=False)}
    assert live == replay and live


def test_an_older_store_gains_the_plants_columns(tmp_path: Path) -> None:
    store = tmp_path / "old.sqlite"
    with open_store(store):
        pass  # a tracking store, as an earlier version made it
    with sqlite3.connect(store) as conn:
        conn.execute("DROP TABLE IF EXISTS assessments")
        conn.execute(
            "CREATE TABLE assessments (id INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, discharger_id TEXT NOT NULL,"
            " kind TEXT NOT NULL, as_of TEXT NOT NULL, input_path TEXT NOT NULL, input_sha256 TEXT NOT NULL,"
            " input_text TEXT NOT NULL, tool_version TEXT NOT NULL, rules TEXT NOT NULL, standards TEXT NOT NULL,"
            " engine TEXT NOT NULL, result TEXT NOT NULL)"
        )
    a = assess_file(EXAMPLES / "discharger.example.yaml", as_of=dt.date(2024, 6, 1), library=LIB)
    number = record(store, a, (EXAMPLES / "discharger.example.yaml").read_text(encoding="utf-8"))
    again, _ = recorded(store, number, CAT)
    assert again.to_dict() == a.to_dict()


def test_track_run_skips_the_plants_file_in_a_folder(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    store = tmp_path / "t.sqlite"
    r = CliRunner().invoke(
        main,
        [
            "track",
            "run",
            "--dischargers",
            str(tmp_path),
            "--store",
            str(store),
            "--as-of",
            "2024-06-01",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "GZ-HP-2023-0043" in r.output


def test_plants_check_builds_every_plant_model(tmp_path: Path) -> None:
    ok = CliRunner().invoke(main, ["plants", "check", str(PLANTS)])
    assert ok.exit_code == 0 and "ok: 1 plant(s) in 1 file(s)" in ok.output
    bad = tmp_path / "plants.yaml"
    bad.write_text(PLANTS.read_text(encoding="utf-8").replace("一级A", "一级C"), encoding="utf-8")
    r = CliRunner().invoke(main, ["plants", "check", str(bad)])
    assert r.exit_code == 1
    assert f"{bad}:6: plants[0]: 示例净水厂: plant model: effluent_standard = 'GB 18918-2002 一级C'" in r.output
    broken = tmp_path / "broken.yaml"
    broken.write_text(PLANTS.read_text(encoding="utf-8").replace("safety_factor: 10 %", "safety_factor: 110 %"))
    r = CliRunner().invoke(main, ["plants", "check", str(broken), str(PLANTS)])
    assert r.exit_code == 1 and f"{broken}:14: plants[0].safety_factor" in r.output
