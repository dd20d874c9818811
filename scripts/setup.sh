#!/bin/sh
# Installs what dataflow needs on a Debian-based machine: the Graphviz binary (for diagrams),
# Python's venv module if missing, and a virtual environment .venv with the package. With
# --test, also the test tools and Chromium (the tests open the HTML report in a browser).
# Safe to run again.
set -eu
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

missing=""
command -v dot >/dev/null 2>&1 || missing="$missing graphviz"
if [ -n "$extras" ]; then
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fi
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || missing="$missing python3-venv"
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    as_root apt-get update -qq
    # shellcheck disable=SC2086
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "dataflow: please install:$missing" >&2
    exit 1
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".$extras"
