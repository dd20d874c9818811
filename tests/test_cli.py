"""The command line: exit codes, output formats, located errors, safe output files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from dataflow.cli import COMMANDS, main
from dataflow.schema import json_schema_text
from tests.conftest import MINIMAL, cli_runner

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> tuple[int, str, str]:
    result = cli_runner().invoke(main, list(args))
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, result.exception
    return result.exit_code, result.stdout, result.stderr


def _map_with_isolated(write) -> str:
    text = MINIMAL.replace("processors:\n", "processors:\n  - {id: legacy, locations: [KR]}\n")
    return write("m.yaml", text)


def test_clean_map_exits_0(write):
    path = write("m.yaml", MINIMAL)
    code, out, _ = run("check", path)
    assert code == 0
    assert out.endswith("0 error(s), 0 warning(s), 0 info in Shop, as of " + out.split()[-1] + "\n")


def test_fail_on_decides_the_exit_code(write):
    path = _map_with_isolated(write)
    assert run("check", path)[0] == 0  # DF202 is a warning
    assert run("check", path, "--fail-on", "warning")[0] == 1
    assert run("check", path, "--fail-on", "info")[0] == 1
    assert run("check", path, "--fail-on", "never")[0] == 0


def test_check_json_shape(write):
    path = _map_with_isolated(write)
    code, out, _ = run("check", path, "--format", "json", "--as-of", "2026-01-01")
    data = json.loads(out)
    assert code == 0
    assert list(data) == ["map", "as_of", "summary", "findings", "transfers"]
    assert data["as_of"] == "2026-01-01"
    assert data["summary"] == {"error": 0, "warning": 1, "info": 0}
    (finding,) = data["findings"]
    assert finding["id"] == "DF202@legacy"
    assert (finding["file"], finding["line"], finding["column"]) == ("m.yaml", 7, 6)
    for key in ("rule", "name", "severity", "message", "flow", "source", "target",
                "jurisdiction", "law", "destination", "categories", "references", "remediation"):
        assert key in finding


def test_invalid_map_exits_2_with_located_errors(write):
    path = write("m.yaml", MINIMAL.replace("to: crm", "to: cmr"))
    code, out, err = run("check", path)
    assert code == 2
    assert out == ""
    assert err == "m.yaml:14:33: error: unknown processor 'cmr' (did you mean 'crm'?)\n"
    code, out, _ = run("check", path, "--format", "json")
    assert code == 2
    assert json.loads(out) == {"errors": [{
        "message": "unknown processor 'cmr' (did you mean 'crm'?)",
        "file": "m.yaml", "line": 14, "column": 33}]}


def test_usage_errors_exit_2(write):
    path = write("m.yaml", MINIMAL)
    assert run("check")[0] == 2
    assert run("check", path, "--format", "yaml")[0] == 2
    assert run("check", path, "--as-of", "2026-13-01")[0] == 2


def test_each_command_is_found_where_the_table_says():
    context = click.Context(main)
    assert main.list_commands(context) == sorted(COMMANDS)
    for name in COMMANDS:
        command = main.get_command(context, name)
        assert isinstance(command, click.Command)
        assert command.name == name
    assert main.get_command(context, "chek") is None


@pytest.mark.parametrize(("typed", "meant"), [("chek", "check"), ("rendr", "render"),
                                              ("transfer", "transfers")])
def test_a_misspelled_command_is_refused_with_a_suggestion(typed, meant):
    code, out, err = run(typed, "m.yaml")
    assert (code, out) == (2, "")
    assert f"No such command '{typed}' (did you mean '{meant}'?)." in err


def test_a_command_unlike_any_is_refused_without_a_suggestion():
    code, _, err = run("frobnicate")
    assert code == 2
    assert "No such command 'frobnicate'." in err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_every_format_writes_whole_files(write, fmt):
    path = _map_with_isolated(write)
    code, out, _ = run("check", path, "--format", fmt, "-o", "report.out")
    assert code == 0
    assert out == ""
    text = Path("report.out").read_text()
    assert "DF202" in text
    if fmt in ("json", "sarif"):
        json.loads(text)
    assert not list(Path(".").glob(".dataflow-*"))


def test_sarif_and_github_carry_the_location(write):
    path = _map_with_isolated(write)
    sarif = json.loads(run("check", path, "--format", "sarif")[1])
    (result,) = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 7,
                                                                    "startColumn": 6}
    assert result["level"] == "warning"
    github = run("check", path, "--format", "github")[1]
    assert github.startswith("::warning file=m.yaml,line=7,col=6,title=DF202 processor-isolated::")


def test_output_never_overwrites_an_input(write):
    path = write("m.yaml", MINIMAL)
    code, _, err = run("check", path, "-o", path)
    assert code == 2
    assert "refusing to write over an input file" in err
    assert Path(path).read_text() == MINIMAL


def test_schema_command_prints_the_committed_schema():
    code, out, _ = run("schema")
    assert code == 0
    assert out == json_schema_text()
    committed = (ROOT / "schemas" / "dataflow.schema.json").read_text(encoding="utf-8")
    assert out == committed, "stale schema: run `dataflow schema -o schemas/dataflow.schema.json`"


def test_rules_and_jurisdictions_list(write):
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    listed = [r["rule"] for r in json.loads(out)]
    built_in = [r for r in listed if r.startswith("DF")]
    assert listed[:len(built_in)] == sorted(built_in)  # then the rules of installed plugins
    assert {"DF100", "DF101", "DF102", "DF110", "DF201", "DF202", "DF203", "DF900",
            "DF901"} <= set(listed)
    code, out, _ = run("jurisdictions")
    assert code == 0
    assert "EU  European Economic Area (GDPR), facts as of" in out
    assert "    adequacy decision: US since 2023-07-10, recipients certified 'dpf'" in out
    assert "    equivalency recognition: EU since 2025-09-16, excludes national_id, credit" in out
    assert "    mechanism: consent (occasional transfers only; residual): GDPR Art. 49(1)(a)" in out
    assert "    mechanism: contract_necessity (to processor only; from 2023-09-15): PIPA Art. 28-8(1)3" in out
    assert "US  United States (no transfer law)" in out


def test_export_formats(write):
    path = write("m.yaml", MINIMAL.replace("purpose", "purpose").replace(
        "categories: [contact.email]}", "categories: [contact.email], purpose: '=HYPERLINK(1)'}"))
    code, out, _ = run("export", path, "--format", "json")
    assert code == 0
    graph = json.loads(out)
    assert [n["id"] for n in graph["nodes"]] == ["web", "crm"]
    assert graph["links"][0]["key"] == "signup"
    code, out, _ = run("export", path, "--format", "graphml")
    assert code == 0
    assert '<edge source="web" target="crm" id="signup">' in out
    code, out, _ = run("export", path, "--format", "csv")
    assert code == 0
    assert "'=HYPERLINK(1)" in out.splitlines()[1]
    assert out.splitlines()[0].endswith(",safeguards,transfers")


def test_diff_reports_added_and_removed_findings(write):
    old = write("old.yaml", MINIMAL)
    new = _map_with_isolated(write)
    code, out, _ = run("diff", old, new, "--format", "json", "--fail-on", "warning")
    assert code == 1
    data = json.loads(out)
    assert [f["id"] for f in data["added"]["findings"]] == ["DF202@legacy"]
    assert data["removed"]["findings"] == []
    assert run("diff", new, old, "--fail-on", "warning")[0] == 0


def test_the_installed_command_runs(write):
    path = write("m.yaml", MINIMAL)
    done = subprocess.run([sys.executable, "-m", "dataflow", "check", path],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _buffered() -> dict[str, str]:
    """The environment, with standard output buffered (a pipe, as CI reads it)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


