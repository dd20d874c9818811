"""The report in English, Korean and Chinese.

The English report is compared byte for byte with snapshots written before the report could
be written in other languages: translating it must not change a byte of it. After an
intended change to the English report, look at it, then refresh the snapshots with
``DATAFLOW_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_report_languages.py``.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

import dataflow
from dataflow import write_report
from dataflow.i18n import LANGUAGES, catalogue_path
from dataflow.report.markdown import text as markdown_text
from tests.test_report import MAP, Element, Page

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "snapshots"
#: A copy of examples/korea-marketplace.yaml as it was when the snapshots were written, so
#: that a change to the example does not change them.
KOREA_COPY = "tests/snapshots/report-korea-marketplace.yaml"
QUIET = textwrap.dedent("""\
    dataflow: 1
    home: NZ
    as_of: 2026-06-30
    jurisdictions:
      - {id: TL, name: Test land, law: TL, members: [NZ], mechanisms: [{mechanism: scc, reference: TL 1}]}
    categories: [{id: email, name: E-mail address}]
    subjects: [{id: customer, name: Customers}]
    processors:
      - id: app
        name: App
        entity: App Ltd
        role: controller
        locations: [NZ]
        contact: privacy@app.example
        collects: [{categories: [email], subjects: [customer], purpose: Accounts, retention: 1 year}]
      - {id: archive, name: Archive, entity: App Ltd, role: processor, locations: [NZ], contact: privacy@app.example}
    flows:
      - {id: f, from: app, to: archive, categories: [email], purpose: Backup, retention: 1 year}
    """)


def _english(name: str, monkeypatch: pytest.MonkeyPatch) -> dataflow.FlowMap:
    """The map of an English snapshot (the report shows paths relative to the folder)."""
    monkeypatch.chdir(ROOT)
    if name == "korea-marketplace":
        return dataflow.load(KOREA_COPY)
    if name == "summarised":  # every section summarised, the diagram grouped by country
        from dataflow.report import content

        monkeypatch.setattr(content, "LIST_AT_MOST", 2)
        monkeypatch.setattr(content, "GROUP_ABOVE", 2)
    return dataflow.loads(QUIET if name == "quiet" else MAP)


@pytest.mark.parametrize("suffix", ["md", "html"])
@pytest.mark.parametrize("name", ["korea-marketplace", "small", "summarised", "quiet"])
def test_the_english_report_is_unchanged(name, suffix, monkeypatch, tmp_path):
    flowmap = _english(name, monkeypatch)
    written = tmp_path / f"report.{suffix}"
    write_report(flowmap, str(written))
    path = SNAPSHOTS / f"report-{name}.en.{suffix}"
    if os.environ.get("DATAFLOW_UPDATE_SNAPSHOTS"):
        path.write_bytes(written.read_bytes())
    assert written.read_bytes() == path.read_bytes(), f"{path.name} changed"


# --- Korean and Chinese --------------------------------------------------------------------

KOREA = ROOT / "examples" / "korea-marketplace.yaml"
#: Texts the report itself writes, as each language says them (headings, labels, a country).
OWN_WORDS = {
    "en": ["Summary", "Findings", "International transfers", "Records of processing",
           "Transfer notices", "Recipient", "China (CN)", "United States (US)"],
    "ko": ["요약", "점검 결과", "국외 이전", "개인정보 처리 기록", "국외 이전 고지", "이전받는 자",
           "중국(CN)", "미국(US)"],
    "zh": ["概要", "检查发现", "跨境转移", "个人信息处理活动记录", "境外转移告知", "接收方",
           "中国（CN）", "美国（US）"],
}
HEADINGS = {
    "en": ["Summary", "Diagram", "Findings", "International transfers", "Records of processing",
           "Transfer notices"],
    "ko": ["요약", "흐름도", "점검 결과", "국외 이전", "개인정보 처리 기록", "국외 이전 고지"],
    "zh": ["概要", "流转图", "检查发现", "跨境转移", "个人信息处理活动记录", "境外转移告知"],
}
_PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)s")


@pytest.fixture(scope="module")
def korea(tmp_path_factory) -> dict[tuple[str, str], str]:
    """The Korea example's report in every language and format, from one check."""
    checked = dataflow.check(dataflow.load(KOREA))
    folder = tmp_path_factory.mktemp("languages")
    written = {}
    for language in LANGUAGES:
        for suffix in ("html", "md"):
            path = folder / f"{language}.{suffix}"
            write_report(checked, str(path), language=language)
            written[language, suffix] = path.read_text(encoding="utf-8")
    written["checked"] = checked  # type: ignore[assignment]
    return written


