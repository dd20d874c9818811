"""What the importer knows of the Fides taxonomy: renamed category keys, and which keys are of
a kind some law treats specially.

The category keys are those of the Fides taxonomy (fideslang, by Ethyca, published under the
Creative Commons Attribution 4.0 licence, https://ethyca.github.io/fideslang/). The renames
are those the Fides server applies when it upgrades a database (the Alembic migrations
``7abe778b7082`` "Update fideslang data categories", July 2022, for fideslang 1.1's
simplified taxonomy, and ``1ea164cee8bc`` "fideslang 2 data migrations", September 2023),
applied here in the same order, so that a manifest written for any release gets the keys of
fideslang 2 and later. The deprecations of fideslang 3.2 (``replaced_by``, not yet applied by
a Fides migration) are not applied: those keys are kept as written.
"""

from __future__ import annotations

from ..records import record

__all__ = ["Renamed", "kinds_of", "rename"]

#: fideslang 1.1 (migration 7abe778b7082): each old key and its new one, matched whole.
RENAMED_1_1 = {
    "account.payment": "user.financial.payment_information",
    "user.derived.identifiable.biometric_health": "user.biometric_health",
    "user.derived.identifiable.browsing_history": "user.browsing_history",
    "user.derived.identifiable.demographic": "user.demographic",
    "user.derived.identifiable.device": "user.device",
    "user.derived.identifiable.device.cookie_id": "user.device.cookie_id",
    "user.derived.identifiable.device.device_id": "user.device.device_id",
    "user.derived.identifiable.device.ip_address": "user.device.ip_address",
    "user.derived.identifiable.gender": "user.gender",
    "user.derived.identifiable.location": "user.location",
    "user.derived.identifiable.media_consumption": "user.media_consumption",
    "user.derived.identifiable.non_specific_age": "user.non_specific_age",
    "user.derived.identifiable.observed": "user.observed",
    "user.derived.identifiable.profiling": "user.profiling",
    "user.derived.identifiable.race": "user.race",
    "user.derived.identifiable.religious_belief": "user.religious_belief",
    "user.derived.identifiable.search_history": "user.search_history",
    "user.derived.identifiable.sexual_orientation": "user.sexual_orientation",
    "user.derived.identifiable.social": "user.social",
    "user.derived.identifiable.telemetry": "user.telemetry",
    "user.derived.identifiable.unique_id": "user.unique_id",
    "user.derived.identifiable.user_sensor": "user.sensor_data",
    "user.derived.identifiable.organization": "user.organization",
    "user.derived.identifiable.workplace": "user.workplace",
    "user.provided.identifiable.biometric": "user.biometric",
    "user.provided.identifiable.childrens": "user.childrens",
    "user.provided.identifiable.contact.city": "user.contact.address.city",
    "user.provided.identifiable.contact.country": "user.contact.address.country",
    "user.provided.identifiable.contact.postal_code": "user.contact.address.postal_code",
    "user.provided.identifiable.contact.state": "user.contact.address.state",
    "user.provided.identifiable.contact.street": "user.contact.address.street",
    "user.provided.identifiable.contact.email": "user.contact.email",
    "user.provided.identifiable.contact.phone_number": "user.contact.phone_number",
    "user.provided.identifiable.credentials": "user.credentials",
    "user.provided.identifiable.credentials.biometric_credentials":
        "user.credentials.biometric_credentials",
    "user.provided.identifiable.credentials.password": "user.credentials.password",
    "user.provided.identifiable.date_of_birth": "user.date_of_birth",
    "user.provided.identifiable.financial": "user.financial",
    "user.provided.identifiable.financial.account_number": "user.financial.account_number",
    "user.provided.identifiable.gender": "user.gender",
    "user.provided.identifiable.genetic": "user.genetic",
    "user.provided.identifiable.government_id": "user.government_id",
    "user.provided.identifiable.government_id.drivers_license_number":
        "user.government_id.drivers_license_number",
    "user.provided.identifiable.government_id.national_identification_number":
        "user.government_id.national_identification_number",
    "user.provided.identifiable.government_id.passport_number":
        "user.government_id.passport_number",
    "user.provided.identifiable.health_and_medical": "user.health_and_medical",
    "user.provided.identifiable.job_title": "user.job_title",
    "user.provided.identifiable.name": "user.name",
    "user.provided.identifiable.non_specific_age": "user.non_specific_age",
    "user.provided.identifiable.political_opinion": "user.political_opinion",
    "user.provided.identifiable.race": "user.race",
    "user.provided.identifiable.religious_belief": "user.religious_belief",
    "user.provided.identifiable.sexual_orientation": "user.sexual_orientation",
    # the migration maps this key to itself, an evident slip: its derived twin above (and
    # fideslang 1.1's taxonomy) has user.workplace
    "user.provided.identifiable.workplace": "user.workplace",
}

