"""The 第八条 statistics as a plant engineer would count by hand: each sample its own observation, in
time order; non-detects above the limit and "at least" values not over it are inconclusive, never
exceedances; and the notices they trigger carry their numbers and the event's details.

The plater's total nickel limit is 1 mg/L (GB/T 31962-2015 表1, as ``assess`` applies it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wastewater_eval.standards import bundled_library
from wastewater_eval.tracking import import_files
from wastewater_eval.tracking.run import track_run

from ..conftest import CASES
from .hand import hand_count

LIB = bundled_library()
PLATER = CASES / "tracking" / "plater.yaml"
ID = "GZ-HP-2024-0801"
BUREAU = "ecology_environment_bureau"


def lab_csv(path: Path, samples: list[tuple[str, str]]) -> Path:
    lines = ["排水户编号,采样时间,总镍(mg/L)"] + [f"{ID},{at},{value}" for at, value in samples]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def nickel(tmp_path: Path, samples: list[tuple[str, str]], as_of: dt.date) -> dict[str, object]:
    store = tmp_path / "s.sqlite"
    import_files(store, [lab_csv(tmp_path / f"lab-{len(list(tmp_path.iterdir()))}.csv", samples)], LIB.catalogue)
    (t,) = track_run(store, [PLATER], as_of=as_of, library=LIB, record=False).dischargers
    (fact,) = [f for f in t.assessment.findings if f.parameter == "total_nickel"] or [None]
    stats = {n.code for n in t.new_notices}
    from wastewater_eval.tracking import open_store
    from wastewater_eval.tracking.evaluate import TrackingParams, tracking_statistics

    with open_store(store) as s:
        from wastewater_eval.inputs.discharger import load_discharger
        from wastewater_eval.standards.profiles import bundled_knowledge

        d = load_discharger(PLATER, LIB.catalogue)
        facts = tracking_statistics(s, [d], LIB, as_of, TrackingParams(), bundled_knowledge(LIB.catalogue)).facts
    (stat,) = [f for f in facts[ID] if f["parameter"] == "total_nickel" and f["point"] == "final_outlet"]
    return {**stat, "notices": stats, "finding": fact}


def test_three_equal_samples_on_one_day_are_three_exceedances(tmp_path: Path) -> None:
    got = nickel(tmp_path, [("2024-05-10 08:00", "1.5"), ("2024-05-10 12:00", "1.5"), ("2024-05-10 16:00", "1.5")],
                 dt.date(2024, 5, 31))  # fmt: skip
    assert (got["n_obs"], got["n_exceed"], got["streak_days"]) == (3, 3, 3)
    assert "untreatable" in got["notices"]


def test_equal_samples_without_a_time_stay_separate(tmp_path: Path) -> None:
    got = nickel(tmp_path, [("2024-05-10", "1.5")] * 3, dt.date(2024, 5, 31))
    assert (got["n_obs"], got["n_exceed"], got["streak_days"]) == (3, 3, 3)


def test_order_within_a_day_is_time_not_value(tmp_path: Path) -> None:
    times = ["08:00", "09:00", "10:00", "11:00", "12:00"]
    values = ["1.5", "0.1", "1.6", "0.2", "1.7"]
    got = nickel(tmp_path, [(f"2024-05-10 {t}", v) for t, v in zip(times, values, strict=True)], dt.date(2024, 5, 31))
    assert (got["n_exceed"], got["streak_days"]) == (3, 1)
    assert "untreatable" not in got["notices"]


def test_a_non_detect_above_the_limit_is_inconclusive(tmp_path: Path) -> None:
    got = nickel(tmp_path, [(f"2024-05-1{d} 08:00", "<5") for d in range(5)], dt.date(2024, 5, 31))
    assert (got["n_exceed"], got["n_inconclusive"], got["streak_days"]) == (0, 5, 0)
    assert not {"untreatable", "effluent_risk"} & got["notices"]  # type: ignore[operator]


def test_at_least_values_exceed_only_when_the_bound_is_over_the_limit(tmp_path: Path) -> None:
    samples = [("2024-05-10 08:00", ">1"), ("2024-05-11 08:00", "≥1.2"), ("2024-05-12 08:00", ">=1"),
               ("2024-05-13 08:00", ">0.5")]  # fmt: skip
    got = nickel(tmp_path, samples, dt.date(2024, 5, 31))
    # >1: more than the limit; ≥1.2: at least 1.2; >=1 and >0.5 might be at or under it
    assert (got["n_exceed"], got["n_inconclusive"], got["streak_days"]) == (2, 2, 0)


# Property: the statistics equal a hand count over any sequence of samples
SAMPLE = st.sampled_from(["0.4", "1", "1.5", "<0.5", "<5", ">1", ">0.5", ">=1", "≥2", "未检出"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(SAMPLE, min_size=1, max_size=12))
def test_the_statistics_equal_a_hand_count(tmp_path_factory: object, values: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        # two samples an hour apart each day, interleaved: order is time, whatever the values
        samples = [(f"2024-05-{1 + i // 2:02d} {8 + 4 * (i % 2):02d}:00", v) for i, v in enumerate(values)]
        if all(v == "未检出" for v in values):
            return
        got = nickel(Path(d), samples, dt.date(2024, 5, 31))
        assert (got["n_exceed"], got["n_inconclusive"], got["streak_days"]) == hand_count(values)


def test_two_successive_notices_of_one_tracking_event(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    first = [(f"2024-05-{d:02d} 09:00", v) for d, v in ((1, "1.2"), (2, "1.4"), (3, "1.3"))]
    import_files(store, [lab_csv(tmp_path / "may-a.csv", first)], LIB.catalogue)
    run1 = track_run(store, [PLATER], as_of=dt.date(2024, 5, 3), library=LIB).dischargers[0]
    (bureau1,) = [
        n for n in run1.new_notices if n.code == "untreatable" and n.recipient == "ecology_environment_bureau"
    ]
    numbers = sorted(str(n.number) for n in run1.new_notices)
    assert numbers == [f"{ID}-告知-2024-001", f"{ID}-告知-2024-002"]  # one to each recipient
    assert bureau1.previous is None
    d1 = bureau1.details
    assert d1["statistic"]["count"] == 3 and d1["statistic"]["from"] == "2024-05-01 09:00:00"
    assert d1["statistic"]["to"] == "2024-05-03 09:00:00"
    assert [(v["at"], v["value"], v["unit"]) for v in d1["values"]] == [
        ("2024-05-01 09:00:00", 1.2, "mg/L"),
        ("2024-05-02 09:00:00", 1.4, "mg/L"),
        ("2024-05-03 09:00:00", 1.3, "mg/L"),
    ]
    assert d1["limit"] == 1.0 and "31962" in d1["limit_source"]
    assert d1["source"] == {"basis": "lab", "monitor": None, "files": [str(tmp_path / "may-a.csv")]}
    assert "排污许可证" in d1["required_action"]["zh"] and d1["deadline"] == "2024-06-02"
    assert d1["new_since_previous"] is False

    # recovery, then a new run: the next notice to the bureau cites the first and lists only new values
    second = [(f"2024-05-{d:02d} 09:00", v) for d, v in ((4, "0.3"), (5, "1.1"), (6, "1.6"), (7, "1.2"))]
    import_files(store, [lab_csv(tmp_path / "may-b.csv", second)], LIB.catalogue)
    run2 = track_run(store, [PLATER], as_of=dt.date(2024, 5, 7), library=LIB).dischargers[0]
    (bureau2,) = [
        n for n in run2.new_notices if n.code == "untreatable" and n.recipient == "ecology_environment_bureau"
    ]
    assert bureau2.previous == bureau1.number
    assert bureau2.number in (f"{ID}-告知-2024-003", f"{ID}-告知-2024-004")
    assert bureau2.details["new_since_previous"] is True
    assert [v["at"] for v in bureau2.details["values"]] == [
        "2024-05-05 09:00:00",
        "2024-05-06 09:00:00",
        "2024-05-07 09:00:00",
    ]
    assert bureau2.details["source"]["files"] == [str(tmp_path / "may-b.csv")]
    # the numbers are in the catalogue, and the recorded result carries them
    from wastewater_eval.tracking import open_store

    with open_store(store) as s:
        numbers = [n.number for n in s.notices(ID) if n.event_key.startswith("untreatable:")]
        assert bureau1.number in numbers and bureau2.number in numbers
    from wastewater_eval.tracking.audit import history

    last = history(store, ID)[-1]
    assert last.kind == "tracking"


def test_one_discharger_failing_loses_none_of_the_others(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    from wastewater_eval.tracking import run as run_module

    store = tmp_path / "s.sqlite"
    import_files(
        store, [lab_csv(tmp_path / "a.csv", [(f"2024-05-0{d} 09:00", "1.5") for d in (1, 2, 3)])], LIB.catalogue
    )
    other = tmp_path / "other.yaml"
    other.write_text(PLATER.read_text(encoding="utf-8").replace(ID, "GZ-HP-2024-0999"), encoding="utf-8")
    real = run_module.assess

    def flaky(d: object, **kw: object) -> object:
        if getattr(d, "id", "") == "GZ-HP-2024-0999":
            raise RuntimeError("a rule could not be evaluated")
        return real(d, **kw)  # type: ignore[arg-type]

    mp = pytest.MonkeyPatch()
    mp.setattr(run_module, "assess", flaky)
    try:
        result = track_run(store, [other, PLATER], as_of=dt.date(2024, 5, 3), library=LIB)
    finally:
        mp.undo()
    by_id = {t.discharger.id: t for t in result.dischargers}
    assert by_id["GZ-HP-2024-0999"].error == "RuntimeError: a rule could not be evaluated"
    assert {n.code for n in by_id[ID].new_notices} == {"untreatable"}
    from wastewater_eval.tracking import open_store
    from wastewater_eval.tracking.audit import history

    with open_store(store) as s:
        assert len(s.notices(ID)) == 2 and s.notices("GZ-HP-2024-0999") == []
    assert [h.discharger_id for h in history(store)] == [ID]  # the failed one wrote nothing
    assert result.to_dict()["dischargers"][0] == {
        "discharger": {"id": "GZ-HP-2024-0999", "name": "广州示例跟踪电镀厂"},
        "error": "RuntimeError: a rule could not be evaluated",
    }


LOAD_CAPPED = """\
schema: wasteval/discharger/v1
discharger:
  id: GZ-HP-2024-0802
  name: 广州示例食品厂
  district: 黄埔区
  industry: other
  status: existing
  monitors: ["MNFOOD0000001"]
  flow: {average: 100 m³/d}
