"""Reading YAML text into plain data that keeps the line and column of every value.

A map is read into a :class:`Document`: nested ``dict``, ``list``, ``str`` and ``None``
(every scalar stays the text the user wrote; the model decides what it means, so YAML 1.1
implicit typing never turns ``NO`` into ``False`` or ``0123`` into ``83``), with
:meth:`Document.locate` finding where any value or key is written.

Two readers produce the same documents (a property test holds them to it):

- :mod:`.fast`, built on rapidyaml, reads the common case (one document, a mapping at the
  top, no anchors, aliases, tags or duplicate keys) several times faster than PyYAML's C
  loader merely parses it, and finds locations only when asked;
- :mod:`.reference`, built on PyYAML's composer, reads everything else and words the
  errors (syntax, tags, duplicate keys, aliases), with their line and column.
"""

from __future__ import annotations

from .document import Document, Limits, LineIndex, Path
from .read import read_yaml

__all__ = ["Document", "Limits", "LineIndex", "Path", "read_yaml"]
