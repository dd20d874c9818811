"""`dataflow import`: a map made from an inventory kept elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from ..errors import MapError
from ..importers.columns import KINDS as TABLE_KINDS
from ..importers.columns import columns_help
from ..loader import loads as load_text
from ..outputs import OutputError
from ..outputs.safe import terminal
from .common import emit, handled, output_option


def _country(_: Any, __: Any, value: str | None) -> str | None:
    from ..countries import country_problem

    if value is not None and country_problem(value):
        raise click.BadParameter(country_problem(value) or "")
    return value


home_option = click.option("--home", metavar="CC", callback=_country, help=(
    "The country (ISO 3166-1 alpha-2) of the people the data is collected from, and the "
    "map's `home`."))


@click.group("import")
def import_group() -> None:
    """Make a map from an inventory you already keep: Fides manifests or a CSV table.

    The map is written whole or not at all (never over an input); what the input says that
    the map does not carry is listed at its top and on standard error. Check it with
    `dataflow check`. docs/importing.md says what maps to what.
    """


def _imported(imported: Any, read: Sequence[str], output: str | None,
              inputs: Sequence[str]) -> None:
    """Write an imported map, once it is known to load, and say what was imported."""
    from ..importers import to_yaml

    text = to_yaml(imported)
    try:
        load_text(text, output or "<imported map>")
    except MapError as exc:  # the importer made a map it cannot read: its fault, not the user's
        raise OutputError("the imported map does not load, which is a fault of the importer "
                          "(please report it with the input): " + "; ".join(
                              p.message for p in exc.errors[:3])) from None
    emit(text, output, inputs)
    for line in imported.summary(read).splitlines():  # names and cells come from the user
        click.echo(terminal(line), err=True)


@import_group.command("fides")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@output_option
@home_option
def import_fides_command(paths: tuple[str, ...], output: str | None, home: str | None) -> None:
    """Import Fides manifests (fideslang YAML files, or folders of them).

    Systems become processors (fides_key, name, description; legal_name the entity;
    responsibility the role; third_country_transfers, ISO alpha-3, the locations, else
    `unknown`; dpo the contact), egress and ingress become flows, privacy declarations give
    the categories, subjects, purposes and retention, and ingress from users (or declared
    data no flow brings) a collection from --home. system_dependencies, which say no
    direction, become comments. Old category keys are renamed as Fides renames them.
    """
    from ..importers import ImportOptionError, import_fides

    with handled(False):
        try:
            imported, read = import_fides(paths, home=home)
        except ImportOptionError as exc:
            raise click.UsageError(str(exc)) from None
        _imported(imported, read, output, (*paths, *read))


@import_group.command("csv", epilog=columns_help())
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@output_option
@click.option("--table", type=click.Choice(list(TABLE_KINDS)),
              help="The kind of table (default: from its header row).")
@click.option("--from", "sender", default="service", show_default=True, metavar="ID",
              help="The ID of the processor that sends every row's data (it is made, located "
                   "at --home, collecting what the rows send).")
@home_option
@click.option("--role", type=click.Choice(["controller", "processor", "third_party"]),
              help="Every recipient's role (default: processor for a subprocessor list, none "
                   "for a transfer table, which does not say).")
def import_csv_command(file: str, output: str | None, table: str | None, sender: str,
                       home: str | None, role: str | None) -> None:
    """Import a subprocessor list or the overseas-transfer table of a Korean privacy policy
    (PIPA Art. 28-8(2)), as CSV (UTF-8, with or without a byte-order mark; CP949 / EUC-KR).

    Each row is a flow from --from to the recipient it names; one processor per distinct
    recipient. --home is needed for a subprocessor list; a transfer table's is KR unless
    --home says otherwise. A row the import cannot read is an error at its line and column,
    and nothing is written. Columns, and what each becomes:
    """
    from ..importers import ImportOptionError, import_table

    with handled(False):
        try:
            with open(file, "rb") as stream:
                raw = stream.read()
            imported = import_table(raw, file, table=table, sender=sender, home=home,
                                    role=role)
        except ImportOptionError as exc:
            raise click.UsageError(str(exc)) from None
        except OSError as exc:
            raise OutputError(f"{file}: cannot read the file: {exc.strerror or exc}") from None
        _imported(imported, [file], output, (file,))
