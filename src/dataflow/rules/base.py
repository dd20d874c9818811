"""What a rule is: ID, name, severity, references, and a check documented by its docstring."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..analysis import Analysis
from ..findings import Finding, Severity
from ..records import record

Check = Callable[[Analysis], Iterable[Finding]]


class RuleFailedError(RuntimeError):
    """A rule raised an error instead of yielding findings (a bug in that rule)."""


@record(frozen=True)
class Rule:
    """A rule: its metadata, and the check that yields its findings.

    The check's docstring is the rule's documentation: its first sentence is the summary.
    """

    id: str
    name: str
    severity: Severity
    references: tuple[str, ...]
    check: Check
    last: bool = False  # runs after the others and sees their findings

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        """The first sentence of the documentation (its first paragraph, up to a full stop),
        on one line."""
        if not self.doc:
            return self.name
        paragraph = " ".join(self.doc.split("\n\n", 1)[0].split())
        end = paragraph.find(". ")
        return paragraph if end < 0 else paragraph[:end + 1]

    def run(self, analysis: Analysis) -> Iterator[Finding]:
        """The rule's findings; a rule that fails says which rule it was."""
        where = getattr(self.check, "__module__", "?")
        try:
            found = list(self.check(analysis))
            for item in found:
                if not isinstance(item, Finding):
                    raise TypeError(f"it yielded {type(item).__name__}, not a Finding "
                                    "(make findings with the rule's .finding())")
        except Exception as exc:
            raise RuleFailedError(f"rule {self.id} ({self.name}, in {where}) failed: "
                                  f"{exc!r}") from exc
        yield from found


    def finding(self, analysis: Analysis, *, element: tuple[str, Any], parts: Iterable[str],
                message: str, remediation: str, severity: Severity | None = None,
                within: tuple[str | int, ...] = (), flow: str | None = None,
                source: str | None = None, target: str | None = None,
                jurisdiction: str | None = None, law: str | None = None,
                destination: str | None = None, categories: tuple[str, ...] = (),
                references: tuple[str, ...] | None = None, **details: Any) -> Finding:
        """A finding of this rule about ``element`` (``("flow", id)``, ``("processor", id)`` or
        ``("collect", (processor id, index))`` for a collection point).

        Its ID is the rule's and ``parts`` joined by ``@``; its place is where the element
        is declared, or the part of it at the path ``within`` (``("safeguards", 0)``) when
        that part causes the finding. Its references are the rule's unless given. In a
        check without words (``analysis.words`` false) it has no place, and a rule may give
        an empty message and remediation.
        """
        return Finding(
            "@".join((self.id, *parts)), self.id, self.name, severity or self.severity,
            message, *finding_place(analysis, element, within), remediation, flow, source,
            target, jurisdiction, law, destination, categories,
            self.references if references is None else references, **details)


def finding_place(analysis: Analysis, element: tuple[str, Any],
                  within: tuple[str | int, ...] = ()) -> tuple[str | None, int | None, int | None]:
    """The file, line and column of a finding about ``element`` (or the part of it at the
    path ``within``); none in a check without words, or for a map built in Python."""
    if not analysis.words:
        return _NO_PLACE
    asked = (*element, *within) if within else element
    found = analysis.places.get(asked)
    if found is None:  # once per element: the rules about transfers find up to three each
        where = analysis.flowmap.location(*asked)
        found = analysis.places[asked] = ((where.file, where.line, where.column) if where
                                          else _NO_PLACE)
    return found


_NO_PLACE = (None, None, None)


def rule(id: str, name: str, severity: Severity, references: tuple[str, ...] = (), *,
         last: bool = False) -> Callable[[Check], Rule]:
    """Declare a rule from its check function."""

    def declare(check: Check) -> Rule:
        return Rule(id=id, name=name, severity=severity, references=references, check=check,
                    last=last)

    return declare
