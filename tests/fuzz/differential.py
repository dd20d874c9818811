"""Differential fuzzing of the two YAML readers: they must never read a text differently.

The fast reader (rapidyaml) reads what it is trusted with, the reference reader (PyYAML with
the checks of ``dataflow.reading.guard``) reads everything else. On generated snippets that
mix the constructs where YAML readers are known to differ (comments inside flow collections,
every YAML line break, control characters, tabs, anchors with colons, quoted scalars with
escapes, reserved indicators, keys about as long as YAML allows), a disagreement is:

- rapidyaml reads the text differently from the reference reader (other data, or data
  where the reference refuses), and the fast reader does not decline it.

The fast reader declining a text is no disagreement: the reference reader takes it.

    python -m tests.fuzz.differential --examples 100000        # a long run, exit 1 on any
    pytest tests/test_fuzz_differential.py                      # a short run in the suite
"""

from __future__ import annotations

import argparse
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataflow import MapError
from dataflow.reading import Limits, fast, reference

BREAKS = ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"]
WORDS = ["a", "b c", "Gaon Shop", "KR", "2026-06-30", "0123", "x y z", "it's", "a: b", "x#y", "x #y", "@x", "`x`", "-", "?x", ":x", "a:b", "1", "NO", "~", "",
         "]", "}", ",", "é", "한국", "\t", "a\tb", "\x01", "\x7f", "*a", "&a", "!x", "%x"]
ESCAPES = ["\\n", "\\t", "\\x41", "\\u00e9", '\\"', "\\\\", "\\U0001F600", "\\0", "\\e"]


@st.composite
def scalars(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(WORDS))
    style = draw(st.sampled_from(["plain", "single", "double", "double-escaped"]))
    if style == "single":
        return "'" + word.replace("'", "''") + "'"
    if style == "double":
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "double-escaped":
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + draw(
            st.sampled_from(ESCAPES)) + '"'
    return word


@st.composite
def comments(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["", " # note", "# glued", " #", "  # a: [b]"]))


@st.composite
def flows(draw: st.DrawFn, brk: str) -> str:
    items = draw(st.lists(scalars(), min_size=0, max_size=3))
    mapping = draw(st.booleans())
    parts = []
    for index, item in enumerate(items):
        text = f"k{index}: {item}" if mapping else item
        if draw(st.booleans()):  # continue on the next line, maybe with a comment
            text += draw(comments()) + brk + draw(st.sampled_from(["", " ", "  ", "\t"]))
        parts.append(text)
    body = ", ".join(parts)
    return ("{" + body + "}") if mapping else ("[" + body + "]")


@st.composite
def snippets(draw: st.DrawFn) -> bytes:
    brk = draw(st.sampled_from(["\n", "\n", "\n", *BREAKS]))  # mostly the usual line break
    lines = []
    for index in range(draw(st.integers(1, 5))):
        # keys around YAML's limit of 1,024 characters for an implicit key
        key = draw(st.sampled_from([f"key{index}", f"key{index}", "k" * 1000, "k" * 1001,
                                    "k" * 1023, "k" * 1025, '"' + "q" * 1000 + '"']))
        anchor = draw(st.sampled_from(["", "&a ", "&an:chor ", f"&x{index} "]))
        value = draw(st.one_of(scalars(), flows(brk)))
        lines.append(f"{key}: {anchor}{value}{draw(comments())}")
    return (brk.join(lines) + brk).encode("utf-8", "surrogatepass")


#: Snippets both readers read alike, and those rapidyaml reads differently that the fast
#: reader's check sends to the reference reader (as it must).
COUNTS = {"agreed": 0, "caught": 0}


def disagreement(raw: bytes) -> str | None:
    """Why the readers disagree on ``raw``, or None when they do not.

    rapidyaml's own reading (``fast.parse``) is compared with the reference reader's; where
    they differ, the fast reader must decline the text (``fast.read``), so that the reference
    reader alone reads it.
    """
    try:
        quick = fast.parse(raw, "f", Limits())
    except (fast.Unsupported, MapError):
        return None  # rapidyaml refuses or declines: the reference reader decides alone
    try:
        slow = reference.read(raw.decode("utf-8"), raw, "f", Limits())
    except MapError as exc:
        differs = f"rapidyaml reads what the reference refuses: {exc.errors[0]}"
    else:
        differs = None if quick.data == slow.data else (
            f"different data: rapidyaml {quick.data!r}, reference {slow.data!r}")
    if differs is None:
        COUNTS["agreed"] += 1
        return None
    try:
        fast.read(raw, "f", Limits())
    except fast.Unsupported:
        COUNTS["caught"] += 1
        return None
    return differs


def run(examples: int, seed: int | None = None) -> list[tuple[bytes, str]]:
    """Generate ``examples`` snippets and return every disagreement found."""
    found: list[tuple[bytes, str]] = []

    @settings(max_examples=examples, database=None, deadline=None, derandomize=seed is None,
              suppress_health_check=list(HealthCheck))
    @given(snippets())
    def probe(raw: bytes) -> None:
        why = disagreement(raw)
        if why is not None:
            found.append((raw, why))

    if seed is not None:
        from hypothesis import seed as fix_seed

        probe = fix_seed(seed)(probe)
    probe()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    found = run(args.examples, args.seed)
    for raw, why in found[:20]:
        print(f"{raw!r}\n    {why}")
    print(f"{args.examples} snippets: {COUNTS['agreed']} read alike, {COUNTS['caught']} read "
          f"differently by rapidyaml and sent to the reference reader, {len(found)} "
          "disagreement(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