@pytest.mark.parametrize("command", [
    ["check", "--format", "json"], ["check", "--format", "text", "--fail-on", "never"],
    ["transfers", "--format", "json"], ["transfers", "--fail-on", "never"],
])
def test_the_program_ends_as_main_returns(command):
    """The program ends its process as soon as a command is done (not freeing the map): the
    same exit code and the whole output, flushed, as :func:`main` called from Python."""
    example = str(ROOT / "examples" / "korea-marketplace.yaml")
    args = [command[0], example, "--as-of", "2026-06-30", *command[1:]]
    done = subprocess.run([sys.executable, "-m", "dataflow", *args], capture_output=True,
                          text=True, check=False, env=_buffered())
    code, out, _ = run(*args)
    assert (done.returncode, done.stdout) == (code, out)
    assert code == (0 if "never" in command else 1)  # the example has unsafeguarded transfers


def test_the_program_writes_whole_files_and_ends(tmp_path):
    example = str(ROOT / "examples" / "korea-marketplace.yaml")
    for command, name in (("render", "map.dot"), ("report", "report.html"),
                          ("baseline", "baseline.json")):
        target = tmp_path / name
        done = subprocess.run([sys.executable, "-m", "dataflow", command, example, "-o",
                               str(target), "--as-of", "2026-06-30"], capture_output=True,
                              text=True, check=False, env=_buffered())
        assert done.returncode == 0, done.stderr
        expected = tmp_path / f"expected-{name}"
        assert run(command, example, "-o", str(expected), "--as-of", "2026-06-30")[0] == 0
        assert target.read_bytes() == expected.read_bytes()
    assert "finding(s) recorded in" in done.stderr  # standard error is flushed too


