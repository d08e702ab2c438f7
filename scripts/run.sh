#!/usr/bin/env bash
# Set up if needed, then serve the dashboard (extra arguments go to `streamlit run`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/streamlit run app.py --browser.gatherUsageStats false "$@"
