"""benchmarks/run.py: the targets and the page it writes, from measurements given to it."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from dataflow.findings import Finding, Report, Severity
from dataflow.outputs.json import stream

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def runner():
    sys.path.insert(0, str(BENCHMARKS))  # run.py imports generate.py as its neighbour
    try:
        spec = importlib.util.spec_from_file_location("benchmark_runner", BENCHMARKS / "run.py")
        module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("benchmark_runner", None)
        sys.path.remove(str(BENCHMARKS))


def _size(runner, size: str, seconds: dict[str, float]) -> dict:
    """A size's result as run_size gives it, each command measured once."""
    results = {name: runner.measured([runner.Sample(value, 100.0)])
               for name, value in seconds.items()}
    return {"size": size, "results": results, "path": f"/data/{size}.yaml",
            "file_bytes": 1000, "processors": 1, "flows": 10, "limits": {},
            "commands": {name: f"dataflow {name} /data/{size}.yaml" for name in seconds},
            "ratios": {name: r["seconds"]["median"] / seconds["parse"]
                       for name, r in results.items()
                       if name != "parse" and not runner.paired_size(name)}}


def _growth(found, flows: str):
    return next(t for t in found if t.what.startswith(f"time of {flows} flows"))


def test_growth_compares_the_checks_that_ran_in_turn(runner):
    sizes = {"medium": _size(runner, "medium", {"check": 0.5, "parse": 0.5}),
             "large": _size(runner, "large", {"check": 6.0, "parse": 11.0,
                                              runner.paired_check("medium"): 0.6})}
    growth = _growth(runner.targets(sizes, None), "50,000")
    assert growth.value == pytest.approx(10.0)  # 6.0 / 0.6, not 6.0 / 0.5
    assert growth.verdict == "met"


def test_growth_without_a_check_in_turn_compares_the_sizes_own_checks(runner):
    sizes = {"medium": _size(runner, "medium", {"check": 0.5, "parse": 0.5}),
             "large": _size(runner, "large", {"check": 6.0, "parse": 11.0})}
    growth = _growth(runner.targets(sizes, None), "50,000")
    assert growth.value == pytest.approx(12.0)
    assert growth.verdict == "NOT met"


def test_growth_of_a_size_run_alone_is_measured_from_its_turns(runner):
    sizes = {"huge": _size(runner, "huge", {"check": 70.0, "parse": 100.0,
                                            runner.paired_check("large"): 5.0})}
    found = runner.targets(sizes, None)
    assert _growth(found, "500,000").value == pytest.approx(14.0)
    assert _growth(found, "50,000").value is None


def test_every_growth_target_pairs_sizes_ten_times_apart(runner):
    for smaller, larger in runner.GROWTH:
        assert runner.generate.PRESETS[larger][1] == 10 * runner.generate.PRESETS[smaller][1]


def test_the_page_shows_the_check_in_turn_without_a_ratio_to_another_files_parse(runner):
    large = _size(runner, "large", {"check": 6.0, "parse": 12.0,
                                    runner.paired_check("medium"): 0.6})
    assert runner.paired_check("medium") not in large["ratios"]
    large["findings"] = {"check": 135_121}
    report = {"date": "2026-12-03", "invocation": "python benchmarks/run.py", "repeat": 1,
              "environment": {"python": sys.executable, "platform": "p", "machine": "m",
                              "cpus": 2, "memory_gib": 4, "python_version": "3.11",
                              "dataflow": "0", "commit": "c", "pyyaml": "6",
                              "libyaml": "0.2", "graphviz": "2"},
              "sizes": [large], "startup": None, "failures": []}
    text = runner.page(report)
    measurements = text.split("## Measurements", 1)[1]
    rows = [line for line in measurements.splitlines()
            if line.startswith("| `check --format json`")]
    assert rows[0].split(" | ")[-1] == "0.50 |"
    assert rows[1].startswith("| `check --format json` of the medium map, in turn")
    assert rows[1].endswith(" |  |")
    assert "| time of 50,000 flows / time of 5,000 (10x the flows) | 10.0x |" in text
    assert "### large: 1 processors, 10 flows, 135,121 findings, 0.00 MB" in text