def test_the_program_imports_the_command_line_without_collecting_cycles():
    """The program turns the cycle collector off before it imports the command line (pydantic's
    models are built then), not only once a command starts."""
    script = ("import gc, sys\n"
              "from dataflow.__main__ import run\n"
              "assert 'dataflow.cli' not in sys.modules and gc.isenabled()\n"
              "before = sum(generation['collections'] for generation in gc.get_stats())\n"
              "sys.argv = ['dataflow', '--version']\n"
              "try:\n"
              "    run()\n"
              "except SystemExit:\n"
              "    pass\n"
              "after = sum(generation['collections'] for generation in gc.get_stats())\n"
              "print('dataflow.cli' in sys.modules, after - before)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["True", "0"]


def test_limits_from_the_environment(write, monkeypatch):
    path = write("m.yaml", MINIMAL.replace("name: Shop", "name: [[[x]]]"))
    assert run("check", path)[0] == 2  # a name must be text, whatever its depth
    monkeypatch.setenv("DATAFLOW_MAX_DEPTH", "2")
    code, _, err = run("check", path)
    assert code == 2
    assert "nested more than 2 levels deep (limit max_depth, raised with DATAFLOW_MAX_DEPTH)" in err
    monkeypatch.setenv("DATAFLOW_MAX_DEPTH", "lots")
    code, _, err = run("check", path)
    assert code == 2
    assert "DATAFLOW_MAX_DEPTH='lots': give a whole number above 0" in err


def test_output_never_overwrites_a_file_of_a_folder_map(write):
    write("m/map.yaml", MINIMAL)
    code, _, err = run("check", "m", "-o", "m/map.yaml")
    assert code == 2
    assert "refusing to write over an input file" in err
    assert Path("m/map.yaml").read_text() == MINIMAL


def test_unwritable_output_is_an_error_not_a_traceback(write):
    path = write("m.yaml", MINIMAL)
    code, _, err = run("check", path, "-o", "/proc/version")
    assert code == 2
    assert "cannot write the file" in err


def test_surrogate_escapes_are_a_located_error(write):
    path = write("m.yaml", MINIMAL.replace("name: Shop", 'name: "Shop \\ud83d\\ude00"'))
    code, _, err = run("check", path)
    assert code == 2
    assert err.startswith("m.yaml:2:")


def test_csv_export_lists_each_flows_transfers():
    code, out, _ = run("export", str(ROOT / "examples" / "pipc-aliexpress-2024.yaml"),
                       "--format", "csv")
    assert code == 0
    row = out.splitlines()[1]
    assert "KR->CN first missing; SG->CN first missing" in row


def test_errors_cannot_forge_lines_in_a_terminal_or_a_ci_log(write):
    # a bad value with a line break and a workflow command, a name with an escape sequence
    path = write("m\x1b[31m.yaml", MINIMAL.replace("home: KR", 'home: "KR\\n::error file=README.md,line=1::forged"'))
    for fmt in ("text", "github"):
        code, _, err = run("check", path, "--format", fmt)
        assert code == 2
        assert all(not line.startswith("::error file=README.md") for line in err.splitlines())
        assert "\x1b" not in err
        assert all(line.startswith("m\\u001b[31m.yaml:") for line in err.splitlines())


def test_diff_text_is_inert(write):
    old = write("old.yaml", MINIMAL)
    new = write("new.yaml", MINIMAL.replace("  - id: crm\n    locations: [KR]",
                                            '  - id: crm\n    name: "a\\nb\\u202e"\n    locations: [CN]'))
    code, out, _ = run("diff", old, new, "--fail-on", "never")
    assert code == 0
    assert "\u202e" not in out
    assert all(line.startswith(("+", "-", "~")) or "added" in line for line in out.splitlines())


def test_output_to_dev_stdout_in_a_pipe(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "dataflow", "check", str(ROOT / "examples" / "eu-saas"),
         "--format", "json", "-o", "/dev/stdout"], capture_output=True, text=True,
        cwd=tmp_path)  # capture_output: standard output is a pipe
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["map"] == "Nordlicht Planner"


