"""Rules of one's own, from installed packages (entry-point group ``dataflow.rules``): a plugin
that cannot be used, or a rule that fails, is a clear error, not a traceback."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

import dataflow
from dataflow import rules as registry
from dataflow.cli import main
from dataflow.findings import Severity
from tests.conftest import MINIMAL, cli_runner


@registry.rule("ZZ100", "always-fails", Severity.WARNING)
def always_fails(analysis):
    """A rule with a bug."""
    raise ZeroDivisionError("division by zero")
    yield  # a generator, as rules are


NOT_A_RULE = 42
BAD_ID = registry.rule("DF999", "takes-a-built-in-id", Severity.INFO)(always_fails.check)


def _installed(monkeypatch, *values: str) -> None:
    points = [EntryPoint(f"plugin{n}", value, registry.ENTRY_POINTS)
              for n, value in enumerate(values)]
    monkeypatch.setattr("importlib.metadata.entry_points",
                        lambda group: [p for p in points if p.group == group])
    registry.plugin_rules.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_registry():
    registry.plugin_rules.cache_clear()
    yield
    registry.plugin_rules.cache_clear()


def _run(write, *args: str):
    path = write("m.yaml", MINIMAL)
    result = cli_runner().invoke(main, ["check", path, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("value", "said"), [
    ("tests.test_rule_plugins:missing", "cannot be loaded: AttributeError"),
    ("no_such_package.rules:RULES", "cannot be loaded: ModuleNotFoundError"),
    ("tests.test_rule_plugins:NOT_A_RULE", "gives int, not a rule"),
    ("tests.test_rule_plugins:BAD_ID", "rule ID 'DF999' must be capitals and digits"),
])
def test_a_plugin_that_cannot_be_used_is_named_with_why(monkeypatch, write, value, said):
    _installed(monkeypatch, value)
    code, _, err = _run(write)
    assert code == 2
    assert f"dataflow: error: the rule plugin 'plugin0' ({value})" in err
    assert said in err
    assert "Traceback" not in err


def test_a_rule_id_declared_twice_is_refused(monkeypatch, write):
    _installed(monkeypatch, "tests.test_rule_plugins:always_fails",
               "tests.test_rule_plugins:always_fails")
    code, _, err = _run(write)
    assert code == 2
    assert "rule ID 'ZZ100' is declared twice" in err


def test_a_rule_that_fails_is_named_and_the_check_exits_2(monkeypatch, write):
    _installed(monkeypatch, "tests.test_rule_plugins:always_fails")
    assert "ZZ100" in registry.registered()
    code, _, err = _run(write)
    assert code == 2
    assert err == ("dataflow: error: rule ZZ100 (always-fails, in tests.test_rule_plugins) "
                   "failed: ZeroDivisionError('division by zero')\n")
    code, out, _ = _run(write, "--format", "json")
    assert code == 2
    assert '"message": "rule ZZ100 (always-fails' in out


def test_waivers_may_name_the_rules_of_plugins(monkeypatch, write):
    _installed(monkeypatch, "tests.test_rule_plugins:BAD_ID")  # unusable: refused first
    with pytest.raises(registry.RulePluginError):
        registry.registered()
    _installed(monkeypatch)
    text = MINIMAL + "waivers:\n  - {rule: ZZ100, flow: signup, reason: known}\n"
    path = write("m.yaml", text)
    result = cli_runner().invoke(main, ["check", path])
    assert result.exit_code == 2  # not installed: an unknown rule
    assert "unknown rule 'ZZ100'" in result.stderr
    _installed(monkeypatch, "tests.test_rule_plugins:always_fails")
    assert not registry.waiver_problems(dataflow.load(path))


EMPTY: list = []
LAZY = (r for r in [always_fails])


@registry.rule("ZZ200", "yields-text", Severity.WARNING)
def yields_text(analysis):
    """A rule that yields what is not a finding."""
    yield "not a finding"


def test_a_plugin_with_no_rule_is_an_error_and_any_iterable_of_rules_works(monkeypatch, write):
    _installed(monkeypatch, "tests.test_rule_plugins:EMPTY")
    code, _, err = _run(write)
    assert code == 2
    assert "gives list with no rule" in err
    _installed(monkeypatch, "tests.test_rule_plugins:LAZY")  # a generator: read once, kept
    assert "ZZ100" in registry.registered()
    assert "ZZ100" in registry.registered()


def test_a_rule_that_yields_no_finding_is_named(monkeypatch, write):
    _installed(monkeypatch, "tests.test_rule_plugins:yields_text")
    code, _, err = _run(write)
    assert code == 2
    assert ("rule ZZ200 (yields-text, in tests.test_rule_plugins) failed: TypeError(\"it "
            "yielded str, not a Finding") in err


def test_a_plugin_that_exits_on_import_is_an_error(monkeypatch, write, tmp_path):
    (tmp_path / "exits_on_import.py").write_text("import sys\nsys.exit(3)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    _installed(monkeypatch, "exits_on_import:RULES")
    code, _, err = _run(write)
    assert code == 2
    assert "cannot be loaded: SystemExit(3)" in err
