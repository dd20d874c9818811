"""SARIF 2.1.0, for code-scanning dashboards: each rule with its help, each result at the
element that causes it; waived findings carry their justification as a suppression."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import __name__ as _package
from ..findings import Finding, Report, Severity
from ..rules import Rule, registered
from .json import _ITEM

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


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _LEVEL[finding.severity],
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


def stream(report: Report, *, fail_on: str = "error") -> Iterator[str]:
    """The SARIF log in pieces: the tool and its rules, then one result a line."""
    from .. import __version__

    rules = registered()

    tool = {"driver": {"name": _package, "version": __version__,
                       "informationUri": "https://pypi.org/project/dataflow-map/",
                       "rules": [_rule(rule) for rule in rules.values()]}}
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    yield ('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n'
           '  "version": "2.1.0",\n  "runs": [\n    {\n'
           f'      "tool": {_ITEM.encode(tool)},\n      "results": [')
    for number, finding in enumerate(report.findings):
        yield (",\n" if number else "\n") + "        " + _ITEM.encode(_result(finding, index))
    yield ("\n      ]" if report.findings else "]") + "\n    }\n  ]\n}\n"


def render(report: Report, *, fail_on: str = "error") -> str:
    return "".join(stream(report, fail_on=fail_on))
