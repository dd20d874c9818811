#!/bin/sh
# Installs what dataflow needs on a Debian-based machine: the Graphviz binary (for diagrams),
# a font that covers Korean, Chinese and Japanese (for PNG and PDF diagrams of such maps),
# Python's venv module if missing, and a virtual environment with the package. Safe to run
# again.
#
#   sh scripts/setup.sh            .venv with the package, its dependencies at their newest
#   sh scripts/setup.sh --test     the same, with the test tools and Chromium (the tests open
#                                  the HTML report in a browser)
#
# DATAFLOW_VENV names another virtual environment; DATAFLOW_CONSTRAINTS a pip constraints
# file (scripts/minimum-versions.txt installs the oldest versions pyproject.toml allows).
set -eu
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

venv="${DATAFLOW_VENV:-.venv}"
constraints="${DATAFLOW_CONSTRAINTS:-}"
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

missing=""
command -v dot >/dev/null 2>&1 || missing="$missing graphviz"
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=ko family 2>/dev/null)" ] \
   || [ -z "$(fc-list :lang=zh-cn family 2>/dev/null)" ]; then
  missing="$missing fonts-noto-cjk"
fi
if [ -n "$extras" ]; then
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fi
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || missing="$missing python3-venv"
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "dataflow: installing$missing" >&2
    as_root apt-get update -qq
    # shellcheck disable=SC2086
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "dataflow: please install:$missing" >&2
    exit 1
  fi
fi

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
if [ -n "$constraints" ]; then
  "$venv/bin/python" -m pip install -q -c "$constraints" -e ".$extras"
else
  # --upgrade-strategy eager: every dependency at its newest, as on a fresh machine
  "$venv/bin/python" -m pip install -q --upgrade --upgrade-strategy eager -e ".$extras"
fi
if [ "${1:-}" = "--test" ]; then
  # the example rule plugin, whose tests run with the suite (its dependency is this package)
  "$venv/bin/python" -m pip install -q --no-deps -e examples/rule-plugin
fi
