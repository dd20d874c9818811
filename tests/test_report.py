"""The report: every part in HTML and Markdown, inert user text, determinism, a real browser.

The small map declares its own ``KR`` jurisdiction (law ``PIPA``) so that the verdicts do
not depend on the built-in law data; the examples are used where the real data is the point.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import textwrap
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from xml.etree import ElementTree as ET

import pytest

import dataflow
from dataflow import write_report
from dataflow.outputs import OutputError
from dataflow.render import RenderError
from dataflow.report.content import GROUP_ABOVE, NOT_STATED

ROOT = Path(__file__).resolve().parents[1]
KOREA = ROOT / "examples" / "korea-marketplace.yaml"
ALIEXPRESS = ROOT / "examples" / "pipc-aliexpress-2024.yaml"
SVG = "{http://www.w3.org/2000/svg}"

MAP = """\
dataflow: 1
name: Report test
home: KR
as_of: 2026-06-30
jurisdictions:
  - id: KR
    name: Test Korea
    law: PIPA
    members: [KR]
    mechanisms:
      - {mechanism: consent, reference: T Art. 1}
      - {mechanism: contract_necessity, reference: T Art. 3, roles: [processor]}
    disclosure:
      reference: T Art. 28-8(2)
      items: [categories, destination, method, recipient, contact, purpose, retention]
categories:
  - {id: email, name: E-mail address}
  - {id: health, name: Health record, sensitive: true}
subjects: [{id: customer, name: Customers}]
processors:
  - id: shop
    name: Web shop
    entity: Shop Ltd
    role: controller
    locations: [KR]
    contact: dpo@shop.example
    collects: [{categories: [email, health], subjects: [customer], purpose: Selling, retention: 5 years}]
  - {id: crm, name: CRM, entity: Shop Ltd, role: processor, locations: [KR]}
  - {id: mailer, name: Mailer, entity: Mail Inc., role: processor, locations: [US], contact: privacy@mail.example}
  - {id: sellers, name: Sellers abroad, role: third_party, locations: [CN, VN]}
flows:
  - {id: to-crm, from: shop, to: crm, categories: [email], purpose: Customer care, retention: 1 year}
  - id: newsletters
    from: shop
    to: mailer
    categories: [email]
    purpose: Newsletters
    retention: Until unsubscribed
    method: Nightly export
    safeguards: [{mechanism: consent, reference: Sign-up screen v2, expires: 2027-01-01}]
  - {id: orders, from: shop, to: sellers, categories: [email, health], purpose: Delivery}
waivers:
  - {finding: "DF110@orders@KR@*", reason: Seller directory lists contacts, ticket: PRIV-7}
