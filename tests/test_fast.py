"""``diff`` with plain arguments runs without typer (``policydiff.cli.fast``): the same report,
the same exit codes and the same one-line errors as the typer command it stands in for."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from helpers import JOYCLIP_NEW, JOYCLIP_OLD, JOYPIX_NEW, JOYPIX_OLD, run_main
from typer.testing import CliRunner

from policydiff.cli import app, application
from policydiff.cli.fast import fast_main

OLD, NEW = str(JOYPIX_OLD), str(JOYPIX_NEW)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICYDIFF_ERROR_LOG", str(tmp_path / "error.log"))
    return tmp_path


def through_typer(args: Sequence[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["diff", OLD, NEW],
        ["diff", OLD, NEW, "--format", "json"],
        ["diff", OLD, NEW, "-f", "md", "--fail-on", "major"],
        ["diff", OLD, NEW, "--format=html", "--no-color"],
        ["diff", str(JOYCLIP_OLD), str(JOYCLIP_NEW), "--fail-on=minor", "--color", "-f", "text"],
        ["diff", OLD, OLD, "--fail-on", "any"],
    ],
)
def test_the_fast_path_says_what_typer_says(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    typed = through_typer(args)

    def not_typer(argv: list[str] | None = None) -> None:
        raise AssertionError(f"typer parsed {argv}")

    monkeypatch.setattr(application, "typer_main", not_typer)  # the fast path takes these arguments …
    assert run_main(args) == typed  # … and gives the same exit code, report and stderr


def test_an_output_file_and_a_config_are_read_alike(isolated: Path) -> None:
    (isolated / "policydiff.toml").write_text("[notice]\nperiod_days = 45\n", encoding="utf-8")
    args = ["diff", OLD, NEW, "-f", "json", "--config", "policydiff.toml", "-o", "fast.json"]
    code, out, err = run_main(args)
    typed = through_typer([*args[:-1], "typer.json"])
    assert (code, out, err) == typed
    assert (isolated / "fast.json").read_text() == (isolated / "typer.json").read_text()
    assert '"period_days": 45' in (isolated / "fast.json").read_text()


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["diff", "missing.md", NEW], ["missing.md"]),
        (["diff", OLD, NEW, "--config", "nowhere.toml"], ["nowhere.toml"]),
    ],
)
def test_errors_are_one_line_and_exit_2_as_through_typer(args: list[str], names: list[str]) -> None:
    code, out, err = run_main(args)
    assert (code, out, err) == through_typer(args)
    assert code == 2 and err.count("\n") == 1 and err.startswith("policydiff: ") and "Traceback" not in err
    assert all(name in err for name in names)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["diff", "--help"],
        ["segment", OLD],
        ["diff", OLD],
        ["diff", OLD, NEW, NEW],
        ["diff", "-", NEW],
        ["diff", OLD, NEW, "--format", "xml"],
        ["diff", OLD, NEW, "--fail-on"],
        ["diff", OLD, NEW, "--select", "main"],
        ["diff", OLD, NEW, "--limit", "seconds=5"],
        ["diff", OLD, NEW, "--colour"],
        ["diff", "https://example.org/policy", NEW],
        ["diff", "policy@latest", NEW],
        ["diff", OLD, NEW, "-f", "json", "-f", "md"],
    ],
)
def test_anything_but_plain_arguments_is_left_to_typer(args: list[str]) -> None:
    assert fast_main(args) is None


# what a plain ``diff`` never needs, each a cost on every run (issue 17): the command-line library;
# the traceback of an internal error; a TOML parser, once the rule cache holds the rule book and
# the ontology's readers (and no config file is found); the dataclasses of notices and checks; the
# lawyers' reviews, which apply to archived versions only
NOT_IMPORTED = ("typer", "click", "rich", "traceback", "tomllib", "policydiff.records", "policydiff.review")


def test_the_fast_path_imports_no_command_line_library_nor_what_it_does_not_use(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"  # Markdown, as most policies kept in a repository
    old.write_text("# Privacy\n\nWe collect your **email address**.\n", encoding="utf-8")
    new.write_text("# Privacy\n\nWe collect your email address and <b>location</b>.\n", encoding="utf-8")
    script = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "from policydiff.cli.fast import fast_main\n"
        f"code = fast_main(['diff', {str(old)!r}, {str(new)!r}, '-f', 'json'])\n"
        f"sys.stdout.write('\\n' + ' '.join(m for m in {NOT_IMPORTED!r} if m in set(sys.modules) - before))\n"
    )
    environ = dict(os.environ, POLICYDIFF_CACHE_DIR=str(tmp_path / "cache"))
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env=environ,
            timeout=120,
            check=True,
        )
        for _ in range(2)
    ]
    (first, first_imported), (second, imported) = (run.stdout.rsplit("\n", 1) for run in runs)
    assert first_imported.split() == ["tomllib"]  # the first run builds the rule cache
    assert imported == ""
    assert second == first  # the same report
