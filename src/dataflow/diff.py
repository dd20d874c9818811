"""What a change to a map does, for the review of that change: the categories, subjects,
processors and flows it adds, removes and changes (field by field), the transfers it adds,
removes and changes (``missing -> safeguarded``), and the findings it adds and removes, each
placed in the new map (a removed one in the old).

:func:`diff_reports` compares two checked reports; :meth:`MapDiff.to_text`,
:meth:`MapDiff.to_json` and :meth:`MapDiff.to_markdown` lay the change out (Markdown for a
pull-request comment, with long sections collapsed).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .findings import Finding, Report, Severity, Transfer
from .flowmap import FlowMap
from .outputs.json import dumps
from .outputs.safe import markdown as _md
from .outputs.safe import terminal
from .records import record

__all__ = ["ElementChange", "MapDiff", "TransferChange", "diff_reports"]

#: The kinds of element a change is listed by, in the order they are shown.
KINDS = (("category", "categories"), ("subject", "subjects"), ("processor", "processors"),
         ("flow", "flows"))
#: Past this many lines, a Markdown section is collapsed under its summary.
OPEN_AT_MOST = 10


@record(frozen=True)
class ElementChange:
    """A category, subject, processor or flow the change adds, removes or changes."""

    kind: str  # category, subject, processor, flow
    id: str
    change: str  # added, removed, changed
    fields: tuple[tuple[str, Any, Any], ...] = ()  # (field, before, after) when changed
    file: str | None = None  # where it is declared in the new map (the old one if removed)
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "id": self.id, "change": self.change,
                                "file": self.file, "line": self.line}
        if self.fields:
            data["fields"] = [{"field": f, "before": b, "after": a} for f, b, a in self.fields]
        return data


@record(frozen=True)
class TransferChange:
    """A transfer the change adds, removes, or whose status or mechanisms it changes."""

    before: Transfer | None
    after: Transfer | None
    file: str | None = None
    line: int | None = None

    @property
    def transfer(self) -> Transfer:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def change(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"

    def words(self) -> str:
        """``flow (source -> target) under KR to CN: missing -> safeguarded (consent)``"""
        t = self.transfer
        route = f"{t.flow} ({t.source or '(collected)'} -> {t.target}) under {t.jurisdiction} " \
                f"to {t.destination}"
        states = [_status(s) for s in (self.before, self.after) if s is not None]
        return f"{route}: {' -> '.join(states)}"

    def to_dict(self) -> dict[str, Any]:
        return {"change": self.change, "file": self.file, "line": self.line,
                "before": self.before.to_dict() if self.before else None,
                "after": self.after.to_dict() if self.after else None}


def _status(transfer: Transfer) -> str:
    mechanisms = [m for m in transfer.mechanisms if m != "adequacy"]
    return transfer.status + (f" ({', '.join(mechanisms)})" if mechanisms else "")


@record(frozen=True)
class MapDiff:
    """Everything a change to a map does."""

    elements: tuple[ElementChange, ...]
    transfers: tuple[TransferChange, ...]
    added_findings: tuple[Finding, ...]
    removed_findings: tuple[Finding, ...]

    @property
    def added_transfers(self) -> tuple[Transfer, ...]:
        return tuple(c.after for c in self.transfers if c.change == "added")  # type: ignore[misc]

    @property
    def removed_transfers(self) -> tuple[Transfer, ...]:
        return tuple(c.before for c in self.transfers  # type: ignore[misc]
                     if c.change == "removed")

    def added_report(self, after: Report) -> Report:
        """A report of the added findings, to decide the exit code with ``--fail-on``."""
        return replace(after, findings=self.added_findings, transfers=self.added_transfers)

    def counts(self) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for _, plural in KINDS:
            found[plural] = {c: 0 for c in ("added", "removed", "changed")}
        for element in self.elements:
            found[dict(KINDS)[element.kind]][element.change] += 1
        found["transfers"] = {c: sum(t.change == c for t in self.transfers)
                              for c in ("added", "removed", "changed")}
        found["findings"] = {"added": len(self.added_findings),
                             "removed": len(self.removed_findings)}
        return found

    def summary(self) -> str:
        """``2 finding(s) added (1 error), 0 removed; transfers: 1 added, 1 changed; ...``"""
        counts = self.counts()
        errors = sum(f.severity is Severity.ERROR for f in self.added_findings)
        parts = [f"{len(self.added_findings)} finding(s) added"
                 + (f" ({errors} error{'s' * (errors != 1)})" if errors else "")
                 + f", {len(self.removed_findings)} removed"]
        for name in ("transfers", *(plural for _, plural in KINDS)):
            said = [f"{n} {what}" for what, n in counts[name].items() if n]
            if said:
                parts.append(f"{name}: {', '.join(said)}")
        return "; ".join(parts)

    def to_json(self) -> str:
        """``added`` and ``removed`` (findings, transfers, categories, subjects, processors,
        flows), ``changed`` (transfers, and elements field by field) and ``summary``."""
        def elements(change: str, kind: str) -> list[dict[str, Any]]:
            return [e.to_dict() for e in self.elements if e.change == change and e.kind == kind]

        data: dict[str, Any] = {"summary": self.counts()}
        for change, findings in (("added", self.added_findings),
                                 ("removed", self.removed_findings)):
            data[change] = {
                "findings": [f.to_dict() for f in findings],
                "transfers": [t.to_dict() for t in self.transfers if t.change == change],
                **{plural: elements(change, kind) for kind, plural in KINDS}}
        data["changed"] = {
            "transfers": [t.to_dict() for t in self.transfers if t.change == "changed"],
            **{plural: elements("changed", kind) for kind, plural in KINDS}}
        return dumps(data, depth=3)

    def to_text(self) -> str:
        lines = [f"{sign} {f.severity.value} {_place(f.file, f.line)}{f.id}: {f.message}"
                 for sign, f in self._findings("+", "-")]
        lines += [f"{_SIGN[t.change]} transfer {_place(t.file, t.line)}{t.words()}"
                  for t in self.transfers]
        lines += [f"{_SIGN[e.change]} {e.kind} {_place(e.file, e.line)}{e.id}"
                  + "".join(f"; {f}: {_value(b)} -> {_value(a)}" for f, b, a in e.fields)
                  for e in self.elements]
        return "".join(terminal(line) + "\n" for line in [*lines, self.summary()])

    def _findings(self, added: str, removed: str) -> list[tuple[str, Finding]]:
        return ([(added, f) for f in self.added_findings]
                + [(removed, f) for f in self.removed_findings])

    def to_markdown(self) -> str:
        """Markdown for a pull-request comment: a summary, then the findings, transfers and
        elements; a section of more than :data:`OPEN_AT_MOST` lines is collapsed."""
        out = ["### dataflow: what this change does to the map", "",
               _md(self.summary()) + ".", ""]
        if self.added_findings or self.removed_findings:
            rows = [f"| {change} | {f.severity.value} | {f.rule} | "
                    f"{_md(_place(f.file, f.line, ''))} | {_md(f.message)} |"
                    for change, f in self._findings("added", "removed")]
            out += _section("Findings", rows, ["| | severity | rule | where | finding |",
                                               "|---|---|---|---|---|"])
        if self.transfers:
            rows = [f"- {t.change}: {_md(t.words())} ({_md(_place(t.file, t.line, ''))})"
                    for t in self.transfers]
            out += _section("Transfers", rows)
        if self.elements:
            rows = [f"- {e.change} {e.kind} `{e.id}` ({_md(_place(e.file, e.line, ''))})"
                    + "".join(f"; {_md(f)}: {_md(_value(b))} -> {_md(_value(a))}"
                              for f, b, a in e.fields)
                    for e in self.elements]
            out += _section("Categories, subjects, processors and flows", rows)
        if len(out) == 4:
            out += ["Nothing that the check sees has changed.", ""]
        return "\n".join(out)


_SIGN = {"added": "+", "removed": "-", "changed": "~"}


def _place(file: str | None, line: int | None, after: str = " ") -> str:
    return f"{file}:{line}{after}" if file else ""


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return str(value)


def _section(title: str, lines: list[str], head: list[str] | None = None) -> list[str]:
    """A titled section of ``lines`` (under a table's ``head``), collapsed when long."""
    body = [*(head or []), *lines]
    if len(lines) <= OPEN_AT_MOST:
        return [f"#### {title}", "", *body, ""]
    return [f"<details><summary>{title} ({len(lines)})</summary>", "", *body, "",
            "</details>", ""]


def _elements(before: FlowMap, after: FlowMap) -> list[ElementChange]:
    changes = []
    for kind, plural in KINDS:
        old, new = getattr(before, plural), getattr(after, plural)
        for key in sorted(set(old) | set(new)):
            if key not in old:
                changes.append(_located(after, kind, key, "added"))
            elif key not in new:
                changes.append(_located(before, kind, key, "removed"))
            else:
                a = old[key].model_dump(mode="json", by_alias=True, exclude_defaults=True)
                b = new[key].model_dump(mode="json", by_alias=True, exclude_defaults=True)
                fields = tuple((f, a.get(f), b.get(f)) for f in dict.fromkeys((*a, *b))
                               if a.get(f) != b.get(f))
                if fields:
                    changes.append(replace(_located(after, kind, key, "changed"),
                                           fields=fields))
    return changes


def _located(flowmap: FlowMap, kind: str, key: str, change: str) -> ElementChange:
    where = flowmap.location(kind, key)
    return ElementChange(kind, key, change, file=where.file if where else None,
                         line=where.line if where else None)


def _transfers(before: Report, after: Report) -> list[TransferChange]:
    def keyed(report: Report) -> dict[tuple[str, str, str], Transfer]:
        return {(t.flow, t.jurisdiction, t.destination): t for t in report.transfers}

    old, new = keyed(before), keyed(after)
    changes = []
    for key in sorted(set(old) | set(new)):
        was, now = old.get(key), new.get(key)
        if was is not None and now is not None and (was.status, was.mechanisms) == (
                now.status, now.mechanisms):
            continue
        report = after if now is not None else before
        changes.append(TransferChange(was, now, *_flow_place(report, key[0])))
    return changes


def _flow_place(report: Report, flow: str) -> tuple[str | None, int | None]:
    flowmap = report.flowmap
    if flowmap is None:
        return None, None
    where = (flowmap.location("flow", flow) if flow in flowmap.flows
             else flowmap.location("processor", flow.removesuffix("/collect")))
    return (where.file, where.line) if where else (None, None)


def _unmatched(findings: Iterable[Finding], others: Iterable[Finding]) -> tuple[Finding, ...]:
    seen = {(f.id, f.severity) for f in others}
    return tuple(f for f in findings if (f.id, f.severity) not in seen)


def diff_reports(before: Report, after: Report) -> MapDiff:
    """Compare the reports of two versions of a map (each from :func:`dataflow.check`): a
    finding is the same when its ID and severity are, a transfer when its flow, law and
    destination are (it changes when its status or mechanisms do)."""
    elements = (_elements(before.flowmap, after.flowmap)
                if before.flowmap is not None and after.flowmap is not None else [])
    return MapDiff(elements=tuple(elements), transfers=tuple(_transfers(before, after)),
                   added_findings=_unmatched(after.findings, before.findings),
                   removed_findings=_unmatched(before.findings, after.findings))