def _catalogue_english() -> set[str]:
    """The English of every text in the report catalogue, cut at its placeholders."""
    with catalogue_path("ko", "report").open("rb") as po:
        catalogue = read_po(po)
    found = set()
    for message in catalogue:
        for form in (message.id if isinstance(message.id, tuple) else (message.id,)):
            for part in _PLACEHOLDER.split(form or ""):
                part = part.strip(" :;,.()*")
                if re.search("[A-Za-z]{2}", part):
                    found.add(part)
    return found


def _others(checked: dataflow.Report) -> list[str]:
    """Texts in a report that are not the report's own: the map's, and the rules' English."""
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(KOREA.read_text(encoding="utf-8")))
    texts += [text for f in checked.findings for text in (f.message, f.remediation, f.name, f.id)]
    for verdict in checked.analysis.verdicts:
        texts += [*verdict.reasons, *(r.explanation for r in verdict.unmet)]
        texts.append(checked.analysis.jurisdictions.label(verdict.jurisdiction.id))
    return sorted(set(texts), key=len, reverse=True)


def _english_left(text: str, others: list[str]) -> list[str]:
    """The catalogue's English still in ``text`` once the map's and the rules' texts are
    taken out."""
    for other in others:
        text = text.replace(other, "\x00")
    return sorted(part for part in _catalogue_english()
                  if re.search(rf"(?<![A-Za-z]){re.escape(part)}(?![A-Za-z])", text))


def _html_text(page: str) -> str:
    """What a reader of the page sees, without the diagram and what is marked as written in
    another language than the page's."""
    root = Page(page).root
    language = root.find("html").attrs["lang"]

    def visible(element: Element) -> str:
        if element.tag in ("svg", "style") or element.attrs.get("lang", language) != language:
            return "\n"
        return "".join(c if isinstance(c, str) else visible(c) for c in element.children) + "\n"

    return visible(root)


@pytest.mark.parametrize("language", ["ko", "zh"])
def test_no_text_of_the_report_is_left_in_english(korea, language):
    checked = korea["checked"]
    others = _others(checked)
    english = _html_text(korea["en", "html"])
    assert len(_english_left(english, others)) > 60  # the check sees the English report's own
    assert _english_left(_html_text(korea[language, "html"]), others) == []
    markdown = korea[language, "md"]
    mermaid = markdown.index("```mermaid")
    markdown = markdown[:mermaid] + markdown[markdown.index("```\n", mermaid + 3):]
    escaped = sorted({markdown_text(t) for t in others} | set(others), key=len, reverse=True)
    assert _english_left(markdown, escaped) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reports_own_words_are_in_its_language(korea, language):
    page = korea[language, "html"]
    assert f'<html lang="{language}">' in page
    assert [h.text() for h in Page(page).root.iter("h2")] == HEADINGS[language]
    assert [line[3:] for line in korea[language, "md"].splitlines()
            if line.startswith("## ")] == HEADINGS[language]
    for words in OWN_WORDS[language]:
        assert words in page
        assert words in korea[language, "md"]
    seen = _html_text(page)
    for text in _others(korea["checked"]):
        seen = seen.replace(text, "\x00")
    assert [w for other in LANGUAGES if other != language for w in OWN_WORDS[other]
            if w not in OWN_WORDS[language] and w in seen] == []


def test_the_rules_english_is_marked_as_english_on_a_page_in_another_language(korea):
    findings = Page(korea["ko", "html"]).root.find("section", id="findings")
    assert "영어로 표시합니다" in findings.find("p").text()  # said once, in the lead
    rows = findings.rows()
    cells = [td for tr in next(findings.iter("tbody")).iter("tr") for td in tr.iter("td")]
    marked = [e.text() for td in cells for e in td.iter("span") if e.attrs.get("lang") == "en"]
    checked = korea["checked"]
    assert len(rows) == len(checked.findings)
    assert {f.message.replace("`", "") for f in checked.findings} <= set(marked)
    assert 'lang="en"' not in korea["en", "html"].split("</head>", 1)[1]


TRANSLATED = """\
dataflow: 1
name: Shop
home: KR
as_of: 2026-06-30
language: en
jurisdictions:
  - id: KR
    name: Test Korea
    law: PIPA
    members: [KR]
    mechanisms: [{mechanism: consent, reference: T Art. 1}]
    disclosure: {reference: T Art. 2, items: [categories, destination, method, recipient, contact, purpose, retention, refusal]}
categories:
  - {id: phone, name: Mobile phone number, translations: {ko: {name: 휴대전화번호}, zh: {name: 手机号码}}}
  - {id: email, name: E-mail address}
subjects: [{id: buyer, name: Buyers, translations: {ko: {name: 구매자}}}]
processors:
  - id: shop
    name: Web shop
    role: controller
    locations: [KR]
    collects:
      - categories: [phone, email]
        subjects: [buyer]
        purpose: Selling
        translations: {ko: {purpose: 상품 판매}}
  - id: seller
    name: Seller abroad
    description: Ships the orders
    entity: Seller Co.
    contact: privacy@seller.example
    role: third_party
    locations: [CN]
    translations: {ko: {name: 해외 판매자, description: 주문 상품을 배송, entity: 판매자 주식회사, contact: 고객센터 privacy@seller.example}}
flows:
  - id: orders
    from: shop
    to: seller
    categories: [phone, email]
    purpose: Delivery
    retention: 30 days
    method: API at each order
    refusal: Ask customer care
    safeguards: [{mechanism: consent, reference: Checkout v2}]
    translations:
      ko: {purpose: 주문 상품 배송, retention: 배송 후 30일, method: 주문 시 API로 전송, refusal: 고객센터에 요청}
      en: {purpose: Delivery of the order}
"""


