"""Output formats written straight from findings and transfers: the same bytes as the
general encoders they replace, for any text the model can hold."""

from __future__ import annotations

import json
import re
import sys
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dataflow.findings import Finding, Report, Severity, Transfer, fails
from dataflow.outputs import CHECK_FORMATS, safe
from dataflow.outputs import json as json_output
from dataflow.outputs.encoded import Encoded
from dataflow.outputs.json import _ITEM, finding, transfer
from dataflow.outputs.table import FORMATS as TABLES
from dataflow.rules import registered

#: Any text, lone surrogates and control characters included, with the characters that
#: every output escapes made likely.
TEXT = st.text(st.one_of(st.sampled_from('"\\\n\r\t\x00\x1f\x7f\u2028\u202e&<>%:,\'é한'),
                         st.characters(blacklist_categories=())), max_size=30)
OPTIONAL = st.none() | TEXT
#: Few distinct values, as in a report: the encoded forms are reused.
SHARED = st.sampled_from(["DF100", "DF203", "a \"quoted\" one", "한국", "", "back\\slash", "\ud800"])
WAIVER = st.none() | st.dictionaries(st.sampled_from(["reason", "ticket", "expires"]),
                                     OPTIONAL, max_size=3)

findings = st.builds(
    Finding, id=TEXT, rule=SHARED | TEXT, name=SHARED, severity=st.sampled_from(Severity),
    message=TEXT, file=st.none() | SHARED, line=st.none() | st.integers(0, 10**6),
    column=st.none() | st.integers(0, 999), remediation=SHARED | TEXT, flow=OPTIONAL,
    source=st.none() | SHARED, target=st.none() | SHARED, jurisdiction=OPTIONAL,
    law=st.none() | SHARED, destination=OPTIONAL,
    categories=st.lists(SHARED | TEXT, max_size=3).map(tuple),
    references=st.lists(SHARED, max_size=3).map(tuple), waiver=WAIVER, baselined=st.booleans())
transfers = st.builds(
    Transfer, flow=TEXT, source=st.none() | SHARED, target=SHARED | TEXT, jurisdiction=SHARED,
    destination=SHARED, onward=st.booleans(),
    status=st.sampled_from(["adequate", "safeguarded", "missing"]),
    mechanisms=st.lists(SHARED, max_size=3).map(tuple))


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


@settings(max_examples=200)
@given(st.lists(findings, min_size=1, max_size=8))
def test_a_finding_is_written_as_json_would_write_its_dict(items):
    encoded = Encoded(_ITEM.encode)  # shared by the items, as in a report
    for item in items:
        assert finding(item, encoded) == _json(item.to_dict())


#: Messages as a large report has them: mostly long printable ASCII, some not.
MESSAGES = st.one_of(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E),
                             min_size=1, max_size=40).map(lambda text: text * 10),
                     st.sampled_from(["전송 to 'sellers' (CN)", "a \"quoted\" one", "50%"]), TEXT)


@settings(max_examples=100)
@given(st.lists(MESSAGES, max_size=3 * safe.AT_ONCE),
       st.sampled_from(["", '"\\', '&<>"', "%"]), st.booleans())
def test_texts_looked_at_together_are_plain_when_each_alone_is(texts, avoided, ascii_only):
    assert safe.plain_each(texts, avoided, ascii_only) == [
        safe.plain(text, avoided, ascii_only) for text in texts]


def test_a_message_that_is_not_text_is_looked_at_alone():
    items = [Finding("DF1@x", "DF1", "n", Severity.ERROR, "plain text", None, None, None, "r"),
             Finding("DF1@y", "DF1", "n", Severity.ERROR, 3, None, None, None, "r")]  # type: ignore[arg-type]
    assert json_output.plain_messages(items) == [True, False]


@settings(max_examples=150)
@given(st.lists(transfers, min_size=1, max_size=8))
def test_a_transfer_is_written_as_json_would_write_its_dict(items):
    encoded = Encoded(_ITEM.encode)
    for item in items:
        assert transfer(item, encoded) == _json(item.to_dict())


def test_a_finding_built_by_hand_with_lists_is_written_all_the_same():
    item = Finding("DF1@x", "DF1", "n", Severity.ERROR, "m", None, None, None, "r",
                   categories=["a", "b"], references=["law"])  # type: ignore[arg-type]
    assert finding(item, Encoded(_ITEM.encode)) == _json(item.to_dict())