#: fideslang 2.0 (migration 1ea164cee8bc): each old key and its new one, for the key and every
#: key below it, in this order.
RENAMED_2_0 = {
    "user.financial.account_number": "user.financial.bank_account",
    "user.credentials": "user.authorization.credentials",
    "user.browsing_history": "user.behavior.browsing_history",
    "user.media_consumption": "user.behavior.media_consumption",
    "user.search_history": "user.behavior.search_history",
    "user.organization": "user.contact.organization",
    "user.non_specific_age": "user.demographic.age_range",
    "user.date_of_birth": "user.demographic.date_of_birth",
    "user.gender": "user.demographic.gender",
    "user.political_opinion": "user.demographic.political_opinion",
    "user.profiling": "user.demographic.profile",
    "user.race": "user.demographic.race_ethnicity",
    "user.religious_belief": "user.demographic.religious_belief",
    "user.sexual_orientation": "user.demographic.sexual_orientation",
    "user.genetic": "user.health_and_medical.genetic",
    "user.observed": "user.behavior",
}

#: Keys of fideslang before 1.1 that no migration renames (removed from the taxonomy).
OLD_PREFIXES = ("user.provided", "user.derived", "account")

#: Keys (and everything below them) of a kind some law treats specially, by their key in
#: fideslang 2 and later, in 3.2's new keys too.
KINDS = {
    "user.health_and_medical": ("health",),
    "user.health": ("health",),
    "user.biometric_health": ("health", "biometric"),
    "user.health_and_medical.genetic": ("genetic",),
    "user.health.genetic": ("genetic",),
    "user.biometric": ("biometric",),
    "user.biometrics": ("biometric",),
    "user.authorization.biometric": ("biometric",),
    "user.authorization.biometrics": ("biometric",),
    "user.authorization.credentials.biometric_credentials": ("biometric",),
    "user.demographic.race_ethnicity": ("racial_ethnic",),
    "user.demographic.political_opinion": ("political",),
    "user.demographic.religious_belief": ("religious",),
    "user.demographic.philosophical_belief": ("religious",),
    "user.demographic.sexual_orientation": ("sex_life",),
    "user.demographic.union_membership": ("trade_union",),
    "user.criminal_history": ("criminal",),
    "user.government_id": ("national_id",),
    "user.financial": ("financial_account",),
    "user.payment": ("financial_account",),
    "user.location.precise": ("precise_location",),
    "user.childrens": ("children",),
    "user.children": ("children",),
}


def _under(key: str, prefix: str) -> bool:
    return key == prefix or key.startswith(prefix + ".")


@record(frozen=True)
class Renamed:
    """A category key as the newest taxonomy has it, and the renames that led there."""

    key: str
    steps: tuple[str, ...] = ()   # "fideslang 1.1: a -> b", in order
    outdated: bool = False        # a key of fideslang before 1.1 that no migration renames


def rename(key: str) -> Renamed:
    """``key`` renamed as the Fides migrations rename it (unchanged when none applies)."""
    steps: list[str] = []
    current = key
    if current in RENAMED_1_1:
        steps.append(f"fideslang 1.1: {current} -> {RENAMED_1_1[current]}")
        current = RENAMED_1_1[current]
    for old, new in RENAMED_2_0.items():
        if _under(current, old):
            renamed = new + current[len(old):]
            steps.append(f"fideslang 2.0: {current} -> {renamed}")
            current = renamed
            break
    outdated = not steps and any(_under(current, p) for p in OLD_PREFIXES)
    return Renamed(current, tuple(steps), outdated)


def kinds_of(key: str) -> tuple[str, ...]:
    """The kinds of a category key: those of every listed key it is, or is below."""
    found: list[str] = []
    for prefix, kinds in KINDS.items():
        if _under(key, prefix):
            found += [k for k in kinds if k not in found]
    return tuple(found)
