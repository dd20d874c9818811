"""dataflow import fides: Fides manifests become a map that loads, each rule of
docs/importing.md held by a case, with located errors and nothing written on error."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

import dataflow
from dataflow.importers import ImportOptionError, import_fides, to_yaml
from dataflow.importers.fideslang import kinds_of, rename
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "import" / "fides"

SHOP = """\
system:
  - fides_key: shop
    name: Shop
    responsibility: [Controller]
    ingress: [{fides_key: user, type: user}]
    egress:
      - {fides_key: crm, type: system}
    privacy_declarations:
      - name: Orders
        data_categories: [user.name, user.contact.email]
        data_use: essential.service
        data_subjects: [customer]
        ingress: [user]
        egress: [crm]
  - fides_key: crm
    name: CRM
    responsibility: [Processor]
    legal_name: CRM Inc.
    third_country_transfers: [USA]
    privacy_declarations:
      - name: Keeping customers
        data_categories: [user.name, user.contact.email]
        data_use: essential.service
        retention_period: 2 years
"""


def imported(write, *files: tuple[str, str], home: str | None = "KR"):
    """The import of manifest files written in a temporary folder, and its text."""
    for name, text in files:
        write(name, textwrap.dedent(text))
    result, read = import_fides(["."], home=home)
    return result, to_yaml(result), read


def loaded(write, *files: tuple[str, str], home: str | None = "KR") -> tuple[
        dataflow.FlowMap, str]:
    _, text, _ = imported(write, *files, home=home)
    return dataflow.loads(text, "imported.yaml"), text


def problems(write, *files: tuple[str, str]) -> list[str]:
    with pytest.raises(dataflow.MapError) as caught:
        imported(write, *files)
    return [str(p) for p in caught.value.errors]


# -- systems ---------------------------------------------------------------------------------

def test_a_system_becomes_a_processor_with_its_entity_role_and_alpha2_locations(write):
    fm, _ = loaded(write, ("m.yml", SHOP))
    crm = fm.processors["crm"]
    assert (crm.name, crm.entity, crm.role, crm.locations) == ("CRM", "CRM Inc.", "processor",
                                                               ("US",))


def test_third_country_transfers_of_a_used_dataset_are_locations_too(write):
    fm, _ = loaded(write, ("m.yml", SHOP.replace(
        "    legal_name: CRM Inc.", "    legal_name: CRM Inc.\n    dataset_references: [db]")),
        ("d.yml", "dataset:\n  - {fides_key: db, third_country_transfers: [JPN, USA], "
                  "collections: []}\n"))
    assert fm.processors["crm"].locations == ("US", "JP")


def test_no_country_means_unknown_never_a_guess(write):
    fm, text = loaded(write, ("m.yml", SHOP.replace("    third_country_transfers: [USA]\n",
                                                    "    does_international_transfers: true\n")))
    assert fm.processors["crm"].locations == ("unknown",)
    assert fm.processors["shop"].locations == ("unknown",)
    assert "does_international_transfers is true but Fides gives no country" in text
    findings = {f.id for f in dataflow.check(fm).findings}
    assert "DF103@shop-to-crm@KR@unknown" in findings  # the check says the map says too little


def test_the_organization_gives_a_controller_system_its_entity_and_contact(write):
    organization = """\
    organization:
      - fides_key: default_organization
        name: Shop Group
        controller: {name: "Shop Co., Ltd.", email: privacy@shop.example}
        data_protection_officer: {name: DPO, email: dpo@shop.example, phone: "+82-2-1"}
    """
    fm, _ = loaded(write, ("m.yml", SHOP), ("o.yml", organization))
    shop, crm = fm.processors["shop"], fm.processors["crm"]
    assert (shop.entity, shop.contact) == ("Shop Co., Ltd.", "DPO, dpo@shop.example, +82-2-1")
    assert (crm.entity, crm.contact) == ("CRM Inc.", None)  # a vendor is not the organization
    assert fm.name == "Shop Group"


def test_a_system_with_two_responsibilities_gets_no_role_and_says_so(write):
    result, _, _ = imported(write, ("m.yml", SHOP.replace("[Processor]",
                                                          "[Processor, Controller]")))
    crm = next(p for p in result.data["processors"] if p["id"] == "crm")
    assert "role" not in crm
    assert any("set `role` by hand" in n.message for n in result.notes)


def test_gdpr_transfer_bases_become_safeguards_and_other_fields_are_kept(write):
    fm, text = loaded(write, ("m.yml", SHOP.replace(
        "    legal_name: CRM Inc.", "    legal_name: CRM Inc.\n    legal_basis_for_transfers: "
        "[SCCs, Other]\n    data_security_practices: ISO 27001\n    dpa_location: https://x")))
    (safeguard,) = fm.processors["crm"].safeguards
    assert (safeguard.mechanism, safeguard.jurisdictions) == ("scc", ("EU",))
    assert dict(fm.processors["crm"].extension_items())["x-fides"] == {
        "data_security_practices": "ISO 27001", "dpa_location": "https://x"}
    assert "legal_basis_for_transfers 'Other' not carried over" in text


def test_fields_kept_under_x_fides_keep_their_empty_values(write):
    fm, _ = loaded(write, ("m.yml", SHOP.replace(
        "    legal_name: CRM Inc.", "    legal_name: CRM Inc.\n    fidesctl_meta: "
        "{resource_id: null, endpoint_address: crm.example}\n    uses_cookies: false")))
    assert dict(fm.processors["crm"].extension_items())["x-fides"] == {
        "fidesctl_meta": {"endpoint_address": "crm.example", "resource_id": None},
        "uses_cookies": "false"}


# -- flows -----------------------------------------------------------------------------------

def test_egress_becomes_a_flow_with_the_categories_of_the_declarations_naming_it(write):
    fm, _ = loaded(write, ("m.yml", SHOP))
    flow = fm.flows["shop-to-crm"]
    assert (flow.source, flow.target) == ("shop", "crm")
    assert flow.categories == ("user.name", "user.contact.email")
    assert (flow.subjects, flow.purpose, flow.retention) == (("customer",), "essential.service",
                                                             "2 years")


def test_egress_and_the_matching_ingress_are_one_flow(write):
    fm, _ = loaded(write, ("m.yml", SHOP.replace(
        "    legal_name: CRM Inc.", "    legal_name: CRM Inc.\n    ingress: [{fides_key: shop, "
        "type: system, data_categories: [user.name]}]")))
    assert list(fm.flows) == ["shop-to-crm"]
    assert fm.flows["shop-to-crm"].categories == ("user.name",)  # as the entry gives them


def test_without_categories_a_flow_carries_all_the_sender_declares_and_says_so(write):
    fm, text = loaded(write, ("m.yml", SHOP.replace("        egress: [crm]\n", "")))
    assert fm.flows["shop-to-crm"].categories == ("user.name", "user.contact.email")
    assert "categories: not given; all that 'shop' declares" in text


def test_a_flow_to_a_dataset_reaches_the_systems_that_use_it(write):
    manifest = SHOP.replace("      - {fides_key: crm, type: system}",
                            "      - {fides_key: crm_db, type: dataset}")
    manifest = manifest.replace("        egress: [crm]\n", "").replace(
        "    legal_name: CRM Inc.", "    legal_name: CRM Inc.\n    dataset_references: [crm_db]")
    fm, text = loaded(write, ("m.yml", manifest),
                      ("d.yml", "dataset:\n  - {fides_key: crm_db, collections: []}\n"))
    assert list(fm.flows) == ["shop-to-crm"]
    assert "through dataset(s) crm_db" in text


def test_a_system_named_but_not_described_is_unknown(write):
    fm, text = loaded(write, ("m.yml", SHOP.replace("{fides_key: crm, type: system}",
                                                    "{fides_key: crm, type: system}\n      - "
                                                    "{fides_key: ledger, type: system}")))
    assert fm.processors["ledger"].locations == ("unknown",)
    assert "not described in the manifests" in text


def test_an_undirected_dependency_is_a_comment_not_a_flow(write):
    manifest = SHOP.replace("    name: Shop\n",
                            "    name: Shop\n    system_dependencies: [crm, fraud]\n")
    manifest += """\
  - fides_key: fraud
    privacy_declarations:
      - {name: Scoring, data_categories: [user.device.ip_address], data_use: essential}
