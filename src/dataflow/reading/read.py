"""Choosing the reader: the fast one when it can, the reference one for everything else."""

from __future__ import annotations

import re

from ..errors import MapError, Problem
from . import fast
from .document import Document, Limits, LineIndex

_FOREIGN_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
#: Every byte but those that start what is refused here (CR, NUL, and the first bytes of a
#: byte-order mark and of NEL, LS and PS): deleting them leaves nothing in a common file.
_NOT_RARE = bytes(b for b in range(256) if b not in b"\r\x00\xc2\xe2\xef")
#: Text YAML allows but readers and editors disagree on, or that no reader can hold: refused
#: where it is, so that a map means one thing everywhere.
_REFUSED = (
    (b"\r", re.compile("\r(?!\n)"), "a carriage return without a line feed (old Mac line "
     "ends) ends a line in YAML, but tools disagree on it: save the file with LF or CRLF line "
     "ends"),
    (b"\xef\xbb\xbf", re.compile("\ufeff"), "a byte-order mark (U+FEFF) inside the file is not "
     "allowed in YAML text: remove it (it may come from pasting or joining files)"),
)


def size_problem(size: int, file: str, limits: Limits) -> Problem:
    """The error for a file over ``limits.max_file_bytes``."""
    return Problem(file, 1, 1, (
        f"the file is {size:,} bytes, over the limit of {limits.max_file_bytes:,} "
        "(max_file_bytes, raised with DATAFLOW_MAX_FILE_BYTES); split the map into "
        "several files with `include`, or raise the limit"))


def read_yaml(raw: bytes, file: str, limits: Limits | None = None) -> Document:
    """Read one YAML file's bytes into a :class:`Document`, or raise :class:`MapError`."""
    limits = limits or Limits()
    if len(raw) > limits.max_file_bytes:
        raise MapError([size_problem(len(raw), file, limits)])
    for bom, name in _FOREIGN_BOMS.items():
        if raw.startswith(bom):
            raise MapError([Problem(file, 1, 1,
                                    f"the file is encoded in {name}; save it as UTF-8")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # the UTF-8 byte-order mark says only "this is UTF-8"
    # ASCII is UTF-8: most maps are, and decoding them only to see that they decode makes a
    # copy of the whole file (a tenth of a second and 74 MB at 500,000 flows)
    text = None
    if not raw.isascii():
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, column = LineIndex(raw).from_byte(exc.start)
            raise MapError([Problem(file, line, column, (
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as "
                "UTF-8"))]) from None
    # what is refused below starts with one of a few bytes: one pass says whether any is there
    if raw.translate(None, _NOT_RARE):
        text = raw.decode("utf-8") if text is None else text
        for marker, pattern, problem in _REFUSED:  # a byte search first: fast on large files
            found = marker in raw and pattern.search(text)
            if found:
                line, column = LineIndex(raw).from_char(found.start(), text)
                raise MapError([Problem(file, line, column, problem)])
        odd = any(b in raw for b in (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")) and \
            _ODD_BREAKS.search(text)
        if odd:
            line, column = LineIndex(raw).from_char(odd.start(), text)
            name = {"\x85": "NEXT LINE (U+0085)", "\u2028": "LINE SEPARATOR (U+2028)",
                    "\u2029": "PARAGRAPH SEPARATOR (U+2029)"}[odd.group()]
            raise MapError([Problem(file, line, column, (
                f"the file contains a {name}, a line break in YAML 1.1 but not in YAML 1.2, so "
                "readers disagree on it: replace it with an ordinary line break, or remove it"))])
        if b"\x00" in raw:
            line, column = LineIndex(raw).from_byte(raw.index(b"\x00"))
            raise MapError([Problem(file, line, column,
                                    "the file contains a NUL character; is it a binary file?")])
    del text  # decoded again if the reference reader needs it: a large file is not held twice
    # a large file is counted in pieces first, so that millions of values are refused before
    # either reader holds them
    values = fast.count_values(raw, limits, file) if len(raw) > fast.PIECE_BYTES else 0
    try:
        return fast.read(raw, file, limits, values)
    except fast.Unsupported:
        from . import reference  # PyYAML, imported only for what the fast reader declines

        return reference.read(raw.decode("utf-8"), raw, file, limits)
