"""Plain text, for people at a terminal: one finding per entry, a summary line last."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Report
from .encoded import Encoded
from .safe import AT_ONCE, plain_each, terminal


def stream(report: Report, *, fail_on: str = "error") -> Iterator[str]:
    """The text a finding at a time (``fail_on`` changes nothing here)."""
    # what findings share, made safe once per report (escaping goes character by character)
    laws = Encoded(lambda laws: terminal(f"  law: {'; '.join(laws)}") + "\n" if laws else "")
    fixes = Encoded(lambda remediation: terminal(f"  fix: {remediation}") + "\n")
    findings = report.findings
    for start in range(0, len(findings), AT_ONCE):  # lines looked at many at a time
        group = findings[start:start + AT_ONCE]
        lines = [f"{f'{f.file}:{f.line}:{f.column}' if f.file else '<map>'}: "
                 f"{f.severity.value} {f.rule} {f.name}: {f.message} [{f.id}]" for f in group]
        for finding, line, plain_line in zip(group, lines, plain_each(lines), strict=True):
            text = ((line if plain_line else terminal(line)) + "\n"
                    + laws[finding.references] + fixes[finding.remediation])
            if finding.waiver:
                text += terminal(f"  waived: {finding.waiver.get('reason')}") + "\n"
            if finding.baselined:
                text += "  baselined: in the baseline, so it fails nothing\n"
            yield text
    s = report.summary
    yield terminal(f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info "
                   f"in {report.map_name or 'the map'}, as of {report.as_of.isoformat()}") + "\n"


def render(report: Report, *, fail_on: str = "error") -> str:
    return "".join(stream(report, fail_on=fail_on))
