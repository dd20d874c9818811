"""The built-in jurisdictions: every fact that drives a decision, one case each.

Each case is one flow from a sender in one country to a recipient in another, judged at a
date; the expected status follows from LAW.md's facts as the packs encode them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

import dataflow
from dataflow.jurisdictions import builtin_jurisdictions

FULL = ("purpose: Delivery, retention: 90 days, method: API at each order, "
        "refusal: Refuse in the account settings; orders are then not shipped abroad")


@dataclass(frozen=True)
class Case:
    name: str
    law: str
    sender: str
    recipient: str
    as_of: str
    status: str | None  # None: no transfer under that law
    recipient_extra: str = ""
    flow_extra: str = FULL
    safeguards: str = ""
    sensitive: bool = False
    contact: bool = True
    rights: bool = True
    kinds: str = ""


def run(case: Case) -> dataflow.Report:
    safeguards = f", safeguards: [{case.safeguards}]" if case.safeguards else ""
    contact = "contact: privacy@recipient.example, " if case.contact else ""
    if case.rights:
        contact += "rights: write to privacy@recipient.example, "
    text = f"""\
dataflow: 1
as_of: {case.as_of}
categories: [{{id: data, sensitive: {str(case.sensitive).lower()}, kinds: [{case.kinds}]}}]
processors:
  - {{id: sender, entity: Sender Ltd, role: controller, locations: [{case.sender}], collects: [{{categories: [data], from: [{case.sender}]}}]}}
  - {{id: recipient, entity: Recipient Inc, {contact}locations: [{case.recipient}]{case.recipient_extra}}}
flows:
  - {{id: f, from: sender, to: recipient, categories: [data], {case.flow_extra}{safeguards}}}
