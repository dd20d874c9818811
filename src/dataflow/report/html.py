"""The report as one self-contained HTML page: inline SVG and stylesheet, nothing fetched.

Every text from the map goes through :func:`text` (escaped, quotes included); the
Content-Security-Policy forbids scripts and every network load, should anything slip.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from ..render import diagram_bytes
from .content import (
    NOT_STATED,
    SEVERITY_WORDS,
    STATUS_WORDS,
    CategoryRef,
    Content,
    DisclosureSection,
    Entry,
    FindingRow,
    Party,
    Record,
    TransferRecord,
    visible_lines,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0b4f8a}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font:14px/1.5 -apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,"Noto Sans","Noto Sans CJK KR",sans-serif}
main{max-width:1320px;margin:0 auto;padding:0 32px 48px}
header.top{background:#0b2e4f;color:#fff;padding:28px 0 22px;margin-bottom:8px}
header.top .inner{max-width:1320px;margin:0 auto;padding:0 32px}
header.top .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;
color:#b9d3ea;margin:0 0 4px}
header.top h1{font-size:28px;line-height:1.25;margin:0 0 10px;font-weight:650}
header.top dl{display:flex;flex-wrap:wrap;gap:6px 28px;margin:0;font-size:13px}
header.top dt{color:#b9d3ea;display:inline}
header.top dd{display:inline;margin:0 0 0 6px}
nav.toc{border-bottom:1px solid var(--line);padding:10px 0;margin-bottom:8px;font-size:13px}
nav.toc a{color:var(--accent);text-decoration:none;margin-right:18px}
h2{font-size:20px;margin:34px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--ink)}
h3{font-size:17px;margin:0 0 6px}
h4{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);
margin:18px 0 6px}
p{margin:6px 0 10px}
.lead{color:var(--muted);max-width:80ch}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;
margin:12px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--soft)}
.card .n{font-size:24px;font-weight:650;line-height:1.2;display:block}
.card .l{color:var(--muted);font-size:12.5px}
.tally{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:6px 0}
.tally .label{font-weight:600;min-width:170px}
.table-wrap{overflow-x:auto;margin:6px 0 12px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;
overflow-wrap:break-word}
thead th{background:#eef2f6;font-weight:600;white-space:nowrap}
tbody tr:nth-child(even) td{background:#fafbfc}
code,.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.id{color:var(--muted)}
.badge{display:inline-block;padding:0 8px;border-radius:10px;border:1px solid;
font-size:12px;font-weight:650;white-space:nowrap;line-height:18px}
.badge::before{margin-right:4px}
.sev-error,.st-missing{color:#8c1d18;background:#fdecea;border-color:#e8a29d}
.sev-error::before,.st-missing::before{content:"\\2716"}
.sev-warning{color:#6b4400;background:#fff4d6;border-color:#e6c36a}
.sev-warning::before{content:"\\25B2"}
.sev-info,.st-first,.st-onward{color:#24415e;background:#eaf2fb;border-color:#a9c4e2}
.sev-info::before{content:"\\25CF"}
.st-safeguarded{color:#0b4f8a;background:#e8f1fb;border-color:#8db5e0}
.st-safeguarded::before,.st-adequate::before{content:"\\2714"}
.st-adequate{color:#0f5e3f;background:#e6f5ee;border-color:#8cc9ab}
.waived{color:#4a4a4a;background:#efefef;border-color:#bbb}
.sens{color:#7a1f5c;background:#fbeaf5;border:1px solid #dba5c8;border-radius:3px;
font-size:11px;padding:0 4px;margin-left:3px;white-space:nowrap}
.missing{color:#7a4100;background:#fff1dc;border:1px dashed #d19a4f;border-radius:3px;
padding:0 4px;font-style:italic;white-space:nowrap}
.waiver{margin-top:6px;padding:6px 8px;border-left:3px solid #999;background:#f4f4f4}
.context{color:var(--muted)}
.note{border-left:3px solid var(--accent);background:#eef5fc;padding:8px 12px;max-width:100ch}
figure.diagram{margin:10px 0;border:1px solid var(--line);border-radius:6px;padding:12px;
overflow-x:auto;background:#fff}
figure.diagram svg{display:block;height:auto;margin:0 auto;max-width:none;
width:min(var(--natural,100%),max(100%,var(--legible,100%)))}
figure.diagram figcaption{color:var(--muted);font-size:12.5px;margin-top:8px}
article.record{border:1px solid var(--line);border-radius:6px;padding:16px 18px;
margin:14px 0;break-inside:auto}
article.record h3 .no{color:var(--muted);font-weight:500;margin-right:6px}
article.record h3 code{font-weight:400;color:var(--muted);margin-left:8px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:10px 0}
dl.facts dt{font-weight:600;color:var(--muted)}
dl.facts dd{margin:0}
ul.plain{margin:4px 0;padding-left:20px}
ul.plain li{margin:2px 0}
footer{color:var(--muted);font-size:12px;border-top:1px solid var(--line);margin-top:36px;
padding-top:10px}
@page{size:A4 landscape;margin:12mm}
@media print{
body{font-size:10pt}
header.top{background:none;color:var(--ink);border-bottom:2px solid var(--ink);padding:0 0 8px}
header.top .kicker,header.top dt{color:var(--muted)}
header.top .inner,main{padding:0;max-width:none}
nav.toc{display:none}
.table-wrap,figure.diagram{overflow:visible}
figure.diagram svg{width:auto;max-width:100%;max-height:165mm}
thead{display:table-header-group}
tr,.card,figure.diagram{break-inside:avoid}
h2,h3,h4{break-after:avoid}
h2{break-before:page}
section#summary h2{break-before:auto}
.badge,.sens,.missing{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def text(value: str) -> str:
    """User text as HTML: every markup character escaped, line breaks kept."""
    return "<br>".join(html.escape(line, quote=True) for line in visible_lines(value))


def value(found: str | None) -> str:
    """A value, or the visible marker that the map does not give it."""
    return text(found) if found is not None else f'<span class="missing">{NOT_STATED}</span>'


def values(found: Sequence[str | None]) -> str:
    if not found:
        return value(None)
    return "<br>".join(value(v) for v in found)


def party(who: Party, entity: str | None = None) -> str:
    """A processor: its name, the legal entity when given, and its ID."""
    shown = text(who.name) + (f"<br>{text(entity)}" if entity else "")
    if not who.id:
        return shown
    if who.name == who.id and not entity:
        return f"<code>{text(who.id)}</code>"
    return f'{shown}<br><span class="id">{text(who.id)}</span>'


def categories(found: Iterable[CategoryRef]) -> str:
    shown = [text(c.name) + ('<span class="sens">sensitive</span>' if c.sensitive else "")
             for c in found]
    return ", ".join(shown) if shown else value(None)


def badge(kind: str, words: str) -> str:
    return f'<span class="badge {kind}">{html.escape(words)}</span>'


def table(headers: Sequence[str], rows: Iterable[Sequence[str]],
          widths: Sequence[int] = ()) -> str:
    """A table with a header row; ``widths`` in percent, one per column, when given."""
    cols = ("<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths)
            + "</colgroup>") if widths else ""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="table-wrap"><table>{cols}\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody></table></div>")


def render(content: Content) -> str:
    """The report as an HTML page; the same content always gives the same bytes."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{text(content.title)}: personal data flow report</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        _header(content),
        "<main>",
        _toc(),
        _summary(content),
        _diagram(content),
        _findings(content.findings),
        _transfers(content),
        _records(content.records),
        _disclosure(content.disclosure),
        '<footer>Generated from the map files listed above, as of '
        f"{text(content.as_of)}. The same map and date always give the same report.</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _header(content: Content) -> str:
    files = ", ".join(f"<code>{text(f)}</code>" for f in content.files) or value(None)
    return ('<header class="top"><div class="inner">'
            '<p class="kicker">Personal data flow report</p>'
            f"<h1>{text(content.title)}</h1>"
            f"<dl><div><dt>As of</dt><dd>{text(content.as_of)}</dd></div>"
            f"<div><dt>Map files</dt><dd>{files}</dd></div></dl>"
            "</div></header>")


