from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = Path(__file__).resolve().parent / "cases"


def have_sewer_standard() -> bool:
    return (ROOT / "standards" / "gb-t-31962-2015.yaml").exists()


needs_sewer_standard = pytest.mark.skipif(
    not have_sewer_standard(), reason="standards/gb-t-31962-2015.yaml not yet encoded"
)
