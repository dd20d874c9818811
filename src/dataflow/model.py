"""The map file format (docs/format.md) as strict, immutable pydantic models.

Every scalar a map file holds arrives as the text the user wrote; the types below decide
what it means and refuse what it does not clearly mean (``yes`` is not a boolean here,
``0123`` is not a number, ``2023-02-30`` is not a date). The JSON Schema in
``schemas/dataflow.schema.json`` is generated from these models.
"""

# No ``from __future__ import annotations`` here: pydantic reads every annotation of the
# models, and given them as strings it compiles and evaluates each one (a tenth of the time
# the models take to build, which every command pays at start-up).
import json
import re
from datetime import date
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from .countries import country_problem

__all__ = [
    "FREQUENCIES", "ID_PATTERN", "KINDS", "MECHANISMS", "UNKNOWN", "Adequacy", "Category",
    "CollectionPoint", "Condition", "Disclosure", "Flow", "Jurisdiction", "Kind", "MapFile",
    "Mechanism", "Processor", "RecipientTerms", "Requirement", "Role", "Safeguard", "Subject",
    "Waiver",
]

#: The mechanism names (docs/format.md, `safeguards`); a jurisdiction may add its own.
MECHANISMS = ("consent", "contract_necessity", "scc", "bcr", "certification", "code_of_conduct",
              "law_or_treaty", "security_assessment", "derogation")

#: The vocabulary of category kinds (docs/format.md, `categories`); each jurisdiction says
#: which it treats as sensitive, and packs may add kinds.
KINDS = ("health", "genetic", "biometric", "racial_ethnic", "political", "religious",
         "trade_union", "sex_life", "criminal", "national_id", "financial_account", "credit",
         "precise_location", "children", "communications")

#: How often a flow sends data (docs/format.md, `flows`); a flow that does not say counts as
#: ``regular``.
FREQUENCIES = ("occasional", "regular", "continuous")
Frequency = Literal["occasional", "regular", "continuous"]

#: The location of a recipient whose countries are not known (docs/format.md, What counts as a
#: transfer).
UNKNOWN = "unknown"


def given(text: str | None) -> str | None:
    """The text a field gives: ``None`` when it is absent or blank (a blank text tells a
    reader nothing, so checks, notices and reports all judge it as not given)."""
    return text if isinstance(text, str) and text.strip() else None

#: What an ID may look like (docs/importing.md states the pattern).
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
    if values is None or len(set(values)) == len(values):  # in C: the common case
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
def _vocabulary(name: str) -> dict[str, Any]:
    """Marks a value whose allowed words the schema lists (``dataflow.schema`` fills them)."""
    return {"x-vocabulary": name}


Country = Annotated[str, AfterValidator(_check_country),
                    Field(description="ISO 3166-1 alpha-2 country code", pattern=r"^[A-Z]{2}$",
                          json_schema_extra=_vocabulary("country"))]
Location = Annotated[str, StringConstraints(pattern=ID_PATTERN),
                     Field(json_schema_extra=_vocabulary("location"))]
MechanismName = Annotated[str, StringConstraints(pattern=ID_PATTERN),
                          Field(json_schema_extra=_vocabulary("mechanism"))]
KindName = Annotated[str, StringConstraints(pattern=ID_PATTERN),
                     Field(json_schema_extra=_vocabulary("kind"))]
ContractTerm = Annotated[str, StringConstraints(pattern=ID_PATTERN),
                         Field(json_schema_extra=_vocabulary("contract_term"))]
JurisdictionId = Annotated[str, StringConstraints(pattern=ID_PATTERN),
                           Field(json_schema_extra=_vocabulary("jurisdiction"))]