def _toc() -> str:
    links = [("summary", "Summary"), ("diagram", "Diagram"), ("findings", "Findings"),
             ("transfers", "International transfers"), ("records", "Records of processing"),
             ("disclosure", "Overseas transfer notice (PIPA)")]
    return ('<nav class="toc" aria-label="Contents">'
            + "".join(f'<a href="#{k}">{w}</a>' for k, w in links) + "</nav>")


def _summary(content: Content) -> str:
    cards = "".join(f'<div class="card"><span class="n">{n}</span><span class="l">'
                    f"{html.escape(label)}</span></div>" for label, n in content.counts)
    findings = " ".join(badge(f"sev-{s}", f"{n} {SEVERITY_WORDS[s].lower()}"
                              + ("s" if n != 1 and s != "info" else ""))
                        for s, n in content.findings_by_severity)
    if content.waived:
        findings += " " + badge("waived", f"{content.waived} waived (counted as info)")
    transfers = " ".join(badge(f"st-{s}", f"{n} {STATUS_WORDS[s].lower()}")
                         for s, n in content.transfers_by_status)
    return ('<section id="summary"><h2>Summary</h2>'
            f'<div class="cards">{cards}</div>'
            f'<div class="tally"><span class="label">Findings</span>{findings}</div>'
            f'<div class="tally"><span class="label">International transfers</span>'
            f"{transfers}</div></section>")


