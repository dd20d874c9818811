"""`dataflow baseline`: record the map's findings."""

from __future__ import annotations

from datetime import date

import click

from ..check import check as run_check
from ..outputs.safe import terminal
from .common import (
    EXIT_OK,
    as_of_option,
    emit,
    end,
    expiring_option,
    handled,
    load_maps,
    paths_argument,
)


@click.command()
@paths_argument
@click.option("-o", "--output", "output", metavar="FILE", required=True,
              help="The baseline file to write (JSON, one finding a line).")
@as_of_option
@expiring_option
def baseline(paths: tuple[str, ...], output: str, as_of: date | None,
             warn_expiring: int) -> None:
    """Record the map's findings, so that `check --baseline FILE` fails only on new ones."""
    from ..baseline import baseline_lines

    with handled(False):
        flowmap = load_maps(paths)
        report = run_check(flowmap, as_of=as_of, expiring_within=warn_expiring)
        emit(baseline_lines(report), output, (*paths, *flowmap.files))
        recorded = sum(not f.waiver for f in report.findings)
        click.echo(f"dataflow: {recorded} finding(s) recorded in {terminal(output)}", err=True)
    end(EXIT_OK)
