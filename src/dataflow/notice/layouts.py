"""How each law's transfer notice is laid out: its title, its opening sentence, its columns.

What a notice must give is the law's (its pack's ``disclosure.items``); this module only says
how the notice groups those items into the columns readers expect. The PIPA layout is the
table of Korean privacy policies (이전받는 자, 이전되는 국가, 이전 항목, 이전 일시 및 방법,
이용 목적 및 보유·이용 기간, 거부 방법 및 거부 시 효과: Art. 28-8(2) items 1-5); the PIPL
layout follows the list of Art. 39; the GDPR layout, Art. 13(1)(f) and 14(1)(f). A law with a
``disclosure`` but no layout here gets one column per item. Texts are English ``msgid``\\ s of
the ``notice`` catalogues (:mod:`dataflow.i18n`).
"""

from __future__ import annotations

from ..i18n import N_
from ..records import record

__all__ = ["ITEM_HEADINGS", "LAYOUTS", "Column", "Layout", "layout_for"]


@record(frozen=True)
class Column:
    heading: str
    items: tuple[str, ...]  # the disclosure items shown in it, in order


@record(frozen=True)
class Layout:
    title: str
    intro: str
    columns: tuple[Column, ...]


#: A column per item, for the items a layout does not place and for laws without a layout.
ITEM_HEADINGS = {
    "recipient": N_("Recipient"), "contact": N_("Recipient's contact"),
    "destination": N_("Country"), "categories": N_("Personal data transferred"),
    "method": N_("When and how"), "purpose": N_("Purpose"), "retention": N_("Retention period"),
    "refusal": N_("How to refuse, and the effect of refusing"),
    "rights": N_("How to exercise your rights with the recipient"),
    "safeguard_reference": N_("Safeguard relied on"),
    "safeguard_copy": N_("Where a copy can be obtained"),
}

#: The layouts, by jurisdiction ID.
LAYOUTS = {
    "KR": Layout(
        title=N_("Overseas transfer of personal information"),
        intro=N_("As Article 28-8(2) of the Personal Information Protection Act requires, "
                 "the personal information transferred overseas, and to whom, is as "
                 "follows."),
        columns=(
            Column(N_("Recipient (contact)"), ("recipient", "contact")),
            Column(N_("Country of transfer"), ("destination",)),
            Column(N_("Personal information transferred"), ("categories",)),
            Column(N_("Date, time and method of transfer"), ("method",)),
            Column(N_("Recipient's purpose of use and retention period"),
                   ("purpose", "retention")),
            Column(N_("How to refuse (method and procedure), and the effect of refusing"),
                   ("refusal",)),
        )),
    "CN": Layout(
        title=N_("Provision of personal information outside the People's Republic of China"),
        intro=N_("As Article 39 of the Personal Information Protection Law of the People's "
                 "Republic of China requires, the overseas recipients of personal "
                 "information, and what they receive, are as follows."),
        columns=(
            Column(N_("Overseas recipient"), ("recipient",)),
            Column(N_("Contact"), ("contact",)),
            Column(N_("Country or region"), ("destination",)),
            Column(N_("Purpose of processing"), ("purpose",)),
            Column(N_("Method of processing"), ("method",)),
            Column(N_("Categories of personal information"), ("categories",)),
            Column(N_("How to exercise your rights with the overseas recipient"),
                   ("rights",)),
        )),
    "EU": Layout(
        title=N_("Transfers of personal data outside the European Economic Area"),
        intro=N_("As Articles 13(1)(f) and 14(1)(f) of the General Data Protection "
                 "Regulation require, personal data is transferred to recipients in the "
                 "countries below. For each: the European Commission's adequacy decision, "
                 "or the safeguard relied on and where a copy of it can be obtained."),
        columns=(
            Column(N_("Recipient"), ("recipient",)),
            Column(N_("Country"), ("destination",)),
            Column(N_("Adequacy decision or safeguard relied on"), ("safeguard_reference",)),
            Column(N_("Where a copy can be obtained"), ("safeguard_copy",)),
        )),
}
_GENERIC_TITLE = N_("Transfers of personal data abroad")
_GENERIC_INTRO = N_("As {reference} requires, the personal data transferred abroad, and to "
                    "whom, is as follows.")


def layout_for(jurisdiction_id: str, items: tuple[str, ...]) -> Layout:
    """The layout of a law's notice: its own, with a column added for every item of
    ``items`` it does not place (a map may override a pack and require more)."""
    own = LAYOUTS.get(jurisdiction_id)
    if own is None:
        own = Layout(_GENERIC_TITLE, _GENERIC_INTRO,
                     (Column(ITEM_HEADINGS["recipient"], ("recipient",)),
                      Column(ITEM_HEADINGS["destination"], ("destination",))))
    placed = {item for column in own.columns for item in column.items}
    extra = tuple(Column(ITEM_HEADINGS[i], (i,)) for i in items if i not in placed)
    return Layout(own.title, own.intro, own.columns + extra)
