"""The transfer engine on maps that declare their own law, so every branch is visible.

The law ``TESTLAW`` covers New Zealand here (a map may add jurisdictions); Mexico, Thailand
and Argentina have no transfer rules of their own in these maps.
"""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

import dataflow

LAW = """\
dataflow: 1
name: Test
home: NZ
as_of: 2026-06-30
jurisdictions:
  - id: TESTLAW
    name: Test land
    law: TL
    members: [NZ]
    adequate:
      - {destination: AR, since: 2000-01-01, source: Decision A}
      - {destination: US, since: 2023-07-10, requires_certification: dpf, source: Decision U}
      - {destination: CL, since: 2027-01-01, source: Decision C}
      - {destination: UY, since: 2000-01-01, until: 2025-12-31, source: Decision Y}
    mechanisms:
      - {mechanism: scc, reference: TL Art. 46}
      - {mechanism: consent, reference: TL Art. 49}
      - {mechanism: contract_necessity, reference: TL Art. 28, roles: [processor]}
    requirements:
      - {one_of: [scc, consent, contract_necessity], reference: TL Art. 44, explanation: a recognised safeguard}
      - {one_of: [consent], when: {sensitive: true}, reference: TL Art. 23, explanation: separate consent for sensitive data}
      - {one_of: [scc], when: {volume_at_least: 100000}, reference: TL Art. 50, explanation: clauses above 100000 people}
    disclosure: {reference: TL Art. 13, items: [recipient, contact, purpose, retention]}
    recipient_terms: {reference: TL Art. 28(4), items: [security_measures, dispute_resolution]}
categories:
  - {id: email, name: E-mail}
  - {id: health, name: Health, sensitive: true}
  - {id: blood, parent: health}
subjects: [{id: customer, name: Customers}]
processors:
  - id: app
    entity: App Ltd
    role: controller
    locations: [NZ]
    collects: [{categories: [email, health, blood], subjects: [customer]}]
"""


def check(extra: str, as_of: date | None = None) -> dataflow.Report:
    return dataflow.check(dataflow.loads(LAW + textwrap.dedent(extra)), as_of=as_of)


def rows(report: dataflow.Report) -> set[tuple]:
    return {(t.flow, t.jurisdiction, t.destination, t.status, t.onward, t.mechanisms)
            for t in report.transfers}


def ids(report: dataflow.Report, rule: str | None = None) -> set[str]:
    return {f.id for f in report.findings if rule is None or f.rule == rule}


RECIPIENT = """\
  - {id: mx, entity: MX SA, role: processor, locations: [MX], contact: dpo@mx.example, contract_terms: [security_measures, dispute_resolution]}
"""
FLOW = """\
flows:
  - {id: f, from: app, to: mx, categories: [email], purpose: P, retention: R, volume: 1000%s}
"""


def test_flow_inside_the_law_is_no_transfer():
    report = check("  - {id: nz2, locations: [NZ]}\nflows:\n  - {id: f, from: app, to: nz2, "
                   "categories: [email]}\n")
    assert report.transfers == ()


def test_unsafeguarded_transfer_is_df100_with_id_place_law_and_fix():
    report = check(RECIPIENT + FLOW % "")
    assert rows(report) == {("f", "TESTLAW", "MX", "missing", False, ())}
    (finding,) = [f for f in report.findings if f.rule == "DF100"]
    assert finding.id == "DF100@f@TESTLAW@MX"
    assert (finding.severity, finding.law, finding.destination) == ("error", "TL", "MX")
    assert (finding.source, finding.target, finding.categories) == ("app", "mx", ("email",))
    assert (finding.file, finding.line) == ("<string>", 38)
    assert "TL has no adequacy decision for Mexico (MX)" in finding.message
    assert "a recognised safeguard (TL Art. 44)" in finding.message
    assert finding.references == ("TL Art. 44",)
    assert "`scc` (TL Art. 46)" in finding.remediation
    assert "`contract_necessity` (TL Art. 28)" in finding.remediation


@pytest.mark.parametrize(("recipient", "status", "words"), [
    ("{id: ar, locations: [AR]}", "adequate", None),
    ("{id: us, locations: [US], certifications: [dpf]}", "adequate", None),
    ("{id: us, locations: [US]}", "missing", "covers only recipients certified under 'dpf'"),
    ("{id: cl, locations: [CL]}", "missing", "applies only from 2027-01-01"),
    ("{id: uy, locations: [UY]}", "missing", "ended on 2025-12-31"),
])
def test_adequacy_is_judged_at_as_of_with_its_certification(recipient, status, words):
    target = recipient.split(",")[0].split(": ")[1]
    report = check(f"  - {recipient}\nflows:\n  - {{id: f, from: app, to: {target}, "
                   "categories: [email]}\n")
    (transfer,) = report.transfers
    assert transfer.status == status
    df100 = [f for f in report.findings if f.rule == "DF100"]
    assert bool(df100) == (status == "missing")
    if words:
        assert words in df100[0].message


