"""Time ``dataflow check`` against a bare PyYAML parse of the same map.

    python benchmarks/run.py                      # small, medium and large, 5 runs each
    python benchmarks/run.py --size large --repeat 3
    python benchmarks/run.py --command "python -m dataflow" --json > results.json

For each map size, and as separate processes, this runs

(a) ``dataflow check FILE --format json -o /dev/null --fail-on never``: the whole command,
    loading, validating and analysing the map and writing the JSON report, and
(b) ``python -c "yaml.load(open(FILE, 'rb'), Loader=yaml.CSafeLoader)"``: PyYAML's C loader
    merely parsing the file, nothing else,

and measures each process's wall time (start to exit, interpreter start-up included) and peak
resident memory (``ru_maxrss`` of that child, from ``os.wait4``). One untimed warm-up run of
each comes first; then the commands alternate, ``--repeat`` times, each round starting one
command later than the round before. The table shows medians, with the minimum and maximum in
brackets. Missing map files are generated into ``benchmarks/data/``. POSIX only
(``os.wait4``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import generate  # benchmarks/generate.py

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SIZES = ["small", "medium", "large", "huge"]
#: The map the ratio targets are measured on, and the one its other commands run on.
TARGET_SIZE = "large"
OTHER_FORMATS = ("text", "sarif", "junit", "github")
#: The growth targets: (smaller size, larger size), ten times the work. The smaller map's check
#: runs again in the larger size's turns, so that the two alternate and the ratio compares
#: runs minutes apart at most, not a quarter of an hour: a shared machine's speed drifts by a
#: fifth over that time, more than the targets' margin.
GROWTH = (("medium", "large"), ("large", "huge"))
#: The 500,000-flow map is over the default reader limits (64 MiB, 5 million values): the
#: runner raises them, as its docs tell users to.
RAISED_LIMITS = ("huge",)
LIMITS = {"DATAFLOW_MAX_FILE_BYTES": str(256 << 20), "DATAFLOW_MAX_NODES": str(50_000_000)}
EXAMPLE = HERE.parent / "examples" / "korea-marketplace.yaml"
DIAGRAM = Path(tempfile.gettempdir()) / "dataflow-benchmark-overview.svg"
PARSE_CODE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
# the library reads the limits a user raised from the environment only on the command line:
# dataflow.load is given them as the command would be
LOAD_CODE = ("import os, sys, dataflow; limits = dataflow.Limits(**{field: int(os.environ[name]) "
             "for name, field in (('DATAFLOW_MAX_FILE_BYTES', 'max_file_bytes'), "
             "('DATAFLOW_MAX_NODES', 'max_nodes')) if name in os.environ}); "
             "dataflow.load(sys.argv[1], limits=limits)")
# ru_maxrss is in KiB on Linux and the BSDs, in bytes on macOS.
RSS_UNIT = 1 if sys.platform == "darwin" else 1024
MIB = 1024 * 1024


class BenchmarkError(Exception):
    """A child process could not be started or failed; the message says which and why."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind  # "check" (the dataflow command) or "parse" (the interpreter)


@dataclass
class Sample:
    seconds: float
    peak_mib: float


def measure(argv: list[str], what: str, variables: dict[str, str] | None = None) -> Sample:
    """Run ``argv`` to completion; its wall time and peak RSS. Fails unless it exits with 0."""
    kind = "parse" if what in ("parse", "load", "import pydantic, networkx") else "check"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                    env=_environment(variables))
        except OSError as exc:
            raise BenchmarkError(f"{what}: cannot run {shlex.join(argv)}: {exc}", kind) from exc
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)  # already reaped
        if code != 0:
            out.seek(0)
            raise _failed(what, code, argv, err, out.read(), kind)
    return Sample(seconds, usage.ru_maxrss * RSS_UNIT / MIB)


