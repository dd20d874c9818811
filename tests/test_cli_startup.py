"""What the command line loads: a command imports what it uses and nothing more, so that
checking a small map takes no longer than starting Python with pydantic and networkx (issue
12). Each case runs in a fresh interpreter, and asserts on the modules it ends with: no
timings."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import dataflow
from dataflow.cli import COMMANDS

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "korea-marketplace.yaml"

#: What a check of a map never needs: the graph library, Graphviz, templates and HTML
#: escaping, terminal styling, translations, PyYAML (the packs and the example take the fast
#: reader), pycountry (the country names are kept), the diagrams, reports, notices,
#: importers, exports, tables, diffs and the schema, and the other commands.
NOT_FOR_A_CHECK = (
    "networkx", "graphviz", "pycountry", "jinja2", "markupsafe", "rich", "babel", "yaml",
    "dataflow.graph",
    "dataflow.render", "dataflow.report", "dataflow.notice", "dataflow.i18n",
    "dataflow.importers", "dataflow.export", "dataflow.outputs.table", "dataflow.diff",
    "dataflow.schema", "dataflow.reading.reference",
    *(f"dataflow.cli.{where.partition(':')[0]}" for name, where in COMMANDS.items()
      if name != "check"),
)


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded once ``code`` has run."""
    script = (f"import json, sys\n{code}\n"
              "sys.stdout.write('\\n' + json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def _loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


@pytest.fixture(scope="module")
def kept_countries(tmp_path_factory) -> str:
    """Code that points the country names to a file where one run has kept them, as every
    run after the first finds them."""
    path = tmp_path_factory.mktemp("kept") / "countries.json"
    point = ("import pathlib, sys\nfrom dataflow import countries\n"
             f"countries.CACHE = pathlib.Path({str(path)!r})\n")
    _modules_after(point + "sys.dont_write_bytecode = False\ncountries.country_codes()")
    assert path.exists()
    return point


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_a_check_loads_only_what_it_uses(fmt, kept_countries):
    modules = _modules_after(
        kept_countries +
        "from dataflow.cli import main\n"
        "try:\n"
        f"    main(['check', {str(EXAMPLE)!r}, '--format', {fmt!r}, '--fail-on', 'never',\n"
        "          '-o', '/dev/null'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n")
    assert "dataflow.check" in modules  # the check ran
    assert not [name for name in NOT_FOR_A_CHECK if _loaded(modules, name)]


def test_importing_the_package_loads_none_of_it():
    modules = _modules_after("import dataflow")
    assert not {m for m in modules if m.startswith("dataflow.")}
    assert not _loaded(modules, "pydantic")


def test_the_functions_named_like_modules_stay_functions():
    # ``dataflow.check`` and ``dataflow.render`` are functions, and also the names of
    # modules; importing the module first, in a fresh interpreter, must not replace them
    _modules_after(
        "import dataflow.render.dot, dataflow.check, dataflow\n"
        "assert dataflow.render.__module__ == 'dataflow.api', dataflow.render\n"
        "assert dataflow.check.__module__ == 'dataflow.check', dataflow.check\n"
        "from dataflow.render import draw\n"
        "from dataflow import render, check\n"
        "assert callable(render) and callable(check) and callable(draw)\n")
    assert isinstance(dataflow.render, types.FunctionType)
    assert isinstance(dataflow.check, types.FunctionType)


def test_every_public_name_is_there():
    assert set(dataflow.__all__) <= set(dir(dataflow))
    for name in dataflow.__all__:
        assert getattr(dataflow, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        dataflow.nothing  # noqa: B018
