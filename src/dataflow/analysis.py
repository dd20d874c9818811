"""What a check computes once and every later step reads: provenance and transfer verdicts.

:func:`analyse` runs the engine over a map at one date. The rules, the report, the diagrams
and the exports are handed its :class:`Analysis` (inside the :class:`~dataflow.Report` that
:func:`dataflow.check` returns); none of them runs it again.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .flowmap import FlowMap
from .jurisdictions import Jurisdictions
from .progress import stage
from .provenance import Provenance, compute_provenance
from .records import record
from .transfers import NonTransfer, SafeguardState, Verdict, evaluate_transfers

if TYPE_CHECKING:
    import networkx as nx

    from .baseline import Baseline
    from .findings import Finding

__all__ = ["Analysis", "analyse"]


#: Days after ``as_of`` within which a safeguard, decision or waiver that expires is warned of.
EXPIRING_WITHIN = 30


@record
class Analysis:
    """What rules look at: the map, the laws, the transfers, the date of judgement.

    ``findings`` holds the findings of the rules that ran before (waiver rules run last).
    """

    flowmap: FlowMap
    as_of: date
    jurisdictions: Jurisdictions
    provenance: Provenance
    verdicts: list[Verdict]
    non_transfers: list[NonTransfer] = field(default_factory=list)
    safeguards: list[SafeguardState] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: days after ``as_of`` within which an expiry is warned of (DF107, DF108, DF902)
    expiring_within: int = EXPIRING_WITHIN
    #: the findings accepted when the map was adopted (DF903 reports entries now unmatched)
    baseline: Baseline | None = None
    #: whether findings are worded: a message, a remediation and the place of their element
    #: in the map's files. A diagram needs only which rule found what about which elements,
    #: so it is drawn from a check without words (:func:`dataflow.check`'s ``words``).
    words: bool = True
    _graph: nx.MultiDiGraph | None = field(default=None, repr=False)
    #: what the rules word the same way for many findings (a processor, a flow's data, a
    #: law's requirements), worked out once per check
    wording: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False,
                                                compare=False)
    #: the file, line and column of each element findings are about (``finding_place``)
    places: dict[tuple[Any, ...], tuple[str | None, int | None, int | None]] = field(
        default_factory=dict, repr=False, compare=False)

    @property
    def warned_until(self) -> date:
        """The last day of the expiry warning window: ``as_of`` plus ``expiring_within``
        days (the last representable date when that lies beyond it)."""
        try:
            return self.as_of + timedelta(days=self.expiring_within)
        except OverflowError:
            return date.max

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The map's networkx graph, built when first asked for (no built-in rule needs it)."""
        if self._graph is None:
            self._graph = self.flowmap.graph()
        return self._graph


def analyse(flowmap: FlowMap, as_of: date | None = None, *,
            expiring_within: int = EXPIRING_WITHIN) -> Analysis:
    """Provenance and transfer verdicts of ``flowmap`` at ``as_of`` (else the map's
    ``as_of``, else today); expiries within ``expiring_within`` days after it are warned of."""
    when = as_of or flowmap.as_of or date.today()
    laws = flowmap.laws
    with stage("Tracing where each category comes from"):
        provenance = compute_provenance(flowmap, laws.of_country, flowmap.category_tree)
    judgement = evaluate_transfers(flowmap, laws, provenance, when)
    return Analysis(flowmap=flowmap, as_of=when, jurisdictions=laws, provenance=provenance,
                    verdicts=judgement.verdicts, non_transfers=judgement.non_transfers,
                    safeguards=judgement.safeguards, expiring_within=expiring_within)
