"""The ``dataflow`` command (docs/reference/cli.md).

Exit codes, decided in :func:`_exit_code` only: 0 nothing at or above ``--fail-on``;
1 findings at or above it; 2 invalid input or wrong usage. Bad input never shows a traceback.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import chdir, contextmanager, suppress
from datetime import date
from typing import Any, NoReturn

import click

from . import __version__
from .analysis import EXPIRING_WITHIN
from .baseline import read_baseline
from .check import check as run_check
from .check import transfers_only
from .errors import MapError, Problem
from .export import FORMATS as EXPORT_FORMATS
from .findings import Report, fails
from .flowmap import FlowMap
from .formats import describe
from .importers.columns import KINDS as TABLE_KINDS
from .importers.columns import columns_help
from .loader import load
from .loader import loads as load_text
from .model import LANGUAGES
from .outputs import CHECK_FORMATS, OutputError, write
from .outputs.json import dumps
from .outputs.safe import terminal
from .outputs.table import FORMATS as TABLE_FORMATS
from .progress import shown, stage
from .reading import Limits
from .render import FORMATS as DIAGRAM_FORMATS
from .render import GROUPS, VIEWS
from .rules import RuleFailedError, RulePluginError

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")


#: Whether this process is the ``dataflow`` program (:func:`run`), which ends when the command
#: does, rather than Python code calling :func:`main` (tests, other programs).
_program = False


def run() -> None:
    """The ``dataflow`` program: :func:`main`, ending the process as soon as a command is done
    (see :func:`_end`)."""
    global _program
    _program = True
    main()


def _end(code: int) -> NoReturn:
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


def _exit_code(report: Report, fail_on: str) -> int:
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
def _handled(json_errors: bool, annotations: bool = False) -> Iterator[None]:
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
                from .outputs.github import error_lines

                click.echo("".join(error_lines(problems, message)), nl=False)
        sys.exit(EXIT_INVALID)


#: Environment variables that set the reader's limits (see ``dataflow.Limits``).
LIMIT_VARIABLES = {"DATAFLOW_MAX_FILE_BYTES": "max_file_bytes", "DATAFLOW_MAX_DEPTH": "max_depth",
                   "DATAFLOW_MAX_NODES": "max_nodes",
                   "DATAFLOW_MAX_ALIAS_NODES": "max_alias_nodes"}


def _limits() -> Limits:
    values = {}
    for variable, field in LIMIT_VARIABLES.items():
        text = os.environ.get(variable)
        if text is None:
            continue
        if not text.isdigit() or int(text) == 0:
            raise click.UsageError(f"{variable}={text!r}: give a whole number above 0")
        values[field] = int(text)
    return Limits(**values)


def _load(paths: Sequence[str]) -> FlowMap:
    return load(*paths, limits=_limits())


def _emit(text: str | Iterable[str], output: str | None, inputs: Sequence[str]) -> None:
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


def _also_written(_: Any, __: Any, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``FORMAT=FILE`` pairs of ``check --write``, checked before any work is done."""
    found = []
    for value in values:
        fmt, equals, file = value.partition("=")
        if not equals or not file:
            raise click.BadParameter(f"'{value}': give FORMAT=FILE, e.g. sarif=dataflow.sarif")
        if fmt not in CHECK_FORMATS:
            raise click.BadParameter(f"'{fmt}' is not a format; one of "
                                     f"{', '.join(CHECK_FORMATS)}")
        found.append((fmt, file))
    return tuple(found)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


@main.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(list(CHECK_FORMATS)), default="text",
              show_default=True, help=f"Output format ({describe(CHECK_FORMATS)}).")
@output_option
@click.option("--write", "also", multiple=True, metavar="FORMAT=FILE", callback=_also_written,
              help="Also write the findings in FORMAT to FILE, from the same check "
                   "(repeatable): --write sarif=dataflow.sarif --write junit=dataflow.xml.")
