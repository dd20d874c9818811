#!/bin/sh
# Installs everything (see setup.sh), then runs the whole test suite, the linter and the
# documentation build on the newest version of every dependency, and the suite again on the
# oldest versions that pyproject.toml allows (scripts/minimum-versions.txt). Arguments go to
# pytest.
set -eu
cd "$(dirname "$0")/.."

echo "== the newest versions of every dependency"
sh scripts/setup.sh --test
.venv/bin/python -m pytest "$@"
.venv/bin/ruff check .
# the documentation site: a broken link, page or reference fails
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict --site-dir "$(mktemp -d)"

echo "== the oldest versions pyproject.toml allows"
DATAFLOW_VENV=.venv-min DATAFLOW_CONSTRAINTS=scripts/minimum-versions.txt sh scripts/setup.sh --test
.venv-min/bin/python -m pytest "$@"