def _diagram(content: Content) -> str:
    svg = diagram_bytes(content.diagram, "svg").decode("utf-8")
    start = svg.find("<svg")
    svg = _sized(svg[start:].strip() if start >= 0 else svg.strip())
    note = f'<p class="note">{text(content.diagram_note)}</p>' if content.diagram_note else ""
    boxes, flagged = ("Boxes are grouped by the country where each processor is located.",
                      "a processor")
    if content.diagram_note:  # a note is given when the diagram is grouped by country
        boxes, flagged = "Each box is one country, with its number of processors.", "a country"
    return ('<section id="diagram"><h2>Diagram</h2>' + note
            + f'<figure class="diagram">{svg}<figcaption>{boxes} A bold dashed orange line '
            "is a transfer without a safeguard; a solid blue line a safeguarded transfer "
            "(mechanism named); a double green line a transfer to an adequate country; a thin "
            f"grey line a flow that is no international transfer. A red border marks {flagged} "
            "with findings; "
            "* marks a sensitive category. A wide diagram scrolls sideways on screen and fits "
            "the page when printed.</figcaption></figure></section>")


_POINTS = re.compile(r'<svg width="([0-9.]+)pt"')
#: On screen the diagram shrinks to the page, but not below this share of its own size
#: (its labels would be too small to read): past that it scrolls sideways.
LEGIBLE_SCALE = 0.7


def _sized(svg: str) -> str:
    """The SVG with its natural width (Graphviz gives points) for the stylesheet."""
    found = _POINTS.match(svg)
    if found is None:
        return svg
    natural = float(found.group(1)) * 4 / 3
    return (f'<svg style="--natural:{natural:.0f}px;--legible:{natural * LEGIBLE_SCALE:.0f}px"'
            + svg[4:])


def _findings(rows: Sequence[FindingRow]) -> str:
    head = ('<section id="findings"><h2>Findings</h2><p class="lead">What the check found, '
            "most serious first. Each row says where in the map it comes from and how to fix "
            "it. Waived findings stay listed, as info, with the reason they were accepted.</p>")
    if not rows:
        return head + "<p>No findings: every check passed.</p></section>"
    body = []
    for row in rows:
        severity = badge(f"sev-{row.severity}", SEVERITY_WORDS[row.severity])
        message = text(row.message)
        if row.waiver is not None:
            severity += "<br>" + badge("waived", "Waived")
            was = (f" (was {html.escape(SEVERITY_WORDS[row.waiver.severity].lower())})"
                   if row.waiver.severity in SEVERITY_WORDS else "")
            details = [f"<strong>Waived{was}:</strong> {value(row.waiver.reason or None)}"]
            details.append(f"Ticket: {value(row.waiver.ticket)}")
            if row.waiver.expires:
                details.append(f"Waiver expires: {text(row.waiver.expires)}")
            message += '<div class="waiver">' + "<br>".join(details) + "</div>"
        body.append([
            severity,
            f"<code>{text(row.rule)}</code><br>{text(row.name)}"
            f'<br><span class="id">{text(row.id)}</span>',
            message,
            f"<code>{text(row.place)}</code>" if row.place else value(None),
            text(row.fix) if row.fix else value(None),
            "<br>".join(text(r) for r in row.references) or "&mdash;",
        ])
    return head + table(("Severity", "Rule", "Finding", "Where in the map", "How to fix",
                         "Law"), body, widths=(8, 13, 35, 12, 23, 9)) + "</section>"


