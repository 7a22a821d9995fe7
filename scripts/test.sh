#!/usr/bin/env bash
# Everything CI checks: lint, types, the data checks on our own standards and rules, the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH="$PWD/.venv/bin:$PATH"
ruff check wastewater_eval tests benchmarks
ruff format --check wastewater_eval tests benchmarks
mypy
wasteval standards check
wasteval rules check
wasteval rules docs --check
wasteval rules test
pytest "$@"
