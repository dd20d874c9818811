"""DF110: a transfer whose map lacks what its law requires be disclosed."""

from __future__ import annotations

from collections.abc import Iterator

from ..countries import place_name
from ..findings import Finding, Severity
from ..transfers import DISCLOSURE_WORDS, undisclosed
from .base import Analysis, rule
from .wording import about_transfer, owed


@rule("DF110", "transfer-disclosure-incomplete", Severity.WARNING)
def transfer_disclosure_incomplete(analysis: Analysis) -> Iterator[Finding]:
    """A transfer under a law that requires disclosure, whose map lacks what must be disclosed.

    Laws such as PIPA (Art. 28-8(2)) and PIPL (Art. 39) require data subjects to be told the
    recipient and its contact, the purpose, the retention period, and when and how the data
    is sent, and PIPL also how to exercise one's rights with the recipient; the GDPR
    (Art. 13(1)(f)) requires the safeguard relied on and, for standard clauses, BCRs, codes
    and certifications, where a copy can be obtained. A map that lacks them
    cannot back the privacy policy (the PIPC fined AliExpress in 2024 for transfers whose
    notice lacked the country and the recipients' names and contacts). One finding per
    transfer, naming each missing item.

    PASS: a KR -> CN flow with ``purpose``, ``retention``, ``method`` and a recipient with
    ``entity`` and ``contact``. FAIL: the same recipient without ``contact``.
    """
    advice: dict[tuple[str, ...], str] = {}  # the same items lacking, the same advice
    cited: dict[str, tuple[str]] = {}  # each article as the references of all its findings
    for verdict in analysis.verdicts:
        disclosure = verdict.jurisdiction.disclosure
        if disclosure is None or not owed(verdict, disclosure):
            continue
        references = cited.get(disclosure.reference) or cited.setdefault(
            disclosure.reference, (disclosure.reference,))
        transfer = verdict.transfer
        used = verdict.used if transfer.status == "safeguarded" else None
        missing = undisclosed(disclosure, verdict.flow, verdict.recipient, used,
                              first=not analysis.words)
        if not missing:
            continue
        if not analysis.words:
            yield about_transfer(transfer_disclosure_incomplete, analysis, verdict, message="",
                                 remediation="", references=references)
            continue
        law = verdict.jurisdiction.law or verdict.jurisdiction.id
        items = ", ".join(DISCLOSURE_WORDS[i] for i in missing)
        key = (disclosure.reference, *missing)
        remediation = advice.get(key)
        if remediation is None:
            remediation = advice[key] = (
                f"add {items} to the map, and disclose them in the privacy policy or "
                f"consent notice ({disclosure.reference})")
        origin = f"from '{transfer.source}' " if transfer.source else "(a collection abroad) "
        yield about_transfer(
            transfer_disclosure_incomplete, analysis, verdict,
            message=(f"transfer '{transfer.flow}' {origin}to "
                     f"'{transfer.target}' in {place_name(transfer.destination)} under {law} "
                     f"must be disclosed ({disclosure.reference}), but the map lacks {items}"),
            remediation=remediation,
            references=references)
