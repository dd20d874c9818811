"""`dataflow jurisdictions`: the built-in jurisdictions."""

from __future__ import annotations

import click

from ..outputs.json import dumps
from .common import handled


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def jurisdictions(fmt: str) -> None:
    """List the built-in jurisdictions with their laws, as-of dates and sources."""
    from ..jurisdictions import builtin_jurisdictions

    with handled(fmt == "json"):
        packs = builtin_jurisdictions()
    if fmt == "json":
        click.echo(dumps([j.model_dump(mode="json", exclude_defaults=True)
                          for j in packs.values()]), nl=False)
        return
    for j in packs.values():
        as_of = j.as_of.isoformat() if j.as_of else "undated"
        click.echo(f"{j.id}  {j.name or ''} ({j.law or 'no transfer law'}), facts as of {as_of}")
        click.echo(f"    members: {', '.join(j.members) or '-'}")
        if j.covers_from:
            click.echo(f"    covers law from {j.covers_from.isoformat()}")
        if not j.mechanisms:
            click.echo("    no general restriction on transfers: none are judged under it")
        else:
            click.echo("    moves within one entity: " + (
                "transfers" if j.within_entity else "no transfer (the law still applies)"))
        sensitive = [k.kind for k in j.kinds if k.sensitive]
        if sensitive:
            click.echo(f"    sensitive kinds: {', '.join(sensitive)}")
        for entry in j.adequate:
            dates = f"since {entry.since.isoformat()}" + (
                f" until {entry.until.isoformat()}" if entry.until else "")
            needs = (f", recipients certified '{entry.requires_certification}'"
                     if entry.requires_certification else "")
            excludes = f", excludes {', '.join(entry.excludes)}" if entry.excludes else ""
            click.echo(f"    {j.adequacy_term or 'adequate'}: {entry.destination} {dates}{needs}"
                       f"{excludes} ({entry.source})")
        for mechanism in j.mechanisms:
            limits = [f"to {', '.join(mechanism.roles)} only" if mechanism.roles else "",
                      f"{' or '.join(mechanism.frequencies)} transfers only"
                      if mechanism.frequencies else "",
                      f"from {mechanism.since.isoformat()}" if mechanism.since else "",
                      f"until {mechanism.until.isoformat()}" if mechanism.until else "",
                      "residual" if mechanism.residual else ""]
            said = "; ".join(x for x in limits if x)
            click.echo(f"    mechanism: {mechanism.mechanism}{f' ({said})' if said else ''}: "
                       f"{mechanism.reference}")
        for requirement in j.requirements:
            click.echo(f"    requires: {requirement.explanation} [{requirement.reference}]")
        for source in j.sources:
            click.echo(f"    source: {source}")
