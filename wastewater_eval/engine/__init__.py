"""The rules engine: a closed rule language loaded from ``rules/*.yaml`` and run on facts.

Two interchangeable back ends run the same compiled rules: durable-rules (the production
engine) and a small pure-Python evaluator (the test oracle, and the fallback where
durable-rules cannot be imported). Rules match one fact each; chaining happens by
asserting derived facts (findings, conclusions), never by joins.
"""

from .facts import FACT_TYPES
from .language import Rule, RuleSet
from .parser import bundled_rules, load_rules
from .runner import Effect, EngineRun, available_engines, run_rules

__all__ = [
    "FACT_TYPES",
    "Effect",
    "EngineRun",
    "Rule",
    "RuleSet",
    "available_engines",
    "bundled_rules",
    "load_rules",
    "run_rules",
]
