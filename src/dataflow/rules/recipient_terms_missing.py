"""DF111: a recipient abroad whose contract lacks the measures its law requires."""

from __future__ import annotations

from collections.abc import Iterator

from ..countries import place_name
from ..findings import Finding, Severity
from .base import Analysis, rule
from .wording import about_transfer, owed


@rule("DF111", "recipient-terms-missing", Severity.WARNING)
def recipient_terms_missing(analysis: Analysis) -> Iterator[Finding]:
    """A transfer under a law that requires protective measures in the recipient's contract,
    to a recipient whose ``contract_terms`` lack some of them.

    PIPA Art. 28-8(4) with Enforcement Decree Art. 29-10 requires the exporter to agree
    security measures, grievance handling and dispute resolution with every recipient abroad
    and to put them in the contract; the PIPC sanctioned AliExpress in 2024 for seller terms
    without them. Declare what each recipient's contract contains in its ``contract_terms``.
    One finding per transfer, naming the missing measures.

    PASS: a KR -> CN recipient with ``contract_terms: [security_measures,
    grievance_handling, dispute_resolution]``. FAIL: the same recipient without
    ``dispute_resolution``.
    """
    # what a recipient's contract lacks under a law, the advice and the article cited, once
    # for all the transfers to that recipient
    lacks: dict[tuple[int, str], tuple[list[str], str, tuple[str]]] = {}
    for verdict in analysis.verdicts:
        terms = verdict.jurisdiction.recipient_terms
        if terms is None or not owed(verdict, terms):
            continue
        transfer = verdict.transfer
        key = (id(terms), transfer.target)
        known = lacks.get(key)
        if known is None:
            missing = [t for t in terms.items if t not in verdict.recipient.contract_terms]
            known = lacks[key] = (missing, (
                f"agree {', '.join(m.replace('_', ' ') for m in missing)} with "
                f"'{transfer.target}', put them in its contract, and list them in the "
                f"recipient's `contract_terms` ({terms.reference})"), (terms.reference,))
        missing, remediation, references = known
        if not missing:
            continue
        law = verdict.jurisdiction.law or verdict.jurisdiction.id
        yield about_transfer(
            recipient_terms_missing, analysis, verdict,
            message=(f"transfer '{transfer.flow}' to '{transfer.target}' in "
                     f"{place_name(transfer.destination)} under {law}: the contract with the "
                     f"recipient must contain protective measures ({terms.reference}), and its "
                     f"`contract_terms` lack {', '.join(missing)}") if analysis.words else "",
            remediation=remediation,
            references=references)