Role = Literal["controller", "processor", "third_party"]
#: A list in which each value may appear once.
Ids = Annotated[tuple[Id, ...], AfterValidator(_unique)]
Locations = Annotated[tuple[Location, ...], AfterValidator(_unique)]
KindNames = Annotated[tuple[KindName, ...], AfterValidator(_unique)]
ContractTerms = Annotated[tuple[ContractTerm, ...], AfterValidator(_unique)]
JurisdictionIds = Annotated[tuple[JurisdictionId, ...], AfterValidator(_unique)]


def written_fields(model: type[BaseModel]) -> dict[str, Any]:
    """The fields a map file may write, by key (not the ``x-`` keys a model keeps aside)."""
    return {field.alias or name: field for name, field in model.model_fields.items()
            if name != "extensions"}


#: Keys a team may add anywhere for its own fields (owner, legal basis, ticket): kept, shown
#: in reports, written back by ``FlowMap.dump``, never validated.
EXTENSION_PREFIX = "x-"
_EXTENSIONS = "\x00extensions"  # a key no map file can hold: the reader refuses NUL


def _extension_schema(schema: dict[str, Any]) -> None:
    schema["patternProperties"] = {f"^{EXTENSION_PREFIX}": {
        "description": "a field of your own (owner, legal basis, ticket...): kept and shown "
                       "in reports, never checked"}}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False,
                              validate_by_name=False, validate_by_alias=True,
                              serialize_by_alias=True, json_schema_extra=_extension_schema)

    #: the ``x-`` keys written on this element, each value as JSON text
    extensions: SkipJsonSchema[tuple[tuple[str, str], ...]] = Field((), alias=_EXTENSIONS)

    @model_validator(mode="before")
    @classmethod
    def _keep_extensions(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        # one search in the keys joined, for the common element with no x- key: a loop over
        # the keys took a tenth of validating a large map
        try:
            marked = "\0" + EXTENSION_PREFIX in "\0" + "\0".join(data)
        except TypeError:  # a key that is not text (and so no x- key): the loop decides
            marked = True
        extensions = {k: v for k, v in data.items()
                      if isinstance(k, str) and k.startswith(EXTENSION_PREFIX)} if marked else {}
        if not extensions:
            return data
        kept = {k: v for k, v in data.items() if k not in extensions}
        kept[_EXTENSIONS] = tuple(
            (k, json.dumps(v, ensure_ascii=False, sort_keys=True, default=str))
            for k, v in extensions.items())
        return kept

    @model_serializer(mode="wrap")
    def _write_extensions(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            written = data.pop(_EXTENSIONS, ())
            data.update((k, json.loads(v)) for k, v in written)
        return data

    def extension_items(self) -> list[tuple[str, Any]]:
        """The ``x-`` keys written on this element and their values."""
        return [(k, json.loads(v)) for k, v in self.extensions]


#: The languages notices and reports are written in (``--lang``), and that ``translations``
#: give texts in.
Language = Literal["en", "ko", "zh"]
LANGUAGES: tuple[str, ...] = ("en", "ko", "zh")

class NamedText(_Model):
    """A category's or subject's texts in another language."""

    name: str | None = Field(None, description="its name", examples=["휴대전화번호"])
    description: str | None = Field(None, description="what it is, in words",
                                    examples=["주문 시 입력한 번호"])


class ProcessorText(_Model):
    """A processor's texts in another language."""

    name: str | None = Field(None, description="its name", examples=["해외 판매자"])
    description: str | None = Field(None, description="what it does, in words",
                                    examples=["주문 상품을 배송"])
    entity: str | None = Field(None, description="the legal entity's name in that language",
                               examples=["杭州示例贸易有限公司"])
    contact: str | None = Field(None, description="how data subjects reach it",
                                examples=["privacy@seller.example, +86 571 0000 0000"])
    rights: str | None = Field(None, description="how data subjects exercise their rights "
                               "with it", examples=["privacy@seller.example 로 요청"])


class FlowText(_Model):
    """A flow's (or collection point's) texts in another language."""

    purpose: str | None = Field(None, description="why the data is sent",
                                examples=["주문 상품 배송"])
    retention: str | None = Field(None, description="how long it is kept",
                                  examples=["배송 완료 후 30일"])
    method: str | None = Field(None, description="when and how it is sent",
                               examples=["주문 시 API로 전송"])
    refusal: str | None = Field(None, description="how to refuse, and the effect",
                                examples=["고객센터에 요청; 거부 시 해외 배송 불가"])


class NamedTranslations(_Model):
    """A category's or subject's texts in other languages; a text not given is shown as the
    map writes it."""

    en: NamedText | None = Field(None, description="the texts in English",
                                 examples=[{"name": "Mobile phone number"}])
    ko: NamedText | None = Field(None, description="the texts in Korean",
                                 examples=[{"name": "휴대전화번호"}])
    zh: NamedText | None = Field(None, description="the texts in Chinese (simplified)",
                                 examples=[{"name": "手机号码"}])


class ProcessorTranslations(_Model):
    """A processor's texts in other languages; a text not given is shown as the map writes
    it."""

    en: ProcessorText | None = Field(None, description="the texts in English",
                                     examples=[{"name": "Overseas sellers"}])
    ko: ProcessorText | None = Field(None, description="the texts in Korean",
                                     examples=[{"name": "해외 판매자"}])
    zh: ProcessorText | None = Field(None, description="the texts in Chinese (simplified)",
                                     examples=[{"entity": "杭州示例贸易有限公司"}])


class FlowTranslations(_Model):
    """A flow's or collection point's texts in other languages; a text not given is shown as
    the map writes it."""

    en: FlowText | None = Field(None, description="the texts in English",
                                examples=[{"purpose": "delivery of the order"}])
    ko: FlowText | None = Field(None, description="the texts in Korean",
                                examples=[{"purpose": "주문 상품 배송"}])
    zh: FlowText | None = Field(None, description="the texts in Chinese (simplified)",
                                examples=[{"purpose": "配送订购的商品"}])


class Category(_Model):
    """A category of personal data, such as an e-mail address or a prescription."""

    id: Id = Field(description="the category's ID, used by collection points and flows",
                   examples=["contact.email"])
    name: str | None = Field(None, description="a name people read in reports and diagrams",
                             examples=["E-mail address"])
    description: str | None = Field(None, description="what the category holds, in words",
                                    examples=["the customer's e-mail address for receipts"])
    sensitive: Bool = Field(False, examples=[True], description=(
        "sensitive under every law, whatever its kinds (GDPR Art. 9, PIPA Art. 23, PIPL "
        "Art. 28, ...)"))
    kinds: KindNames = Field((), examples=[["health"]], description=(
        "what the data is: health, genetic, biometric, racial_ethnic, political, religious, "
        "trade_union, sex_life, criminal, national_id, financial_account, credit, "
        "precise_location, children, communications (or a kind a jurisdiction adds); each "
        "law decides which kinds it treats as sensitive or its decisions exclude. A category "
        "has the kinds of its ancestors too"))
    parent: Id | None = Field(None, description="the ID of a broader category",
                              examples=["contact"])
    translations: NamedTranslations | None = Field(
        None, examples=[{"ko": {"name": "이메일 주소"}}], description=(
        "its texts in other languages (en, ko, zh), for notices and reports in them"))


class Subject(_Model):
    """A group of people the data is about: customers, employees, sellers."""

    id: Id = Field(description="the group's ID, used by collection points and flows",
                   examples=["customers"])
    name: str | None = Field(None, description="a name people read in reports",
                             examples=["Customers"])
    description: str | None = Field(None, description="who they are, in words",
                                    examples=["people who bought in the shop"])
    translations: NamedTranslations | None = Field(
        None, examples=[{"ko": {"name": "고객"}}], description=(
        "its texts in other languages (en, ko, zh), for notices and reports in them"))


class Safeguard(_Model):
    """A transfer mechanism relied on: consent, standard clauses, BCRs, certification..."""

    mechanism: MechanismName = Field(examples=["scc"], description=(
        "consent, contract_necessity, scc, bcr, certification, code_of_conduct, "
        "law_or_treaty, security_assessment, derogation, or one a jurisdiction adds"))
    jurisdictions: JurisdictionIds | None = Field(None, examples=[["EU"]], description=(
        "the laws it is meant for; default: every jurisdiction that recognises it"))
    reference: str | None = Field(None, examples=["DPA with Acme Inc., 2024-03, Annex III"],
                                  description=(
        "where it is: the contract, consent screen or certificate"))
    expires: Date | None = Field(None, examples=["2027-06-30"], description=(
        "expired on or before the map's as_of date means it no longer counts"))
    copy_at: str | None = Field(None, examples=["https://shop.example/privacy/scc, or on request "
                                             "to privacy@shop.example"], description=(
        "where data subjects can obtain a copy of it, as a notice tells them (GDPR "
        "Art. 13(1)(f), 14(1)(f))"))


class CollectionPoint(_Model):
    """Where personal data enters the map: a processor collects it from data subjects."""

    categories: Ids = Field(min_length=1, examples=[["contact.email", "orders"]],
                            description="the IDs of the categories collected")
    subjects: Ids = Field((), examples=[["customers"]],
                          description="the IDs of the groups of people they are collected from")
    origins: Annotated[tuple[Country, ...], AfterValidator(_unique)] | None = Field(
        None, alias="from", min_length=1, examples=[["KR"]], description=(
        "countries of those data subjects; default: the map's home"))
    purpose: str | None = Field(None, description="why the data is collected",
                                examples=["order fulfilment"])
    retention: str | None = Field(None, description="how long it is kept",
                                  examples=["5 years after the order"])
    method: str | None = Field(None, examples=["web form at checkout"], description=(
        "when and how the data is collected (for a collection abroad, a transfer)"))
    frequency: Frequency | None = Field(None, examples=["continuous"], description=(
        "occasional, regular or continuous; without it a collection counts as regular"))
    refusal: str | None = Field(None, examples=["untick the box; no newsletter then"],
                                description=(
        "how data subjects refuse it and what refusing means (PIPA Art. 28-8(2) item 5)"))
    safeguards: tuple[Safeguard, ...] = Field((), examples=[[{"mechanism": "consent"}]],
                                              description=(
        "safeguards for this collection where it is a transfer (a processor collecting "
        "abroad for a controller)"))
    translations: FlowTranslations | None = Field(
        None, examples=[{"en": {"purpose": "delivery"}}], description=(
        "its texts in other languages (en, ko, zh), for notices and reports in them"))


class Processor(_Model):
    """A party or system that holds personal data."""

    id: Id = Field(description="the processor's ID, used by flows", examples=["crm"])
    name: str | None = Field(None, description="a name people read in reports and diagrams",
                             examples=["Customer relationship management"])
    description: str | None = Field(None, description="what it does, in words",
                                    examples=["holds customer accounts and orders"])
    entity: str | None = Field(None, description="the legal entity that runs it",
                               examples=["Acme Inc."])
    role: Role | None = Field(None, examples=["processor"], description=(
        "controller (decides why and how), processor (acts for a controller) or third_party "
        "(receives the data for its own purposes)"))
    locations: Locations = Field(min_length=1, examples=[["KR", "JP"]], description=(
        "where the data is stored or accessed from: ISO 3166-1 alpha-2 country codes, a "
        "jurisdiction ID such as EU (somewhere in its members), or unknown"))
    contact: str | None = Field(None, description="how data subjects reach the recipient",
                                examples=["privacy@acme.example"])
    rights: str | None = Field(None, examples=["write to privacy@acme.example; answered within "
                                               "15 days"], description=(
        "how data subjects exercise their rights with this recipient (PIPL Art. 39)"))
    certifications: Ids = Field((), examples=[["dpf"]], description=(
        "certifications the recipient holds, e.g. dpf (EU-U.S. Data Privacy Framework)"))
    collects: tuple[CollectionPoint, ...] = Field((), description=(
        "where it collects data from data subjects (a collection point each)"),
        examples=[[{"categories": ["contact.email"], "from": ["KR"]}]])
    safeguards: tuple[Safeguard, ...] = Field((), examples=[[{"mechanism": "scc"}]],
                                              description=(
        "safeguards that cover every flow into this processor"))
    contract_terms: ContractTerms = Field((), examples=[["security_measures"]], description=(
        "protective measures the contract with this recipient contains, e.g. "
        "security_measures, grievance_handling, dispute_resolution (PIPA Art. 28-8(4))"))
    volume: Count | None = Field(None, examples=[250000], description=(
        "data subjects a year whose data the processor's entity sends abroad; thresholds "
        "such as PIPL's count per exporter, and without it the flows' volumes are added up"))
    translations: ProcessorTranslations | None = Field(
        None, examples=[{"zh": {"entity": "杭州示例贸易有限公司"}}], description=(
        "its texts in other languages (en, ko, zh), for notices and reports in them"))


class Flow(_Model):
    """A movement of personal data from one processor to another."""

    id: Id | None = Field(None, description="the flow's ID; default: '<from>-><to>'",
                          examples=["orders-to-crm"])
    source: Id = Field(alias="from", description="the ID of the processor that sends",
                       examples=["shop"])
    target: Id = Field(alias="to", description="the ID of the processor that receives",
                       examples=["crm"])
    categories: Ids = Field(min_length=1, description="the IDs of the categories it carries",
                            examples=[["contact.email"]])
    subjects: Ids = Field((), description="the IDs of the groups of people the data is about",
                          examples=[["customers"]])
    purpose: str | None = Field(None, description="why the data is sent",
                                examples=["customer support"])
    retention: str | None = Field(None, description="how long the recipient keeps it",
                                  examples=["until the ticket is closed"])
    method: str | None = Field(None, description="when and how the data is sent",
                               examples=["API call at each order"])
    volume: Count | None = Field(None, description="data subjects per year",
                                 examples=[12000])
    frequency: Frequency | None = Field(None, examples=["regular"], description=(
        "occasional, regular or continuous; without it a flow counts as regular (GDPR "
        "Art. 49 derogations are for occasional transfers only)"))
    refusal: str | None = Field(None, examples=["opt out in settings; support then by "
                                                "e-mail only"], description=(
        "how data subjects refuse the transfer and what refusing means for them (PIPA "
        "Art. 28-8(2) item 5)"))
    safeguards: tuple[Safeguard, ...] = Field((), description=(
        "the transfer mechanisms this flow relies on"), examples=[[{
            "mechanism": "consent", "jurisdictions": ["KR"], "reference": "consent screen 3"}]])
    translations: FlowTranslations | None = Field(
        None, examples=[{"en": {"purpose": "delivery of the order"}}], description=(
        "its texts in other languages (en, ko, zh), for notices and reports in them"))


class Adequacy(_Model):
    """A destination a jurisdiction recognises as protecting data adequately."""

    destination: Id = Field(examples=["JP"],
                            description="a country code or a jurisdiction ID (all its members)")
    since: Date = Field(examples=["2019-01-23"], description="in force from this date")
    until: Date | None = Field(None, examples=["2031-12-27"],
                               description="in force up to and including this date")
    requires_certification: Id | None = Field(None, examples=["dpf"], description=(
        "the decision covers only recipients holding this certification, e.g. dpf"))
    excludes: Ids = Field((), examples=[["national_id", "credit"]], description=(
        "category kinds the decision does not cover, e.g. national_id, credit"))
    scope: str | None = Field(None, examples=["only operators subject to the APPI"],
                              description="the decision's limits, in words")
    reference: str | None = Field(None, examples=["GDPR Art. 45"],
                                  description="the article that provides for it")
    source: str = Field(examples=["Commission Implementing Decision (EU) 2019/419"],
                        description="the decision and where it is published")


class Mechanism(_Model):
    """A safeguard a jurisdiction recognises for transfers out of it."""

    mechanism: Id = Field(examples=["scc"],
                          description="the mechanism's name, as safeguards name it")
    reference: str = Field(examples=["GDPR Art. 46(2)(c)"],
                           description="the article that provides for it")
    roles: tuple[Role, ...] | None = Field(None, examples=[["processor"]], description=(
        "the recipient roles it covers; default: every role"))
    needs_disclosure: Bool = Field(False, examples=[True], description=(
        "counts only when the map holds every item the law's `disclosure` lists (consent "
        "after notice, as PIPA Art. 28-8(1)1 and PIPL Art. 39 require)"))
    frequencies: tuple[Frequency, ...] | None = Field(None, examples=[["occasional"]],
                                                      description=(
        "the flow frequencies it covers, e.g. [occasional] for GDPR Art. 49 derogations; "
        "default: every frequency"))
    residual: Bool = Field(False, examples=[True], description=(
        "a last resort (a derogation): advice names the usual mechanisms first"))
    since: Date | None = Field(None, examples=["2021-06-27"],
                               description="recognised from this date")
    until: Date | None = Field(None, examples=["2022-12-27"],
                               description="recognised up to and including this date")
    note: str | None = Field(None, examples=["needs a transfer impact assessment"],
                             description="what it is and what the map does not check about it")


class Condition(_Model):
    """When a requirement applies; every condition given must hold."""

    sensitive: Bool | None = Field(None, examples=[True],
                                   description="the transfer carries a sensitive category")
    volume_known: Bool | None = Field(None, examples=[False],
                                      description="the flow declares its `volume`")
    volume_at_least: Count | None = Field(None, examples=[100000], description=(
        "the exporter's yearly data subjects under this law reach this number"))
    volume_below: Count | None = Field(None, examples=[10000], description=(
        "the exporter's yearly data subjects under this law stay below this number"))
    kinds: Ids | None = Field(None, examples=[["national_id"]], description=(
        "the transfer carries a category of one of these kinds"))
    frequencies: tuple[Frequency, ...] | None = Field(None, examples=[["occasional"]],
                                                      description=(
        "the flow's frequency is one of these (a flow without one counts as regular)"))


class Requirement(_Model):
    """What a transfer needs: one of these mechanisms (when the condition holds)."""

    one_of: tuple[Id, ...] = Field(examples=[["consent", "law_or_treaty"]],
                                   description="the mechanisms of which a transfer needs one",
                                   min_length=1)
    when: Condition | None = Field(None, examples=[{"sensitive": True}],
                                   description="when it applies; default: always")
    reference: str = Field(examples=["PIPA Art. 23"],
                           description="the article that sets the requirement")
    explanation: str = Field(examples=["separate consent for sensitive information"],
                             description="the requirement in words, for messages")
    since: Date | None = Field(None, examples=["2023-09-15"], description="applies from this date")
    until: Date | None = Field(None, examples=["2030-12-31"],
                               description="applies up to and including this date")


DisclosureItem = Literal["categories", "destination", "recipient", "contact", "purpose",
                         "retention", "method", "refusal", "rights", "safeguard_reference",
                         "safeguard_copy"]


class Disclosure(_Model):
    """What a law requires data subjects to be told about a transfer."""

    reference: str = Field(examples=["PIPA Art. 28-8(2)"],
                           description="the article that requires the notice")
    items: tuple[DisclosureItem, ...] = Field(
        examples=[["recipient", "contact", "purpose"]], min_length=1, description=(
            "what the notice must give: categories, destination, recipient, contact, purpose, "
            "retention, method, refusal, rights, safeguard_reference, safeguard_copy"))
    copy_of: tuple[Id, ...] = Field((), examples=[["scc", "bcr"]], description=(
        "the mechanisms for which the notice must also say where a copy can be obtained "
        "(item safeguard_copy)"))
    when_adequate: Bool = Field(False, examples=[True], description=(
        "also for transfers to a destination the law recognises as adequate"))


class RecipientTerms(_Model):
    """Protective measures a law requires in the contract with every recipient abroad."""

    reference: str = Field(examples=["PIPA Art. 28-8(4)"],
                           description="the article that requires the measures")
    items: tuple[Id, ...] = Field(examples=[["security_measures", "dispute_resolution"]],
                                  min_length=1, description=(
        "the measures, as named in a recipient's `contract_terms`"))
    when_adequate: Bool = Field(False, examples=[True], description=(
        "also for transfers to a destination the law recognises as adequate"))


class Kind(_Model):
    """A category kind as one law sees it: sensitive or not, and under which article."""

    kind: Id = Field(examples=["health"], description="the category kind")
    sensitive: Bool = Field(examples=[True], description="sensitive (special) under this law")
    reference: str | None = Field(None, examples=["GDPR Art. 9(1)"],
                                  description="the article that says so")
    note: str | None = Field(None, examples=["data concerning health"],
                             description="what the law says of it, in words")


class Jurisdiction(_Model):
    """A law that governs transfers out of the countries it covers.

    Transfers are restricted when it lists `mechanisms`; a jurisdiction without them (or a
    country no jurisdiction lists) imposes no transfer rules.
    """

    id: Id = Field(examples=["KR"], description=(
        "the jurisdiction's ID, named by safeguards and locations (a built-in one's ID "
        "overrides it)"))
    name: str | None = Field(None, examples=["Republic of Korea"],
                             description="the jurisdiction's name")
    law: str | None = Field(None, examples=["PIPA"], description="the law's short name, e.g. GDPR")
    citation: str | None = Field(None,
                                 examples=["Personal Information Protection Act (Act No. 19234)"],
                                 description="the law's full title and version")
    as_of: Date | None = Field(None, examples=["2026-06-30"],
                               description="the date its facts were last checked")
    sources: tuple[str, ...] = Field((), examples=[["https://www.law.go.kr/"]],
                                     description="where its facts come from")
    covers_from: Date | None = Field(None, examples=["2023-09-15"], description=(
        "the first date its facts describe; a map judged earlier gets a warning"))
    members: Annotated[tuple[Country, ...], AfterValidator(_unique)] = Field(
        (), examples=[["KR"]],
        description="the countries it covers (ISO 3166-1 alpha-2); none: the country of its ID")
    within_entity: Bool = Field(True, examples=[False], description=(
        "whether moving data to the same entity's own premises abroad is a transfer (PIPA: "
        "yes; GDPR: no, per EDPB Guidelines 05/2021)"))
    kinds: tuple[Kind, ...] = Field((), examples=[[{"kind": "health", "sensitive": True}]],
                                    description=(
        "category kinds this law defines or treats as sensitive"))
    adequacy_term: str | None = Field(None, examples=["adequacy decision"], description=(
        "what this law calls a finding of adequacy (adequacy decision, designation, "
        "recognition); none: the law has no such finding"))
    adequate: tuple[Adequacy, ...] = Field(
        (), description="destinations it recognises as adequate, with dates and sources",
        examples=[[{"destination": "JP", "since": "2019-01-23", "source": "Decision 2019/419"}]])
    mechanisms: tuple[Mechanism, ...] = Field(
        (), description="the safeguards it recognises for transfers out of it",
        examples=[[{"mechanism": "scc", "reference": "GDPR Art. 46(2)(c)"}]])
    requirements: tuple[Requirement, ...] = Field(
        (), description="what a transfer needs; default: one of the recognised mechanisms",
        examples=[[{"one_of": ["consent"], "reference": "PIPA Art. 23",
                    "explanation": "separate consent"}]])
    disclosure: Disclosure | None = Field(
        None, description="what data subjects must be told about a transfer",
        examples=[{"reference": "PIPA Art. 28-8(2)", "items": ["recipient", "contact"]}])
    recipient_terms: RecipientTerms | None = Field(
        None, description="protective measures the contract with every recipient abroad must "
                          "contain",
        examples=[{"reference": "PIPA Art. 28-8(4)", "items": ["security_measures"]}])
    notes: tuple[str, ...] = Field((), examples=[["exclusions of the decision are not checked"]],
                                   description=(
        "facts that shape its rules but are not checked, and what is left out"))

    @property
    def sensitive_kinds(self) -> frozenset[str]:
        """The category kinds this law treats as sensitive."""
        return frozenset(k.kind for k in self.kinds if k.sensitive)


_FINDING_PATTERN = r"^[A-Za-z0-9*][^@\s]*(@[^@\s]+)*$"


class Waiver(_Model):
    """An accepted finding: it stays in every report, as info, with the reason."""

    finding: Annotated[str, StringConstraints(pattern=_FINDING_PATTERN)] | None = Field(
        None, description="a finding ID; '*' stands for one segment",
        examples=["DF100@orders-to-crm@KR@US"])
    rule: Id | None = Field(None, description="a rule ID, with `flow` or `processor`",
                           examples=["DF202"])
    flow: str | None = Field(None, description="the flow the rule's findings are waived for",
                             examples=["orders-to-crm"])
    processor: Id | None = Field(None, examples=["legacy-crm"], description=(
        "the processor the rule's findings are waived for"))
    reason: Annotated[str, StringConstraints(min_length=1)] = Field(
        description="why the finding is accepted", examples=["contract signed, filed in Q3"])
    expires: Date | None = Field(None, description="the waiver no longer applies from this date",
                                 examples=["2026-12-31"])
    ticket: str | None = Field(None, description="where the decision is tracked",
                               examples=["PRIV-482"])

    @model_validator(mode="after")
    def _one_target(self) -> Self:
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
        description="format version: 1", examples=[1])
    name: str | None = Field(None, description="the map's name in reports",
                             examples=["Gaon Market"])
    home: Country | None = Field(None, examples=["KR"], description=(
        "default country of the data subjects where a collection point does not say"))
    as_of: Date | None = Field(None, examples=["2026-06-30"], description=(
        "date at which adequacy decisions and safeguard expiry are judged; default today"))
    language: Language | None = Field(None, examples=["ko"], description=(
        "the language the map's texts are written in: en, ko or zh; a notice or report in "
        "another language takes each text from the element's `translations`"))
    include: tuple[str, ...] = Field((), examples=[["vendors.yaml", "flows/*.yaml"]],
                                     description=(
        "paths or globs, relative to this file, merged into this map"))
    categories: tuple[Category, ...] = Field((), description="the categories of personal data",
                                             examples=[[{"id": "contact.email"}]])
    subjects: tuple[Subject, ...] = Field((), description="the groups of people the data is about",
                                          examples=[[{"id": "customers"}]])
    jurisdictions: tuple[Jurisdiction, ...] = Field((), examples=[[{
        "id": "EU", "adequacy_term": "adequacy decision"}]], description=(
        "laws of the map's own, or overrides of built-in ones (by their ID)"))
    processors: tuple[Processor, ...] = Field((), description=(
        "the parties and systems that hold the data"), examples=[[{
            "id": "crm", "locations": ["KR"]}]])
    flows: tuple[Flow, ...] = Field((), description="the movements of data between processors",
                                    examples=[[{"from": "shop", "to": "crm",
                                                "categories": ["contact.email"]}]])
    waivers: tuple[Waiver, ...] = Field((), description=(
        "findings accepted, with a reason; they stay in reports as info"), examples=[[{
            "finding": "DF202@legacy-crm", "reason": "switched off in Q3"}]])