def _failed(what: str, code: int, argv: list[str], err: IO[bytes], out: bytes,
            kind: str) -> BenchmarkError:
    """The error of a child that exited with ``code``: its standard error, else the end of
    its output."""
    err.seek(0)
    detail = err.read().decode("utf-8", "replace").strip()
    if not detail:
        detail = out.decode("utf-8", "replace").strip()[-4000:]
    return BenchmarkError(
        f"{what} failed (exit {code}): {shlex.join(argv)}\n{detail or '(no output)'}", kind)


#: Lines of a JSON report before its findings: the opening brace, "map", "as_of" and the
#: summary (its opening, three severities and its closing); more means it is not a report.
_HEAD_LINES = 16


def findings_of(argv: list[str], what: str, variables: dict[str, str] | None = None
                ) -> int | None:
    """Run a check that prints its JSON report (untimed: a warm-up run) and return how many
    findings its summary counts, read from the head of the report; the rest is read and
    dropped as it comes. ``None`` if the head is not a report's. Fails as :func:`measure`
    does."""
    with tempfile.TemporaryFile() as err:
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=err, env=_environment(variables))
        except OSError as exc:
            raise BenchmarkError(f"{what}: cannot run {shlex.join(argv)}: {exc}",
                                 "check") from exc
        assert proc.stdout is not None
        with proc.stdout as out:
            head = []  # up to the findings: {"map", "as_of", "summary", then "findings"
            for line in out:
                if line.startswith(b'  "findings"') or len(head) == _HEAD_LINES:
                    break
                head.append(line)
            while out.read(1 << 20):
                pass
        code = proc.wait()
        if code != 0:
            raise _failed(what, code, argv, err, b"".join(head), "check")
    try:
        counts = json.loads(b"".join(head).rstrip().rstrip(b",") + b"}")["summary"]
        return sum(counts.values())
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _environment(variables: dict[str, str] | None) -> dict[str, str]:
    """The children's environment: as users run the command, with Python's bytecode caches
    (written by the warm-up run if the environment had turned them off)."""
    found = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**found, **(variables or {})}


def summary(values: list[float]) -> dict[str, object]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "samples": values,
    }


def data_file(size: str, regenerate: bool, log) -> Path:
    """The map file of ``size``, generated if missing.

    It is generated in a child process: a child's peak memory as ``os.wait4`` reports it is
    at least the peak of this process when it started the child, and generating the 500,000-
    flow map in this process would lift it to a gigabyte.
    """
    path = DATA / f"{size}.yaml"
    if regenerate or not path.is_file():
        start = time.perf_counter()
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--size", size, "-o",
                        str(path), "-q"], check=True)
        log(f"generated {path} in {time.perf_counter() - start:.1f} s")
    return path


def _check(command: list[str], path: Path, fmt: str = "json",
           output: str = os.devnull) -> list[str]:
    return [*command, "check", str(path), "--format", fmt, "-o", output, "--fail-on", "never"]


def measured(samples: list[Sample]) -> dict[str, dict[str, object]]:
    return {"seconds": summary([s.seconds for s in samples]),
            "peak_mib": summary([s.peak_mib for s in samples])}


def paired_check(smaller: str) -> str:
    """The name of the smaller map's check among a larger size's commands (:data:`GROWTH`)."""
    return f"check of the {smaller} map"


def paired_size(name: str) -> str | None:
    """The size whose check the command ``name`` is, if it is a :func:`paired_check`."""
    return next((a for a, _ in GROWTH if name == paired_check(a)), None)


def rotated(names: list[str], turn: int) -> list[str]:
    """``names`` in the order of round ``turn``: each round starts one command later, so that
    no command always runs first, or always after the same one. On a shared machine a
    command's time depends on the one before it, most of all for the largest maps: a machine
    still taking back the memory of the command before gives memory more slowly."""
    start = turn % len(names)
    return names[start:] + names[:start]


