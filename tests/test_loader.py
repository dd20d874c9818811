"""Loading maps: files, folders, includes, and every mistake located with a fix."""

from __future__ import annotations

import os

import pytest

import dataflow
from tests.conftest import MINIMAL, problems


def test_minimal_map_loads_with_elements_by_id():
    fm = dataflow.loads(MINIMAL)
    assert list(fm.processors) == ["web", "crm"]
    assert fm.flows["signup"].source == "web"
    assert fm.categories["contact.email"].name == "E-mail"
    assert fm.home == "KR"
    assert str(fm.location("flow", "signup")) == "<string>:14:6"


def test_flow_without_id_gets_from_to():
    fm = dataflow.loads(MINIMAL.replace("id: signup, ", ""))
    assert list(fm.flows) == ["web->crm"]


def test_unknown_key_suggests_the_right_one():
    found = problems("""\
        dataflow: 1
        processors:
          - id: web
            locatons: [KR]
        """)
    assert (4, 5, "unknown key 'locatons' in a processor (did you mean 'locations'?); "
            "allowed keys: id, name, description, entity, role, locations, contact, rights, "
            "certifications, collects, safeguards, contract_terms, volume, translations (a field "
            "of your own: "
            "start its key with x-, as in x-locatons)") in found


def test_dangling_reference_suggests_the_closest_id():
    found = problems(MINIMAL.replace("to: crm", "to: cmr"))
    assert found == [(14, 33, "unknown processor 'cmr' (did you mean 'crm'?)")]


def test_duplicate_id_names_the_first_declaration():
    again = "  - {id: signup, from: crm, to: web, categories: [contact.email]}\n"
    found = problems(MINIMAL + again)
    assert found == [(15, 10, "duplicate flow ID 'signup', first declared at m.yaml:14:10; "
                              "IDs must be unique across the whole map")]


@pytest.mark.parametrize(("replace", "expected"), [
    (("home: KR", "home: UK"), (3, 7, "the code of United Kingdom is 'GB'")),
    (("home: KR", "home: kr"), (3, 7, "write 'KR'")),
    (("dataflow: 1", "dataflow: 2"), (1, 11, "unsupported format version '2'")),
    (("name: E-mail}", "name: E-mail, sensitive: yes}"), (5, 50, "'yes' is not true or false")),
    (("categories: [contact.email]}", "categories: [contact.email], volume: 1_000}"),
     (14, 75, "'1_000' is not a whole number")),
    (("name: Shop", "name: Shop\nas_of: 2023-02-30"), (3, 8, "'2023-02-30' is not a real date")),
    # a quoted number or date with a line break is text, not a number or a date
    (("categories: [contact.email]}", 'categories: [contact.email], volume: "10\\n"}'),
     (14, 75, "is not a whole number")),
    (("dataflow: 1", 'dataflow: "1\\n"'), (1, 11, "not a whole number")),
    (("name: Shop", 'name: Shop\nas_of: "2026-06-30\\n"'), (3, 8, "is not a date")),
    (("  - id: crm\n    locations: [KR]", "  - id: crm\n    locations: KR"),
     (12, 16, "`locations` must be a list, not 'KR': write [KR]")),
    (("id: signup", "id: sign up"), (14, 10, "'sign up' is not a valid ID")),
])
def test_value_mistakes_are_located_and_explained(replace, expected):
    found = problems(MINIMAL.replace(*replace))
    line, column, words = expected
    assert any((ln, c) == (line, column) and words in m for ln, c, m in found), found


def test_all_problems_of_a_file_in_one_run():
    found = problems("""\
        dataflow: 1
        home: XX
        categories:
          - {id: a, sensitve: true}
        processors:
          - {id: p, locations: [KR], role: controler}
          - {id: q, locations: [JP]}
        flows:
          - {from: q, to: r, categories: [b]}
        """)
    assert [(ln, c) for ln, c, _ in found] == [(2, 7), (4, 13), (6, 36), (9, 19), (9, 35)]


