"""DF102: a safeguard that names a law which does not recognise its mechanism."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from .base import Analysis, rule
from .wording import owner_part, owner_words, safeguard_details


@rule("DF102", "safeguard-not-recognised", Severity.WARNING)
def safeguard_not_recognised(analysis: Analysis) -> Iterator[Finding]:
    """A safeguard that names a jurisdiction whose law does not recognise its mechanism.

    Such a safeguard has no effect under that law (EU standard contractual clauses are not a
    ground under PIPA, for instance). Use a mechanism that law recognises (``dataflow
    jurisdictions`` lists them) or correct the safeguard's ``jurisdictions``. One finding per
    (safeguard, jurisdiction).

    PASS: ``scc`` for EU. FAIL: ``scc`` for KR.
    """
    laws = analysis.jurisdictions
    for state in analysis.safeguards:
        element, mechanism = state.element, state.safeguard.mechanism
        for law_id in state.unrecognised_by:
            jurisdiction = laws.get(law_id)
            recognised = sorted({m.mechanism for m in jurisdiction.mechanisms}
                                if jurisdiction else ())
            if recognised:
                why = (f"{laws.label(law_id)} does not recognise '{mechanism}'; it recognises "
                       f"{', '.join(recognised)}")
            else:
                why = (f"{laws.label(law_id)} has no transfer rules, so the safeguard has no "
                       "effect there")
            yield safeguard_not_recognised.finding(
                analysis, element=element, parts=(owner_part(element), law_id, mechanism),
                within=state.place,
                message=(f"safeguard '{mechanism}' on {owner_words(element)} names {law_id}: "
                         f"{why}"),
                remediation=("use a mechanism this law recognises (see `dataflow "
                             "jurisdictions`), or remove the jurisdiction from the safeguard's "
                             "`jurisdictions`"),
                jurisdiction=law_id, law=jurisdiction.law if jurisdiction else None,
                **safeguard_details(element, analysis.flowmap))  # type: ignore[arg-type]
