"""The catalogue of bad input: every kind, the file that shows it, and the error it gets.

``python -m tests.catalogue docs`` writes docs/bad-input.md from this table; a test runs
every case through the command line and checks the page is current.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

OK_MAP = b"dataflow: 1\nprocessors: [{id: a, locations: [KR]}]\n"


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, bytes | Callable[[], bytes]]  # a callable makes a large file when needed
    where: tuple[str, int, int]  # file, line, column of the first error
    says: str  # words the first error contains
    paths: tuple[str, ...] = ("map.yaml",)
    links: dict[str, str] = field(default_factory=dict)  # link name -> target


def _bomb(levels: int = 9) -> bytes:
    lines = [b'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]".encode())
    return b"dataflow: 1\n" + b"\n".join(lines) + b"\n"


def _many_unknown() -> bytes:
    """20,000 categories and 1,000 references to categories that do not exist."""
    lines = [b"dataflow: 1", b"home: KR", b"categories:"]
    lines += [b"  - {id: category%05d}" % i for i in range(20_000)]
    lines.append(b"processors:")
    lines.append(b"  - {id: a, locations: [KR], collects: [{categories: ["
                 + b", ".join(b"missing%04d" % i for i in range(1_000)) + b"]}]}")
    return b"\n".join(lines) + b"\n"


def _long_cycle() -> bytes:
    """3,000 categories, each the parent of the next, and the last the parent of the first."""
    lines = [b"dataflow: 1", b"categories:", b"  - {id: c0, parent: c2999}"]
    lines += [b"  - {id: c%d, parent: c%d}" % (i, i - 1) for i in range(1, 3_000)]
    return b"\n".join(lines) + b"\n" + OK_MAP[12:]


CASES = [
    Case("not UTF-8", {"map.yaml": b"dataflow: 1\nname: Caf\xe9\n"}, ("map.yaml", 2, 10),
         "not valid UTF-8"),
    Case("UTF-16 byte-order mark", {"map.yaml": "dataflow: 1\n".encode("utf-16")},
         ("map.yaml", 1, 1), "encoded in UTF-16"),
    Case("empty file", {"map.yaml": b""}, ("map.yaml", 1, 1), "the file is empty"),
    Case("top level is a list", {"map.yaml": b"- dataflow: 1\n"}, ("map.yaml", 1, 3),
         "top level of a map must be a mapping"),
    Case("top level is text", {"map.yaml": b"just words\n"}, ("map.yaml", 1, 1),
         "top level of a map must be a mapping"),
    Case("tab indentation", {"map.yaml": b"dataflow: 1\nprocessors:\n\t- id: a\n"},
         ("map.yaml", 3, 1), "tabs for indentation"),
    Case("unclosed bracket", {"map.yaml": b"dataflow: 1\nprocessors: [{id: a, locations: [KR]}\n"},
         ("map.yaml", 3, 1), "expected ',' or ']'"),
    Case("duplicate key", {"map.yaml": b"dataflow: 1\nname: A\nname: B\n" + OK_MAP[12:]},
         ("map.yaml", 3, 1), "duplicate key 'name'"),
    Case("unknown key", {"map.yaml": OK_MAP.replace(b"locations", b"location")},
         ("map.yaml", 2, 22), "did you mean 'locations'?"),
    Case("wrong type", {"map.yaml": OK_MAP.replace(b"[KR]", b"KR")}, ("map.yaml", 2, 33),
         "must be a list"),
    Case("dangling reference", {"map.yaml": OK_MAP + b"flows: [{from: a, to: b, categories: [c]}]\n"},
         ("map.yaml", 3, 23), "unknown processor 'b'"),
    Case("duplicate ID across included files",
         {"map.yaml": b"dataflow: 1\ninclude: [more.yaml]\nprocessors: [{id: a, locations: [KR]}]\n",
          "more.yaml": OK_MAP}, ("more.yaml", 2, 19), "duplicate processor ID 'a'"),
    Case("include cycle", {"map.yaml": b"dataflow: 1\ninclude: [b.yaml]\n" + OK_MAP[12:],
                           "b.yaml": b"dataflow: 1\ninclude: [map.yaml]\n"},
         ("b.yaml", 2, 11), "include cycle"),
    Case("include leaving the map's folder",
         {"map/map.yaml": b"dataflow: 1\ninclude: [../x.yaml]\n" + OK_MAP[12:], "x.yaml": OK_MAP},
         ("map/map.yaml", 2, 11), "leads outside the map's folder", paths=("map/map.yaml",)),
    Case("missing file", {}, ("nope.yaml", 1, 1), "no such file or folder", paths=("nope.yaml",)),
    Case("include of a missing file",
         {"map.yaml": b"dataflow: 1\ninclude: [gone.yaml]\n" + OK_MAP[12:]},
         ("map.yaml", 2, 11), "matches no file"),
    Case("link out of the map's folder", {"map/a.yaml": OK_MAP, "x.yaml": OK_MAP},
         ("map/b.yaml", 1, 1), "outside the map's folder", paths=("map",),
         links={"map/b.yaml": "x.yaml"}),
    Case("very deep nesting", {"map.yaml": b"dataflow: 1\nname: " + b"[" * 3000 + b"]" * 3000 + b"\n"},
         ("map.yaml", 2, 70), "nested more than 64 levels"),
    Case("alias expansion bomb", {"map.yaml": _bomb()}, ("map.yaml", 2, 45), "max_alias_nodes"),
    Case("python object tag", {"map.yaml": b"dataflow: 1\nname: !!python/object/apply:os.system [ls]\n"},
         ("map.yaml", 2, 7), "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    Case("binary tag", {"map.yaml": b"dataflow: 1\nname: !!binary aGk=\n"}, ("map.yaml", 2, 7),
         "YAML tag 'tag:yaml.org,2002:binary' is not allowed"),
    Case("set tag", {"map.yaml": b"dataflow: 1\nname: !!set {a, b}\n"}, ("map.yaml", 2, 7),
         "tag:yaml.org,2002:set"),
    Case("local tag", {"map.yaml": b"dataflow: 1\nname: !secret x\n"}, ("map.yaml", 2, 7),
         "YAML tag '!secret' is not allowed"),
    Case("verbatim tag", {"map.yaml": b"dataflow: 1\nname: !<tag:example.com:x> y\n"},
         ("map.yaml", 2, 7), "YAML tag 'tag:example.com:x' is not allowed"),
    Case("boolean that YAML 1.1 would guess", {"map.yaml": b"dataflow: 1\ncategories: [{id: c, sensitive: yes}]\n" + OK_MAP[12:]},
         ("map.yaml", 2, 33), "'yes' is not true or false"),
    Case("number with a leading zero", {"map.yaml": b"dataflow: 1\ncategories: [{id: c}]\n" + OK_MAP[12:] + b"flows: [{from: a, to: a, categories: [c], volume: 0123}]\n"},
         ("map.yaml", 4, 51), "'0123' is not a whole number"),
    Case("impossible date", {"map.yaml": b"dataflow: 1\nas_of: 2026-02-30\n" + OK_MAP[12:]},
         ("map.yaml", 2, 8), "'2026-02-30' is not a real date"),
    Case("several documents", {"map.yaml": OK_MAP + b"---\n" + OK_MAP}, ("map.yaml", 3, 1),
         "expected a single document"),
    Case("file too large", {"map.yaml": lambda: OK_MAP + b"# " + b"x" * (65 * 1024 * 1024)},
         ("map.yaml", 1, 1), "max_file_bytes"),
    Case("aliases repeating long text",
         {"map.yaml": b"dataflow: 1\nname: &t " + b"x" * 100_000 + b"\nnotes: ["
          + b", ".join([b"*t"] * 700) + b"]\n"}, ("map.yaml", 2, 7), "repeat more text"),
    Case("comment glued to a flow collection", {"map.yaml": OK_MAP[:-1] + b"#note\n"},
         ("map.yaml", 2, 39), "a comment must be separated"),
    Case("flow collection continued without indentation",
         {"map.yaml": b"dataflow: 1\nprocessors: [{id: a,\nlocations: [KR]}]\n"},
         ("map.yaml", 3, 1), "indented with spaces"),
    Case("anchor name with a colon", {"map.yaml": b"dataflow: 1\nname: &an:chor x\n"},
         ("map.yaml", 2, 7), "anchor names"),
    Case("NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR",
         {"map.yaml": "dataflow: 1\nname: a\u2028b\n".encode()}, ("map.yaml", 2, 8),
         "LINE SEPARATOR (U+2028)"),
    Case("control character", {"map.yaml": b"dataflow: 1\nname: a\x1bb\n"}, ("map.yaml", 2, 8),
         "U+001B is not allowed"),
    Case("UTF-16 map in a folder", {"maps/a.yaml": OK_MAP,
                                    "maps/b.yaml": "dataflow: 1\n".encode("utf-16")},
         ("maps/b.yaml", 1, 1), "encoded in UTF-16", paths=("maps",)),
    Case("not a regular file", {}, ("/dev/zero", 1, 1), "not a regular file",
         paths=("/dev/zero",)),
    Case("1,000 misspelled IDs among 20,000", {"map.yaml": _many_unknown},
         ("map.yaml", 20005, 55), "unknown category 'missing0000'"),
    Case("a parent cycle of 3,000 categories", {"map.yaml": _long_cycle},
         ("map.yaml", 3, 22), "(3,000 categories)"),
    Case("16 million short values in 64 MB",
         {"map.yaml": lambda: b"dataflow: 1\nflows:\n" + b"- a\n" * 16_000_000},
         ("map.yaml", 5_000_001, 3), "more than 5,000,000 values (limit max_nodes"),
    Case("30 million values on one line",
         {"map.yaml": lambda: b"dataflow: 1\nflows: [" + b"a," * 30_000_000 + b"a]\n"},
         ("map.yaml", 2, 10_000_005), "more than 5,000,000 values (limit max_nodes"),
]


def page() -> str:
    """docs/bad-input.md."""
    lines = ["<!-- Generated by `python -m tests.catalogue docs` from the test catalogue: "
             "do not edit. -->", "", "# Bad input and what dataflow says", "",
             "Every kind of malformed or hostile map the tests feed to `dataflow check`. Each "
             "exits with code 2 and prints `FILE:LINE:COLUMN: error: MESSAGE` for every problem "
             "found, never a traceback. The limits are in `dataflow.Limits` (`max_file_bytes`, "
             "default 64 MiB; `max_depth`, default 64; `max_nodes`, default 5,000,000 values; "
             "`max_alias_nodes`, default 100,000 values produced by aliases), set on the "
             "command line with the environment variables `DATAFLOW_MAX_FILE_BYTES`, "
             "`DATAFLOW_MAX_DEPTH`, `DATAFLOW_MAX_NODES` and `DATAFLOW_MAX_ALIAS_NODES`, and "
             "named in the errors that hit them. Each case fails in well under 2 seconds "
             "(`python benchmarks/hostile.py` measures it).", "",
             "| input | first error (file:line:column) | the message says |", "|---|---|---|"]
    for case in CASES:
        where = "{}:{}:{}".format(*case.where)
        says = case.says.replace("|", "\\|")
        lines.append(f"| {case.name} | `{where}` | {says} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    Path(sys.argv[1] if len(sys.argv) > 1 else "docs", "bad-input.md").write_text(
        page(), encoding="utf-8")