def test_reference_to_an_invalid_element_is_not_reported_twice():
    found = problems("""\
        dataflow: 1
        processors:
          - {id: p, locations: [KR], role: boss}
          - {id: q, locations: [JP]}
        flows:
          - {from: q, to: p, categories: [x]}
        """)
    assert [m for _, _, m in found if "processor" in m and "unknown" in m] == []


def test_yaml_1_1_traps_come_through_as_written():
    fm = dataflow.loads("""\
dataflow: 1
categories: [{id: on}, {id: '0123'}, {id: 0123.4}]
processors:
  - {id: NO, locations: [NO]}
  - {id: yes, locations: [NO]}
flows:
  - {id: off, from: NO, to: yes, categories: [on, 0123, 0123.4]}
""")
    assert list(fm.categories) == ["on", "0123", "0123.4"]
    assert fm.processors["NO"].locations == ("NO",)
    assert fm.flows["off"].target == "yes"


def test_include_merges_files_and_locates_their_errors(write):
    write("map.yaml", """\
        dataflow: 1
        home: KR
        include: [parts/*.yaml]
        categories: [{id: c}]
        processors: [{id: a, locations: [KR]}]
        """)
    write("parts/b.yaml", """\
        dataflow: 1
        processors: [{id: b, locations: [JP]}]
        flows: [{from: a, to: b, categories: [c]}]
        """)
    write("parts/c.yaml", "dataflow: 1\nflows: [{from: b, to: zz, categories: [c]}]\n")
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.load("map.yaml")
    (error,) = caught.value.errors
    assert str(error) == "parts/c.yaml:2:23: error: unknown processor 'zz'"
    write("parts/c.yaml", "dataflow: 1\nflows: [{from: b, to: a, categories: [c]}]\n")
    fm = dataflow.load("map.yaml")
    assert list(fm.flows) == ["a->b", "b->a"]
    assert fm.files == ("map.yaml", "parts/b.yaml", "parts/c.yaml")


def test_a_file_reached_twice_counts_once(write):
    write("map.yaml", "dataflow: 1\ninclude: [b.yaml]\nprocessors: [{id: a, locations: [KR]}]\n")
    write("b.yaml", "dataflow: 1\nprocessors: [{id: b, locations: [KR]}]\n")
    fm = dataflow.load("map.yaml", "b.yaml", ".")
    assert list(fm.processors) == ["a", "b"]


@pytest.mark.parametrize(("include", "words"), [
    ("[missing.yaml]", "include 'missing.yaml' matches no file"),
    ("[../outside.yaml]", "leads outside the map's folder"),
    ("[map.yaml]", "include cycle: map/map.yaml -> map/map.yaml"),
    ("[/etc/passwd]", "is an absolute path"),
])
def test_include_mistakes(write, include, words):
    write("outside.yaml", "dataflow: 1\n")
    write("map/map.yaml",
          f"dataflow: 1\ninclude: {include}\nprocessors: [{{id: a, locations: [KR]}}]\n")
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.load("map/map.yaml")
    (error,) = caught.value.errors
    assert (error.file, error.line, error.column) == ("map/map.yaml", 2, 11)
    assert words in error.message


def test_folder_takes_only_map_files(write):
    write("privacy/a.yaml", "dataflow: 1\nprocessors: [{id: a, locations: [KR]}]\n")
    write("privacy/sub/b.yml", "dataflow: 1\nprocessors: [{id: b, locations: [KR]}]\n")
    write("privacy/ci.yaml", "jobs: {build: {runs-on: ubuntu}}\n")
    write("privacy/.hidden/c.yaml", "dataflow: 1\nprocessors: [{id: c, locations: [KR]}]\n")
    assert list(dataflow.load("privacy").processors) == ["a", "b"]


