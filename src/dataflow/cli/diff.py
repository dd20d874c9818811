"""`dataflow diff`: what a change to a map does."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import chdir, contextmanager
from datetime import date

import click

from ..check import check as run_check
from ..outputs import OutputError
from .common import (
    as_of_option,
    emit,
    end,
    exit_code,
    expiring_option,
    fail_on_option,
    handled,
    load_maps,
    output_option,
)


@click.command()
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
    from ..diff import diff_reports

    if base is None and len(paths) != 2:
        raise click.UsageError("give OLD and NEW, or --base GIT_REF and the map's paths")
    with handled(fmt == "json"):
        inputs = [os.path.abspath(p) for p in paths]
        output = os.path.abspath(output) if output and output != "-" else output
        if base:  # both versions read from the repository's top, named as git names them
            top = _git_top(paths[0])
            shown = [_in_repository(p, top) for p in paths]
            with chdir(top):
                new_map = load_maps(shown)
            with _at_revision(base, top):
                absent = [p for p in shown if not os.path.exists(p)]
                if absent:
                    raise OutputError(f"--base {base}: {', '.join(absent)} did not exist at "
                                      "that revision; compare with a revision that has the "
                                      "map")
                old_map = load_maps(shown)
        else:
            old_map, new_map = load_maps(paths[:1]), load_maps(paths[1:])
        before = run_check(old_map, as_of=as_of, expiring_within=warn_expiring)
        after = run_check(new_map, as_of=as_of, expiring_within=warn_expiring)
        change = diff_reports(before, after)
        text = (change.to_json() if fmt == "json" else change.to_markdown()
                if fmt == "markdown" else change.to_text())
        emit(text, output, (*inputs, *new_map.files))
    end(exit_code(change.added_report(after), fail_on))


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
