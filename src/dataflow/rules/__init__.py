"""The rule registry: one module per rule, one explicit list, each rule documented by its own
docstring. A new rule is a new module here and one line in :data:`RULES`."""

from __future__ import annotations

from ..errors import Problem, did_you_mean
from ..flowmap import FlowMap
from .base import Analysis, Rule, rule
from .baseline_stale import baseline_entry_stale
from .category_not_held import category_not_held
from .category_unused import category_unused
from .collection_on_own_account import collection_on_own_account
from .law_not_yet_covered import law_not_yet_covered
from .move_within_entity import move_within_entity
from .processor_isolated import processor_isolated
from .recipient_terms_missing import recipient_terms_missing
from .safeguard_expired import safeguard_expired
from .safeguard_expiring import safeguard_expiring
from .safeguard_not_recognised import safeguard_not_recognised
from .transfer_basis_ending import transfer_basis_ending
from .transfer_disclosure_incomplete import transfer_disclosure_incomplete
from .transfer_not_ruled_out import transfer_not_ruled_out
from .transfer_without_safeguard import transfer_without_safeguard
from .waiver_expired import waiver_expired
from .waiver_expiring import waiver_expiring
from .waiver_unmatched import waiver_unmatched

__all__ = ["CONTRACT_RULES", "RULES", "Analysis", "Rule", "get", "rule", "waiver_problems"]

#: Every rule, by ID, in ID order.
RULES: dict[str, Rule] = {r.id: r for r in sorted((
    transfer_without_safeguard,
    safeguard_expired,
    safeguard_not_recognised,
    transfer_not_ruled_out,
    collection_on_own_account,
    move_within_entity,
    law_not_yet_covered,
    safeguard_expiring,
    transfer_basis_ending,
    transfer_disclosure_incomplete,
    recipient_terms_missing,
    category_not_held,
    processor_isolated,
    category_unused,
    waiver_unmatched,
    waiver_expired,
    waiver_expiring,
    baseline_entry_stale,
), key=lambda r: r.id)}


#: Rule IDs fixed by the contract (SPEC §5). A waiver may name them before this version
#: checks them all; ``dataflow rules`` lists those it does check.
CONTRACT_RULES = ("DF100", "DF101", "DF102", "DF110")


def get(rule_id: str) -> Rule:
    """The rule with this ID; a ``KeyError`` naming the known IDs otherwise."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule {rule_id!r}; known: {', '.join(RULES)}") from None


def waiver_problems(flowmap: FlowMap) -> list[Problem]:
    """Waivers that name a rule this version does not know, located, with the closest ID."""
    known = [*RULES, *CONTRACT_RULES]
    problems = []
    for index, waiver in enumerate(flowmap.waivers):
        named = waiver.rule if waiver.rule is not None else str(waiver.finding).split("@")[0]
        if named == "*" or named in known:
            continue
        key = "rule" if waiver.rule is not None else "finding"
        where = flowmap.location("waiver", index, key)
        message = (f"unknown rule '{named}'" if key == "rule" else
                   f"'{waiver.finding}' names unknown rule '{named}'") + (
            f"{did_you_mean(named, known)}; `dataflow rules` lists them")
        problems.append(Problem(where.file, where.line, where.column, message) if where
                        else Problem("<map>", 1, 1, message))
    return problems
