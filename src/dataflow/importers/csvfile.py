"""Reading a CSV file as spreadsheets save it, keeping the line and column of every cell.

Encodings: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"), UTF-16 with a
byte-order mark (Excel's "Unicode text"), and CP949 / EUC-KR (Excel's "CSV" on Korean
Windows) when the bytes are not UTF-8 and read as Korean text; anything else is an error
that says to save the file as UTF-8. The delimiter is a comma, a tab or a semicolon, whichever
splits the first line most. Quoted cells may hold delimiters, quotes (doubled) and line breaks.
"""

from __future__ import annotations

import re

from ..errors import MapError, Problem
from ..reading import LineIndex
from ..records import record

__all__ = ["Cell", "Table", "read_csv", "split_cell"]


@record(frozen=True, slots=True)
class Cell:
    """One cell: its text and where it starts (line and column count from 1)."""

    text: str
    line: int
    column: int


@record(frozen=True)
class Table:
    """The rows of a CSV file (empty rows left out) and how the file was read."""

    file: str
    rows: list[list[Cell]]
    encoding: str


#: What Korean text read as CP949 may hold besides ASCII: Hangul, and the punctuation, symbols
#: and Hanja of Korean documents. Bytes of another encoding read as CP949 fall outside it.
_KOREAN = re.compile(r"[\uac00-\ud7a3\u3131-\u318e\u00b7\u2010-\u2027\u2030-\u205e"
                     r"\u2190-\u21ff\u2460-\u24ff\u25a0-\u25ff\u2600-\u26ff\u3000-\u303f"
                     r"\u3200-\u32ff\u4e00-\u9fff\uff01-\uff5e]")
_DELIMITERS = (",", "\t", ";")
_BREAK = re.compile(r"\r\n?|\n")
_TEXT_ONLY = "save it from the spreadsheet as \"CSV UTF-8\" (File > Save As)"


def _decode(raw: bytes, file: str) -> tuple[str, str]:
    """The file's text and the name of its encoding, or a located :class:`MapError`."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise MapError([Problem(file, 1, 1, f"the file is encoded in UTF-32; {_TEXT_ONLY}")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise MapError([Problem(file, 1, 1, (
                f"the file starts as UTF-16 but is not (byte {exc.start}); {_TEXT_ONLY}"))]
            ) from None
    if b"\x00" in raw:
        line, column = LineIndex(raw).from_byte(raw.index(b"\x00"))
        raise MapError([Problem(file, line, column, (
            f"the file contains a NUL byte: is it a spreadsheet (.xlsx) or another binary "
            f"file? {_TEXT_ONLY[0].upper()}{_TEXT_ONLY[1:]}"))])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, encoding = raw[3:], "UTF-8 with a byte-order mark"
    else:
        encoding = "UTF-8"
    try:
        return raw.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        failure = exc.start
    try:
        korean = raw.decode("cp949")
    except UnicodeDecodeError:
        korean = None
    if korean is not None and all(_KOREAN.match(c) for c in korean if ord(c) > 0x7f):
        return korean, "CP949 (Korean Windows)"
    line, column = LineIndex(raw).from_byte(failure)
    raise MapError([Problem(file, line, column, (
        f"the file is not UTF-8 (byte 0x{raw[failure]:02x}), nor Korean text in CP949 / "
        f"EUC-KR; {_TEXT_ONLY}"))])


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties: the earlier, the comma first
    return best if counts[best] else ","


def _parse(text: str, file: str, delimiter: str) -> list[list[Cell]]:
    """The rows of ``text``; each cell knows where it starts."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    index, line, line_start, size = 0, 1, 0, len(text)
    # matched at a position, never on a copy of the rest of the text (a copy a cell made a
    # large table take minutes)
    unquoted = re.compile(rf'[^{re.escape(delimiter)}\r\n]*')
    while True:
        start_index, start_line, start_column = index, line, index - line_start + 1
        if index < size and text[index] == '"':  # a quoted cell, to its closing quote
            pieces, index = [], index + 1
            while True:
                end = text.find('"', index)
                if end == -1:
                    raise MapError([Problem(file, start_line, start_column, (
                        "this quoted cell has no closing quote (\"): close it, or double the "
                        "quotes inside it (\"\")"))])
                pieces.append(text[index:end])
                if text.startswith('""', end):
                    pieces.append('"')
                    index = end + 2
                    continue
                index = end + 1
                break
            value = "".join(pieces)
            for found in _BREAK.finditer(text, start_index, index):
                line, line_start = line + 1, found.end()
            rest = unquoted.match(text, index).group()  # type: ignore[union-attr]
            value += rest  # text after the closing quote, as spreadsheets keep it
            index += len(rest)
        else:
            value = unquoted.match(text, index).group()  # type: ignore[union-attr]
            index += len(value)
        row.append(Cell(value.replace("\r\n", "\n").replace("\r", "\n"), start_line,
                        start_column))
        if index < size and text[index] == delimiter:
            index += 1
            continue
        if any(cell.text.strip() for cell in row):
            rows.append(row)
        row = []
        if index >= size:
            return rows
        index += 2 if text.startswith("\r\n", index) else 1
        line, line_start = line + 1, index


def read_csv(raw: bytes, file: str) -> Table:
    """The rows of a CSV file's bytes, or a :class:`MapError` that says how to fix the file."""
    text, encoding = _decode(raw, file)
    return Table(file, _parse(text, file, _delimiter(text)), encoding)


def split_cell(text: str, separators: re.Pattern[str]) -> list[str]:
    """The parts of a cell's text split at ``separators`` outside parentheses, stripped, the
    empty ones left out: "연락처(휴대전화번호, 이메일), 주소" is two parts."""
    pieces, start, depth, index = [], 0, 0, 0
    while index < len(text):
        separator = separators.match(text, index) if depth == 0 else None
        if separator and separator.group():
            pieces.append(text[start:index])
            start = index = separator.end()
            continue
        if text[index] in "([（":
            depth += 1
        elif text[index] in ")]）" and depth:
            depth -= 1
        index += 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]
