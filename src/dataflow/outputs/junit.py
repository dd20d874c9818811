"""JUnit XML, for CI systems that show test reports: one test case per finding, failed or
skipped as ``--fail-on`` decides, and one passing case per rule that found nothing, so that
CI interfaces count what the check counts."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Report, fails
from ..rules import registered
from .safe import xml

# What xml.sax.saxutils' escape and quoteattr do, written out: that module imports
# urllib.request (and with it http, email and ssl), a sixth of a small check's start-up.
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;",
                            "\r": "&#13;", "\t": "&#9;"})


def _attribute(value: object) -> str:
    data = xml(str(value)).translate(_ATTRIBUTE)
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))


def _text(value: str) -> str:
    return xml(value).translate(_TEXT)


def _details(finding: Finding) -> str:
    where = f"{finding.file}:{finding.line}:{finding.column}" if finding.file else "<map>"
    lines = [f"{where}: {finding.severity.value}: {finding.message} [{finding.id}]"]
    if finding.references:
        lines.append(f"  law: {'; '.join(finding.references)}")
    lines.append(f"  fix: {finding.remediation}")
    return "\n".join(lines)


def _case(finding: Finding, fail_on: str) -> str:
    place = (f" file={_attribute(finding.file)} line={_attribute(finding.line)}"
             if finding.file else "")
    head = (f"  <testcase classname={_attribute(f'dataflow.{finding.rule}')} "
            f"name={_attribute(finding.id)}{place}>\n")
    if fails(finding, fail_on):
        said = f"{finding.severity.value}: {finding.message}"
        outcome = (f"    <failure message={_attribute(said)}"
                   f" type={_attribute(f'{finding.rule} {finding.name}')}>"
                   f"{_text(_details(finding))}</failure>\n")
    else:
        why = ("in the baseline" if finding.baselined
               else f"waived ({finding.waiver.get('reason', '')}), so info, below --fail-on "
                    f"{fail_on}" if finding.waiver
               else f"{finding.severity.value}, below --fail-on {fail_on}")
        outcome = (f"    <skipped message={_attribute(why)} />\n"
                   f"    <system-out>{_text(_details(finding))}</system-out>\n")
    return head + outcome + "  </testcase>\n"


def stream(report: Report, *, fail_on: str = "error") -> Iterator[str]:
    """The XML in pieces: the suite with its counts, then a test case a finding, then one
    passing case per rule without findings."""
    found = {finding.rule for finding in report.findings}
    quiet = [rule for rule_id, rule in registered().items() if rule_id not in found]
    failures = sum(fails(f, fail_on) for f in report.findings)
    tests = len(report.findings) + len(quiet)
    skipped = len(report.findings) - failures
    name = f"dataflow: {report.map_name or 'the map'}"
    counts = (f"tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" "
              f"skipped=\"{skipped}\"")
    yield ("<?xml version='1.0' encoding='utf-8'?>\n"
           f"<testsuites name={_attribute(name)} {counts}>\n"
           f"<testsuite name={_attribute(name)} {counts}>\n")
    for finding in report.findings:
        yield _case(finding, fail_on)
    for rule in quiet:
        yield (f"  <testcase classname={_attribute(f'dataflow.{rule.id}')} "
               f"name={_attribute(f'{rule.id} {rule.name}')} />\n")
    yield "</testsuite>\n</testsuites>\n"


def render(report: Report, *, fail_on: str = "error") -> str:
    return "".join(stream(report, fail_on=fail_on))