@click.option("--baseline", "baseline_file", metavar="FILE",
              help="Fail only on findings not in FILE (written by `dataflow baseline`); its "
                   "entries that match nothing are reported (DF903).")
@as_of_option
@expiring_option
@fail_on_option
def check(paths: tuple[str, ...], fmt: str, output: str | None,
          also: tuple[tuple[str, str], ...], baseline_file: str | None, as_of: date | None,
          warn_expiring: int, fail_on: str) -> None:
    """Load, validate and analyse the map; print its findings."""
    with _handled(fmt == "json", annotations=fmt == "github"):
        flowmap = _load(paths)
        baseline = read_baseline(baseline_file) if baseline_file else None
        report = run_check(flowmap, as_of=as_of, expiring_within=warn_expiring,
                           baseline=baseline)
        inputs = (*paths, *flowmap.files, *([baseline_file] if baseline_file else []))
        _emit(CHECK_FORMATS[fmt].stream(report, fail_on=fail_on), output, inputs)
        for other, file in also:
            write(CHECK_FORMATS[other].stream(report, fail_on=fail_on), file, inputs=inputs)
    _end(_exit_code(report, fail_on))


@main.command()
@paths_argument
@click.option("-o", "--output", "output", metavar="FILE", required=True,
              help="The baseline file to write (JSON, one finding a line).")
@as_of_option
@expiring_option
def baseline(paths: tuple[str, ...], output: str, as_of: date | None,
             warn_expiring: int) -> None:
    """Record the map's findings, so that `check --baseline FILE` fails only on new ones."""
    from .baseline import baseline_lines

    with _handled(False):
        flowmap = _load(paths)
        report = run_check(flowmap, as_of=as_of, expiring_within=warn_expiring)
        _emit(baseline_lines(report), output, (*paths, *flowmap.files))
        recorded = sum(not f.waiver for f in report.findings)
        click.echo(f"dataflow: {recorded} finding(s) recorded in {terminal(output)}", err=True)
    _end(EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True, file_okay=True))
@click.option("-o", "--output", "output", metavar="FILE", help="Write to FILE.")
def schema(paths: tuple[str, ...], output: str | None) -> None:
    """Print the JSON Schema of the map file; with PATH..., one that also knows the
    jurisdictions, mechanisms, kinds and contract terms that map declares."""
    from .schema import json_schema_text

    with _handled(False):
        flowmap = _load(paths) if paths else None
        _emit(json_schema_text(flowmap), output, (*paths, *(flowmap.files if flowmap else ())))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rules(fmt: str) -> None:
    """List the rules: ID, name, severity, what each checks."""
    from .rules import RulePluginError, registered

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


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def jurisdictions(fmt: str) -> None:
    """List the built-in jurisdictions with their laws, as-of dates and sources."""
    from .jurisdictions import builtin_jurisdictions

    with _handled(fmt == "json"):
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


@main.command()
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
    with _handled(False):
        flowmap = _load(paths)
        subject = (run_check(flowmap, as_of=as_of, expiring_within=warn_expiring)
                   if choice.checked else flowmap)
        _emit(choice.make(subject), output, (*paths, *flowmap.files))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--base", metavar="GIT_REF",
              help="Compare PATH... with the same paths at this git revision (a branch, tag "
                   "or commit) instead of giving OLD and NEW.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True,
              help="text; json; markdown: for a pull-request comment, long sections collapsed.")
