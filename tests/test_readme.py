"""The README's quick start is two commands that work; every command is documented."""

from __future__ import annotations

import re
import shlex
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
    assert first.startswith("pip install ") and "&& policydiff diff fixtures/" in first
    assert second == 'pip install -e ".[test]" && pytest'


def test_quick_start_main_job_runs_on_the_fixtures() -> None:
    command = shlex.split(quick_start()[0].split("&&", 1)[1])
    assert command[0] == "policydiff"
    result = subprocess.run(
        [sys.executable, "-m", "policydiff", *command[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "MAJOR" in result.stdout and "retention.period-longer" in result.stdout


def test_every_command_is_in_the_readme() -> None:
    names = [
        command.name or (command.callback.__name__ if command.callback else "")
        for command in app.registered_commands
    ]
    assert names
    for name in names:
        assert f"policydiff {name}" in README, name
