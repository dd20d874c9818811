#!/bin/sh
# Installs everything (see setup.sh), then checks the bundled Korean marketplace example and
# draws it into out/. The check exits 1 when it finds errors, which the example has.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
mkdir -p out
.venv/bin/dataflow check examples/korea-marketplace.yaml || status=$?
.venv/bin/dataflow transfers examples/korea-marketplace.yaml --fail-on never
.venv/bin/dataflow render examples/korea-marketplace.yaml -o out/korea-marketplace.svg
.venv/bin/dataflow render examples/korea-marketplace.yaml --view transfers -o out/korea-marketplace-transfers.png
.venv/bin/dataflow report examples/korea-marketplace.yaml -o out/korea-marketplace.html
echo "wrote out/korea-marketplace.svg, out/korea-marketplace-transfers.png and out/korea-marketplace.html"
exit "${status:-0}"
