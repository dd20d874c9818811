#!/bin/sh
# Installs everything (see setup.sh), then runs the whole test suite and the linter on the
# newest version of every dependency, and the suite again on the oldest versions that
# pyproject.toml allows (scripts/minimum-versions.txt). Arguments go to pytest.
set -eu
cd "$(dirname "$0")/.."

echo "== the newest versions of every dependency"
sh scripts/setup.sh --test
.venv/bin/python -m pytest "$@"
.venv/bin/ruff check .

echo "== the oldest versions pyproject.toml allows"
DATAFLOW_VENV=.venv-min DATAFLOW_CONSTRAINTS=scripts/minimum-versions.txt sh scripts/setup.sh --test
.venv-min/bin/python -m pytest "$@"
