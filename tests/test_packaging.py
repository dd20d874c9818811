"""The package as users get it: a wheel that installs and runs, ranges proven at both ends."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
MINIMUM = ROOT / "scripts" / "minimum-versions.txt"


def _declared() -> dict[str, str]:
    """Each direct dependency (runtime and extras) with the lower bound of its range."""
    project = PYPROJECT["project"]
    lines = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        lines.extend(extra)
    bounds: dict[str, str] = {}
    for line in lines:
        requirement = Requirement(line)
        if requirement.name == project["name"]:
            continue  # an extra that names another extra of this package
        lower = [s.version for s in requirement.specifier if s.operator == ">="]
        assert len(lower) == 1, f"{line}: every dependency needs one lower bound (>=)"
        bounds[requirement.name.lower()] = lower[0]
    return bounds


def _pinned() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in MINIMUM.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{line}: pin with =="
            pins[name.strip().lower()] = version.strip()
    return pins


def test_minimum_versions_pin_every_lower_bound_of_pyproject():
    assert _pinned() == _declared()


def test_hypothesis_is_not_a_runtime_dependency():
    names = {Requirement(d).name for d in PYPROJECT["project"]["dependencies"]}
    assert "hypothesis" not in names
    testing = {Requirement(d).name for d in PYPROJECT["project"]["optional-dependencies"]["testing"]}
    assert "hypothesis" in testing


def test_the_license_is_declared_as_spdx_and_shipped():
    assert PYPROJECT["project"]["license"] == "Apache-2.0"
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(dist),
                    str(ROOT)], check=True, capture_output=True)
    return dist


def test_sdist_and_wheel_pass_twine_check(built):
    files = sorted(built.iterdir())
    assert sorted(f.suffix for f in files) == [".gz", ".whl"]
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict",
                           *map(str, files)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def test_the_wheel_installs_and_checks_an_example_in_a_clean_environment(built, tmp_path):
    (wheel,) = built.glob("*.whl")
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    python = env / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    example = ROOT / "examples" / "korea-marketplace.yaml"
    done = subprocess.run([str(env / "bin" / "dataflow"), "check", str(example),
                           "--format", "json"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # the example has errors, on purpose
    assert '"rule": "DF100"' in done.stdout
    # the packs and the schema's data come with the wheel, not from the source tree
    jurisdictions = subprocess.run([str(env / "bin" / "dataflow"), "jurisdictions"],
                                   capture_output=True, text=True, cwd=tmp_path)
    assert jurisdictions.returncode == 0
    assert "PIPA" in jurisdictions.stdout
    # the report's templates and stylesheet come with the wheel too
    written = subprocess.run([str(env / "bin" / "dataflow"), "report", str(example), "-o",
                              "report.md"], capture_output=True, text=True, cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "## Transfer notices" in (tmp_path / "report.md").read_text(encoding="utf-8")
    # and so do the notices' templates and message catalogues
    written = subprocess.run([str(env / "bin" / "dataflow"), "notice", str(example), "--law",
                              "PIPA", "--lang", "ko", "-o", "notice.html"],
                             capture_output=True, text=True, cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "개인정보의 국외 이전" in (tmp_path / "notice.html").read_text(encoding="utf-8")
    # hypothesis is an extra: without it, the strategies module says what to install
    missing = subprocess.run([str(python), "-c", "import dataflow.strategies"],
                             capture_output=True, text=True, cwd=tmp_path)
    assert missing.returncode == 1
    assert "pip install 'dataflow-map[testing]'" in missing.stderr
    imported = subprocess.run([str(python), "-c", "import dataflow; print(dataflow.__file__)"],
                              capture_output=True, text=True, cwd=tmp_path, check=True)
    assert str(env) in imported.stdout  # the installed copy, not the source tree
