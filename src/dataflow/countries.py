"""ISO 3166-1 alpha-2 country codes, from pycountry."""

from __future__ import annotations

import warnings
from functools import cache

import pycountry

from .errors import did_you_mean

#: Codes people often write for a country whose ISO code differs.
_COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code."""
    return frozenset(c.alpha_2 for c in pycountry.countries)


@cache
def country_name(code: str) -> str:
    """The country's common (or official) English name, or the code itself if unknown."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    with warnings.catch_warnings():  # older pycountry warns when a country has no common name
        warnings.simplefilter("ignore")
        common = getattr(country, "common_name", None)
    return common or country.name


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
    by_name = pycountry.countries.get(name=code) or pycountry.countries.get(alpha_3=code.upper())
    if by_name is not None:
        hint = f" (did you mean '{by_name.alpha_2}'?)"
    return f"'{code}' is not an ISO 3166-1 alpha-2 country code{hint}"
