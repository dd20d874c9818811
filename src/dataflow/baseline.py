"""Baselines: adopt the check on a map that already has findings, and fail only on new ones.

``dataflow baseline PATH -o baseline.json`` records the findings of today's map; ``dataflow
check PATH --baseline baseline.json`` then marks each finding the baseline holds as
``baselined`` (still reported, no longer failing the check) and reports each entry that no
longer matches a finding (DF903), so the baseline shrinks as findings are fixed.

An entry is a finding's ID and a fingerprint of what caused it (its rule, elements, countries
and categories, not its wording or date): if a flow that was baselined starts carrying another
category, its finding is new again.

The file is JSON, one entry a line, so that a review shows which findings a change accepts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .errors import MapError, Problem
from .findings import Finding, Report
from .records import record

__all__ = ["FORMAT_VERSION", "Baseline", "Entry", "apply_baseline", "baseline_lines",
           "fingerprint", "read_baseline"]

#: The ``dataflow_baseline`` value of the files this version writes and reads.
FORMAT_VERSION = 1


@record(frozen=True)
class Entry:
    """One recorded finding, and the line of the baseline file that holds it."""

    id: str
    fingerprint: str
    line: int


@record(frozen=True)
class Baseline:
    """The findings a map had when the baseline was written."""

    file: str
    entries: tuple[Entry, ...]

    def keys(self) -> set[tuple[str, str]]:
        return {(e.id, e.fingerprint) for e in self.entries}


def fingerprint(finding: Finding) -> str:
    """A hash of what caused a finding: rule, ID, elements, countries and categories."""
    cause = [finding.rule, finding.id, finding.flow, finding.source, finding.target,
             finding.jurisdiction, finding.destination, *sorted(finding.categories)]
    text = "\x1f".join("" if part is None else part for part in cause)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def baseline_lines(report: Report) -> Iterator[str]:
    """The baseline file of ``report``'s findings, a line at a time (waived ones left out:
    their waiver already accepts them)."""
    yield (f'{{"dataflow_baseline": {FORMAT_VERSION}, "map": {json.dumps(report.map_name)}, '
           f'"as_of": "{report.as_of.isoformat()}", "findings": [')
    kept = sorted({(f.id, fingerprint(f), f.rule) for f in report.findings if not f.waiver})
    for number, (finding_id, hashed, rule) in enumerate(kept):
        yield ("," if number else "") + "\n  " + json.dumps(
            {"id": finding_id, "fingerprint": hashed, "rule": rule}, ensure_ascii=False)
    yield "\n]}\n"


def read_baseline(path: str) -> Baseline:
    """Read a baseline file; :class:`MapError` with the file, line and column otherwise."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise MapError([Problem(path, 1, 1, f"cannot read the baseline: {reason}; write one "
                                            "with `dataflow baseline PATH -o FILE`")]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MapError([Problem(path, exc.lineno, exc.colno, (
            f"the baseline is not valid JSON ({exc.msg}); write it again with `dataflow "
            "baseline PATH -o FILE`"))]) from None
    except RecursionError:
        raise MapError([Problem(path, 1, 1, (
            "the baseline nests too deeply to be one; write it again with `dataflow baseline "
            "PATH -o FILE`"))]) from None
    version = data.get("dataflow_baseline") if isinstance(data, dict) else None
    if type(version) is not int or version != FORMAT_VERSION \
            or not isinstance(data.get("findings"), list):
        raise MapError([Problem(path, 1, 1, (
            f"not a baseline of this version (it needs \"dataflow_baseline\": {FORMAT_VERSION} "
            "and a \"findings\" list); write it with `dataflow baseline PATH -o FILE`"))])
    lines = _entry_lines(text, len(data["findings"]))
    entries, problems = [], []
    for number, item in enumerate(data["findings"]):
        line = lines[number]
        if not (isinstance(item, dict) and isinstance(item.get("id"), str)
                and isinstance(item.get("fingerprint"), str)):
            problems.append(Problem(path, line, 1, (
                "a baseline entry needs an \"id\" and a \"fingerprint\" (strings); write the "
                "baseline again with `dataflow baseline PATH -o FILE`")))
            continue
        entries.append(Entry(item["id"], item["fingerprint"], line))
    if problems:
        raise MapError(problems)
    return Baseline(path, tuple(entries))


def _entry_lines(text: str, count: int) -> list[int]:
    """The line of each entry of the findings list: the lines that open an object in it, as
    this module writes them; line 1 for each if the file was laid out otherwise."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith("{")
             and n > 1]
    return found if len(found) == count else [1] * count


def apply_baseline(findings: Iterable[Finding], baseline: Baseline) -> list[Finding]:
    """The findings, those the baseline holds marked ``baselined``."""
    known = baseline.keys()
    return [replace(f, baselined=True) if (f.id, fingerprint(f)) in known else f
            for f in findings]
