"""The fixed inputs of the report tests: frozen assessment results (and the files they came from).

Results are frozen as JSON (``fixtures/*.assessment.json``, the ``to_dict()`` shape) so the
golden HTML tests rendering only: it does not move when rules or standards change until the
results are refreshed on purpose (``python -m tests.reports.refresh``). ``fixtures/README.md``
says how each was made. The documents are rendered from the result alone (its ``subject``
block), as a recorded or saved result is years later: the discharger file is only where the
refresh reads it from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wastewater_eval.assessment.result import Assessment
from wastewater_eval.reports.control import DocumentControl, DocumentKey, format_number

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"


@dataclass(frozen=True)
class Case:
    name: str
    result: str  # fixtures/<result>
    discharger: str  # relative to the repository root
    as_of: str
    kind: str = "assess"  # how the refresh makes it: assess, or a tracking run (tracking_fixture.py)
    prefix: str = ""  # of its golden files, where two cases' documents would have the same name
    kinds: frozenset[str] | None = None  # the documents its goldens show (default: all it calls for)


TRACKED, NOTICES = "tests/cases/tracking/plater.yaml", frozenset({"notice"})
CASES = (
    Case("example", "example.assessment.json", "examples/discharger.example.yaml", "2024-06-01"),  # a plater
    Case("reuse", "reuse.assessment.json", "tests/cases/clean_reuse.yaml", "2024-06-30"),
    Case(
        "prospective", "prospective.assessment.json", "tests/reports/fixtures/prospective.discharger.yaml", "2024-06-01"
    ),
    Case("plant", "plant.assessment.json", "tests/reports/fixtures/plant.discharger.yaml", "2024-06-01"),
    Case("food", "food.assessment.json", "tests/reports/fixtures/food.discharger.yaml", "2024-06-01"),
    Case("hospital", "hospital.assessment.json", "tests/reports/fixtures/hospital.discharger.yaml", "2024-06-01"),
    # two successive 第八条 notices of one tracking event (tracking_fixture.py)
    Case("notice-1", "tracking-1.assessment.json", TRACKED, "2024-05-23", "tracking", "first-", NOTICES),
    Case("notice-2", "tracking-2.assessment.json", TRACKED, "2024-05-30", "tracking", "second-", NOTICES),
)


@cache
def _frozen(result: str) -> str:
    return (FIXTURES / result).read_text(encoding="utf-8")


def load_case(case: Case) -> Assessment:
    """The case's frozen result (a fresh copy: tests may change it)."""
    return Assessment.from_dict(json.loads(_frozen(case.result)))


def _numbered(key: DocumentKey, pattern: str) -> str:
    """Numbers as a store would give the first document of its kind in its year."""
    return format_number(pattern, key.discharger, key.kind, int(key.as_of[:4]), 1)


# The document control of the golden documents: an invented operator and its signatories, as a
# site's wasteval.toml [operator] section gives them (test data).
CONTROL = DocumentControl(
    operator="广州示例水务运营有限公司",
    address="广州市黄埔区示例大道 100 号",
    telephone="020-8000 0000",
    compiled_by="张明",
    reviewed_by="李华",
    approved_by="王强",
    copies=("广州市水务局",),
    numberer=_numbered,
)
