"""policydiff.commands.record: versions stored under the lock, judged against the one before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import (
    COMMANDS_NOW,
    COMMANDS_TODAY,
    FIXTURES,
    JOYPIX_NEW,
    JOYPIX_OLD,
    JOYPIX_POLICY,
    command_project,
    files_of,
    small_policy,
)
from typer.testing import CliRunner

from policydiff.archive import PolicyArchive
from policydiff.cli import app
from policydiff.commands.record import record_version
from policydiff.config import load_settings
from policydiff.errors import InputError
from policydiff.files import TEMP_PREFIX
from policydiff.load import load
from policydiff.model import Document, Severity

TODAY, NOW, JOYPIX = COMMANDS_TODAY, COMMANDS_NOW, JOYPIX_POLICY


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return command_project(tmp_path, monkeypatch)


# ---------------------------------------------------------------------- record


def test_record_the_first_then_a_changed_version(project: Path) -> None:
    settings = load_settings(project)
    first = record_version(settings, "joypix", load(str(JOYPIX_OLD)), None, None, TODAY)
    assert first.created and first.previous is None and first.report is None
    assert (first.version.label, first.version.date, first.version.severity) == (
        "v2.0",
        "2026-03-17",
        Severity.NONE,
    )
    new = load(str(JOYPIX_NEW), select="main", remove=(".cookie-banner",))
    second = record_version(settings, "joypix", new, None, "2026-04-20", TODAY)
    version = second.version
    assert (version.label, version.date, version.severity, version.notice) == (
        "v2.1",
        "2026-04-20",
        Severity.MAJOR,
        True,
    )
    assert second.previous == first.version and second.report is not None
    assert len(version.summary) == 8 and all(
        line.startswith(("major · ", "minor · ")) for line in version.summary
    )
    assert any("retention expands" in line and "6 months → 24 months" in line for line in version.summary)
    archive = PolicyArchive(settings.archive, "joypix")
    assert archive.read_text(version) == new.text
    assert version.redline is not None
    redline = (archive.folder / version.redline).read_text(encoding="utf-8")
    assert "joypix@v2.0" in redline and str(project.parent) not in redline  # no machine-specific path
    assert [v.label for v in archive.versions()] == ["v2.0", "v2.1"]


def test_the_same_text_again_records_nothing(project: Path) -> None:
    settings = load_settings(project)
    record_version(settings, "joypix", load(str(JOYPIX_OLD)), None, None, TODAY)
    before = files_of(project.parent / "policies")
    again = record_version(settings, "joypix", load(str(JOYPIX_OLD)), "v9", "2026-05-01", TODAY)
    assert not again.created and again.version.label == "v2.0"
    assert files_of(project.parent / "policies") == before


def test_a_record_of_the_same_text_still_sweeps_what_a_killed_writer_left(project: Path) -> None:
    settings = load_settings(project)
    record_version(settings, "joypix", load(str(JOYPIX_OLD)), None, None, TODAY)
    before = files_of(project.parent / "policies")
    folder = PolicyArchive(settings.archive, "joypix").folder
    # a writer killed after its version file and before the history: an unlisted file, a temporary one
    (folder / "versions" / "2026-03-18--v3.0.md").write_text("unlisted\n", encoding="utf-8")
    (folder / "versions" / f"{TEMP_PREFIX}abc.md").write_text("half\n", encoding="utf-8")
    again = record_version(settings, "joypix", load(str(JOYPIX_OLD)), None, None, TODAY)
    assert not again.created
    assert files_of(project.parent / "policies") == before


def test_labels_default_to_the_stated_version_else_the_date(project: Path, tmp_path: Path) -> None:
    settings = load_settings(project)
    for number in range(3):
        (tmp_path / f"{number}.md").write_text(small_policy(number))
        record_version(settings, "p", load(str(tmp_path / f"{number}.md")), None, None, TODAY)
    labels = [v.label for v in PolicyArchive(settings.archive, "p").versions()]
    assert labels == ["2026-03-17", "2026-03-17-2", "2026-03-17-3"]


def test_record_refuses_an_unknown_policy_a_taken_label_and_a_bad_date(project: Path) -> None:
    settings = load_settings(project)
    record_version(settings, "joypix", load(str(JOYPIX_OLD)), None, None, TODAY)
    before = files_of(project.parent / "policies")
    new = load(str(JOYPIX_NEW))
    with pytest.raises(InputError, match=r"no policy 'jopyix' \(configured: joypix, p\)"):
        record_version(settings, "jopyix", new, None, None, TODAY)
    with pytest.raises(InputError, match="joypix@v2.0: this label is already recorded"):
        record_version(settings, "joypix", new, "v2.0", None, TODAY)
    with pytest.raises(InputError, match="--date: '20/04/2026' is not a date"):
        record_version(settings, "joypix", new, None, "20/04/2026", TODAY)
    assert files_of(project.parent / "policies") == before


def test_record_command(project: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["record", "joypix", str(JOYPIX_OLD), "--date", "2026-03-17"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "joypix: recorded v2.0 (2026-03-17), the first version, "
        "in policies/joypix/versions/2026-03-17--v2.0.md\n"
    )
    result = runner.invoke(
        app, ["record", "joypix", str(JOYPIX_NEW), "--version", "v2.1-draft", "--date", "2026-04-20"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("joypix: recorded v2.1-draft (2026-04-20) in policies/joypix/versions/")
    assert result.stdout.endswith(": major against v2.0 (6 major, 2 minor); advance notice required\n")
    result = runner.invoke(app, ["record", "joypix", "joypix@previous"])
    assert result.exit_code == 0 and "recorded 2026-" in result.stdout  # v2.0 is taken: the date labels it
    result = runner.invoke(app, ["record", "joypix", "joypix@latest"])
    assert result.stdout.startswith("joypix: same text as 2026-")
    result = runner.invoke(app, ["record", "joypix", str(JOYPIX_NEW), "--date", "next week"])
    assert (
        result.exit_code == 2
        and result.stderr == "policydiff: --date: 'next week' is not a date as YYYY-MM-DD\n"
    )


def test_an_archived_plain_text_version_compares_as_its_file_did(tmp_path: Path) -> None:
    """The archive keeps a version's format: a .txt policy must not be re-read as Markdown later."""
    import shutil

    from policydiff.compare import compare
    from policydiff.config import load_settings
    from policydiff.load import load

    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    shutil.rmtree(tmp_path / "fixtures" / "policies")
    settings = load_settings(tmp_path / "fixtures" / "policydiff.toml")
    old_file = tmp_path / "fixtures" / "joyclip" / "privacy-2026-01-03.txt"
    today = dt.date(2026, 11, 23)
    first = record_version(settings, "joyclip", load(str(old_file)), None, "2026-01-03", today)
    assert first.version.format == "text"
    new = load(str(tmp_path / "fixtures" / "joyclip" / "privacy-2026-04-01.md"))
    second = record_version(settings, "joyclip", new, None, None, today)
    direct = compare(load(str(old_file)), new)
    assert second.report is not None
    archived = [(c.id, c.severity, c.categories) for c in second.report.changes]
    assert archived == [(c.id, c.severity, c.categories) for c in direct.changes]