def _refused_by_isprintable(pattern: re.Pattern[str]) -> None:
    matched = [chr(c) for c in range(sys.maxunicode + 1) if pattern.match(chr(c))]
    assert matched
    assert not any(c.isprintable() for c in matched)


def test_text_that_is_printable_needs_no_escape_in_a_terminal_or_in_xml():
    # what lets terminal() and xml() return printable text as it is
    _refused_by_isprintable(safe._TERMINAL)
    _refused_by_isprintable(safe._NOT_XML)


@given(st.one_of(TEXT, st.text(st.characters(max_codepoint=0x7F))))
def test_a_string_is_written_as_the_json_encoder_writes_it(text):
    assert json_output._long_string(text) == _ITEM.encode(text)
    assert json_output._long_string(text * 40) == _ITEM.encode(text * 40)


@given(st.one_of(TEXT, st.text(st.characters(max_codepoint=0x7F))))
def test_printable_is_isprintable(text):
    assert safe.printable(text) is text.isprintable()


def test_printable_is_isprintable_for_each_ascii_character_alone_and_in_text():
    for code in range(0x80):
        character = chr(code)
        assert safe.printable(character) is character.isprintable()
        assert safe.printable(f"flow {character} to CN") is character.isprintable()


@given(TEXT)
def test_terminal_and_xml_change_what_their_patterns_match_and_nothing_else(text):
    assert safe.terminal(text) == safe._TERMINAL.sub(safe._terminal_escape, text)
    assert safe.xml(text) == safe._NOT_XML.sub("\ufffd", text)


@settings(max_examples=50)
@given(st.lists(findings, max_size=4), st.lists(transfers, max_size=4))
def test_reports_in_json_are_the_json_of_their_dicts(found, moved):
    report = Report("map", date(2026, 1, 1), tuple(found), tuple(moved))
    assert json_output.render(report) == json_output.dumps(report.to_dict())
    table = {"map": "map", "as_of": "2026-01-01", "transfers": [t.to_dict() for t in moved]}
    assert TABLES["json"].make(report) == json_output.dumps(table)


def _sarif_result(finding: Finding, index: dict[str, int]) -> dict[str, object]:
    """A SARIF result as a dict: how sarif.py wrote each one before, kept as its reference."""
    result: dict[str, object] = {
        "ruleId": finding.rule,
        "level": {"error": "error", "warning": "warning", "info": "note"}[finding.severity],
        "message": {"text": f"{finding.message}. Fix: {finding.remediation}"},
        "partialFingerprints": {"dataflowFindingId": finding.id},
        "properties": {"findingId": finding.id},
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if finding.file:
        result["locations"] = [{"physicalLocation": {
            "artifactLocation": {"uri": finding.file},
            "region": {"startLine": finding.line, "startColumn": finding.column},
        }}]
    if finding.baselined:
        result["baselineState"] = "unchanged"
    if finding.waiver:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": finding.waiver.get("reason", "")}]
    return result


def _assert_sarif_results_are_the_json_of_their_dicts(found: list[Finding]) -> None:
    report = Report("map", date(2026, 1, 1), tuple(found))
    rules = list(registered())
    lines = CHECK_FORMATS["sarif"].make(report).split("\n")
    results = [line.strip().removesuffix(",") for line in lines[lines.index(
        '      "results": [') + 1:-5]] if found else []
    index = {rule: number for number, rule in enumerate(rules)}
    assert results == [_json(_sarif_result(f, index)) for f in found]


@settings(max_examples=100)
@given(st.lists(findings, max_size=6))
def test_sarif_results_are_the_json_of_their_dicts(found):
    _assert_sarif_results_are_the_json_of_their_dicts(found)


_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_XML_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;",
                                "\r": "&#13;", "\t": "&#9;"})


def _junit_attribute(value: object) -> str:
    data = safe.xml(str(value)).translate(_XML_ATTRIBUTE)
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))


