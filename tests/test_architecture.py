"""The layers of docs/architecture.md, held by the imports: data flows one way.

Each module's imports (inside functions too) are read with ``ast``; a layer may import what is
below it, never what is above it, and the outputs never run the engine: they are handed the
checked :class:`~dataflow.Report`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dataflow"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every dataflow module and name ``path`` imports: ``dataflow.x`` and ``dataflow.x.name``."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("dataflow")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module.startswith("dataflow"):
                found.add(module)
                found |= {f"{module}.{a.name}" for a in node.names}
    return found


MODULES = {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _in(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


#: (who, what it must never import, why)
LAYERS = [
    (("dataflow.reading", "dataflow.model", "dataflow.errors", "dataflow.countries",
      "dataflow.validation", "dataflow.loader", "dataflow.merge", "dataflow.flowmap",
      "dataflow.jurisdictions", "dataflow.categories"),
     ("dataflow.rules", "dataflow.check", "dataflow.analysis", "dataflow.transfers",
      "dataflow.provenance", "dataflow.render", "dataflow.report", "dataflow.outputs",
      "dataflow.export", "dataflow.diff", "dataflow.cli", "dataflow.api"),
     "reading and loading know nothing of the analysis, the rules or the outputs"),
    (("dataflow.transfers", "dataflow.provenance", "dataflow.analysis"),
     ("dataflow.rules", "dataflow.check", "dataflow.render", "dataflow.report",
      "dataflow.outputs", "dataflow.export", "dataflow.diff", "dataflow.cli", "dataflow.api"),
     "the engine decides verdicts without knowing who reads them"),
    (("dataflow.rules",),
     ("dataflow.check", "dataflow.render", "dataflow.report", "dataflow.outputs",
      "dataflow.export", "dataflow.diff", "dataflow.cli", "dataflow.api",
      "dataflow.transfers.evaluate_transfers", "dataflow.analysis.analyse"),
     "rules read the analysis they are handed"),
    (("dataflow.render", "dataflow.report", "dataflow.outputs", "dataflow.export",
      "dataflow.diff"),
     ("dataflow.check", "dataflow.api", "dataflow.cli", "dataflow.analysis.analyse",
      "dataflow.transfers.evaluate_transfers", "dataflow.provenance"),
     # they may read the rule registry for what each rule is (SARIF and JUnit list them)
     "outputs are handed the checked report and never run the check or the engine"),
    (("dataflow.importers",),
     ("dataflow.rules", "dataflow.check", "dataflow.analysis", "dataflow.transfers",
      "dataflow.provenance", "dataflow.render", "dataflow.report", "dataflow.outputs",
      "dataflow.export", "dataflow.diff", "dataflow.cli", "dataflow.api"),
     "importers make a map as plain data; loading, checking and writing it is for others"),
]


#: Told what happens by every layer, it imports none of them.
LAYERS.append((("dataflow.progress",), tuple(sorted({m for m in MODULES if m != "dataflow.progress"}
                                                   - {"dataflow"})),
               "progress is told what the work is doing and knows nothing of the work"))


@pytest.mark.parametrize(("who", "never", "why"), LAYERS, ids=[w for *_, w in LAYERS])
def test_imports_run_one_way(who, never, why):
    wrong = sorted(f"{module} imports {imported}" for module, imported_all in MODULES.items()
                   if _in(module, *who) for imported in imported_all if _in(imported, *never))
    assert not wrong, f"{why}: " + "; ".join(wrong)


def test_the_layer_test_reads_the_imports():
    # the reader of imports finds what a module really imports, relative ones included
    assert "dataflow.analysis.analyse" in MODULES["dataflow.check"]
    assert "dataflow.rules.registered" in MODULES["dataflow.check"]
    assert "dataflow.findings.Report" in MODULES["dataflow.render"]
    assert "dataflow.render.draw" in MODULES["dataflow.api"]  # an import inside a function
