"""The README's quick start is two commands that work; every command is documented."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

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
    assert first.startswith("pip install ") and "&& policydiff check --config fixtures/" in first
    assert second == 'pip install -e ".[test]" && pytest'


def test_quick_start_main_job_runs_on_the_fixtures(tmp_path: Path) -> None:
    """The main job, run on a copy of the checkout's fixtures (it records versions into them)."""
    command = shlex.split(quick_start()[0].split("&&", 1)[1])
    assert command[0] == "policydiff"
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    result = subprocess.run(
        [sys.executable, "-m", "policydiff", *command[1:]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "▲ major" in result.stdout and "retention period is longer: 6 months → 24" in result.stdout
    notices = sorted((tmp_path / "fixtures" / "policies" / "joypix" / "notices").iterdir())
    assert len(notices) == 1
    for name in ("email.html", "email.txt", "announcement.md", "in-app.txt", "redline.html", "report.json"):
        assert (notices[0] / name).is_file(), name
    again = subprocess.run(
        [sys.executable, "-m", "policydiff", *command[1:]], cwd=tmp_path, capture_output=True, text=True
    )
    assert again.returncode == 0 and "no new version" in again.stdout


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
