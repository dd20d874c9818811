"""The pytest plugin as a platform's test suite uses it: maps as tests, and the fixture."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL
from tests.test_ci_integrations import FAILING


@pytest.fixture
def maps(pytester):
    (pytester.path / "privacy").mkdir()
    (pytester.path / "privacy" / "map.yaml").write_text(FAILING, encoding="utf-8")
    (pytester.path / "clean.yaml").write_text(MINIMAL, encoding="utf-8")
    (pytester.path / "broken.yaml").write_text("dataflow: 1\nhome: UK\n", encoding="utf-8")
    return pytester


def test_each_map_given_is_a_test_that_lists_its_findings(maps):
    result = maps.runpytest("--dataflow", "privacy", "--dataflow", "clean.yaml")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*1 finding(s) at or above error:*",
        "privacy/map.yaml:*: error DF100 *[[]DF100@*@KR@US]",
        "  law: PIPA Art. 28-8(1)*",
        "  fix: *",
    ])
    assert "Traceback" not in result.stdout.str()


def test_the_threshold_comes_from_the_option_or_the_configuration(maps):
    maps.makeini("[pytest]\ndataflow_paths =\n    clean.yaml\n    privacy\n"
                 "dataflow_fail_on = never\n")
    maps.runpytest().assert_outcomes(passed=2)
    result = maps.runpytest("--dataflow-fail-on", "warning")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*3 finding(s) at or above warning:*"])


def test_an_invalid_map_fails_its_test_with_located_errors(maps):
    result = maps.runpytest("--dataflow", "broken.yaml")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*the map is invalid:*", "*broken.yaml:2:7: error: 'UK'*"])


def test_the_fixture_fails_on_findings_at_or_above_fail_on(maps):
    maps.makepyfile(test_privacy="""
        def test_clean(dataflow_map):
            assert dataflow_map("clean.yaml").ok

        def test_fails_by_default(dataflow_map):
            dataflow_map("privacy")

        def test_passes_below_the_threshold(dataflow_map):
            report = dataflow_map("privacy", fail_on="never")
            assert report.summary["error"] == 1

        def test_warnings_fail_when_asked(dataflow_map):
            dataflow_map("clean.yaml", fail_on="warning")
            dataflow_map("privacy", fail_on="warning")
    """)
    result = maps.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(["*test_fails_by_default*", "*1 finding(s) at or above error*"])
    assert "TypeError" not in result.stdout.str()


def test_a_waiver_naming_an_unknown_rule_fails_the_test_without_a_traceback(pytester):
    (pytester.path / "map.yaml").write_text(
        MINIMAL + "waivers:\n  - {rule: DF999, processor: crm, reason: r}\n", encoding="utf-8")
    result = pytester.runpytest("--dataflow", "map.yaml")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*the map is invalid:*", "*unknown rule 'DF999'*"])
    assert "Traceback" not in result.stdout.str()
