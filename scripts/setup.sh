#!/usr/bin/env bash
# Installs what dispatch-assist needs on a Debian machine: redis-server (the system's if present)
# and a virtualenv in .venv with the project and its test tools. Safe to run again: it skips
# what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing redis-server (Debian package)..." >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
  # The package starts a system instance on 6379; the project never uses it, so stop it.
  as_root systemctl disable --now redis-server >/dev/null 2>&1 || as_root service redis-server stop >/dev/null 2>&1 || true
fi

# A C compiler and PCRE2's headers build the native screening reader (service/screening/csrc/); without
# them the install still works and screening runs in pure Python, several times slower.
if ! command -v gcc >/dev/null 2>&1 || [ ! -f /usr/include/pcre2.h ]; then
  echo "installing gcc and libpcre2-dev (Debian packages)..." >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends gcc libc6-dev libpcre2-dev >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml setup.py service/screening/csrc/* | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "installing Python packages into .venv..." >&2
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
