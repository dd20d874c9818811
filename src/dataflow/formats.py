"""What every registry of output formats, views and groupings holds: a name, what it is,
and what produces it. The command line reads its choices and its help from the registries, so
a new format is one new module and one registry line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .records import record

__all__ = ["Choice", "by_suffix", "describe", "registry"]


@record(frozen=True)
class Choice:
    """One choice of a registry: its name on the command line, a few words on what it is, and
    the function that produces it (``None`` where the name alone selects, as for a view)."""

    name: str
    help: str
    make: Callable[..., Any] | None = None
    suffixes: tuple[str, ...] = ()  # file suffixes that imply it, for a format chosen by name
    checked: bool = True  # whether it needs the map checked first (its findings, verdicts)
    #: the same output in pieces, for large outputs written as they are made
    stream: Callable[..., Iterable[str]] | None = None


def registry(*choices: Choice) -> dict[str, Choice]:
    """A registry: the choices by name, in the order given (the order help lists them)."""
    return {c.name: c for c in choices}


def describe(choices: Iterable[Choice] | dict[str, Choice]) -> str:
    """``"text: one line per finding; json: ..."`` for command-line help."""
    entries = choices.values() if isinstance(choices, dict) else choices
    return "; ".join(f"{c.name}: {c.help}" for c in entries)


def by_suffix(choices: dict[str, Choice], path: str) -> Choice | None:
    """The choice a file name's suffix implies, if any."""
    lowered = path.lower()
    return next((c for c in choices.values()
                 if any(lowered.endswith(suffix) for suffix in c.suffixes)), None)
