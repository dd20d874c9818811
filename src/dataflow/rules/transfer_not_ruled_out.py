"""DF103: data goes to a recipient whose countries are not known."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..model import UNKNOWN
from .base import Analysis, rule


@rule("DF103", "transfer-not-ruled-out", Severity.ERROR)
def transfer_not_ruled_out(analysis: Analysis) -> Iterator[Finding]:
    """Data goes to a recipient whose countries are unknown: a transfer cannot be ruled out.

    Data subject to a law with transfer rules reaches a recipient whose ``locations`` include
    ``unknown``, so no transfer can be cleared.

    Published inventories often do not know where a vendor keeps data ("worldwide", as
    AliExpress told Korean users). The map may say ``unknown`` rather than invent a country;
    then every law that follows the data gets this finding, with what the declared safeguards
    would and would not cover wherever the data goes. One finding per (flow, jurisdiction).

    PASS: ``vendor`` with ``locations: [IE]``. FAIL: ``vendor`` with ``locations: [unknown]``
    receiving Korean customers' data.
    """
    for verdict in analysis.verdicts:
        transfer = verdict.transfer
        if transfer.destination != UNKNOWN:
            continue
        law = verdict.jurisdiction.law or verdict.jurisdiction.id
        if transfer.status == "safeguarded":
            cover = ("the declared safeguards would meet its requirements wherever the data "
                     f"goes ({', '.join(transfer.mechanisms)}), but the disclosure of the "
                     "destination country cannot be made")
        else:
            cover = "no declared safeguard meets its requirements: " + "; ".join(
                [*verdict.safeguard_reasons,
                 *(f"{r.explanation} ({r.reference})" for r in verdict.unmet)])
        origin = (f"flow '{transfer.flow}' from '{transfer.source}'" if transfer.source
                  else f"collection '{transfer.flow}'")
        if verdict.assumptions:
            cover += "; taken as the map does not say: " + "; ".join(verdict.assumptions)
        yield transfer_not_ruled_out.finding(
            analysis, element=verdict.element,
            parts=(transfer.flow, transfer.jurisdiction, UNKNOWN),
            message=(f"{origin} to '{transfer.target}', whose locations include `unknown`: a "
                     f"transfer under {law} cannot be ruled out; {cover}"),
            remediation=(f"find out where '{transfer.target}' stores and accesses the data and "
                         "list those countries in its `locations` (a jurisdiction ID such as EU "
                         "if only the region is known), then judge the transfers that follow"),
            flow=transfer.flow, source=transfer.source, target=transfer.target,
            jurisdiction=transfer.jurisdiction, law=verdict.jurisdiction.law,
            destination=UNKNOWN, categories=verdict.categories,
            references=tuple(dict.fromkeys(r.reference for r in verdict.unmet)))
