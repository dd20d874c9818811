"""The columns of the tables ``dataflow import csv`` reads, and what each becomes.

Kept apart from the reading so that the command line can list them in its help without
loading the importer.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["KINDS", "SUBPROCESSORS", "TRANSFERS", "Column", "TableKind", "columns_help"]


class Column(NamedTuple):
    """A column a table may have: the field it fills, the headers it goes by, what it is."""

    field: str
    headers: tuple[str, ...]
    meaning: str
    required: bool = False


class TableKind(NamedTuple):
    """A kind of table: its columns, and what the import assumes of it."""

    name: str
    title: str
    columns: tuple[Column, ...]
    default_home: str | None
    default_role: str | None


_RECIPIENT_HELP = ("the recipient; a contact in parentheses or after a line break "
                   "(\"(연락처: privacy@x.com)\") becomes its `contact`")
SUBPROCESSORS = TableKind("subprocessors", "subprocessor list", (
    Column("name", ("name", "subprocessor", "sub-processor", "subprocessor name", "vendor",
                    "vendor name", "service provider", "provider", "service"),
           f"the processor's name: {_RECIPIENT_HELP}", required=True),
    Column("entity", ("entity", "legal entity", "legal name", "company", "company name",
                      "entity name", "corporate name"), "the processor's `entity`"),
    Column("purpose", ("purpose", "purposes", "purpose of processing", "processing purpose",
                       "nature of processing", "service provided", "services provided",
                       "processing activities", "description", "function"),
           "the flow's `purpose`"),
    Column("location", ("location", "locations", "country", "countries", "processing location",
                        "location of processing", "data location", "hosting location",
                        "region", "where"),
           "the processor's `locations`: countries by name or code, EU/EEA, or words like "
           "worldwide (`unknown`)", required=True),
    Column("safeguard", ("safeguard", "safeguards", "transfer mechanism", "transfer mechanisms",
                         "transfer safeguard", "transfer basis", "legal basis for transfer",
                         "mechanism"),
           "the flow's `safeguards` (scc, bcr, consent, ..., or DPF: a certification of the "
           "processor); `scc (EU, GB)` names the jurisdictions"),
    Column("contact", ("contact", "contact details", "privacy contact", "email", "dpo"),
           "the processor's `contact`"),
    Column("categories", ("categories", "data categories", "personal data",
                          "categories of personal data", "data types", "data", "items"),
           "the flow's `categories`, one per item (known items get an ID and kinds)"),
    Column("retention", ("retention", "retention period", "storage period", "data retention"),
           "the flow's `retention`"),
), default_home=None, default_role="processor")

TRANSFERS = TableKind("transfers", "Korean overseas-transfer table (PIPA Art. 28-8(2))", (
    Column("recipient", ("이전받는 자", "이전받는 자의 성명", "이전받는 자의 명칭",
                         "이전받는 자 및 연락처", "이전받는 자(연락처)", "이전받는 업체",
                         "이전받는 자의 성명(명칭) 및 연락처", "제공받는 자", "수탁자",
                         "recipient", "recipients", "recipient and contact", "transferee",
                         "name of recipient"),
           f"{_RECIPIENT_HELP}; the name is also its `entity`", required=True),
    Column("contact", ("연락처", "이전받는 자의 연락처", "정보관리책임자 연락처",
                       "개인정보 보호책임자 연락처", "contact", "recipient contact"),
           "the recipient's `contact`"),
    Column("country", ("이전되는 국가", "이전국가", "이전 국가", "국가", "이전되는 국가 및 지역",
                       "country", "countries", "destination", "destination country",
                       "country of transfer"),
           "the recipient's `locations`: names in Korean (중국, 싱가포르, 미국), English or codes",
           required=True),
    Column("items", ("이전 항목", "이전되는 항목", "이전되는 개인정보 항목",
                     "이전하는 개인정보 항목", "개인정보 항목", "항목", "items",
                     "items transferred", "personal data items", "data transferred",
                     "categories"),
           "the flow's `categories`: one per item (이름, 휴대전화번호, 주소, ...)", required=True),
    Column("method", ("이전 일시 및 방법", "이전일시 및 방법", "이전 일시 및 이전 방법",
                      "이전 시기 및 방법", "이전 방법", "일시 및 방법", "when and how",
                      "time and method", "date and method of transfer", "method",
                      "transfer method"),
           "the flow's `method`"),
    Column("purpose_retention", (
        "이용 목적 및 보유·이용 기간", "이용목적 및 보유기간", "이용 목적 및 보유기간",
        "이전받는 자의 이용 목적 및 보유·이용 기간", "목적 및 보유기간",
        "purpose and retention", "purpose and retention period"),
           "the flow's `purpose` and `retention`, split at the first \" / \" or line break "
           "(a cell with neither gives both whole)"),
    Column("purpose", ("이용 목적", "이용목적", "이전받는 자의 이용 목적", "이전 목적",
                       "purpose", "purpose of use"), "the flow's `purpose`"),
    Column("retention", ("보유·이용 기간", "보유 및 이용기간", "보유 및 이용 기간", "보유기간",
                         "보유 기간", "이용 기간", "retention", "retention period"),
           "the flow's `retention`"),
    Column("refusal", ("거부 방법 및 거부 시 효과", "거부방법 및 거부 시 효과", "거부 방법 및 효과",
                       "거부 방법", "이전을 거부하는 방법, 절차 및 거부의 효과",
                       "how to refuse and the effect", "how to refuse", "refusal",
                       "refusal and effect"), "the flow's `refusal`"),
    Column("safeguard", ("이전 근거", "법적 근거", "safeguard", "legal basis",
                         "transfer mechanism"),
           "the flow's `safeguards`, as in a subprocessor list"),
), default_home="KR", default_role=None)

#: The kinds of table, by the name ``--table`` gives.
KINDS = {kind.name: kind for kind in (SUBPROCESSORS, TRANSFERS)}



def _shown(column: Column) -> str:
    """The column's first header, with its first English one if the first is Korean."""
    english = next((h for h in column.headers if h.isascii()), column.field)
    first = column.headers[0]
    return first if first.isascii() else f"{first} | {english}"


def columns_help() -> str:
    """The columns of each table and what each becomes, for ``--help``."""
    lines = []
    for kind in KINDS.values():
        lines.append(f"\b\n{kind.title[0].upper()}{kind.title[1:]}, --table {kind.name}:")
        lines += [f"  {_shown(c)}{' (required)' if c.required else ''}: {c.meaning}"
                  for c in kind.columns]
        lines.append("")
    return "\n".join(lines)
