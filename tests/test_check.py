"""policydiff check end to end: a local company website whose policy changes between scheduled runs."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import as_review, policy_page, run_policydiff, sample_report, small_policy, threaded_server
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from policydiff.cli.options import FailOn, fail_rank
from policydiff.commands.check import check_exit_code
from policydiff.model import Report, Severity, Version
from policydiff.records import Pending, PolicyCheck
from policydiff.render.check import annotation_lines, check_record, render_check_markdown, render_check_text

V1 = small_policy(6)
V2 = V1.replace("for 6 months after", "for 24 months after")  # retention longer: major
ASSERT_V2_DIFFERS = V1 != V2


class Website:
    """One policy page whose content the test changes between runs."""

    def __init__(self, server: HTTPServer) -> None:
        self.body = policy_page(V1)
        self.status = 200
        server.expect_request("/privacy").respond_with_handler(self.answer)
        self.url = server.url_for("/privacy")

    def answer(self, request: Request) -> Response:
        return Response(self.body, status=self.status, content_type="text/html; charset=utf-8")


@pytest.fixture
def website() -> Iterator[Website]:
    with threaded_server() as server:
        yield Website(server)


@pytest.fixture
def project(tmp_path: Path, website: Website) -> Path:
    (tmp_path / "policydiff.toml").write_text(
        f"""[organization]
name = "JoyPix LLC"
contact = "support@joypix.ai"
website = "https://joypix.ai"

[notice]
policy_url = "https://joypix.ai/privacy"

[email]
from = "privacy@joypix.ai"

