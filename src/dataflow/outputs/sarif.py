"""SARIF 2.1.0, for code-scanning dashboards: each rule with its help, each result at the
element that causes it; waived findings carry their justification as a suppression."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import __name__ as _package
from ..findings import Finding, Report, Severity
from ..rules import Rule, registered
from .encoded import Encoded
from .json import _ITEM, _long_string, _string, plain_messages

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _help(rule: Rule) -> dict[str, str]:
    """The rule's documentation as plain text and as Markdown, with its legal references."""
    laws = "".join(f"\n- {reference}" for reference in rule.references)
    text = rule.doc + (f"\n\nLegal references:{laws}" if laws else "")
    markdown = (f"**{rule.id} {rule.name}** ({rule.severity.value})\n\n"
                + rule.doc.replace("``", "`")
                + (f"\n\n**Legal references**\n{laws}" if laws else ""))
    return {"text": text, "markdown": markdown}


def _rule(rule: Rule) -> dict[str, Any]:
    return {"id": rule.id, "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "help": _help(rule),
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            "properties": {"references": list(rule.references)}}


def _result(finding: Finding, encoded: Encoded, fixes: Encoded, rule_index: dict[str, str],
            plain_message: bool = False) -> str:
    """One result as JSON on one line, put together from the finding's fields as
    :func:`.json.finding` does: ``encoded`` and ``fixes`` hold the JSON text of the values
    findings share, ``rule_index`` the ``"ruleIndex"`` member of each rule, and
    ``plain_message`` says that the message needs no escape (:func:`.json.plain_messages`)."""
    number = _string(finding.id)
    # "text" is the message, ". Fix: " and the remediation: escaping goes character by
    # character, so the remediation's part is encoded once for every finding that has it
    message, quote = ((finding.message, '"') if plain_message
                      else (_long_string(finding.message)[:-1], ""))
    text = (f'{{"ruleId": {encoded[finding.rule]}, "level": "{_LEVEL[finding.severity]}", '
            f'"message": {{"text": {quote}{message}{fixes[finding.remediation]}}}, '
            f'"partialFingerprints": {{"dataflowFindingId": {number}}}, '
            f'"properties": {{"findingId": {number}}}{rule_index.get(finding.rule, "")}')
    if finding.file:
        line, column = finding.line, finding.column
        text += (f', "locations": [{{"physicalLocation": {{"artifactLocation": {{"uri": '
                 f'{encoded[finding.file]}}}, "region": {{"startLine": '
                 f'{"null" if line is None else line}, "startColumn": '
                 f'{"null" if column is None else column}}}}}}}]')
    if finding.baselined:
        text += ', "baselineState": "unchanged"'
    if finding.waiver:
        text += (', "suppressions": [{"kind": "external", "status": "accepted", '
                 f'"justification": {_ITEM.encode(finding.waiver.get("reason", ""))}}}]')
    return text + "}"


def stream(report: Report, *, fail_on: str = "error") -> Iterator[str]:
    """The SARIF log in pieces: the tool and its rules, then one result a line."""
    from .. import __version__

    rules = registered()

    tool = {"driver": {"name": _package, "version": __version__,
                       "informationUri": "https://pypi.org/project/dataflow-map/",
                       "rules": [_rule(rule) for rule in rules.values()]}}
    rule_index = {rule_id: f', "ruleIndex": {i}' for i, rule_id in enumerate(rules)}
    encoded = Encoded(_ITEM.encode)
    fixes = Encoded(lambda remediation: _string(f". Fix: {remediation}")[1:])
    yield ('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n'
           '  "version": "2.1.0",\n  "runs": [\n    {\n'
           f'      "tool": {_ITEM.encode(tool)},\n      "results": [')
    messages_plain = plain_messages(report.findings)
    for number, finding in enumerate(report.findings):
        yield ((",\n" if number else "\n") + "        "
               + _result(finding, encoded, fixes, rule_index, messages_plain[number]))
    yield ("\n      ]" if report.findings else "]") + "\n    }\n  ]\n}\n"


def render(report: Report, *, fail_on: str = "error") -> str:
    return "".join(stream(report, fail_on=fail_on))
