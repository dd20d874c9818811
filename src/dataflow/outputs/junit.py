"""JUnit XML, for CI systems that show test reports: one test case per rule."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..findings import Report, Severity
from ..rules import RULES
from .safe import xml


def render(report: Report) -> str:
    name = report.map_name or "dataflow"
    suite = ET.Element("testsuite", name=f"dataflow: {name}")
    failures = 0
    by_rule: dict[str, list] = {rule_id: [] for rule_id in RULES}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    for rule_id, findings in by_rule.items():
        rule_name = RULES[rule_id].name if rule_id in RULES else rule_id
        case = ET.SubElement(suite, "testcase", classname=f"dataflow.{rule_id}",
                             name=f"{rule_id} {rule_name}")
        failing = [f for f in findings if f.severity is not Severity.INFO]
        if failing:
            failures += 1
            body = "\n".join(
                f"{f.file}:{f.line}:{f.column}: {f.severity.value}: {f.message} [{f.id}]\n"
                f"  fix: {f.remediation}" for f in failing)
            ET.SubElement(case, "failure", message=f"{len(failing)} finding(s)",
                          type=rule_id).text = body
        notes = [f for f in findings if f.severity is Severity.INFO]
        if notes:
            ET.SubElement(case, "system-out").text = "\n".join(
                f"{f.file}:{f.line}:{f.column}: info: {f.message} [{f.id}]" for f in notes)
    suite.set("tests", str(len(by_rule)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    for element in suite.iter():
        element.text = xml(element.text) if element.text else element.text
        for key, value in element.attrib.items():
            element.set(key, xml(value))
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
