"""How long Graphviz takes to lay out diagrams of growing size: the measurements behind
``dataflow.render.LAYOUT_AT_MOST``, the largest diagram ``dataflow render`` asks it to lay out.

    python benchmarks/layout.py                   # the default ladder of map sizes
    python benchmarks/layout.py --timeout 60 --sizes 50:300 100:800 250:1800

For each size ``PROCESSORS:FLOWS`` a map is generated (``generate.py``, its default seed),
checked, and its full and transfers-only diagrams are laid out by ``dot -Tsvg`` as
``dataflow render`` would, one at a time, with ``--timeout`` seconds each. One line per
diagram: boxes, lines, clusters, and the seconds (``timeout`` when it did not finish).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dataflow
import generate  # benchmarks/generate.py
from dataflow.render import LAYOUT_AT_MOST, Selection, build_diagram
from dataflow.render.dot import to_dot

LADDER = ["20:100", "40:200", "60:400", "80:600", "100:800", "150:1000", "200:1400",
          "250:1800", "300:2500", "500:5000"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=LADDER, metavar="PROCESSORS:FLOWS")
    parser.add_argument("--timeout", type=float, default=120.0)
    options = parser.parse_args(argv)
    print(f"budget: {LAYOUT_AT_MOST.words()}")
    print(f"{'processors':>10} {'flows':>6} {'view':>9} {'boxes':>6} {'lines':>6} "
          f"{'clusters':>8} {'fits':>4} {'seconds':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for size in options.sizes:
            processors, flows = (int(n) for n in size.split(":"))
            path = Path(folder) / f"map-{processors}.yaml"
            generate.generate(processors, flows, path)
            report = dataflow.check(dataflow.load(str(path)))
            for view in ("full", "transfers"):
                diagram = build_diagram(report, Selection(view=view))
                started = time.perf_counter()
                try:
                    subprocess.run(["dot", "-Tsvg"], input=to_dot(diagram).encode("utf-8"),
                                   capture_output=True, timeout=options.timeout, check=True)
                    took = f"{time.perf_counter() - started:8.2f}"
                except subprocess.TimeoutExpired:
                    took = " timeout"
                fits = "yes" if LAYOUT_AT_MOST.fits(diagram) else "no"
                print(f"{processors:>10} {flows:>6} {view:>9} {len(diagram.nodes):>6} "
                      f"{len(diagram.edges):>6} {len(diagram.clusters):>8} {fits:>4} {took}",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
