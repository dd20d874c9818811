"""Transfer notices: what each law's notice shows, in each language, and what it marks missing."""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dataflow
from dataflow.cli import main
from dataflow.model import given as given_text
from dataflow.notice import NoticeError, build_notice, html_notice, markdown_notice
from dataflow.strategies import map_data, to_yaml
from tests.conftest import cli_runner

KOREAN_MAP = """\
dataflow: 1
name: Gaon Market
home: KR
as_of: 2026-06-30
language: en
categories:
  - {id: name, name: Name, translations: {ko: {name: 이름}, zh: {name: 姓名}}}
  - {id: phone, name: Mobile phone number, translations: {ko: {name: 휴대전화번호}}}
processors:
  - id: shop
    entity: Gaon Market Co., Ltd.
    role: controller
    locations: [KR]
    collects: [{categories: [name, phone]}]
  - id: seller
    name: Overseas seller
    entity: Hangzhou Example Trading Co., Ltd.
    role: third_party
    locations: [CN]
    contact: privacy@seller.example
    translations: {zh: {entity: 杭州示例贸易有限公司}}
  - {id: sellers-anywhere, name: Sellers elsewhere, role: third_party, locations: [unknown]}
  - {id: eu-host, entity: Host GmbH, role: processor, locations: [DE]}
flows:
  - id: to-seller
    from: shop
    to: seller
    categories: [name, phone]
    purpose: Delivery | returns
    retention: 90 days after delivery
    method: Seller API at each order
    refusal: Refuse under My Page; no overseas orders then
    safeguards: [{mechanism: consent, reference: consent screen 3}]
    translations:
      ko: {purpose: 배송 및 반품, retention: 배송 후 90일, method: 주문 시 판매자 API,
           refusal: 마이페이지에서 거부; 거부 시 해외 주문 불가}
  - {id: to-anywhere, from: shop, to: sellers-anywhere, categories: [name]}
  - {id: to-eu, from: shop, to: eu-host, categories: [name], purpose: Hosting}
"""

EU_MAP = """\
dataflow: 1
home: DE
as_of: 2026-06-30
categories: [{id: email, name: E-mail address}]
processors:
  - {id: app, entity: App GmbH, role: controller, locations: [DE], collects: [{categories: [email]}]}
  - {id: crm, entity: CRM Inc., role: processor, locations: [US]}
  - {id: desk, entity: Desk Pty Ltd, role: processor, locations: [AU]}
  - {id: mail, entity: Mail KK, role: processor, locations: [JP]}
  - {id: tracker, entity: Tracker Ltd, role: processor, locations: [IN]}
flows:
  - {id: to-crm, from: app, to: crm, categories: [email],
     safeguards: [{mechanism: scc, reference: DPA 2025 Annex III, copy_at: on request to dpo@app.example}]}
  - {id: to-desk, from: app, to: desk, categories: [email],
     safeguards: [{mechanism: scc, reference: DPA 2024}]}
  - {id: to-mail, from: app, to: mail, categories: [email]}
  - {id: to-tracker, from: app, to: tracker, categories: [email]}
"""


def run_cli(*args: str) -> tuple[int, str, str]:
    result = cli_runner().invoke(main, list(args))
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, result.exception
    return result.exit_code, result.stdout, result.stderr


def notice(text: str, law: str, language: str):
    return build_notice(dataflow.check(dataflow.loads(text)), law, language)


def row(found, recipient: str, destination: str):
    return next(r for r in found.rows if (r.recipient, r.destination) == (recipient, destination))


def line_text(line) -> str:
    return line.joint.join(part.text for part in line.parts)


def cell_texts(found, recipient: str, destination: str) -> list[list[str]]:
    return [[line_text(line) for line in cell] for cell in row(found, recipient, destination).cells]


def parts(cell) -> list:
    return [part for line in cell for part in line.parts]


