"""`dataflow export`: the graph or the records of processing."""

from __future__ import annotations

from datetime import date

import click

from ..check import check as run_check
from ..export import FORMATS as EXPORT_FORMATS
from ..formats import describe
from .common import (
    as_of_option,
    emit,
    expiring_option,
    handled,
    load_maps,
    output_option,
    paths_argument,
)


@click.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), required=True,
              help=f"Output format ({describe(EXPORT_FORMATS)}).")
@output_option
@as_of_option
@expiring_option
def export(paths: tuple[str, ...], fmt: str, output: str | None, as_of: date | None,
           warn_expiring: int) -> None:
    """Export the graph (node-link JSON, GraphML) or the records of processing (CSV)."""
    choice = EXPORT_FORMATS[fmt]
    with handled(False):
        flowmap = load_maps(paths)
        subject = (run_check(flowmap, as_of=as_of, expiring_within=warn_expiring)
                   if choice.checked else flowmap)
        emit(choice.make(subject), output, (*paths, *flowmap.files))