def _status(status: str) -> str:
    return badge(f"st-{status}", STATUS_WORDS[status])


def _transfers(content: Content) -> str:
    head = ('<section id="transfers"><h2>International transfers</h2><p class="lead">One row '
            "per flow, law and destination country: a flow is a transfer under a law when "
            "its data is subject to that law and the recipient is in a country outside it. "
            "An onward transfer sends on data that already left under the same law.</p>")
    if not content.transfers:
        return head + "<p>The map has no international transfer.</p></section>"
    rows = [[f"<code>{text(t.flow)}</code>", party(t.source), party(t.target), text(t.law),
             text(t.destination), "Onward" if t.onward else "First", _status(t.status),
             ", ".join(f"<code>{text(m)}</code>" for m in t.mechanisms) or "&mdash;"]
            for t in content.transfers]
    return head + table(("Flow", "From", "To", "Law", "Destination", "First or onward",
                         "Status", "Mechanisms"), rows,
                        widths=(14, 16, 18, 14, 11, 8, 10, 9)) + "</section>"


def _purposes(found: Sequence[Entry], none: str) -> str:
    if not found:
        return f"<p>{html.escape(none)}</p>"
    return '<ul class="plain">' + "".join(
        f'<li>{value(p.text)} <span class="context">({text(p.context)})</span></li>'
        for p in found) + "</ul>"


def _safeguard_items(t: TransferRecord) -> str:
    items = []
    for s in t.safeguards:
        basis = f" ({text(s.legal_basis)})" if s.legal_basis else ""
        items.append(f"<li><code>{text(s.mechanism)}</code>{basis}<br>"
                     f"Reference: {value(s.reference)}<br>"
                     f"Expires: {text(s.expires) if s.expires else 'no expiry date'}"
                     f'<span class="context"> &middot; declared on the {s.declared_on}</span>'
                     "</li>")
    return '<ul class="plain">' + "".join(items) + "</ul>" if items else ""


def _safeguards(t: TransferRecord) -> str:
    if t.status == "adequate":
        return f"Adequacy decision: {value(t.adequacy)}"
    if t.status == "safeguarded":
        return _safeguard_items(t)
    declared = ("<strong>Declared, but not enough:</strong>" + _safeguard_items(t)
                if t.safeguards else "<strong>No safeguard declared for this law.</strong><br>")
    notes = "".join(f"<li>{text(n)}</li>" for n in t.notes)
    return declared + (f'<strong>Why:</strong><ul class="plain">{notes}</ul>' if notes else "")