def test_adequacy_starts_on_its_day():
    flow = "  - {id: cl, locations: [CL]}\nflows:\n  - {id: f, from: app, to: cl, categories: [email]}\n"
    assert check(flow, as_of=date(2026, 12, 31)).transfers[0].status == "missing"
    assert check(flow, as_of=date(2027, 1, 1)).transfers[0].status == "adequate"


@pytest.mark.parametrize(("safeguards", "status", "mechanisms"), [
    (", safeguards: [{mechanism: scc, reference: DPA}]", "safeguarded", ("scc",)),
    (", safeguards: [{mechanism: scc, expires: 2026-06-30}]", "missing", ()),
    (", safeguards: [{mechanism: scc, expires: 2026-07-01}]", "safeguarded", ("scc",)),
    (", safeguards: [{mechanism: scc, jurisdictions: [EU]}]", "missing", ()),
    (", safeguards: [{mechanism: bcr, jurisdictions: [TESTLAW]}]", "missing", ()),
    (", safeguards: [{mechanism: contract_necessity}]", "safeguarded", ("contract_necessity",)),
])
def test_safeguards_on_the_flow(safeguards, status, mechanisms):
    report = check(RECIPIENT + FLOW % safeguards)
    (transfer,) = report.transfers
    assert (transfer.status, transfer.mechanisms) == (status, mechanisms)


def test_expired_and_unrecognised_safeguards_are_reported():
    report = check(RECIPIENT + FLOW % ", safeguards: [{mechanism: scc, expires: 2026-01-01}, "
                   "{mechanism: bcr, jurisdictions: [TESTLAW, MX]}]")
    assert ids(report, "DF101") == {"DF101@f@scc@2026-01-01"}
    assert ids(report, "DF102") == {"DF102@f@TESTLAW@bcr", "DF102@f@MX@bcr"}
    df100 = next(f for f in report.findings if f.rule == "DF100")
    assert "'scc' expired on 2026-01-01" in df100.message
    assert "'bcr' is not a mechanism TL recognises" in df100.message


def test_mechanism_limited_to_a_role():
    third = RECIPIENT.replace("role: processor", "role: third_party")
    report = check(third + FLOW % ", safeguards: [{mechanism: contract_necessity}]")
    assert report.transfers[0].status == "missing"
    message = next(f for f in report.findings if f.rule == "DF100").message
    assert "covers only transfers to a processor (TL Art. 28), and 'mx' is a third party" in message
    remedy = next(f for f in report.findings if f.rule == "DF100").remediation
    assert "contract_necessity" not in remedy


def test_processor_safeguard_covers_every_flow_into_it():
    recipient = RECIPIENT.replace("}\n", ", safeguards: [{mechanism: scc, reference: BCR}]}\n")
    report = check(recipient + FLOW % "")
    assert rows(report) == {("f", "TESTLAW", "MX", "safeguarded", False, ("scc",))}


def test_sensitive_data_needs_what_the_law_adds():
    flow = RECIPIENT + """\
flows:
  - {id: f, from: app, to: mx, categories: [blood], purpose: P, retention: R, safeguards: [{mechanism: scc}]}
"""
    report = check(flow)
    assert report.transfers[0].status == "missing"
    assert "separate consent for sensitive data (TL Art. 23)" in next(
        f for f in report.findings if f.rule == "DF100").message
    report = check(flow.replace("[{mechanism: scc}]", "[{mechanism: scc}, {mechanism: consent}]"))
    assert report.transfers[0].mechanisms == ("scc", "consent")


@pytest.mark.parametrize(("volume", "mechanism", "status"), [
    ("99999", "consent", "safeguarded"),
    ("100000", "consent", "missing"),
    ("100000", "scc", "safeguarded"),
])
def test_volume_thresholds(volume, mechanism, status):
    flow = FLOW.replace("volume: 1000", f"volume: {volume}")
    report = check(RECIPIENT + flow % f", safeguards: [{{mechanism: {mechanism}}}]")
    assert report.transfers[0].status == status