def test_folder_refuses_a_map_file_that_forgot_its_key(write):
    """A team's file with flows but no `dataflow: 1` is not dropped in silence."""
    write("m/a.yaml", "dataflow: 1\nprocessors: [{id: a, locations: [KR]}]\n")
    # however the file is written: a comment naming the map, flow style, quoted keys
    write("m/team.yaml", "# our part of the dataflow map\nflows:\n  - {from: a, to: b, categories: [x]}\n")
    write("m/flow-style.yaml", "{processors: [{id: c, locations: [CN]}]}\n")
    write("m/quoted.yaml", '"subjects": [{id: s}]\n')
    write("m/ci.yaml", "jobs: {build: {runs-on: ubuntu}}\n")
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.load("m")
    assert [(e.file, e.line) for e in caught.value.errors] == [
        ("m/flow-style.yaml", 1), ("m/quoted.yaml", 1), ("m/team.yaml", 3)]
    assert all("key but no `dataflow: 1`" in e.message for e in caught.value.errors)


def test_folder_reads_a_map_however_its_key_is_written(write):
    write("m/bom.yaml", b"\xef\xbb\xbfdataflow: 1\nprocessors: [{id: bom, locations: [KR]}]\n")
    write("m/quoted.yaml", '"dataflow": 1\nprocessors: [{id: quoted, locations: [KR]}]\n')
    write("m/flow.yaml", "{dataflow: 1, processors: [{id: flow, locations: [KR]}]}\n")
    write("m/ci.yaml", "# not a dataflow map\njobs: {build: {runs-on: ubuntu}}\n")
    assert sorted(dataflow.load("m").processors) == ["bom", "flow", "quoted"]


def test_folder_refuses_a_utf16_map_instead_of_skipping_it(write):
    text = "dataflow: 1\nprocessors: [{id: a, locations: [KR]}]\n"
    write("m/a.yaml", "dataflow: 1\nprocessors: [{id: b, locations: [KR]}]\n")
    write("m/utf16.yaml", text.encode("utf-16"))
    write("m/utf16-no-bom.yaml", text.encode("utf-16-le"))
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.load("m")
    assert [(e.file, e.line) for e in caught.value.errors] == [
        ("m/utf16-no-bom.yaml", 1), ("m/utf16.yaml", 1)]
    assert "UTF-16" in caught.value.errors[1].message


def test_pipes_and_devices_are_refused_not_read(write, tmp_path):
    write("m/a.yaml", "dataflow: 1\nprocessors: [{id: a, locations: [KR]}]\n")
    os.mkfifo(tmp_path / "m" / "pipe.yaml")
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.load("m")  # would block forever if the pipe were opened
    (error,) = caught.value.errors
    assert (error.file, error.line, error.column) == ("m/pipe.yaml", 1, 1)
    assert "not a regular file" in error.message
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.load("/dev/zero")  # would be read past every limit
    assert "not a regular file" in caught.value.errors[0].message


def test_a_glob_include_does_not_follow_link_loops(write, tmp_path):
    write("m/map.yaml", "dataflow: 1\ninclude: ['**/*.yaml']\nprocessors: [{id: a, locations: [KR]}]\n")
    write("m/more/b.yaml", "dataflow: 1\nprocessors: [{id: b, locations: [KR]}]\n")
    os.symlink(tmp_path / "m", tmp_path / "m" / "more" / "loop1")
    os.symlink(tmp_path / "m", tmp_path / "m" / "loop2")
    assert sorted(dataflow.load("m/map.yaml").processors) == ["a", "b"]


def test_duplicate_ids_across_files(write):
    write("m/a.yaml", "dataflow: 1\nprocessors: [{id: a, locations: [KR]}]\n")
    write("m/b.yaml", "dataflow: 1\nprocessors: [{id: a, locations: [JP]}]\n")
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.load("m")
    assert [str(e) for e in caught.value.errors] == [
        "m/b.yaml:2:19: error: duplicate processor ID 'a', first declared at m/a.yaml:2:19; "
        "IDs must be unique across the whole map"]


def test_conflicting_home_across_files(write):
    write("m/a.yaml", "dataflow: 1\nhome: KR\nprocessors: [{id: a, locations: [KR]}]\n")
    write("m/b.yaml", "dataflow: 1\nhome: JP\n")
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.load("m")
    assert "`home` is JP here but KR at m/a.yaml:2:7" in caught.value.errors[0].message


