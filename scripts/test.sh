#!/usr/bin/env bash
# Command 2 of the README: the whole test suite, plus lint and type checks. On a fresh Debian machine it
# installs every system package the suite runs for real (scripts/system-deps.sh test), or stops naming
# what is missing; no test is skipped for want of a tool.
set -euo pipefail
cd "$(dirname "$0")/.."
DISPATCH_SYSTEM_DEPS=test ./scripts/setup.sh
.venv/bin/ruff check service api loadtests tests tools benchmarks setup.py
.venv/bin/mypy
# Property tests draw all their examples here; `pytest tests/unit` alone draws a fifth (tests/support/properties.py).
export PROPERTY_EXAMPLES=${PROPERTY_EXAMPLES:-full}
exec .venv/bin/python -m pytest -q "$@"
