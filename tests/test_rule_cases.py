"""One table of cases per rule (tests/rules/<ID>.yaml), in the checkov style.

Each file is a small map whose elements, waivers or references are named ``fail_*`` (the rule
must find each of them) or ``pass_*`` (the rule must find none of them). The names found in
the rule's finding IDs and flows must be exactly the ``fail_*`` names of the file, so a branch of a rule
that starts finding too much or too little fails here; every rule must have such a file, with
at least one case of each kind.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import dataflow
from dataflow.baseline import read_baseline
from dataflow.rules import RULES

CASES = Path(__file__).parent / "rules"
NAME = re.compile(r"(?<![A-Za-z0-9_])(?:pass|fail)_[A-Za-z0-9_]+")


def _names(data: Any) -> set[str]:
    """Every pass_/fail_ name in the map's data (comments are not data)."""
    if isinstance(data, dict):
        return set().union(*(_names(k) | _names(v) for k, v in data.items()))
    if isinstance(data, list):
        return set().union(*(_names(v) for v in data))
    return set(NAME.findall(data)) if isinstance(data, str) else set()


def test_every_rule_has_a_table_of_cases():
    assert {p.stem for p in CASES.glob("*.yaml")} == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_finds_exactly_the_failing_cases(rule_id):
    path = CASES / f"{rule_id}.yaml"
    names = _names(yaml.safe_load(path.read_text(encoding="utf-8")))
    failing = {n for n in names if n.startswith("fail_")}
    assert failing, "a table needs fail_* cases"
    assert names - failing, "a table needs pass_* cases"
    given = CASES / f"{rule_id}.baseline.json"  # a rule about baselines is checked with one
    baseline = read_baseline(str(given)) if given.exists() else None
    report = dataflow.check(dataflow.load(path), baseline=baseline)
    found = {n for f in report.findings if f.rule == rule_id
             for n in NAME.findall(f"{f.id} {f.flow or ''}")}
    assert found == failing, (
        f"found but passing: {sorted(found - failing)}; failing but not found: "
        f"{sorted(failing - found)}")


def test_advice_names_only_the_mechanisms_in_force_at_the_date():
    """The old standard clauses stopped counting after 27 Dec 2022 (eu.yaml): a fix judged
    later does not suggest them; one judged before their end does."""
    text = """\
dataflow: 1
home: DE
as_of: {date}
categories: [{{id: orders}}]
processors:
  - {{id: shop, role: controller, locations: [DE], collects: [{{categories: [orders]}}]}}
  - {{id: host, entity: Host Inc., role: processor, locations: [US]}}
flows: [{{from: shop, to: host, categories: [orders]}}]
"""
    def advice(date: str) -> str:
        report = dataflow.check(dataflow.loads(text.format(date=date)))
        (found,) = [f for f in report.findings if f.rule == "DF100"]
        return found.remediation

    assert "`scc_2010`" not in advice("2026-06-30")
    assert "`scc` (" in advice("2026-06-30")
    assert "`scc_2010`" in advice("2022-06-30")


@pytest.mark.parametrize("words", [True, False])
def test_a_finding_about_a_transfer_is_the_one_the_rule_api_makes(words):
    """The transfer rules make their findings without the keywords of ``Rule.finding``: the
    same findings, in a check with words and without."""
    from dataflow.check import analyse
    from dataflow.rules.wording import about_transfer

    root = Path(__file__).parent.parent
    for path in (root / "examples/korea-marketplace.yaml", root / "examples/eu-saas/map.yaml"):
        analysis = analyse(dataflow.load(str(path)))
        analysis.words = words
        rules = list(RULES.values())
        for number, verdict in enumerate(analysis.verdicts):
            rule, transfer = rules[number % len(rules)], verdict.transfer
            assert about_transfer(rule, analysis, verdict, "said", "do", ("Art. 1",)) == (
                rule.finding(analysis, element=verdict.element,
                             parts=(transfer.flow, transfer.jurisdiction,
                                    transfer.destination),
                             message="said", remediation="do", flow=transfer.flow,
                             source=transfer.source, target=transfer.target,
                             jurisdiction=transfer.jurisdiction, law=verdict.jurisdiction.law,
                             destination=transfer.destination, categories=verdict.categories,
                             references=("Art. 1",)))
        assert analysis.verdicts
