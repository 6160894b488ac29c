#!/usr/bin/env bash
# Command 2 of the README: the whole test suite, plus lint and type checks.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/ruff check service api loadtests tests tools benchmarks setup.py
.venv/bin/mypy
exec .venv/bin/python -m pytest -q "$@"