def test_pipa_notice_in_korean_has_the_columns_of_korean_privacy_policies():
    found = notice(KOREAN_MAP, "PIPA", "ko")
    assert found.title == "개인정보의 국외 이전"
    assert found.headings == ("이전받는 자 (연락처)", "이전되는 국가", "이전 항목",
                              "이전 일시 및 방법", "이용 목적 및 보유·이용 기간",
                              "거부 방법·절차 및 거부 시 효과")
    assert "제28조의8제2항" in found.intro
    assert cell_texts(found, "seller", "CN") == [
        ["Hangzhou Example Trading Co., Ltd.", "privacy@seller.example"], ["중국"],
        ["이름", "휴대전화번호"], ["주문 시 판매자 API"], ["배송 및 반품 / 배송 후 90일"],
        ["마이페이지에서 거부; 거부 시 해외 주문 불가"]]


def test_texts_come_from_the_translations_else_as_written():
    english = notice(KOREAN_MAP, "PIPA", "en")
    assert cell_texts(english, "seller", "CN")[2] == ["Name", "Mobile phone number"]
    chinese = notice(KOREAN_MAP, "PIPA", "zh")
    cells = cell_texts(chinese, "seller", "CN")
    assert cells[0][0] == "杭州示例贸易有限公司"
    assert cells[2] == ["姓名", "Mobile phone number"]  # no zh name for the phone: as written
    assert chinese.untranslated > 0
    assert english.untranslated == 0
    phone = parts(row(chinese, "seller", "CN").cells[2])[1]
    assert phone.language == "en"  # the map's language, for the page's lang attributes


def test_what_the_map_does_not_say_is_marked_missing_and_located():
    found = notice(KOREAN_MAP, "PIPA", "ko")
    recipient, country, *_, refusal = (parts(c) for c in row(found, "sellers-anywhere",
                                                             "unknown").cells)
    assert [t.missing for t in recipient] == [True, False, True]  # name, (shown name), contact
    assert recipient[1].text == "Sellers elsewhere"
    assert country[0].text == "[누락: 이전되는 국가가 맵에 특정되지 않음]"
    assert country[0].missing
    assert refusal[0].missing
    items = {(g.recipient, g.item) for g in found.gaps}
    assert {("sellers-anywhere", "recipient"), ("sellers-anywhere", "contact"),
            ("sellers-anywhere", "destination"), ("sellers-anywhere", "method"),
            ("sellers-anywhere", "purpose"), ("sellers-anywhere", "retention"),
            ("sellers-anywhere", "refusal")} == items
    places = {g.item: g.place for g in found.gaps}
    lines = KOREAN_MAP.splitlines()
    declared = next(i for i, line in enumerate(lines, 1) if "{id: sellers-anywhere" in line)
    sent = next(i for i, line in enumerate(lines, 1) if "{id: to-anywhere" in line)
    assert places["contact"] == f"<string>:{declared}:6"  # the recipient's declaration
    assert places["purpose"] == f"<string>:{sent}:6"  # the flow's


def test_transfers_the_law_needs_no_notice_for_are_counted_not_listed():
    found = notice(KOREAN_MAP, "PIPA", "en")
    assert ("eu-host", "DE") not in {(r.recipient, r.destination) for r in found.rows}
    assert found.not_listed == 1  # PIPA's recognition of the EU (since 16 Sept 2025)


def test_gdpr_notice_names_adequacy_safeguards_and_where_to_get_a_copy():
    found = notice(EU_MAP, "GDPR", "en")
    assert found.headings == ("Recipient", "Country", "Adequacy decision or safeguard relied on",
                              "Where a copy can be obtained")
    assert cell_texts(found, "crm", "US")[2:] == [
        ["Standard contractual clauses: DPA 2025 Annex III"], ["on request to dpo@app.example"]]
    desk = [parts(cell) for cell in row(found, "desk", "AU").cells]
    assert desk[3][0].missing
    assert not desk[2][0].missing
    mail = cell_texts(found, "mail", "JP")
    assert mail[2] == ["Adequacy decision (GDPR Art. 45)"]
    assert mail[3] == ["—"]
    tracker = parts(row(found, "tracker", "IN").cells[2])
    assert tracker[0].text == "[MISSING: no safeguard this law recognises]"
    assert {(g.recipient, g.item) for g in found.gaps} == {
        ("desk", "safeguard_copy"), ("tracker", "safeguard")}


