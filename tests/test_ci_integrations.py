"""What CI and pre-commit run: the hook, the GitHub Action's script and the GitLab job, each
run here as those tools would run it, on a map that fails and one that passes."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from tests.conftest import MINIMAL

ROOT = Path(__file__).resolve().parents[1]
FAILING = MINIMAL.replace("processors:\n", "processors:\n  - {id: abroad, locations: [US]}\n")
FAILING += "  - {from: web, to: abroad, categories: [contact.email]}\n"


def _environment(**variables: str) -> dict[str, str]:
    """This interpreter's scripts (the `dataflow` command) first on the PATH."""
    path = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    return {**os.environ, "PATH": path, **variables}


@pytest.fixture
def project(tmp_path):
    """A repository with a map in privacy/ and YAML that is not a map beside it."""
    (tmp_path / "privacy").mkdir()
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "ci.yml").write_text("on: push\n", encoding="utf-8")

    def with_map(text: str) -> Path:
        (tmp_path / "privacy" / "map.yaml").write_text(text, encoding="utf-8")
        return tmp_path

    return with_map


def test_the_pre_commit_hook_checks_the_whole_map(project):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "dataflow-check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False  # the whole map, not the files that changed
    files = re.compile(hook["files"])
    assert files.search("privacy/map.yaml")
    assert files.search("flows.yml")
    assert not files.search("notes.json")
    command = [*shlex.split(hook["entry"]), *hook.get("args", [])]  # as pre-commit runs it
    failing = subprocess.run(command, cwd=project(FAILING), env=_environment(),
                             capture_output=True, text=True)
    assert failing.returncode == 1
    assert "DF100" in failing.stdout
    passing = subprocess.run(command, cwd=project(MINIMAL), env=_environment(),
                             capture_output=True, text=True)
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_the_github_action_annotates_writes_sarif_and_fails_the_step(project):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    used = set(re.findall(r"inputs\.([a-z-]+)", (ROOT / "action.yml").read_text()))
    assert used == set(action["inputs"])  # every input is used, and only declared ones
    (check,) = [s for s in steps if "check.sh" in s.get("run", "")]
    assert (ROOT / "scripts" / "ci-check.sh").is_file()
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    folder = project(FAILING)
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    inputs["paths"] = "privacy/"
    env = {name: re.sub(r"\$\{\{ inputs\.([a-z-]+) \}\}", lambda m: inputs[m.group(1)], value)
           for name, value in check["env"].items()}  # as the runner fills them in
    done = subprocess.run(["sh", str(ROOT / "scripts" / "ci-check.sh")], cwd=folder,
                          env=_environment(GITHUB_ACTIONS="true", **env),
                          capture_output=True, text=True)
    assert done.returncode == 1  # the step fails on the unsafeguarded transfer
    assert done.stdout.startswith("::error file=privacy/map.yaml,line=")
    sarif = json.loads((folder / inputs["sarif-file"]).read_text(encoding="utf-8"))
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"DF100", "DF110", "DF111"}
    clean = subprocess.run(["sh", str(ROOT / "scripts" / "ci-check.sh")], cwd=project(MINIMAL),
                           env=_environment(GITHUB_ACTIONS="true", **env),
                           capture_output=True, text=True)
    assert clean.returncode == 0, clean.stderr


def test_the_gitlab_job_writes_the_reports_it_declares(project):
    snippet = ROOT / "examples" / "ci" / "gitlab-ci.yml"
    job = yaml.safe_load(snippet.read_text(encoding="utf-8"))["dataflow"]
    script = [line for line in job["script"] if not line.startswith("pip install")]
    variables = {**job["variables"], "DATAFLOW_PATHS": "privacy/"}
    folder = project(FAILING)
    done = subprocess.run(["sh", "-c", "\n".join(script)], cwd=folder,
                          env=_environment(**variables), capture_output=True, text=True)
    assert done.returncode == 1
    assert "DF100" in done.stdout
    junit = ET.parse(folder / job["artifacts"]["reports"]["junit"]).getroot()
    assert junit.get("failures") == "1"  # DF100; its two warnings are skipped
    for kept in job["artifacts"]["paths"]:  # the runner expands the job's variables in them
        assert (folder / re.sub(r"\$(\w+)", lambda m: variables[m.group(1)], kept)).is_file()
    assert job["artifacts"]["reports"]["junit"] == variables["DATAFLOW_JUNIT"]
