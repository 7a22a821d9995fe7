"""The library never needs the command line: it imports and assesses with click unavailable."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

SCRIPT = """
import sys, datetime as dt
sys.modules["click"] = None  # any import of click now fails
from wastewater_eval.assessment.assess import assess_file
from wastewater_eval.tracking import open_store
from wastewater_eval.reports import plan_documents
a = assess_file("examples/discharger.example.yaml", as_of=dt.date(2024, 6, 1))
print(a.conclusions["report_to_district"].value)
"""


def test_the_core_does_not_import_the_cli() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"


def test_help_does_not_import_the_heavy_parts() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from wastewater_eval.cli import main; "
        "CliRunner().invoke(main, ['--help']); "
        "print(sorted(m for m in ('weasyprint', 'pint', 'openpyxl', 'durable_rules_engine', 'jsonschema') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
