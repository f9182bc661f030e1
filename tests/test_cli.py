"""policydiff.cli: the commands on the fixtures, exit codes, and the one error boundary.

Each behaviour is checked in-process through ``typer.testing.CliRunner`` (stdout and stderr
apart) and, where the entry point matters (usage errors, ``-m``, imports), as a subprocess.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import JOYCLIP_NEW, JOYCLIP_OLD, JOYPIX_NEW, JOYPIX_OLD, ROOT, run_main
from typer.testing import CliRunner, Result

import policydiff
from policydiff.cli import app

SCHEMAS = ROOT / "policydiff" / "schemas"
OLD, NEW = str(JOYPIX_OLD), str(JOYPIX_NEW)
HEAVY = ("bs4", "lxml", "rapidfuzz", "jinja2", "rich", "diff_match_patch", "fast_diff_match_patch")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run every command in an empty folder (no policydiff.toml) with its own error log."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICYDIFF_ERROR_LOG", str(tmp_path / "error.log"))
    return tmp_path


def invoke(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=stdin)


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """``python -m policydiff ARGS`` in the current (temporary) folder."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "policydiff", *args],
        input=stdin.decode("utf-8", "surrogateescape"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def assert_one_line(stderr: str, *names: str) -> None:
    assert stderr.count("\n") == 1 and stderr.endswith("\n"), stderr
    assert stderr.startswith("policydiff: ")
    assert "Traceback" not in stderr
    for name in names:
        assert name.casefold() in stderr.casefold(), (name, stderr)


def json_leaves(clauses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    leaves: list[dict[str, Any]] = []
    for clause in clauses:
        leaves.extend(json_leaves(clause["children"]) if clause["children"] else [clause])
    return leaves


# --- diff --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_diff_in_every_format(fmt: str) -> None:
    result = invoke("diff", OLD, NEW, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "5.(1).b2" in result.stdout
    if fmt == "json":
        report = json.loads(result.stdout)
        validator("diff-1.json").validate(report)
        assert report["severity"] == "major" and report["notice"]["required"] is True
    elif fmt == "md":
        assert result.stdout.startswith("# Policy changes")
    else:
        assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_diff_json_of_joyclip_validates() -> None:
    result = invoke("diff", str(JOYCLIP_OLD), str(JOYCLIP_NEW), "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    validator("diff-1.json").validate(report)
    assert report["old"]["source"] == str(JOYCLIP_OLD)
    assert report["notice"]["promised_days"] is None


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_diff_output_file(isolated: Path, fmt: str) -> None:
    target = isolated / f"report.{fmt}"
    result = invoke("diff", OLD, NEW, "--format", fmt, "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert target.read_text(encoding="utf-8") == invoke("diff", OLD, NEW, "--format", fmt).stdout


def test_diff_output_to_a_missing_folder(isolated: Path) -> None:
    result = invoke("diff", OLD, NEW, "--output", str(isolated / "no" / "such" / "report.txt"))
    assert result.exit_code == 2
    assert_one_line(result.stderr, "report.txt", "cannot write")


@pytest.mark.parametrize(("fail_on", "code"), [("major", 1), ("minor", 1), ("any", 1), ("never", 0)])
def test_fail_on(fail_on: str, code: int) -> None:
    result = invoke("diff", OLD, NEW, "--format", "json", "--fail-on", fail_on)
    assert result.exit_code == code, result.stderr
    assert json.loads(result.stdout)["severity"] == "major"  # the report is written either way


@pytest.mark.parametrize(
    ("fail_on", "codes"),
    [("major", [0, 0, 0, 1, 1]), ("minor", [0, 0, 1, 1, 1]), ("any", [0, 1, 1, 1, 1]), ("never", [0] * 5)],
)
def test_fail_on_ranks_follow_the_severities_review_failing_major(fail_on: str, codes: list[int]) -> None:
    from policydiff.cli.options import FailOn, exit_code
    from policydiff.model import Severity

    order = (Severity.NONE, Severity.EDITORIAL, Severity.MINOR, Severity.REVIEW, Severity.MAJOR)
    assert [exit_code(severity.rank, FailOn(fail_on)) for severity in order] == codes


def test_a_problem_made_of_several_items_prints_one_line_for_each() -> None:
    import typer

    from policydiff.cli.boundary import boundary
    from policydiff.errors import InputError

    probe = typer.Typer()

    @probe.command()
    @boundary
    def refuse() -> None:
        raise InputError(
            "a → b: no notice drafted", details=("change c1 at 2.p1 needs", "change c2\nat 3 needs")
        )

    result = CliRunner().invoke(probe, [])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "policydiff: a → b: no notice drafted",
        "policydiff: change c1 at 2.p1 needs",
        "policydiff: change c2 at 3 needs",  # each detail on one line, whatever it holds
    ]


def test_fail_on_with_no_change_exits_0(isolated: Path) -> None:
    copy = isolated / "copy.txt"
    copy.write_bytes(JOYPIX_OLD.read_bytes() + b"\n\n")
    result = invoke("diff", OLD, str(copy), "--fail-on", "any", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["severity"] == "none"


def test_diff_reads_one_source_from_stdin() -> None:
    result = invoke("diff", "-", NEW, "--format", "json", stdin=JOYPIX_OLD.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["old"]["source"] == "-"


def test_diff_as_a_subprocess() -> None:
    done = run("diff", OLD, NEW, "--format", "json", "--fail-on", "major")
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    validator("diff-1.json").validate(json.loads(done.stdout))
    assert run("diff", OLD, NEW, "--fail-on", "never").returncode == 0


# --- segment -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [JOYPIX_OLD, JOYPIX_NEW, JOYCLIP_OLD, JOYCLIP_NEW], ids=lambda p: p.name)
def test_segment_json_validates_and_keeps_every_character(path: Path) -> None:
    result = invoke("segment", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    validator("segment-1.json").validate(data)
    text = data["text"]
    owners = [0] * len(text)
    for leaf in json_leaves(data["clauses"]):
        assert text[leaf["start"] : leaf["end"]] == leaf["text"]
        for index in range(leaf["start"], leaf["end"]):
            owners[index] += 1
    assert all(count == 1 for index, count in enumerate(owners) if not text[index].isspace())


def test_segment_text_lists_paths() -> None:
    result = invoke("segment", OLD)
    assert result.exit_code == 0, result.stderr
    assert re.search(r"^\s+5\.\(1\)\.b2\s+definition\s", result.stdout, re.MULTILINE)


def test_segment_as_a_subprocess_reads_stdin() -> None:
    done = run("segment", "-", "--format", "json", stdin=b"# Title\n\nWe collect data.\n")
    assert done.returncode == 0, done.stderr
    assert [c["path"] for c in json.loads(done.stdout)["clauses"]] == ["title", "p1"]


# --- bad input: exit 2, one line naming the input, never a traceback -----------------------------


def bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """Each case: the arguments and a word the one-line message must contain."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "folder").mkdir()
    (tmp_path / "bad.toml").write_text("[notice]\nperiod_days = 'thirty'\n")
    return {
        "missing file": (["diff", "missing.txt", OLD], "missing.txt"),
        "empty file": (["diff", OLD, "empty.txt"], "empty.txt"),
        "binary file": (["diff", "binary.txt", OLD], "binary.txt"),
        "directory": (["segment", "folder"], "folder"),
        "both stdin": (["diff", "-", "-"], "-: standard input"),
        "bad config": (["diff", OLD, NEW, "--config", "bad.toml"], "bad.toml: notice.period_days"),
        "unknown format": (["diff", OLD, NEW, "--format", "xml"], "--format"),
        "missing argument": (["diff", OLD], "new"),
        "unknown fail-on": (["diff", OLD, NEW, "--fail-on", "sometimes"], "--fail-on"),
        "unknown command": (["compare", OLD, NEW], "compare"),
    }


BAD = ["missing file", "empty file", "binary file", "directory", "both stdin", "bad config"]
USAGE = ["unknown format", "missing argument", "unknown fail-on", "unknown command"]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_in_process(isolated: Path, case: str) -> None:
    args, name = bad_inputs(isolated)[case]
    result = invoke(*args, stdin="We collect data.\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert_one_line(result.stderr, name)


@pytest.mark.parametrize("case", BAD + USAGE)
def test_bad_input_through_main(isolated: Path, case: str) -> None:
    args, name = bad_inputs(isolated)[case]
    code, stdout, stderr = run_main(args)
    assert (code, stdout) == (2, "")
    assert_one_line(stderr, name)


@pytest.mark.parametrize("case", BAD + USAGE)
def test_bad_input_as_a_subprocess(isolated: Path, case: str) -> None:
    args, name = bad_inputs(isolated)[case]
    done = run(*args, stdin=b"We collect data.\n")
    assert (done.returncode, done.stdout) == (2, "")
    assert_one_line(done.stderr, name)


def test_both_stdin_is_refused_even_with_an_empty_stdin(isolated: Path) -> None:
    done = run("diff", "-", "-")
    assert done.returncode == 2
    assert_one_line(done.stderr, "-: standard input")


def test_no_arguments_shows_the_help_on_stderr() -> None:
    code, stdout, stderr = run_main([])
    assert (code, stdout) == (2, "")
    assert stderr.startswith("Usage: policydiff") and "diff" in stderr and "segment" in stderr


def test_a_call_in_process_leaves_the_garbage_collector_as_it_was() -> None:
    import gc

    before = (gc.get_threshold(), gc.get_freeze_count())
    code, stdout, _ = run_main(["--version"])
    assert code == 0 and stdout.startswith("policydiff")
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_the_process_collects_seldom_and_leaves_its_objects_uncollected_at_exit() -> None:
    # the console script's own process: what it leaves of the collector is read as it exits
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print(gc.get_threshold()[0], gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "sys.argv = ['policydiff', '--version']\n"
        "from policydiff.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.split() == ["200000", "True"]


# --- internal errors: exit 4, one line, the traceback in the log --------------------------------


def test_internal_error_exits_4_with_the_traceback_in_the_log(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the segmenter broke\nover two lines")

    monkeypatch.setattr("policydiff.commands.segment.segment", broken)
    result = invoke("segment", OLD)
    assert result.exit_code == 4
    assert result.stdout == ""
    assert_one_line(result.stderr, "internal error", "RuntimeError", "the segmenter broke over two lines")
    log = (isolated / "error.log").read_text(encoding="utf-8")
    assert str(isolated / "error.log") in result.stderr
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: the segmenter broke" in log and "in broken" in log


def test_internal_error_in_diff_is_never_exit_1(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("clause")

    monkeypatch.setattr("policydiff.commands.diff.compare", broken)
    result = invoke("diff", OLD, NEW, "--fail-on", "major")
    assert result.exit_code == 4
    assert_one_line(result.stderr, "internal error", "KeyError")
    assert "KeyError" in (isolated / "error.log").read_text(encoding="utf-8")


def test_internal_error_log_falls_back_when_unwritable(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (isolated / "blocked").write_text("a file, not a folder")
    monkeypatch.setenv("POLICYDIFF_ERROR_LOG", str(isolated / "blocked" / "error.log"))
    monkeypatch.setenv("TMPDIR", str(isolated))
    monkeypatch.setattr("tempfile.tempdir", None)

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr("policydiff.commands.segment.segment", broken)
    result = invoke("segment", OLD)
    assert result.exit_code == 4
    assert_one_line(result.stderr, "policydiff-error.log")
    assert "ValueError: boom" in (isolated / "policydiff-error.log").read_text(encoding="utf-8")


# --- version, help, start-up cost --------------------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"policydiff {policydiff.__version__}\n",
        "",
    )
    done = run("--version")
    assert (done.returncode, done.stdout) == (0, f"policydiff {policydiff.__version__}\n")


def test_help_lists_the_commands() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    commands = re.findall(r"^  (\w+)\s", result.stdout.split("Commands:")[1], re.MULTILINE)
    assert commands[:2] == ["diff", "segment"]
    assert {"init", "record", "history", "fetch", "notice", "send"} <= set(commands)
    for command in commands:
        sub = invoke(command, "--help")
        assert sub.exit_code == 0 and sub.stdout.startswith(f"Usage: policydiff {command}")


def test_help_imports_nothing_heavy() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "policydiff", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "diff" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "policydiff.cli" in imported
    heavy = sorted(name for name in imported if name.split(".")[0] in HEAVY)
    assert heavy == []


@pytest.mark.parametrize(
    ("option", "value"),
    [("--publish-date", "9999-12-31"), ("--effective-date", "0001-01-01"), ("--publish-date", "3000-01-01")],
)
def test_a_date_out_of_range_is_bad_input_not_a_crash(tmp_path: Path, option: str, value: str) -> None:
    done = CliRunner().invoke(
        app, ["notice", str(JOYPIX_OLD), str(JOYPIX_NEW), option, value, "--out", str(tmp_path / "n")]
    )
    assert done.exit_code == 2 and "out of range" in done.output
    assert not (tmp_path / "n").exists()


@pytest.mark.parametrize("value", ["9999-12-31", "1900-01-01"])
def test_a_recorded_date_out_of_range_is_refused(value: str) -> None:
    from policydiff.archive import parse_date
    from policydiff.errors import InputError

    with pytest.raises(InputError, match="out of range"):
        parse_date(value, "--date")


def test_the_command_line_starts_without_what_a_command_may_not_need() -> None:
    # a fresh interpreter: what `policydiff --help` or a first command pays before it runs
    heavy = (
        "email.utils", "docx", "pdfminer", "jinja2", "rich", "lxml", "bs4", "httpx", "sendgrid", "yaml",
        "markupsafe", "policydiff.classify", "policydiff.compare", "policydiff.render.html",
        "policydiff.model",
    )  # fmt: skip
    code = f"import sys, policydiff.cli; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_markdown_diff_reads_no_word_or_pdf_reader(tmp_path: Path) -> None:
    # each reader is imported when a source of its kind is read: a Markdown pair pays for neither
    (tmp_path / "old.md").write_text("# Policy\n\nWe collect your email address.\n", encoding="utf-8")
    (tmp_path / "new.md").write_text("# Policy\n\nWe collect your email and name.\n", encoding="utf-8")
    readers = ("policydiff.load.docx", "policydiff.load.pdf", "policydiff.load.pdf_layout")
    code = (
        "import sys; from policydiff.cli import app\n"
        f"sys.argv = ['policydiff', 'diff', {str(tmp_path / 'old.md')!r}, {str(tmp_path / 'new.md')!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {readers!r} if m in sys.modules], file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr.strip().splitlines()[-1] == "[]"
