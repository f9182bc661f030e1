"""policydiff.review: decisions kept by fingerprint, applied to later reports, stale ones found."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result
from helpers import UNREAD, as_review, document, sample_report
from typer.testing import CliRunner

from policydiff.cli import app
from policydiff.compare import Judgement, compare
from policydiff.errors import InputError
from policydiff.model import Document, Report, Severity
from policydiff.review import (
    REVIEW_RULE,
    Review,
    apply_reviews,
    base_id,
    current_reviews,
    decisions_on,
    make_review,
    read_decisions,
    read_reviews,
    reviewed_changes,
    stale_reviews,
    with_review,
    write_reviews,
)

OLD = """# Privacy Policy

## 1. Retention

We keep account data for 6 months after you close your account.

## 2. Contact

Write to privacy@example.com with any question.
"""
NEW = OLD.replace("6 months", "24 months")


def report_of(old: str, new: str) -> Report:
    return compare(document(old), document(new))


def review_of(report: Report, severity: Severity = Severity.EDITORIAL) -> Review:
    return make_review(
        report.changes[0], severity, "the backup window, not the account data", "A. Lawyer", "2026-11-23"
    )


def test_a_review_lowers_a_major_change_and_drops_the_notice() -> None:
    report = report_of(OLD, NEW)
    assert report.severity is Severity.MAJOR and report.notice.required
    reviewed = apply_reviews(report, [review_of(report)])
    (change,) = reviewed.changes
    assert change.severity is Severity.EDITORIAL
    assert change.reasons[0].rule == REVIEW_RULE
    assert change.reasons[0].says.startswith(
        "reviewed by A. Lawyer on 2026-11-23: editorial because the backup"
    )
    assert change.reasons[1:] == report.changes[0].reasons  # the rule's reason stays visible
    assert reviewed.severity is Severity.EDITORIAL and not reviewed.notice.required
    assert dict(reviewed.stats.by_severity) == {"editorial": 1}
    assert reviewed_changes(reviewed) == reviewed.changes


def test_a_review_can_raise_a_change_to_major() -> None:
    new = OLD.replace("with any question", "with any question you have")
    report = report_of(OLD, new)
    assert report.severity is not Severity.MAJOR
    reviewed = apply_reviews(report, [review_of(report, Severity.MAJOR)])
    assert reviewed.severity is Severity.MAJOR and reviewed.notice.required
    assert reviewed.notice.reasons[0].startswith("2.p1: reviewed by A. Lawyer")


def test_the_same_change_between_other_versions_gets_the_same_decision() -> None:
    review = review_of(report_of(OLD, NEW))
    moved_elsewhere = "# Privacy Policy\n\nIntro text that was added later on.\n\n" + OLD.split("\n", 2)[2]
    later = report_of(moved_elsewhere, moved_elsewhere.replace("6 months", "24 months"))
    assert apply_reviews(later, [review]).severity is Severity.EDITORIAL


def test_unreviewed_reports_are_returned_as_they_are() -> None:
    report = report_of(OLD, NEW)
    assert apply_reviews(report, []) is report
    other = make_review(report_of(OLD, OLD + "\nMore.\n").changes[0], Severity.MAJOR, "x", "B", "2026-01-01")
    assert apply_reviews(report, [other]) is report


def test_reviews_round_trip_and_keep_every_decision(tmp_path: Path) -> None:
    path = tmp_path / "policies" / "acme" / "reviews.json"
    assert read_reviews(path) == () and read_decisions(path) == ()
    first = review_of(report_of(OLD, NEW))
    second = replace(first, severity=Severity.MINOR, by="B. Counsel", because="the account data too")
    write_reviews(path, with_review([], first))
    write_reviews(path, with_review(read_decisions(path), second))
    assert read_decisions(path) == (first, second)  # the trail: both kept, oldest first
    assert read_reviews(path) == (second,)  # what applies: the last one
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["schema"] == "policydiff.reviews/2"
    assert [entry["by"] for entry in stored["reviews"]] == ["A. Lawyer", "B. Counsel"]
    assert [p.name for p in path.parent.iterdir()] == ["reviews.json"]  # no temporary file left


def test_the_last_decision_appended_applies_not_the_latest_date() -> None:
    report = report_of(OLD, NEW)
    first = review_of(report, Severity.EDITORIAL)
    # a second decision the same day, and one dated earlier (another clock): order decides, not dates
    same_day = replace(first, severity=Severity.MAJOR, by="B. Counsel")
    earlier_date = replace(first, severity=Severity.MINOR, by="C. Clerk", date="2026-11-01")
    for trail, applies in (
        ((first, same_day), Severity.MAJOR),
        ((same_day, first), Severity.EDITORIAL),
        ((first, same_day, earlier_date), Severity.MINOR),
    ):
        assert current_reviews(trail) == (trail[-1],)
        (change,) = apply_reviews(report, trail).changes
        assert change.severity is applies
        assert change.reasons[0].says == trail[-1].says
        assert [r.rule for r in change.reasons].count(REVIEW_RULE) == 1


def test_current_reviews_keeps_one_per_change_in_the_order_they_were_made() -> None:
    retention = review_of(report_of(OLD, NEW))
    contact = make_review(
        report_of(OLD, OLD.replace("any question", "any question you have")).changes[0],
        Severity.EDITORIAL,
        "wording",
        "A. Lawyer",
        "2026-11-23",
    )
    again = replace(retention, severity=Severity.MAJOR)
    assert current_reviews([retention, contact, again]) == (contact, again)
    assert decisions_on([retention, contact, again], retention.fingerprint + "-2") == (retention, again)
    assert decisions_on([retention, contact, again], "ffffffff") == ()


def test_a_superseded_decision_is_not_listed_as_stale() -> None:
    report = report_of(OLD, NEW)
    first = review_of(report)
    second = replace(first, severity=Severity.MINOR)
    rewritten = NEW.replace("24 months", "36 months")
    assert stale_reviews([first, second], report_of(NEW, rewritten), rewritten) == (second,)
    assert stale_reviews([first, second], report, NEW) == ()


def test_a_file_in_the_first_format_is_read_and_kept_when_a_decision_is_appended(tmp_path: Path) -> None:
    report = report_of(OLD, NEW)
    path = tmp_path / "reviews.json"
    old_entry = {
        "fingerprint": base_id(report.changes[0].id),
        "severity": "editorial",
        "because": "backups only",
        "by": "A. Lawyer",
        "date": "2025-03-01",
        "kind": report.changes[0].kind.value,
        "path": "1.p1",
        "old": report.changes[0].old.text if report.changes[0].old else None,
        "new": report.changes[0].new.text if report.changes[0].new else None,
    }
    other = {**old_entry, "fingerprint": "0123abcd", "date": "2025-01-01", "by": "C. Clerk"}
    # as policydiff.reviews/1 wrote it: one decision per change, sorted by date
    path.write_text(
        json.dumps({"schema": "policydiff.reviews/1", "reviews": [other, old_entry]}, indent=2),
        encoding="utf-8",
    )
    (kept_other, kept) = read_reviews(path)
    assert (kept.by, kept.severity, kept.date) == ("A. Lawyer", Severity.EDITORIAL, "2025-03-01")
    assert kept_other.fingerprint == "0123abcd"
    assert apply_reviews(report, read_reviews(path)).severity is Severity.EDITORIAL

    newer = replace(kept, severity=Severity.MAJOR, by="B. Counsel", date="2026-11-23")
    write_reviews(path, with_review(read_decisions(path), newer))
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["schema"] == "policydiff.reviews/2"
    assert [entry["by"] for entry in stored["reviews"]] == ["C. Clerk", "A. Lawyer", "B. Counsel"]
    assert read_reviews(path) == (kept_other, newer)


def test_a_reviews_file_from_a_newer_policydiff_says_so(tmp_path: Path) -> None:
    path = tmp_path / "reviews.json"
    path.write_text('{"schema": "policydiff.reviews/9", "reviews": []}', encoding="utf-8")
    with pytest.raises(InputError, match="policydiff.reviews/9, which this policydiff cannot read"):
        read_reviews(path)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "not valid JSON"),
        ('{"reviews": []}', "not a reviews file"),
        ('{"schema": "policydiff.reviews/1", "reviews": [{"fingerprint": "xyz"}]}', "reviews[0].fingerprint"),
        (
            '{"schema": "policydiff.reviews/1", "reviews": [{"fingerprint": "0123abcd", "severity": "huge",'
            ' "date": "2026-01-01"}]}',
            "reviews[0].severity",
        ),
    ],
)
def test_a_damaged_reviews_file_is_named(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "reviews.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_reviews(path)
    assert str(path) in raised.value.message and problem in raised.value.message


def test_make_review_needs_a_reason_and_a_name() -> None:
    change = report_of(OLD, NEW).changes[0]
    with pytest.raises(InputError, match="--because"):
        make_review(change, Severity.MINOR, "  ", "A", "2026-01-01")
    with pytest.raises(InputError, match="--by"):
        make_review(change, Severity.MINOR, "ok", "", "2026-01-01")
    with pytest.raises(InputError, match="--as"):
        make_review(change, Severity.NONE, "ok", "A", "2026-01-01")


def test_stale_reviews() -> None:
    report = report_of(OLD, NEW)
    review = review_of(report)
    assert base_id(report.changes[0].id) == review.fingerprint
    assert stale_reviews([review], report, NEW) == ()  # the change is in the report
    nothing_new = report_of(NEW, NEW)
    assert stale_reviews([review], nothing_new, NEW) == ()  # its wording still stands
    rewritten = NEW.replace("24 months", "36 months")
    assert stale_reviews([review], report_of(NEW, rewritten), rewritten) == (review,)


PROMISING = OLD.replace(
    "## 2. Contact",
    "## 2. Changes to this policy\n\n"
    "We will notify you of material changes 45 days in advance.\n\n## 3. Contact",
)


def test_a_reviewed_report_keeps_the_clause_that_promised_the_notice_period() -> None:
    report = report_of(PROMISING, PROMISING.replace("6 months", "24 months").replace("Write", "Please write"))
    assert report.notice.promised_days == 45 and report.notice.promised_path is not None
    contact = next(c for c in report.changes if c.severity is not Severity.MAJOR)
    reviewed = apply_reviews(report, [review_of(replace(report, changes=(contact,)), Severity.MINOR)])
    assert reviewed.notice.required  # the retention change still needs notice
    assert reviewed.notice.promised_days == 45
    assert reviewed.notice.promised_path == report.notice.promised_path
    assert reviewed.notice.period_days == report.notice.period_days


# ------------------------------------------------------------------ settling a change no rule could read


def test_a_review_settles_a_change_the_rules_could_not_read() -> None:
    pending = as_review(report_of(OLD, NEW), report_of(OLD, NEW).changes[0].id)
    assert pending.severity is Severity.REVIEW and pending.notice.pending_review == 1
    assert not pending.notice.required
    for decided, required in ((Severity.MINOR, False), (Severity.MAJOR, True), (Severity.EDITORIAL, False)):
        settled = apply_reviews(pending, [review_of(pending, decided)])
        (change,) = settled.changes
        assert change.severity is decided and change.reasons[0].rule == REVIEW_RULE
        assert change.reasons[1].says == UNREAD  # what the rules could not read stays visible
        assert settled.severity is decided and settled.notice.pending_review == 0
        assert settled.notice.required is required
        assert dict(settled.stats.by_severity) == {decided.value: 1}


def test_settling_one_of_several_pending_changes_leaves_the_others_pending() -> None:
    pending = as_review(sample_report(), "c1", "c3", "c5")
    c3 = next(change for change in pending.changes if change.id == "c3")
    review = make_review(c3, Severity.MAJOR, "AI training on user content", "A. Lawyer", "2026-11-23")
    settled = apply_reviews(pending, [review])
    assert settled.severity is Severity.MAJOR and settled.notice.required
    assert settled.notice.pending_review == 2
    assert [c.id for c in reviewed_changes(settled)] == ["c3"]


def test_review_is_not_a_decision_a_lawyer_can_record() -> None:
    change = as_review(sample_report(), "c3").changes[2]
    with pytest.raises(InputError, match="--as: must be editorial, minor or major"):
        make_review(change, Severity.REVIEW, "not sure", "A. Lawyer", "2026-11-23")


@pytest.fixture
def unread(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine as SPEC wants it for a change it cannot read: each change of substance comes out ``review``.

    The engine's own ``review`` verdicts are another piece of work; this forces them so the commands
    around them can be held to the contract now.
    """

    def compare_unread(old: Document, new: Document, judgement: Judgement | None = None) -> Report:
        report = compare(old, new, judgement)
        return as_review(report, *(c.id for c in report.changes if c.severity is not Severity.EDITORIAL))

    for module in ("policydiff.compare", "policydiff.commands.diff", "policydiff.commands.review"):
        monkeypatch.setattr(f"{module}.compare", compare_unread)


