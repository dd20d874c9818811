"""`dataflow report`: a self-contained report."""

from __future__ import annotations

from datetime import date

import click

from ..check import check as run_check
from ..model import LANGUAGES
from ..outputs import OutputError
from .common import (
    EXIT_OK,
    as_of_option,
    end,
    expiring_option,
    handled,
    load_maps,
    paths_argument,
    say_untranslated,
)


@click.command()
@paths_argument
@click.option("-o", "--output", "output", metavar="FILE", required=True,
              help="FILE.html (a self-contained page) or FILE.md (Markdown with Mermaid).")
@click.option("--lang", "language", type=click.Choice(list(LANGUAGES)), default="en",
              show_default=True, help="The report's language: its own texts, and the map's "
                                      "where its elements give `translations`.")
@as_of_option
@expiring_option
def report(paths: tuple[str, ...], output: str, language: str, as_of: date | None,
           warn_expiring: int) -> None:
    """Write a self-contained report: diagram, findings, transfers, records of processing."""
    from ..render import RenderError
    from ..report import write_report

    with handled(False):
        flowmap = load_maps(paths)
        checked = run_check(flowmap, as_of=as_of, expiring_within=warn_expiring)
        try:
            written = write_report(checked, output, inputs=paths, language=language)
        except RenderError as exc:
            raise OutputError(str(exc)) from None
    if language != "en" or written.map_language is not None:  # an English map need not say
        say_untranslated(written.untranslated, written.map_language, language)
    end(EXIT_OK)
