"""Time and peak memory of `dataflow check` on every case of the bad-input catalogue.

Each case must fail with exit code 2 in under 2 seconds and 200 MiB; this prints the median
time and the highest peak memory of ``--repeat`` runs per case, and exits 1 if a case is over
either budget or does not exit with 2.

    python benchmarks/hostile.py [--repeat 3] [--budget 2.0] [--memory 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.catalogue import CASES  # noqa: E402 - the catalogue lives with the tests

RSS_UNIT = 1 if sys.platform == "darwin" else 1024


WRITE_CASE = """
import os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests.catalogue import CASES
case, folder = CASES[int(sys.argv[2])], Path(sys.argv[3])
for name, data in case.files.items():
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data() if callable(data) else data)
for link, target in case.links.items():
    os.symlink(folder / target, folder / link)
"""


def run_case(index: int, case, folder: Path) -> tuple[float, float, int]:
    # the files are written by another process, so that this one stays small: a child's
    # peak memory counts the memory of the process it was started from
    subprocess.run([sys.executable, "-c", WRITE_CASE, str(ROOT), str(index), str(folder)],
                   check=True)
    argv = [sys.executable, "-m", "dataflow", "check", *case.paths]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=folder, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - start, usage.ru_maxrss * RSS_UNIT / 2**20,
            os.waitstatus_to_exitcode(status))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=2.0, help="seconds allowed per case")
    parser.add_argument("--memory", type=float, default=200.0, help="MiB allowed per case")
    args = parser.parse_args()
    failed = 0
    print(f"{'case':<42} {'median s':>9} {'peak MiB':>9}  exit")
    for index, case in enumerate(CASES):
        times, peaks, codes = [], [], set()
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as folder:
                seconds, peak, code = run_case(index, case, Path(folder))
            times.append(seconds)
            peaks.append(peak)
            codes.add(code)
        median = statistics.median(times)
        bad = median > args.budget or max(peaks) > args.memory or codes != {2}
        failed += bad
        print(f"{case.name:<42} {median:>9.2f} {max(peaks):>9.0f}  {sorted(codes)}"
              + ("  <- over budget or wrong exit" if bad else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