def _record(number: int, record: Record) -> str:
    title = text(record.party.name)
    ident = (f"<code>{text(record.party.id)}</code>" if record.party.name != record.party.id
             else "")
    facts = [("Entity", value(record.entity)), ("Role", value(record.role)),
             ("Locations", "; ".join(text(c) for c in record.locations)),
             ("Contact", value(record.contact))]
    if record.certifications:
        facts.append(("Certifications",
                      ", ".join(f"<code>{text(c)}</code>" for c in record.certifications)))
    facts.append(("Data subjects", ", ".join(text(s) for s in record.subjects)
                  or value(None)))
    parts = [f'<article class="record" id="record-{number}">',
             f'<h3><span class="no">{number}.</span>{title}{ident}</h3>']
    if record.description:
        parts.append(f'<p class="lead">{text(record.description)}</p>')
    parts.append('<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
                 + "</dl>")
    parts.append("<h4>Personal data held</h4>")
    if record.categories:
        parts.append(table(("Category", "Sensitive", "How it gets here"), [
            [text(h.category.name) + f'<br><span class="id">{text(h.category.id)}</span>',
             '<span class="sens">sensitive</span>' if h.category.sensitive else "no",
             "; ".join(text(s) for s in h.sources)] for h in record.categories],
            widths=(40, 10, 50)))
    else:
        parts.append("<p>None: it collects nothing and receives no flow in the map.</p>")
    parts.append("<h4>Purposes</h4>")
    parts.append(_purposes(record.purposes, "None: it collects nothing and sends nothing on."))
    parts.append("<h4>Retention</h4>")
    parts.append(_purposes(record.retention, "None: it holds no data in the map."))
    parts.append("<h4>Recipients</h4>")
    if record.recipients:
        parts.append(table(
            ("Flow", "Recipient", "Country", "Personal data", "Entry", "Retention",
             "When and how"),
            [[f"<code>{text(r.flow)}</code>",
              party(r.to, r.entity),
              "<br>".join(text(c) for c in r.countries), categories(r.categories),
              value(r.purpose), value(r.retention), value(r.method)]
             for r in record.recipients]))
    else:
        parts.append("<p>It sends no personal data to other processors in the map.</p>")
    parts.append("<h4>International transfers from it</h4>")
    if record.transfers:
        parts.append(table(
            ("Flow", "To", "Law", "Destination", "First or onward", "Status",
             "Safeguards (mechanism, reference, expiry)"),
            [[f"<code>{text(t.flow)}</code>", party(t.to), text(t.law), text(t.destination),
              "Onward" if t.onward else "First", _status(t.status), _safeguards(t)]
             for t in record.transfers]))
    else:
        parts.append("<p>None.</p>")
    parts.append("</article>")
    return "\n".join(parts)


def _records(records: Sequence[Record]) -> str:
    head = ('<section id="records"><h2>Records of processing</h2><p class="lead">One record '
            "per processor, in the order the map declares them: who runs it, what personal "
            "data it holds and why, how long it keeps it, to whom it sends it, and the "
            "safeguards of its international transfers.</p>")
    return head + "\n".join(_record(i, r) for i, r in enumerate(records, 1)) + "</section>"


def _disclosure(section: DisclosureSection) -> str:
    head = ('<section id="disclosure"><h2>Overseas transfer notice (PIPA Art. 28-8(2))</h2>')
    if section.law is None:
        return (head + "<p>The map has no transfer subject to Korea's Personal Information "
                "Protection Act (PIPA), so there is nothing to disclose under Art. 28-8(2).</p>"
                "</section>")
    lead = (f'<p class="lead">Every transfer under {text(section.law)}, one row per recipient '
            f"and destination country, with the items {text(section.reference)} requires the "
            "privacy policy (and any consent request) to give. Where a cell says "
            f'<span class="missing">{NOT_STATED}</span>, add the value to the map before '
            "publishing the notice. The recipient is named by its legal entity (its "
            "entity in the map), not by a display name.</p>")
    rows = []
    for r in section.rows:
        name = value(r.recipient_name) + f'<br><span class="id">{text(r.recipient.id)}</span>'
        ground = ", ".join(f"<code>{text(g)}</code>" for g in r.grounds) or badge(
            "st-missing", "No safeguard")
        rows.append([name, value(r.contact), text(r.country), categories(r.items),
                     values(r.method), values(r.purpose), values(r.retention),
                     values(r.refusal),
                     ", ".join(f"<code>{text(f)}</code>" for f in r.flows) + "<br>" + ground])
    return head + lead + table(
        ("Recipient", "Recipient's contact", "Country", "Personal data transferred",
         "When and how", "Recipient's purpose", "Retention period",
         "How to refuse, and the effect", "Flows in the map and ground"),
        rows, widths=(12, 11, 7, 18, 11, 11, 10, 11, 9)) + "</section>"
