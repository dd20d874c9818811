#!/bin/sh
# Installs everything (see setup.sh), then runs the whole test suite and the linter.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh --test
.venv/bin/python -m pytest "$@"
.venv/bin/ruff check .