def _without_diagram(report: str) -> str:
    return re.sub(r"<svg.*</svg>|```mermaid.*?```", "", report, flags=re.DOTALL)


def test_the_report_takes_the_maps_texts_in_its_language(tmp_path):
    checked = dataflow.check(dataflow.loads(TRANSLATED))
    shown = {}
    for language in ("en", "ko"):
        for suffix in ("md", "html"):
            path = tmp_path / f"{language}.{suffix}"
            write_report(checked, str(path), language=language)
            shown[language, suffix] = _without_diagram(path.read_text(encoding="utf-8"))
    korean = ["휴대전화번호", "구매자", "상품 판매", "해외 판매자", "주문 상품을 배송", "판매자 주식회사",
              "주문 상품 배송", "배송 후 30일", "주문 시 API로 전송", "고객센터에 요청"]
    english = ["Mobile phone number", "Buyers", "Selling", "Seller abroad", "Ships the orders",
               "Seller Co.", "30 days", "API at each order", "Ask customer care"]
    for suffix in ("md", "html"):
        assert [t for t in korean if t not in shown["ko", suffix]] == []
        assert [t for t in english if t in shown["ko", suffix]] == []
        assert [t for t in english if t not in shown["en", suffix]] == []
        assert [t for t in korean if t in shown["en", suffix]] == []
        assert "E-mail address" in shown["ko", suffix]  # no translation: as written
        # the English report takes the English translation, else the text as written
        english_report = shown["en", suffix]
        assert "Delivery of the order" in english_report
        assert english_report.count("Delivery") == english_report.count("Delivery of the order")


@pytest.mark.parametrize("language", ["ko", "zh"])
@pytest.mark.parametrize("suffix", ["md", "html"])
def test_the_same_map_gives_the_same_bytes_in_every_language(language, suffix, tmp_path):
    for attempt in ("1", "2"):
        write_report(dataflow.loads(MAP), str(tmp_path / f"{attempt}.{suffix}"),
                     language=language)
    assert (tmp_path / f"1.{suffix}").read_bytes() == (tmp_path / f"2.{suffix}").read_bytes()


def test_summaries_and_notes_are_translated_too(monkeypatch, tmp_path):
    flowmap = _english("summarised", monkeypatch)
    write_report(flowmap, str(tmp_path / "r.md"), language="zh")
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "数据地图有 4 个处理方，超过 2 个，因此流转图中每个国家或地区只显示一个方框" in text
    assert "项检查发现，无法在此全部列出" in text
    assert "### 检查发现最多的数据流" in text
    assert "too many to list here" not in text
    assert "one box per" not in text


def test_the_command_writes_the_language_asked_for(tmp_path, monkeypatch):
    from dataflow.cli import main
    from tests.conftest import cli_runner

    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_text(MAP, encoding="utf-8")
    result = cli_runner().invoke(main, ["report", "m.yaml", "-o", "r.html", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert '<html lang="zh">' in Path("r.html").read_text(encoding="utf-8")
    # the map says nothing of its language and gives no translations: each text as written
    assert "text(s) are shown as the map writes them" in result.stderr
    result = cli_runner().invoke(main, ["report", "m.yaml", "-o", "r.md"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # an English report of a map that does not say its language
    Path("t.yaml").write_text(TRANSLATED, encoding="utf-8")
    result = cli_runner().invoke(main, ["report", "t.yaml", "-o", "t.md", "--lang", "ko"])
    assert "dataflow: 2 text(s) are in 'en', not 'ko'" in result.stderr  # E-mail, Web shop
    result = cli_runner().invoke(main, ["report", "m.yaml", "-o", "x.html", "--lang", "fr"])
    assert result.exit_code == 2
    assert "'fr' is not one of 'en', 'ko', 'zh'" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not Path("x.html").exists()


def test_an_unknown_language_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ValueError, match="one of en, ko, zh"):
        write_report(dataflow.loads(MAP), str(tmp_path / "r.md"), language="fr")
    assert not (tmp_path / "r.md").exists()
