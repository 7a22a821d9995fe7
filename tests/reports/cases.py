"""The fixed inputs of the report tests: frozen assessment results and their discharger files.

Results are frozen as JSON (``fixtures/*.assessment.json``, the ``to_dict()`` shape) so the
golden HTML tests rendering only: it does not move when rules or standards change, and it
does not need GB/T 31962-2015, still pending a verified copy. ``fixtures/README.md`` says how
each was made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from wastewater_eval.discharger import Discharger, load_discharger
from wastewater_eval.parameters import Catalogue, load_catalogue
from wastewater_eval.resources import data_dir
from wastewater_eval.result import Advice, Assessment, Conclusion, Finding, Notification

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
_KNOWN = {
    "schema", "discharger", "track", "as_of", "standard", "findings", "conclusions", "conclusion_basis",
    "recommendations", "notifications", "warnings", "engine", "provenance", "_about",
}  # fmt: skip


@dataclass(frozen=True)
class Case:
    name: str
    result: str  # fixtures/<result>
    discharger: str  # relative to the repository root


CASES = (
    Case("example", "example.assessment.json", "examples/discharger.example.yaml"),
    Case("reuse", "reuse.assessment.json", "tests/cases/clean_reuse.yaml"),
    Case("prospective", "prospective.assessment.json", "tests/reports/fixtures/prospective.discharger.yaml"),
)


def assessment_from_dict(doc: dict[str, Any]) -> Assessment:
    """The inverse of ``Assessment.to_dict()``; keys it does not know go to ``extra``."""
    basis = doc.get("conclusion_basis", {})
    return Assessment(
        discharger=doc["discharger"],
        track=doc["track"],
        as_of=doc["as_of"],
        standard=doc["standard"],
        findings=[Finding(**f) for f in doc["findings"]],
        conclusions={k: Conclusion(k, v, tuple(basis.get(k, ()))) for k, v in doc["conclusions"].items()},
        recommendations=[Advice(**r) for r in doc["recommendations"]],
        notifications=[Notification(**n) for n in doc["notifications"]],
        warnings=[Advice(**w) for w in doc["warnings"]],
        engine=doc["engine"],
        provenance=doc["provenance"],
        extra={k: v for k, v in doc.items() if k not in _KNOWN},
    )


@cache
def catalogue() -> Catalogue:
    return load_catalogue(data_dir("standards") / "parameters.yaml")


def load_case(case: Case) -> tuple[Assessment, Discharger]:
    doc = json.loads((FIXTURES / case.result).read_text(encoding="utf-8"))
    return assessment_from_dict(doc), load_discharger(ROOT / case.discharger, catalogue())
