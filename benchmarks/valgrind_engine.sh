#!/usr/bin/env bash
# On demand: run the rule cases and the broken-rule fixtures through durable-rules under valgrind.
# durable-rules 2.0.28 has memory errors on some paths (delete_state of a session in which no rule
# fired; joins); wasteval's durable backend avoids them. This shows it: expect "ERROR SUMMARY: 0".
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)"; exit 1; }
cat > /tmp/wasteval_vg.py <<'PY'
from pathlib import Path
from wastewater_eval.engine import load_rules
from wastewater_eval.engine.check import check_rules
from wastewater_eval.engine.testing import run_cases
for f in sorted(Path("tests/fixtures/broken_rules").glob("*.yaml")):
    check_rules([f])
results, _ = run_cases(load_rules())
print(f"{sum(r.passed for r in results)}/{len(results)} cases passed")
PY
valgrind --error-exitcode=3 .venv/bin/python /tmp/wasteval_vg.py 2>&1 | grep -E "cases passed|ERROR SUMMARY"