@output_option
@as_of_option
@expiring_option
@fail_on_option
def diff(paths: tuple[str, ...], base: str | None, fmt: str, output: str | None,
         as_of: date | None, warn_expiring: int, fail_on: str) -> None:
    """Show what a change to a map does: dataflow diff OLD NEW, or dataflow diff --base REF
    PATH...

    Lists the categories, subjects, processors and flows added, removed and changed (field by
    field), the transfers added, removed and changed (missing -> safeguarded), and the
    findings added and removed, each with its place in the new map. Exits 1 when the change
    adds a finding at or above --fail-on.
    """
    from .diff import diff_reports

    if base is None and len(paths) != 2:
        raise click.UsageError("give OLD and NEW, or --base GIT_REF and the map's paths")
    with _handled(fmt == "json"):
        inputs = [os.path.abspath(p) for p in paths]
        output = os.path.abspath(output) if output and output != "-" else output
        if base:  # both versions read from the repository's top, named as git names them
            top = _git_top(paths[0])
            shown = [_in_repository(p, top) for p in paths]
            with chdir(top):
                new_map = _load(shown)
            with _at_revision(base, top):
                absent = [p for p in shown if not os.path.exists(p)]
                if absent:
                    raise OutputError(f"--base {base}: {', '.join(absent)} did not exist at "
                                      "that revision; compare with a revision that has the "
                                      "map")
                old_map = _load(shown)
        else:
            old_map, new_map = _load(paths[:1]), _load(paths[1:])
        before = run_check(old_map, as_of=as_of, expiring_within=warn_expiring)
        after = run_check(new_map, as_of=as_of, expiring_within=warn_expiring)
        change = diff_reports(before, after)
        text = (change.to_json() if fmt == "json" else change.to_markdown()
                if fmt == "markdown" else change.to_text())
        _emit(text, output, (*inputs, *new_map.files))
    _end(_exit_code(change.added_report(after), fail_on))


def _git(*args: str) -> bytes:
    """A git command's output; :class:`OutputError` when git is missing or fails."""
    import subprocess

    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False)
    except OSError:
        raise OutputError("--base needs git, which is not installed") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise OutputError(f"git {' '.join(args)} failed: {said}")
    return done.stdout


def _git_top(path: str) -> str:
    """The top folder of the git repository that holds ``path``."""
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    try:
        return _git("-C", folder, "rev-parse", "--show-toplevel").decode().strip()
    except OutputError:
        raise OutputError(f"--base: {path} is not in a git repository; give OLD and NEW "
                          "instead") from None


def _in_repository(path: str, top: str) -> str:
    """``path`` relative to the repository's top, as git names it."""
    found = os.path.relpath(os.path.realpath(path), os.path.realpath(top))
    if found == os.pardir or found.startswith(os.pardir + os.sep):
        raise OutputError(f"--base: {path} is outside the repository at {top}")
    return found


