#!/usr/bin/env bash
# Set up wasteval on a fresh machine and run the main job on the bundled example.
#   bash scripts/install.sh            # venv in .venv, dev tools included
# Installs system packages for PDF reports when run as root (apt), then the package.
set -euo pipefail
cd "$(dirname "$0")/.."

# durable-rules 2.0.28 builds on Python 3.11 and 3.12 (not 3.13): pick one of those.
PY=""
for cand in python3.12 python3.11 /root/.pyenv/versions/3.12.*/bin/python3.12 /root/.pyenv/versions/3.11.*/bin/python3.11 python3; do
  for p in $cand; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 12) else 1)' 2>/dev/null; then
      PY=$p; break 2
    fi
  done
done
[ -n "$PY" ] || { echo "need Python 3.11 or 3.12" >&2; exit 1; }

if [ -f scripts/system-packages.txt ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=$(grep -v '^#' scripts/system-packages.txt | xargs -r dpkg-query -W -f='${Status} ${Package}\n' 2>/dev/null | grep -c 'install ok installed' || true)
  want=$(grep -vc '^#' scripts/system-packages.txt || true)
  if [ "$missing" != "$want" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(grep -v '^#' scripts/system-packages.txt) >/dev/null
  fi
fi

[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev,spark]'
# The main job on the bundled example: it must succeed (exit 0). GB/T 31962-2015 ships provisional,
# so the summary opens with the notice that its limits are not yet verified against the official text.
.venv/bin/wasteval assess examples/discharger.example.yaml --as-of 2024-06-01 --no-record
