"""The two YAML readers: the same data and locations, and located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import ryml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataflow import MapError
from dataflow.reading import Limits, fast, read_yaml, reference
from dataflow.strategies import map_data, to_yaml


def _both(raw: bytes):
    return fast.parse(raw, "f", Limits()), reference.read(raw.decode(), raw, "f", Limits())


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


scalars = st.one_of(
    st.sampled_from(["NO", "on", "0123", "1e3", "~", "null", "", "true", "2024-02-30", "12:30",
                     "-1", "+1", ".5", "a b", "x#y"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc"),
                          blacklist_characters="\x85\u2028\u2029\ufeff"), max_size=8))
styles = st.sampled_from(["plain", "single", "double"])


_INDICATORS = ":#'\"[]{},&*!|>%@`-?"


def _emit(value: str, style: str) -> str:
    if style == "double" or value.strip() != value or any(c in value for c in _INDICATORS):
        return json.dumps(value, ensure_ascii=False)
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    return value or "''"


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(map_data())
def test_readers_agree_on_generated_maps(data):
    raw = (to_yaml(data) + "\n").encode()
    quick, ref = _both(raw)
    assert quick.data == ref.data
    for path in _paths(ref.data):
        assert quick.locate(path) == ref.locate(path), path
        assert quick.locate(path, key=True) == ref.locate(path, key=True), path


@settings(max_examples=150)
@given(st.dictionaries(st.from_regex(r"\A[a-z]{1,6}\Z"), st.tuples(scalars, styles), min_size=1,
                       max_size=6),
       st.booleans())
def test_readers_agree_on_scalar_styles(entries, flow_style):
    if flow_style:
        body = "{" + ", ".join(f"{k}: {_emit(v, s)}" for k, (v, s) in entries.items()) + "}"
        raw = f"top: {body}\n".encode()
    else:
        raw = "".join(f"{k}: {_emit(v, s)}\n" for k, (v, s) in entries.items()).encode()
    quick, ref = _both(raw)
    assert quick.data == ref.data
    for path in _paths(ref.data):
        assert quick.locate(path) == ref.locate(path), path


def test_values_stay_as_written():
    doc = read_yaml(b"a: NO\nb: on\nc: 0123\nd: 1.10\ne: 2024-01-01\nf: ~\ng:\nh: 'null'\n", "f")
    assert doc.data == {"a": "NO", "b": "on", "c": "0123", "d": "1.10", "e": "2024-01-01",
                        "f": None, "g": None, "h": "null"}


@pytest.mark.parametrize(("raw", "where", "words"), [
    (b"a: [1, 2\n", (2, 1), "expected ',' or ']'"),
    (b"a: 1\na: 2\n", (2, 1), "duplicate key 'a' (first at line 1, column 1)"),
    (b"a: !!python/object:os.system x\n", (1, 4), "YAML tag"),
    (b"a: !custom x\n", (1, 4), "YAML tag '!custom' is not allowed"),
    (b"a:\n\tb: 1\n", (2, 1), "tabs"),
    (b"", (1, 1), "the file is empty"),
    (b"a: 1\n---\nb: 2\n", (2, 1), "expected a single document"),
    (b"\xff\xfea\x00", (1, 1), "UTF-16"),
    (b"a: caf\xe9\n", (1, 7), "not valid UTF-8"),
    (b"a: 1\nb: x\x00\n", (2, 5), "NUL"),
    (b"? [a]\n: b\n", (1, 3), "a key must be plain text"),
])
def test_errors_are_located(raw, where, words):
    with pytest.raises(MapError) as caught:
        read_yaml(raw, "f.yaml")
    (error,) = caught.value.errors
    assert (error.line, error.column) == where
    assert words in error.message
    assert error.file == "f.yaml"


def test_byte_order_mark_is_accepted():
    assert read_yaml(b"\xef\xbb\xbfa: x\n", "f").data == {"a": "x"}


def test_aliases_expand_within_limits():
    doc = read_yaml(b"base: &b [x, y]\ncopy: *b\n", "f")
    assert doc.data == {"base": ["x", "y"], "copy": ["x", "y"]}
    bomb = b'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode()
        for i in range(8))
    with pytest.raises(MapError) as caught:
        read_yaml(bomb, "f")
    assert "max_alias_nodes" in caught.value.errors[0].message
    wide = b"a: [" + b", ".join([b"x"] * 2000) + b"]\n"
    with pytest.raises(MapError) as caught:
        read_yaml(wide, "f", Limits(max_nodes=1000))
    assert "max_nodes" in caught.value.errors[0].message


def test_file_size_limit_is_named():
    with pytest.raises(MapError) as caught:
        read_yaml(b"a: " + b"x" * 100 + b"\n", "f", Limits(max_file_bytes=50))
    assert "max_file_bytes" in caught.value.errors[0].message


def test_deep_nesting_is_an_error_not_a_crash():
    raw = b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    with pytest.raises(MapError) as caught:
        read_yaml(raw, "f")
    assert "max_depth" in caught.value.errors[0].message


@pytest.mark.parametrize("levels", [65, 999, 1_001, 5_000])
def test_depth_limit_is_ours_whatever_the_parser_allows(levels):
    # libyaml stops at its own nesting limit (1,000 in recent versions) with its own words;
    # the map's limit must speak first, at the first value past it.
    raw = b"a: " + b"[" * levels + b"]" * levels + b"\n"
    with pytest.raises(MapError) as caught:
        read_yaml(raw, "f")
    error = caught.value.errors[0]
    assert (error.line, error.column) == (1, 4 + 63)
    assert "nested more than 64 levels" in error.message


def test_a_raised_depth_limit_reads_what_libyaml_refuses():
    levels = 1_200
    raw = b"a: " + b"[" * levels + b"x" + b"]" * levels + b"\n"
    data = read_yaml(raw, "f", Limits(max_depth=levels + 2)).data["a"]
    for _ in range(levels):
        (data,) = data
    assert data == "x"


def test_aliases_of_long_text_count_against_the_size_limit():
    # 2,000 repetitions of a 1,000-character value: few values, but 2 MB of text
    raw = ("a: &t " + "x" * 1000 + "\nb: [" + ", ".join(["*t"] * 2000) + "]\n").encode()
    with pytest.raises(MapError) as caught:
        read_yaml(raw, "f", Limits(max_file_bytes=1_000_000))
    error = caught.value.errors[0]
    assert "repeat more text" in error.message
    assert (error.line, error.column) == (1, 4)  # the anchored text that is repeated
    assert read_yaml(raw, "f", Limits(max_file_bytes=3_000_000)).data["b"][0] == "x" * 1000


@pytest.mark.parametrize("text", [
    b"a: {id: shop, name: Gaon Shop # real vendor is ACME\n  , x: 1}\n",  # comment in a flow
    b"a: 1 # note\rsafeguards: [scc]\n",  # a lone CR ends a comment
    b"name: ]\n", b"a: @x\n", b"a: `x`\n", b"a:\tb\n", b"a: x\xc2\x85b\n",
    b"a: [b,\n  c] # open flow\n", b"a: [%x]\n", b"a: {k: :x}\n",
])
def test_the_fast_reader_leaves_what_it_may_misread_to_the_reference(text):
    with pytest.raises(fast.Unsupported):
        fast.read(text, "f", Limits())


def test_the_fast_reader_takes_the_common_map():
    raw = (Path(__file__).parent.parent / "examples" / "korea-marketplace.yaml").read_bytes()
    assert fast.read(raw, "f", Limits()).data["dataflow"] == "1"


@pytest.mark.parametrize(("text", "data"), [
    # a comment inside a multi-line flow mapping is a comment, not part of the name
    (b"a: {id: shop, name: Gaon Shop # real vendor is ACME - do not publish\n  , x: 1}\n",
     {"a": {"id": "shop", "name": "Gaon Shop", "x": "1"}}),
    # '?' followed by text is plain text in a flow collection (PyYAML alone reads a key)
    (b"a: {?x: 1}\n", {"a": {"?x": "1"}}),
    # a '#' inside a comment is part of the comment
    (b"a: x #y# see #123\nb: [c] # d#e\n", {"a": "x", "b": ["c"]}),
])
def test_the_fuzzers_reproducers_read_as_yaml_says(text, data):
    assert read_yaml(text, "f").data == data


@pytest.mark.parametrize(("text", "where", "words"), [
    (b"a: x\x01y\n", (1, 5), "U+0001 is not allowed"),
    (b"a: x\xc2\x85b\n", (1, 5), "NEXT LINE (U+0085)"),
    (b"a: x\xe2\x80\xa9b\n", (1, 5), "PARAGRAPH SEPARATOR"),
    (b"name: ]\n", (1, 7), "invalid YAML"),
    (b"key: &an:chor value\n", (1, 6), "anchor names"),
    (b"a: [b, c]#x\n", (1, 10), "a comment must be separated"),
    (b"a: [-]\n", (1, 5), "quote it"),
    (b"flow: [a,\nb]\n", (2, 1), "indented with spaces"),
])
def test_what_readers_disagree_on_is_refused_where_it_is(text, where, words):
    with pytest.raises(MapError) as caught:
        read_yaml(text, "f")
    error = caught.value.errors[0]
    assert (error.line, error.column) == where
    assert words in error.message


def test_the_reference_reader_refuses_a_question_mark_it_would_misread():
    raw = b"a: [?x]\n"
    with pytest.raises(MapError) as caught:
        reference.read(raw.decode(), raw, "f", Limits())
    assert "quote the text" in caught.value.errors[0].message


@pytest.mark.parametrize(("text", "words"), [
    (b'a: "\\U00110000"\n', "names no Unicode character"),  # PyYAML raised ValueError
    (b'a: "\\UFFFFFFFF"\n', "names no Unicode character"),  # ... and OverflowError
    (b"a: 1\n\xef\xbb\xbfb: 2\n", "byte-order mark (U+FEFF) inside"),
    (b"a: |\r  x\r   ", "carriage return without a line feed"),
    # a lone CR ends a comment in YAML (the fast reader swallowed the next line): refused
    (b"a: 1 # note\rsafeguards: [scc]\n", "carriage return without a line feed"),
    (b"a: {b: [1],\n  c: d # c\n   e}\n", "invalid YAML"),  # a comment, not part of 'd'
    (b"a: x\xc2\x80y\n", "U+0080 is not allowed"),
    (b"a: !!null hello\n", "does not fit what it tags"),
    (b"a: !!str {x: 1}\n", "does not fit what it tags"),
    (b"!!int 1: x\n", "is not allowed"),
    (b'"\\ud800": 1\n', "surrogate pair"),
])
def test_what_a_second_reading_found_is_refused(text, words):
    with pytest.raises(MapError) as caught:
        read_yaml(text, "f")
    assert words in caught.value.errors[0].message


@pytest.mark.parametrize(("text", "data"), [
    (b"a: |\n  x", {"a": "x"}),  # clip chomping at the end of the file without a line break
    (b"a:\n  b: |\n    x", {"a": {"b": "x"}}),
    (b"a: |2-\n    \nb: 1\n", {"a": "  ", "b": "1"}),
    (b"k: " + b"x" * 1100 + b"\n", {"k": "x" * 1100}),
])
def test_what_rapidyaml_reads_differently_goes_to_the_reference(text, data):
    assert read_yaml(text, "f").data == data


def _generated_map(processors: int, flows: int) -> bytes:
    from benchmarks.generate import build_map, render  # the benchmark's maps
    return render(build_map(processors, flows, 3, "generated")).encode()


def test_a_large_file_is_counted_in_pieces_as_parsed_whole():
    raw = _generated_map(600, 6000)
    assert len(raw) > 2 * fast.PIECE_BYTES
    whole = fast.parse(raw, "f", Limits())
    counted = fast.count_values(raw, Limits(), "f")
    assert counted == ryml.parse_in_arena(raw).size() - 1
    assert fast.parse(raw, "f", Limits(), counted).data == whole.data


def test_a_piece_that_ends_a_list_and_starts_a_key_is_counted_in_smaller_pieces():
    # such a piece is no YAML alone; counted as none, it left the parse's estimate short, and
    # rapidyaml doubled its tree for the last few values
    items = fast.PIECE_BYTES // 10
    raw = (b"dataflow: 1\nfirst:\n" + b"".join(b"- id: a%d\n" % i for i in range(items))
           + b"second:\n" + b"".join(b"- id: b%d\n" % i for i in range(items)))
    whole = ryml.parse_in_arena(raw).size() - 1
    assert whole * 0.99 < fast.count_values(raw, Limits(), "f") <= whole


def test_keys_that_are_empty_or_null_go_to_the_reference_reader():
    assert fast.parse(b'"": x\nk: v\n', "f", Limits()).data == {"": "x", "k": "v"}
    for raw in (b": x\nk: v\n", b"? \nk: v\n"):
        with pytest.raises(fast.Unsupported):
            fast.parse(raw, "f", Limits())


@pytest.mark.parametrize("limit", [1_000, 30_000, 60_000])
def test_a_file_over_max_nodes_is_refused_at_the_same_place_counted_or_parsed(limit):
    raw = _generated_map(600, 6000)
    limits = Limits(max_nodes=limit)
    with pytest.raises(MapError) as counted:
        fast.count_values(raw, limits, "f")
    with pytest.raises(MapError) as parsed:
        fast.parse(raw, "f", limits)
    assert counted.value.errors == parsed.value.errors
    assert "max_nodes" in counted.value.errors[0].message


def test_a_line_longer_than_a_piece_is_counted_by_its_separators():
    items = fast.PIECE_BYTES  # three bytes an item: the line is three times as long as a piece
    raw = b"dataflow: 1\nnotes: [" + b"ab," * items + b"[], {k: v}]\nname: x\n"
    whole = ryml.parse_in_arena(raw).size() - 1
    assert fast.count_values(raw, Limits(), "f") == whole
    with pytest.raises(MapError) as caught:
        read_yaml(raw, "f", Limits(max_nodes=1_000))
    error = caught.value.errors[0]
    # `dataflow: 1` and `notes: [` are values 1 and 2, the items 3, 4, ...: item 998 (from 0)
    # is value 1,001, the first past the limit
    assert (error.line, error.column) == (2, len("notes: [") + 3 * 998 + 1)
    quoted = raw.replace(b"ab,", b'"a,b",')
    assert fast.count_values(quoted, Limits(), "f") == whole
    with pytest.raises(MapError) as caught:
        read_yaml(quoted, "f", Limits(max_nodes=1_000))
    assert (caught.value.errors[0].line, caught.value.errors[0].column) == (2, 1)


def test_a_long_plain_line_is_no_list_of_values():
    raw = b"dataflow: 1\nname: " + b"a, " * fast.PIECE_BYTES + b"b\n"
    assert read_yaml(raw, "f", Limits(max_nodes=1_000)).data["name"].startswith("a, a, ")


def test_a_key_longer_than_yaml_allows_is_refused_by_the_reference_reader():
    raw = b"dataflow: 1\n" + b"k" * 1100 + b": x\n"
    with pytest.raises(fast.Unsupported):
        fast.read(raw, "f", Limits())
    with pytest.raises(MapError):
        read_yaml(raw, "f")


def test_the_node_table_layout_holds_for_the_rapidyaml_installed():
    # if a rapidyaml release changes its node layout, the binding is used instead (slower);
    # this says so, so that the table can follow the new layout
    assert fast._layout_holds()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(map_data())
def test_the_node_table_reads_what_the_binding_reads(data):
    raw = to_yaml(data).encode()
    buffer = bytearray(raw)
    tree = ryml.parse_in_place(buffer)
    table = fast._NodeTable(tree, buffer)
    by_table = fast._walk_table(table, tree.root_id(), 64)
    by_binding = fast._walk(tree, tree.root_id(), 64, [10**6])
    assert by_table == by_binding
    binding = fast._Locator(fast._BindingView(tree, buffer), raw)
    read = fast._Locator(fast._TableView(table), raw)
    for path in _paths(by_binding):
        for key in (False, True):
            assert read.locate(path, key) == binding.locate(path, key)


def test_escapes_that_lengthen_text_are_read_whole():
    # \L and \P take 2 bytes and give 3: rapidyaml keeps such text outside the file's buffer
    raw = b'x: "a\\Lb"\ny: "c\\Pd"\nz: plain\n'
    assert read_yaml(raw, "f").data == {"x": "a\u2028b", "y": "c\u2029d", "z": "plain"}
    assert read_yaml(raw, "f").locate(("z",)) == (3, 4)


def test_a_tag_on_the_top_level_mapping_is_refused():
    for raw in (b"!!set\nk: v\n", b"!!omap\nk: v\n", b"&top\nk: v\n"):
        with pytest.raises(fast.Unsupported):
            fast.parse(raw, "f", Limits())


@pytest.mark.parametrize("limit", [699, 700])
def test_both_readers_count_values_alike(limit):
    lines = b"".join(b"k%d: v\n" % i for i in range(700))
    quick = lines
    slow = lines + b"z: [a, # a comment inside a flow: the reference reader reads this\n  b]\n"
    for raw, extra in ((quick, 0), (slow, 3)):  # the slow one has 3 values more
        limits = Limits(max_nodes=limit + extra)
        if limit == 700:
            assert len(read_yaml(raw, "f", limits).data) == 700 + extra // 3
        else:
            with pytest.raises(MapError, match="max_nodes"):
                read_yaml(raw, "f", limits)


def test_counting_in_pieces_never_refuses_what_is_within_the_limit():
    block = b"a: x\nnotes: |\n" + b"  - item\n" * 60_000 + b"b: y\n"
    assert read_yaml(block, "f", Limits(max_nodes=10)).data["b"] == "y"
    comment = b"a: [x, y]  # " + b", " * 200_000 + b"\n"
    assert read_yaml(comment, "f", Limits(max_nodes=10)).data == {"a": ["x", "y"]}
    empties = b"a: [" + b"[ ], " * 100_000 + b"[ ]]\n"
    assert len(read_yaml(empties, "f", Limits(max_nodes=100_002)).data["a"]) == 100_001


def _comment_in_open_flow(raw: bytes) -> bool:
    """The rule for comments, line by line as it is written in _needs_reference's docstring."""
    open_plain = open_unquoted = 0
    for line in raw.split(b"\n"):
        hash_at = line.find(b"#")
        if hash_at > 0 and line[:hash_at].strip() and (
                open_plain > 0 or open_unquoted > 0 or any(c in line for c in b"[]{}")):
            return True
        open_plain += fast._balance(line)
        open_unquoted += fast._balance(fast._QUOTED.sub(b"", line))
    return False


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "#", "[", "]", "{", "}", '"', "'", "\\", "\n", ": "]),
                max_size=40))
def test_comments_are_found_in_open_flow_collections_as_line_by_line(parts):
    raw = ("".join(parts) + "\n").encode()
    if fast._needs_reference(raw.replace(b"#", b"")):
        return  # refused for another reason: the comment rule is not reached
    assert fast._needs_reference(raw) == _comment_in_open_flow(raw)


@settings(max_examples=200)
@given(st.text(alphabet="ab\n가\t", max_size=300), st.lists(st.integers(-3, 310), max_size=30),
       st.sampled_from([1, 2, 7, 1024]))
def test_a_byte_offset_gives_the_line_and_column_an_editor_shows(text, offsets, block):
    """Lines counted at newlines, columns in characters, from 1; the first places are
    counted, later ones found through the index of blocks, with the same answers."""
    from dataflow.reading.document import LineIndex

    raw = text.encode("utf-8")
    index = LineIndex(raw)
    index.BLOCK = block
    for offset in offsets:
        at = min(max(offset, 0), len(raw))
        before = raw[:at]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        assert index.from_byte(offset) == (line, column), (offset, block)