def test_a_missing_map_is_generated_in_a_child_process(runner, tmp_path, monkeypatch):
    # a child's peak memory, as os.wait4 reports it, is at least the runner's own peak
    def in_this_process(*args, **kwargs):
        raise AssertionError("the runner generated a map in its own process")

    generate = runner.generate.generate
    monkeypatch.setattr(runner, "DATA", tmp_path / "data")
    monkeypatch.setattr(runner.generate, "generate", in_this_process)
    logged = []
    path = runner.data_file("small", False, logged.append)
    assert path == tmp_path / "data" / "small.yaml"
    [expected] = generate(*runner.generate.PRESETS["small"], tmp_path / "expected.yaml")
    assert path.read_bytes() == expected.read_bytes()
    assert runner.data_file("small", False, logged.append) == path  # present: not again
    assert [line.split(" in ")[0] for line in logged] == [f"generated {path}"]


def test_each_round_starts_one_command_later_and_runs_every_command_once(runner, tmp_path,
                                                                          monkeypatch):
    map_file = tmp_path / "large.yaml"
    map_file.write_text("{}\n")
    ran: list[str] = []

    def measure(argv, what, variables=None):
        ran.append(what)
        return runner.Sample(1.0, 1.0)

    counted: list[list[str]] = []

    def findings_of(argv, what, variables=None):
        ran.append(what)
        counted.append(argv)
        return 7

    monkeypatch.setattr(runner, "measure", measure)
    monkeypatch.setattr(runner, "findings_of", findings_of)
    monkeypatch.setattr(runner, "data_file", lambda size, regenerate, log: map_file)
    result = runner.run_size("large", ["dataflow"], sys.executable, 4, False,
                             lambda message: None, formats=True)
    names = list(result["commands"])
    warm_up, rounds = ran[:len(names)], ran[len(names):]
    assert warm_up == names
    # the checks the growth targets compare warm up printing their report, and are counted
    assert result["findings"] == {"check": 7, runner.paired_check("medium"): 7}
    assert all(argv[argv.index("-o") + 1] == "-" for argv in counted)
    assert len(counted) == 2
    assert len(rounds) == 4 * len(names)
    firsts = []
    for turn in range(4):
        this_round = rounds[turn * len(names):(turn + 1) * len(names)]
        assert sorted(this_round) == sorted(names)
        # the same cycle, from a different start each round
        start = names.index(this_round[0])
        assert this_round == names[start:] + names[:start]
        firsts.append(this_round[0])
    assert len(set(firsts)) == 4


def _printing(tmp_path, text: str, code: int = 0) -> list[str]:
    """A command that prints ``text`` and exits with ``code``."""
    script = tmp_path / "prints.py"
    script.write_text(f"import sys\nsys.stdout.write({text!r})\nsys.exit({code})\n")
    return [sys.executable, str(script)]


def test_the_findings_are_counted_from_the_head_of_the_report(runner, tmp_path):
    def finding(n: int, severity: Severity) -> Finding:
        return Finding(f"DF100@f{n}", "DF100", "name", severity, "m" * 5000, "map.yaml", n,
                       1, "fix it")

    report = Report("m", date(2026, 1, 1), tuple(
        finding(n, severity) for n, severity in enumerate(
            [Severity.ERROR] * 40 + [Severity.WARNING] * 7 + [Severity.INFO] * 3)))
    text = "".join(stream(report))  # 250 KB: more than a pipe holds, read after the head
    assert runner.findings_of(_printing(tmp_path, text), "check") == 50


def test_a_head_that_is_not_a_report_counts_nothing(runner, tmp_path):
    assert runner.findings_of(_printing(tmp_path, "no report here\n"), "check") is None
    # a long output that is no report: its first lines are not a report's head, the rest is
    # read and dropped
    many = "".join(f'"line {n}": {n},\n' for n in range(100_000))
    assert runner.findings_of(_printing(tmp_path, "{\n" + many), "check") is None


def test_a_failing_check_fails_its_count(runner, tmp_path):
    with pytest.raises(runner.BenchmarkError, match=r"check failed \(exit 2\)"):
        runner.findings_of(_printing(tmp_path, "{\n", code=2), "check")


def test_the_growth_target_says_how_the_findings_grew(runner):
    large = _size(runner, "large", {"check": 6.0, "parse": 11.0,
                                    runner.paired_check("medium"): 0.6})
    large["findings"] = {"check": 111_000, runner.paired_check("medium"): 10_000}
    growth = _growth(runner.targets({"large": large}, None), "50,000")
    assert growth.what.endswith("(10x the flows; 11.1x the findings)")
    assert growth.value == pytest.approx(10.0)
