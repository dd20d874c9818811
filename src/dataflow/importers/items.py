"""Items of personal data as tables name them ("이름, 휴대전화번호, 주소") and the categories
they become.

A known item becomes a category with an English name and, where the item is of a kind some
law treats specially, its ``kinds`` (resident registration numbers are ``national_id``,
health information ``health``...). An item not known here becomes a category named as
written, with no kinds: the import says so, for someone to add them where they apply.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import field
from functools import cache

from ..records import record
from .csvfile import split_cell

__all__ = ["KnownCategory", "ReadItem", "known_category", "read_items"]


@record(frozen=True)
class KnownCategory:
    """A category that items of several names become."""

    id: str
    name: str
    parent: str | None = None
    kinds: tuple[str, ...] = ()
    words: tuple[str, ...] = field(default=(), repr=False)


#: The known items, each with the words tables write for it (Korean and English).
KNOWN = (
    KnownCategory("contact", "Contact details", words=("연락처 정보", "contact details")),
    KnownCategory("contact.name", "Name", "contact", words=(
        "이름", "성명", "성함", "고객명", "회원명", "주문자명", "수령인", "수령인명", "수령인 이름",
        "받는 분", "받는 사람", "name", "full name", "customer name", "recipient name")),
    KnownCategory("contact.phone", "Phone number", "contact", words=(
        "휴대전화번호", "휴대전화 번호", "휴대폰번호", "휴대폰 번호", "핸드폰 번호", "전화번호",
        "연락처", "휴대전화", "수령인 연락처", "phone", "phone number", "mobile",
        "mobile number", "mobile phone number", "telephone", "telephone number")),
    KnownCategory("contact.email", "E-mail address", "contact", words=(
        "이메일", "이메일 주소", "전자우편", "전자우편 주소", "email", "e-mail", "email address",
        "e-mail address")),
    KnownCategory("contact.address", "Address", "contact", words=(
        "주소", "배송지", "배송지 주소", "배송 주소", "수령지", "수령지 주소", "address",
        "delivery address", "shipping address", "postal address")),
    KnownCategory("account.id", "Account ID", words=(
        "아이디", "회원 아이디", "회원아이디", "회원번호", "계정", "계정 정보", "ID", "user ID",
        "account ID", "username", "account")),
    KnownCategory("birth_date", "Date of birth", words=(
        "생년월일", "생일", "date of birth", "birth date", "birthday")),
    KnownCategory("gender", "Gender", words=("성별", "gender", "sex")),
    KnownCategory("order", "Order details", words=(
        "주문", "주문정보", "주문 정보", "주문내역", "주문 내역", "구매내역", "구매 내역",
        "구매정보", "구매 정보", "주문상품", "주문 상품", "상품 정보", "상품정보", "order",
        "orders", "order details", "order information", "purchase history")),
    KnownCategory("payment", "Payment details", kinds=("financial_account",), words=(
        "결제정보", "결제 정보", "결제수단", "결제 수단 정보", "카드번호", "카드 번호",
        "신용카드 정보", "계좌번호", "계좌 번호", "은행 계좌", "payment", "payment details",
        "payment information", "card number", "credit card", "bank account")),
    KnownCategory("credit", "Credit information", kinds=("credit",), words=(
        "신용정보", "신용 정보", "신용등급", "credit information", "credit score")),
    KnownCategory("identity.customs_code", "Personal customs clearance code", words=(
        "개인통관고유부호", "개인 통관 고유 부호", "통관고유부호", "personal customs code",
        "personal customs clearance code")),
    KnownCategory("identity.rrn", "Resident registration number", kinds=("national_id",),
                  words=("주민등록번호", "주민번호", "resident registration number")),
    KnownCategory("identity.passport", "Passport number", kinds=("national_id",), words=(
        "여권번호", "여권 번호", "여권정보", "passport", "passport number")),
    KnownCategory("identity.driver_licence", "Driver's licence number", kinds=("national_id",),
                  words=("운전면허번호", "운전면허 번호", "driver's license number",
                         "driver's licence number")),
    KnownCategory("identity.alien_registration", "Alien registration number",
                  kinds=("national_id",), words=("외국인등록번호", "외국인 등록번호",
                                                 "alien registration number")),
    KnownCategory("device", "Device information", words=(
        "기기정보", "기기 정보", "단말기 정보", "단말기정보", "기기 식별자", "단말기 식별자",
        "광고식별자", "광고 식별자", "ADID", "IDFA", "device", "device information",
        "device ID", "device identifiers", "advertising ID")),
    KnownCategory("device.ip", "IP address", "device", words=(
        "IP 주소", "IP주소", "접속 IP", "접속IP", "IP", "IP address")),
    KnownCategory("device.cookie", "Cookies", "device", words=("쿠키", "cookie", "cookies")),
    KnownCategory("usage", "Usage records", words=(
        "접속기록", "접속 기록", "접속 로그", "서비스 이용기록", "서비스 이용 기록", "이용기록",
        "이용 기록", "방문기록", "log", "logs", "access log", "usage data", "usage records")),
    KnownCategory("location", "Location", kinds=("precise_location",), words=(
        "위치정보", "위치 정보", "위치", "location", "location data", "GPS")),
    KnownCategory("health", "Health information", kinds=("health",), words=(
        "건강정보", "건강 정보", "의료정보", "의료 정보", "진료정보", "처방정보", "health",
        "health data", "health information", "medical information")),
    KnownCategory("biometric", "Biometric information", kinds=("biometric",), words=(
        "생체정보", "생체 정보", "바이오정보", "지문", "안면인식 정보", "얼굴 인식 정보",
        "biometric", "biometric data", "fingerprint", "face recognition data")),
    KnownCategory("support", "Customer support records", words=(
        "상담내역", "상담 내역", "상담내용", "상담 내용", "문의내용", "문의 내용", "고객 문의",
        "customer support", "support tickets", "support records")),
    KnownCategory("communications", "Messages", kinds=("communications",), words=(
        "메시지", "메시지 내용", "채팅 내용", "messages", "message content", "chat messages")),
)
#: What a flow carries when the table names no items: its kinds are not known.
NOT_ITEMISED = KnownCategory("personal-data", "Personal data (not itemised)")

_SPLIT = re.compile(r"\s*(?:[,;，、；\n]|\s및\s|\sand\s)\s*", re.IGNORECASE)


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s.·・\-_'’]", "", folded)


@cache
def _by_word() -> dict[str, KnownCategory]:
    return {_key(word): category for category in KNOWN for word in (*category.words,
                                                                     category.id)}


def known_category(word: str) -> KnownCategory | None:
    """The known category an item name (or a category ID) stands for, if any."""
    return _by_word().get(_key(word))


@record(frozen=True)
class ReadItem:
    """One item of a cell: as written, and the known categories it stands for (none when
    it is not known)."""

    written: str
    categories: tuple[KnownCategory, ...]


def read_items(cell: str) -> list[ReadItem]:
    """The items of a cell ("이름, 연락처(휴대전화번호, 이메일), 주소"), in order.

    An item with parentheses stands for what is inside them where those are known items
    ("연락처(휴대전화번호, 이메일)" is a phone number and an e-mail address), else for what is
    before them ("이름(수령인)" is a name).
    """
    found = []
    for part in split_cell(cell, _SPLIT):
        whole = known_category(part)
        if whole is not None:
            found.append(ReadItem(part, (whole,)))
            continue
        inner = re.search(r"[(（\[](.*)[)）\]]", part)
        if inner:
            inside = [known_category(p) for p in _SPLIT.split(inner.group(1)) if p.strip()]
            outer = known_category(part[:inner.start()].strip())
            if inside and all(inside):
                found.append(ReadItem(part, tuple(c for c in inside if c)))
                continue
            if outer is not None:
                found.append(ReadItem(part, (outer,)))
                continue
        found.append(ReadItem(part, ()))
    return found