def test_gdpr_notice_in_korean_and_chinese():
    korean = notice(EU_MAP, "GDPR", "ko")
    assert cell_texts(korean, "crm", "US")[1:3] == [["미국"], ["표준계약조항: DPA 2025 Annex III"]]
    assert cell_texts(notice(EU_MAP, "gdpr", "zh"), "crm", "US")[1] == ["美国"]


def test_pipl_notice_asks_how_to_exercise_rights_with_the_recipient():
    text = textwrap.dedent("""\
        dataflow: 1
        home: CN
        as_of: 2026-06-30
        categories: [{id: phone, name: Phone number, translations: {zh: {name: 手机号码}}}]
        processors:
          - {id: app, entity: App Co., role: controller, locations: [CN], collects: [{categories: [phone]}]}
          - {id: hq, entity: HQ Pte. Ltd., role: processor, locations: [SG], contact: dpo@hq.example,
             rights: write to dpo@hq.example}
          - {id: desk, entity: Desk Inc., role: processor, locations: [US], contact: help@desk.example}
        flows:
          - {id: to-hq, from: app, to: hq, categories: [phone], purpose: Hosting, method: Replication,
             volume: 500, safeguards: [{mechanism: consent}]}
          - {id: to-desk, from: app, to: desk, categories: [phone], purpose: Support, method: API,
             volume: 500, safeguards: [{mechanism: consent}]}
        """)
    found = notice(text, "PIPL", "zh")
    assert found.title == "向中华人民共和国境外提供个人信息"
    assert found.headings[-1] == "向境外接收方行使本法规定权利的方式和程序"
    assert cell_texts(found, "hq", "SG") == [["HQ Pte. Ltd."], ["dpo@hq.example"], ["新加坡"],
                                             ["Hosting"], ["Replication"], ["手机号码"],
                                             ["write to dpo@hq.example"]]
    assert [(g.recipient, g.item) for g in found.gaps] == [("desk", "rights")]


def test_a_law_without_transfers_gets_a_notice_that_says_so():
    found = notice(EU_MAP, "PIPA", "en")
    assert found.rows == ()
    assert "No personal data is transferred abroad under this law." in markdown_notice(found)


def test_unknown_law_or_language_is_refused_with_a_suggestion():
    report = dataflow.check(dataflow.loads(EU_MAP))
    with pytest.raises(NoticeError, match=r"'PIPAA' is not a law with a transfer notice "
                                          r"\(did you mean 'PIPA'\?\); one of .*GDPR"):
        build_notice(report, "PIPAA", "en")
    with pytest.raises(NoticeError, match=r"'kr' is not a language .*one of en, ko, zh"):
        build_notice(report, "GDPR", "kr")


def test_markdown_keeps_the_maps_text_inert():
    text = markdown_notice(notice(KOREAN_MAP, "PIPA", "en"))
    seller = next(line for line in text.splitlines() if "Hangzhou" in line)
    assert seller.count(" | ") == 5  # the "|" of "Delivery | returns" does not split the cell
    assert "Delivery &#124; returns" in seller
    assert "`privacy@seller.example`" in seller  # an address, not a mailto link
    assert "**&#91;MISSING: not stated in the map&#93;**" in text  # our own marker, inert too


def test_html_page_says_its_language_and_marks_text_in_another():
    page = html_notice(notice(KOREAN_MAP, "PIPA", "ko"))
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"ko\">")
    assert '<span lang="en">Hangzhou Example Trading Co., Ltd.</span>' in page
    assert '<strong class="missing">[누락: 맵에 기재되지 않음]</strong>' in page
    assert "Delivery | returns" not in page  # translated: the Korean purpose is shown
    assert "<script" not in page


def test_the_same_map_gives_the_same_bytes():
    first = notice(KOREAN_MAP, "PIPA", "ko")
    again = notice(KOREAN_MAP, "PIPA", "ko")
    assert html_notice(first) == html_notice(again)
    assert markdown_notice(first) == markdown_notice(again)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(map_data(countries=["KR", "CN", "DE", "US", "JP"]), st.sampled_from(["en", "ko", "zh"]))
