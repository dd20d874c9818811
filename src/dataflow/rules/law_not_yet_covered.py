"""DF106: the map is judged at a date before a jurisdiction's facts begin."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..transfers import NonTransfer, Verdict
from .base import Analysis, rule


@rule("DF106", "law-not-yet-covered", Severity.WARNING)
def law_not_yet_covered(analysis: Analysis) -> Iterator[Finding]:
    """The map is judged at a date before the first date a jurisdiction's facts describe.

    Transfers are judged under a jurisdiction at an ``as_of`` before its ``covers_from``: the
    verdicts apply later law.

    A 2021 Korean privacy policy checked as of 2021 is judged under PIPA as amended in 2023,
    whose grounds did not exist yet; its dated mechanisms and decisions are already checked
    against ``as_of``, but the rules that were replaced are not in the pack. One finding per
    jurisdiction, placed at its first transfer.

    PASS: a Korean map judged as of 2026-06-30. FAIL: the same map judged as of 2021-06-30.
    """
    first: dict[str, Verdict | NonTransfer] = {}
    for judged in (*analysis.verdicts, *analysis.non_transfers):
        start = judged.jurisdiction.covers_from
        if start is not None and analysis.as_of < start:
            first.setdefault(judged.jurisdiction.id, judged)
    for jurisdiction_id, verdict in first.items():
        jurisdiction = verdict.jurisdiction
        flow, source, target = (
            (verdict.transfer.flow, verdict.transfer.source, verdict.transfer.target)
            if isinstance(verdict, Verdict) else (verdict.flow, verdict.source, verdict.target))
        law = jurisdiction.law or jurisdiction.id
        start = jurisdiction.covers_from.isoformat() if jurisdiction.covers_from else ""
        yield law_not_yet_covered.finding(
            analysis, element=verdict.element,
            parts=(jurisdiction_id,),
            message=(f"the map is judged as of {analysis.as_of.isoformat()}, but the facts of "
                     f"{law} ({jurisdiction.citation or jurisdiction.name or jurisdiction_id}) "
                     f"describe the law from {start}: its verdicts apply later law to earlier "
                     "transfers"),
            remediation=(f"judge the map as of {start} or later (`as_of`, `--as-of`), or "
                         f"override the {jurisdiction_id} jurisdiction in the map with the law "
                         "in force at that date"),
            jurisdiction=jurisdiction_id, law=jurisdiction.law, flow=flow, source=source,
            target=target)