"""
    return dataflow.check(dataflow.loads(text))


CASES = [
    # EU / EEA: GDPR
    Case("EU to Japan, adequate from 23 Jan 2019", "EU", "DE", "JP", "2019-01-23", "adequate"),
    Case("EU to Japan, the day before", "EU", "DE", "JP", "2019-01-22", "missing"),
    Case("EU to Korea, adequate (decision of 17 Dec 2021)", "EU", "FR", "KR", "2022-03-01", "adequate"),
    Case("EU to the UK, adequate until 27 Dec 2031", "EU", "IE", "GB", "2031-12-27", "adequate"),
    Case("EU to the UK, after the renewal ends", "EU", "IE", "GB", "2031-12-28", "missing"),
    Case("EU to the US, DPF-certified recipient", "EU", "NL", "US", "2026-06-30", "adequate",
         recipient_extra=", certifications: [dpf]"),
    Case("EU to the US, recipient not certified", "EU", "NL", "US", "2026-06-30", "missing"),
    Case("EU to Brazil, adequate from 26 Jan 2026", "EU", "PT", "BR", "2026-01-26", "adequate"),
    Case("EU to Brazil, the day before", "EU", "PT", "BR", "2026-01-25", "missing"),
    Case("EU to Switzerland", "EU", "DE", "CH", "2026-06-30", "adequate"),
    Case("Norway is in the EEA: no transfer to Germany", "EU", "NO", "DE", "2026-06-30", None),
    Case("EU to India with SCCs", "EU", "DE", "IN", "2026-06-30", "safeguarded",
         safeguards="{mechanism: scc}"),
    Case("EU to India with the explicit-consent derogation, occasionally", "EU", "DE", "IN",
         "2026-06-30", "safeguarded", flow_extra=FULL + ", frequency: occasional",
         safeguards="{mechanism: consent}"),
    Case("EU to India, the consent derogation for a continuous flow", "EU", "DE", "IN",
         "2026-06-30", "missing", flow_extra=FULL + ", frequency: continuous",
         safeguards="{mechanism: consent}"),
    Case("EU to India, a derogation with no frequency counts as regular", "EU", "DE", "IN",
         "2026-06-30", "missing", safeguards="{mechanism: derogation}"),
    Case("EU to India, SCCs of 2021 before 27 June 2021", "EU", "DE", "IN", "2021-06-26",
         "missing", safeguards="{mechanism: scc}"),
    Case("EU to India, old SCCs until 27 Dec 2022", "EU", "DE", "IN", "2022-12-27",
         "safeguarded", safeguards="{mechanism: scc_2010}"),
    Case("EU to India, old SCCs after 27 Dec 2022", "EU", "DE", "IN", "2022-12-28", "missing",
         safeguards="{mechanism: scc_2010}"),
    Case("EU to New Zealand, adequate from 19 Dec 2012", "EU", "DE", "NZ", "2012-12-19",
         "adequate"),
    Case("EU to New Zealand in 2010", "EU", "DE", "NZ", "2010-06-30", "missing"),
    Case("EU to Uruguay before 21 Aug 2012", "EU", "DE", "UY", "2012-08-20", "missing"),
    Case("EU to Andorra from 19 Oct 2010", "EU", "DE", "AD", "2010-10-19", "adequate"),
    Case("EU to India with nothing", "EU", "DE", "IN", "2026-06-30", "missing"),
    # United Kingdom
    Case("UK to the US, DPF with the UK Extension", "GB", "GB", "US", "2026-06-30", "adequate",
         recipient_extra=", certifications: [dpf, dpf-uk]"),
    Case("UK to the US, DPF without the UK Extension", "GB", "GB", "US", "2026-06-30", "missing",
         recipient_extra=", certifications: [dpf]"),
    Case("UK to Korea, adequate from 19 Dec 2022", "GB", "GB", "KR", "2022-12-19", "adequate"),
    Case("UK to Korea, the day before", "GB", "GB", "KR", "2022-12-18", "missing"),
    Case("UK to the EEA", "GB", "GB", "DE", "2026-06-30", "adequate"),
    Case("UK to India with an IDTA", "GB", "GB", "IN", "2026-06-30", "safeguarded",
         safeguards="{mechanism: scc}"),
    # Switzerland
    Case("Switzerland to the US, Swiss-U.S. DPF from 15 Sept 2024", "CH", "CH", "US", "2024-09-15",
         "adequate", recipient_extra=", certifications: [dpf-swiss]"),
    Case("Switzerland to the US, before the Swiss-U.S. DPF", "CH", "CH", "US", "2024-09-14",
         "missing", recipient_extra=", certifications: [dpf-swiss]"),
    Case("Switzerland to Japan: not listed in Annex 1", "CH", "CH", "JP", "2026-06-30", "missing"),
    Case("Switzerland to Germany", "CH", "CH", "DE", "2026-06-30", "adequate"),
    # Korea: PIPA
    Case("Korea to the EEA, recognised from 16 Sept 2025", "KR", "KR", "DE", "2025-09-16", "adequate"),
    Case("Korea to the EEA, the day before", "KR", "KR", "DE", "2025-09-15", "missing"),
    Case("Korea to China, consent after full notice", "KR", "KR", "CN", "2026-06-30", "safeguarded",
         safeguards="{mechanism: consent}"),
    Case("Korea to China, consent without the recipient's contact (AliExpress)", "KR", "KR", "CN",
         "2026-06-30", "missing", contact=False,
         safeguards="{mechanism: consent}"),
    Case("Korea to China, consent without retention", "KR", "KR", "CN", "2026-06-30", "missing",
         flow_extra="purpose: Delivery, method: API", safeguards="{mechanism: consent}"),
    Case("Korea to China, consent without item 5 (refusal)", "KR", "KR", "CN", "2026-06-30",
         "missing", flow_extra="purpose: Delivery, retention: 90 days, method: API",
         safeguards="{mechanism: consent}"),
    Case("Korea to China, consent for resident registration numbers (Art. 24-2)", "KR", "KR",
         "CN", "2026-06-30", "missing", kinds="national_id", safeguards="{mechanism: consent}"),
    Case("Korea to China, resident registration numbers under a law", "KR", "KR", "CN",
         "2026-06-30", "safeguarded", kinds="national_id",
         safeguards="{mechanism: consent}, {mechanism: law_or_treaty}"),
    Case("Korea to the EEA, the recognition excludes resident registration numbers", "KR", "KR",
         "DE", "2026-06-30", "missing", kinds="national_id"),
    Case("Korea to the EEA, the recognition excludes credit information", "KR", "KR", "DE",
         "2026-06-30", "missing", kinds="credit"),
    Case("Korea, contract necessity before 15 Sept 2023", "KR", "KR", "JP", "2023-09-14",
         "missing", recipient_extra=", role: processor",
         safeguards="{mechanism: contract_necessity}"),
    Case("Korea, health data (Art. 23 kind) under contract necessity alone", "KR", "KR", "JP",
         "2026-06-30", "missing", recipient_extra=", role: processor", kinds="health",
         safeguards="{mechanism: contract_necessity}"),
    Case("Korea to Japan, entrusted processing disclosed", "KR", "KR", "JP", "2026-06-30",
         "safeguarded", recipient_extra=", role: processor",
         safeguards="{mechanism: contract_necessity}"),
    Case("Korea to Japan, contract necessity for a third party (provision)", "KR", "KR", "JP",
         "2026-06-30", "missing", recipient_extra=", role: third_party",
         safeguards="{mechanism: contract_necessity}"),
    Case("Korea to Japan, contract necessity with the role unknown", "KR", "KR", "JP", "2026-06-30",
         "missing", safeguards="{mechanism: contract_necessity}"),
    Case("Korea to Japan, entrustment not disclosed (Temu)", "KR", "KR", "JP", "2026-06-30",
         "missing", recipient_extra=", role: processor", flow_extra="purpose: Storage",
         safeguards="{mechanism: contract_necessity}"),
    Case("Korea, sensitive data under contract necessity alone", "KR", "KR", "JP", "2026-06-30",
         "missing", recipient_extra=", role: processor", sensitive=True,
         safeguards="{mechanism: contract_necessity}"),
    Case("Korea, sensitive data with separate consent", "KR", "KR", "JP", "2026-06-30",
         "safeguarded", sensitive=True, safeguards="{mechanism: consent}"),
    Case("Korea, recipient certification", "KR", "KR", "US", "2026-06-30", "safeguarded",
         safeguards="{mechanism: certification}"),
    Case("Korea does not recognise EU SCCs", "KR", "KR", "US", "2026-06-30", "missing",
         safeguards="{mechanism: scc}"),
    # China: PIPL and the 2024 Provisions
    Case("China, volume not declared: a mechanism is needed", "CN", "CN", "US", "2026-06-30",
         "missing", safeguards="{mechanism: consent}"),
    Case("China, volume not declared: the assessment threshold is not ruled out", "CN", "CN",
         "US", "2026-06-30", "missing", safeguards="{mechanism: consent}, {mechanism: scc}"),
    Case("China, volume not declared, with a security assessment", "CN", "CN", "US",
         "2026-06-30", "safeguarded",
         safeguards="{mechanism: consent}, {mechanism: security_assessment}"),
    Case("China, location data is sensitive under PIPL", "CN", "CN", "US", "2026-06-30",
         "missing", kinds="precise_location", flow_extra=FULL + ", volume: 5000",
         safeguards="{mechanism: consent}"),
    Case("China, under 100,000 people: consent is enough", "CN", "CN", "US", "2026-06-30",
         "safeguarded", flow_extra=FULL + ", volume: 99999", safeguards="{mechanism: consent}"),
    Case("China, consent without how to exercise rights with the recipient (Art. 39)", "CN",
         "CN", "US", "2026-06-30", "missing", rights=False,
         flow_extra=FULL + ", volume: 99999", safeguards="{mechanism: consent}"),
    Case("China, 100,000 people: a standard contract is needed", "CN", "CN", "US", "2026-06-30",
         "missing", flow_extra=FULL + ", volume: 100000", safeguards="{mechanism: consent}"),
    Case("China, 500,000 people with consent and the standard contract", "CN", "CN", "US",
         "2026-06-30", "safeguarded", flow_extra=FULL + ", volume: 500000",
         safeguards="{mechanism: consent}, {mechanism: scc}"),
    Case("China, 500,000 people with the standard contract but no consent", "CN", "CN", "US",
         "2026-06-30", "missing", flow_extra=FULL + ", volume: 500000",
         safeguards="{mechanism: scc}"),
    Case("China, 1,000,000 people: the standard contract is not enough", "CN", "CN", "US",
         "2026-06-30", "missing", flow_extra=FULL + ", volume: 1000000",
         safeguards="{mechanism: consent}, {mechanism: scc}"),
    Case("China, 1,000,000 people with a security assessment", "CN", "CN", "US", "2026-06-30",
         "safeguarded", flow_extra=FULL + ", volume: 1000000",
         safeguards="{mechanism: consent}, {mechanism: security_assessment}"),
    Case("China, necessary for a contract with the individual", "CN", "CN", "US", "2026-06-30",
         "safeguarded", flow_extra=FULL + ", volume: 5000000",
         safeguards="{mechanism: consent}, {mechanism: contract_necessity}"),
    Case("China, sensitive data of 5,000 people needs a contract or certification", "CN", "CN",
         "US", "2026-06-30", "missing", sensitive=True, flow_extra=FULL + ", volume: 5000",
         safeguards="{mechanism: consent}"),
    Case("China, sensitive data of 5,000 people with certification", "CN", "CN", "US",
         "2026-06-30", "safeguarded", sensitive=True, flow_extra=FULL + ", volume: 5000",
         safeguards="{mechanism: consent}, {mechanism: certification}"),
    Case("China, sensitive data of 10,000 people needs an assessment", "CN", "CN", "US",
         "2026-06-30", "missing", sensitive=True, flow_extra=FULL + ", volume: 10000",
         safeguards="{mechanism: consent}, {mechanism: certification}"),
    Case("China has no adequacy list", "CN", "CN", "DE", "2026-06-30", "missing"),
    # Japan: APPI
    Case("Japan to the UK: designated", "JP", "JP", "GB", "2026-06-30", "adequate"),
    Case("Japan to the EEA, designated from 23 Jan 2019", "JP", "JP", "FR", "2019-01-23", "adequate"),
    Case("Japan to the US with consent", "JP", "JP", "US", "2026-06-30", "safeguarded",
         safeguards="{mechanism: consent}"),
    Case("Japan to the US with nothing", "JP", "JP", "US", "2026-06-30", "missing"),
    # Brazil: LGPD
    Case("Brazil to the EEA, from 26 Jan 2026", "BR", "BR", "ES", "2026-01-26", "adequate"),
    Case("Brazil to the US with ANPD clauses", "BR", "BR", "US", "2026-06-30", "safeguarded",
         safeguards="{mechanism: scc}"),
    Case("Brazil, ANPD clauses before they were adopted (23 Aug 2024)", "BR", "BR", "US",
         "2024-06-30", "missing", safeguards="{mechanism: scc}"),
    # No general transfer rules
    Case("The US has no general transfer restriction", "US", "US", "CN", "2026-06-30", None),
    Case("India has notified no restricted country", "IN", "IN", "CN", "2026-06-30", None),
    # Singapore, Australia, Canada
    Case("Singapore with a contract", "SG", "SG", "CN", "2026-06-30", "safeguarded",
         safeguards="{mechanism: contract}"),
    Case("Australia with informed consent", "AU", "AU", "CN", "2026-06-30", "safeguarded",
         safeguards="{mechanism: consent}"),
    Case("Canada with nothing", "CA", "CA", "CN", "2026-06-30", "missing"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_pack_fact(case):
    report = run(case)
    statuses = {t.status for t in report.transfers if t.jurisdiction == case.law}
    assert statuses == ({case.status} if case.status else set()), [
        f.message for f in report.findings if f.rule == "DF100"]
    df100 = {f.id for f in report.findings if f.rule == "DF100" and f.jurisdiction == case.law}
    assert bool(df100) == (case.status == "missing")


def test_every_pack_has_sources_and_a_date():
    for jurisdiction in builtin_jurisdictions().values():
        assert jurisdiction.sources, jurisdiction.id
        assert jurisdiction.as_of is not None, jurisdiction.id
        for entry in jurisdiction.adequate:
            assert entry.source, (jurisdiction.id, entry.destination)
        for mechanism in jurisdiction.mechanisms:
            assert mechanism.reference, (jurisdiction.id, mechanism.mechanism)


def test_unconfirmed_facts_are_left_out():
    packs = builtin_jurisdictions()
    # the Faroe Islands in the UK's list: UNCONFIRMED
    assert "FO" not in {a.destination for a in packs["GB"].adequate}
    # Japan designated the UK with the EEA on 23 Jan 2019; the date of its retention after
    # Brexit is UNCONFIRMED and said so, not asserted
    (uk,) = [a for a in packs["JP"].adequate if a.destination == "GB"]
    assert uk.since.isoformat() == "2019-01-23"
    assert "UNCONFIRMED" in (uk.scope or "")
    assert "UNCONFIRMED" in (uk.scope or "")


def test_countries_belong_to_one_jurisdiction():
    seen: dict[str, str] = {}
    for jurisdiction in builtin_jurisdictions().values():
        for member in jurisdiction.members:
            assert member not in seen, (member, seen.get(member), jurisdiction.id)
            seen[member] = jurisdiction.id


def test_every_pack_takes_the_fast_reader():
    # a pack the fast reader declines (a comment that looks like a YAML indicator is enough)
    # makes every check load PyYAML and its reference reader first
    from importlib import resources

    from dataflow.reading import Limits, fast

    packs = [e for e in resources.files("dataflow.packs").iterdir() if e.name.endswith(".yaml")]
    assert len(packs) == len(builtin_jurisdictions())
    for entry in packs:
        try:
            fast.read(entry.read_bytes(), entry.name, Limits())
        except fast.Unsupported:
            pytest.fail(f"{entry.name} is declined by the fast reader")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """The packs' cache in a temporary folder, written as Python writes bytecode."""
    from dataflow import packs

    monkeypatch.setattr(packs, "CACHE", tmp_path / "__pycache__" / "packs.json")
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    return packs.CACHE