def test_a_pending_change_is_gated_refused_and_settled_through_the_commands(
    unread: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICYDIFF_ERROR_LOG", str(tmp_path / "error.log"))
    (tmp_path / "policydiff.toml").write_text(
        '[organization]\nname = "JoyPix LLC"\ncontact = "privacy@example.com"\n\n'
        '[notice]\npolicy_url = "https://example.com/privacy"\n\n[email]\nfrom = "privacy@example.com"\n\n'
        '[[policy]]\nid = "p"\ntitle = "P Privacy Policy"\nsource = "draft.md"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    (tmp_path / "v1.md").write_text(OLD, encoding="utf-8")
    recorded = runner.invoke(app, ["record", "p", "v1.md", "--version", "v1", "--date", "2020-01-01"])
    assert recorded.exit_code == 0, recorded.stderr
    (tmp_path / "draft.md").write_text(NEW, encoding="utf-8")

    # check records the new version: pending review, which fails a major gate and drafts no notice
    done = runner.invoke(
        app, ["check", "--fail-on", "major", "--json", "run.json", "--summary", "summary.md"]
    )
    assert done.exit_code == 1, done.stderr
    (entry,) = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))["policies"]
    assert (entry["severity"], entry["notice_required"], entry["pending_review"]) == ("review", False, 1)
    (change_id,) = [change["id"] for change in entry["changes"]]
    table = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| ■ pending review |" in table and "| undecided: 1 change pending review |" in table
    assert f"a lawyer must decide: policydiff review p {change_id} --as editorial|minor|major" in done.stdout
    assert not (tmp_path / "policies" / "p" / "notices").exists()
    history = runner.invoke(app, ["history", "p"], terminal_width=200)
    assert "■ review" in history.stdout and "undecided" in history.stdout

    # diff shows it as review and a major gate fails; notice refuses, one line per pending change
    diffed = runner.invoke(app, ["diff", "p@previous", "p@latest", "--format", "json", "--fail-on", "major"])
    assert diffed.exit_code == 1
    report = json.loads(diffed.stdout)
    assert report["severity"] == "review" and report["notice"]["pending_review"] == 1
    refused = runner.invoke(app, ["notice", "p@previous", "p@latest", "--publish-date", "2026-04-20"])
    assert refused.exit_code == 2 and refused.stdout == ""
    summary, line = refused.stderr.splitlines()
    assert summary.startswith("policydiff: policies/p/versions/2020-01-01--v1.md → policies/p/versions/")
    assert summary.endswith(
        ": no notice drafted: 1 change needs a lawyer's decision before anyone can say no notice is needed"
    )
    assert line == (
        f"policydiff: change {change_id} at 1.p1 needs a lawyer's decision: "
        f"policydiff review p {change_id} --as editorial|minor|major"
    )
    assert not (tmp_path / "notice").exists()

    # a lawyer settles it: diff no longer shows it as review, the gate passes, the notice concludes
    settled = runner.invoke(
        app, ["review", "p", change_id, "--as", "minor", "--because", "backups only", "--by", "A. Lawyer"]
    )
    assert settled.exit_code == 0, settled.stderr
    assert f"change {change_id} at 1.p1 is minor from now on" in settled.stdout
    diffed = runner.invoke(app, ["diff", "p@previous", "p@latest", "--format", "json", "--fail-on", "major"])
    assert diffed.exit_code == 0, diffed.stderr
    report = json.loads(diffed.stdout)
    assert report["severity"] == "minor" and report["notice"]["pending_review"] == 0
    (change,) = report["changes"]
    assert change["severity"] == "minor" and change["reasons"][0]["rule"] == "review"
    drafted = runner.invoke(app, ["notice", "p@previous", "p@latest", "--publish-date", "2026-04-20"])
    assert drafted.exit_code == 0, drafted.stderr
    assert drafted.stdout.startswith("no material change: no advance notice is needed\n")


