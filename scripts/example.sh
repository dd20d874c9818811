#!/bin/sh
# Installs everything (see setup.sh), then checks the bundled Korean marketplace example and
# writes its graph to out/. The check exits 1 when it finds errors, which the example shows.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
mkdir -p out
.venv/bin/dataflow check examples/korea-marketplace.yaml || status=$?
.venv/bin/dataflow export examples/korea-marketplace.yaml --format graphml -o out/korea-marketplace.graphml
.venv/bin/dataflow export examples/korea-marketplace.yaml --format csv -o out/korea-marketplace.csv
echo "wrote out/korea-marketplace.graphml and out/korea-marketplace.csv"
exit "${status:-0}"
