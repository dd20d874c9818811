"""Every branch of what counts as a transfer (docs/format.md, What counts as a transfer), one
small map each (tests/maps/transfers), in the checkov style.

Flows and collectors are named ``pass_*`` (no transfer finding), ``fail_*`` (a DF100 or DF103)
or ``info_*`` (an info finding: no transfer, and why). Each map's exact set of transfer
findings (DF100 to DF106) is asserted, so a branch that starts clearing a transfer, or
finding one where there is none, fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dataflow

MAPS = Path(__file__).parent / "maps" / "transfers"
TRANSFER_RULES = {"DF100", "DF103", "DF104", "DF105", "DF106"}

EXPECTED = {
    "entities.yaml": {
        # the shop collects in Korea and also holds the data in the US: storage abroad
        "DF100@shop/collect@KR@US",
        "DF100@fail_other_entity_where_the_sender_is@KR@US",
        "DF100@fail_same_entity_new_country@KR@JP",
        "DF105@info_gdpr_same_entity@EU@US",
        "DF100@fail_onward_between_us_companies@EU@US",
        # the web entity is also in Korea (through another processor): storage abroad
        "DF100@fail_web_us/collect@KR@US",
        "DF103@to-somewhere@KR@unknown",
        "DF103@fail_between_unknowns@KR@unknown",
    },
    "category-tree.yaml": {
        "DF100@fail_parent_of_a_korean_child@KR@CN",
        "DF100@fail_child_of_a_korean_parent@KR@CN",
        "DF100@fail_parent_of_sensitive_data@KR@CN",
    },
    "collection-abroad.yaml": {
        "DF100@fail_sdk/collect@KR@US",
        "DF100@fail_widget/collect@KR@US",
        "DF104@info_us_retailer/collect@KR@US",
        "DF100@fail_kr_and_sg/collect@KR@SG",
        "DF100@fail_onward_from_the_sdk@KR@US",
    },
    "where-unknown.yaml": {
        "DF100@fail_rrn_to_the_eea@KR@EU",
        "DF103@fail_unknown_countries@KR@unknown",
    },
    "volumes.yaml": {
        "DF100@fail_half_one@CN@US",
        "DF100@fail_half_two@CN@US",
        "DF100@fail_more_than_declared@CN@US",
    },
    "frequency.yaml": {
        "DF100@fail_continuous_consent@EU@IN",
        "DF100@fail_consent_without_frequency@EU@IN",
        "DF100@fail_korean_consent_only@EU@IN",
    },
    "dates.yaml": {
        "DF100@fail_nz_before_its_decision@EU@NZ",
        "DF106@EU",
    },
}


def _check(name: str) -> dataflow.Report:
    return dataflow.check(dataflow.load(str(MAPS / name)))


def test_every_map_is_in_the_table():
    assert sorted(p.name for p in MAPS.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_transfer_findings(name):
    report = _check(name)
    found = {f.id for f in report.findings if f.rule in TRANSFER_RULES}
    assert found == EXPECTED[name]
    for finding in report.findings:
        if finding.rule in TRANSFER_RULES:
            assert finding.file is not None
            assert finding.line is not None
            assert finding.remediation
        element = (finding.flow or "").removesuffix("/collect")
        if element.startswith("pass_"):
            assert finding.rule not in TRANSFER_RULES, finding.id


def _message(report: dataflow.Report, finding_id: str) -> str:
    return next(f.message for f in report.findings if f.id == finding_id)


def test_collection_abroad_is_located_at_the_collection_point():
    report = _check("collection-abroad.yaml")
    finding = next(f for f in report.findings if f.id == "DF100@fail_sdk/collect@KR@US")
    lines = (MAPS / "collection-abroad.yaml").read_text(encoding="utf-8").splitlines()
    assert "collects:" in lines[finding.line - 1]
    assert finding.source is None
    (row,) = [t for t in report.transfers if t.flow == "fail_sdk/collect"]
    assert (row.source, row.target, row.onward) == (None, "fail_sdk", False)


def test_a_collector_without_role_is_judged_as_a_processor_and_told_so():
    message = _message(_check("collection-abroad.yaml"), "DF100@fail_widget/collect@KR@US")
    assert "declares no `role`" in message
    assert "judged as a processor" in message


def test_own_account_collection_says_why_and_what_would_make_it_a_transfer():
    report = _check("collection-abroad.yaml")
    finding = next(f for f in report.findings if f.rule == "DF104")
    assert finding.severity == "info"
    assert "applies to it directly" in finding.message
    assert "role: processor" in finding.remediation


def test_an_unknown_volume_and_a_sum_are_said_in_the_message():
    message = _message(_check("volumes.yaml"), "DF100@fail_half_one@CN@US")
    assert "at most 120,000 data subjects a year" in message
    assert "upper bound" in message


def test_a_safeguard_meant_for_another_law_is_named():
    message = _message(_check("frequency.yaml"), "DF100@fail_korean_consent_only@EU@IN")
    assert "'consent' (Korean form) is declared for KR only" in message


def test_a_derogation_without_frequency_says_how_to_state_it():
    message = _message(_check("frequency.yaml"), "DF100@fail_consent_without_frequency@EU@IN")
    assert "declares no `frequency`" in message
    assert "frequency: occasional" in message


def test_remediation_ranks_clauses_before_derogations():
    report = _check("frequency.yaml")
    fix = next(f.remediation for f in report.findings
               if f.id == "DF100@fail_continuous_consent@EU@IN")
    assert fix.index("`scc`") < fix.index("`consent`")
    assert "a derogation for occasional transfers only" in fix


def test_pipl_has_no_adequacy_and_says_so():
    text = """\
