"""What a change to a map adds and removes: findings and transfers, compared by ID."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .findings import Finding, Report, Transfer
from .outputs.json import dumps
from .outputs.safe import terminal


def _transfer_key(t: Transfer) -> tuple[str, str, str]:
    return (t.flow, t.jurisdiction, t.destination)


@dataclass(frozen=True)
class MapDiff:
    """Findings and transfers only in the new map (added) or only in the old (removed)."""

    added_findings: tuple[Finding, ...]
    removed_findings: tuple[Finding, ...]
    added_transfers: tuple[Transfer, ...]
    removed_transfers: tuple[Transfer, ...]

    def added_report(self, after: Report) -> Report:
        """A report of the added findings, to decide the exit code with ``--fail-on``."""
        return replace(after, findings=self.added_findings, transfers=self.added_transfers)

    def to_json(self) -> str:
        return dumps({
            "added": {"findings": [f.to_dict() for f in self.added_findings],
                      "transfers": [t.to_dict() for t in self.added_transfers]},
            "removed": {"findings": [f.to_dict() for f in self.removed_findings],
                        "transfers": [t.to_dict() for t in self.removed_transfers]},
        })

    def to_text(self) -> str:
        lines = [terminal(f"+ {f.severity.value} {f.id}: {f.message}")
                 for f in self.added_findings]
        lines += [terminal(f"- {f.severity.value} {f.id}: {f.message}")
                  for f in self.removed_findings]
        lines += [terminal(f"+ transfer {t.flow} under {t.jurisdiction} to {t.destination}: "
                           f"{t.status}")
                  for t in self.added_transfers]
        lines += [terminal(f"- transfer {t.flow} under {t.jurisdiction} to {t.destination}: "
                           f"{t.status}")
                  for t in self.removed_transfers]
        lines.append(f"{len(self.added_findings)} finding(s) added, "
                     f"{len(self.removed_findings)} removed; {len(self.added_transfers)} "
                     f"transfer(s) added, {len(self.removed_transfers)} removed")
        return "\n".join(lines) + "\n"


def diff_reports(before: Report, after: Report) -> MapDiff:
    """Compare two reports: a finding is the same when its ID and severity are."""
    old = {(f.id, f.severity) for f in before.findings}
    new = {(f.id, f.severity) for f in after.findings}
    old_t = {_transfer_key(t): t for t in before.transfers}
    new_t = {_transfer_key(t): t for t in after.transfers}
    return MapDiff(
        added_findings=tuple(f for f in after.findings if (f.id, f.severity) not in old),
        removed_findings=tuple(f for f in before.findings if (f.id, f.severity) not in new),
        added_transfers=tuple(t for k, t in new_t.items() if old_t.get(k) != t),
        removed_transfers=tuple(t for k, t in old_t.items() if new_t.get(k) != t),
    )
