"""The pre-commit hook, run for real: ``pre-commit try-repo`` installs claimlint
from a repository holding this working tree and runs the ``claimlint`` hook on
files in a throwaway project.

The working tree is copied (tracked and untracked files, not ignored ones) and
committed in a temporary repository first: try-repo on the checkout itself
would leave out files not yet added to git, and needs a commit to install from.
Each try-repo builds its own virtual environment, so this takes a while
(about a minute); ``-m 'not slow'`` leaves it out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parents[1]
CLAIM = "# Our clinic\n\nOur stem cell therapy cures multiple sclerosis.\n"
CLEAN = "# Living with MS\n\nThere is currently no cure for MS. Talk to your neurologist about treatment options.\n"


def _git(*args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    identity = ["-c", "user.name=claimlint tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *identity, *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _snapshot_of_checkout(destination: Path) -> Path:
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=CHECKOUT).split("\0")
    for name in filter(None, listed):
        source = CHECKOUT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git("init", "-q", cwd=destination)
    _git("add", "-A", cwd=destination)
    _git("commit", "-q", "-m", "snapshot of the working tree", cwd=destination)
    return destination


def _try_repo(repository: Path, project: Path, file_name: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.Popen(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repository), "claimlint", "--files", file_name, "--color", "never"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


@pytest.fixture(scope="module")
def hook_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (CHECKOUT / ".git").exists():
        pytest.skip("not a git checkout: nothing for pre-commit to install from")
    repository = _snapshot_of_checkout(tmp_path_factory.mktemp("claimlint-repo"))
    project = tmp_path_factory.mktemp("project")
    (project / "claim.md").write_text(CLAIM, encoding="utf-8")
    (project / "clean.md").write_text(CLEAN, encoding="utf-8")
    (project / "notes.py").write_text("# Our therapy cures MS.\n", encoding="utf-8")
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    # The two runs build separate environments; run them side by side.
    running = {name: _try_repo(repository, project, name) for name in ("claim.md", "clean.md", "notes.py")}
    results: dict[str, tuple[int, str]] = {}
    for name, process in running.items():
        output, _ = process.communicate(timeout=600)
        results[name] = (process.returncode, output)
    return results


def test_hook_fails_on_a_file_with_a_claim(hook_runs: dict[str, tuple[int, str]]) -> None:
    status, output = hook_runs["claim.md"]
    assert status == 1, output
    assert "claimlint" in output and "Failed" in output
    assert "CL101 cure-claim" in output and "claim.md" in output


def test_hook_passes_on_a_clean_file(hook_runs: dict[str, tuple[int, str]]) -> None:
    status, output = hook_runs["clean.md"]
    assert status == 0, output
    assert "Passed" in output


def test_hook_skips_files_claimlint_does_not_read(hook_runs: dict[str, tuple[int, str]]) -> None:
    status, output = hook_runs["notes.py"]
    assert status == 0, output
    assert "(no files to check)Skipped" in output
