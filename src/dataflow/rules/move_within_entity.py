"""DF105: data moves within one entity to a country that the law does not count as a transfer."""

from __future__ import annotations

from collections.abc import Iterator

from ..countries import place_name
from ..findings import Finding, Severity
from .base import Analysis, rule
from .wording import about_non_transfer


@rule("DF105", "move-within-entity", Severity.INFO)
def move_within_entity(analysis: Analysis) -> Iterator[Finding]:
    """A move within one entity that the law does not count as a transfer; the law still applies.

    Data moves to the same entity's own premises in a country outside a law whose rules do
    not count such a move as a transfer (``within_entity: false``).

    Under the GDPR a transfer needs another controller or processor to receive the data (EDPB
    Guidelines 05/2021, criterion 2), so an EU company's own office or server abroad is no
    transfer; but the GDPR still applies to the data there, and the risks of the country
    still have to be handled under Art. 32. PIPA, by contrast, counts storage abroad on one's
    own premises as a transfer. One finding per (flow, jurisdiction, country).

    PASS: an EU company's flow to its own US branch under PIPA (a transfer, judged by DF100).
    FAIL: the same flow under the GDPR: this info finding.
    """
    for situation in analysis.non_transfers:
        if situation.kind != "same_entity":
            continue
        jurisdiction = situation.jurisdiction
        law = jurisdiction.law or jurisdiction.id
        target = analysis.flowmap.processors[situation.target]
        yield about_non_transfer(
            move_within_entity, analysis, situation,
            message=(f"'{situation.flow}' moves data under {law} to "
                     f"{place_name(situation.destination)} within "
                     f"one entity ({target.entity or target.id}): {law} does not count this as "
                     f"a transfer, but it still applies to the data there"),
            remediation=(f"keep the data protected there as {law} requires (security of "
                         "processing, the risks of the destination's laws); if the recipient is "
                         "in fact another company, give it its own `entity`"),
            references=("EDPB Guidelines 05/2021",) if jurisdiction.id == "EU" else ())