def test_missing_path_and_non_map_file(write):
    write("x.yaml", "a: 1\n")
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.load("nope.yaml", "x.yaml")
    assert [(e.file, e.message[:30]) for e in caught.value.errors] == [
        ("nope.yaml", "no such file or folder; give a"),
        ("x.yaml", "this file is not a dataflow ma")]


def test_collection_without_origin_needs_home():
    found = problems(MINIMAL.replace("home: KR\n", ""))
    assert found == [(9, 9, "this collection point has no `from` and the map has no `home`: "
                            "say where the data subjects are, e.g. `from: [KR]`, or set `home`")]


def test_category_parent_cycle():
    found = problems("""\
        dataflow: 1
        categories: [{id: a, parent: b}, {id: b, parent: a}]
        processors: [{id: p, locations: [KR]}]
        """)
    assert len(found) == 1
    assert "categories are their own ancestors" in found[0][2]


def test_waiver_checks():
    found = problems(MINIMAL + """\
waivers:
  - {rule: DF10, flow: signup, reason: accepted}
  - {finding: DF100@signup@KR@*, reason: ok}
  - {rule: DF100, flow: sigup, reason: x}
  - {rule: DF100, reason: x}
""")
    messages = [m for _, _, m in found]
    assert messages[0] == "unknown flow 'sigup' (did you mean 'signup'?)"
    assert "also names the `flow` or `processor`" in messages[1]
    assert len(found) == 2


def test_waivers_naming_unknown_rules_are_refused_by_the_check():
    fm = dataflow.loads(MINIMAL + """\
waivers:
  - {rule: DF10, flow: signup, reason: accepted}
  - {finding: DF9000@signup, reason: ok}
  - {finding: "*@signup@KR@*", reason: every rule}
  - {finding: DF100@signup@KR@*, reason: ok}
""", "m.yaml")
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.check(fm)
    errors = caught.value.errors
    assert [(e.file, e.line) for e in errors] == [("m.yaml", 16), ("m.yaml", 17)]
    assert errors[0].message.startswith("unknown rule 'DF10' (did you mean 'DF1")
    assert errors[0].column == 12
    assert errors[1].message.startswith("'DF9000@signup' names unknown rule 'DF9000'")


def test_links_out_of_the_folder_are_refused(write, tmp_path):
    write("elsewhere/secret.yaml", "dataflow: 1\nprocessors: [{id: s, locations: [KR]}]\n")
    write("m/a.yaml", "dataflow: 1\nprocessors: [{id: a, locations: [KR]}]\n")
    (tmp_path / "m" / "b.yaml").symlink_to(tmp_path / "elsewhere" / "secret.yaml")
    with pytest.raises(dataflow.MapError) as caught:
        dataflow.load("m")
    (error,) = caught.value.errors
    assert (error.file, error.line) == ("m/b.yaml", 1)
    assert "outside the map's folder" in error.message


def test_references_inside_an_element_with_a_bad_key_are_still_checked():
    found = problems("""\
        dataflow: 1
        home: KR
        subjects: [{id: customer}]
        categories: [{id: email}]
        processors:
          - {id: p, locations: [KR], role: boss, collects: [{categories: [email], subjects: [custmer]}]}
        flows:
          - {from: p, to: q, categories: [email], volume: lots}
        """)
    messages = [m for _, _, m in found]
    assert messages == [
        "`role` is 'boss'; expected one of: controller, processor, third_party",
        "unknown subject 'custmer' (did you mean 'customer'?)",
        "unknown processor 'q'",
        "'lots' is not a whole number; write digits only, without leading zeros, signs, "
        "separators or quotes",
    ]


