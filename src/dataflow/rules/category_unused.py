"""DF203: a declared category that nothing collects or sends."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from .base import Analysis, rule


@rule("DF203", "category-unused", Severity.INFO)
def category_unused(analysis: Analysis) -> Iterator[Finding]:
    """A declared data category that no processor collects and no flow carries.

    PASS: ``contact.email`` is collected by ``signup``. FAIL: ``health.allergy`` is declared
    but appears nowhere else.
    """
    flowmap = analysis.flowmap
    used = {c for f in flowmap.flows.values() for c in f.categories}
    used |= {c for p in flowmap.processors.values() for point in p.collects
             for c in point.categories}
    used |= {c.parent for c in flowmap.categories.values() if c.parent}
    for category_id in flowmap.categories:
        if category_id in used:
            continue
        yield category_unused.finding(
            analysis, element=("category", category_id), parts=(category_id,),
            message=f"category '{category_id}' is declared but never collected or sent",
            remediation=("add it to the `collects` or `categories` where it is used, or "
                         "remove the declaration"),
            categories=(category_id,))
