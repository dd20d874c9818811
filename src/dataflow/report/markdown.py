"""The report as GitHub-flavoured Markdown, with the diagram as a ``mermaid`` block.

Every text from the map goes through :func:`text`: the characters that Markdown, tables or
HTML give a meaning become character references, so user text cannot start a link, an
image, emphasis, code, a table cell or an HTML tag, and line breaks cannot end a row.
"""

from __future__ import annotations

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

_SPECIAL = re.compile(r"[&<>|`\[\]*_\\~$#!]")
_REFERENCE = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BLOCK = re.compile(r"( *)([-+=]|[0-9]+[.)])?")
MISSING = f"*⚠ {NOT_STATED}*"


#: What GitHub would turn into a live link by itself (URLs, www. names, e-mail addresses).
_AUTOLINK = re.compile(r"(?:https?|ftp)://[^\s<>`|]+|www\.[^\s<>`|]+|[\w.+-]+@[\w-]+\.[\w.-]+")


def _line(line: str) -> str:
    """One line of user text, inert: a URL or address becomes a code span, not a link."""
    parts, last = [], 0
    for found in _AUTOLINK.finditer(line):
        parts.append(_escape(line[last:found.start()]))
        parts.append(f"`{found.group()}`")  # code spans are never linked; no ` inside
        last = found.end()
    parts.append(_escape(line[last:]))
    return "".join(parts)


def _escape(line: str) -> str:
    return _SPECIAL.sub(lambda m: _REFERENCE.get(m.group(), f"&#{ord(m.group())};"), line)


def _start(line: str) -> str:
    """A line that cannot open a block: no list item, rule, heading or code block."""
    found = _BLOCK.match(line)
    assert found is not None  # every part of the pattern is optional
    marker = "".join(f"&#{ord(c)};" if c in "-+=.)" else c for c in found.group(2) or "")
    return "&#32;" * len(found.group(1)) + marker + line[found.end():]


def text(value: str) -> str:
    """User text for a table cell or a line of Markdown: inert, line breaks as ``<br>``."""
    return _start("<br>".join(_line(line) for line in visible_lines(value)))


def heading(value: str) -> str:
    """User text for a heading: inert and on one line."""
    return " ".join(_line(line) for line in visible_lines(value))


def value(found: str | None) -> str:
    return text(found) if found is not None else MISSING


def values(found: Sequence[str | None]) -> str:
    return "<br>".join(value(v) for v in found) if found else MISSING


def party(who: Party) -> str:
    if not who.id:
        return text(who.name)
    if who.name == who.id:
        return text(who.id)
    return f"{text(who.name)} ({text(who.id)})"


def categories(found: Iterable[CategoryRef]) -> str:
    shown = [text(c.name) + (" **(sensitive)**" if c.sensitive else "") for c in found]
    return ", ".join(shown) if shown else MISSING


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def render(content: Content) -> str:
    """The report as Markdown; the same content always gives the same bytes."""
    mermaid = diagram_bytes(content.diagram, "mermaid").decode("utf-8").rstrip("\n")
    files = ", ".join(text(f) for f in content.files) or MISSING
    parts = [
        f"# {heading(content.title)}",
        f"Personal data flow report as of **{text(content.as_of)}**. Map files: {files}.",
        "## Summary",
        _summary(content),
        "## Diagram",
        *([text(content.diagram_note)] if content.diagram_note else []),
        f"```mermaid\n{mermaid}\n```",
        "Dotted line: transfer without a safeguard; solid line: safeguarded transfer "
        "(mechanism named); thick line: transfer to an adequate country; "
        "a * after a category marks it as sensitive.",
        "## Findings",
        _findings(content.findings),
        "## International transfers",
        _transfers(content),
        "## Records of processing",
        "One record per processor, in the order the map declares them.",
        *(_record(i, r) for i, r in enumerate(content.records, 1)),
        "## Overseas transfer notice (PIPA Art. 28-8(2))",
        _disclosure(content.disclosure),
    ]
    return "\n\n".join(parts) + "\n"


def _summary(content: Content) -> str:
    rows = [[label, str(n)] for label, n in content.counts]
    rows += [[f"Findings: {SEVERITY_WORDS[s].lower()}", str(n)]
             for s, n in content.findings_by_severity]
    rows.append(["Findings waived (counted as info)", str(content.waived)])
    rows += [[f"Transfers: {STATUS_WORDS[s].lower()}", str(n)]
             for s, n in content.transfers_by_status]
    return table(("What", "Count"), rows).replace("|---|---|", "|---|--:|", 1)


def _severity(severity: str) -> str:
    symbol = {"error": "✖", "warning": "▲", "info": "●"}[severity]
    return f"{symbol} **{SEVERITY_WORDS[severity]}**"


def _findings(rows: Sequence[FindingRow]) -> str:
    if not rows:
        return "No findings: every check passed."
    body = []
    for row in rows:
        severity = _severity(row.severity)
        message = text(row.message)
        if row.waiver is not None:
            severity += "<br>waived"
            was = (f" (was {SEVERITY_WORDS[row.waiver.severity].lower()})"
                   if row.waiver.severity in SEVERITY_WORDS else "")
            message += (f"<br>**Waived{was}:** {value(row.waiver.reason or None)}"
                        f"<br>Ticket: {value(row.waiver.ticket)}")
            if row.waiver.expires:
                message += f"<br>Waiver expires: {text(row.waiver.expires)}"
        body.append([severity, f"{text(row.rule)} {text(row.name)}<br>{text(row.id)}", message,
                     text(row.place) if row.place else MISSING,
                     text(row.fix) if row.fix else MISSING,
                     "<br>".join(text(r) for r in row.references)])
    return ("Most serious first. Waived findings stay listed, as info, with the reason.\n\n"
            + table(("Severity", "Rule", "Finding", "Where in the map", "How to fix", "Law"),
                    body))