# ---------------------------------------------------------------------- the version's date


def _dated(tmp_path: Path, dateline: str, number: int) -> Document:
    """Policy ``number`` of ``small_policy`` with ``dateline`` at its top, loaded from a file."""
    path = tmp_path / f"dated-{number}.md"
    path.write_text(f"{dateline}\n\n{small_policy(number)}", encoding="utf-8")
    return load(str(path))


def _undated(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "undated.md"
    path.write_text(text, encoding="utf-8")
    return load(str(path))


def test_a_version_is_dated_as_the_policy_dates_itself(project: Path, tmp_path: Path) -> None:
    settings = load_settings(project)
    first = record_version(
        settings, "p", _dated(tmp_path, "Last updated: February 2, 2026", 1), None, None, TODAY
    )
    assert (first.version.label, first.version.date, first.warnings) == ("2026-02-02", "2026-02-02", ())
    second = record_version(
        settings, "p", _dated(tmp_path, "**Revised:** [3 March 2026]", 2), None, None, TODAY
    )
    assert (second.version.date, second.warnings) == ("2026-03-03", ())
    undated = record_version(settings, "p", _undated(tmp_path, small_policy(3)), None, None, TODAY)
    assert (undated.version.date, undated.warnings) == (TODAY.isoformat(), ())  # no date stated: today
    given = record_version(
        settings, "p", _dated(tmp_path, "Last updated: March 4, 2026", 4), "v4", "2026-03-17", TODAY
    )
    assert (given.version.date, given.warnings) == ("2026-03-17", ())  # --date wins


def test_a_stated_date_to_come_is_not_used(project: Path, tmp_path: Path) -> None:
    settings = load_settings(project)
    done = record_version(settings, "p", _dated(tmp_path, "Effective date: 2026-05-01", 1), None, None, TODAY)
    assert done.created and done.version.date == "2026-03-17"
    assert done.warnings == (
        "the policy's 'Effective date' line says 2026-05-01, a date still to come; "
        "the version is dated 2026-03-17 (today); give --date to choose another",
    )


def test_a_stated_date_before_the_latest_version_warns_instead_of_failing(
    project: Path, tmp_path: Path
) -> None:
    settings = load_settings(project)
    record_version(settings, "p", _dated(tmp_path, "Last updated: March 10, 2026", 1), None, None, TODAY)
    later = dt.date(2026, 6, 30)
    done = record_version(
        settings, "p", _dated(tmp_path, "Last updated: January 5, 2026", 2), None, None, later
    )
    assert done.created and done.version.date == "2026-06-30"  # today: the day this text was seen
    assert done.warnings == (
        "the policy's 'Last updated' line says January 5, 2026, before the latest recorded version "
        "(2026-03-10, 2026-03-10); the version is dated 2026-06-30 (today); give --date to choose another",
    )
    # an explicit --date before the latest one is still refused: the user said so
    with pytest.raises(InputError, match="--date: 2026-01-05 is before the latest version of p"):
        record_version(settings, "p", _dated(tmp_path, "x", 3), None, "2026-01-05", later)


def test_a_date_that_reads_two_ways_is_not_guessed(project: Path, tmp_path: Path) -> None:
    settings = load_settings(project)
    done = record_version(settings, "p", _dated(tmp_path, "Last updated: 02/03/2026", 1), None, None, TODAY)
    assert done.version.date == "2026-03-17"
    assert done.warnings == (
        "the policy's 'Last updated' line says 02/03/2026, which can be read day first or month first; "
        "the version is dated 2026-03-17 (today); give --date to choose another",
    )


def test_a_changed_text_under_an_unchanged_date_line_is_warned_of(project: Path, tmp_path: Path) -> None:
    settings = load_settings(project)
    record_version(settings, "p", _dated(tmp_path, "Last updated: March 2, 2026", 1), None, None, TODAY)
    done = record_version(
        settings, "p", _dated(tmp_path, "Last updated: March 2, 2026", 2), None, None, TODAY
    )
    assert done.created and done.version.date == "2026-03-17"  # the stale date is not the new text's
    assert done.warnings == (
        "the policy's 'Last updated' line still says March 2, 2026 although its text changed; "
        "the version is dated 2026-03-17 (today)",
    )
    given = record_version(
        settings, "p", _dated(tmp_path, "Last updated: March 2, 2026", 3), None, "2026-03-17", TODAY
    )
    assert given.version.date == "2026-03-17"
    assert given.warnings == (
        "the policy's 'Last updated' line still says March 2, 2026 although its text changed",
    )
    # the same text again is no new version, and no warning
    again = record_version(
        settings, "p", _dated(tmp_path, "Last updated: March 2, 2026", 3), None, None, TODAY
    )
    assert not again.created and again.warnings == ()


def test_record_command_prints_each_date_warning_as_one_line_on_stderr(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("policydiff.cli.archive_commands.today", lambda: TODAY)
    runner = CliRunner()
    (tmp_path / "old.md").write_text(f"Last updated: March 2, 2026\n\n{small_policy(1)}", encoding="utf-8")
    (tmp_path / "new.md").write_text(f"Last updated: March 2, 2026\n\n{small_policy(2)}", encoding="utf-8")
    first = runner.invoke(app, ["record", "p", str(tmp_path / "old.md")])
    assert first.exit_code == 0 and first.stderr == ""
    assert "recorded 2026-03-02 (2026-03-02), the first version" in first.stdout
    second = runner.invoke(app, ["record", "p", str(tmp_path / "new.md")])
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith("p: recorded ") and second.stdout.count("\n") == 1
    assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
    assert second.stderr == (
        "policydiff: warning: p: the policy's 'Last updated' line still says March 2, 2026 "
        "although its text changed; the version is dated 2026-03-17 (today)\n"
    )
    assert "recorded 2026-03-17 (2026-03-17)" in second.stdout
