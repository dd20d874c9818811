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
each comes first; then the two alternate, ``--repeat`` times. The table shows medians, with the
minimum and maximum in brackets. Missing map files are generated into ``benchmarks/data/``.
POSIX only (``os.wait4``).
"""

from __future__ import annotations

import argparse
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

import generate  # benchmarks/generate.py

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SIZES = ["small", "medium", "large"]
PARSE_CODE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
LOAD_CODE = "import sys, dataflow; dataflow.load(sys.argv[1])"
# ru_maxrss is in KiB on Linux and the BSDs, in bytes on macOS.
RSS_UNIT = 1 if sys.platform == "darwin" else 1024
MIB = 1024 * 1024


class BenchmarkError(Exception):
    """A child process could not be started or failed; the message says which and why."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind  # "check" or "parse"


@dataclass
class Sample:
    seconds: float
    peak_mib: float


def measure(argv: list[str], kind: str) -> Sample:
    """Run ``argv`` to completion; its wall time and peak RSS. Fails unless it exits with 0."""
    what = {"check": "dataflow check", "load": "dataflow.load",
            "parse": "bare CSafeLoader parse"}[kind]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        except OSError as exc:
            raise BenchmarkError(f"{what}: cannot run {shlex.join(argv)}: {exc}", kind) from exc
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)  # already reaped
        if code != 0:
            err.seek(0)
            out.seek(0)
            detail = err.read().decode("utf-8", "replace").strip()
            if not detail:
                detail = out.read().decode("utf-8", "replace").strip()[-4000:]
            raise BenchmarkError(
                f"{what} failed (exit {code}): {shlex.join(argv)}\n{detail or '(no output)'}",
                kind,
            )
    return Sample(seconds, usage.ru_maxrss * RSS_UNIT / MIB)


def summary(values: list[float]) -> dict[str, object]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "samples": values,
    }


def data_file(size: str, regenerate: bool, log) -> Path:
    path = DATA / f"{size}.yaml"
    if regenerate or not path.is_file():
        processors, flows = generate.PRESETS[size]
        start = time.perf_counter()
        generate.generate(processors, flows, path)
        log(f"generated {path} in {time.perf_counter() - start:.1f} s")
    return path


def run_size(size: str, command: list[str], python: str, repeat: int, regenerate: bool, log):
    path = data_file(size, regenerate, log)
    processors, flows = generate.PRESETS[size]
    check = [*command, "check", str(path), "--format", "json", "-o", os.devnull]
    check += ["--fail-on", "never"]
    parse = [python, "-c", PARSE_CODE, str(path)]
    load = [python, "-c", LOAD_CODE, str(path)]
    log(f"{size}: {processors} processors, {flows} flows, {path.stat().st_size / 1e6:.2f} MB")
    measure(check, "check")  # warm-up (file cache, bytecode); also fails early
    measure(parse, "parse")
    checks: list[Sample] = []
    parses: list[Sample] = []
    loads: list[Sample] = []
    for n in range(1, repeat + 1):
        checks.append(measure(check, "check"))
        loads.append(measure(load, "load"))
        parses.append(measure(parse, "parse"))
        log(
            f"  run {n}/{repeat}: check {checks[-1].seconds:.2f} s, {checks[-1].peak_mib:.0f} MiB;"
            f" load {loads[-1].seconds:.2f} s, {loads[-1].peak_mib:.0f} MiB;"
            f" parse {parses[-1].seconds:.2f} s, {parses[-1].peak_mib:.0f} MiB"
        )
    check_s = summary([s.seconds for s in checks])
    load_s = summary([s.seconds for s in loads])
    parse_s = summary([s.seconds for s in parses])
    return {
        "size": size,
        "file": str(path.relative_to(HERE.parent) if path.is_relative_to(HERE.parent) else path),
        "file_bytes": path.stat().st_size,
        "processors": processors,
        "flows": flows,
        "check": {"seconds": check_s, "peak_mib": summary([s.peak_mib for s in checks])},
        "load": {"seconds": load_s, "peak_mib": summary([s.peak_mib for s in loads])},
        "parse": {"seconds": parse_s, "peak_mib": summary([s.peak_mib for s in parses])},
        "ratio": check_s["median"] / parse_s["median"],  # type: ignore[operator]
        "load_ratio": load_s["median"] / parse_s["median"],  # type: ignore[operator]
    }


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
    }


def _cell(stats: dict[str, object], digits: int) -> str:
    med, lo, hi = stats["median"], stats["min"], stats["max"]
    return f"{med:.{digits}f} [{lo:.{digits}f}-{hi:.{digits}f}]"


def table(results: list[dict]) -> str:
    head = [
        "size",
        "processors",
        "flows",
        "file MB",
        "check s",
        "check MiB",
        "load s",
        "load MiB",
        "parse s",
        "parse MiB",
        "check/parse",
        "load/parse",
    ]
    rows = [head]
    for r in results:
        rows.append(
            [
                r["size"],
                str(r["processors"]),
                str(r["flows"]),
                f"{r['file_bytes'] / 1e6:.2f}",
                _cell(r["check"]["seconds"], 2),
                _cell(r["check"]["peak_mib"], 0),
                _cell(r["load"]["seconds"], 2),
                _cell(r["load"]["peak_mib"], 0),
                _cell(r["parse"]["seconds"], 2),
                _cell(r["parse"]["peak_mib"], 0),
                f"{r['ratio']:.2f}",
                f"{r['load_ratio']:.2f}",
            ]
        )
    widths = [max(len(row[k]) for row in rows) for k in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time `dataflow check` against a bare PyYAML CSafeLoader parse."
    )
    parser.add_argument(
        "--size",
        action="append",
        choices=SIZES,
        help="map size to run (repeatable; default: all three)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each (default 5)")
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

    results = []
    try:
        for size in args.size:
            results.append(
                run_size(size, args.command, args.python, args.repeat, args.regenerate, log)
            )
    except BenchmarkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if exc.kind == "check":
            print(
                "error: the dataflow command is missing or failed; install the package "
                '(pip install -e .) or point --command at it (e.g. --command "python -m '
                'dataflow").',
                file=sys.stderr,
            )
        return 1

    text = table(results)
    if args.json:
        print(text, file=sys.stderr)
        report = {
            "environment": environment(args.command, args.python),
            "repeat": args.repeat,
            "results": results,
        }
        print(json.dumps(report, indent=2))
    else:
        print(text)
    large = next((r for r in results if r["size"] == "large"), None)
    if large is not None:
        verdict = "met" if large["load_ratio"] <= 1.0 else "NOT met"
        print(
            f"target (large map: loading and validating no slower than a bare CSafeLoader "
            f"parse): {verdict}, load/parse = {large['load_ratio']:.2f} "
            f"(the whole check, with its findings written: check/parse = {large['ratio']:.2f})",
            file=sys.stderr if args.json else sys.stdout,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
