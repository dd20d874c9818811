"""`dataflow transfers`: one row per international transfer."""

from __future__ import annotations

from datetime import date

import click

from ..check import check as run_check
from ..check import transfers_only
from ..formats import describe
from ..outputs.table import FORMATS as TABLE_FORMATS
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


@click.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(list(TABLE_FORMATS)), default="text",
              show_default=True, help=f"Output format ({describe(TABLE_FORMATS)}).")
@output_option
@as_of_option
@expiring_option
@fail_on_option
def transfers(paths: tuple[str, ...], fmt: str, output: str | None, as_of: date | None,
              warn_expiring: int, fail_on: str) -> None:
    """One row per international transfer: adequate, safeguarded (mechanism) or missing.

    Exits like `check`: 1 when the map has findings at or above --fail-on. With
    `--fail-on never` the rules are not run: the table needs none of their findings.
    """
    with handled(fmt == "json"):
        flowmap = load_maps(paths)
        # the table shows no finding: they are needed only to fail on them
        table_of = transfers_only if fail_on == "never" else run_check
        report = table_of(flowmap, as_of=as_of, expiring_within=warn_expiring)
        emit(TABLE_FORMATS[fmt].stream(report), output, (*paths, *flowmap.files))
    end(exit_code(report, fail_on))