def test_the_packs_are_read_once_then_taken_from_the_cache(cache, monkeypatch):
    from dataflow import packs

    read = packs.pack_data()
    assert [name for name, _ in read] == sorted(f"{j.lower()}.yaml" for j in
                                                builtin_jurisdictions())
    assert json.loads(cache.read_text(encoding="utf-8"))["data"] == [list(p) for p in read]

    def never(*args, **kwargs):
        raise AssertionError("read again although the cache holds these files")

    monkeypatch.setattr(packs, "read_yaml", never)
    assert packs.pack_data() == read


@pytest.mark.parametrize("change", ["a pack's bytes", "a pack's name", "a YAML library"])
def test_a_cache_of_other_files_or_another_reader_is_never_used(cache, monkeypatch, change):
    from dataflow import packs

    read = packs.pack_data()
    kept = json.loads(cache.read_text(encoding="utf-8"))
    stale = [[name, {"id": "STALE"}] for name, _ in read]
    cache.write_text(json.dumps({"key": kept["key"], "data": stale}), encoding="utf-8")
    assert packs.pack_data()[0][1] == {"id": "STALE"}  # the key is all that is compared
    files = packs._files()
    if change == "a pack's bytes":
        monkeypatch.setattr(packs, "_files", lambda: [(n, raw + b"# a comment\n")
                                                      for n, raw in files])
    elif change == "a pack's name":
        monkeypatch.setattr(packs, "_files", lambda: [("x" + n, raw) for n, raw in files])
    else:  # another version of PyYAML: another file where it says its version
        monkeypatch.setattr(packs, "_READERS", (packs._READERS[0], ("yaml", "composer.py")))
    assert [data for _, data in packs.pack_data()] == [data for _, data in read]
    assert json.loads(cache.read_text(encoding="utf-8"))["key"] != kept["key"]


def test_a_damaged_cache_is_read_past_and_none_is_written_when_python_writes_no_bytecode(
        cache, monkeypatch):
    from dataflow import packs

    cache.parent.mkdir()
    cache.write_text('{"key": "', encoding="utf-8")
    read = packs.pack_data()
    assert json.loads(cache.read_text(encoding="utf-8"))["data"] == [list(p) for p in read]
    cache.unlink()
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    assert packs.pack_data() == read
    assert not cache.exists()
