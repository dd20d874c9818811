"""dataflow import csv: a subprocessor list or a Korean overseas-transfer table becomes a map
that loads, with each column where docs/importing.md says, and every unreadable row a located
error with nothing written."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dataflow
from dataflow.importers import ImportOptionError, import_table, to_yaml
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[1]
KOREAN_TABLE = ROOT / "examples" / "import" / "korean-transfer-table.csv"
SUBPROCESSORS = ROOT / "examples" / "import" / "subprocessors.csv"
TRANSFER_HEADER = ["이전받는 자", "이전되는 국가", "이전 항목", "이전 일시 및 방법",
                   "이용 목적 및 보유·이용 기간", "거부 방법 및 거부 시 효과"]
SUBPROCESSOR_HEADER = ["name", "entity", "purpose", "location", "safeguard"]


def table(*rows: list[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def imported_map(raw: bytes, **options) -> tuple[dataflow.FlowMap, str]:
    """The map imported from ``raw`` as it loads, and its text."""
    text = to_yaml(import_table(raw, "t.csv", **options))
    return dataflow.loads(text, "imported.yaml"), text


def transfer_row(recipient: str = "Acme Co., Ltd.", country: str = "중국",
                 items: str = "이름, 휴대전화번호", method: str = "주문 시 네트워크를 통한 전송",
                 purpose: str = "주문 배송 / 회원 탈퇴 시까지",
                 refusal: str = "고객센터를 통해 거부 가능, 거부 시 해외 직구 서비스 이용 불가"
                 ) -> list[str]:
    return [recipient, country, items, method, purpose, refusal]


def problems(raw: bytes, **options) -> list[str]:
    with pytest.raises(dataflow.MapError) as caught:
        import_table(raw, "t.csv", **options)
    return [str(p) for p in caught.value.errors]


# -- the transfer table ----------------------------------------------------------------------

def test_korean_country_names_become_country_codes():
    fm, _ = imported_map(table(TRANSFER_HEADER, transfer_row("A", "중국"),
                               transfer_row("B", "싱가포르"), transfer_row("C", "미국, 일본"),
                               transfer_row("D", "홍콩")))
    assert {p.id: p.locations for p in fm.processors.values() if p.id != "service"} == {
        "a": ("CN",), "b": ("SG",), "c": ("US", "JP"), "d": ("HK",)}


def test_a_transfer_table_is_korean_unless_home_says_otherwise():
    raw = table(TRANSFER_HEADER, transfer_row())
    assert imported_map(raw)[0].home == "KR"
    assert imported_map(raw, home="JP")[0].home == "JP"
    assert imported_map(raw)[0].processors["service"].locations == ("KR",)


@pytest.mark.parametrize(("cell", "name", "contact"), [
    ("Acme Co., Ltd. (연락처: privacy@acme.example)", "Acme Co., Ltd.", "privacy@acme.example"),
    ("Acme Co., Ltd.\n연락처: +86-755-2100-4400", "Acme Co., Ltd.", "+86-755-2100-4400"),
    ("Acme Co., Ltd., 연락처: 02-555-0100", "Acme Co., Ltd.", "02-555-0100"),
    ("Acme (Shanghai) Co., Ltd.", "Acme (Shanghai) Co., Ltd.", None),  # no contact in it
])
def test_the_contact_is_split_out_of_the_recipient_cell(cell, name, contact):
    fm, _ = imported_map(table(TRANSFER_HEADER, transfer_row(cell)))
    (recipient,) = [p for p in fm.processors.values() if p.id != "service"]
    assert (recipient.name, recipient.entity, recipient.contact) == (name, name, contact)


def test_a_contact_column_gives_the_contact():
    header = ["이전받는 자", "연락처", "이전되는 국가", "이전 항목"]
    fm, _ = imported_map(table(header, ["Acme", "dpo@acme.example", "미국", "이메일"]))
    assert fm.processors["acme"].contact == "dpo@acme.example"


def test_purpose_and_retention_are_split_at_the_first_slash_or_kept_whole():
    fm, text = imported_map(table(TRANSFER_HEADER,
                                  transfer_row("A", purpose="주문 배송 / 회원 탈퇴 시까지"),
                                  transfer_row("B", purpose="주문 배송, 배송 후 90일 보관")))
    split, whole = fm.flows["service-to-a"], fm.flows["service-to-b"]
    assert (split.purpose, split.retention) == ("주문 배송", "회원 탈퇴 시까지")
    assert whole.purpose == whole.retention == "주문 배송, 배송 후 90일 보관"
    assert "given in one cell, not split" in text


def test_method_refusal_and_separate_purpose_and_retention_columns_reach_the_flow():
    header = ["Recipient", "Country", "Items", "When and how", "Purpose", "Retention",
              "How to refuse and the effect"]
    fm, _ = imported_map(table(header, ["Acme Inc.", "United States", "Name, e-mail address",
                                        "API call at each order", "Support", "3 years",
                                        "Opt out in settings; no chat support then"]))
    flow = fm.flows["service-to-acme"]
    assert (flow.method, flow.purpose, flow.retention, flow.refusal) == (
        "API call at each order", "Support", "3 years", "Opt out in settings; no chat support then")


def test_items_become_declared_categories_with_their_kinds():
    fm, text = imported_map(table(TRANSFER_HEADER, transfer_row(
        items="이름, 연락처(휴대전화번호, 이메일), 주민등록번호, 배송 메모")))
    flow = fm.flows["service-to-acme"]
    assert set(flow.categories) == {"contact.name", "contact.phone", "contact.email",
                                    "identity.rrn", "baesong-memo"}
    assert all(c in fm.categories for c in flow.categories)
    assert fm.categories["contact.phone"].parent == "contact"
    assert "contact" in fm.categories
    assert fm.categories["identity.rrn"].kinds == ("national_id",)
    assert (fm.categories["baesong-memo"].name, fm.categories["baesong-memo"].kinds) == (
        "배송 메모", ())
    assert "items not known here, with no kinds: 배송 메모" in text
    collected = fm.processors["service"].collects[0].categories
    assert set(collected) == set(flow.categories)  # the sender holds what it sends


def test_a_row_without_items_carries_personal_data_and_says_so():
    imported = import_table(table(TRANSFER_HEADER, transfer_row(items="")), "t.csv")
    assert imported.data["flows"][0]["categories"] == ["personal-data"]
    assert any("names no items" in n.message and n.line == 2 for n in imported.notes)


def test_recipients_named_in_korean_only_get_romanised_ids():
    fm, text = imported_map(table(TRANSFER_HEADER, transfer_row("주식회사 가온물류")))
    assert "gaonmulryu" in fm.processors
    assert fm.processors["gaonmulryu"].entity == "주식회사 가온물류"
    assert "ID made from '주식회사 가온물류'" in text


def test_a_transfer_table_gives_no_role_unless_asked():
    raw = table(TRANSFER_HEADER, transfer_row())
    assert imported_map(raw)[0].processors["acme"].role is None
    assert imported_map(raw, role="processor")[0].processors["acme"].role == "processor"


# -- the subprocessor list -------------------------------------------------------------------

def sub_row(name: str = "Acme", location: str = "United States", safeguard: str = "",
            entity: str = "Acme Inc.", purpose: str = "Hosting") -> list[str]:
    return [name, entity, purpose, location, safeguard]


def test_a_row_without_safeguard_gets_none():
    fm, _ = imported_map(table(SUBPROCESSOR_HEADER, sub_row()), home="DE")
    assert fm.flows["service-to-acme"].safeguards == ()
    assert fm.processors["acme"].safeguards == ()
    report = dataflow.check(fm)
    assert "DF100@service-to-acme@EU@US" in {f.id for f in report.findings}


@pytest.mark.parametrize("vague", ["worldwide", "global", "Europe", "전 세계"])
def test_places_that_name_no_country_become_unknown_never_a_country(vague):
    fm, text = imported_map(table(SUBPROCESSOR_HEADER, sub_row(location=vague)), home="DE")
    assert fm.processors["acme"].locations == ("unknown",)
    assert "names no country: `unknown`" in text


def test_eu_stays_a_region_and_etc_adds_unknown():
    fm, _ = imported_map(table(SUBPROCESSOR_HEADER, sub_row("A", "EU"),
                               sub_row("B", "미국 등"), sub_row("C", "Germany; USA")), home="DE")
    assert fm.processors["a"].locations == ("EU",)
    assert fm.processors["b"].locations == ("US", "unknown")
    assert fm.processors["c"].locations == ("DE", "US")


def test_an_empty_location_is_unknown():
    fm, _ = imported_map(table(SUBPROCESSOR_HEADER, sub_row(location="")), home="DE")
    assert fm.processors["acme"].locations == ("unknown",)


def test_safeguards_name_mechanisms_for_the_home_jurisdiction_unless_told():
    fm, _ = imported_map(table(SUBPROCESSOR_HEADER,
                               sub_row("A", safeguard="Standard Contractual Clauses"),
                               sub_row("B", safeguard="SCC (EU, GB); BCR"),
                               sub_row("C", safeguard="DPF"),
                               sub_row("D", safeguard="adequacy")), home="DE")
    (a,) = fm.flows["service-to-a"].safeguards
    assert (a.mechanism, a.jurisdictions) == ("scc", ("EU",))
    b = fm.flows["service-to-b"].safeguards
    assert [(s.mechanism, s.jurisdictions) for s in b] == [("scc", ("EU", "GB")),
                                                         ("bcr", ("EU",))]
    assert fm.processors["c"].certifications == ("dpf",)
    assert fm.flows["service-to-c"].safeguards == fm.flows["service-to-d"].safeguards == ()


def test_one_processor_per_recipient_one_flow_per_row():
    fm, _ = imported_map(table(SUBPROCESSOR_HEADER, sub_row("Acme", "US"),
                               sub_row("Acme", "Japan"), sub_row("Other", "US")), home="DE")
    assert sorted(fm.processors) == ["acme", "other", "service"]
    assert fm.processors["acme"].locations == ("US", "JP")
    assert sorted(fm.flows) == ["service-to-acme", "service-to-acme-2", "service-to-other"]


def test_unknown_columns_are_kept_as_extension_keys_and_said():
    fm, text = imported_map(table([*SUBPROCESSOR_HEADER, "Website"],
                                  [*sub_row(), "https://acme.example"]), home="DE")
    assert dict(fm.flows["service-to-acme"].extension_items()) == {
        "x-Website": "https://acme.example"}
    assert "kept unchecked on each flow as `x-` keys: Website" in text


def test_rows_above_the_header_are_listed_as_not_read():
    imported = import_table(table(["Our subprocessors (updated 2026-01)"], SUBPROCESSOR_HEADER,
                                  sub_row()), "t.csv", home="DE")
    assert sorted((n.line, n.message.split(":")[0]) for n in imported.notes) == [
        (1, "row before the header row, not read"),
        (2, "the table has no categories column")]


# -- errors ----------------------------------------------------------------------------------

def test_a_misspelled_header_is_a_located_error_with_the_closest_column():
    raw = table(["name", "entity", "purpose", "locaton", "safegaurd"], sub_row())
    found = problems(raw, home="DE")
    assert "t.csv:1:21: error: 'locaton' is not a column of a subprocessor list (did you " \
           "mean 'location'?)" in "\n".join(found)
    assert any(p.startswith("t.csv:1:29:") and "did you mean 'safeguard'?" in p for p in found)


def test_a_misspelled_korean_header_is_found_too():
    header = ["이전받는 자", "이전되는 국가", "이전 항목", "이전 일시 및 방뻡"]
    found = problems(table(header, transfer_row()[:4]))
    assert any("(did you mean '이전 일시 및 방법'?)" in p for p in found)


def test_an_unknown_country_is_a_located_error_with_a_suggestion():
    raw = table(SUBPROCESSOR_HEADER, sub_row(), sub_row("B", "Germny"))
    (found,) = problems(raw, home="DE")
    assert found.startswith("t.csv:3:21: error: column 'location': 'Germny' is not a country "
                            "known here (did you mean 'Germany'?)")


def test_an_unknown_korean_country_name_is_an_error_too():
    (found,) = problems(table(TRANSFER_HEADER, transfer_row(country="중궈")))
    assert found.startswith("t.csv:2:")
    assert "'중궈' is not a country known here" in found


def test_an_unknown_safeguard_is_a_located_error_with_a_suggestion():
    (found,) = problems(table(SUBPROCESSOR_HEADER, sub_row(safeguard="BCRz")), home="DE")
    assert found.startswith("t.csv:2:38: error: column 'safeguard': 'BCRz' is not a safeguard "
                            "known here (did you mean 'bcr'?)")


def test_every_bad_row_is_reported_at_once():
    raw = table(SUBPROCESSOR_HEADER, sub_row("A", "Germny"), sub_row("", "US"),
                sub_row("C", "US", "SCCs maybe"))
    assert [p.split(": error")[0] for p in problems(raw, home="DE")] == [
        "t.csv:2:21", "t.csv:3:1", "t.csv:4:24"]


def test_a_table_without_a_header_row_says_what_it_needs():
    (found,) = problems(table(["foo", "bar"], ["1", "2"]))
    assert found.startswith("t.csv:1:1: error: no header row")
    assert "'name', 'location'" in found
    assert "'이전받는 자'" in found


def test_a_subprocessor_list_needs_home():
    with pytest.raises(ImportOptionError, match="needs --home CC"):
        import_table(table(SUBPROCESSOR_HEADER, sub_row()), "t.csv")


def test_an_unclosed_quote_is_located_where_the_cell_starts():
    raw = b'name,location\nAcme,"United States\n'
    (found,) = problems(raw, home="DE")
    assert found.startswith("t.csv:2:6: error: this quoted cell has no closing quote")


# -- encodings -------------------------------------------------------------------------------

def test_a_byte_order_mark_is_read_past():
    fm, text = imported_map(b"\xef\xbb\xbf" + table(TRANSFER_HEADER, transfer_row()))
    assert "acme" in fm.processors
    assert "read as UTF-8 with a byte-order mark" in text


def test_korean_windows_cp949_is_read_when_the_bytes_are_korean():
    raw = table(TRANSFER_HEADER, transfer_row()).decode("utf-8").encode("cp949")
    fm, text = imported_map(raw)
    assert fm.flows["service-to-acme"].purpose == "주문 배송"
    assert "read as CP949 (Korean Windows)" in text


def test_utf16_with_tabs_as_excel_saves_unicode_text():
    rows = [TRANSFER_HEADER, transfer_row()]
    raw = "\n".join("\t".join(r) for r in rows).encode("utf-16")
    assert "acme" in imported_map(raw)[0].processors


def test_other_encodings_are_a_located_error_that_says_to_save_as_utf8():
    raw = "name,location\nMüller GmbH,Germany\n".encode("latin-1")
    (found,) = problems(raw, home="DE")
    assert found.startswith("t.csv:2:2: error: the file is not UTF-8 (byte 0xfc)")
    assert 'save it from the spreadsheet as "CSV UTF-8"' in found


def test_control_characters_in_cells_are_written_as_escapes():
    fm, text = imported_map(table(TRANSFER_HEADER, transfer_row(items="이름, 배송\x0e메모")))
    assert "배송\x0e메모" in {c.name for c in fm.categories.values()}
    assert "\x0e" not in text


def test_a_spreadsheet_file_is_not_read_as_text():
    (found,) = problems(b"PK\x03\x04\x00\x00binary", home="DE")
    assert "NUL byte" in found
    assert "CSV UTF-8" in found


# -- determinism, the examples and the command line -------------------------------------------

def test_the_same_table_gives_the_same_bytes():
    raw = KOREAN_TABLE.read_bytes()
    assert to_yaml(import_table(raw, "t.csv")) == to_yaml(import_table(raw, "t.csv"))


def test_the_korean_example_round_trip_reports_the_transfers_and_has_every_item():
    fm = dataflow.loads(to_yaml(import_table(KOREAN_TABLE.read_bytes(), "k.csv")), "k.yaml")
    report = dataflow.check(fm, as_of=date(2026, 6, 30))
    ids = {f.id for f in report.findings}
    cn = "service-to-qingdao-haoyun-logistics"
    assert f"DF100@{cn}@KR@CN" in ids  # the recipient in China: a transfer under PIPA
    assert {(t.flow, t.destination) for t in report.transfers} >= {
        (cn, "CN"), ("service-to-lionpoint-cloud", "SG"), ("service-to-brightdesk", "US")}
    flow = fm.flows[cn]
    assert flow.refusal.endswith("거부 시 해외 직구 서비스 이용 불가")
    assert (flow.method, flow.purpose, flow.retention) == (
        "해외 직구 상품 주문 시점에 네트워크를 통한 전송", "해외 직구 상품 배송", "배송 완료 후 90일까지")
    assert fm.processors["qingdao-haoyun-logistics"].contact == "privacy@haoyun-logistics.example"
    # every item of notice the table gives reaches the map: no disclosure finding
    assert not [f for f in report.findings if f.rule == "DF110"]


def test_the_korean_table_imported_gives_back_its_notice_in_korean_and_english():
    """import, check, notice: the notice of the imported table says what the table said,
    row by row, and the English one names the items in English."""
    from dataflow.notice import build_notice

    raw = KOREAN_TABLE.read_bytes()
    fm = dataflow.loads(to_yaml(import_table(raw, "k.csv")), "k.yaml")
    assert fm.language == "ko"
    report = dataflow.check(fm, as_of=date(2026, 6, 30))
    korean = build_notice(report, "PIPA", "ko")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))[1:]
    shown = {(r.recipient, r.destination): [[line.joint.join(p.text for p in line.parts)
                                             for line in cell] for cell in r.cells]
             for r in korean.rows}
    assert len(rows) == 5
    assert len(shown) == 6  # five rows, one of them in two countries
    _recipient, countries, items, method, purpose, refusal = rows[0]
    cells = shown[("qingdao-haoyun-logistics", "CN")]
    assert cells[0] == ["Qingdao Haoyun Logistics Co., Ltd.", "privacy@haoyun-logistics.example"]
    assert cells[1] == [countries]
    assert cells[2] == [item.strip() for item in items.split(",")]
    assert cells[3:] == [[method], [purpose], [refusal]]
    assert korean.gaps == ()
    english = build_notice(report, "PIPA", "en")
    row = next(r for r in english.rows if r.recipient == "qingdao-haoyun-logistics")
    assert [p.text for line in row.cells[2] for p in line.parts] == [
        "Name", "Phone number", "Address", "Personal customs clearance code"]
    assert english.untranslated > 0  # the purposes are in Korean only: said, not hidden


def test_the_subprocessor_example_round_trip():
    fm = dataflow.loads(to_yaml(import_table(SUBPROCESSORS.read_bytes(), "s.csv", home="IE")),
                        "s.yaml")
    report = dataflow.check(fm, as_of=date(2026, 6, 30))
    by_flow = {(t.flow, t.destination): t.status for t in report.transfers}
    assert by_flow[("service-to-postwing", "US")] == "adequate"  # DPF certified
    assert by_flow[("service-to-helpline-desk", "AU")] == "safeguarded"  # SCC under the GDPR
    assert "DF103@service-to-sentinel-ops@EU@unknown" in {f.id for f in report.findings}


def test_the_command_writes_the_map_and_summarises(write):
    write("t.csv", table(TRANSFER_HEADER, transfer_row(), transfer_row(items="")).decode())
    code, out, err = run("import", "csv", "t.csv", "-o", "map.yaml")
    assert code == 0
    assert out == ""
    assert err.splitlines()[0] == ("dataflow: imported 4 categories, 0 subjects, 2 processors, "
                                   "2 flows from 1 file(s) (Korean overseas-transfer table "
                                   "(PIPA Art. 28-8(2)))")
    assert err.splitlines()[2].startswith("  t.csv:3:1: the row names no items")
    assert dataflow.load("map.yaml").flows


def test_the_command_writes_nothing_on_error(write):
    write("t.csv", table(SUBPROCESSOR_HEADER, sub_row(location="Germny")).decode())
    write("map.yaml", "untouched\n")
    code, _, err = run("import", "csv", "t.csv", "--home", "DE", "-o", "map.yaml")
    assert code == 2
    assert err.startswith("t.csv:2:")
    assert "did you mean 'Germany'?" in err
    assert Path("map.yaml").read_text() == "untouched\n"
    code, _, err = run("import", "csv", "t.csv", "-o", "new.yaml")  # no --home
    assert code == 2
    assert "--home" in err
    assert not Path("new.yaml").exists()


def test_the_command_never_writes_over_its_input(write):
    write("t.csv", table(TRANSFER_HEADER, transfer_row()).decode())
    code, _, err = run("import", "csv", "t.csv", "-o", "t.csv")
    assert code == 2
    assert "refusing to write over an input file" in err


def test_the_command_prints_the_map_without_output_and_help_lists_columns(write):
    write("t.csv", table(TRANSFER_HEADER, transfer_row()).decode())
    code, out, _ = run("import", "csv", "t.csv")
    assert code == 0
    assert out.startswith("# Imported by `dataflow import csv` from t.csv")
    _, help_text, _ = run("import", "csv", "--help")
    for column in ("이전받는 자 | recipient", "이전되는 국가 | country", "location (required)"):
        assert column in help_text


# -- any valid subprocessor list -----------------------------------------------------------

_NAMES = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1,
                 max_size=20).filter(lambda s: s.strip() and s.strip() == " ".join(s.split())
                                     and not {"(", "（"} & set(s))  # "(...)": a contact
_PLACES = st.sampled_from(["United States", "Germany", "DE", "JPN", "중국", "싱가포르",
                           "worldwide", "EU", "Germany; Japan", "미국 등", ""])
_SAFEGUARDS = st.sampled_from(["", "SCC", "BCR", "DPF", "consent", "SCC (EU, GB)", "none",
                               "Adequacy"])
_ITEMS = st.sampled_from(["", "Name", "이름, 주소", "e-mail address; IP address",
                          "주민등록번호", "Blood type, name"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_NAMES, _PLACES, _SAFEGUARDS, _ITEMS, _NAMES), min_size=1,
                max_size=8))
def test_any_valid_subprocessor_list_imports_to_a_map_that_loads(rows):
    header = ["name", "location", "safeguard", "categories", "purpose"]
    raw = table(header, *[list(r) for r in rows])
    fm = dataflow.loads(to_yaml(import_table(raw, "t.csv", home="FR")), "t.yaml")
    recipients = {r[0].strip() for r in rows}
    assert len(fm.processors) == len(recipients) + 1  # and the sender
    assert {p.name for p in fm.processors.values() if p.id != "service"} == recipients
    assert len(fm.flows) == len(rows)
    assert all(c in fm.categories for f in fm.flows.values() for c in f.categories)


def test_every_column_is_documented():
    from dataflow.importers.columns import KINDS

    page = (ROOT / "docs" / "importing.md").read_text(encoding="utf-8")
    for kind in KINDS.values():
        for column in kind.columns:
            assert f"`{column.headers[0]}`" in page, column.field


def test_a_header_without_rows_and_two_columns_of_one_name_are_located_errors(write):
    write("empty.csv", "name,entity,purpose,location,safeguard\n")
    code, _, err = run("import", "csv", "empty.csv", "--home", "IE")
    assert code == 2
    assert err.startswith("empty.csv:1:1: error: the table has a header row and no rows")
    write("twice.csv", "name,entity,purpose,location,safeguard,Website,Website \n"
                       "A,A Inc,Hosting,Germany,,a.example,b.example\n")
    code, _, err = run("import", "csv", "twice.csv", "--home", "IE")
    assert code == 2
    assert "twice.csv:1:48: error: 'Website' is a second column named so" in err
