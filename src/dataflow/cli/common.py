"""What the commands share: exit codes, common options, loading, writing, errors and ending."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from typing import Any, NoReturn

import click

from ..analysis import EXPIRING_WITHIN
from ..errors import MapError, Problem
from ..findings import Report, fails
from ..flowmap import FlowMap
from ..loader import load
from ..outputs import OutputError, write
from ..outputs.json import dumps
from ..outputs.safe import terminal
from ..progress import stage
from ..reading import Limits
from ..rules import RuleFailedError, RulePluginError

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")

#: Whether this process is the ``dataflow`` program (:func:`dataflow.cli.run`), which ends when
#: the command does, rather than Python code calling :func:`dataflow.cli.main` (tests, other
#: programs).
_program = False


def end_with_the_command() -> None:
    """Make :func:`end` end the process: this process is the ``dataflow`` program."""
    global _program
    _program = True


def end(code: int) -> NoReturn:
    """End a command with exit ``code``.

    In the ``dataflow`` program the process ends at once, as mypy's does: the millions of
    objects a large map is made of are not freed one by one, nor the interpreter taken down,
    for a process about to end (a fifth of a second after a check of 50,000 flows). Called
    from Python, it raises ``SystemExit`` as usual. The click contexts are closed first
    (the progress display is erased) and standard output and error flushed.
    """
    if not _program:
        sys.exit(code)
    context = click.get_current_context(silent=True)
    while context is not None:
        context.close()
        context = context.parent
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # closed, or a pipe whose reader has gone
            stream.flush()
    os._exit(code)


def exit_code(report: Report, fail_on: str) -> int:
    """The exit code of a command that fails on findings at or above ``fail_on``."""
    if fail_on == "never":  # nothing fails: no need to look
        return EXIT_OK
    return EXIT_FINDINGS if any(fails(f, fail_on) for f in report.findings) else EXIT_OK


def _parse_date(_: Any, __: Any, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD") from None


paths_argument = click.argument("paths", nargs=-1, required=True,
                                type=click.Path(dir_okay=True, file_okay=True))
output_option = click.option("-o", "--output", "output", metavar="FILE",
                             help="Write to FILE (whole or not at all) instead of standard output.")
as_of_option = click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=_parse_date,
                            help="Judge adequacy and expiry at this date (default: the map's "
                                 "as_of, else today).")
expiring_option = click.option(
    "--warn-expiring", "warn_expiring", type=click.IntRange(min=0, max=36500),
    default=EXPIRING_WITHIN,
    show_default=True, metavar="DAYS",
    help="Warn of safeguards, adequacy decisions, mechanisms and waivers that expire within "
         "DAYS after the date of judgement.")
fail_on_option = click.option("--fail-on", type=click.Choice(FAIL_ON), default="error",
                              show_default=True,
                              help="Exit 1 when a finding is at or above this severity.")


@contextmanager
def handled(json_errors: bool, annotations: bool = False) -> Iterator[None]:
    """Turn map errors and output errors into exit code 2 and located messages (also as
    GitHub annotations on standard output with ``annotations``, so a pull request shows
    where its map is invalid)."""
    try:
        yield
    except (RulePluginError, RuleFailedError) as exc:  # a rule of one's own, not the map
        if json_errors:
            click.echo(dumps({"errors": [{"message": str(exc), "file": None, "line": None,
                                          "column": None}]}), nl=False)
        else:
            click.echo(f"dataflow: error: {terminal(str(exc))}", err=True)
        sys.exit(EXIT_INVALID)
    except (MapError, OutputError) as exc:
        problems: list[Problem] = exc.errors if isinstance(exc, MapError) else []
        message = str(exc) if isinstance(exc, OutputError) else ""
        if json_errors:
            entries = [p.to_dict() for p in problems]
            if message:
                entries.append({"message": message, "file": None, "line": None, "column": None})
            click.echo(dumps({"errors": entries}), nl=False)
        else:
            for problem in problems:  # file names and values come from the user: inert
                click.echo(terminal(str(problem)), err=True)
            if message:
                click.echo(f"dataflow: error: {terminal(message)}", err=True)
            if annotations:
                from ..outputs.github import error_lines

                click.echo("".join(error_lines(problems, message)), nl=False)
        sys.exit(EXIT_INVALID)


#: Environment variables that set the reader's limits (see ``dataflow.Limits``).
LIMIT_VARIABLES = {"DATAFLOW_MAX_FILE_BYTES": "max_file_bytes", "DATAFLOW_MAX_DEPTH": "max_depth",
                   "DATAFLOW_MAX_NODES": "max_nodes",
                   "DATAFLOW_MAX_ALIAS_NODES": "max_alias_nodes"}


def limits() -> Limits:
    """The reader's limits, as the environment raises them (:data:`LIMIT_VARIABLES`)."""
    values = {}
    for variable, field in LIMIT_VARIABLES.items():
        text = os.environ.get(variable)
        if text is None:
            continue
        if not text.isdigit() or int(text) == 0:
            raise click.UsageError(f"{variable}={text!r}: give a whole number above 0")
        values[field] = int(text)
    return Limits(**values)


def load_maps(paths: Sequence[str]) -> FlowMap:
    """The map of ``paths``, read within :func:`limits`."""
    return load(*paths, limits=limits())


def emit(text: str | Iterable[str], output: str | None, inputs: Sequence[str]) -> None:
    """Print ``text`` (or its pieces), or write it to ``output``, never over one of the
    ``inputs``."""
    if output and output != "-":
        write(text, output, inputs=inputs)
    elif isinstance(text, str):
        click.echo(text, nl=False)
    else:
        with stage("Writing the output") as writing:
            for piece in text:
                sys.stdout.write(piece)
                writing.advance()
        sys.stdout.flush()


def say_untranslated(untranslated: int, map_language: str | None, language: str) -> None:
    """Say on standard error how many of the map's texts a notice or report shows as written,
    for want of a translation into ``language``."""
    if untranslated and map_language is None:
        click.echo(f"dataflow: {untranslated} text(s) are shown as the map writes "
                   f"them; the map does not say their language (set `language`) and gives "
                   f"no `translations` in '{language}'", err=True)
    elif untranslated:
        click.echo(f"dataflow: {untranslated} text(s) are in '{map_language}', "
                   f"not '{language}': add `translations: {{{language}: ...}}` to the "
                   "elements", err=True)