# ------------------------------------------------------------------ the audit trail through the command


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A project with two recorded versions of policy ``p``; returns the id of the one change."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICYDIFF_ERROR_LOG", str(tmp_path / "error.log"))
    monkeypatch.delenv("POLICYDIFF_REVIEWER", raising=False)
    (tmp_path / "policydiff.toml").write_text(
        '[organization]\nname = "JoyPix LLC"\ncontact = "privacy@example.com"\n\n'
        '[[policy]]\nid = "p"\ntitle = "P Privacy Policy"\nsource = "draft.md"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    for label, date, text in (("v1", "2020-01-01", OLD), ("v2", "2020-06-01", NEW)):
        (tmp_path / f"{label}.md").write_text(text, encoding="utf-8")
        done = runner.invoke(app, ["record", "p", f"{label}.md", "--version", label, "--date", date])
        assert done.exit_code == 0, done.stderr
    diffed = runner.invoke(app, ["diff", "p@previous", "p@latest", "--format", "json"])
    (change,) = json.loads(diffed.stdout)["changes"]
    return str(change["id"])


def decide(*args: str) -> Result:
    return CliRunner().invoke(app, ["review", "p", *args])


def stored_reviews(root: Path) -> list[dict[str, object]]:
    data = json.loads((root / "policies" / "p" / "reviews.json").read_text(encoding="utf-8"))
    assert data["schema"] == "policydiff.reviews/2"
    return list(data["reviews"])


def test_a_second_decision_supersedes_the_first_says_so_and_keeps_both(project: str, tmp_path: Path) -> None:
    first = decide(project, "--as", "editorial", "--because", "backups only", "--by", "A. Lawyer")
    assert first.exit_code == 0, first.stderr
    assert "supersedes" not in first.stdout and first.stderr == ""
    second = decide(project, "--as", "major", "--because", "account data too", "--by", "B. Counsel")
    assert second.exit_code == 0, second.stderr
    decided, superseding = second.stdout.splitlines()
    assert f"change {project} at 1.p1 is major from now on (reviewed by B. Counsel on " in decided
    assert superseding.startswith("p: this supersedes the decision by A. Lawyer on ")
    assert "(editorial because backups only)" in superseding
    assert superseding.endswith(f"both are kept: policydiff review p {project} --history")
    assert [(r["by"], r["severity"]) for r in stored_reviews(tmp_path)] == [
        ("A. Lawyer", "editorial"),
        ("B. Counsel", "major"),
    ]
    diffed = CliRunner().invoke(app, ["diff", "p@previous", "p@latest", "--format", "json"])
    (change,) = json.loads(diffed.stdout)["changes"]
    assert change["severity"] == "major"
    assert change["reasons"][0]["says"].startswith("reviewed by B. Counsel on ")


@pytest.mark.parametrize("shape", ["flag after the id", "flag before the id"])
def test_history_lists_every_decision_oldest_first_marking_the_one_that_applies(
    project: str, shape: str
) -> None:
    for severity, because, by in (
        ("editorial", "backups only", "A. Lawyer"),
        ("major", "account   data\ttoo", "B. Counsel"),
        ("minor", "settled with the DPO", "A. Lawyer"),
    ):
        assert decide(project, "--as", severity, "--because", because, "--by", by).exit_code == 0
    args = [project, "--history"] if shape == "flag after the id" else ["--history", project]
    shown = decide(*args)
    assert shown.exit_code == 0, shown.stderr
    day = dt.date.today().isoformat()
    assert shown.stdout.splitlines() == [
        f"p: 3 decisions on change {project} at 1.p1, oldest first; the last one applies",
        f"  superseded  {day}  editorial  by A. Lawyer because backups only",
        f"  superseded  {day}  major      by B. Counsel because account data too",
        f"  applies     {day}  minor      by A. Lawyer because settled with the DPO",
    ]


def test_history_of_a_change_nobody_decided_yet(project: str) -> None:
    shown = decide(project, "--history")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.startswith(f"p: no decision recorded on change {project} at 1.p1 (the rules judge")


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["ffffffff", "--history"], "ffffffff: no such change between recorded versions of p"),
        (["not-an-id", "--history"], "not-an-id: not a change id"),
        (["{id}", "--history", "--as", "minor"], "--history lists the decisions on a change; --as"),
        (["{id}", "--as", "minor"], "--because: missing: a decision needs --as"),
        (["{id}", "--because", "why"], "--as: missing: a decision needs --as"),
        (["{id}"], "--as and --because: missing"),
        (["ffffffff", "--as", "minor", "--because", "x", "--by", "A"], "ffffffff: no such change"),
    ],
)
def test_bad_review_input_is_one_line_and_exit_2(project: str, args: list[str], problem: str) -> None:
    done = decide(*(arg.replace("{id}", project) for arg in args))
    assert done.exit_code == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("policydiff: ") and problem in line


