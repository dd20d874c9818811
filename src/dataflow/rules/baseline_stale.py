"""DF903: a baseline entry that matches no finding."""

from __future__ import annotations

from collections.abc import Iterator

from ..baseline import fingerprint
from ..findings import Finding, Severity
from .base import Analysis, rule


@rule("DF903", "baseline-entry-stale", Severity.WARNING, last=True)
def baseline_entry_stale(analysis: Analysis) -> Iterator[Finding]:
    """An entry of the baseline given to the check (``--baseline``) that matches no finding:
    what it recorded was fixed, or changed so that it is a new finding.

    Write the baseline again (``dataflow baseline``) so that it holds only what remains. One
    finding per entry, at its line of the baseline file.

    PASS: a baseline written from the map as it is. FAIL: the same baseline after the flow of
    one of its findings was safeguarded.
    """
    if analysis.baseline is None:
        return
    found = {(f.id, fingerprint(f)) for f in analysis.findings}
    for entry in analysis.baseline.entries:
        if (entry.id, entry.fingerprint) in found:
            continue
        yield Finding(
            id=f"DF903@{entry.id}", rule="DF903", name=baseline_entry_stale.name,
            severity=baseline_entry_stale.severity,
            message=(f"the baseline entry for {entry.id} matches no finding: it was fixed, or "
                     "what caused it changed"),
            file=analysis.baseline.file, line=entry.line, column=1,
            remediation=("write the baseline again with `dataflow baseline PATH -o FILE`, so "
                         "that it holds only the findings that remain"))
