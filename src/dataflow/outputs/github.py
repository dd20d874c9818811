"""GitHub Actions workflow commands: findings appear as annotations on the pull request."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import Problem
from ..findings import Report, Severity
from .encoded import Encoded
from .safe import plain_each, terminal

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    if "%" in text or "\r" in text or "\n" in text:  # looking costs less than replacing
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(text)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def error_lines(problems: Iterable[Problem], message: str = "") -> Iterator[str]:
    """Invalid input as error annotations, each at its file and line where it has one."""
    for problem in problems:
        where = (f"file={_escape_property(problem.file)},line={problem.line},"
                 f"col={problem.column},") if problem.file else ""
        yield f"::error {where}title=invalid map::{_escape_data(problem.message)}\n"
    if message:
        yield f"::error title=dataflow::{_escape_data(message)}\n"


def stream(report: Report, *, fail_on: str = "error") -> Iterator[str]:
    """One workflow command a finding, then a summary line."""
    # what findings share, escaped once per report (escaping goes character by character)
    titles = Encoded(lambda rule_name: f"title={_escape_property(' '.join(rule_name))}")
    files = Encoded(lambda file: f"file={_escape_property(file)},")
    fixes = Encoded(lambda remediation: _escape_data(f". Fix: {remediation} ["))
    # a message or ID that is printable without "%" needs no escape (looked at many at a time)
    messages_plain = plain_each([f.message for f in report.findings], "%")
    ids_plain = plain_each([f.id for f in report.findings], "%")
    for f, plain_message, plain_id in zip(report.findings, messages_plain, ids_plain,
                                          strict=True):
        place = f"{files[f.file]}line={f.line},col={f.column}," if f.file else ""
        message = ((f.message if plain_message else _escape_data(f.message))
                   + fixes[f.remediation] + (f.id if plain_id else _escape_data(f.id)) + "]"
                   + (" (in the baseline)" if f.baselined else ""))
        command = "notice" if f.baselined else _COMMAND[f.severity]
        yield f"::{command} {place}{titles[f.rule, f.name]}::{message}\n"
    s = report.summary
    yield f"dataflow: {s['error']} error(s), {s['warning']} warning(s), {s['info']} info\n"


def render(report: Report, *, fail_on: str = "error") -> str:
    return "".join(stream(report, fail_on=fail_on))
