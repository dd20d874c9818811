"""dataflow diff for review: everything a change does, in text, JSON and Markdown, from two
paths or from a git revision."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from dataflow.diff import OPEN_AT_MOST
from tests.test_cli import run

BEFORE = """\
dataflow: 1
name: Shop
home: KR
as_of: 2026-06-30
categories:
  - {id: orders}
  - {id: heart_rate, kinds: [health]}
processors:
  - {id: shop, entity: Shop Co, role: controller, locations: [KR],
     collects: [{categories: [orders, heart_rate]}]}
  - {id: sellers, entity: Sellers Ltd, role: third_party, locations: [CN]}
  - {id: payments, entity: Pay Co, role: processor, locations: [KR]}
flows:
  - {id: to-sellers, from: shop, to: sellers, categories: [orders]}
"""
# consent for the sellers (with every item a notice needs), heart rate to payments (domestic),
# and the payment provider moved its name
AFTER = BEFORE.replace(
    "  - {id: sellers, entity: Sellers Ltd, role: third_party, locations: [CN]}",
    "  - {id: sellers, entity: Sellers Ltd, role: third_party, locations: [CN], contact: c@s.cn,\n"
    "     contract_terms: [security_measures, grievance_handling, dispute_resolution]}",
).replace(
    "  - {id: payments, entity: Pay Co,", "  - {id: payments, entity: Pay Company,",
).replace(
    "  - {id: to-sellers, from: shop, to: sellers, categories: [orders]}",
    "  - {id: to-sellers, from: shop, to: sellers, categories: [orders], purpose: delivery,\n"
    "     retention: 3 months, method: API at each order, refusal: no delivery,\n"
    "     safeguards: [{mechanism: consent, reference: checkout screen}]}\n"
    "  - {id: heart-to-payments, from: shop, to: payments, categories: [heart_rate]}",
)


@pytest.fixture
def versions(write):
    return write("before.yaml", BEFORE), write("after.yaml", AFTER)


def test_the_change_is_listed_element_by_element(versions):
    code, out, _ = run("diff", *versions, "--format", "json")
    assert code == 0  # it adds no finding
    data = json.loads(out)
    assert [f["id"] for f in data["added"]["flows"]] == ["heart-to-payments"]
    assert data["added"]["flows"][0]["file"].endswith("after.yaml")
    assert data["added"]["flows"][0]["line"] == 18
    changed = {(e["kind"], e["id"]): e for e in data["changed"]["processors"]}
    assert changed[("processor", "payments")]["fields"] == [
        {"field": "entity", "before": "Pay Co", "after": "Pay Company"}]
    (transfer,) = data["changed"]["transfers"]  # one line, not a removal and an addition
    assert (transfer["before"]["status"], transfer["after"]["status"]) == (
        "missing", "safeguarded")
    assert data["added"]["transfers"] == data["removed"]["transfers"] == []
    # the transfer's findings go, and so does DF202: the payment provider has a flow now
    assert {f["rule"] for f in data["removed"]["findings"]} == {"DF100", "DF110", "DF111",
                                                                "DF202"}
    assert data["summary"]["flows"] == {"added": 1, "removed": 0, "changed": 1}


def test_text_says_each_change_on_a_line_with_its_place(versions):
    _, out, _ = run("diff", *versions)
    lines = out.splitlines()
    assert "~ transfer " in out
    assert any(line.endswith("to-sellers (shop -> sellers) under KR to CN: missing -> "
                             "safeguarded (consent)") for line in lines)
    assert any(line.startswith("+ flow ") and line.endswith("after.yaml:18 heart-to-payments")
               for line in lines)
    assert lines[-1] == ("0 finding(s) added, 4 removed; transfers: 1 changed; processors: 2 "
                         "changed; flows: 1 added, 1 changed")


def test_a_change_that_adds_a_finding_fails_at_the_threshold(versions):
    after, before = versions[1], versions[0]
    assert run("diff", after, before)[0] == 1  # undoing the change brings DF100 back
    assert run("diff", after, before, "--fail-on", "never")[0] == 0


def test_markdown_for_a_pull_request_collapses_long_sections(write, versions):
    _, out, _ = run("diff", *versions, "--format", "markdown")
    assert out.startswith("### dataflow: what this change does to the map\n\n0 finding(s) added")
    assert "#### Transfers" in out  # short sections stay open
    many = AFTER + "".join(f"  - {{id: extra-{n}, from: shop, to: payments, categories: "
                           f"[orders]}}\n" for n in range(OPEN_AT_MOST + 1))
    _, out, _ = run("diff", versions[0], write("many.yaml", many), "--format", "markdown")
    assert "<details><summary>Categories, subjects, processors and flows (" in out
    # no one is mentioned: an @ is only ever inside a code span (an address), never bare
    assert "@" not in re.sub(r"`[^`]*`", "", out)
    assert "`c@s.cn`" in out


def _git(folder, *args):
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


def test_base_reads_the_old_map_from_git(tmp_path, monkeypatch):
    (tmp_path / "privacy").mkdir()
    (tmp_path / "privacy" / "map.yaml").write_text(BEFORE, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "the map")
    (tmp_path / "privacy" / "map.yaml").write_text(AFTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("diff", "--base", "HEAD", "privacy/", "--format", "json")
    assert code == 0
    data = json.loads(out)
    removed = {f["file"] for f in data["removed"]["findings"]}
    assert removed == {os.path.join("privacy", "map.yaml")}  # named as in the repository
    assert [f["id"] for f in data["added"]["flows"]] == ["heart-to-payments"]
    assert os.getcwd() == str(tmp_path)
    code, _, err = run("diff", "--base", "no-such-branch", "privacy/")
    assert code == 2
    assert "--base no-such-branch: no such revision" in err


def test_diff_needs_two_paths_or_a_base(versions):
    code, _, err = run("diff", versions[0])
    assert code == 2
    assert "give OLD and NEW, or --base GIT_REF" in err


def test_base_works_with_absolute_paths_and_from_outside_the_repository(tmp_path,
                                                                        monkeypatch):
    repo = tmp_path / "repo"
    (repo / "privacy").mkdir(parents=True)
    (repo / "privacy" / "map.yaml").write_text(BEFORE, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "the map")
    (repo / "privacy" / "map.yaml").write_text(AFTER, encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    for given in (str(repo / "privacy"), str(repo / "privacy" / "map.yaml")):
        code, out, _ = run("diff", "--base", "HEAD", given, "--format", "json")
        assert code == 0
        data = json.loads(out)
        assert [f["id"] for f in data["added"]["flows"]] == ["heart-to-payments"]  # not itself
        assert {f["file"] for f in data["removed"]["findings"]} == {
            os.path.join("privacy", "map.yaml")}
    (repo / "privacy" / "new.yaml").write_text(BEFORE, encoding="utf-8")
    code, _, err = run("diff", "--base", "HEAD", str(repo / "privacy" / "new.yaml"))
    assert code == 2
    assert "privacy/new.yaml did not exist at that revision" in err
    code, _, err = run("diff", "--base", "HEAD", str(outside))
    assert code == 2
    assert "is not in a git repository" in err


def test_markdown_counts_the_findings_it_lists(write):
    many = BEFORE + "".join(f"  - {{id: out-{n}, from: shop, to: sellers, categories: "
                            f"[orders]}}\n" for n in range(OPEN_AT_MOST))
    _, out, _ = run("diff", write("a.yaml", BEFORE), write("b.yaml", many),
                    "--format", "markdown", "--fail-on", "never")
    data = json.loads(run("diff", "a.yaml", "b.yaml", "--format", "json")[1])
    added = len(data["added"]["findings"])
    assert added > OPEN_AT_MOST
    assert f"<details><summary>Findings ({added})</summary>" in out
