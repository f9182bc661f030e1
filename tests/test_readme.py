"""The README's quick start is two commands that work; every command is documented."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policydiff.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the quick start has no sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands_install_then_run() -> None:
    first, second = quick_start()
    install, job = first.split("&&", 1)
    assert install.startswith("pip install ") and shlex.split(job) == ["policydiff", "demo"]
    assert second == 'pip install -e ".[test]" && pytest'


def checkout_copy(target: Path) -> Path:
    """The working tree as git would commit it (tracked and new files, not ignored), committed in a
    repository of its own at ``target``, so ``git status --porcelain`` starts empty there."""
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    listed = subprocess.run(
        [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():  # a file deleted in the working tree is still in the index
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    quiet = ["-c", "user.name=policydiff tests", "-c", "user.email=tests@example.com"]
    quiet += ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the checkout"]):
        subprocess.run([git, *quiet, *command], cwd=target, capture_output=True, check=True)
    assert git_status(target) == ""
    return target


def git_status(folder: Path) -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_quick_start_main_job_leaves_the_checkout_clean(tmp_path: Path) -> None:
    """The README's first command (after pip) in a copy of the checkout: check's table and notices,
    written to a new temporary folder, and ``git status --porcelain`` still empty after it, so the
    second command (the tests, which read the bundled archive) passes before or after it."""
    command = shlex.split(quick_start()[0].split("&&", 1)[1])
    assert command[0] == "policydiff"
    checkout = checkout_copy(tmp_path / "checkout")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary), "NO_COLOR": "1"}
    environment.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(
        [sys.executable, "-m", "policydiff", *command[1:]],
        cwd=checkout,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "▲ major" in result.stdout and "retention period is longer: 6 months → 24" in result.stdout
    assert git_status(checkout) == ""
    (copy,) = temporary.iterdir()  # the demo's new temporary folder, named on its last lines
    assert f"in {copy}/" in result.stdout
    notices = sorted((copy / "policies" / "joypix" / "notices").iterdir())
    assert len(notices) == 1
    for name in ("email.html", "email.txt", "announcement.md", "in-app.txt", "redline.html", "report.json"):
        assert (notices[0] / name).is_file(), name


def test_the_bundled_archive_holds_only_the_old_versions() -> None:
    """The checkout's example starts before the check: running the quick start must not be committed."""
    for policy in ("joypix", "joyclip"):
        folder = ROOT / "fixtures" / "policies" / policy
        assert len(list((folder / "versions").iterdir())) == 1
        assert not (folder / "notices").exists()


def test_every_command_is_in_the_readme() -> None:
    names = [
        command.name or (command.callback.__name__ if command.callback else "")
        for command in app.registered_commands
    ]
    assert names
    for name in names:
        assert f"policydiff {name}" in README, name