def test_collections_abroad_in_every_output(write, tmp_path):
    path = write("m.yaml", """\
dataflow: 1
as_of: 2026-06-30
home: KR
categories: [{id: c, name: Events}]
processors:
  - {id: sdk, entity: SDK Inc., role: processor, locations: [US], collects: [{categories: [c]}]}
""")
    code, out, err = run("transfers", path, "--fail-on", "never")
    assert code == 0, err
    assert "sdk/collect  (collected)  sdk" in out
    code, out, _ = run("export", path, "--format", "csv")
    assert code == 0
    assert "sdk/collect,,,KR,sdk,SDK Inc.,processor,US,c" in out
    for name in ("r.html", "r.md"):
        code, _, err = run("report", path, "-o", str(tmp_path / name))
        assert code == 0, err
        assert "Data subjects (collected abroad)" in (tmp_path / name).read_text(encoding="utf-8")


def test_render_refuses_a_diagram_too_large_to_lay_out_unless_any_size(write, tmp_path,
                                                                      monkeypatch):
    import importlib

    from tests.test_render import _dense_map

    rendering = importlib.import_module("dataflow.render")
    monkeypatch.setattr(rendering, "LAYOUT_AT_MOST", rendering.LayoutBudget(nodes=20, edges=40))
    monkeypatch.setattr(rendering, "run_graphviz", lambda dot, fmt, **limits: b"<svg/>")
    path = write("m.yaml", _dense_map())
    out = str(tmp_path / "map.svg")
    code, _, err = run("render", path, "-o", out)
    assert code == 2
    assert not Path(out).exists()
    assert "12 boxes and 132 lines" in err
    assert "`--group-by country` (4 boxes" in err
    assert run("render", path, "-o", out, "--group-by", "country")[0] == 0
    Path(out).unlink()
    assert run("render", path, "-o", out, "--any-size")[0] == 0
    assert Path(out).read_bytes() == b"<svg/>"


