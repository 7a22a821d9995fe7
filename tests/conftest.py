from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CASES = Path(__file__).resolve().parent / "cases"


def have_standards() -> bool:
    return all((ROOT / "standards" / f).exists() for f in ("gb-t-31962-2015.yaml", "gb-3838-2002.yaml"))


needs_sewer_standard = pytest.mark.skipif(
    not have_standards(), reason="standards/gb-t-31962-2015.yaml or gb-3838-2002.yaml not yet encoded"
)
