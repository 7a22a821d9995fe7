from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Timings vary on shared CI machines (first calls load code tables, openpyxl, pint): properties
# are about results, not speed, so no per-example deadline.
settings.register_profile("wasteval", deadline=None)
settings.load_profile("wasteval")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = Path(__file__).resolve().parent / "cases"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _store_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Assessments are recorded in a store; in tests it lives in a temporary folder, never in the repo."""
    monkeypatch.setenv("WASTEVAL_STORE", str(tmp_path_factory.getbasetemp() / "audit.sqlite"))
