#!/usr/bin/env bash
# Installs what dispatch-assist needs on a Debian machine: redis-server (the system's if present)
# and a virtualenv in .venv with the project and its test tools. Safe to run again: it skips
# what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: redis-server, and a C compiler with PCRE2's headers for the native screening reader
# (service/screening/csrc/). The test command asks for the rest of what the suite needs.
./scripts/system-deps.sh "${DISPATCH_SYSTEM_DEPS:-demo}"

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
# The compiled screening vocabulary on disk (service/screening/cache.py), as the Dockerfile builds it:
# a process started from here is ready within a second instead of compiling it first (fast when cached).
.venv/bin/python -m service.screening.cache >/dev/null
# The project's own bytecode, as the Dockerfile's compileall leaves it: with PYTHONDONTWRITEBYTECODE
# set (as it is in the image and on many dev machines) every start compiled the ~90 modules a server
# imports from source again, ~70 ms of CPU before the first call (docs/performance.md, start-up).
.venv/bin/python -m compileall -q service api