@pytest.mark.parametrize(("text", "words"), [
    ("processors: [{id: a, locations: [CN, CN]}]", "'CN' is listed twice; remove one"),
    ("processors: [{id: a, locations: [DE], safeguards: [{mechanism: scc, jurisdictions: [DE]}]}]",
     "DE belongs to the jurisdiction EU, whose law governs its transfers: write EU"),
    ("processors: [{id: a, locations: [MX]}]\njurisdictions: [{id: X, members: [MX], mechanisms: "
     "[{mechanism: scc, reference: r}], requirements: [{one_of: [sc], reference: r, explanation: e}]}]",
     "'sc' is not one of the mechanisms X lists (did you mean 'scc'?)"),
    ("home: KR\ncategories: [{id: c}]\nprocessors: [{id: a, locations: [KR], collects: [{categories: [c], from: []}]}]",
     "`from` must not be empty"),
])
def test_lists_and_law_references_are_checked(text, words):
    found = problems("dataflow: 1\n" + text + "\n")
    assert any(words in m for _, _, m in found), found


def test_a_glob_that_matches_the_including_file_skips_it(write):
    write("m/main.yaml", "dataflow: 1\ninclude: ['*.yaml']\nprocessors: [{id: a, locations: [KR]}]\n")
    write("m/more.yaml", "dataflow: 1\nprocessors: [{id: b, locations: [KR]}]\n")
    assert list(dataflow.load("m/main.yaml").processors) == ["a", "b"]


def test_a_disclosures_copy_of_names_mechanisms_of_its_law():
    found = problems("""\
        dataflow: 1
        home: DE
        jurisdictions:
          - id: EU
            name: EEA
            law: GDPR
            members: [DE]
            mechanisms: [{mechanism: scc, reference: Art. 46}]
            disclosure: {reference: Art. 13, items: [destination], copy_of: [sccs]}
        processors:
          - {id: a, locations: [DE]}
        """)
    messages = [message for _, _, message in found]
    assert messages == [
        "'sccs' is not one of the mechanisms EU lists (did you mean 'scc'?); `copy_of` names "
        "the mechanisms whose notice says where a copy can be obtained",
        "`copy_of` has no effect unless `items` lists safeguard_copy: add it to `items`, or "
        "remove `copy_of`"]
    assert {line for line, _, _ in found} == {9}


_STATING = """
dataflow: 1
categories: [{id: email}]
processors:
  - {id: shop, locations: [KR]}
  - {id: crm, locations: [KR]}
  - {id: mail, locations: [KR], role: processor}
flows:
  - {id: a, from: shop, to: crm, categories: [email]}
  - {id: b, from: shop, to: mail, categories: [email]}
  - {from: crm, to: mail, categories: [email]}
  - {id: c, from: crm, to: shop, categories: [email], purpose: support}
"""


def test_elements_that_state_the_same_fields_share_one_set_of_their_names():
    flowmap = dataflow.loads(_STATING)
    flows, processors = flowmap.flows, flowmap.processors
    assert flows["a"].model_fields_set == {"id", "source", "target", "categories"}
    assert flows["a"].model_fields_set is flows["b"].model_fields_set
    # a flow without an ID gets one when the files are merged: it states the same fields
    assert flows["crm->mail"].model_fields_set is flows["a"].model_fields_set
    assert flows["c"].model_fields_set == {"id", "source", "target", "categories", "purpose"}
    assert processors["shop"].model_fields_set is processors["crm"].model_fields_set
    assert processors["mail"].model_fields_set == {"id", "locations", "role"}
    dumped = dataflow.loads(flowmap.dump())
    assert {i: f.model_fields_set for i, f in dumped.flows.items()} == {
        i: f.model_fields_set for i, f in flows.items()}


def test_a_shared_set_of_field_names_changes_for_no_other_element():
    flowmap = dataflow.loads(_STATING)
    a, b = flowmap.flows["a"], flowmap.flows["b"]
    copied = a.model_copy(update={"purpose": "newsletters"})
    assert "purpose" in copied.model_fields_set
    assert b.model_fields_set == {"id", "source", "target", "categories"}
    with pytest.raises(ValueError, match="frozen"):
        a.purpose = "newsletters"
    assert b.model_fields_set == {"id", "source", "target", "categories"}
