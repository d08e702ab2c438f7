#!/usr/bin/env bash
# Idempotent bootstrap: Debian's Chromium for browser tests, .venv with requirements.txt.
# Fast when already done: pip runs only when requirements.txt changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

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

if [ ! -x .venv/bin/python ]; then
  rm -rf .venv
  # Debian's python3 lacks ensurepip until python3-venv is installed.
  if ! "${PYTHON:-python3}" -m venv .venv; then
    rm -rf .venv
    apt_install python3-venv
    "${PYTHON:-python3}" -m venv .venv
  fi
fi

stamp=.venv/.requirements.sha256
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