def _junit_cases(text: str) -> tuple[dict, dict[str, tuple[str, str | None]]]:
    from xml.etree import ElementTree as ET

    suite = ET.fromstring(text.encode()).find("testsuite")
    cases = {}
    for case in suite.iter("testcase"):
        outcome = next((c.tag for c in case if c.tag in ("failure", "skipped")), "passed")
        cases[case.get("name")] = (case.get("classname"), outcome, case.get("line"))
    return dict(suite.attrib), cases


def test_junit_has_a_test_case_per_finding_failed_or_skipped_as_fail_on_says(write):
    from dataflow.rules import registered

    RULES = registered()  # noqa: N806 - installed plugins' rules are reported too
    from tests.test_transfers import SAFEGUARDS_IN_PLACES

    path = write("m.yaml", SAFEGUARDS_IN_PLACES)
    findings = json.loads(run("check", path, "--format", "json")[1])["findings"]
    by_severity = {f["id"]: f["severity"] for f in findings}
    assert len({f["rule"] for f in findings}) < len(RULES)  # some rules find nothing
    for fail_on, failing in (("error", {"error"}), ("warning", {"error", "warning"}),
                             ("info", {"error", "warning", "info"}), ("never", set())):
        code, out, _ = run("check", path, "--format", "junit", "--fail-on", fail_on)
        counts, cases = _junit_cases(out)
        quiet = {f"{r.id} {r.name}" for r in RULES.values()
                 if r.id not in {f["rule"] for f in findings}}
        assert set(cases) == set(by_severity) | quiet  # named by finding ID; quiet rules pass
        for finding in findings:
            classname, outcome, line = cases[finding["id"]]
            assert classname == f"dataflow.{finding['rule']}"
            assert line == str(finding["line"])
            assert outcome == ("failure" if finding["severity"] in failing else "skipped")
        assert all(cases[name][1] == "passed" for name in quiet)
        failures = sum(s in failing for s in by_severity.values())
        assert counts["tests"] == str(len(cases))
        assert counts["failures"] == str(failures)
        assert counts["skipped"] == str(len(findings) - failures)
        assert code == (1 if failures else 0)  # the report agrees with the exit code


def test_sarif_rules_carry_their_help_and_results_point_at_the_safeguard(write):
    from dataflow.rules import registered

    RULES = registered()  # noqa: N806
    from tests.test_transfers import SAFEGUARDS_IN_PLACES

    path = write("m.yaml", SAFEGUARDS_IN_PLACES)
    run_ = json.loads(run("check", path, "--format", "sarif")[1])["runs"][0]
    for entry in run_["tool"]["driver"]["rules"]:
        rule = RULES[entry["id"]]
        assert entry["help"]["text"].startswith(rule.doc)
        assert entry["help"]["markdown"].startswith(f"**{rule.id} {rule.name}**")
        for reference in rule.references:
            assert f"- {reference}" in entry["help"]["markdown"]
    expired = [r for r in run_["results"] if r["ruleId"] == "DF101"]
    assert sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"]
                  for r in expired) == [11, 25]  # the safeguards' lines, not their owners'


def test_check_writes_several_formats_from_one_run(write, tmp_path):
    path = _map_with_isolated(write)
    sarif, junit = str(tmp_path / "out.sarif"), str(tmp_path / "out.xml")
    code, out, _ = run("check", path, "--fail-on", "warning", "--write", f"sarif={sarif}",
                       "--write", f"junit={junit}")
    assert code == 1
    assert out == run("check", path)[1]
    assert Path(sarif).read_text() == run("check", path, "--format", "sarif")[1]
    assert Path(junit).read_text() == run("check", path, "--format", "junit",
                                          "--fail-on", "warning")[1]
    for bad, said in (("sarif", "give FORMAT=FILE"), ("yaml=x.yaml", "'yaml' is not a format"),
                      ("sarif=", "give FORMAT=FILE")):
        code, _, err = run("check", path, "--write", bad)
        assert code == 2
        assert said in err


