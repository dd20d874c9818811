"""The two PIPC decisions (LAW.md §0), as modelled in examples/, give the findings they should."""

from __future__ import annotations

from pathlib import Path

import dataflow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_aliexpress_2024_provision_to_sellers_without_a_valid_ground():
    report = dataflow.check(dataflow.load(EXAMPLES / "pipc-aliexpress-2024.yaml"))
    by_id = {f.id: f for f in report.findings}
    pipa = by_id["DF100@orders-to-sellers@KR@CN"]
    assert pipa.severity == "error"
    assert pipa.law == "PIPA"
    # consent was claimed, but the notice lacked the recipient's contact (LAW.md §0.3)
    assert "counts only after notice of the items of PIPA Art. 28-8(2)" in pipa.message
    assert "the recipient's contact" in pipa.message
    # the sellers receive the data as third parties: entrustment is no way out
    assert "`contract_necessity`" not in pipa.remediation
    assert "`consent` (PIPA Art. 28-8(1)1) after notice" in pipa.remediation
    disclosure = by_id["DF110@orders-to-sellers@KR@CN"]
    assert "the recipient's contact (`contact`)" in disclosure.message
    terms = by_id["DF111@orders-to-sellers@KR@CN"]  # the seller terms lacked the measures
    assert "security_measures, grievance_handling, dispute_resolution" in terms.message
    assert terms.references == ("PIPA Art. 28-8(4); Enforcement Decree Art. 29-10",)
    (korean,) = [t for t in report.transfers if t.jurisdiction == "KR"]
    assert (korean.destination, korean.status, korean.onward) == ("CN", "missing", False)


def test_temu_2025_entrustment_abroad_without_disclosure():
    report = dataflow.check(dataflow.load(EXAMPLES / "pipc-temu-2025.yaml"))
    missing = {(t.flow, t.destination) for t in report.transfers
               if t.jurisdiction == "KR" and t.status == "missing"}
    assert {d for _, d in missing} == {"CN", "SG", "JP", "US", "AU", "ID"}
    assert all(t.status == "missing" for t in report.transfers)
    for finding in report.findings:
        if finding.rule == "DF110":
            assert "when and how the data is sent (`method`)" in finding.message
    assert {f.rule for f in report.findings} == {"DF100", "DF110", "DF111"}
