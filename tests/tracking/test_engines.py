"""DuckDB and Spark give identical statistics and identical notices on the same generated data.

The data has what makes the statistics hard: hourly online readings (daily means, flagged and
not valid ones), lab samples with equal values at one time and interleaved with others on a day,
non-detects above and below the limit, "at least" values, runs that break and restart. Spark runs
as a local session (pyspark and a Java runtime: scripts/install.sh installs both for CI).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest

from wastewater_eval.inputs.discharger import load_discharger
from wastewater_eval.standards import bundled_library
from wastewater_eval.standards.profiles import bundled_knowledge
from wastewater_eval.tracking import import_files, open_store
from wastewater_eval.tracking.evaluate import TrackingParams, tracking_statistics
from wastewater_eval.tracking.run import track_run

from ..conftest import CASES

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

LIB = bundled_library()
PLATER = CASES / "tracking" / "plater.yaml"
MN = "88888880000001"
ID = "GZ-HP-2024-0801"


def generated(tmp_path: Path, seed: int = 11) -> Path:
    rng = random.Random(seed)
    online = ["设备编号,监测时间,监测项目,监测值,单位,数据标记"]
    day = dt.date(2024, 4, 1)
    while day <= dt.date(2024, 5, 31):
        # runs of exceeding days that break and restart, and one long run in mid-May
        high = day.day % 9 in (3, 4, 5, 6) or (day.month == 5 and 10 <= day.day <= 20)
        for hour in range(24):
            value = round(rng.uniform(0.9, 1.8) if high else rng.uniform(0.1, 1.05), 3)
            flag = "M" if rng.random() < 0.03 else "N"
            online.append(f"{MN},{day} {hour:02d}:00:00,总镍,{value},mg/L,{flag}")
            online.append(f"{MN},{day} {hour:02d}:00:00,COD,{round(rng.uniform(200, 900), 1)},mg/L,N")
        day += dt.timedelta(days=1)
    (tmp_path / "online.csv").write_text("\n".join(online) + "\n", encoding="utf-8")
    lab = ["排水户编号,采样时间,监测项目,监测值,单位,采样点"]
    choices = ["1.5", "1.5", "0.2", "<0.05", "<5", ">1", ">=1", "2.0", "0.8", "ND(0.01 mg/L)"]
    for d in range(1, 31):
        for t in ("08:00", "08:00", "13:00", "17:30")[: rng.randint(1, 4)]:  # equal times: separate samples
            point = rng.choice(["总排口", "车间排放口"]) if d > 20 else "车间排放口"
            lab.append(f"{ID},2024-05-{d:02d} {t},总镍,{rng.choice(choices)},mg/L,{point}")
    (tmp_path / "lab.csv").write_text("\n".join(lab) + "\n", encoding="utf-8")
    store = tmp_path / "s.sqlite"
    import_files(store, [tmp_path / "online.csv"], LIB.catalogue, basis="online")
    import_files(store, [tmp_path / "lab.csv"], LIB.catalogue)
    return store


def test_duckdb_and_spark_compute_identical_statistics_and_notices(tmp_path: Path) -> None:
    store = generated(tmp_path)
    d = load_discharger(PLATER, LIB.catalogue)
    knowledge = bundled_knowledge(LIB.catalogue)
    got = {}
    for engine in ("duckdb", "spark"):
        with open_store(store) as s:
            got[engine] = tracking_statistics(s, [d], LIB, dt.date(2024, 5, 31), TrackingParams(), knowledge, engine)
    duck, spark = got["duckdb"], got["spark"]
    assert duck.facts == spark.facts
    assert duck.runs == spark.runs
    facts = {(f["parameter"], f["point"]): f for f in duck.facts[ID]}
    nickel = facts[("total_nickel", "final_outlet")]
    assert nickel["n_exceed"] > 0 and nickel["n_inconclusive"] > 0  # the data has both
    assert ("total_nickel", "workshop_outlet") in facts

    notices = {}
    for engine in ("duckdb", "spark"):
        copy = tmp_path / f"{engine}.sqlite"
        shutil.copy(store, copy)
        shutil.copytree(store.with_name(store.name + ".readings"), copy.with_name(copy.name + ".readings"))
        days = [dt.date(2024, 5, day) for day in (5, 12, 16, 24, 31)]
        issued = []
        for day in days:
            (t,) = track_run(copy, [PLATER], as_of=day, library=LIB, record=False, stats_engine=engine).dischargers
            issued += [(day, n.code, n.recipient, n.event, n.number, n.previous, n.details) for n in t.new_notices]
        notices[engine] = issued
    assert notices["duckdb"] == notices["spark"]
    assert any(code == "untreatable" for _, code, *_ in notices["duckdb"])
