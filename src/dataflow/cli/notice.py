"""`dataflow notice`: the transfer notice a law requires."""

from __future__ import annotations

import sys
from datetime import date

import click

from ..check import check as run_check
from ..model import LANGUAGES
from ..outputs import OutputError
from ..outputs.safe import terminal
from .common import (
    EXIT_FINDINGS,
    as_of_option,
    emit,
    handled,
    load_maps,
    output_option,
    paths_argument,
    say_untranslated,
)


@click.command()
@paths_argument
@click.option("--law", required=True, metavar="LAW",
              help="The law whose notice to write: PIPA, PIPL or GDPR (or another law with "
                   "a notice: UK GDPR, revFADP, APPI, LGPD; or its jurisdiction ID).")
@click.option("--lang", "language", type=click.Choice(list(LANGUAGES)), default="en",
              show_default=True, help="The notice's language.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]),
              help="markdown (to paste into a privacy policy) or html (a page); default: "
                   "from the suffix of -o, else markdown.")
@output_option
@click.option("--fail-on-missing", is_flag=True,
              help="Exit 1 when the map lacks an item the notice must give.")
@as_of_option
def notice(paths: tuple[str, ...], law: str, language: str, fmt: str | None,
           output: str | None, fail_on_missing: bool, as_of: date | None) -> None:
    """Write the transfer notice a law requires, from the map: PIPA Art. 28-8(2), PIPL
    Art. 39, GDPR Art. 13(1)(f). Items the map lacks are marked missing and listed on
    standard error with where to add them."""
    from ..notice import NoticeError, build_notice, notice_format, render_notice

    with handled(False):
        try:
            chosen = fmt or notice_format(output)  # before any work: a wrong name fails fast
            flowmap = load_maps(paths)
            written = build_notice(run_check(flowmap, as_of=as_of), law, language)
        except NoticeError as exc:
            raise OutputError(str(exc)) from None
        emit(render_notice(written, chosen), output, (*paths, *flowmap.files))
    for gap in written.gaps:
        click.echo(f"dataflow: missing: {terminal(str(gap))}", err=True)
    if written.unlawful:
        click.echo(f"dataflow: {written.unlawful} listed transfer(s) have no safeguard "
                   f"{written.law} recognises: `dataflow check` says why", err=True)
    if written.not_listed:
        click.echo(f"dataflow: {written.not_listed} transfer(s) to destinations "
                   f"{written.law} recognises need no notice and are not listed", err=True)
    say_untranslated(written.untranslated, written.map_language, language)
    if fail_on_missing and written.gaps:
        sys.exit(EXIT_FINDINGS)
