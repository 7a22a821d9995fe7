"""The fixed inputs of the report tests: frozen assessment results and their discharger files.

Results are frozen as JSON (``fixtures/*.assessment.json``, the ``to_dict()`` shape) so the
golden HTML tests rendering only: it does not move when rules or standards change until the
results are refreshed on purpose (``python -m tests.reports.refresh``). ``fixtures/README.md``
says how each was made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wastewater_eval.assessment.result import Assessment
from wastewater_eval.inputs.discharger import Discharger, load_discharger
from wastewater_eval.resources import data_dir
from wastewater_eval.standards.parameters import Catalogue, load_catalogue

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"


@dataclass(frozen=True)
class Case:
    name: str
    result: str  # fixtures/<result>
    discharger: str  # relative to the repository root


CASES = (
    Case("example", "example.assessment.json", "examples/discharger.example.yaml"),
    Case("reuse", "reuse.assessment.json", "tests/cases/clean_reuse.yaml"),
    Case("prospective", "prospective.assessment.json", "tests/reports/fixtures/prospective.discharger.yaml"),
    Case("plant", "plant.assessment.json", "tests/cases/plant_local_limits.yaml"),
)


@cache
def catalogue() -> Catalogue:
    return load_catalogue(data_dir("standards") / "parameters.yaml")


def load_case(case: Case) -> tuple[Assessment, Discharger]:
    doc = json.loads((FIXTURES / case.result).read_text(encoding="utf-8"))
    return Assessment.from_dict(doc), load_discharger(ROOT / case.discharger, catalogue())
