"""Map IDs made from names people wrote: valid, unique, and traceable to what they came from.

An ID matches ``[A-Za-z0-9][A-Za-z0-9._:-]*`` (docs/importing.md). A name that already is one
is kept as written; any other is rewritten (Korean is romanised, other letters are dropped), and
:class:`IdMaker` says what each rewritten ID came from, so that a comment can say it too.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import ID_PATTERN

__all__ = ["IdMaker", "romanise", "slug"]

_VALID = re.compile(ID_PATTERN)

# Revised Romanisation of Korean, letter by letter (without the sound changes between
# syllables): enough to make a readable ID of a Korean name.
_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
             "k", "t", "p", "h")
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
           "wo", "we", "wi", "yu", "eu", "ui", "i")
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
           "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")
_FIRST_SYLLABLE, _LAST_SYLLABLE = 0xAC00, 0xD7A3

#: Words of company names that say what kind of company it is, not which: left out of IDs.
_LEGAL_FORMS = frozenset({
    "co", "ltd", "inc", "llc", "llp", "plc", "pte", "pty", "corp", "corporation", "company",
    "limited", "gmbh", "ag", "sa", "sas", "srl", "bv", "nv", "kk", "jusikhoesa",
    "yuhanhoesa"})
_KOREAN_LEGAL_FORMS = re.compile(r"\(주\)|㈜|주식회사|유한회사|\(유\)")


def romanise(text: str) -> str:
    """``text`` with every Hangul syllable written in Latin letters (가온 -> gaon)."""
    out = []
    for char in text:
        code = ord(char)
        if _FIRST_SYLLABLE <= code <= _LAST_SYLLABLE:
            index = code - _FIRST_SYLLABLE
            out.append(_INITIALS[index // 588] + _VOWELS[index % 588 // 28] + _FINALS[index % 28])
        else:
            out.append(char)
    return "".join(out)


def slug(name: str, *, drop_legal_forms: bool = False) -> str:
    """A lower-case ID made of the words of ``name`` joined by ``-``; ``""`` if none is left.

    Korean is romanised; letters of other scripts are dropped. With ``drop_legal_forms``,
    words like "Co., Ltd." and "주식회사" are left out (unless nothing else is left).
    """
    text = unicodedata.normalize("NFKC", name)
    if drop_legal_forms:
        text = _KOREAN_LEGAL_FORMS.sub(" ", text)
    text = romanise(text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[A-Za-z0-9]+", text.lower())
    if drop_legal_forms:
        kept = [w for w in words if w not in _LEGAL_FORMS]
        words = kept or words
    return "-".join(words)


class IdMaker:
    """Unique IDs of one kind (processors, flows, categories...) made from names.

    ``make(name)`` keeps a valid name as written, rewrites any other, and adds ``-2``,
    ``-3``... to an ID already given to another name. ``origin(id)`` says what a rewritten
    ID came from, for a comment beside it.
    """

    def __init__(self, fallback: str, *, reserved: tuple[str, ...] = ()) -> None:
        self._fallback = fallback
        self._given: dict[str, str] = {}  # name -> ID
        self._taken: set[str] = set(reserved)
        self._origins: dict[str, str] = {}

    def make(self, name: str, *, keep_valid: bool = True, drop_legal_forms: bool = False) -> str:
        """The ID of ``name`` (the same name always gets the same ID).

        With ``keep_valid``, a name that is a valid ID is its own ID (a key from another
        tool); else the ID is the name's :func:`slug` (a name people read).
        """
        if name in self._given:
            return self._given[name]
        if keep_valid:  # a key: kept as far as it is valid ("_internal.score" -> "internal.score")
            base = re.sub(r"[^A-Za-z0-9._:-]+", "-", name).lstrip("._:-")
        else:
            base = slug(name, drop_legal_forms=drop_legal_forms)
        base = base or f"{self._fallback}-{len(self._given) + 1}"
        found, number = base, 2
        while found in self._taken:
            found, number = f"{base}-{number}", number + 1
        if found != name:
            self._origins[found] = name
        self._given[name] = found
        self._taken.add(found)
        return found

    def another(self, name: str) -> str:
        """A new ID for ``name`` each time it is asked (one per row of a table)."""
        self._given.pop(name, None)
        return self.make(name)

    def origin(self, made: str) -> str | None:
        """What a rewritten ID was made from; ``None`` when it is the name as written."""
        return self._origins.get(made)