def test_data_keeps_its_law_along_paths_and_onward_is_marked():
    report = check(RECIPIENT + """\
  - {id: th, role: processor, locations: [TH]}
  - {id: nz2, locations: [NZ]}
  - {id: ar, locations: [AR]}
flows:
  - {id: out, from: app, to: mx, categories: [email], safeguards: [{mechanism: scc}]}
  - {id: onward, from: mx, to: th, categories: [email]}
  - {id: home, from: mx, to: nz2, categories: [email]}
  - {id: again, from: nz2, to: th, categories: [email]}
  - {id: loop, from: th, to: mx, categories: [email]}
  - {id: via-adequate, from: app, to: ar, categories: [email]}
  - {id: from-adequate, from: ar, to: th, categories: [email]}
""")
    assert rows(report) == {
        ("out", "TESTLAW", "MX", "safeguarded", False, ("scc",)),
        ("onward", "TESTLAW", "TH", "missing", True, ()),
        ("again", "TESTLAW", "TH", "missing", False, ()),
        ("loop", "TESTLAW", "MX", "missing", True, ()),
        ("via-adequate", "TESTLAW", "AR", "adequate", False, ("adequacy",)),
        ("from-adequate", "TESTLAW", "TH", "missing", True, ()),
    }


def test_a_controller_collecting_abroad_makes_a_first_transfer():
    report = check(RECIPIENT.replace("role: processor", "role: controller").replace(
        "dispute_resolution]}", "dispute_resolution], "
        "collects: [{categories: [email], from: [NZ]}]}") + """\
  - {id: th, locations: [TH]}
flows:
  - {id: f, from: mx, to: th, categories: [email]}
""")
    assert rows(report) == {("f", "TESTLAW", "TH", "missing", False, ())}


def test_disclosure_items():
    report = check(RECIPIENT.replace(", contact: dpo@mx.example", "") + """\
flows:
  - {id: f, from: app, to: mx, categories: [email], purpose: P, safeguards: [{mechanism: scc}]}
""")
    (finding,) = [f for f in report.findings if f.rule == "DF110"]
    assert finding.id == "DF110@f@TESTLAW@MX"
    assert "the recipient's contact (`contact`), the retention period (`retention`)" in finding.message
    assert finding.references == ("TL Art. 13",)


def test_waivers():
    flows = RECIPIENT + FLOW % "" + "  - {id: g, from: app, to: mx, categories: [email], purpose: P, retention: R}\n"
    report = check(flows + """\
waivers:
  - {finding: "DF100@f@*@MX", reason: Accepted by the DPO, ticket: PRIV-1, expires: 2026-12-31}
  - {rule: DF100, flow: g, reason: Old, expires: 2026-01-01}
  - {rule: DF101, processor: mx, reason: Nothing to waive}
""")
    waived = next(f for f in report.findings if f.id == "DF100@f@TESTLAW@MX")
    assert waived.severity == "info"
    assert waived.waiver == {"reason": "Accepted by the DPO", "ticket": "PRIV-1",
                             "expires": "2026-12-31", "severity": "error"}
    assert next(f for f in report.findings if f.id == "DF100@g@TESTLAW@MX").severity == "error"
    assert ids(report, "DF901") == {"DF901@DF100@g"}
    assert ids(report, "DF900") == {"DF900@DF101@mx"}
    assert report.summary == {"error": 1, "warning": 2, "info": 1}


def test_recipient_contract_terms():
    report = check(RECIPIENT.replace(", dispute_resolution]", "]") + FLOW % ", safeguards: [{mechanism: scc}]")
    (finding,) = [f for f in report.findings if f.rule == "DF111"]
    assert finding.id == "DF111@f@TESTLAW@MX"
    assert finding.message.endswith("`contract_terms` lack dispute_resolution")
    assert finding.references == ("TL Art. 28(4)",)
    assert not [f for f in check(RECIPIENT + FLOW % "").findings if f.rule == "DF111"]
    adequate = check("  - {id: ar, locations: [AR]}\nflows:\n  - {id: f, from: app, to: ar, categories: [email]}\n")
    assert not [f for f in adequate.findings if f.rule == "DF111"]


def test_unknown_contract_term_is_a_located_error():
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.loads(LAW + RECIPIENT.replace("dispute_resolution]", "dispute_resolutoin]"))
    (error,) = caught.value.errors
    assert "unknown contract term 'dispute_resolutoin' (did you mean 'dispute_resolution'?)" in error.message