"""
    fm, text = loaded(write, ("m.yml", manifest))
    assert sorted(fm.flows) == ["shop-to-crm"]  # crm has a flow already; fraud gets none
    flows_part = text.split("\nflows:\n", 1)[1]
    assert "# system_dependencies: 'shop' depends on 'fraud', but Fides does not say which " \
           "way data goes" in flows_part
    assert "'shop' depends on 'crm'" not in text


def test_collection_comes_from_user_ingress_and_from_declared_data_no_flow_brings(write):
    fm, _ = loaded(write, ("m.yml", SHOP.replace("[user.name, user.contact.email]\n        "
                                                 "data_use: essential.service\n        "
                                                 "retention_period",
                                                 "[user.name, user.contact.phone_number]\n"
                                                 "        data_use: essential.service\n        "
                                                 "retention_period")))
    (shop_point,) = fm.processors["shop"].collects
    assert shop_point.categories == ("user.name", "user.contact.email")
    assert shop_point.origins is None
    assert fm.home == "KR"
    (crm_point,) = fm.processors["crm"].collects  # the phone number reaches it by no flow
    assert crm_point.categories == ("user.contact.phone_number",)


def test_collection_needs_home(write):
    with pytest.raises(ImportOptionError, match="give --home CC"):
        imported(write, ("m.yml", SHOP), home=None)


# -- categories ------------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new"), [
    ("user.provided.identifiable.contact.email", "user.contact.email"),       # fideslang 1.1
    ("user.derived.identifiable.device.ip_address", "user.device.ip_address"),
    ("user.provided.identifiable.genetic", "user.health_and_medical.genetic"),  # 1.1 then 2.0
    ("user.credentials.password", "user.authorization.credentials.password"),  # 2.0, a child
    ("user.observed", "user.behavior"),
    ("user.contact.email", "user.contact.email"),                             # current
])
def test_old_category_keys_are_renamed_as_fides_migrations_rename_them(old, new):
    assert rename(old).key == new


def test_a_renamed_key_is_declared_once_under_its_new_name_and_says_so(write):
    fm, text = loaded(write, ("m.yml", SHOP.replace(
        "[user.name, user.contact.email]\n        data_use: essential.service\n        "
        "data_subjects", "[user.name, user.provided.identifiable.contact.email]\n        "
        "data_use: essential.service\n        data_subjects")))
    assert "user.provided.identifiable.contact.email" not in fm.categories
    assert fm.flows["shop-to-crm"].categories == ("user.name", "user.contact.email")
    assert "# renamed: fideslang 1.1: user.provided.identifiable.contact.email -> " \
           "user.contact.email" in text


def test_a_key_older_than_any_migration_is_kept_and_listed(write):
    result, _, _ = imported(write, ("m.yml", SHOP.replace("user.name, user.contact.email]\n"
                                                          "        data_use: essential.service\n"
                                                          "        data_subjects",
                                                          "user.provided.identifiable]\n"
                                                          "        data_use: essential.service\n"
                                                          "        data_subjects")))
    assert any("'user.provided.identifiable' is a key of fideslang before 1.1" in n.message
               for n in result.notes)


def test_every_category_is_declared_with_its_parents(write):
    fm, _ = loaded(write, ("m.yml", SHOP))
    assert sorted(fm.categories) == ["user", "user.contact", "user.contact.email", "user.name"]
    assert fm.categories["user.contact.email"].parent == "user.contact"
    assert fm.categories["user.contact"].parent == "user"
    assert fm.categories["user"].parent is None


def test_sensitive_keys_get_their_kinds_and_custom_children_inherit_them(write):
    taxonomy = """\
    data_category:
      - fides_key: shop.rx
        name: Prescriptions
        parent_key: user.health_and_medical
    """
    fm, _ = loaded(write, ("m.yml", SHOP.replace(
        "[user.name, user.contact.email]\n        data_use: essential.service\n        "
        "data_subjects", "[user.name, shop.rx, user.government_id.passport_number]\n        "
        "data_use: essential.service\n        data_subjects")), ("t.yml", taxonomy))
    assert fm.categories["user.health_and_medical"].kinds == ("health",)
    assert fm.categories["shop.rx"].parent == "user.health_and_medical"
    assert fm.categories["shop.rx"].kinds == ()  # inherited through the parent
    assert fm.categories["user.government_id"].kinds == ("national_id",)
    report = dataflow.check(fm)
    assert "DF100@shop-to-crm@KR@US" in {f.id for f in report.findings}


@pytest.mark.parametrize(("key", "kinds"), [
    ("user.health_and_medical.genetic", ("health", "genetic")),
    ("user.demographic.race_ethnicity", ("racial_ethnic",)),
    ("user.demographic.political_opinion", ("political",)),
    ("user.demographic.religious_belief", ("religious",)),
    ("user.demographic.sexual_orientation", ("sex_life",)),
    ("user.criminal_history", ("criminal",)),
    ("user.biometric.fingerprint", ("biometric",)),
    ("user.financial.bank_account", ("financial_account",)),
    ("user.location.precise", ("precise_location",)),
    ("user.contact.email", ()),
])
def test_sensitive_fideslang_keys_map_to_kinds_the_model_knows(key, kinds):
    assert kinds_of(key) == kinds
    assert set(kinds) <= set(dataflow.model.KINDS)


def test_keys_that_are_no_valid_id_are_rewritten_everywhere_and_said(write):
    fm, text = loaded(write, ("m.yml", SHOP.replace("user.contact.email", "_internal.score")))
    assert "internal.score" in fm.categories
    assert fm.flows["shop-to-crm"].categories == ("user.name", "internal.score")
    assert "ID made from the key '_internal.score'" in text


# -- errors and notes ------------------------------------------------------------------------

@pytest.mark.parametrize(("wrong", "right", "error"), [
    ("[USA]", "[US]", "m.yml:19:31: error: 'US' is not an ISO 3166-1 alpha-3 country code (did "
     "you mean 'USA'?); third_country_transfers lists alpha-3 codes such as USA, CHN, KOR"),
    ("system:", "systems:", "m.yml:1:1: error: unknown list `systems` (did you mean 'system'?); "
     "a Fides manifest has system, dataset, organization, data_category, data_subject, "
     "data_use"),
], ids=["alpha-3 code", "list"])
def test_a_misspelled_value_is_a_located_error_with_a_suggestion(write, wrong, right, error):
    assert problems(write, ("m.yml", SHOP.replace(wrong, right))) == [error]


def test_a_resource_without_a_key_and_a_wrong_type_are_located(write):
    found = problems(write, ("m.yml", SHOP.replace("  - fides_key: crm\n", "  - fides_kee: crm\n")
                             .replace("type: system}", "type: sistem}")))
    assert any(p.startswith("m.yml:15:5: error: this system has no `fides_key`") for p in found)
    assert any("`type` 'sistem' is not one Fides knows" in p for p in found)


def test_a_system_declared_twice_is_an_error(write):
    found = problems(write, ("a.yml", SHOP), ("b.yml", SHOP))
    assert any(p.startswith("b.yml:2:16: error: system 'shop' is declared twice; the first is "
                            "at a.yml:2") for p in found)


def test_what_is_not_carried_over_is_listed_with_its_place(write):
    extra = """\
    policy:
      - fides_key: no_ads
    dataset:
      - fides_key: unused_db
        retention: 3 years
        collections: [{name: t, fields: []}]
    """
    result, text, _ = imported(write, ("m.yml", SHOP), ("x.yml", extra))
    said = {(n.file, n.line): n.message for n in result.notes}
    assert said[("x.yml", 1)].startswith("`policy` not carried over")
    assert "dataset 'unused_db' is no element of the map" in said[("x.yml", 4)]
    assert "# Not carried over (2):" in text


def test_other_yaml_files_in_a_folder_are_passed_over_and_said(write):
    result, _, read = imported(write, ("m.yml", SHOP), ("ci/config.yaml", "jobs: {}\n"))
    assert read == ["m.yml"]
    assert any(n.file == "ci/config.yaml" and "not a Fides manifest" in n.message
               for n in result.notes)


def test_the_same_manifests_give_the_same_bytes(write):
    first = imported(write, ("m.yml", SHOP))[1]
    assert imported(write)[1] == first


# -- the example and the command line --------------------------------------------------------

def test_the_example_round_trip_reports_the_transfers():
    result, read = import_fides([str(EXAMPLE)], home="KR")
    assert len(read) == 5
    fm = dataflow.loads(to_yaml(result), "dalbit.yaml")
    report = dataflow.check(fm, as_of=date(2026, 6, 30))
    ids = {f.id for f in report.findings}
    assert "DF100@order_service-to-fulfilment_cn@KR@CN" in ids  # the processor in China
    assert "DF100@order_service-to-mailer@KR@US" in ids  # its SCCs are for the GDPR only
    assert "DF103@storefront-to-analytics@KR@unknown" in ids  # no country given
    assert fm.categories["user.health_and_medical"].kinds == ("health",)
    assert "user.contact.email" in fm.categories  # renamed from the fideslang 0.x key
    assert set(fm.flows) == {"storefront-to-order_service", "storefront-to-payment_gateway",
                             "storefront-to-analytics", "order_service-to-fulfilment_cn",
                             "order_service-to-mailer"}
    assert "fraud_check" not in {f.target for f in fm.flows.values()}  # undirected dependency


def test_the_example_imported_gives_a_notice_that_marks_what_the_manifests_do_not_say():
    """import, check, notice: every transfer of the imported map is in the PIPA notice, and
    what Fides manifests do not record (retention, how to refuse) is marked missing."""
    from dataflow.notice import build_notice

    result, _ = import_fides([str(EXAMPLE)], home="KR")
    report = dataflow.check(dataflow.loads(to_yaml(result), "dalbit.yaml"),
                            as_of=date(2026, 6, 30))
    found = build_notice(report, "PIPA", "en")
    listed = {(r.recipient, r.destination) for r in found.rows}
    assert {(t.target, t.destination) for t in report.transfers
            if t.jurisdiction == "KR" and t.status != "adequate"} == listed
    assert ("fulfilment_cn", "CN") in listed
    lacking = {(g.recipient, g.item) for g in found.gaps}
    assert ("fulfilment_cn", "refusal") in lacking
    assert ("analytics", "destination") in lacking  # no country in the manifest


def test_the_command_writes_the_map_and_lists_what_it_left_out(write, tmp_path):
    code, out, err = run("import", "fides", str(EXAMPLE), "--home", "KR", "-o", "map.yaml")
    assert code == 0
    assert out == ""
    assert "imported 14 categories, 1 subjects, 7 processors, 5 flows from 5 file(s)" in err
    assert "system_dependencies: 'storefront' depends on 'fraud_check'" in err
    assert dataflow.load("map.yaml").processors["fulfilment_cn"].locations == ("CN",)


def test_the_command_writes_nothing_on_error(write):
    write("m.yml", SHOP.replace("[USA]", "[XYZ]"))
    write("map.yaml", "untouched\n")
    code, _, err = run("import", "fides", "m.yml", "--home", "KR", "-o", "map.yaml")
    assert code == 2
    assert err.startswith("m.yml:19:31: error: 'XYZ' is not an ISO 3166-1 alpha-3 country code")
    assert Path("map.yaml").read_text() == "untouched\n"
    write("m.yml", SHOP)
    code, _, err = run("import", "fides", "m.yml", "-o", "map.yaml")  # no --home
    assert code == 2
    assert "give --home CC" in err
    assert Path("map.yaml").read_text() == "untouched\n"
    code, _, err = run("import", "fides", "m.yml", "--home", "KR", "-o", "m.yml")
    assert code == 2
    assert "refusing to write over an input file" in err


def test_every_sensitive_key_and_rename_rule_is_documented():
    from dataflow.importers.fideslang import KINDS

    page = (ROOT / "docs" / "importing.md").read_text(encoding="utf-8")
    for key in KINDS:
        assert f"`{key}" in page, key
    assert "7abe778b7082" in page
    assert "1ea164cee8bc" in page
    assert "Creative Commons Attribution 4.0" in page


def test_an_own_systems_transfers_abroad_stay_transfers(write):
    """The organization's own system with third_country_transfers is not placed abroad (its
    transfers would become moves on its own premises, or its collection a collection on its
    own account): it stays where Fides says nothing (unknown) and sends to a recipient in
    each country, with no entity and no role, so the check reports the transfer."""
    own = """\