def test_warn_expiring_sets_how_far_ahead_expiries_are_warned_of():
    table = str(ROOT / "tests" / "rules" / "DF107.yaml")

    def expiring(*options: str) -> set[str]:
        out = run("check", table, "--format", "json", *options)[1]
        return {f["id"].split("@")[1] for f in json.loads(out)["findings"]
                if f["rule"] == "DF107"}

    default = expiring()
    assert "fail_expires_on_the_thirtieth_day" in default
    assert "pass_expires_on_the_thirty_first_day" not in default
    assert expiring("--warn-expiring", "30") == default
    assert expiring("--warn-expiring", "31") == default | {"pass_expires_on_the_thirty_first_day"}
    assert expiring("--warn-expiring", "1") == {"fail_expires_tomorrow"}
    assert expiring("--warn-expiring", "0") == set()
    code, _, err = run("check", table, "--warn-expiring", "-1")
    assert code == 2
    assert "--warn-expiring" in err


def test_a_baseline_adopts_a_map_and_fails_only_on_new_findings(write, tmp_path):
    from tests.test_ci_integrations import FAILING

    path = write("m.yaml", FAILING)
    assert run("check", path)[0] == 1
    baseline = str(tmp_path / "baseline.json")
    code, _, err = run("baseline", path, "-o", baseline)
    assert code == 0
    assert "3 finding(s) recorded" in err
    code, out, _ = run("check", path, "--baseline", baseline, "--format", "json")
    assert code == 0  # everything it has is in the baseline
    findings = json.loads(out)["findings"]
    assert len(findings) == 3
    assert all(f["baselined"] for f in findings)
    # a new unsafeguarded transfer fails, alone
    grown = write("m.yaml", FAILING + "  - {from: web, to: abroad, categories: [contact.email],"
                                      " id: again}\n")
    code, out, _ = run("check", grown, "--baseline", baseline, "--format", "json")
    assert code == 1
    new = [f["id"] for f in json.loads(out)["findings"] if not f.get("baselined")]
    assert new == ["DF100@again@KR@US", "DF110@again@KR@US", "DF111@again@KR@US"]
    junit = run("check", grown, "--baseline", baseline, "--format", "junit")[1]
    assert junit.count("<failure ") == 1
    assert junit.count('<skipped message="in the baseline" />') == 3


def test_a_baseline_entry_that_matches_nothing_is_reported_at_its_line(write, tmp_path):
    from tests.test_ci_integrations import FAILING

    path = write("m.yaml", FAILING)
    baseline = str(tmp_path / "baseline.json")
    run("baseline", path, "-o", baseline)
    fixed = write("m.yaml", MINIMAL)  # the transfer is gone
    code, out, _ = run("check", fixed, "--baseline", baseline, "--format", "json")
    assert code == 0  # a stale entry is a warning
    stale = [f for f in json.loads(out)["findings"] if f["rule"] == "DF903"]
    lines = Path(baseline).read_text().splitlines()
    assert sorted((f["id"], f["file"], f["line"]) for f in stale) == [
        (f"DF903@{json.loads(lines[n - 1].rstrip(','))['id']}", baseline, n) for n in (2, 3, 4)]
    assert run("check", fixed, "--baseline", baseline, "--fail-on", "warning")[0] == 1


def test_a_broken_baseline_is_a_located_error(write, tmp_path):
    path = write("m.yaml", MINIMAL)
    broken = tmp_path / "baseline.json"
    broken.write_text('{"dataflow_baseline": 1, "findings": [\n  {"id": "DF100@x"\n]}\n')
    code, _, err = run("check", path, "--baseline", str(broken))
    assert code == 2
    assert err.startswith(f"{broken}:3:1: error: the baseline is not valid JSON")
    broken.write_text('{"findings": []}\n')
    assert "not a baseline of this version" in run("check", path, "--baseline", str(broken))[2]
    code, _, err = run("check", path, "--baseline", str(tmp_path / "missing.json"))
    assert code == 2
    assert "cannot read the baseline" in err