receiving:
  plant: {name: 示例净水厂, treatment_level: secondary}
samples:
  - {id: s, taken: 2024-04-01T09:00, values: {化学需氧量: 300 mg/L}}
agreements:
  - id: DCL-2024-010
    signed: 2024-01-01
    valid_until: 2024-12-31
    limits:
      化学需氧量: 800 mg/L
    max_load:
      化学需氧量: 60 kg/d
"""


def test_daily_loads_from_the_flow_meter_against_the_agreed_cap(tmp_path: Path) -> None:
    """Hand count: 600 mg/L × (1.5 L/s × 86.4 = 129.6 m³/d) ÷ 1000 = 77.76 kg/d > 60 kg/d on 3 May;
    on 2 May 600 mg/L × 0.5 L/s → 25.92 kg/d; on 1 May no flow reading: the declared 100 m³/d
    gives 400 mg/L × 100 ÷ 1000 = 40 kg/d."""
    from wastewater_eval.tracking import build_packet

    packets = []
    for day, cod, flow in (("01", "400", None), ("02", "600", "0.5"), ("03", "600", "1.5")):
        for hour in range(24):
            cp = f"DataTime=202405{day}{hour:02d}0000;w01018-Avg={cod},w01018-Flag=N"
            if flow is not None:
                cp += f";w00000-Avg={flow},w00000-Flag=N"
            packets.append(build_packet(f"ST=32;CN=2061;PW=1;MN=MNFOOD0000001;Flag=5;CP=&&{cp}&&"))
    log = tmp_path / "food.log"
    log.write_text("".join(packets), newline="")
    store = tmp_path / "s.sqlite"
    import_files(store, [log], LIB.catalogue)
    yaml = tmp_path / "food.yaml"
    yaml.write_text(LOAD_CAPPED, encoding="utf-8")
    (t,) = track_run(store, [yaml], as_of=dt.date(2024, 5, 3), library=LIB, record=False).dischargers
    (load,) = [f for f in t.assessment.findings if f.subject == "load"]
    assert (load.rule, load.status, load.value, load.limit) == ("AGR-020", "exceeds", 77.76, 60.0)
    assert load.sample == "2024-05-03 (日均值, 实测流量)" and "DCL-2024-010" in (load.limit_source or "")