def test_every_transfer_appears_in_the_notice_of_its_law(data, language):
    report = dataflow.check(dataflow.loads(to_yaml(data) + "\n"))
    laws = {v.jurisdiction.id for v in report.analysis.verdicts
            if v.jurisdiction.disclosure is not None}
    for law in laws:
        found = build_notice(report, law, language)
        rows = {(r.recipient, r.destination): r for r in found.rows}
        listed = 0
        for verdict in report.analysis.verdicts:
            if verdict.jurisdiction.id != law:
                continue
            disclosure = verdict.jurisdiction.disclosure
            if verdict.transfer.status == "adequate" and not disclosure.when_adequate:
                continue
            listed += 1
            shown = rows[(verdict.recipient.id, verdict.transfer.destination)]
            assert verdict.transfer.flow in shown.flows
            if "categories" not in disclosure.items:  # the GDPR's notice names no data
                continue
            texts = {t.text for cell in shown.cells for t in parts(cell)}
            for category_id in verdict.categories:
                category = report.flowmap.categories[category_id]
                assert (given_text(category.name) or category_id) in texts  # blank: its ID
        assert listed + found.not_listed == sum(
            1 for v in report.analysis.verdicts if v.jurisdiction.id == law)


def test_cli_writes_the_notice_and_lists_what_is_missing(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(KOREAN_MAP, encoding="utf-8")
    out = tmp_path / "notice.ko.html"
    code, stdout, stderr = run_cli("notice", str(path), "--law", "PIPA", "--lang", "ko",
                                   "-o", str(out))
    assert code == 0, stderr
    assert stdout == ""
    assert out.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="ko">')
    assert re.search(r"dataflow: missing: .*map\.yaml:22:6: the notice lacks the recipient's "
                     r"contact \(`contact`\) for 'sellers-anywhere' in unknown", stderr)
    assert "1 transfer(s) to destinations PIPA recognises need no notice" in stderr
    code, _, _ = run_cli("notice", str(path), "--law", "PIPA", "--fail-on-missing")
    assert code == 1


def test_cli_refuses_an_unknown_law_and_an_unknown_suffix(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(EU_MAP, encoding="utf-8")
    code, stdout, stderr = run_cli("notice", str(path), "--law", "GDPRR")
    assert code == 2
    assert stdout == ""
    assert "'GDPRR' is not a law with a transfer notice (did you mean 'GDPR'?)" in stderr
    code, _, stderr = run_cli("notice", str(path), "--law", "GDPR", "-o", str(tmp_path / "n.txt"),
                              "--format", "markdown")
    assert code == 0  # --format decides
    assert (tmp_path / "n.txt").read_text(encoding="utf-8").startswith("<!-- Generated")
    code, _, stderr = run_cli("notice", str(path), "--law", "GDPR", "-o", str(tmp_path / "m.txt"))
    assert code == 2
    assert "cannot tell the notice format of" in stderr
    assert "--format" in stderr
    assert not (tmp_path / "m.txt").exists()
    code, _, stderr = run_cli("notice", str(path), "--law", "GDPR", "--lang", "fr")
    assert code == 2
    assert "'fr' is not one of 'en', 'ko', 'zh'" in stderr


ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "snapshots" / "notices"
#: Each example with the law whose notice it is about.
EXAMPLE_NOTICES = {"korea-marketplace": ("examples/korea-marketplace.yaml", "PIPA"),
                   "pipc-aliexpress-2024": ("examples/pipc-aliexpress-2024.yaml", "PIPA"),
                   "pipc-temu-2025": ("examples/pipc-temu-2025.yaml", "PIPA"),
                   "eu-saas": ("examples/eu-saas", "GDPR"),
                   "cn-travel-bookings": ("examples/cn-travel-bookings.yaml", "PIPL")}


@pytest.fixture(scope="module")
def checked_examples() -> dict[str, dataflow.Report]:
    """The examples, read as the command line reads them from the repository's top (the
    notices name the files they come from)."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return {name: dataflow.check(dataflow.load(path))
                for name, (path, _) in EXAMPLE_NOTICES.items()}
    finally:
        os.chdir(here)


@pytest.mark.parametrize("name", sorted(EXAMPLE_NOTICES))
@pytest.mark.parametrize("language", ["en", "ko", "zh"])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_golden_notices_of_the_examples(name, language, fmt, checked_examples):
    """The notices of the examples, compared byte for byte with the reviewed ones. After an
    intended change, read them, then refresh them with ``DATAFLOW_UPDATE_SNAPSHOTS=1``."""
    found = build_notice(checked_examples[name], EXAMPLE_NOTICES[name][1], language)
    text = (markdown_notice if fmt == "markdown" else html_notice)(found)
    path = GOLDEN / f"{name}.{language}.{'md' if fmt == 'markdown' else 'html'}"
    if os.environ.get("DATAFLOW_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{path.name} changed: review it"


def _file(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def test_fail_on_missing_passes_when_the_map_gives_every_item(tmp_path):
    complete = KOREAN_MAP.replace(
        "  - {id: to-anywhere, from: shop, to: sellers-anywhere, categories: [name]}\n", "")
    path = _file(tmp_path, "map.yaml", complete)
    code, stdout, stderr = run_cli("notice", path, "--law", "PIPA", "--fail-on-missing")
    assert code == 0, stderr
    assert "dataflow: missing:" not in stderr
    assert "| Hangzhou Example Trading Co., Ltd.<br>`privacy@seller.example` |" in stdout


def test_the_generated_comment_cannot_be_closed_by_a_file_name(tmp_path):
    path = _file(tmp_path, "d--->x<img src=x onerror=alert(1)>/m.yaml", EU_MAP)
    code, stdout, _ = run_cli("notice", path, "--law", "GDPR")
    assert code == 0
    comment = stdout.splitlines()[0]
    assert comment.startswith("<!-- ")
    assert comment.endswith(" -->")
    assert "--" not in comment[4:-3]
    assert stdout.count("-->") == 1


def test_hostile_text_stays_text(tmp_path):
    hostile = KOREAN_MAP.replace("Delivery | returns", "<script>alert(1)</script> [x](http://e.example) @team")
    report = dataflow.check(dataflow.loads(hostile))
    page = html_notice(build_notice(report, "PIPA", "en"))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = markdown_notice(build_notice(report, "PIPA", "en"))
    assert "<script>" not in text
    assert "](http" not in text
    assert "@team" not in text  # no mention


def test_only_the_mechanisms_the_law_names_need_a_copy():
    consent = EU_MAP.replace("safeguards: [{mechanism: scc, reference: DPA 2024}]",
                             "safeguards: [{mechanism: derogation, reference: Art. 49 file 3}], "
                             "frequency: occasional")
    found = notice(consent, "GDPR", "en")
    assert cell_texts(found, "desk", "AU")[2:] == [
        ["Derogation for a specific situation: Art. 49 file 3"], ["—"]]
    assert ("desk", "safeguard_copy") not in {(g.recipient, g.item) for g in found.gaps}


def test_a_safeguard_gap_points_at_the_safeguard_where_it_is_declared():
    text = EU_MAP.replace(
        "  - {id: desk, entity: Desk Pty Ltd, role: processor, locations: [AU]}",
        "  - id: desk\n    entity: Desk Pty Ltd\n    role: processor\n    locations: [AU]\n"
        "    safeguards:\n      - {mechanism: bcr, reference: Group BCR 2023}").replace(
        "     safeguards: [{mechanism: scc, reference: DPA 2024}]}", "     }")
    found = notice(text, "GDPR", "en")
    (gap,) = [g for g in found.gaps if g.recipient == "desk"]
    line = text.splitlines().index("      - {mechanism: bcr, reference: Group BCR 2023}") + 1
    assert gap.item == "safeguard_copy"
    assert gap.place == f"<string>:{line}:10"  # its first key


def test_a_transfer_without_a_recognised_safeguard_is_a_gap_of_its_own():
    found = notice(EU_MAP, "GDPR", "en")
    (gap,) = [g for g in found.gaps if g.recipient == "tracker"]
    assert "a safeguard this law recognises (none declared counts" in str(gap)
    assert found.unlawful == 1


def test_collection_abroad_shows_each_collection_points_texts():
    text = textwrap.dedent("""\
        dataflow: 1
        home: KR
        as_of: 2026-06-30
        language: en
        categories: [{id: phone, name: Phone}, {id: name, name: Name}]
        processors:
          - id: callcentre
            entity: Call Centre Inc.
            role: processor
            locations: [PH]
            contact: privacy@cc.example
            collects:
              - {categories: [phone], purpose: Callback, retention: 30 days, method: Phone call,
                 refusal: Hang up, translations: {ko: {purpose: 회신 전화}}}
              - {categories: [name], purpose: Identification, method: Phone call}
        """)
    found = notice(text, "PIPA", "ko")
    cells = cell_texts(found, "callcentre", "PH")
    assert cells[4] == ["회신 전화 / 30 days", "Identification / [누락: 맵에 기재되지 않음]"]
    lacking = {g.item: g.place for g in found.gaps}
    assert sorted(lacking) == ["refusal", "retention"]
    assert lacking["retention"].startswith("<string>:15:")  # the second collection point
    assert lacking["refusal"].startswith("<string>:15:")


def test_destinations_the_law_recognises_are_named_in_a_note():
    only = "\n".join(line for line in KOREAN_MAP.splitlines()
                     if "to-anywhere" not in line) + "\n"
    report = dataflow.check(dataflow.loads(only))
    ko = build_notice(report, "PIPA", "ko")
    assert ko.notes == ("독일(으)로의 이전은 PIPA이(가) 인정하는 이전 대상국이므로 위 표에 적지 않았습니다.",)
    none_listed = textwrap.dedent("""\
        dataflow: 1
        home: KR
        as_of: 2026-06-30
        categories: [{id: name}]
        processors:
          - {id: shop, role: controller, locations: [KR], collects: [{categories: [name]}]}
          - {id: host, entity: Host GmbH, role: processor, locations: [DE]}
        flows: [{from: shop, to: host, categories: [name]}]
        """)
    empty = build_notice(dataflow.check(dataflow.loads(none_listed)), "PIPA", "en")
    assert empty.rows == ()
    text = markdown_notice(empty)
    assert "Transfers to Germany are not listed: PIPA recognises those destinations." in text
    assert "No personal data is transferred abroad" not in text


def test_a_region_is_no_gap_where_the_law_does_not_ask_for_the_country():
    text = textwrap.dedent("""\
        dataflow: 1
        home: CN
        as_of: 2026-06-30
        categories: [{id: phone, name: Phone}]
        processors:
          - {id: app, entity: App Co., role: controller, locations: [CN], collects: [{categories: [phone]}]}
          - {id: hq, entity: HQ B.V., role: processor, locations: [EU], contact: dpo@hq.example,
             rights: write to dpo@hq.example}
        flows:
          - {from: app, to: hq, categories: [phone], purpose: Hosting, method: Replication,
             volume: 500, safeguards: [{mechanism: consent}]}
        """)
    found = notice(text, "PIPL", "en")
    assert found.gaps == ()
    assert cell_texts(found, "hq", "EU")[2] == ["European Union"]


def test_each_file_says_the_language_of_its_own_texts(tmp_path):
    _file(tmp_path, "a.yaml", """\
        dataflow: 1
        home: KR
        as_of: 2026-06-30
        language: ko
        include: [b.yaml]
        categories: [{id: name, name: 이름}]
        processors:
          - {id: shop, role: controller, locations: [KR], collects: [{categories: [name]}]}
        """)
    _file(tmp_path, "b.yaml", """\
        dataflow: 1
        language: en
        processors:
          - {id: seller, entity: Seller Ltd., role: third_party, locations: [CN], contact: s@s.example}
        flows:
          - {from: shop, to: seller, categories: [name], purpose: Delivery}
        """)
    fm = dataflow.load(str(tmp_path / "a.yaml"))
    assert fm.language is None  # the files differ
    found = build_notice(dataflow.check(fm), "PIPA", "ko")
    items = parts(row(found, "seller", "CN").cells[2])
    purpose = parts(row(found, "seller", "CN").cells[4])
    assert (items[0].text, items[0].language) == ("이름", "ko")
    assert (purpose[0].text, purpose[0].language) == ("Delivery", "en")
    assert '<span lang="en">Delivery</span>' in html_notice(found)
    assert found.untranslated == 1


def test_notice_in_chinese_marks_its_language_for_browsers():
    page = html_notice(notice(KOREAN_MAP, "PIPA", "zh"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-Hans">')
