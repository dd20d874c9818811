"""`dataflow rules`: the rules, built-in and from plugins."""

from __future__ import annotations

import sys

import click

from ..outputs.json import dumps
from ..outputs.safe import terminal
from .common import EXIT_INVALID


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules(fmt: str) -> None:
    """List the rules: ID, name, severity, what each checks."""
    from ..rules import RulePluginError, registered

    try:
        known = registered()  # the built-in rules, and those of installed plugins
    except RulePluginError as exc:
        click.echo(f"dataflow: error: {terminal(str(exc))}", err=True)
        sys.exit(EXIT_INVALID)
    if fmt == "json":
        click.echo(dumps([{"rule": r.id, "name": r.name, "severity": r.severity.value,
                           "summary": r.summary, "references": list(r.references),
                           "doc": r.doc} for r in known.values()]), nl=False)
        return
    for r in known.values():
        click.echo(f"{r.id:<8} {r.name:<32} {r.severity.value:<8} {r.summary}")
