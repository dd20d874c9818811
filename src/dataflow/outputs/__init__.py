"""Output formats, one module each, all reading the same :class:`~dataflow.Report`.

:func:`write` puts any output in place whole or not at all.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator

from ..formats import Choice, registry
from ..progress import Stage, stage, watched
from . import github, json, junit, sarif, text

#: ``check --format``: each renders a checked :class:`~dataflow.Report`, whole (``make``) or
#: a finding at a time (``stream``), given ``fail_on`` (which JUnit's outcomes follow).
CHECK_FORMATS = registry(
    Choice("text", "one line per finding, then a summary", text.render, stream=text.stream),
    Choice("json", "the report as one JSON object", json.render, stream=json.stream),
    Choice("sarif", "SARIF 2.1.0 for code-scanning tools", sarif.render, stream=sarif.stream),
    Choice("junit", "JUnit XML for CI test reports: a test case per finding",
           junit.render, stream=junit.stream),
    Choice("github", "GitHub Actions annotations", github.render, stream=github.stream),
)


class OutputError(Exception):
    """An output could not be written; the message says why and what to do."""


def write(data: str | bytes | Iterable[str], path: str, inputs: Iterable[str] = ()) -> None:
    """Write ``data`` (text, bytes, or text in pieces) to ``path`` through a temporary file
    and a rename.

    Refuses to write over one of ``inputs`` (the map files read).
    """
    target = os.path.realpath(path)
    if any(os.path.exists(i) and os.path.realpath(i) == target for i in inputs):
        raise OutputError(f"{path}: refusing to write over an input file; choose another -o")
    if os.path.isdir(target):
        raise OutputError(f"{path}: is a folder; give a file name with -o")
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"{path}: the folder {os.path.dirname(path)} does not exist")
    # text in pieces is encoded by str.encode itself, in C: a generator would resume a Python
    # frame for each of a large report's hundreds of thousands of pieces
    pieces: Iterable[bytes] = ([data.encode("utf-8")] if isinstance(data, str) else
                               [data] if isinstance(data, bytes) else map(str.encode, data))
    try:
        with stage(f"Writing {path}") as writing:
            _replace(_counted(pieces, writing) if watched(writing) else pieces, path, target,
                     folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the file: {exc.strerror or exc}") from None


def _counted(pieces: Iterable[bytes], writing: Stage) -> Iterator[bytes]:
    for piece in pieces:
        yield piece
        writing.advance()


#: Bytes written at a time: a large report is hundreds of megabytes.
_CHUNK = 1 << 20


def _replace(pieces: Iterable[bytes], path: str, target: str, folder: str) -> None:
    if path == os.devnull or any(os.path.exists(p) and not os.path.isfile(p)
                                 for p in (path, target)):
        # a device or pipe (/dev/stdout): nothing to replace; written a megabyte at a time, as
        # the temporary file is, not in the 8 KiB writes of a default buffer
        with open(path, "wb", buffering=_CHUNK) as stream:
            stream.writelines(pieces)
        return
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".dataflow-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb", buffering=_CHUNK) as stream:
            stream.writelines(pieces)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