def test_data_collected_first_hand_is_a_first_transfer_even_if_it_comes_back():
    report = check(RECIPIENT.replace("role: processor", "role: controller").replace(
        "dispute_resolution]}", "dispute_resolution], "
        "collects: [{categories: [email], from: [NZ]}]}") + """\
  - {id: th, locations: [TH]}
flows:
  - {id: f, from: mx, to: th, categories: [email]}
  - {id: back, from: th, to: mx, categories: [email]}
""")
    assert {(t.flow, t.onward) for t in report.transfers} == {("f", False), ("back", True)}


def test_checking_an_analysis_twice_gives_the_same_findings():
    from dataflow.check import analyse

    fm = dataflow.loads(LAW + RECIPIENT + FLOW % "")
    analysis = analyse(fm)
    assert dataflow.check(fm, analysis=analysis) == dataflow.check(fm, analysis=analysis)


SAFEGUARDS_IN_PLACES = """\
dataflow: 1
as_of: 2026-06-30
home: KR
categories: [{id: orders}]
processors:
  - id: shop
    locations: [KR]
    collects:
      - categories: [orders]
        safeguards:
          - {mechanism: consent, jurisdictions: [KR], expires: 2026-01-01}
  - id: cloud
    locations: [US]
    role: processor
    safeguards:
      - {mechanism: scc, jurisdictions: [KR]}
flows:
  - id: up
    from: shop
    to: cloud
    categories: [orders]
    safeguards:
      - mechanism: consent
        reference: form 3
      - {mechanism: consent, jurisdictions: [KR], expires: 2026-01-01}
"""


def test_findings_about_a_safeguard_point_at_the_safeguard_itself():
    report = dataflow.check(dataflow.loads(SAFEGUARDS_IN_PLACES, "m.yaml"))
    lines = SAFEGUARDS_IN_PLACES.splitlines()
    placed = {f.id: lines[f.line - 1].strip() for f in report.findings
              if f.rule in ("DF101", "DF102")}
    assert placed == {  # the safeguard's own line, not its flow's, processor's or point's
        "DF101@shop/collect@consent@2026-01-01":
            "- {mechanism: consent, jurisdictions: [KR], expires: 2026-01-01}",
        "DF101@up@consent@2026-01-01":
            "- {mechanism: consent, jurisdictions: [KR], expires: 2026-01-01}",
        "DF102@cloud@KR@scc": "- {mechanism: scc, jurisdictions: [KR]}",
    }
    assert {f.line for f in report.findings if f.rule == "DF101"} == {11, 25}


def test_a_mechanism_listed_twice_with_dates_counts_by_the_entry_in_force():
    text = LAW.replace("      - {mechanism: scc, reference: TL Art. 46}",
                       "      - {mechanism: scc, reference: TL Art. 46 (old), until: 2026-07-10}\n"
                       "      - {mechanism: scc, reference: TL Art. 46 (new), since: 2026-07-11}")
    flows = ("flows:\n  - {id: out, from: app, to: mx, categories: [email], "
             "safeguards: [{mechanism: scc, reference: DPA}]}\n")
    mexico = "  - {id: mx, entity: MX SA, role: processor, locations: [MX], contact: c}\n"
    for as_of, status in ((date(2026, 6, 30), "safeguarded"), (date(2026, 7, 20), "safeguarded")):
        report = dataflow.check(dataflow.loads(text + mexico + flows), as_of=as_of)
        assert [t.status for t in report.transfers] == [status], as_of


def test_the_first_item_lacking_is_the_first_of_all_those_lacking():
    """``undisclosed(..., first=True)``, which a check without words asks, gives the first of
    the items the full answer gives, and nothing where that gives nothing."""
    from pathlib import Path

    from dataflow.check import analyse
    from dataflow.transfers import undisclosed

    root = Path(__file__).parent.parent
    asked = lacking = 0
    for path in ("examples/korea-marketplace.yaml", "examples/pipc-temu-2025.yaml",
                 "examples/cn-travel-bookings.yaml", "examples/eu-saas/map.yaml"):
        for verdict in analyse(dataflow.load(str(root / path))).verdicts:
            disclosure = verdict.jurisdiction.disclosure
            if disclosure is None:
                continue
            used = verdict.used or None
            full = undisclosed(disclosure, verdict.flow, verdict.recipient, used)
            assert undisclosed(disclosure, verdict.flow, verdict.recipient, used,
                               first=True) == full[:1]
            asked += 1
            lacking += len(full) > 1
    assert asked
    assert lacking  # some transfers lack several items: the test can tell them apart