def run_size(size: str, command: list[str], python: str, repeat: int, regenerate: bool,
             log, formats: bool) -> dict:
    """Time the check of one map against a bare parse of it (and, when ``formats``, every
    other check format, ``transfers`` and the grouped diagram), alternating, ``repeat``
    times after one warm-up of each; the check of the map a tenth its size (:data:`GROWTH`)
    alternates with them."""
    path = data_file(size, regenerate, log)
    processors, flows = generate.PRESETS[size]
    commands = {"check": _check(command, path), "load": [python, "-c", LOAD_CODE, str(path)],
                "parse": [python, "-c", PARSE_CODE, str(path)]}
    # the checks the growth targets compare warm up printing their report, whose summary
    # says how many findings each map gives: the work, which need not grow as the flows do
    counting = {"check": _check(command, path, output="-")}
    for smaller in (a for a, b in GROWTH if b == size):
        smaller_path = data_file(smaller, regenerate, log)
        commands[paired_check(smaller)] = _check(command, smaller_path)
        counting[paired_check(smaller)] = _check(command, smaller_path, output="-")
    if formats:
        for fmt in OTHER_FORMATS:
            commands[f"check --format {fmt}"] = _check(command, path, fmt)
        commands["transfers --format json"] = [*command, "transfers", str(path), "--format",
                                               "json", "-o", os.devnull, "--fail-on", "never"]
        commands["render --group-by country"] = [
            *command, "render", str(path), "--group-by", "country", "-o", str(DIAGRAM)]
    log(f"{size}: {processors:,} processors, {flows:,} flows, "
        f"{path.stat().st_size / 1e6:.2f} MB")
    environment_variables = LIMITS if size in RAISED_LIMITS else {}
    findings: dict[str, int | None] = {}
    for name, argv in commands.items():  # warm-up (file cache, bytecode); fails early
        if name in counting:
            findings[name] = findings_of(counting[name], name, environment_variables)
        else:
            measure(argv, name, environment_variables)
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    for n in range(1, repeat + 1):
        for name in rotated(list(commands), n - 1):
            samples[name].append(measure(commands[name], name, environment_variables))
        log(f"  run {n}/{repeat}: " + "; ".join(
            f"{name} {runs[-1].seconds:.2f} s, {runs[-1].peak_mib:.0f} MiB"
            for name, runs in samples.items()))
    results = {name: measured(runs) for name, runs in samples.items()}
    parse = results["parse"]["seconds"]["median"]
    return {
        "size": size,
        "file": str(path.relative_to(HERE.parent) if path.is_relative_to(HERE.parent) else path),
        "path": str(path),
        "file_bytes": path.stat().st_size,
        "processors": processors,
        "flows": flows,
        "limits": environment_variables,
        "commands": {name: shlex.join(argv) for name, argv in commands.items()},
        "findings": findings,
        "results": results,
        "ratios": {name: r["seconds"]["median"] / parse  # type: ignore[operator]
                   for name, r in results.items()
                   if name != "parse" and not paired_size(name)},
    }


#: Alternating pairs of the start-up measurement, at least: each run takes a fifth of a
#: second, and on a shared machine one run of either command varies by 10% or more, so that
#: the median of 11 pairs moved by 0.1 between runs a minute apart (0.96 to 1.09).
STARTUP_PAIRS = 41


def run_startup(command: list[str], python: str, repeat: int, log) -> dict:
    """The check of the bundled example against importing pydantic and networkx, alternating
    (``repeat`` times, at least :data:`STARTUP_PAIRS`)."""
    commands = {"check example": [*command, "check", str(EXAMPLE), "--fail-on", "never"],
                "import pydantic, networkx": [python, "-c", "import pydantic, networkx"]}
    for name, argv in commands.items():
        measure(argv, name)
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    pairs = max(repeat, STARTUP_PAIRS)
    for turn in range(pairs):
        for name in rotated(list(commands), turn):
            samples[name].append(measure(commands[name], name))
    results = {name: measured(runs) for name, runs in samples.items()}
    log("startup: " + "; ".join(f"{name} {r['seconds']['median']:.3f} s"  # type: ignore[index]
                                for name, r in results.items()))
    return {"commands": {name: shlex.join(argv) for name, argv in commands.items()},
            "pairs": pairs, "results": results}


