#!/usr/bin/env bash
# Idempotent bootstrap: Debian's Chromium for browser tests and image export, .venv with the locks.
#   bash scripts/setup.sh         the runtime lock, requirements.txt (what scripts/run.sh needs)
#   bash scripts/setup.sh --dev   requirements.txt and requirements-dev.txt (tests, linters), and HAProxy
#                                 for tests/test_serve.py
# Both locks are full (every package pinned, with hashes) and installed with --require-hashes.
# Fast when already done: pip runs only when a lock it would install changed since it was installed.
set -euo pipefail
cd "$(dirname "$0")/.."

locks=(requirements.txt)
case "${1:-}" in
  "") ;;
  --dev) locks+=(requirements-dev.txt) ;;
  *) echo "usage: bash scripts/setup.sh [--dev]" >&2; exit 2 ;;
esac

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y "$@"
}

if [ ! -x /usr/bin/chromium ]; then
  # `playwright install` downloads a browser, which these machines refuse; Debian's works.
  apt_install chromium
fi

if [ "${1:-}" = "--dev" ] && ! command -v haproxy >/dev/null; then
  # tests/test_serve.py starts scripts/serve.sh's workers behind Debian's HAProxy.
  apt_install haproxy
fi

if [ ! -x .venv/bin/python ]; then
  rm -rf .venv
  # Debian's python3 lacks ensurepip until python3-venv is installed.
  if ! "${PYTHON:-python3}" -m venv .venv; then
    rm -rf .venv
    apt_install python3-venv
    "${PYTHON:-python3}" -m venv .venv
  fi
fi

# The stamp holds `sha256sum` lines ("<hash>  <lock>") of the locks last installed together.
# Up to date when every lock wanted now is there with its current hash, so after --dev a plain
# run does not reinstall; otherwise all the wanted locks are installed and the stamp rewritten.
stamp=.venv/.requirements.sha256
want="$(sha256sum "${locks[@]}")"
stale=0
while IFS= read -r line; do
  grep -qxF -- "$line" "$stamp" 2>/dev/null || stale=1
done <<< "$want"
if [ "$stale" -eq 1 ]; then
  args=()
  for lock in "${locks[@]}"; do args+=(-r "$lock"); done
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes "${args[@]}"
  echo "$want" > "$stamp"
fi
