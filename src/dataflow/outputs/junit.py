"""JUnit XML, for CI systems that show test reports: one test case per finding, failed or
skipped as ``--fail-on`` decides, and one passing case per rule that found nothing, so that
CI interfaces count what the check counts."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Report, fails
from ..rules import registered
from .encoded import Encoded
from .safe import plain_each, xml

# What xml.sax.saxutils' escape and quoteattr do, written out: that module imports
# urllib.request (and with it http, email and ssl), a sixth of a small check's start-up.
# Each character is replaced on its own ("&" first), so text can be escaped in parts. Most
# text holds none of them, and looking for them costs a tenth of what replacing them does.


def _text(value: str) -> str:
    value = xml(value)
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value


def _attribute(value: object) -> str:
    if type(value) is int:  # a line number: digits only
        return f'"{value}"'
    return _quoted(_text(str(value)))


def _quoted(data: str) -> str:
    """Text escaped by :func:`_text` as the value of an attribute, in quotes."""
    if "\n" in data or "\r" in data or "\t" in data:
        data = data.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))


#: What :func:`_text` and :func:`_quoted` replace in printable text.
_ESCAPED = '&<>"'


def _plain(texts: list[str]) -> list[bool]:
    """For each text (the findings' messages, or their IDs), whether it is printable text that
    neither an element's text nor an attribute in double quotes escapes
    (:func:`.safe.plain_each`)."""
    return plain_each(texts, _ESCAPED)


class _Escaped:
    """The escaped text of what a report's findings repeat, each worked out once."""

    def __init__(self) -> None:
        self.attribute = Encoded(_attribute)
        self.text = Encoded(_text)
        self.laws = Encoded(lambda laws: _text(f"\n  law: {'; '.join(laws)}") if laws else "")
        self.fix = Encoded(lambda remediation: _text(f"\n  fix: {remediation}"))


def _details(finding: Finding, escaped: _Escaped, message: str, number: str) -> str:
    """What the finding says, as the text of an element (``message`` and ``number``, its
    message and ID, escaped already): escaping goes character by character, so the parts
    findings share are escaped once."""
    where = (f"{escaped.text[finding.file]}:{finding.line}:{finding.column}" if finding.file
             else "&lt;map&gt;")
    return (f"{where}: {finding.severity.value}: {message} "
            f"[{number}]{escaped.laws[finding.references]}"
            f"{escaped.fix[finding.remediation]}")


def _case(finding: Finding, fail_on: str, failed: bool, escaped: _Escaped,
          plain_message: bool = False, plain_id: bool = False) -> str:
    """One test case; ``plain_message`` and ``plain_id`` say that the message and the ID need
    no escape, in an attribute's quotes too (:func:`_plain`)."""
    attribute = escaped.attribute
    # the message and the ID are written twice, as an attribute and as text: escaped once
    message = finding.message if plain_message else _text(finding.message)
    number = finding.id if plain_id else _text(finding.id)
    place = (f" file={attribute[finding.file]} line={_attribute(finding.line)}"
             if finding.file else "")
    name = f'"{number}"' if plain_id else _quoted(number)
    head = (f"  <testcase classname={attribute[f'dataflow.{finding.rule}']} "
            f"name={name}{place}>\n")
    details = _details(finding, escaped, message, number)
    if failed:
        said = (f'"{finding.severity.value}: {message}"' if plain_message
                else _quoted(f"{finding.severity.value}: {message}"))
        outcome = (f"    <failure message={said}"
                   f" type={attribute[f'{finding.rule} {finding.name}']}>"
                   f"{details}</failure>\n")
    else:
        why = ("in the baseline" if finding.baselined
               else f"waived ({finding.waiver.get('reason', '')}), so info, below --fail-on "
                    f"{fail_on}" if finding.waiver
               else f"{finding.severity.value}, below --fail-on {fail_on}")
        outcome = (f"    <skipped message={attribute[why]} />\n"
                   f"    <system-out>{details}</system-out>\n")
    return head + outcome + "  </testcase>\n"


def stream(report: Report, *, fail_on: str = "error") -> Iterator[str]:
    """The XML in pieces: the suite with its counts, then a test case a finding, then one
    passing case per rule without findings."""
    found = {finding.rule for finding in report.findings}
    quiet = [rule for rule_id, rule in registered().items() if rule_id not in found]
    failed = [fails(f, fail_on) for f in report.findings]
    failures = sum(failed)
    tests = len(report.findings) + len(quiet)
    skipped = len(report.findings) - failures
    name = f"dataflow: {report.map_name or 'the map'}"
    counts = (f"tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" "
              f"skipped=\"{skipped}\"")
    yield ("<?xml version='1.0' encoding='utf-8'?>\n"
           f"<testsuites name={_attribute(name)} {counts}>\n"
           f"<testsuite name={_attribute(name)} {counts}>\n")
    escaped = _Escaped()
    messages_plain = _plain([finding.message for finding in report.findings])
    ids_plain = _plain([finding.id for finding in report.findings])
    for finding, failing, plain_message, plain_id in zip(
            report.findings, failed, messages_plain, ids_plain, strict=True):
        yield _case(finding, fail_on, failing, escaped, plain_message, plain_id)
    for rule in quiet:
        yield (f"  <testcase classname={_attribute(f'dataflow.{rule.id}')} "
               f"name={_attribute(f'{rule.id} {rule.name}')} />\n")
    yield "</testsuite>\n</testsuites>\n"


def render(report: Report, *, fail_on: str = "error") -> str:
    return "".join(stream(report, fail_on=fail_on))