def environment(command: list[str], python: str) -> dict[str, object]:
    import yaml

    try:
        libyaml = yaml._yaml.get_version_string()  # type: ignore[attr-defined]
    except AttributeError:
        libyaml = None
    return {
        "command": command,
        "python": python,
        "python_version": platform.python_version(),
        "pyyaml": yaml.__version__,
        "libyaml": libyaml,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gib": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / (1 << 30),
        "dataflow": _version([*command, "--version"]),
        "commit": _version(["git", "-C", str(HERE.parent), "describe", "--always",
                            "--dirty"], last=True),
        "graphviz": _version(["dot", "-V"]),
    }


def _version(argv: list[str], last: bool = False) -> str:
    """The version a program prints (``dot -V`` writes it to standard error): its first word
    that starts with a digit, or its ``last`` word."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
    except OSError:
        return "unknown"
    said = (done.stdout + done.stderr).split()
    if last or not any(w[:1].isdigit() for w in said):
        return said[-1] if said and done.returncode == 0 else "unknown"
    return next(w for w in said if w[:1].isdigit())


@dataclass
class Target:
    """A target of the performance issue: what is measured, its value and its limit."""

    what: str
    value: float | None  # None: not measured in this run (its map size was not run)
    limit: float
    unit: str  # how both are shown: "ratio", "x", "MiB", "s"

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "not measured"
        return "met" if self.value <= self.limit else "NOT met"

    def cells(self) -> list[str]:
        def shown(number: float | None) -> str:
            if number is None:
                return "-"
            return {"MiB": f"{number:,.0f} MiB", "s": f"{number:.2f} s",
                    "x": f"{number:.1f}x"}.get(self.unit, f"{number:.2f}")
        return [self.what, shown(self.value), shown(self.limit), self.verdict]


def targets(sizes: dict[str, dict], startup: dict | None) -> list[Target]:
    """Every target of the performance issue, from what was measured."""
    def ratio(size: str, name: str) -> float | None:
        return sizes[size]["ratios"].get(name) if size in sizes else None

    def median(size: str, name: str, measure: str = "seconds") -> float | None:
        found = sizes.get(size, {}).get("results", {}).get(name)
        return found[measure]["median"] if found else None

    def growth(small: str, large: str) -> float | None:
        # the smaller map's check in the larger's turns; else (a page of an older run) its own
        a = median(large, paired_check(small)) or median(small, "check")
        b = median(large, "check")
        return b / a if a and b else None

    def work(small: str, large: str) -> str:
        """How the findings grow, where the runs counted them (a page of an older run did
        not)."""
        counted = sizes.get(large, {}).get("findings", {})
        a = counted.get(paired_check(small)) or sizes.get(small, {}).get("findings", {}).get(
            "check")
        b = counted.get("check")
        return f"; {b / a:.1f}x the findings" if a and b else ""

    found = [Target("`check --format json`, 50,000 flows: time / bare parse",
                    ratio("large", "check"), 0.5, "ratio")]
    found += [Target(f"`{name}`, 50,000 flows: time / bare parse", ratio("large", name),
                     0.5, "ratio")
              for name in (*(f"check --format {f}" for f in OTHER_FORMATS),
                           "transfers --format json")]
    found += [
        Target(f"time of {generate.PRESETS[large][1]:,} flows / time of "
               f"{generate.PRESETS[small][1]:,} (10x the flows{work(small, large)})",
               growth(small, large), 11.0, "x")
        for small, large in GROWTH]
    found += [
        Target("peak memory, 50,000 flows", median("large", "check", "peak_mib"), 512, "MiB"),
        Target("peak memory, 500,000 flows", median("huge", "check", "peak_mib"), 4096,
               "MiB"),
        Target("`render --group-by country`, 5,000 processors",
               median("large", "render --group-by country"), 5.0, "s"),
    ]
    if startup is not None:
        results = startup["results"]
        found.append(Target(
            "`check` of the bundled example / `python -c \"import pydantic, networkx\"`",
            results["check example"]["seconds"]["median"]
            / results["import pydantic, networkx"]["seconds"]["median"], 1.0, "ratio"))
    return found


def _cell(stats: dict[str, object], digits: int) -> str:
    med, lo, hi = stats["median"], stats["min"], stats["max"]
    return f"{med:,.{digits}f} [{lo:,.{digits}f}-{hi:,.{digits}f}]"


def _markdown_table(head: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    rule = ["---:" if k in right else "---" for k in range(len(head))]
    return ["| " + " | ".join(row) + " |" for row in (head, rule, *rows)]


NAMES = {"check": "`check --format json`", "parse": "bare parse",
         "load": "`dataflow.load` alone"}


def _shown(name: str) -> str:
    """A command's name in the page's tables."""
    smaller = paired_size(name)
    if smaller:
        return f"`check --format json` of the {smaller} map, in turn with this size's"
    return NAMES.get(name, f"`{name}`")


def _plain(command: str, env: dict) -> str:
    """A command as a reader would type it: ``python``, paths from the project's folder."""
    return command.replace(env["python"], "python").replace(f"{HERE.parent}/", "")