def test_history_of_an_unknown_policy_is_one_line_and_exit_2(project: str) -> None:
    done = CliRunner().invoke(app, ["review", "nope", project, "--history"])
    assert done.exit_code == 2
    (line,) = done.stderr.splitlines()
    assert "no policy 'nope'" in line


def _fake_git(folder: Path, script: str) -> None:
    folder.mkdir()
    git = folder / "git"
    git.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    git.chmod(0o755)


@pytest.mark.parametrize(
    ("git", "reviewer"),
    [
        ('[ "$1 $2" = "config user.name" ] && echo "Grace Hopper" && exit 0\nexit 1\n', "Grace Hopper"),
        ("exit 1\n", "lawyer1"),  # git installed, no user.name set: the login name
        (None, "lawyer1"),  # no git at all: the login name
    ],
)
def test_by_defaults_to_git_user_name_else_the_login_name(
    project: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git: str | None, reviewer: str
) -> None:
    bin_folder = tmp_path / "bin"
    if git is None:
        bin_folder.mkdir()
    else:
        _fake_git(bin_folder, git)
    monkeypatch.setenv("PATH", str(bin_folder))
    monkeypatch.setenv("LOGNAME", "lawyer1")
    done = decide(project, "--as", "minor", "--because", "backups only")
    assert done.exit_code == 0, done.stderr
    assert f"reviewed by {reviewer} on " in done.stdout
    assert [r["by"] for r in stored_reviews(tmp_path)] == [reviewer]


def test_by_and_the_reviewer_variable_come_before_git(
    project: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_git(tmp_path / "bin", 'echo "Grace Hopper"\n')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("POLICYDIFF_REVIEWER", "R. Eviewer")
    assert decide(project, "--as", "minor", "--because", "x").exit_code == 0
    assert decide(project, "--as", "minor", "--because", "x", "--by", "A. Lawyer").exit_code == 0
    assert [r["by"] for r in stored_reviews(tmp_path)] == ["R. Eviewer", "A. Lawyer"]
