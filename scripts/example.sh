#!/bin/sh
# Installs everything (see setup.sh), then checks the bundled Korean marketplace example and
# draws it into out/. The example has findings on purpose (transfers to China without a
# safeguard), so the check's exit 1 is what this script expects; any other failure stops it.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
mkdir -p out
map=examples/korea-marketplace.yaml

echo "== dataflow check $map"
status=0
.venv/bin/dataflow check "$map" || status=$?
if [ "$status" -ne 1 ]; then
  echo "example: expected the check to report the example's findings (exit 1), got exit $status" >&2
  exit 1
fi
echo
echo "== dataflow transfers $map"
.venv/bin/dataflow transfers "$map" --fail-on never
.venv/bin/dataflow render "$map" -o out/korea-marketplace.svg
.venv/bin/dataflow render "$map" --view transfers -o out/korea-marketplace-transfers.png
.venv/bin/dataflow report "$map" -o out/korea-marketplace.html

cat <<DONE

The check found the example's findings above, as expected. It wrote:
  out/korea-marketplace.svg            the whole map (open it in a browser)
  out/korea-marketplace-transfers.png  only the international transfers (any image viewer)
  out/korea-marketplace.html           the report: summary, diagram, findings, transfers
Open them with, for example:  xdg-open out/korea-marketplace.html   (macOS: open ...)
DONE