def test_check_never_writes_over_its_baseline(write, tmp_path):
    path = write("m.yaml", MINIMAL)
    baseline = str(tmp_path / "b.json")
    run("baseline", path, "-o", baseline)
    kept = Path(baseline).read_text()
    for args in (("-o", baseline), ("--write", f"json={baseline}")):
        code, _, err = run("check", path, "--baseline", baseline, *args)
        assert code == 2
        assert "refusing to write over an input file" in err
    assert Path(baseline).read_text() == kept


def test_a_baseline_nested_too_deeply_is_a_located_error(write, tmp_path):
    path = write("m.yaml", MINIMAL)
    deep = tmp_path / "b.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    code, _, err = run("check", path, "--baseline", str(deep))
    assert code == 2
    assert err.startswith(f"{deep}:1:1: error: the baseline nests too deeply")
    deep.write_text('{"dataflow_baseline": true, "findings": []}')
    assert "not a baseline of this version" in run("check", path, "--baseline", str(deep))[2]


def test_junit_and_the_exit_code_agree_on_waived_findings(write):
    text = _map_with_isolated(write)
    waived = write("w.yaml", Path(text).read_text() + (
        "waivers:\n  - {rule: DF202, processor: legacy, reason: switched off soon}\n"))
    for fail_on in ("error", "warning", "info"):
        code, out, _ = run("check", waived, "--format", "junit", "--fail-on", fail_on)
        counts, _ = _junit_cases(out)
        assert (counts["failures"] != "0") == (code == 1), fail_on


def test_expiry_windows_beyond_the_calendar_are_refused_or_capped(write):
    path = write("m.yaml", MINIMAL)
    code, _, err = run("check", path, "--warn-expiring", "3000000")
    assert code == 2
    assert "--warn-expiring" in err
    late = write("late.yaml", MINIMAL.replace("home: KR\n", "home: KR\nas_of: 9999-12-20\n")
                 + "waivers:\n  - {rule: DF202, processor: crm, reason: r, "
                   "expires: 9999-12-30}\n")
    code, _, err = run("check", late, "--warn-expiring", "36500")
    assert code == 0, err


def test_an_invalid_map_is_annotated_on_the_pull_request_with_format_github(write):
    path = write("m.yaml", MINIMAL.replace("locations: [KR]\n    collects", "locations: [KX]\n    collects", 1))
    code, out, err = run("check", path, "--format", "github")
    assert code == 2
    (line,) = out.splitlines()
    assert line.startswith("::error file=m.yaml,line=8,col=17,title=invalid map::")
    assert "'KX' is not an ISO 3166-1 alpha-2 country code" in line
    assert "m.yaml:8:17: error:" in err  # the log keeps the plain message


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_transfers_failing_on_nothing_print_the_table_the_rules_would(fmt, monkeypatch):
    """With --fail-on never no finding is needed, so no rule runs; the table is the same."""
    example = str(ROOT / "examples" / "pipc-temu-2025.yaml")
    code, checked, _ = run("transfers", example, "--format", fmt, "--fail-on", "info")
    assert code == 1  # the example has findings: they decide the exit code here
    def no_rules() -> dict:
        raise AssertionError("a rule ran though nothing can fail")

    monkeypatch.setattr(sys.modules["dataflow.check"], "registered", no_rules)
    code, unchecked, err = run("transfers", example, "--format", fmt, "--fail-on", "never")
    assert (code, err) == (0, "")
    assert unchecked == checked
    assert "missing" in unchecked


def test_transfers_failing_on_nothing_still_refuse_a_waiver_of_an_unknown_rule(write):
    path = write("m.yaml", MINIMAL + "waivers:\n  - {rule: DF999, processor: crm, reason: r}\n")
    code, _, err = run("transfers", path, "--fail-on", "never")
    assert code == 2
    assert "unknown rule 'DF999'" in err
    assert "m.yaml:" in err