def page(report: dict) -> str:
    """The Markdown page of a run: targets, machine, measurements and commands."""
    env = report["environment"]
    lines = ["# Performance", "",
             "<!-- Written by benchmarks/run.py: run it again rather than edit this page. -->",
             "",
             f"Measured on {report['date']} with `{report['invocation']}`: medians of "
             f"{report['repeat']} runs of each command, alternating (each round starting one "
             "command later than the round before), after one warm-up run of each, with "
             "[minimum-maximum]. Each command is a separate process, timed from start to exit "
             "(interpreter start-up included); memory is its peak resident set size. *Bare "
             "parse* is PyYAML's C loader (`yaml.CSafeLoader`) merely parsing the same file.",
             "", "## Targets", ""]
    found = targets({r["size"]: r for r in report["sizes"]}, report.get("startup"))
    lines += _markdown_table(["target", "measured", "at most", ""],
                             [t.cells() for t in found], {1, 2})
    met = sum(t.verdict == "met" for t in found)
    lines += ["", f"{met} of {len(found)} targets met.", ""]
    if report.get("failures"):
        lines += ["**Not measured: a command failed** (its targets read \"not measured\"):", ""]
        lines += [f"- {failure}" for failure in report["failures"]] + [""]
    lines += ["## Machine", ""]
    lines += [f"- {env['platform']} ({env['machine']}), {env['cpus']} CPUs, "
              f"{env['memory_gib']:.0f} GiB of memory",
              f"- Python {env['python_version']}, dataflow {env['dataflow']} (commit "
              f"{env['commit']}), PyYAML "
              f"{env['pyyaml']} (libyaml {env['libyaml']}), Graphviz {env['graphviz']}", ""]
    lines += ["## Measurements", ""]
    for result in report["sizes"]:
        limits = (" (reader limits raised: " + ", ".join(
            f"`{k}={v}`" for k, v in result["limits"].items()) + ")") if result["limits"] else ""
        counted = result.get("findings", {}).get("check")
        findings = f", {counted:,} findings" if counted is not None else ""
        lines += [f"### {result['size']}: {result['processors']:,} processors, "
                  f"{result['flows']:,} flows{findings}, {result['file_bytes'] / 1e6:.2f} MB"
                  f"{limits}", ""]
        rows = [[_shown(name),
                 _cell(r["seconds"], 2), _cell(r["peak_mib"], 0),
                 f"{result['ratios'][name]:.2f}" if name in result["ratios"]
                 else "1.00" if name == "parse" else ""]
                for name, r in result["results"].items()]
        lines += _markdown_table(["command", "seconds", "peak MiB", "/ bare parse"], rows,
                                 {1, 2, 3})
        lines += [""]
    if report.get("startup"):
        pairs = report["startup"].get("pairs")
        lines += ["### Start-up: the bundled example", ""]
        if pairs:
            lines += [f"Medians of {pairs} runs of each, alternating.", ""]
        rows = [[f"`{_plain(report['startup']['commands'][name], env)}`", _cell(r["seconds"], 3),
                 _cell(r["peak_mib"], 0)]
                for name, r in report["startup"]["results"].items()]
        lines += [*_markdown_table(["command", "seconds", "peak MiB"], rows, {1, 2}), ""]
    lines += ["## Commands", "", "Each size's commands, as run (`FILE` is the generated map):",
              ""]
    shown = next((r for r in report["sizes"] if r["size"] == TARGET_SIZE), None)
    for result in [shown] if shown else report["sizes"][-1:]:
        for name, command in result["commands"].items():
            lines.append(f"- {_shown(name).replace('`', '')}: "
                         f"`{_plain(command.replace(result['path'], 'FILE'), env)}`")
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time `dataflow check` against a bare PyYAML CSafeLoader parse."
    )
    parser.add_argument(
        "--size",
        action="append",
        choices=SIZES,
        help="map size to run (repeatable; default: all four; huge takes minutes a run)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument(
        "--command",
        default="dataflow",
        help='the dataflow command, split like a shell would (default "dataflow"; '
        'e.g. "python -m dataflow")',
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter for the bare parse (default: the one running this script)",
    )
    parser.add_argument(
        "--regenerate", action="store_true", help="regenerate the map files even if present"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="also print the results as JSON on standard output (the table then goes to "
        "standard error)",
    )
    parser.add_argument("--write", metavar="FILE",
                        help="also write the Markdown page to FILE (docs/performance.md)")
    parser.add_argument("--no-startup", action="store_true",
                        help="skip the start-up measurement of the bundled example")
    parser.add_argument("--no-fail", action="store_true",
                        help="exit 0 even when a target is not met (else 3)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    args.command = shlex.split(args.command)
    if not args.command:
        parser.error("--command is empty")
    # Deterministic order, whatever order the sizes were given in.
    args.size = [s for s in SIZES if s in (args.size or SIZES)]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    sizes = []
    startup = None
    failures: list[str] = []  # what could not be measured: the page says so, and the exit
    steps = ([] if args.no_startup else [("startup", lambda: run_startup(
        args.command, args.python, args.repeat, log))]) + [
        (size, lambda size=size: run_size(size, args.command, args.python, args.repeat,
                                          args.regenerate, log, formats=size == TARGET_SIZE))
        for size in args.size]
    for name, step in steps:
        try:
            found = step()
        except BenchmarkError as exc:
            print(f"error: {exc}", file=sys.stderr)
            if exc.kind == "check":
                print(
                    "error: the dataflow command is missing or failed; install the package "
                    '(pip install -e .) or point --command at it (e.g. --command "python -m '
                    'dataflow").',
                    file=sys.stderr,
                )
            failures.append(f"{name}: {str(exc).splitlines()[0]}")
            continue
        if name == "startup":
            startup = found
        else:
            sizes.append(found)
    report = {"date": datetime.date.today().isoformat(),
              "invocation": shlex.join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]),
              "environment": environment(args.command, args.python), "repeat": args.repeat,
              "sizes": sizes, "startup": startup, "failures": failures}
    text = page(report)
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    if args.json:
        print(text, file=sys.stderr)
        print(json.dumps(report, indent=2))
    else:
        print(text, end="")
    if failures:
        return 1
    found = targets({r["size"]: r for r in sizes}, startup)
    return 0 if all(t.verdict != "NOT met" for t in found) or args.no_fail else 3


if __name__ == "__main__":
    sys.exit(main())
