"""Plain text, for people at a terminal: one finding per entry, a summary line last."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Report
from .safe import terminal


def stream(report: Report, *, fail_on: str = "error") -> Iterator[str]:
    """The text a finding at a time (``fail_on`` changes nothing here)."""
    for finding in report.findings:
        where = (f"{finding.file}:{finding.line}:{finding.column}" if finding.file
                 else "<map>")
        lines = [terminal(f"{where}: {finding.severity.value} {finding.rule} "
                          f"{finding.name}: {finding.message} [{finding.id}]")]
        if finding.references:
            lines.append(terminal(f"  law: {'; '.join(finding.references)}"))
        lines.append(terminal(f"  fix: {finding.remediation}"))
        if finding.waiver:
            lines.append(terminal(f"  waived: {finding.waiver.get('reason')}"))
        if finding.baselined:
            lines.append("  baselined: in the baseline, so it fails nothing")
        yield "\n".join(lines) + "\n"
    s = report.summary
    yield terminal(f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info "
                   f"in {report.map_name or 'the map'}, as of {report.as_of.isoformat()}") + "\n"


def render(report: Report, *, fail_on: str = "error") -> str:
    return "".join(stream(report, fail_on=fail_on))
