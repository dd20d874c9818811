"""`dataflow render`: the map as a diagram."""

from __future__ import annotations

import warnings
from datetime import date

import click

from ..check import check as run_check
from ..formats import describe
from ..outputs import OutputError
from ..outputs.safe import terminal
from ..render import FORMATS as DIAGRAM_FORMATS
from ..render import GROUPS, VIEWS
from .common import EXIT_OK, as_of_option, end, expiring_option, handled, load_maps, paths_argument


@click.command()
@paths_argument
@click.option("-o", "--output", "output", metavar="FILE", required=True,
              help="The diagram file; its suffix gives the format unless --format does.")
@click.option("--format", "fmt", type=click.Choice(list(DIAGRAM_FORMATS)),
              help=f"Default: from the file's suffix ({describe(DIAGRAM_FORMATS)}).")
@click.option("--view", type=click.Choice(list(VIEWS)), default="full",
              show_default=True, help=f"What to show ({describe(VIEWS)}).")
@click.option("--category", "categories", multiple=True, metavar="ID",
              help="Only flows carrying this category (repeatable).")
@click.option("--subject", "subjects", multiple=True, metavar="ID",
              help="Only flows about these data subjects (repeatable).")
@click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="ID",
              help="Only flows under or within this jurisdiction (repeatable).")
@click.option("--processor", metavar="ID", help="Only the flows to and from this processor.")
@click.option("--group-by", type=click.Choice(list(GROUPS)),
              help=f"An overview of large maps, with counts ({describe(GROUPS)}).")
@click.option("--any-size", is_flag=True,
              help="Lay out a diagram however large (else one larger than Graphviz lays out "
                   "in reasonable time is refused, naming the smaller views that fit).")
@as_of_option
@expiring_option
def render(paths: tuple[str, ...], output: str, fmt: str | None, view: str,
           categories: tuple[str, ...], subjects: tuple[str, ...],
           jurisdictions: tuple[str, ...], processor: str | None, group_by: str | None,
           any_size: bool, as_of: date | None, warn_expiring: int) -> None:
    """Draw the map: SVG, PNG, PDF, DOT, Mermaid or an HTML page."""
    from ..render import LAYOUT_AT_MOST, MissingGlyphsWarning, RenderError, SelectionError, draw

    with handled(False):
        flowmap = load_maps(paths)
        checked = run_check(flowmap, as_of=as_of, expiring_within=warn_expiring, words=False)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", MissingGlyphsWarning)
                draw(checked, output, format=fmt, view=view,
                     categories=categories, subjects=subjects, jurisdictions=jurisdictions,
                     processor=processor, group_by=group_by, inputs=(*paths, *flowmap.files),
                     budget=None if any_size else LAYOUT_AT_MOST)
        except (RenderError, SelectionError) as exc:
            raise OutputError(str(exc)) from None
        for warning in caught:
            click.echo(f"dataflow: warning: {terminal(str(warning.message))}", err=True)
    end(EXIT_OK)
