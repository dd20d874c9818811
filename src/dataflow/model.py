"""The map file format (SPEC §1–3) as strict, immutable pydantic models.

Every scalar a map file holds arrives as the text the user wrote; the types below decide
what it means and refuse what it does not clearly mean (``yes`` is not a boolean here,
``0123`` is not a number, ``2023-02-30`` is not a date). The JSON Schema in
``schemas/dataflow.schema.json`` is generated from these models.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .countries import country_problem

__all__ = [
    "FREQUENCIES", "ID_PATTERN", "KINDS", "MECHANISMS", "UNKNOWN", "Adequacy", "Category",
    "CollectionPoint", "Condition", "Disclosure", "Flow", "Jurisdiction", "Kind", "MapFile",
    "Mechanism", "Processor", "RecipientTerms", "Requirement", "Role", "Safeguard", "Subject",
    "Waiver",
]

#: The mechanism names of SPEC §3; a jurisdiction may add its own.
MECHANISMS = ("consent", "contract_necessity", "scc", "bcr", "certification", "code_of_conduct",
              "law_or_treaty", "security_assessment", "derogation")

#: The vocabulary of category kinds (SPEC §4); each jurisdiction says which it treats as
#: sensitive, and packs may add kinds.
KINDS = ("health", "genetic", "biometric", "racial_ethnic", "political", "religious",
         "trade_union", "sex_life", "criminal", "national_id", "financial_account", "credit",
         "precise_location", "children", "communications")

#: How often a flow sends data (SPEC §4); a flow that does not say counts as ``regular``.
FREQUENCIES = ("occasional", "regular", "continuous")
Frequency = Literal["occasional", "regular", "continuous"]

#: The location of a recipient whose countries are not known (SPEC §4).
UNKNOWN = "unknown"

#: What an ID may look like (SPEC §1).
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
_INT = re.compile(r"0|[1-9][0-9]*")  # used with fullmatch: "10\n" is not a number
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


def _to_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise PydanticCustomError("dataflow_bool", (
            "'{value}' is not true or false; write true or false "
            "(yes/no/on/off are not booleans here)"), {"value": value})
    raise PydanticCustomError("dataflow_bool", "expected true or false")


def _to_int(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INT.fullmatch(value):
        return int(value)
    if isinstance(value, str):
        raise PydanticCustomError("dataflow_int", (
            "'{value}' is not a whole number; write digits only, without leading zeros, "
            "signs, separators or quotes"), {"value": value})
    raise PydanticCustomError("dataflow_int", "expected a whole number")


def _to_date(value: Any) -> Any:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("dataflow_date", (
                "'{value}' is not a real date; check the month and the day"),
                {"value": value}) from None
    raise PydanticCustomError("dataflow_date", (
        "'{value}' is not a date; write it as YYYY-MM-DD"), {"value": str(value)})


def _check_country(value: str) -> str:
    problem = country_problem(value)
    if problem:
        raise PydanticCustomError("dataflow_country", problem)
    return value


def _unique(values: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    if values is None:
        return values
    seen = set()
    for value in values:
        if value in seen:
            raise PydanticCustomError("dataflow_unique", (
                "'{value}' is listed twice; remove one"), {"value": value})
        seen.add(value)
    return values


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Bool = Annotated[bool, BeforeValidator(_to_bool)]
Count = Annotated[int, BeforeValidator(_to_int), Field(ge=0)]
Date = Annotated[date, BeforeValidator(_to_date)]
Country = Annotated[str, AfterValidator(_check_country),
                    Field(description="ISO 3166-1 alpha-2 country code", pattern=r"^[A-Z]{2}$")]
Role = Literal["controller", "processor", "third_party"]
#: A list in which each value may appear once.
Ids = Annotated[tuple[Id, ...], AfterValidator(_unique)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False,
                              validate_by_name=False, validate_by_alias=True,
                              serialize_by_alias=True)


class Category(_Model):
    """A category of personal data, such as an e-mail address or a prescription."""

    id: Id
    name: str | None = None
    description: str | None = None
    sensitive: Bool = Field(False, description=(
        "sensitive under every law, whatever its kinds (GDPR Art. 9, PIPA Art. 23, PIPL "
        "Art. 28, ...)"))
    kinds: Ids = Field((), description=(
        "what the data is: health, genetic, biometric, racial_ethnic, political, religious, "
        "trade_union, sex_life, criminal, national_id, financial_account, credit, "
        "precise_location, children, communications (or a kind a jurisdiction adds); each "
        "law decides which kinds it treats as sensitive or its decisions exclude. A category "
        "has the kinds of its ancestors too"))
    parent: Id | None = Field(None, description="the ID of a broader category")


class Subject(_Model):
    """A group of people the data is about: customers, employees, sellers."""

    id: Id
    name: str | None = None
    description: str | None = None


class Safeguard(_Model):
    """A transfer mechanism relied on: consent, standard clauses, BCRs, certification..."""

    mechanism: Id = Field(description=(
        "consent, contract_necessity, scc, bcr, certification, code_of_conduct, "
        "law_or_treaty, security_assessment, derogation, or one a jurisdiction adds"))
    jurisdictions: Ids | None = Field(None, description=(
        "the laws it is meant for; default: every jurisdiction that recognises it"))
    reference: str | None = Field(None, description=(
        "where it is: the contract, consent screen or certificate"))
    expires: Date | None = Field(None, description=(
        "expired on or before the map's as_of date means it no longer counts"))


class CollectionPoint(_Model):
    """Where personal data enters the map: a processor collects it from data subjects."""

    categories: Ids = Field(min_length=1)
    subjects: Ids = ()
    origins: Annotated[tuple[Country, ...], AfterValidator(_unique)] | None = Field(
        None, alias="from", min_length=1, description=(
        "countries of those data subjects; default: the map's home"))
    purpose: str | None = None
    retention: str | None = None
    method: str | None = Field(None, description=(
        "when and how the data is collected (for a collection abroad, a transfer)"))
    frequency: Frequency | None = Field(None, description=(
        "occasional, regular or continuous; without it a collection counts as regular"))
    refusal: str | None = Field(None, description=(
        "how data subjects refuse it and what refusing means (PIPA Art. 28-8(2) item 5)"))
    safeguards: tuple[Safeguard, ...] = Field((), description=(
        "safeguards for this collection where it is a transfer (a processor collecting "
        "abroad for a controller)"))


class Processor(_Model):
    """A party or system that holds personal data."""

    id: Id
    name: str | None = None
    description: str | None = None
    entity: str | None = Field(None, description="the legal entity that runs it")
    role: Role | None = None
    locations: Ids = Field(min_length=1, description=(
        "where the data is stored or accessed from: ISO 3166-1 alpha-2 country codes, a "
        "jurisdiction ID such as EU (somewhere in its members), or unknown"))
    contact: str | None = Field(None, description="how data subjects reach the recipient")
    certifications: Ids = Field((), description=(
        "certifications the recipient holds, e.g. dpf (EU-U.S. Data Privacy Framework)"))
    collects: tuple[CollectionPoint, ...] = ()
    safeguards: tuple[Safeguard, ...] = Field((), description=(
        "safeguards that cover every flow into this processor"))
    contract_terms: Ids = Field((), description=(
        "protective measures the contract with this recipient contains, e.g. "
        "security_measures, grievance_handling, dispute_resolution (PIPA Art. 28-8(4))"))
    volume: Count | None = Field(None, description=(
        "data subjects a year whose data the processor's entity sends abroad; thresholds "
        "such as PIPL's count per exporter, and without it the flows' volumes are added up"))


class Flow(_Model):
    """A movement of personal data from one processor to another."""

    id: Id | None = Field(None, description="default: '<from>-><to>'")
    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    categories: Ids = Field(min_length=1)
    subjects: Ids = ()
    purpose: str | None = None
    retention: str | None = None
    method: str | None = Field(None, description="when and how the data is sent")
    volume: Count | None = Field(None, description="data subjects per year")
    frequency: Frequency | None = Field(None, description=(
        "occasional, regular or continuous; without it a flow counts as regular (GDPR "
        "Art. 49 derogations are for occasional transfers only)"))
    refusal: str | None = Field(None, description=(
        "how data subjects refuse the transfer and what refusing means for them (PIPA "
        "Art. 28-8(2) item 5)"))
    safeguards: tuple[Safeguard, ...] = ()


class Adequacy(_Model):
    """A destination a jurisdiction recognises as protecting data adequately."""

    destination: Id = Field(description="a country code or a jurisdiction ID (all its members)")
    since: Date = Field(description="in force from this date")
    until: Date | None = Field(None, description="in force up to and including this date")
    requires_certification: Id | None = Field(None, description=(
        "the decision covers only recipients holding this certification, e.g. dpf"))
    excludes: Ids = Field((), description=(
        "category kinds the decision does not cover, e.g. national_id, credit"))
    scope: str | None = Field(None, description="the decision's limits, in words")
    reference: str | None = Field(None, description="the article that provides for it")
    source: str = Field(description="the decision and where it is published")


class Mechanism(_Model):
    """A safeguard a jurisdiction recognises for transfers out of it."""

    mechanism: Id
    reference: str = Field(description="the article that provides for it")
    roles: tuple[Role, ...] | None = Field(None, description=(
        "the recipient roles it covers; default: every role"))
    needs_disclosure: Bool = Field(False, description=(
        "counts only when the map holds every item the law's `disclosure` lists (consent "
        "after notice, as PIPA Art. 28-8(1)1 and PIPL Art. 39 require)"))
    frequencies: tuple[Frequency, ...] | None = Field(None, description=(
        "the flow frequencies it covers, e.g. [occasional] for GDPR Art. 49 derogations; "
        "default: every frequency"))
    residual: Bool = Field(False, description=(
        "a last resort (a derogation): advice names the usual mechanisms first"))
    since: Date | None = Field(None, description="recognised from this date")
    until: Date | None = Field(None, description="recognised up to and including this date")
    note: str | None = None


class Condition(_Model):
    """When a requirement applies; every condition given must hold."""

    sensitive: Bool | None = Field(None, description="the transfer carries a sensitive category")
    volume_known: Bool | None = Field(None, description="the flow declares its `volume`")
    volume_at_least: Count | None = Field(None, description=(
        "the exporter's yearly data subjects under this law reach this number"))
    volume_below: Count | None = None
    kinds: Ids | None = Field(None, description=(
        "the transfer carries a category of one of these kinds"))
    frequencies: tuple[Frequency, ...] | None = Field(None, description=(
        "the flow's frequency is one of these (a flow without one counts as regular)"))


class Requirement(_Model):
    """What a transfer needs: one of these mechanisms (when the condition holds)."""

    one_of: tuple[Id, ...] = Field(min_length=1)
    when: Condition | None = None
    reference: str = Field(description="the article that sets the requirement")
    explanation: str = Field(description="the requirement in words, for messages")
    since: Date | None = Field(None, description="applies from this date")
    until: Date | None = Field(None, description="applies up to and including this date")


DisclosureItem = Literal["categories", "destination", "recipient", "contact", "purpose",
                         "retention", "method", "refusal", "safeguard_reference"]


class Disclosure(_Model):
    """What a law requires data subjects to be told about a transfer."""

    reference: str
    items: tuple[DisclosureItem, ...] = Field(min_length=1)
    when_adequate: Bool = Field(False, description=(
        "also for transfers to a destination the law recognises as adequate"))


class RecipientTerms(_Model):
    """Protective measures a law requires in the contract with every recipient abroad."""

    reference: str
    items: tuple[Id, ...] = Field(min_length=1, description=(
        "the measures, as named in a recipient's `contract_terms`"))
    when_adequate: Bool = Field(False, description=(
        "also for transfers to a destination the law recognises as adequate"))


class Kind(_Model):
    """A category kind as one law sees it: sensitive or not, and under which article."""

    kind: Id
    sensitive: Bool = Field(description="sensitive (special) under this law")
    reference: str | None = Field(None, description="the article that says so")
    note: str | None = None


class Jurisdiction(_Model):
    """A law that governs transfers out of the countries it covers.

    Transfers are restricted when it lists `mechanisms`; a jurisdiction without them (or a
    country no jurisdiction lists) imposes no transfer rules.
    """

    id: Id
    name: str | None = None
    law: str | None = Field(None, description="the law's short name, e.g. GDPR")
    citation: str | None = Field(None, description="the law's full title and version")
    as_of: Date | None = Field(None, description="the date its facts were last checked")
    sources: tuple[str, ...] = Field((), description="where its facts come from")
    covers_from: Date | None = Field(None, description=(
        "the first date its facts describe; a map judged earlier gets a warning"))
    members: Annotated[tuple[Country, ...], AfterValidator(_unique)] = ()
    within_entity: Bool = Field(True, description=(
        "whether moving data to the same entity's own premises abroad is a transfer (PIPA: "
        "yes; GDPR: no, per EDPB Guidelines 05/2021)"))
    kinds: tuple[Kind, ...] = Field((), description=(
        "category kinds this law defines or treats as sensitive"))
    adequacy_term: str | None = Field(None, description=(
        "what this law calls a finding of adequacy (adequacy decision, designation, "
        "recognition); none: the law has no such finding"))
    adequate: tuple[Adequacy, ...] = ()
    mechanisms: tuple[Mechanism, ...] = ()
    requirements: tuple[Requirement, ...] = Field((), description=(
        "what a transfer needs; default: one of the recognised mechanisms"))
    disclosure: Disclosure | None = None
    recipient_terms: RecipientTerms | None = None
    notes: tuple[str, ...] = Field((), description=(
        "facts that shape its rules but are not checked, and what is left out"))

    @property
    def sensitive_kinds(self) -> frozenset[str]:
        """The category kinds this law treats as sensitive."""
        return frozenset(k.kind for k in self.kinds if k.sensitive)


_FINDING_PATTERN = r"^[A-Za-z0-9*][^@\s]*(@[^@\s]+)*$"


class Waiver(_Model):
    """An accepted finding: it stays in every report, as info, with the reason."""

    finding: Annotated[str, StringConstraints(pattern=_FINDING_PATTERN)] | None = Field(
        None, description="a finding ID; '*' stands for one segment")
    rule: Id | None = None
    flow: str | None = None
    processor: Id | None = None
    reason: Annotated[str, StringConstraints(min_length=1)]
    expires: Date | None = None
    ticket: str | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Waiver:
        if (self.finding is None) == (self.rule is None):
            raise PydanticCustomError("dataflow_waiver", (
                "a waiver names either a `finding` ID or a `rule` with a `flow` or "
                "`processor`"))
        if self.rule is not None and self.flow is None and self.processor is None:
            raise PydanticCustomError("dataflow_waiver", (
                "a waiver with `rule` also names the `flow` or `processor` it covers"))
        if self.finding is not None and (self.flow or self.processor):
            raise PydanticCustomError("dataflow_waiver", (
                "a waiver with `finding` needs no `flow` or `processor`: the finding ID "
                "names them"))
        return self


class MapFile(_Model):
    """One map file as written. Several files (``include``, directories) merge into one map."""

    model_config = ConfigDict(title="dataflow map")

    dataflow: Annotated[Literal[1], BeforeValidator(_to_int)] = Field(
        description="format version: 1")
    name: str | None = None
    home: Country | None = Field(None, description=(
        "default country of the data subjects where a collection point does not say"))
    as_of: Date | None = Field(None, description=(
        "date at which adequacy decisions and safeguard expiry are judged; default today"))
    include: tuple[str, ...] = Field((), description=(
        "paths or globs, relative to this file, merged into this map"))
    categories: tuple[Category, ...] = ()
    subjects: tuple[Subject, ...] = ()
    jurisdictions: tuple[Jurisdiction, ...] = ()
    processors: tuple[Processor, ...] = ()
    flows: tuple[Flow, ...] = ()
    waivers: tuple[Waiver, ...] = ()
