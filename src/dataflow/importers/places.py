"""Countries as tables write them: names in Korean, English, Chinese or Japanese, codes.

Names come from the Unicode CLDR (through Babel) and from ISO 3166 (through pycountry). A
cell may name several places ("중국, 싱가포르"); a region that is a jurisdiction of the map
(the EU/EEA) stays that region; words that name no country in particular ("worldwide",
"전 세계", "Europe") and a trailing "etc." ("미국 등") give ``unknown``, never a guessed
country.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from functools import cache

from ..countries import country_codes, country_name
from ..errors import Vocabulary
from ..model import UNKNOWN
from ..records import record

__all__ = ["Places", "read_places"]

#: Locales whose country names a table may use.
_LOCALES = ("ko", "en", "zh_Hans", "zh_Hant", "ja")
#: Names of the EU/EEA region (the jurisdiction ``EU``, whose members are the EEA).
_REGIONS = {"EU": ("EU", "EEA", "European Union", "European Economic Area", "유럽연합",
                   "유럽 연합", "유럽경제지역", "유럽 경제 지역", "EU/EEA", "EU 및 EEA")}
#: Words that name no country in particular.
_VAGUE = ("worldwide", "global", "globally", "international", "various", "multiple",
          "multiple countries", "all countries", "overseas", "abroad", "world", "europe",
          "asia", "americas", "apac", "emea", "전 세계", "전세계", "세계 각국", "해외", "글로벌",
          "각국", "다수 국가", "유럽", "아시아", "全球", "世界", "海外", "全世界")
#: Names people write that the CLDR and ISO do not give.
_ALIASES = {"Korea": "KR", "한국": "KR", "남한": "KR", "USA": "US", "U.S.": "US",
            "U.S.A.": "US", "America": "US", "미합중국": "US", "UK": "GB", "Britain": "GB",
            "Great Britain": "GB", "England": "GB", "중화인민공화국": "CN", "PRC": "CN",
            "Mainland China": "CN", "중국 본토": "CN", "홍콩": "HK", "마카오": "MO", "대만": "TW",
            "타이완": "TW", "싱가폴": "SG", "UAE": "AE"}
#: "etc." at the end of a cell: more places than it names.
_MORE = re.compile(r"(\s*(등|외|etc\.?|and others|among others|等))+$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:[,;/、，；]|\s및\s|\sand\s|\s&\s)\s*", re.IGNORECASE)


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\s.'’()\-]", "", folded)


@record(frozen=True)
class Places:
    """The locations a cell names, and what in it names none."""

    locations: tuple[str, ...]
    vague: tuple[str, ...] = ()      # words that name no country in particular
    unknown: tuple[str, ...] = ()    # words that are no place known here
    more: bool = False               # the cell ends in "etc.": it names only some places


@cache
def _names() -> tuple[dict[str, str], Vocabulary]:
    import pycountry
    from babel import Locale

    found: dict[str, str] = {}
    codes = country_codes()

    def add(name: str, code: str) -> None:
        found.setdefault(_key(name), code)

    for locale in _LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            if code in codes:
                add(name, code)
                bare = re.sub(r"\s*[(（].*[)）]\s*$", "", name)  # 홍콩(중국 특별행정구) -> 홍콩
                if bare and bare != name:
                    add(bare, code)
    for country in pycountry.countries:
        add(country.alpha_2, country.alpha_2)
        add(country.alpha_3, country.alpha_2)
        with warnings.catch_warnings():  # older pycountry warns of a missing common name
            warnings.simplefilter("ignore")
            named = [getattr(country, a, None) for a in ("name", "official_name", "common_name")]
        for name in named:
            if name:
                add(name, country.alpha_2)
    for name, code in _ALIASES.items():
        found[_key(name)] = code
    for region, names in _REGIONS.items():
        for name in names:
            found[_key(name)] = region
    for word in _VAGUE:
        found[_key(word)] = UNKNOWN
    readable = sorted({country_name(c) for c in codes} | {
        n for c, n in Locale.parse("ko").territories.items() if c in codes}
        | set(_ALIASES) | {n for names in _REGIONS.values() for n in names})
    return found, Vocabulary(readable)


def _named_parts(text: str, names: dict[str, str]) -> list[tuple[str, str | None]]:
    """The parts of a cell with what each names; parts that name a place only together
    ("Korea, Republic of") are taken together."""
    parts = [p.strip() for p in _SEPARATORS.split(text) if p.strip()]
    found: list[tuple[str, str | None]] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):  # the longest run of parts that names a place
            joined = ", ".join(parts[start:end])
            if _key(joined) in names or end == start + 1:
                found.append((joined, names.get(_key(joined))))
                start = end
                break
    return found


def read_places(cell: str) -> Places:
    """The locations named in ``cell`` (codes, in the order written, each once)."""
    text = cell.strip()
    more = bool(_MORE.search(text))
    text = _MORE.sub("", text)
    names, _ = _names()
    locations: list[str] = []
    vague: list[str] = []
    unknown: list[str] = []
    for part, code in _named_parts(text, names):
        if code is None:
            unknown.append(part)
        elif code == UNKNOWN:
            vague.append(part)
        elif code not in locations:
            locations.append(code)
    if (vague or more) and UNKNOWN not in locations:
        locations.append(UNKNOWN)
    return Places(tuple(locations), tuple(vague), tuple(unknown), more)


def suggest_place(word: str) -> str:
    """``" (did you mean 'X'?)"`` for the country name closest to ``word``, or ``""``."""
    return _names()[1].suggest(word)
