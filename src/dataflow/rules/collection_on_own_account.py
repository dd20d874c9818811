"""DF104: a controller or third party abroad collects from a law's residents itself."""

from __future__ import annotations

from collections.abc import Iterator

from ..countries import place_name
from ..findings import Finding, Severity
from .base import Analysis, rule
from .wording import about_non_transfer


@rule("DF104", "collection-on-own-account", Severity.INFO)
def collection_on_own_account(analysis: Analysis) -> Iterator[Finding]:
    """A controller or third party abroad collects on its own account: no transfer, the law applies.

    The collector is located only outside the countries of a law whose residents it collects
    from; the law applies to it directly.

    Collecting is not a transfer when the collector decides for itself (GDPR Art. 3(2); EDPB
    Guidelines 05/2021): the law of the data subjects governs the collector directly. The
    finding says so, so that the map is read right: if a controller in that country embeds the
    collector (an SDK, a tag, a widget), the collector is that controller's processor and the
    collection is a transfer (declare it with ``role: processor``, or as a flow from the
    controller). One finding per (collector, jurisdiction, country).

    PASS: a Korean app's analytics SDK in the US declared with ``role: processor`` (a transfer,
    judged by DF100). FAIL: a US retailer (``role: controller``) selling to Korean customers
    from its own website: this info finding.
    """
    for situation in analysis.non_transfers:
        if situation.kind != "own_collection":
            continue
        jurisdiction = situation.jurisdiction
        law = jurisdiction.law or jurisdiction.id
        collector = analysis.flowmap.processors[situation.target]
        role = (collector.role or "").replace("_", " ")
        yield about_non_transfer(
            collection_on_own_account, analysis, situation,
            message=(f"'{collector.id}', a {role} in {place_name(situation.destination)}, "
                     f"collects from data subjects under {law} on "
                     f"its own account: collecting is no transfer, and {law} applies to it "
                     "directly"),
            remediation=(f"if a controller under {law} embeds or instructs '{collector.id}' (an "
                         "SDK, tag, pixel, widget or call centre), declare it `role: processor` "
                         "or model the data as a flow from that controller to it, so the "
                         "transfer is judged"),
            references=("GDPR Art. 3(2); EDPB Guidelines 05/2021",) if jurisdiction.id == "EU"
            else ())
