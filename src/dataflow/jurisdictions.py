"""Built-in jurisdictions: data files in ``dataflow/packs``, validated like a map's own."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from pydantic import ValidationError

from .countries import country_codes
from .errors import MapError
from .model import KINDS, MECHANISMS, UNKNOWN, Jurisdiction
from .packs import pack_data, read_pack


@cache
def builtin_jurisdictions() -> dict[str, Jurisdiction]:
    """The jurisdictions that ship with the library, by ID."""
    from .validation import problems_from

    found: dict[str, Jurisdiction] = {}
    for name, data in pack_data():
        try:
            jurisdiction = Jurisdiction.model_validate(data)
        except ValidationError as exc:  # located in the file, read again for it
            raise MapError(problems_from(exc, read_pack(name), ())) from None
        found[jurisdiction.id] = jurisdiction
    return found


class Jurisdictions:
    """The jurisdictions in force for one map: the built-in ones, overridden by the map's."""

    def __init__(self, declared: Iterable[Jurisdiction] = ()) -> None:
        self.by_id: dict[str, Jurisdiction] = {**builtin_jurisdictions(),
                                               **{j.id: j for j in declared}}
        self._of_country: dict[str, str] = {}
        self._members: dict[str, frozenset[str]] = {}
        for jurisdiction in self.by_id.values():
            for member in jurisdiction.members:
                self._of_country.setdefault(member, jurisdiction.id)

    @property
    def mechanism_names(self) -> set[str]:
        """Every mechanism a safeguard may name: the common ones and any a law adds."""
        return set(MECHANISMS) | {m.mechanism for j in self.by_id.values() for m in j.mechanisms}

    @property
    def contract_terms(self) -> list[str]:
        """Every protective measure some law requires in a recipient's contract, sorted."""
        return sorted({t for j in self.by_id.values() if j.recipient_terms
                       for t in j.recipient_terms.items})

    @property
    def kinds(self) -> list[str]:
        """Every category kind: the common ones and any a law defines, sorted."""
        return sorted(set(KINDS) | {k.kind for j in self.by_id.values() for k in j.kinds})

    @property
    def regions(self) -> list[str]:
        """The jurisdictions that are not one country (EU, EEA), sorted: valid locations."""
        return sorted(j for j in self.by_id if j not in country_codes())

    def is_destination(self, place: str) -> bool:
        """Whether an adequacy decision may name ``place``: a country or a jurisdiction."""
        return place in self.by_id or place in country_codes()

    def of_country(self, country: str) -> str:
        """The jurisdiction a country belongs to: one that lists it, else the country itself."""
        return self._of_country.get(country, country)

    def of_location(self, location: str) -> str | None:
        """The jurisdiction of a processor's location: a country's, a jurisdiction ID itself,
        or None for ``unknown``."""
        if location == UNKNOWN:
            return None
        if location in self.by_id and location not in country_codes():
            return location
        return self.of_country(location)

    def is_jurisdiction(self, location: str) -> bool:
        """Whether a location names a jurisdiction (a region such as EU), not one country."""
        return location in self.by_id and location not in country_codes()

    def get(self, jurisdiction_id: str) -> Jurisdiction | None:
        return self.by_id.get(jurisdiction_id)

    def members(self, jurisdiction_id: str) -> frozenset[str]:
        """The countries a jurisdiction covers (a country alone covers itself)."""
        members = self._members.get(jurisdiction_id)
        if members is None:
            found = self.by_id.get(jurisdiction_id)
            members = frozenset(found.members if found is not None and found.members
                                else (jurisdiction_id,))
            self._members[jurisdiction_id] = members
        return members

    def restricts_transfers(self, jurisdiction_id: str) -> bool:
        """Whether the jurisdiction has transfer rules (recognises any mechanism)."""
        found = self.by_id.get(jurisdiction_id)
        return bool(found and found.mechanisms)

    def label(self, jurisdiction_id: str) -> str:
        """``"PIPA (Republic of Korea)"``-style label for messages."""
        found = self.by_id.get(jurisdiction_id)
        if found is None:
            return jurisdiction_id
        return f"{found.law} ({found.name})" if found.law and found.name else (
            found.law or found.name or found.id)