"""

HOSTILE = ["<script>alert(1)</script>", '"quotes" and \'apostrophes\'', "| pipes |",
           "[link](http://x.example)", "line one\nline two", "`code` *bold* _em_ \\ ~x~",
           "<img src=x onerror=alert(2)>", "&lt;b&gt; already escaped", "$x$ # !",
           "- not a list", "1) not a list", "    not code", "---"]


# --- helpers ------------------------------------------------------------------------------

class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs, self.children = tag, attrs, []  # children: Element or str

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else ("\n" if c.tag == "br" else c.text())
                       for c in self.children)

    def iter(self, tag: str | None = None, cls: str | None = None):
        for child in self.children:
            if isinstance(child, Element):
                if (tag is None or child.tag == tag) and (
                        cls is None or cls in (child.attrs.get("class") or "").split()):
                    yield child
                yield from child.iter(tag, cls)

    def find(self, tag: str, **attrs: str) -> Element:
        return next(e for e in self.iter(tag) if all(e.attrs.get(k) == v
                                                     for k, v in attrs.items()))

    def rows(self) -> list[list[str]]:
        """The body rows of the first table in this element, as cell texts."""
        table = next(self.iter("table"))
        return [[td.text() for td in tr.iter("td")] for tr in next(table.iter("tbody")).iter("tr")]


class Page(HTMLParser):
    """An HTML document as a tree; a closing tag that does not match is an error."""

    VOID: ClassVar[set[str]] = {"br", "col", "meta", "img", "link", "hr", "input", "wbr",
                                "source"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.feed(text)
        self.close()
        assert [e.tag for e in self.stack] == ["#document"], "unclosed elements"

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def report(tmp_path: Path, flowmap: dataflow.FlowMap, name: str) -> str:
    path = tmp_path / name
    write_report(flowmap, str(path))
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small():
    return dataflow.loads(MAP)


@pytest.fixture(scope="module")
def page(small, tmp_path_factory) -> tuple[str, Page]:
    text = report(tmp_path_factory.mktemp("html"), small, "report.html")
    return text, Page(text)


@pytest.fixture(scope="module")
def markdown(small, tmp_path_factory) -> str:
    return report(tmp_path_factory.mktemp("md"), small, "report.md")


def section(page: Page, key: str) -> Element:
    return page.root.find("section", id=key)


# --- HTML ---------------------------------------------------------------------------------

def test_html_is_one_self_contained_page(page):
    text, parsed = page
    assert text.startswith("<!DOCTYPE html>\n")
    csp = parsed.root.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert csp.attrs["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    everything = list(parsed.root.iter())
    assert not [e for e in everything if e.tag in ("script", "link", "img", "iframe", "object")]
    assert all(e.attrs["href"].startswith("#") for e in everything if "href" in e.attrs)
    assert not any(k in e.attrs for e in everything for k in ("src", "xlink:href"))
    assert "url(" not in text
    assert "@import" not in text
    assert [e.attrs["id"] for e in parsed.root.iter("section")] == [
        "summary", "diagram", "findings", "transfers", "records", "disclosure"]
    assert parsed.root.find("h1").text() == "Report test"
    assert "2026-06-30" in parsed.root.find("header").text()


def test_html_holds_the_diagram_as_inline_svg(page):
    text, parsed = page
    assert "<?xml" not in text
    assert "<!DOCTYPE svg" not in text
    assert len(list(parsed.root.iter("svg"))) == 1
    svg = ET.fromstring(text[text.index("<svg"):text.index("</svg>") + len("</svg>")])
    assert svg.tag == f"{SVG}svg"
    labels = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    assert "Web shop" in labels
    assert "Sellers abroad" in labels
    assert "NO SAFEGUARD" in labels


def test_html_findings_show_place_fix_law_and_waivers(page, small):
    _, parsed = page
    rows = section(parsed, "findings").rows()
    found = dataflow.check(small).findings
    assert len(rows) == len(found) == 4
    assert [r[0] for r in rows] == ["Error", "Error", "Info\nWaived", "Info\nWaived"]
    for finding in found:
        row = next(r for r in rows if finding.id in r[1])
        # `names` in messages and advice are shown as code, without the backticks
        assert finding.message.replace("`", "") in row[2]
        assert row[3] == f"{finding.file}:{finding.line}:{finding.column}"
        assert row[4] == finding.remediation.replace("`", "")
    assert "`" not in "".join(cell for row in rows for cell in row)
    text, _ = page
    assert "the flow&#39;s <code>safeguards</code> (or the recipient" in text
    waived = [r for r in rows if "DF110" in r[1]]
    assert all("Waived (was warning): Seller directory lists contacts" in r[2]
               and "Ticket: PRIV-7" in r[2] for r in waived)
    assert all(r[5] == "T Art. 28-8(2)" for r in waived)


def test_html_transfers_one_row_each(page):
    _, parsed = page
    rows = section(parsed, "transfers").rows()
    assert rows == [
        ["newsletters", "Web shop\nshop", "Mailer\nmailer", "PIPA (Test Korea)",
         "United States (US)", "First", "Safeguarded", "consent"],
        ["orders", "Web shop\nshop", "Sellers abroad\nsellers", "PIPA (Test Korea)",
         "China (CN)", "First", "No safeguard", "—"],
        ["orders", "Web shop\nshop", "Sellers abroad\nsellers", "PIPA (Test Korea)",
         "Vietnam (VN)", "First", "No safeguard", "—"],
    ]


def test_html_records_one_section_per_processor_in_declaration_order(page, small):
    _, parsed = page
    records = list(section(parsed, "records").iter("article", "record"))
    assert [r.find("h3").text() for r in records] == [
        "1.Web shopshop", "2.CRMcrm", "3.Mailermailer", "4.Sellers abroadsellers"]
    assert len(records) == len(small.processors)
    shop = records[0]
    facts = dict(zip([d.text() for d in shop.iter("dt")], [d.text() for d in shop.iter("dd")],
                     strict=True))
    assert facts == {"Entity": "Shop Ltd", "Role": "Controller", "Locations": "South Korea (KR)",
                     "Contact": "dpo@shop.example", "Data subjects": "Customers"}
    held = shop.rows()
    assert held == [["E-mail address\nemail", "no", "collected from data subjects"],
                    ["Health record\nhealth", "sensitive", "collected from data subjects"]]
    purposes = [li.text() for li in shop.iter("li")]
    assert purposes[0].startswith("Selling (collecting E-mail address, Health record from "
                                  "Customers)")
    assert "Delivery (sending data to Sellers abroad (flow orders))" in purposes
    tables = list(shop.iter("table"))
    recipients = [[td.text() for td in tr.iter("td")] for tr in tables[1].iter("tr")][1:]
    assert [r[0] for r in recipients] == ["to-crm", "newsletters", "orders"]
    assert recipients[2][4:] == ["Delivery", NOT_STATED, NOT_STATED]
    transfers = [[td.text() for td in tr.iter("td")] for tr in tables[2].iter("tr")][1:]
    assert "consent (T Art. 1)\nReference: Sign-up screen v2\nExpires: 2027-01-01" in transfers[0][6]
    assert transfers[1][6].startswith("No safeguard declared for this law.\nWhy:")
    sellers = records[3]
    assert [li.text() for li in sellers.iter("li")] == [
        f"{NOT_STATED} (data received from Web shop (flow orders))"]
    crm = records[1]
    assert "International transfers from it" in crm.text()
    assert crm.rows()[0][2] == "received from Web shop"


def test_html_disclosure_table_one_row_per_recipient_and_country(page):
    """The report's notices are the ones `dataflow notice` writes (one row per recipient and
    destination country), with the flows of the map and what they rely on."""
    _, parsed = page
    rows = section(parsed, "disclosure").rows()
    missing = "[MISSING: not stated in the map]"
    assert [r[:2] for r in rows] == [
        ["Mail Inc.\nprivacy@mail.example", "United States"],
        # a display name is not the recipient's name (PIPA Art. 28-8(2) item 3)
        [f"{missing}\nSellers abroad\n{missing}", "China"],
        [f"{missing}\nSellers abroad\n{missing}", "Vietnam"]]
    assert rows[0][2:] == ["E-mail address", "Nightly export", "Newsletters / Until unsubscribed",
                           "—", "newsletters\nconsent"]
    assert rows[1][2:] == ["E-mail address\nHealth record", missing, f"Delivery / {missing}",
                           "—", "orders\nNo safeguard"]
    assert all(cell.strip() for row in rows for cell in row)


def test_htm_is_html_too(small, tmp_path):
    assert report(tmp_path, small, "r.HTM").startswith("<!DOCTYPE html>")


# --- Markdown -----------------------------------------------------------------------------

def _tables(text: str) -> list[list[str]]:
    """Each Markdown table as its lines."""
    found, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    return found + ([current] if current else [])


def _outside_mermaid(text: str) -> tuple[str, str]:
    start = text.index("```mermaid\n")
    end = text.index("\n```\n", start)
    return text[:start] + text[end + 5:], text[start + 11:end]


def test_markdown_has_the_diagram_and_real_tables(markdown, small):
    body, mermaid = _outside_mermaid(markdown)
    assert mermaid.startswith("---\ntitle: \"Report test (as of 2026-06-30)\"\n---\nflowchart LR\n")
    assert "NO SAFEGUARD" in mermaid
    assert "```" not in mermaid
    headings = re.findall(r"^(#+) (.*)$", body, re.MULTILINE)
    assert headings[:6] == [("#", "Report test"), ("##", "Summary"), ("##", "Diagram"),
                            ("##", "Findings"), ("##", "International transfers"),
                            ("##", "Records of processing")]
    assert [h for level, h in headings if level == "###"] == [
        "1. Web shop (shop)", "2. CRM (crm)", "3. Mailer (mailer)", "4. Sellers abroad (sellers)",
        "PIPA (Test Korea): T Art. 28-8(2)"]
    assert headings[-2] == ("##", "Transfer notices")
    tables = {t[0]: t for t in _tables(body)}
    for table in tables.values():  # a header, a delimiter row, rows with as many cells
        assert re.fullmatch(r"\|(-+:?\|)+", table[1])
        assert {line.count("|") for line in table} == {table[0].count("|")}
    findings = tables["| Severity | Rule | Finding | Where in the map | How to fix | Law |"]
    assert len(findings) == 2 + len(dataflow.check(small).findings)
    transfers = tables["| Flow | From | To | Law | Destination | First or onward | Status | "
                       "Mechanisms |"]
    assert transfers[2] == ("| newsletters | Web shop (shop) | Mailer (mailer) | "
                            "PIPA (Test Korea) | United States (US) | first | ✔ Safeguarded | "
                            "consent |")
    disclosure = next(t for h, t in tables.items() if h.startswith("| Recipient (contact) |"))
    assert len(disclosure) == 5
    missing = "**&#91;MISSING: not stated in the map&#93;**"
    assert disclosure[3].startswith(f"| {missing}<br>Sellers abroad<br>{missing} | China |")
    assert "PRIV-7" in markdown
    assert "Waived (was warning)" in markdown


def test_report_without_a_transfer_notice_says_so_in_one_sentence(tmp_path):
    fm = dataflow.loads(textwrap.dedent("""\
        dataflow: 1
        home: NZ
        as_of: 2026-06-30
        jurisdictions:
          - {id: TL, name: Test land, law: TL, members: [NZ], mechanisms: [{mechanism: scc, reference: TL 1}]}
        categories: [{id: email}]
        processors:
          - {id: app, locations: [NZ], collects: [{categories: [email]}]}
          - {id: mx, locations: [MX]}
        flows:
          - {id: f, from: app, to: mx, categories: [email]}
        """))
    text = report(tmp_path, fm, "r.md")
    last = text[text.index("## Transfer notices"):].split("\n\n")
    assert last[1:] == ["The map has no transfer under a law that requires data subjects to be "
                        "told of it (such as PIPA Art. 28-8(2), PIPL Art. 39 or GDPR Art. "
                        "13(1)(f)), so there is no transfer notice to give.\n"]
    assert text.startswith("# Personal data flows\n")


def test_each_law_that_requires_a_notice_gets_one_with_its_own_items(tmp_path):
    # chosen by the jurisdiction's declared `disclosure`, whatever its law is called
    fm = dataflow.loads(textwrap.dedent("""\
        dataflow: 1
        home: NZ
        as_of: 2026-06-30
        jurisdictions:
          - id: TL
            name: Test land
            law: TLPA
            members: [NZ]
            mechanisms: [{mechanism: scc, reference: TL 1}]
            disclosure: {reference: TLPA s. 5, items: [destination, safeguard_reference]}
        categories: [{id: email}]
        processors:
          - {id: app, locations: [NZ], collects: [{categories: [email]}]}
          - {id: mx, entity: Correo SA, locations: [MX]}
          - {id: br, entity: Dados Ltda., locations: [BR]}
        flows:
          - id: f
            from: app
            to: mx
            categories: [email]
            safeguards: [{mechanism: scc, reference: DPA 2026 annex 2}]
          - {id: g, from: app, to: br, categories: [email]}
        """))
    text = report(tmp_path, fm, "r.md")
    notices = text[text.index("## Transfer notices"):]
    assert notices.count("\n### ") == 1
    assert "### TLPA (Test land): TLPA s. 5" in notices
    table = [line for line in notices.splitlines() if line.startswith("|")]
    assert table[0] == ("| Recipient | Country | Safeguard relied on | "
                        "Flows in the map and ground |")
    assert table[2] == ("| Correo SA | Mexico | Standard contractual clauses: DPA 2026 annex 2 | "
                        "f<br>scc |")
    assert table[3] == ("| Dados Ltda. | Brazil | **&#91;MISSING: no safeguard this law "
                        "recognises&#93;** | g<br>✖ no safeguard |")


def test_large_map_has_a_diagram_grouped_by_country(tmp_path):
    count = GROUP_ABOVE + 1
    lines = ["dataflow: 1", "name: Big", "home: KR", "as_of: 2026-06-30",
             "categories: [{id: email}]", "processors:",
             "  - {id: hub, locations: [KR], collects: [{categories: [email]}]}"]
    lines += [f"  - {{id: p{i}, locations: [{'JP' if i % 2 else 'KR'}]}}" for i in range(count)]
    lines += ["flows:"] + [f"  - {{from: hub, to: p{i}, categories: [email]}}" for i in range(count)]
    text = report(tmp_path, dataflow.loads("\n".join(lines) + "\n"), "big.md")
    _, mermaid = _outside_mermaid(text)
    assert "grouped by country" in mermaid.splitlines()[1]
    assert f"The map has {count + 1} processors, more than {GROUP_ABOVE}" in text
    assert text.count("\n### ") == count + 1 + 1  # a record per processor, and a notice


# --- hostile text -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile():
    def q(text: str) -> str:
        return json.dumps(text)  # a JSON string is a YAML double-quoted scalar

    lines = ["dataflow: 1", f"name: {q(HOSTILE[0])}", "home: KR", "as_of: 2026-06-30",
             "categories:"]
    lines += [f"  - {{id: c{i}, name: {q(h)}, sensitive: {str(i % 2 == 0).lower()}}}"
              for i, h in enumerate(HOSTILE)]
    lines += [f"subjects: [{{id: s, name: {q(HOSTILE[3])}}}]", "processors:",
              f"  - {{id: 'a:b', name: {q(HOSTILE[4])}, entity: {q(HOSTILE[2])}, "
              f"description: {q(HOSTILE[5])}, role: controller, locations: [KR], "
              f"contact: {q(HOSTILE[0])}, collects: [{{categories: ["
              + ", ".join(f"c{i}" for i in range(len(HOSTILE)))
              + f"], subjects: [s], purpose: {q(HOSTILE[6])}, retention: {q(HOSTILE[7])}}}]}}"]
    for i, h in enumerate(HOSTILE):  # p0 lacks a contact: its finding is waived
        contact = f", contact: {q(h)}" if i else ""
        lines.append(f"  - {{id: p{i}.x-1, name: {q(h)}, entity: {q(h)}{contact}, "
                     f"role: third_party, locations: [CN]}}")
    lines.append("flows:")
    for i, h in enumerate(HOSTILE):
        lines.append(f"  - {{id: f{i}, from: 'a:b', to: p{i}.x-1, categories: [c{i}], "
                     f"subjects: [s], purpose: {q(h)}, retention: {q(h)}, method: {q(h)}, "
                     f"safeguards: [{{mechanism: consent, reference: {q(h)}}}]}}")
    lines += ["waivers:", f"  - {{finding: 'DF110@f0@KR@CN', reason: {q(HOSTILE[3])}, "
              f"ticket: {q(HOSTILE[2])}}}"]
    return dataflow.loads("\n".join(lines) + "\n")


def test_hostile_text_is_inert_in_html(hostile, tmp_path):
    text = report(tmp_path, hostile, "r.html")
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    parsed = Page(text)
    allowed = {"html", "head", "meta", "title", "style", "body", "header", "main", "nav",
               "footer", "section", "article", "figure", "figcaption", "div", "p", "span",
               "strong", "code", "br", "a", "h1", "h2", "h3", "h4", "dl", "dt", "dd", "ul",
               "li", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "svg",
               "g", "text", "path", "polygon", "ellipse", "polyline"}
    everything = list(parsed.root.iter())
    assert {e.tag for e in everything} <= allowed
    assert not [k for e in everything for k in e.attrs if k.startswith("on")]
    shown = parsed.root.text()
    for value in HOSTILE:
        for line in value.split("\n"):
            assert line in shown  # verbatim as text, never as markup
    assert "line one\nline two" in section(parsed, "disclosure").text()  # a line break kept
    waived = next(r for r in section(parsed, "findings").rows() if "DF110@f0@KR@CN" in r[1])
    assert f"Waived (was warning): {HOSTILE[3]}" in waived[2]
    assert f"Ticket: {HOSTILE[2]}" in waived[2]


def test_hostile_text_is_inert_in_markdown(hostile, tmp_path):
    text = report(tmp_path, hostile, "r.md")
    body, mermaid = _outside_mermaid(text)
    assert "```" not in mermaid
    tables = _tables(body)
    # a URL in user text becomes a code span, which GitHub never turns into a link
    links = re.compile(r"`((?:https?|ftp)://[^`]*|www\.[^`]*|[^`\s]*@[^`\s]*)`")
    assert links.search(body)
    body = links.sub(r"\1", body)
    for line in body.splitlines():
        rest = line[2:] if line.startswith("- ") else line  # after a bullet of the report
        assert not re.match(r"\s*([-+=]|\d+[.)])|\s{4}", rest), line  # no block from user text
        assert not set("[]`\\") & set(line), line
        assert not set("<>") & set(line.replace("<br>", "")), line
        if not line.startswith("|"):
            assert "|" not in line, line
    for table in tables:
        assert {line.count("|") for line in table} == {table[0].count("|")}
    assert len(tables[-1]) == 2 + len(HOSTILE)  # one notice row per recipient
    decoded = html.unescape(body.replace("<br>", "\n"))
    for value in HOSTILE:
        assert value in decoded  # every character comes back as written


# --- files --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["r.html", "r.md"])
def test_same_map_gives_the_same_bytes(name, tmp_path):
    first, second = tmp_path / "1", tmp_path / "2"
    first.mkdir()
    second.mkdir()
    write_report(dataflow.loads(MAP), str(first / name))
    write_report(dataflow.loads(MAP), str(second / name))
    assert (first / name).read_bytes() == (second / name).read_bytes()


def test_refuses_to_write_over_an_input(small, tmp_path):
    target = tmp_path / "map.md"
    target.write_text("keep me")
    with pytest.raises(OutputError, match="refusing to write over an input"):
        write_report(small, str(target), inputs=(str(target),))
    assert target.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["map.md"]


def test_refuses_to_write_over_a_file_the_map_was_read_from(tmp_path):
    main, part = tmp_path / "main.yaml", tmp_path / "part.md"  # any name can be included
    main.write_text("dataflow: 1\ninclude: [part.md]\nprocessors: [{id: a, locations: [KR]}]\n")
    part.write_text("dataflow: 1\nprocessors: [{id: b, locations: [KR]}]\n")
    with pytest.raises(OutputError, match="refusing to write over an input"):
        write_report(dataflow.load(main), str(part))
    assert part.read_text().startswith("dataflow: 1")


@pytest.mark.parametrize("name", ["report.pdf", "report", "report.markdown.txt"])
def test_unknown_suffix_says_which_work(small, tmp_path, name):
    with pytest.raises(RenderError, match=r"\.html, \.htm, \.md"):
        write_report(small, str(tmp_path / name))
    assert list(tmp_path.iterdir()) == []


# --- the examples -------------------------------------------------------------------------

def test_aliexpress_notice_lacks_the_recipient_contact_and_retention(tmp_path):
    parsed = Page(report(tmp_path, dataflow.load(ALIEXPRESS), "r.html"))
    [row] = section(parsed, "disclosure").rows()
    missing = "[MISSING: not stated in the map]"
    assert row[0] == f"{missing}\nOverseas sellers on AliExpress\n{missing}"  # name, contact
    assert row[1] == "China"
    assert row[4].endswith(f" / {missing}")  # the retention period
    assert row[5] == missing  # how to refuse (item 5)
    assert row[6] == "orders-to-sellers\nNo safeguard"


def _png(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and pixel rows (RGB or RGBA, 8 bits) of a PNG, with zlib and struct."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, compressed = 8, b""
    while pos < len(data):
        (size,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8
            assert colour in (2, 6)
            assert interlace == 0
        elif kind == b"IDAT":
            compressed += body
        pos += 12 + size
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(compressed), width * step
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride) if kind else ():
            a = line[i - step] if i >= step else 0
            b, c = previous[i], previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            else:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[j] for j in range(stride) if j % step < 3))
        previous = line
    return width, height, rows


def test_a_browser_draws_the_report(tmp_path):
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed: `sh scripts/setup.sh --test` installs it"
    page = tmp_path / "report.html"
    write_report(dataflow.load(KOREA), str(page))
    shot = tmp_path / "shot.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
         "--window-size=1400,2000", page.as_uri()],
        capture_output=True, timeout=120, check=False)
    assert shot.exists(), "the browser wrote no screenshot"
    width, height, rows = _png(shot)
    assert (width, height) == (1400, 2000)
    header = rows[30][40 * 3:40 * 3 + 3]  # the report's dark title band
    assert max(abs(x - y) for x, y in zip(header, (0x0B, 0x2E, 0x4F), strict=True)) < 12
    body = rows[200:]
    colours = {row[i:i + 3] for row in body[::7] for i in range(0, len(row), 21)}
    inked = sum(row[i:i + 3] != b"\xff\xff\xff" for row in body[::7]
                for i in range(0, len(row), 21))
    assert len(colours) > 40  # text, badges and diagram lines, not one flat colour
    assert inked > 0.03 * (len(body[::7]) * width // 7)


def test_a_large_map_is_summarised_section_by_section(small, tmp_path, monkeypatch):
    from dataflow.report import content

    monkeypatch.setattr(content, "LIST_AT_MOST", 2)
    checked = dataflow.check(small)
    text = report(tmp_path, small, "big.html")
    parsed = Page(text)
    findings = section(parsed, "findings")
    assert f"The map has {len(checked.findings)} findings, too many to list here" \
        in findings.text()
    by_rule = findings.rows()
    assert [r[0].split("\n")[0] for r in by_rule[:2]] == ["DF100", "DF110"]
    assert by_rule[0][2] == str(sum(f.rule == "DF100" for f in checked.findings))
    transfers = section(parsed, "transfers").rows()
    assert sum(int(r[3]) for r in transfers) == len(checked.transfers)
    assert transfers[0][2] == "No safeguard"  # those without a safeguard first
    records = section(parsed, "records").rows()
    assert [r[0].split("\n")[-1] for r in records] == ["shop", "crm", "mailer", "sellers"]
    md = report(tmp_path, small, "big.md")
    assert "too many to list here" in md
    assert "### Flows with most findings" in md


def test_markdown_mentions_nobody():
    from dataflow.report.markdown import text

    assert "@" not in text("ask @privacy-team or @org/dpo")
    assert "`dpo@shop.example`" in text("write to dpo@shop.example")


def test_a_report_draws_a_smaller_view_when_the_map_is_too_large_to_lay_out(tmp_path,
                                                                           monkeypatch):
    import importlib

    from dataflow.render import LayoutBudget
    from tests.test_render import _dense_map

    content = importlib.import_module("dataflow.report.content")
    monkeypatch.setattr(content, "LAYOUT_AT_MOST", LayoutBudget(nodes=20, edges=40))
    report = dataflow.check(dataflow.loads(_dense_map()))
    built = content.build_content(report)
    assert len(built.diagram.nodes) == 4  # one box per country, not 12 processors
    assert "so the diagram shows one box per country" in built.diagram_note


def test_the_notices_in_the_report_ask_for_rights_and_copies_where_the_law_does(tmp_path):
    """PIPL Art. 39 asks how to exercise one's rights with the recipient; GDPR Art. 13(1)(f)
    where a copy of the clauses can be obtained: both are columns of the report's notices."""
    from dataflow.report.content import build_content

    content = build_content(dataflow.check(dataflow.load(ROOT / "examples/cn-travel-bookings.yaml")))
    (pipl,) = [s.notice for s in content.disclosures if s.notice.jurisdiction == "CN"]
    assert pipl.headings[-1] == "How to exercise your rights with the overseas recipient"
    rights = {row.recipient: row.cells[-1][0].parts[0] for row in pipl.rows}
    assert rights["support-us"].missing
    assert rights["hq-sg"].text.startswith("E-mail dpo@lanting-travel.example")
    eu = build_content(dataflow.check(dataflow.load(ROOT / "examples/eu-saas")))
    (gdpr,) = [s.notice for s in eu.disclosures if s.notice.jurisdiction == "EU"]
    assert gdpr.headings[-1] == "Where a copy can be obtained"
    copies = {row.recipient: [p.text for line in row.cells[-1] for p in line.parts]
              for row in gdpr.rows}
    assert copies["sms"] == ["https://nordlicht.example/legal/transfers (copies of the clauses "
                             "on request)"]
    assert copies["crm"] == ["—"]  # adequacy: no copy to give