@contextmanager
def _at_revision(revision: str, top: str) -> Iterator[None]:
    """Inside: the repository's YAML files as they were at a git revision, in a temporary
    folder that is the working folder, so that the same repository paths load the old map."""
    import shutil
    import tempfile

    try:
        _git("-C", top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except OutputError:
        raise OutputError(f"--base {revision}: no such revision in {top}") from None
    names = [n for n in _git("-C", top, "ls-tree", "-r", "-z", "--name-only", revision)
             .decode("utf-8", "surrogateescape").split("\0") if n.endswith((".yaml", ".yml"))]
    folder = tempfile.mkdtemp(prefix="dataflow-base-")
    try:
        for name in names:  # every YAML file of the revision: includes may reach any of them
            target = os.path.join(folder, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as stream:
                stream.write(_git("-C", top, "show", f"{revision}:{name}"))
        with chdir(folder):
            yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@main.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(list(TABLE_FORMATS)), default="text",
              show_default=True, help=f"Output format ({describe(TABLE_FORMATS)}).")
@output_option
@as_of_option
@expiring_option
@fail_on_option
def transfers(paths: tuple[str, ...], fmt: str, output: str | None, as_of: date | None,
              warn_expiring: int, fail_on: str) -> None:
    """One row per international transfer: adequate, safeguarded (mechanism) or missing.

    Exits like `check`: 1 when the map has findings at or above --fail-on. With
    `--fail-on never` the rules are not run: the table needs none of their findings.
    """
    with _handled(fmt == "json"):
        flowmap = _load(paths)
        # the table shows no finding: they are needed only to fail on them
        table_of = transfers_only if fail_on == "never" else run_check
        report = table_of(flowmap, as_of=as_of, expiring_within=warn_expiring)
        _emit(TABLE_FORMATS[fmt].stream(report), output, (*paths, *flowmap.files))
    _end(_exit_code(report, fail_on))


@main.command()
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
    from .render import LAYOUT_AT_MOST, MissingGlyphsWarning, RenderError, SelectionError, draw

    with _handled(False):
        flowmap = _load(paths)
        checked = run_check(flowmap, as_of=as_of, expiring_within=warn_expiring)
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
    _end(EXIT_OK)


@main.command()
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
    from .render import RenderError
    from .report import write_report

    with _handled(False):
        flowmap = _load(paths)
        checked = run_check(flowmap, as_of=as_of, expiring_within=warn_expiring)
        try:
            written = write_report(checked, output, inputs=paths, language=language)
        except RenderError as exc:
            raise OutputError(str(exc)) from None
    if language != "en" or written.map_language is not None:  # an English map need not say
        _say_untranslated(written.untranslated, written.map_language, language)
    _end(EXIT_OK)


@main.command()
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
    from .notice import NoticeError, build_notice, notice_format, render_notice

    with _handled(False):
        try:
            chosen = fmt or notice_format(output)  # before any work: a wrong name fails fast
            flowmap = _load(paths)
            written = build_notice(run_check(flowmap, as_of=as_of), law, language)
        except NoticeError as exc:
            raise OutputError(str(exc)) from None
        _emit(render_notice(written, chosen), output, (*paths, *flowmap.files))
    for gap in written.gaps:
        click.echo(f"dataflow: missing: {terminal(str(gap))}", err=True)
    if written.unlawful:
        click.echo(f"dataflow: {written.unlawful} listed transfer(s) have no safeguard "
                   f"{written.law} recognises: `dataflow check` says why", err=True)
    if written.not_listed:
        click.echo(f"dataflow: {written.not_listed} transfer(s) to destinations "
                   f"{written.law} recognises need no notice and are not listed", err=True)
    _say_untranslated(written.untranslated, written.map_language, language)
    if fail_on_missing and written.gaps:
        sys.exit(EXIT_FINDINGS)


def _country(_: Any, __: Any, value: str | None) -> str | None:
    from .countries import country_problem

    if value is not None and country_problem(value):
        raise click.BadParameter(country_problem(value) or "")
    return value


home_option = click.option("--home", metavar="CC", callback=_country, help=(
    "The country (ISO 3166-1 alpha-2) of the people the data is collected from, and the "
    "map's `home`."))


@main.group("import")
def import_group() -> None:
    """Make a map from an inventory you already keep: Fides manifests or a CSV table.

    The map is written whole or not at all (never over an input); what the input says that
    the map does not carry is listed at its top and on standard error. Check it with
    `dataflow check`. docs/importing.md says what maps to what.
    """


def _imported(imported: Any, read: Sequence[str], output: str | None,
              inputs: Sequence[str]) -> None:
    """Write an imported map, once it is known to load, and say what was imported."""
    from .importers import to_yaml

    text = to_yaml(imported)
    try:
        load_text(text, output or "<imported map>")
    except MapError as exc:  # the importer made a map it cannot read: its fault, not the user's
        raise OutputError("the imported map does not load, which is a fault of the importer "
                          "(please report it with the input): " + "; ".join(
                              p.message for p in exc.errors[:3])) from None
    _emit(text, output, inputs)
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
    from .importers import ImportOptionError, import_fides

    with _handled(False):
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
    from .importers import ImportOptionError, import_table

    with _handled(False):
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


def _say_untranslated(untranslated: int, map_language: str | None, language: str) -> None:
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


if __name__ == "__main__":  # pragma: no cover
    main()