def _junit_case(finding: Finding, fail_on: str) -> str:
    """A JUnit test case: how junit.py wrote each one before, kept as its reference."""
    where = f"{finding.file}:{finding.line}:{finding.column}" if finding.file else "<map>"
    lines = [f"{where}: {finding.severity.value}: {finding.message} [{finding.id}]"]
    if finding.references:
        lines.append(f"  law: {'; '.join(finding.references)}")
    lines.append(f"  fix: {finding.remediation}")
    details = safe.xml("\n".join(lines)).translate(_XML_TEXT)
    place = (f" file={_junit_attribute(finding.file)} line={_junit_attribute(finding.line)}"
             if finding.file else "")
    head = (f"  <testcase classname={_junit_attribute(f'dataflow.{finding.rule}')} "
            f"name={_junit_attribute(finding.id)}{place}>\n")
    if fails(finding, fail_on):
        said = f"{finding.severity.value}: {finding.message}"
        outcome = (f"    <failure message={_junit_attribute(said)}"
                   f" type={_junit_attribute(f'{finding.rule} {finding.name}')}>"
                   f"{details}</failure>\n")
    else:
        why = ("in the baseline" if finding.baselined
               else f"waived ({finding.waiver.get('reason', '')}), so info, below --fail-on "
                    f"{fail_on}" if finding.waiver
               else f"{finding.severity.value}, below --fail-on {fail_on}")
        outcome = (f"    <skipped message={_junit_attribute(why)} />\n"
                   f"    <system-out>{details}</system-out>\n")
    return head + outcome + "  </testcase>\n"


def _assert_junit_test_cases_are_written_as_before(found: list[Finding], fail_on: str) -> None:
    report = Report("map", date(2026, 1, 1), tuple(found))
    pieces = list(CHECK_FORMATS["junit"].stream(report, fail_on=fail_on))
    assert pieces[1:1 + len(found)] == [_junit_case(f, fail_on) for f in found]


@settings(max_examples=100)
@given(st.lists(findings, max_size=6), st.sampled_from(["error", "warning", "info", "never"]))
def test_junit_test_cases_are_written_as_before(found, fail_on):
    _assert_junit_test_cases_are_written_as_before(found, fail_on)


def _github_escape_data(text: str) -> str:
    return safe.terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _github_escape_property(text: str) -> str:
    return _github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(f: Finding) -> str:
    """A GitHub annotation: how github.py wrote each one before, kept as its reference."""
    props = [f"title={_github_escape_property(f'{f.rule} {f.name}')}"]
    if f.file:
        props[:0] = [f"file={_github_escape_property(f.file)}", f"line={f.line}",
                     f"col={f.column}"]
    message = _github_escape_data(f"{f.message}. Fix: {f.remediation} [{f.id}]"
                                  + (" (in the baseline)" if f.baselined else ""))
    command = "notice" if f.baselined else {"error": "error", "warning": "warning",
                                            "info": "notice"}[f.severity]
    return f"::{command} {','.join(props)}::{message}\n"


def _text_entry(finding: Finding) -> str:
    """A finding in the text format: how text.py wrote each one before, kept as its
    reference."""
    where = f"{finding.file}:{finding.line}:{finding.column}" if finding.file else "<map>"
    lines = [safe.terminal(f"{where}: {finding.severity.value} {finding.rule} "
                           f"{finding.name}: {finding.message} [{finding.id}]")]
    if finding.references:
        lines.append(safe.terminal(f"  law: {'; '.join(finding.references)}"))
    lines.append(safe.terminal(f"  fix: {finding.remediation}"))
    if finding.waiver:
        lines.append(safe.terminal(f"  waived: {finding.waiver.get('reason')}"))
    if finding.baselined:
        lines.append("  baselined: in the baseline, so it fails nothing")
    return "\n".join(lines) + "\n"


@settings(max_examples=100)
@given(st.lists(findings, max_size=6))
def test_github_and_text_entries_are_written_as_before(found):
    _assert_github_and_text_entries_are_written_as_before(found)


def _assert_github_and_text_entries_are_written_as_before(found: list[Finding]) -> None:
    report = Report("map", date(2026, 1, 1), tuple(found))
    github = list(CHECK_FORMATS["github"].stream(report))
    assert github[:-1] == [_github_line(f) for f in found]
    text = list(CHECK_FORMATS["text"].stream(report))
    assert text[:-1] == [_text_entry(f) for f in found]


@settings(max_examples=30)
@given(st.lists(MESSAGES, min_size=safe.AT_ONCE, max_size=3 * safe.AT_ONCE))
def test_many_findings_are_written_as_each_would_be_alone(messages):
    # more findings than are looked at together, so that groups with and without a message
    # that needs an escape meet
    found = tuple(Finding(f"DF100@f{n}", "DF100", "n", Severity.ERROR, message, "a.yaml", n, 1,
                          "declare a safeguard") for n, message in enumerate(messages))
    report = Report("map", date(2026, 1, 1), found)
    assert json_output.render(report) == json_output.dumps(report.to_dict())
    _assert_sarif_results_are_the_json_of_their_dicts(list(found))
    _assert_junit_test_cases_are_written_as_before(list(found), "error")
    _assert_github_and_text_entries_are_written_as_before(list(found))
