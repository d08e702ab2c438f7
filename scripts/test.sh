#!/usr/bin/env bash
# Set up if needed, then run every test, browser tests included (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/ruff check .  # configured in pyproject.toml; CI fails on what it finds
.venv/bin/lint-imports  # import contracts in .importlinter; CI fails on a broken one
# Both cores, one test file per worker (module fixtures, such as a browser test's server, stay whole).
exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
