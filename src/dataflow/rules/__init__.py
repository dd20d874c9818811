"""The rule registry: one module per rule, one explicit list, each rule documented by its own
docstring. A new rule is a new module here and one line in :data:`RULES`.

Rules of one's own come from installed packages, through the entry-point group
``dataflow.rules``: each entry point names a :class:`Rule` (made with :func:`rule`) or a list
of them. The Rule API, stable from version 1:

- ``@rule(id, name, severity, references)`` declares a rule from a function that takes an
  :class:`~dataflow.analysis.Analysis` and yields findings; its docstring documents it (the
  first line is its summary). IDs are capitals and digits (``ACME100``); ``DF`` is reserved.
- The analysis holds ``flowmap`` (the map: ``categories``, ``subjects``, ``processors``,
  ``flows``, ``waivers``, ``home``), ``as_of``, ``jurisdictions``, ``verdicts`` (one per
  transfer: ``transfer``, ``flow``, ``sender``, ``recipient``, ``jurisdiction``,
  ``categories``, ``sensitive``, ``unmet``...), ``non_transfers``, ``safeguards`` (each
  declared safeguard with ``element``, ``safeguard``, ``expired``), ``expiring_within`` and
  ``words`` (false when the check is for a diagram: a rule may then leave its messages and
  remediations empty, and ``finding()`` gives no place).
- ``the_rule.finding(analysis, element=("flow", id), parts=(id, ...), message=...,
  remediation=..., **details)`` makes a finding located where the element is declared
  (``("processor", id)`` and ``("collect", (id, index))`` too; ``within=("safeguards", 0)``
  for a part of it); ``details`` are the finding's fields (``flow``, ``source``, ``target``,
  ``jurisdiction``, ``law``, ``destination``, ``categories``, ``references``).

:func:`registered` gives the built-in rules and those of installed plugins, which every check
runs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ..errors import Problem, did_you_mean
from ..flowmap import FlowMap
from .base import Analysis, Rule, RuleFailedError, rule
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

__all__ = ["CONTRACT_RULES", "ENTRY_POINTS", "RULES", "Analysis", "Rule", "RuleFailedError",
           "RulePluginError", "get", "plugin_rules", "registered", "rule", "waiver_problems"]

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


#: Rule IDs fixed by the contract with users (docs/rules.md). A waiver may name them before
#: this version checks them all; ``dataflow rules`` lists those it does check.
CONTRACT_RULES = ("DF100", "DF101", "DF102", "DF110")


#: The entry-point group of rule plugins.
ENTRY_POINTS = "dataflow.rules"
_PLUGIN_ID = re.compile(r"[A-Z][A-Z0-9]*[0-9]")


class RulePluginError(Exception):
    """An installed rule plugin cannot be used; the message says which and why."""


@functools.cache
def plugin_rules() -> tuple[Rule, ...]:
    """The rules of the installed plugins (entry-point group ``dataflow.rules``), by ID."""
    from importlib.metadata import entry_points

    found: dict[str, Rule] = {}
    for point in sorted(entry_points(group=ENTRY_POINTS), key=lambda p: p.name):
        where = f"the rule plugin '{point.name}' ({point.value})"
        try:
            loaded = point.load()
        except (Exception, SystemExit) as exc:  # a plugin that exits on import, too
            raise RulePluginError(f"{where} cannot be loaded: {exc!r}; fix or uninstall the "
                                  "package that provides it") from None
        given = ([loaded] if isinstance(loaded, Rule) else list(loaded)
                 if isinstance(loaded, Iterable) and not isinstance(loaded, str) else None)
        if not given or not all(isinstance(r, Rule) for r in given):
            raise RulePluginError(f"{where} gives {type(loaded).__name__}"
                                  f"{' with no rule' if given == [] else ', not a rule'}: "
                                  "name a function declared with @dataflow.rules.rule, or a "
                                  "list of them")
        for plugged in given:
            if not _PLUGIN_ID.fullmatch(plugged.id) or plugged.id.startswith("DF"):
                raise RulePluginError(f"{where}: rule ID '{plugged.id}' must be capitals and "
                                      "digits ending in a digit (ACME100), and not start "
                                      "with DF, which the built-in rules use")
            if plugged.id in found:
                raise RulePluginError(f"{where}: rule ID '{plugged.id}' is declared twice")
            found[plugged.id] = plugged
    return tuple(found[i] for i in sorted(found))


def registered() -> dict[str, Rule]:
    """Every rule a check runs: the built-in ones, then those of installed plugins."""
    return {**RULES, **{r.id: r for r in plugin_rules()}}


def get(rule_id: str) -> Rule:
    """The rule with this ID; a ``KeyError`` naming the known IDs otherwise."""
    rules = registered()
    try:
        return rules[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule {rule_id!r}; known: {', '.join(rules)}") from None


def waiver_problems(flowmap: FlowMap) -> list[Problem]:
    """Waivers that name a rule this version does not know, located, with the closest ID."""
    known = [*registered(), *CONTRACT_RULES]
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
