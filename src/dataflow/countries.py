"""ISO 3166-1 alpha-2 country codes and their names, from pycountry.

The codes and names a check needs are kept between runs (:mod:`dataflow.kept`), keyed by
pycountry's code and its ISO 3166-1 data file, so that a check does not import pycountry,
which would cost a check of a small map more than the check itself; only the suggestions for
a code that is not one do.
"""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path

from .errors import did_you_mean
from .kept import kept, key_of, package_files

#: Codes people often write for a country whose ISO code differs.
_COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}
#: Where the codes and names are kept.
CACHE = Path(__file__).parent / "__pycache__" / "countries.json"
#: pycountry's files that its countries are read from, in its package folder.
_SOURCES = ("__init__.py", "db.py", "databases/iso3166-1.json")


@cache
def _names() -> dict[str, str]:
    """Every ISO 3166-1 alpha-2 code and the country's common (or official) English name."""
    return kept(CACHE, _key(), _read_names)  # type: ignore[no-any-return]


def _read_names() -> dict[str, str]:
    import pycountry

    with warnings.catch_warnings():  # older pycountry warns when a country has no common name
        warnings.simplefilter("ignore")
        return {c.alpha_2: getattr(c, "common_name", None) or c.name
                for c in pycountry.countries}


def _key() -> str | None:
    """This module and pycountry's files the names are read from, hashed (``None`` when they
    cannot be found without importing pycountry: nothing is kept then)."""
    found = package_files("pycountry", _SOURCES)
    return None if found is None else key_of([Path(__file__).read_bytes(), *found])


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code."""
    return frozenset(_names())


def country_name(code: str) -> str:
    """The country's common (or official) English name, or the code itself if unknown."""
    return _names().get(code, code)


@cache
def place_name(location: str) -> str:
    """A location for messages: "China (CN)", a region's ID ("EU"), or "an unknown country"."""
    if location == "unknown":
        return "an unknown country"
    name = country_name(location)
    return location if name == location else f"{name} ({location})"


def country_problem(code: str) -> str | None:
    """Why ``code`` is not an ISO 3166-1 alpha-2 code, or ``None`` if it is one."""
    if code in country_codes():
        return None
    if code.upper() in country_codes():
        return f"country codes are written in capitals: write '{code.upper()}'"
    if code.upper() in _COMMON_MISTAKES:
        right = _COMMON_MISTAKES[code.upper()]
        return (f"'{code}' is not an ISO 3166-1 alpha-2 code; the code of "
                f"{country_name(right)} is '{right}'")
    hint = did_you_mean(code, sorted(country_codes())) if len(code) == 2 else ""
    import pycountry

    by_name = pycountry.countries.get(name=code) or pycountry.countries.get(alpha_3=code.upper())
    if by_name is not None:
        hint = f" (did you mean '{by_name.alpha_2}'?)"
    return f"'{code}' is not an ISO 3166-1 alpha-2 country code{hint}"