[[policy]]
id = "joypix"
title = "JoyPix Privacy Policy"
url = "{website.url}"
select = "main"
remove = [".cookie-banner"]
""",
        encoding="utf-8",
    )
    return tmp_path


def run(project: Path, *args: str, github: bool = False) -> subprocess.CompletedProcess[str]:
    return run_policydiff(project, *args, github=github)


def check(
    project: Path, github: bool = False
) -> tuple[subprocess.CompletedProcess[str], dict[str, object], str]:
    summary, record_file = project / "summary.md", project / "run.json"
    summary.unlink(missing_ok=True)
    record_file.unlink(missing_ok=True)
    done = run(
        project, "check", "--fail-on", "major", "--json", "run.json", "--summary", "summary.md", github=github
    )
    assert "Traceback" not in done.stderr, done.stderr
    record = json.loads(record_file.read_text(encoding="utf-8")) if record_file.exists() else {}
    return done, record, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_a_scheduled_check_records_finds_drafts_and_honours_a_review(project: Path, website: Website) -> None:
    assert ASSERT_V2_DIFFERS
    # run 1: nothing to compare with yet
    done, record, summary = check(project)
    assert done.returncode == 0, done.stderr
    assert "first version recorded" in done.stdout
    assert record["policies"][0]["status"] == "first"  # type: ignore[index]

    # run 2: the page now keeps data four times longer
    website.body = policy_page(V2)
    done, record, summary = check(project, github=True)
    assert done.returncode == 1, done.stderr
    (entry,) = record["policies"]  # type: ignore[misc]
    assert entry["status"] == "changed" and entry["severity"] == "major" and entry["notice_required"]
    folder = project / entry["notices"]
    for name in ("email.html", "email.txt", "announcement.md", "in-app.txt", "notice.json", "redline.html"):
        assert (folder / name).is_file(), name
    assert folder.parent.name == "notices" and folder.parent.parent.name == "joypix"
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    (major,) = [c for c in report["changes"] if c["severity"] == "major"]
    assert "retention" in major["categories"]
    assert "24 months" in (folder / "email.txt").read_text(encoding="utf-8")
    # what the drafts go without is said once per config key, in the run record and on stderr
    notes = entry["notes"]
    assert "warning: notice.links.export is not set: the notices offer no way to download a copy of your" in (
        " ".join(notes)
    )
    assert "joypix: warning: notice.redline_url is not set" in done.stdout
    assert "| joypix |" in summary and "major" in summary and major["id"] in summary
    warnings = [line for line in done.stdout.splitlines() if line.startswith("::warning file=")]
    assert len(warnings) == 1 and "title=Material change in joypix" in warnings[0]
    assert "versions/" in warnings[0] and ",line=" in warnings[0]

    # run 3: the same page again
    done, record, summary = check(project)
    assert done.returncode == 0, done.stderr
    assert "no new version" in done.stdout and record["policies"][0]["status"] == "unchanged"  # type: ignore[index]

    # a lawyer reads the change as editorial
    reviewed = run(
        project,
        "review",
        "joypix",
        major["id"],
        "--as",
        "editorial",
        "--because",
        "backups only",
        "--by",
        "A. Lawyer",
    )
    assert reviewed.returncode == 0, reviewed.stderr
    assert f"change {major['id']}" in reviewed.stdout and "editorial from now on" in reviewed.stdout
    stored = json.loads((project / "policies" / "joypix" / "reviews.json").read_text(encoding="utf-8"))
    assert stored["reviews"][0]["by"] == "A. Lawyer"

    # the site rolls the change back (the review is then stale), then makes it again: same decision
    website.body = policy_page(V1)
    done, record, summary = check(project)
    assert done.returncode == 0, done.stderr
    assert "stale review" in done.stdout and "stale review" in summary
    website.body = policy_page(V2)
    done, record, summary = check(project)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "reviewed by A. Lawyer on" in summary and "backups only" in summary
    assert "reviewed by A. Lawyer" in done.stdout
    assert record["policies"][0]["severity"] == "editorial"  # type: ignore[index]

    # diff honours the review too when it compares archived versions
    diffed = run(project, "diff", "joypix@previous", "joypix@latest", "--format", "json")
    changes = json.loads(diffed.stdout)["changes"]
    assert diffed.returncode == 0 and changes[0]["severity"] == "editorial"
    assert changes[0]["reasons"][0]["rule"] == "review"


def test_a_failed_fetch_exits_3_and_keeps_the_last_good_version(project: Path, website: Website) -> None:
    assert check(project)[0].returncode == 0
    history = (project / "policies" / "joypix" / "history.json").read_text(encoding="utf-8")
    website.status = 500
    done, record, _ = check(project)
    assert done.returncode == 3
    assert record["policies"][0]["status"] == "failed"  # type: ignore[index]
    assert done.stderr.startswith("policydiff: joypix: ") and len(done.stderr.splitlines()) == 1
    assert (project / "policies" / "joypix" / "history.json").read_text(encoding="utf-8") == history


def test_a_bad_config_exits_2_with_one_line(project: Path) -> None:
    (project / "policydiff.toml").write_text("[[policy]]\nid = 'Bad Id'\n", encoding="utf-8")
    done = run(project, "check")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1 and "policy" in done.stderr


def test_review_of_an_unknown_change_lists_where_to_look(project: Path, website: Website) -> None:
    check(project)
    website.body = policy_page(V2)
    check(project)
    done = run(project, "review", "joypix", "deadbeef", "--as", "minor", "--because", "x", "--by", "B")
    assert done.returncode == 2 and "deadbeef: no such change" in done.stderr
    assert "policydiff diff joypix@previous joypix@latest" in done.stderr


def _check(status: str, severity: Severity, code: int = 0) -> PolicyCheck:
    version = Version("v1", "2026-01-01", "0" * 64, "x", "versions/2026-01-01--v1.md", severity)
    return PolicyCheck("p", "x", status, new=version, exit_code=code, error="boom" if code else None)


def test_exit_code_puts_a_material_change_before_errors() -> None:
    """1 wins: an error elsewhere must not hide a change that needs notice (the errors are still listed)."""
    changed = _check("unchanged", Severity.NONE)
    assert check_exit_code([changed], 3) == 0
    assert check_exit_code([changed, _check("failed", Severity.NONE, 3)], 3) == 3
    assert check_exit_code([_check("failed", Severity.NONE, 3), _check("failed", Severity.NONE, 2)], 3) == 2
    major = replace(_check("changed", Severity.MAJOR, 2), report=sample_report())
    assert check_exit_code([major, _check("failed", Severity.NONE, 3)], 3) == 1
    assert check_exit_code([major, _check("failed", Severity.NONE, 3)], 99) == 2  # --fail-on never
    version = Version("v2", "2026-02-01", "1" * 64, "x", "versions/2026-02-01--v2.md", Severity.MAJOR)
    pending = Pending("p", version, version, Severity.MAJOR, "its notices are not drafted", ("x",))
    waiting = replace(_check("failed", Severity.NONE, 4), pending=(pending,))
    assert check_exit_code([waiting], 99) == 1  # pending wins over everything, --fail-on never included


def test_renderers_escape_what_the_policy_says(tmp_path: Path) -> None:
    failed = PolicyCheck("p", "x", "failed", error="a | b <script>")
    markdown = render_check_markdown([failed])
    assert "a \\| b &lt;script&gt;" in markdown and "<script>" not in markdown
    assert json.loads(check_record([failed], 3, "2026-11-23T00:00:00+00:00"))["policies"][0]["error"] == (
        "a | b <script>"
    )
    assert annotation_lines([failed], tmp_path) == []


def test_a_notice_that_cannot_be_drafted_is_not_lost(project: Path, website: Website) -> None:
    """The version is recorded before the notice; when the config stops the notice, say how to finish it."""
    config = project / "policydiff.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('from = "privacy@joypix.ai"\n', ""))
    assert check(project)[0].returncode == 0
    website.body = policy_page(V2)
    done, record, summary = check(project)
    # the material change wins over the config error: 1, with the error still said (issue 15)
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.splitlines()
    assert "recorded, but its notice was not drafted" in line and "email.from" in line
    retry = line.split("or run: ", 1)[1]
    assert retry.startswith("policydiff notice joypix@") and "not recorded" not in line
    assert "needs attention" in summary and record["policies"][0]["status"] == "changed"  # type: ignore[index]
    assert "### Pending (1)" in summary and "NOT DRAFTED" in done.stdout
    assert [p["why"] for p in record["pending"]] == ["its notices are not drafted"]  # type: ignore[index]
    folder = project / record["policies"][0]["notices"]  # type: ignore[index]
    assert (folder / "redline.html").is_file() and not (folder / "email.html").exists()
    again = check(project)[0]  # nothing new, still pending: still 1
    assert again.returncode == 1 and "PENDING joypix" in again.stdout
    config.write_text(
        config.read_text(encoding="utf-8").replace("[email]\n", '[email]\nfrom = "privacy@joypix.ai"\n')
    )
    finished = run(project, *retry.split()[1:])
    assert finished.returncode == 0, finished.stderr
    assert (folder / "email.html").is_file()
    settled, record, _ = check(project)
    assert settled.returncode == 0, settled.stdout + settled.stderr
    assert record["pending"] == []  # type: ignore[index]


# ------------------------------------------------------------------ review: a change a lawyer must decide


def _changed(report: Report) -> PolicyCheck:
    old = Version("v1", "2026-01-01", "0" * 64, "x", "versions/2026-01-01--v1.md", Severity.NONE)
    new = Version("v2", "2026-02-01", "1" * 64, "x", "versions/2026-02-01--v2.md", report.severity)
    return PolicyCheck("joypix", "x", "changed", old=old, new=new, report=report)


PENDING = _changed(as_review(sample_report(), "c1", "c3", "c5"))  # review changes, no major one


def test_a_version_with_review_changes_and_no_major_is_pending_review() -> None:
    table = render_check_text([PENDING], width=200)
    (row,) = [line for line in table.splitlines() if "joypix" in line and "v1 → v2" in line]
    assert "■ pending review" in row and "undecided: 3 changes pending review" in row
    assert "joypix c3 review 3.(2) (How We Use Your Information): " in table
    assert "    a lawyer must decide: policydiff review joypix c3 --as editorial|minor|major" in table
    markdown = render_check_markdown([PENDING])
    assert "| ■ pending review |" in markdown and "undecided: 3 changes pending review" in markdown
    assert "  - a lawyer must decide: `policydiff review joypix c3 --as editorial|minor|major`" in markdown


def test_the_run_record_counts_the_pending_changes() -> None:
    (entry,) = json.loads(check_record([PENDING], 1, "2026-11-23T00:00:00+00:00"))["policies"]
    assert entry["severity"] == "review" and entry["notice_required"] is False
    assert entry["pending_review"] == 3
    assert [c["id"] for c in entry["changes"] if c["severity"] == "review"] == ["c1", "c3", "c5"]
    (quiet,) = json.loads(check_record([_changed(sample_report())], 1, "x"))["policies"]
    assert quiet["pending_review"] == 0


def test_a_pending_review_fails_a_major_gate_and_never_passes_silently() -> None:
    assert fail_rank(FailOn.major) == Severity.REVIEW.rank < Severity.MAJOR.rank
    assert check_exit_code([PENDING], fail_rank(FailOn.major)) == 1
    assert check_exit_code([PENDING], fail_rank(FailOn.minor)) == 1
    assert check_exit_code([PENDING], fail_rank(FailOn.never)) == 0
    settled = _changed(replace(PENDING.report, severity=Severity.MINOR))  # type: ignore[arg-type]
    assert check_exit_code([settled], fail_rank(FailOn.major)) == 0


def test_a_review_change_is_annotated_as_a_warning_that_a_lawyer_must_decide(tmp_path: Path) -> None:
    lines = annotation_lines([_changed(as_review(sample_report(), "c4"))], tmp_path)
    titles = [line.split("title=", 1)[1].split("::", 1)[0] for line in lines]
    material = "Material change in joypix"
    assert titles == [material, material, "Change a lawyer must decide in joypix", material]
    review = lines[2]
    assert review.startswith("::warning file=") and "(change c4)" in review
    assert review.endswith("; a lawyer must decide: policydiff review joypix c4 --as editorial|minor|major")


def test_majors_with_a_pending_review_say_both() -> None:
    both = replace(_changed(as_review(sample_report(), "c4")), effective_date="2026-03-01")
    table = render_check_text([both], width=200)
    assert "yes, effective 2026-03-01 at the earliest; 1 change pending review" in table