def _status(status: str) -> str:
    symbol = {"missing": "✖", "safeguarded": "✔", "adequate": "✔"}[status]
    return f"{symbol} {STATUS_WORDS[status]}"


def _transfers(content: Content) -> str:
    if not content.transfers:
        return "The map has no international transfer."
    return table(("Flow", "From", "To", "Law", "Destination", "First or onward", "Status",
                  "Mechanisms"),
                 [[text(t.flow), party(t.source), party(t.target), text(t.law),
                   text(t.destination), "onward" if t.onward else "first", _status(t.status),
                   ", ".join(text(m) for m in t.mechanisms)] for t in content.transfers])


def _purposes(found: Sequence[Entry], none: str) -> str:
    if not found:
        return none
    return "\n".join(f"- {value(p.text)} ({text(p.context)})" for p in found)


def _safeguard_items(t: TransferRecord) -> str:
    items = []
    for s in t.safeguards:
        basis = f" ({text(s.legal_basis)})" if s.legal_basis else ""
        expires = text(s.expires) if s.expires else "no expiry date"
        items.append(f"{text(s.mechanism)}{basis}: {value(s.reference)}; expires: {expires}; "
                     f"declared on the {s.declared_on}")
    return "<br>".join(items)


def _safeguards(t: TransferRecord) -> str:
    if t.status == "adequate":
        return f"adequacy decision: {value(t.adequacy)}"
    if t.status == "safeguarded":
        return _safeguard_items(t)
    declared = ("**Declared, but not enough:** " + _safeguard_items(t) if t.safeguards
                else "**No safeguard declared for this law.**")
    return declared + "".join(f"<br>{text(n)}" for n in t.notes)


def _record(number: int, record: Record) -> str:
    title = heading(record.party.name)
    if record.party.name != record.party.id:
        title += f" ({heading(record.party.id)})"
    facts = [("Entity", value(record.entity)), ("Role", value(record.role)),
             ("Locations", "; ".join(text(c) for c in record.locations)),
             ("Contact", value(record.contact))]
    if record.certifications:
        facts.append(("Certifications", ", ".join(text(c) for c in record.certifications)))
    facts.append(("Data subjects", ", ".join(text(s) for s in record.subjects) or MISSING))
    parts = [f"### {number}. {title}"]
    if record.description:
        parts.append(text(record.description))
    parts.append("\n".join(f"- **{k}:** {v}" for k, v in facts))
    parts.append("#### Personal data held")
    if record.categories:
        parts.append(table(("Category", "Sensitive", "How it gets here"), [
            [f"{text(h.category.name)} ({text(h.category.id)})",
             "**sensitive**" if h.category.sensitive else "no",
             "; ".join(text(s) for s in h.sources)] for h in record.categories]))
    else:
        parts.append("None: it collects nothing and receives no flow in the map.")
    parts.append("#### Purposes")
    parts.append(_purposes(record.purposes, "None: it collects nothing and sends nothing on."))
    parts.append("#### Retention")
    parts.append(_purposes(record.retention, "None: it holds no data in the map."))
    parts.append("#### Recipients")
    if record.recipients:
        parts.append(table(
            ("Flow", "Recipient", "Country", "Personal data", "Entry", "Retention",
             "When and how"),
            [[text(r.flow), party(r.to) + (f"<br>{text(r.entity)}" if r.entity else ""),
              "<br>".join(text(c) for c in r.countries), categories(r.categories),
              value(r.purpose), value(r.retention), value(r.method)]
             for r in record.recipients]))
    else:
        parts.append("It sends no personal data to other processors in the map.")
    parts.append("#### International transfers from it")
    if record.transfers:
        parts.append(table(
            ("Flow", "To", "Law", "Destination", "First or onward", "Status",
             "Safeguards (mechanism, reference, expiry)"),
            [[text(t.flow), party(t.to), text(t.law), text(t.destination),
              "onward" if t.onward else "first", _status(t.status), _safeguards(t)]
             for t in record.transfers]))
    else:
        parts.append("None.")
    return "\n\n".join(parts)


def _disclosure(section: DisclosureSection) -> str:
    if section.law is None:
        return ("The map has no transfer subject to Korea's Personal Information Protection "
                "Act (PIPA), so there is nothing to disclose under Art. 28-8(2).")
    lead = (f"Every transfer under {text(section.law)}, one row per recipient and destination "
            f"country, with the items {text(section.reference)} requires the privacy policy "
            f"(and any consent request) to give. Where a cell says {MISSING}, add the value to "
            "the map before publishing the notice. The recipient is named by its legal entity "
            "(its entity in the map), not by a display name.")
    rows = [[f"{value(r.recipient_name)} ({text(r.recipient.id)})", value(r.contact),
             text(r.country), categories(r.items), values(r.method), values(r.purpose),
             values(r.retention), values(r.refusal),
             ", ".join(text(f) for f in r.flows) + "<br>"
             + (", ".join(text(g) for g in r.grounds) or "✖ no safeguard")]
            for r in section.rows]
    return lead + "\n\n" + table(
        ("Recipient", "Recipient's contact", "Country", "Personal data transferred",
         "When and how", "Recipient's purpose", "Retention period",
         "How to refuse, and the effect", "Flows in the map and ground"), rows)