dataflow: 1
as_of: 2026-06-30
categories: [{id: c}]
processors:
  - {id: a, entity: A, role: controller, locations: [CN], collects: [{categories: [c], from: [CN]}]}
  - {id: b, entity: B, role: processor, locations: [SG]}
flows: [{id: f, from: a, to: b, categories: [c]}]
"""
    report = dataflow.check(dataflow.loads(text))
    message = _message(report, "DF100@f@CN@SG")
    assert "PIPL recognises no destination as adequate" in message
    assert "adequacy decision of PIPL" not in message


def test_a_display_name_is_not_the_recipients_name():
    report = _check("where-unknown.yaml")
    message = _message(report, "DF103@fail_unknown_countries@KR@unknown")
    assert "cannot be ruled out" in message
    disclosure = next(f for f in report.findings
                      if f.id == "DF110@fail_unknown_countries@KR@unknown")
    assert "the recipient's name" in disclosure.message


def test_region_destination_is_judged_once_and_adequate_only_if_every_member_is():
    report = _check("where-unknown.yaml")
    rows = {(t.flow, t.destination, t.status) for t in report.transfers}
    assert ("pass_somewhere_in_the_eea", "EU", "adequate") in rows
    assert ("fail_rrn_to_the_eea", "EU", "missing") in rows
    message = _message(report, "DF100@fail_rrn_to_the_eea@KR@EU")
    assert "excludes data of kind national_id" in message


def test_judging_before_the_pack_covers_warns_once_per_law():
    report = _check("dates.yaml")
    (warning,) = [f for f in report.findings if f.rule == "DF106"]
    assert warning.severity == "warning"
    assert "2018-05-25" in warning.message


def test_a_location_that_is_neither_country_nor_region_is_a_located_error():
    text = """\
dataflow: 1
processors:
  - {id: a, locations: [eu]}
  - {id: b, locations: [Unknown]}
  - {id: c, locations: [UK]}
"""
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.loads(text)
    messages = [(e.line, e.column, e.message) for e in caught.value.errors]
    assert messages[0][:2] == (3, 25)
    assert "write 'EU'" in messages[0][2]
    assert "write 'unknown'" in messages[1][2]
    assert "the code of United Kingdom is 'GB'" in messages[2][2]


def test_an_unknown_kind_is_a_located_error_with_a_suggestion():
    text = """\
