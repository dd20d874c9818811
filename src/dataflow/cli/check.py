"""`dataflow check`: the map's findings, in one format or several."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from ..check import check as run_check
from ..formats import describe
from ..outputs import CHECK_FORMATS, write
from .common import (
    as_of_option,
    emit,
    end,
    exit_code,
    expiring_option,
    fail_on_option,
    handled,
    load_maps,
    output_option,
    paths_argument,
)


def _also_written(_: Any, __: Any, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``FORMAT=FILE`` pairs of ``check --write``, checked before any work is done."""
    found = []
    for value in values:
        fmt, equals, file = value.partition("=")
        if not equals or not file:
            raise click.BadParameter(f"'{value}': give FORMAT=FILE, e.g. sarif=dataflow.sarif")
        if fmt not in CHECK_FORMATS:
            raise click.BadParameter(f"'{fmt}' is not a format; one of "
                                     f"{', '.join(CHECK_FORMATS)}")
        found.append((fmt, file))
    return tuple(found)


@click.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(list(CHECK_FORMATS)), default="text",
              show_default=True, help=f"Output format ({describe(CHECK_FORMATS)}).")
@output_option
@click.option("--write", "also", multiple=True, metavar="FORMAT=FILE", callback=_also_written,
              help="Also write the findings in FORMAT to FILE, from the same check "
                   "(repeatable): --write sarif=dataflow.sarif --write junit=dataflow.xml.")
@click.option("--baseline", "baseline_file", metavar="FILE",
              help="Fail only on findings not in FILE (written by `dataflow baseline`); its "
                   "entries that match nothing are reported (DF903).")
@as_of_option
@expiring_option
@fail_on_option
def check(paths: tuple[str, ...], fmt: str, output: str | None,
          also: tuple[tuple[str, str], ...], baseline_file: str | None, as_of: date | None,
          warn_expiring: int, fail_on: str) -> None:
    """Load, validate and analyse the map; print its findings."""
    with handled(fmt == "json", annotations=fmt == "github"):
        flowmap = load_maps(paths)
        baseline = None
        if baseline_file:
            from ..baseline import read_baseline

            baseline = read_baseline(baseline_file)
        report = run_check(flowmap, as_of=as_of, expiring_within=warn_expiring,
                           baseline=baseline)
        inputs = (*paths, *flowmap.files, *([baseline_file] if baseline_file else []))
        emit(CHECK_FORMATS[fmt].stream(report, fail_on=fail_on), output, inputs)
        for other, file in also:
            write(CHECK_FORMATS[other].stream(report, fail_on=fail_on), file, inputs=inputs)
    end(exit_code(report, fail_on))
