"""`dataflow schema`: the JSON Schema of the map file."""

from __future__ import annotations

import click

from .common import emit, handled, load_maps


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, file_okay=True))
@click.option("-o", "--output", "output", metavar="FILE", help="Write to FILE.")
def schema(paths: tuple[str, ...], output: str | None) -> None:
    """Print the JSON Schema of the map file; with PATH..., one that also knows the
    jurisdictions, mechanisms, kinds and contract terms that map declares."""
    from ..schema import json_schema_text

    with handled(False):
        flowmap = load_maps(paths) if paths else None
        emit(json_schema_text(flowmap), output, (*paths, *(flowmap.files if flowmap else ())))
