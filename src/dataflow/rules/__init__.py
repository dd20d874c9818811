"""The rule registry: one explicit list, every rule documented by its own docstring."""

from __future__ import annotations

from . import integrity, transfers, waivers
from .base import Analysis, Rule, rule
from .collection_on_own_account import collection_on_own_account
from .law_not_yet_covered import law_not_yet_covered
from .move_within_entity import move_within_entity
from .transfer_not_ruled_out import transfer_not_ruled_out

__all__ = ["CONTRACT_RULES", "RULES", "Analysis", "Rule", "get", "rule"]

#: Every rule, by ID, in ID order.
RULES: dict[str, Rule] = {
    r.id: r for r in sorted((*transfers.RULES, transfer_not_ruled_out, collection_on_own_account,
                             move_within_entity, law_not_yet_covered, *integrity.RULES,
                             *waivers.RULES), key=lambda r: r.id)}


#: Rule IDs fixed by the contract (SPEC §5). A waiver may name them before this version
#: checks them all; ``dataflow rules`` lists those it does check.
CONTRACT_RULES = ("DF100", "DF101", "DF102", "DF110")


def get(rule_id: str) -> Rule:
    """The rule with this ID; a ``KeyError`` naming the known IDs otherwise."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule {rule_id!r}; known: {', '.join(RULES)}") from None
