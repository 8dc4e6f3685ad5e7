"""`.pre-commit-hooks.yaml`: the manifest pre-commit reads, and its entry run as pre-commit runs it
(the command line plus the staged files that pass `files` and `types`), in a real subprocess."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ..conftest import REFERENCE, ROOT

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
REQUIRED = {"id", "name", "entry", "language"}
# Every key pre-commit's manifest schema knows (pre-commit/clientlib.py, MANIFEST_HOOK_DICT).
KNOWN = REQUIRED | {"alias", "files", "exclude", "types", "types_or", "exclude_types",
                    "additional_dependencies", "args", "always_run", "fail_fast", "pass_filenames",
                    "description", "language_version", "log_file", "require_serial", "stages",
                    "verbose", "minimum_pre_commit_version"}
YAML_EXTENSIONS = (".yaml", ".yml")  # what pre-commit's `identify` tags as yaml


@pytest.fixture(scope="module")
def hook() -> dict:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    return hooks[0]


def test_the_manifest_has_what_pre_commit_requires(hook):
    assert REQUIRED <= set(hook) <= KNOWN, set(hook) - KNOWN
    assert hook["id"] == "briefgen-validate"
    assert hook["language"] == "python"  # pre-commit installs this repository with pip
    assert hook["types"] == ["yaml"]
    assert hook.get("pass_filenames", True) is True
    # The entry is the console script this package installs.
    command = shlex.split(hook["entry"])
    assert command == ["briefgen", "validate"]
    assert re.search(r'^briefgen = "briefgen\.launch:main"$', (ROOT / "pyproject.toml").read_text(),
                     re.MULTILINE)


@pytest.mark.parametrize(("path", "is_brief"), [
    ("brief.yaml", True), ("clients/brief.yml", True), ("alex-kim.brief.yaml", True),
    ("clients/alex.brief.yml", True), ("briefs/alex.yaml", True), ("coach/briefs/2026/li-lei.yml", True),
    (".github/workflows/ci.yaml", False), (".pre-commit-config.yaml", False), ("mkdocs.yml", False),
    ("docker-compose.yaml", False), ("coach/theme.yaml", False), ("briefs.yaml", False),
    ("debriefs/notes.yaml", False), ("mybrief.yaml", False), ("brief.yaml.bak", False),
])
def test_files_picks_briefs_by_their_names_and_leaves_other_yaml_alone(hook, path, is_brief):
    # pre-commit matches `files` with Python's re.search on the path relative to the repository.
    assert bool(re.search(hook["files"], path)) is is_brief


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout


def _run_hook(hook: dict, repo: Path) -> subprocess.CompletedProcess[str]:
    """What `pre-commit run` does for this hook: the staged files that pass `files` and `types`,
    appended to the entry, run from the repository's root."""
    staged = _git(repo, "diff", "--cached", "--name-only", "-z").split("\0")
    chosen = [f for f in staged if f and f.endswith(YAML_EXTENSIONS) and re.search(hook["files"], f)]
    command = shlex.split(hook["entry"])
    executable = Path(sys.executable).parent / command[0]  # the installed console script
    assert executable.is_file(), executable
    return subprocess.run([str(executable), *command[1:], *chosen], cwd=repo, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_entry_validates_the_staged_briefs_only(hook, tmp_path):
    repo = tmp_path / "coach-repo"
    (repo / "briefs").mkdir(parents=True)
    (repo / ".github" / "workflows").mkdir(parents=True)
    _git(repo, "init", "-q")
    shutil.copy(REFERENCE, repo / "briefs" / "priya-raman.yaml")
    (repo / "li-lei.brief.yaml").write_text(
        REFERENCE.read_text(encoding="utf-8").replace("Priya Raman", "李雷"), encoding="utf-8")
    (repo / ".github" / "workflows" / "ci.yaml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    _git(repo, "add", "-A")
    result = _run_hook(hook, repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(result.stdout.splitlines()) == [
        "OK briefs/priya-raman.yaml: Priya Raman, 2 projects, 2 of 2 meet the Scale-and-Ship bar",
        "OK li-lei.brief.yaml: 李雷, 2 projects, 2 of 2 meet the Scale-and-Ship bar"]

    # A mistake in a staged brief stops the commit with the located message.
    bad = repo / "briefs" / "priya-raman.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("baseline: 12%", "baseine: 12%"),
                   encoding="utf-8")
    _git(repo, "add", "-A")
    result = _run_hook(hook, repo)
    assert result.returncode == 1
    assert re.search(r"^briefs/priya-raman\.yaml:\d+:\d+: projects\[0\]\.metric\.baseine: unknown key",
                     result.stderr + result.stdout, re.MULTILINE)
    assert "ci.yaml" not in result.stdout + result.stderr


def test_the_readme_shows_how_to_use_the_hook(hook):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"id: {hook['id']}" in readme and "files:" in readme
