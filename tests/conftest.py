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
# GB/T 31962-2015 is cited but not encoded (no verified copy: standards/index.yaml); the logic is
# tested against a clearly labelled stand-in, used only where the real file is absent.
SEWER_FIXTURE = FIXTURES / "gb-t-31962-2015.fixture.yaml"
SEWER_EXTRA = [] if (ROOT / "standards" / "gb-t-31962-2015.yaml").exists() else [SEWER_FIXTURE]
STANDARD_ARGS = [a for f in SEWER_EXTRA for a in ("--standard", str(f))]


def have_standards() -> bool:
    return (ROOT / "standards" / "gb-3838-2002.yaml").exists()


needs_surface_standard = pytest.mark.skipif(not have_standards(), reason="standards/gb-3838-2002.yaml not yet encoded")


@pytest.fixture(autouse=True)
def _store_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Assessments are recorded in a store; in tests it lives in a temporary folder, never in the repo."""
    monkeypatch.setenv("WASTEVAL_STORE", str(tmp_path_factory.getbasetemp() / "audit.sqlite"))
