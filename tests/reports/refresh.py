"""Refresh the frozen results of the report tests from real runs, on purpose:

    python -m tests.reports.refresh && python -m tests.reports.regenerate

Each case of ``cases.CASES`` is assessed (python engine, its fixed as-of date, the bundled
rules and standards) and written back to ``fixtures/`` with an ``_about`` saying how. Review
the diff of the results and then of the goldens: together they are what a reader will see change.
"""

from __future__ import annotations

import datetime as dt
import json
import os

from wastewater_eval.assessment.assess import assess_file

from .cases import CASES, FIXTURES, ROOT
from .tracking_fixture import tracking_results


def main() -> None:
    os.chdir(ROOT)  # provenance keeps the input path as given: relative to the repository
    tracked = tracking_results()
    for case in CASES:
        path = FIXTURES / case.result
        if case.kind == "tracking":
            a = tracked[case.as_of]
            about = (
                f"Frozen tracking result (track_run, python engine) on {case.discharger} as of {a.as_of}, its "
                "第八条 notices numbered and detailed by hand in the shape of contract 1 "
                "(tests/reports/tracking_fixture.py); refreshed by `python -m tests.reports.refresh`."
            )
        else:
            a = assess_file(case.discharger, as_of=dt.date.fromisoformat(case.as_of), engine="python")
            about = (
                f"Frozen result of `assess` (python engine) on {case.discharger} as of {a.as_of}, with the "
                "bundled rules and standards; refreshed by `python -m tests.reports.refresh`."
            )
        data = {"_about": about, **a.to_dict()}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