dataflow: 1
categories: [{id: c, kinds: [helth]}]
processors: [{id: a, locations: [KR]}]
"""
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.loads(text)
    (error,) = caught.value.errors
    assert (error.line, error.column) == (2, 30)
    assert "did you mean 'health'" in error.message


def test_a_declared_volume_below_one_flow_is_not_trusted():
    message = _message(_check("volumes.yaml"), "DF100@fail_more_than_declared@CN@US")
    assert "600,000 data subjects a year" in message
    assert "(5,000) is less than one of its flows carries" in message


def test_storage_on_the_entitys_own_premises_is_said_so_and_contract_necessity_covers_it():
    report = _check("entities.yaml")
    message = _message(report, "DF100@fail_web_us/collect@KR@US")
    assert "storage abroad" in message
    rows = {(t.flow, t.status, t.mechanisms) for t in report.transfers}
    assert ("pass_storage_own_premises", "safeguarded", ("contract_necessity",)) in rows


def test_a_collection_abroad_can_be_safeguarded_with_its_notice_and_consent():
    report = _check("collection-abroad.yaml")
    (row,) = [t for t in report.transfers if t.flow == "pass_sdk_with_notice/collect"]
    assert (row.status, row.mechanisms) == ("safeguarded", ("consent",))


MINI = """\
dataflow: 1
as_of: 2026-06-30
home: KR
categories: [{id: contact}, {id: contact.phone, parent: contact}]
"""


def test_a_law_whose_requirements_do_not_apply_still_needs_a_mechanism():
    text = MINI + """\
jurisdictions:
  - id: TH
    law: PDPA-TH
    members: [TH]
    mechanisms: [{mechanism: scc, reference: s28}, {mechanism: consent, reference: s28}]
    requirements:
      - {one_of: [scc], reference: s29, explanation: clauses for sensitive data, when: {sensitive: true}}
      - {one_of: [consent], reference: s28, explanation: consent, since: 2027-01-01}
processors:
  - {id: a, entity: A, role: controller, locations: [TH], collects: [{categories: [contact], from: [TH]}]}
  - {id: us, entity: U, role: processor, locations: [US]}
flows: [{id: f, from: a, to: us, categories: [contact]}]
"""
    report = dataflow.check(dataflow.loads(text))
    assert [(t.flow, t.status) for t in report.transfers] == [("f", "missing")]
    assert "DF100@f@TH@US" in {f.id for f in report.findings}


def test_sending_a_parent_of_received_data_is_onward_even_if_collected_too():
    text = MINI + """\
processors:
  - {id: kr, entity: K, role: controller, locations: [KR], collects: [{categories: [contact.phone]}]}
  - {id: us, entity: U, role: controller, locations: [US], collects: [{categories: [contact]}]}
  - {id: jp, entity: J, role: processor, locations: [JP]}
flows:
  - {id: f1, from: kr, to: us, categories: [contact.phone]}
  - {id: f2, from: us, to: jp, categories: [contact]}
"""
    report = dataflow.check(dataflow.loads(text))
    assert {(t.flow, t.onward) for t in report.transfers if t.jurisdiction == "KR"} == {
        ("f1", False), ("f2", True)}


def test_a_region_is_not_a_disclosed_country_and_unknown_reads_as_words():
    report = _check("where-unknown.yaml")
    # a notice names the country: "somewhere in the EEA" does not
    rrn = next(f for f in report.findings if f.id == "DF110@fail_rrn_to_the_eea@KR@EU")
    assert "the destination country" in rrn.message
    text = MINI + """\
processors:
  - {id: shop, entity: S, role: controller, locations: [unknown], collects: [{categories: [contact]}]}
"""
    report = dataflow.check(dataflow.loads(text))
    (info,) = [f for f in report.findings if f.rule == "DF104"]
    assert "in an unknown country" in info.message


def test_a_waiver_may_name_a_collection_abroad_by_flow():
    text = MINI + """\
processors:
  - {id: sdk, entity: S, role: processor, locations: [US], collects: [{categories: [contact]}]}
waivers:
  - {rule: DF100, flow: sdk/collect, reason: Contract being signed, expires: 2026-12-31}
"""
    report = dataflow.check(dataflow.loads(text))
    waived = next(f for f in report.findings if f.id == "DF100@sdk/collect@KR@US")
    assert waived.severity == "info"
