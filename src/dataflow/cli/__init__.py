"""The ``dataflow`` command (docs/reference/cli.md).

Exit codes, decided in :func:`~dataflow.cli.common.exit_code` only: 0 nothing at or above
``--fail-on``; 1 findings at or above it; 2 invalid input or wrong usage. Bad input never
shows a traceback.

Each command is a module of this package (:data:`COMMANDS`), imported only when the command
runs or is listed (``--help``): a check does not import the diagrams, importers, exports and
tables that other commands use, nor the libraries behind them.
"""

from __future__ import annotations

import gc
import sys
from importlib import import_module

import click

from .. import __version__
from ..errors import did_you_mean
from ..progress import shown
from .common import end_with_the_command

__all__ = ["COMMANDS", "main", "run"]

#: Each command's name, and where it is declared: ``module:name`` in this package.
COMMANDS = {
    "baseline": "baseline:baseline", "check": "check:check", "diff": "diff:diff",
    "export": "export:export", "import": "imports:import_group",
    "jurisdictions": "jurisdictions:jurisdictions", "notice": "notice:notice",
    "render": "render:render", "report": "report:report", "rules": "rules:rules",
    "schema": "schema:schema", "transfers": "transfers:transfers",
}


class _Commands(click.Group):
    """A group whose commands are imported when they are asked for (click's lazily loaded
    subcommands)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module, name = where.split(":")
        command: click.Command = getattr(import_module(f"{__name__}.{module}"), name)
        return command

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        # click suggests from the commands it holds, and this group holds none until asked
        name = args[0]
        if name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            ctx.fail(f"No such command '{name}'{did_you_mean(name, COMMANDS)}.")
        return super().resolve_command(ctx, args)


@click.group(cls=_Commands,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dataflow")
@click.pass_context
def main(context: click.Context) -> None:
    """Map where personal data goes, and check its international transfers."""
    # A command builds millions of small objects and few reference cycles, and the process
    # ends when it is done: Python's cycle collector would spend about a third of a large
    # check walking them again and again, for nothing to free.
    gc.disable()
    if sys.stderr.isatty():  # a person is watching: long work shows how far it has got
        context.with_resource(shown(sys.stderr))


def run() -> None:
    """The ``dataflow`` program: :func:`main`, ending the process as soon as a command is done
    (see :func:`~dataflow.cli.common.end`)."""
    end_with_the_command()
    main()
