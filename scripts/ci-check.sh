#!/bin/sh
# The check that CI runs (the GitHub Action, the GitLab job): annotations or text on standard
# output, the SARIF log and the JUnit report written from the same check, and the check's exit
# code (0 nothing at or above the threshold, 1 findings, 2 invalid map) as the step's.
#
#   DATAFLOW_PATHS     the map's files or folders, separated by spaces (default: .)
#   DATAFLOW_FAIL_ON   error, warning, info or never (default: error)
#   DATAFLOW_AS_OF     judge at this date, YYYY-MM-DD (default: the map's as_of)
#   DATAFLOW_SARIF     the SARIF log to write (default: dataflow.sarif)
#   DATAFLOW_JUNIT     the JUnit report to write (default: none)
#   DATAFLOW_FORMAT    what standard output shows: github (default in GitHub Actions) or text
#   DATAFLOW_COMMAND   the command to run (default: dataflow)
set -u
format=${DATAFLOW_FORMAT:-$([ -n "${GITHUB_ACTIONS:-}" ] && echo github || echo text)}
set -- ${DATAFLOW_COMMAND:-dataflow} check ${DATAFLOW_PATHS:-.} --format "$format" \
    --fail-on "${DATAFLOW_FAIL_ON:-error}" --write "sarif=${DATAFLOW_SARIF:-dataflow.sarif}"
if [ -n "${DATAFLOW_JUNIT:-}" ]; then
    set -- "$@" --write "junit=$DATAFLOW_JUNIT"
fi
if [ -n "${DATAFLOW_AS_OF:-}" ]; then
    set -- "$@" --as-of "$DATAFLOW_AS_OF"
fi
exec "$@"