organization:
  - fides_key: default_organization
    name: Acme Shop
system:
  - fides_key: storefront
    name: Storefront
    responsibility: [Controller]
    third_country_transfers: [USA]
    legal_basis_for_transfers: [SCCs]
    ingress: [{fides_key: user, type: user}]
    privacy_declarations:
      - {name: Orders, data_categories: [user.health], data_use: essential.service,
         data_subjects: [customer]}
"""
    fm, text = loaded(write, ("m.yml", own))
    assert fm.processors["storefront"].locations == ("unknown",)
    abroad = fm.processors["storefront-abroad-us"]
    assert (abroad.locations, abroad.entity, abroad.role) == (("US",), None, None)
    assert [s.mechanism for s in abroad.safeguards] == ["scc"]  # the bases of its transfers
    assert "Fides names the country, not the recipient" in text
    ids = {f.id for f in dataflow.check(fm).findings}
    assert "DF100@storefront-to-storefront-abroad-us@KR@US" in ids  # PIPA: no SCC ground


def test_a_yaml_merge_key_is_refused_at_its_mapping_not_dropped(write):
    write("m.yml", "system:\n  - &shared\n    fides_key: crm\n    name: CRM\n"
                   "  - <<: *shared\n    fides_key: crm2\n")
    code, _, err = run("import", "fides", "m.yml", "--home", "KR", "-o", "map.yaml")
    assert code == 2
    assert err.startswith("m.yml:5:5: error: a YAML merge key (`<<`) is not read here")
    assert not Path("map.yaml").exists()
