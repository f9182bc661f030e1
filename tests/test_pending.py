"""Pending versions: a material change stays listed, and check exits 1, until drafted, decided or acked.

End to end against a local company site with three policies (issue 15): run 1 records them; run 2
sees a major change on A while B's fetch fails and the config lacks the notice's sender; run 3 (B
back, nothing new) still reports A; a review, an ``ack`` or drafting the notices settles it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import policy_page, run_policydiff, small_policy, threaded_server
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from policydiff.archive import PolicyArchive
from policydiff.commands.pending import pending_versions
from policydiff.config import load_settings
from policydiff.settlements import read_settlements

A1, B1, C1 = small_policy(6), small_policy(7), small_policy(8)
A2 = A1.replace("for 6 months after", "for 24 months after")  # retention four times longer: major
SENDER = 'from = "privacy@joypix.ai"\n'


class Site:
    """Three policy pages whose content and status the test changes between runs."""

    def __init__(self, server: HTTPServer) -> None:
        self.pages = {"a": [policy_page(A1), 200], "b": [policy_page(B1), 200], "c": [policy_page(C1), 200]}
        for name in self.pages:
            server.expect_request(f"/{name}").respond_with_handler(self._answer(name))
        self.url = server.url_for("/")

    def _answer(self, name: str):  # type: ignore[no-untyped-def]
        def answer(request: Request) -> Response:
            body, status = self.pages[name]
            return Response(body, status=status, content_type="text/html; charset=utf-8")

        return answer


@pytest.fixture
def site() -> Iterator[Site]:
    with threaded_server() as server:
        yield Site(server)


@pytest.fixture
def project(tmp_path: Path, site: Site) -> Path:
    policies = "".join(
        f'\n[[policy]]\nid = "{name}"\ntitle = "Policy {name}"\nurl = "{site.url}{name}"\nselect = "main"\n'
        for name in "abc"
    )
    (tmp_path / "policydiff.toml").write_text(
        '[organization]\nname = "JoyPix LLC"\ncontact = "support@joypix.ai"\nwebsite = "https://joypix.ai"\n\n'
        '[notice]\npolicy_url = "https://joypix.ai/privacy"\n\n[email]\n' + SENDER + policies,
        encoding="utf-8",
    )
    for command in (["init", "-q"], ["config", "user.email", "t@example.com"], ["config", "user.name", "T"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True)
    return tmp_path


def run(project: Path, *args: str, github: bool = False) -> subprocess.CompletedProcess[str]:
    return run_policydiff(project, *args, github=github)


def check(
    project: Path, github: bool = False
) -> tuple[subprocess.CompletedProcess[str], dict[str, object], str]:
    for name in ("run.json", "summary.md"):
        (project / name).unlink(missing_ok=True)
    done = run(
        project, "check", "--fail-on", "major", "--json", "run.json", "--summary", "summary.md", github=github
    )
    assert "Traceback" not in done.stderr, done.stderr
    record = json.loads((project / "run.json").read_text(encoding="utf-8"))
    return done, record, (project / "summary.md").read_text(encoding="utf-8")


def commit(project: Path) -> None:
    subprocess.run(["git", "add", "-A", "policies"], cwd=project, check=True)
    subprocess.run(["git", "commit", "-qm", "archive", "--allow-empty"], cwd=project, check=True)


def without_sender(project: Path) -> None:
    config = project / "policydiff.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(SENDER, ""), encoding="utf-8")


def with_sender(project: Path) -> None:
    config = project / "policydiff.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("[email]\n", "[email]\n" + SENDER), encoding="utf-8"
    )


def a_change_nobody_can_lose(project: Path, site: Site) -> None:
    """Runs 1 and 2 of the issue: A changes while B fails and the config cannot draft a notice."""
    done, record, _ = check(project)
    assert done.returncode == 0, done.stdout + done.stderr
    commit(project)
    without_sender(project)
    site.pages["a"][0] = policy_page(A2)
    site.pages["b"][1] = 500
    done, record, summary = check(project, github=True)
    assert done.returncode == 1, done.stdout + done.stderr  # not 3 (B) nor 2 (the config): 1 wins
    (pending,) = record["pending"]  # type: ignore[misc]
    assert pending["policy"] == "a" and pending["severity"] == "major"
    assert pending["why"] == "its notices are not drafted"
    assert [p["pending"] for p in record["policies"]] == [[pending["version"]], [], []]  # type: ignore[index]
    assert "PENDING a " in done.stdout and "NOT DRAFTED" in done.stdout
    assert "### Pending (1)" in summary and "failed" in summary  # B's failure is still said
    errors = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1 and "title=Pending major change in a" in errors[0]
    assert any(line.startswith("policydiff: b: ") for line in done.stderr.splitlines())
    commit(project)  # the workflow commits the archive whatever the exit code


def test_a_pending_change_survives_failures_and_a_run_that_sees_nothing_new(
    project: Path, site: Site
) -> None:
    a_change_nobody_can_lose(project, site)
    site.pages["b"][1] = 200  # run 3: B is back, nothing new anywhere
    done, record, summary = check(project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert [p["policy"] for p in record["pending"]] == ["a"]  # type: ignore[index]
    assert all(p["status"] == "unchanged" for p in record["policies"])  # type: ignore[index]
    # the sender is back: the next run drafts the notices it could not draft, and says so (1: found)
    with_sender(project)
    done, record, summary = check(project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert record["pending"] == [] and "notices drafted now in" in done.stdout
    (note,) = record["policies"][0]["notes"]  # type: ignore[index]
    folder = Path(note.rsplit(" in ", 1)[1])
    assert (folder / "email.html").is_file() and (folder / "redline.html").is_file()
    (settled,) = read_settlements(PolicyArchive(project / "policies", "a"))
    assert settled.how == "notice" and settled.folder and settled.folder.startswith("notices/")
    done, record, _ = check(project)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_ack_settles_a_pending_version_and_keeps_who_and_why(project: Path, site: Site) -> None:
    a_change_nobody_can_lose(project, site)
    site.pages["b"][1] = 200
    bad = run(project, "ack", "a", "latest", "--because", "  ")
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1 and "--because" in bad.stderr
    unknown = run(project, "ack", "a", "v9", "--because", "x")
    assert unknown.returncode == 2 and "no such version" in unknown.stderr
    minor = run(project, "ack", "c", "latest", "--because", "x")
    assert minor.returncode == 2 and "only a major or review change can be pending" in minor.stderr
    done = run(project, "ack", "a", "latest", "--because", "sent by hand on 1 Dec", "--by", "A. Lawyer")
    assert done.returncode == 0, done.stderr
    assert "no longer pending" in done.stdout and "A. Lawyer" in done.stdout
    (settled,) = read_settlements(PolicyArchive(project / "policies", "a"))
    assert (settled.how, settled.by, settled.because) == ("ack", "A. Lawyer", "sent by hand on 1 Dec")
    assert settled.at[:4].isdigit()
    done, record, _ = check(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert record["pending"] == []  # type: ignore[index]


def test_a_lawyers_review_settles_a_pending_version(project: Path, site: Site) -> None:
    a_change_nobody_can_lose(project, site)
    site.pages["b"][1] = 200
    settings = load_settings(project / "policydiff.toml")
    (item,) = pending_versions(settings, "a")
    diffed = json.loads(run(project, "diff", "a@previous", "a@latest", "--format", "json").stdout)
    (major,) = [c for c in diffed["changes"] if c["severity"] == "major"]
    reviewed = run(project, "review", "a", major["id"], "--as", "minor", "--because", "backups", "--by", "L")
    assert reviewed.returncode == 0, reviewed.stderr
    assert pending_versions(settings, "a") == ()
    done, record, _ = check(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert item.version.label == record["policies"][0]["new"]  # type: ignore[index]


def test_a_version_recorded_without_its_notices_is_drafted_by_the_next_check(
    project: Path, site: Site
) -> None:
    """``record`` (or a run killed after recording) leaves a major version undrafted: check finishes it."""
    assert check(project)[0].returncode == 0
    (project / "a2.md").write_text(A2, encoding="utf-8")
    recorded = run(project, "record", "a", "a2.md", "--version", "v2")
    assert recorded.returncode == 0, recorded.stderr
    settings = load_settings(project / "policydiff.toml")
    (item,) = pending_versions(settings, "a")
    assert item.version.label == "v2" and item.clear[0].startswith("policydiff notice a@")
    site.pages["a"][0] = policy_page(A2)  # the site now serves what was recorded: nothing new
    done, record, _ = check(project)
    assert done.returncode == 1 and "v2" in done.stdout and "notices drafted now" in done.stdout
    assert pending_versions(settings, "a") == ()


def test_check_killed_at_random_points_never_loses_a_notice(project: Path, site: Site) -> None:
    """SIGKILL check while it records and drafts; the next check drafts or lists every major version."""
    assert check(project)[0].returncode == 0
    chooser = random.Random(15)
    settings = load_settings(project / "policydiff.toml")
    env = {**os.environ, "POLICYDIFF_ERROR_LOG": str(project / "error.log")}
    for round_ in range(6):
        site.pages["a"][0] = policy_page(A1.replace("for 6 months after", f"for {30 + round_} months after"))
        process = subprocess.Popen(
            [sys.executable, "-m", "policydiff", "check"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chooser.uniform(0.3, 1.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        done, record, _ = check(project)
        assert done.returncode in (0, 1), done.stdout + done.stderr
        assert pending_versions(settings, "a") == (), done.stdout
        archive = PolicyArchive(project / "policies", "a")
        majors = [v for v in archive.versions() if v.severity.rank >= 3]
        settled = {s.version for s in read_settlements(archive)}
        for version in majors:
            folders = list((archive.folder / "notices").glob(f"{version.date}*"))
            assert version.label in settled or any((f / "email.html").exists() for f in folders), version
