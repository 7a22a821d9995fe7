"""The two engines agree, and durable-rules is kept inside its safe subset.

durable-rules is the production engine; the pure-Python evaluator is the oracle. Hypothesis
generates fact sets over the fields the bundled rules mention and both engines must draw
the same conclusions, findings and notices.
"""

from __future__ import annotations

import gc
import resource
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wastewater_eval.engine import available_engines, load_rules, run_rules
from wastewater_eval.engine.durable_backend import _to_json
from wastewater_eval.errors import EngineError

pytestmark = pytest.mark.skipif("durable-rules" not in available_engines(), reason="durable-rules not importable")

RULES = load_rules()

numbers = st.one_of(
    st.integers(-5, 1000),
    st.floats(0, 1000, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.00001, 0.5, 1, 45, 350, 500, 600]),
)
flags = st.booleans()


def measurement(i: int) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {
            "id": st.just(f"m{i}"),
            "type": st.just("measurement"),
            "has_unit": flags,
            "detected": flags,
            "std_kind": st.sampled_from(["max", "min", "range", "not_detectable", "none"]),
            "class1": flags,
            "heavy_metal": flags,
            "toxic": flags,
            "biodegradable": flags,
            "nutrient": flags,
            "conventional": flags,
            "physical": flags,
            "workshop_sampled": flags,
            "point": st.sampled_from(["final_outlet", "workshop_outlet"]),
        },
        optional={
            "value": numbers,
            "std_limit": numbers,
            "std_low": numbers,
            "std_high": numbers,
            "agr_id": st.just("A"),
            "agr_limit": numbers,
        },
    )


fact_sets = st.integers(1, 6).flatmap(lambda n: st.tuples(*(measurement(i) for i in range(n)))).map(list)


def outcome(run):
    return (
        sorted((str(e.fact["id"]), e.kind, e.rule.id, str(sorted(e.args.items(), key=str))) for e in run.effects),
        sorted(run.fired),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fact_sets, st.sampled_from(["existing", "prospective"]))
def test_engines_draw_identical_conclusions(facts, track) -> None:
    facts = [
        {"id": "a", "type": "assessment", "as_of": "2024-01-01", "within_measures": True, "track": track},
        *facts,
    ]
    py = run_rules(RULES, [dict(f) for f in facts], "python")
    dr = run_rules(RULES, [dict(f) for f in facts], "durable-rules")
    assert outcome(py) == outcome(dr)
    assert dr.engine == "durable-rules" and py.engine == "python"


def test_numbers_are_posted_without_exponents() -> None:
    assert _to_json({"v": 0.00001, "w": 1e20, "n": 3}) == '{"v":0.00001,"w":100000000000000000000.0,"n":3}'


def test_a_string_number_is_refused_before_it_reaches_the_engine() -> None:
    """durable-rules would compare "9" > 10 as strings; facts are type-checked first."""
    with pytest.raises(EngineError, match="expected number"):
        run_rules(RULES, [{"id": "m", "type": "measurement", "value": "9", "std_limit": 10}], "durable-rules")


def test_the_same_fact_twice_is_an_error_not_a_silent_skip() -> None:
    from wastewater_eval.engine.durable_backend import DurableSession

    s = DurableSession(RULES)
    try:
        s.matches(
            {
                "id": "x",
                "type": "assessment",
                "as_of": "2024-01-01",
                "within_measures": True,
                "track": "existing",
            }
        )
        with pytest.raises(EngineError):
            s.matches(
                {
                    "id": "x",
                    "type": "assessment",
                    "as_of": "2024-01-01",
                    "within_measures": True,
                    "track": "existing",
                }
            )
    finally:
        s.close()


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(EngineError, match="unknown field"):
        run_rules(RULES, [{"id": "m", "type": "measurement", "valeu": 3}], "durable-rules")


def test_sessions_do_not_share_facts() -> None:
    fact = {
        "id": "m",
        "type": "measurement",
        "has_unit": True,
        "std_kind": "max",
        "detected": True,
        "value": 2,
        "std_limit": 1,
    }
    first = run_rules(RULES, [dict(fact)], "durable-rules")
    second = run_rules(RULES, [dict(fact)], "durable-rules")
    assert outcome(first) == outcome(second) and first.fired


def test_a_fleet_of_assessments_does_not_grow_threads_or_memory() -> None:
    """Thousands of sessions in one process: over 1024 live sessions would raise MemoryError."""
    fact = {
        "id": "m",
        "type": "measurement",
        "has_unit": True,
        "std_kind": "max",
        "detected": True,
        "value": 2,
        "std_limit": 1,
        "class1": True,
        "heavy_metal": True,
        "toxic": False,
    }
    threads = threading.active_count()
    for _ in range(300):
        run_rules(RULES, [dict(fact)], "durable-rules")
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(3000):
        run_rules(RULES, [dict(fact)], "durable-rules")
    gc.collect()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert threading.active_count() == threads
    assert rss_after - rss_before < 50_000  # kB: no per-session growth
