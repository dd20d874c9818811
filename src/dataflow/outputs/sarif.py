"""SARIF 2.1.0, for code-scanning dashboards; waived findings carry their justification."""

from __future__ import annotations

from .. import __name__ as _package
from ..findings import Report, Severity
from ..rules import RULES
from .json import dumps

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report) -> str:
    from .. import __version__

    rules = [{
        "id": rule.id, "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"references": list(rule.references)},
    } for rule in RULES.values()]
    index = {rule.id: i for i, rule in enumerate(RULES.values())}
    results = []
    for finding in report.findings:
        result = {
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
        if finding.waiver:
            result["suppressions"] = [{"kind": "external", "status": "accepted",
                                       "justification": finding.waiver.get("reason", "")}]
        results.append(result)
    return dumps({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": _package, "version": __version__,
                                "informationUri": "https://pypi.org/project/dataflow-map/",
                                "rules": rules}},
            "results": results,
        }],
    })
