"""policydiff.commands.fetch: pages from a real local web server, recorded or refused."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from helpers import (
    COMMANDS_NOW,
    COMMANDS_TODAY,
    JOYCLIP_OLD,
    JOYPIX_NEW,
    JOYPIX_OLD,
    JOYPIX_POLICY,
    command_project,
    files_of,
    policy_page,
    small_policy,
    threaded_server,
    write_project,
)
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Request, Response

from policydiff.archive import PolicyArchive
from policydiff.cli import app
from policydiff.commands.fetch import fetch_policies
from policydiff.config import load_settings
from policydiff.errors import InputError
from policydiff.fetch import FetchLimits, new_client
from policydiff.model import Severity

TODAY, NOW, JOYPIX = COMMANDS_TODAY, COMMANDS_NOW, JOYPIX_POLICY


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return command_project(tmp_path, monkeypatch)


# ---------------------------------------------------------------------- fetch

FAST = FetchLimits(timeout=0.5, total=3.0)
CAPTCHA = (
    "<html><head><title>Just a moment...</title></head><body><h1>Verify you are human</h1>"
    "<div class='cf-turnstile'></div></body></html>"
)


class Site:
    """Pages served by path, changeable between fetches; counts requests in flight."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.pages: dict[str, tuple[int, str, str]] = {}
        self.delay: dict[str, float] = {}
        self.in_flight = self.most_in_flight = 0
        self.lock = threading.Lock()
        server.expect_request(re.compile("/.*")).respond_with_handler(self.answer)

    def answer(self, request: Request) -> Response:
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            time.sleep(self.delay.get(request.path, 0.0))
            status, content_type, body = self.pages.get(request.path, (404, "text/plain", "no such page"))
            return Response(body, status=status, content_type=content_type)
        finally:
            with self.lock:
                self.in_flight -= 1

    def serve(self, path: str, body: str, status: int = 200, content_type: str = "text/html") -> str:
        self.pages[path] = (status, content_type, body)
        return self.server.url_for(path)


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    with threaded_server() as running:
        yield running


@pytest.fixture
def site(server: HTTPServer) -> Iterator[Site]:
    yield Site(server)
    server.clear()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with new_client("policydiff-test", FAST) as running:
        yield running


def policies(site: Site, **paths: str) -> str:
    tables = []
    for policy_id, path in paths.items():
        extra = 'select = "main"\nremove = [".cookie-banner"]\n' if policy_id == "joypix" else ""
        tables.append(f'[[policy]]\nid = "{policy_id}"\nurl = "{site.server.url_for(path)}"\n{extra}')
    return "\n".join(tables)


def test_fetch_records_changes_and_never_replaces_a_good_version_with_a_bad_page(
    site: Site, client: httpx.Client, tmp_path: Path
) -> None:
    joypix_old = policy_page(JOYPIX_OLD.read_text(encoding="utf-8"))
    joyclip = policy_page(JOYCLIP_OLD.read_text(encoding="utf-8"))
    site.serve("/joypix", joypix_old)
    site.serve("/joyclip", joyclip)
    site.serve("/broken", joyclip)
    site.serve("/captcha", joyclip)
    site.serve("/truncated", joypix_old)
    site.serve("/slow", joyclip)
    config = write_project(
        tmp_path,
        policies(site, joypix="/joypix", joyclip="/joyclip", broken="/broken", captcha="/captcha",
                 truncated="/truncated", slow="/slow"),
    )  # fmt: skip
    settings = load_settings(config)
    done: list[str] = []
    first = fetch_policies(
        settings, client, [], today=TODAY, now=NOW, limits=FAST, on_done=lambda f: done.append(f.policy)
    )
    assert [f.policy for f in first] == ["joypix", "joyclip", "broken", "captcha", "truncated", "slow"]
    assert sorted(done) == sorted(f.policy for f in first)
    assert all(f.recorded is not None and f.recorded.created and f.error is None for f in first)
    joypix = PolicyArchive(settings.archive, "joypix")
    assert joypix.versions()[0].snapshot == "snapshots/20260317T093000Z.html"
    assert (joypix.folder / "snapshots" / "20260317T093000Z.html").read_text() == joypix_old
    assert "cookies. OK" not in joypix.read_text(joypix.versions()[0])  # the banner is removed

    # the next run: one real change, one unchanged page, and four bad answers
    site.serve("/joypix", JOYPIX_NEW.read_text(encoding="utf-8"))
    site.serve("/broken", "<h1>Internal Server Error</h1>", status=500)
    site.serve("/captcha", CAPTCHA)
    site.serve("/truncated", joypix_old[: len(joypix_old) * 2 // 5])
    site.delay["/slow"] = 1.0
    before = {
        name: files_of(tmp_path / "policies" / name) for name in ("broken", "captcha", "truncated", "slow")
    }
    later = NOW + dt.timedelta(days=30)
    second = {
        f.policy: f
        for f in fetch_policies(
            settings, client, [], today=TODAY + dt.timedelta(days=30), now=later, limits=FAST
        )
    }
    recorded = second["joypix"].recorded
    assert recorded is not None and recorded.created
    assert (recorded.version.label, recorded.version.severity, recorded.version.notice) == (
        "v2.1",
        Severity.MAJOR,
        True,
    )
    assert recorded.version.source == site.server.url_for("/joypix")
    assert second["joyclip"].recorded is not None and not second["joyclip"].recorded.created
    errors = {name: second[name].error or "" for name in ("broken", "captcha", "truncated", "slow")}
    assert errors["broken"].endswith("/broken: HTTP 500 INTERNAL SERVER ERROR")
    assert "/captcha: looks like a bot check or login page" in errors["captcha"]
    assert "/truncated: text shrank by more than half" in errors["truncated"]
    assert errors["slow"].endswith("/slow: no answer within 0.5 s (timeout)")
    assert all(second[name].exit_code == 3 and second[name].recorded is None for name in errors)
    for name in ("broken", "slow"):
        assert files_of(tmp_path / "policies" / name) == before[name]
    for name in ("captcha", "truncated"):  # the refused page is kept for a human, the history is not touched
        assert second[name].rejected == "snapshots/20260416T093000Z.rejected.html"
        assert files_of(tmp_path / "policies" / name) == sorted(
            [*before[name], "snapshots/20260416T093000Z.rejected.html"]
        )


def test_fetches_run_concurrently_within_a_bound(site: Site, client: httpx.Client, tmp_path: Path) -> None:
    paths = {f"p{n}": f"/p{n}" for n in range(6)}
    for number, path in enumerate(paths.values()):
        site.serve(path, policy_page(small_policy(number)))
        site.delay[path] = 0.3
    settings = load_settings(write_project(tmp_path, policies(site, **paths)))
    results = fetch_policies(
        settings, client, ["p5", "p1", "p5"], today=TODAY, now=NOW, workers=3, limits=FAST
    )
    assert [f.policy for f in results] == ["p5", "p1"]
    fetch_policies(settings, client, [], today=TODAY, now=NOW, workers=3, limits=FAST)
    assert site.most_in_flight == 3


def test_fetch_of_a_policy_kept_as_a_file(tmp_path: Path, client: httpx.Client) -> None:
    (tmp_path / "p.md").write_text(small_policy(1))
    config = write_project(tmp_path, '[[policy]]\nid = "p"\nsource = "p.md"\n[[policy]]\nid = "q"\n')
    settings = load_settings(config)
    (only,) = fetch_policies(settings, client, [], today=TODAY, now=NOW)
    assert only.recorded is not None and only.recorded.version.source == str(tmp_path / "p.md")
    with pytest.raises(InputError, match="policy 'q' has no url or source"):
        fetch_policies(settings, client, ["q"], today=TODAY, now=NOW)


def test_fetch_command_reports_each_failure_and_exits_3(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    site.serve("/joyclip", policy_page(JOYCLIP_OLD.read_text(encoding="utf-8")))
    site.serve("/broken", "oops", status=503)
    write_project(tmp_path, policies(site, joyclip="/joyclip", broken="/broken"))
    result = CliRunner().invoke(app, ["fetch"])
    assert result.exit_code == 3
    assert result.stdout.startswith("joyclip: recorded 2026-") and "the first version" in result.stdout
    assert result.stderr == (
        f"policydiff: broken: {site.server.url_for('/broken')}: HTTP 503 SERVICE UNAVAILABLE; "
        "not recorded, the last good version stays\n"
    )
    result = CliRunner().invoke(app, ["fetch", "joyclip"])
    assert result.exit_code == 0 and result.stdout.startswith("joyclip: same text as 2026-")
    result = CliRunner().invoke(app, ["fetch", "nope"])
    assert result.exit_code == 2 and "no policy 'nope' (configured: joyclip, broken)" in result.stderr


def test_a_policys_redirects_to_lets_its_redirect_leave_its_origin(tmp_path: Path) -> None:
    """The config's ``redirects_to`` reaches the fetcher: the listed origin is followed, no other."""
    with threaded_server() as old_home, threaded_server() as new_home:
        new_home.expect_request("/privacy").respond_with_data(
            policy_page(small_policy(3)), content_type="text/html"
        )
        target = new_home.url_for("/privacy")
        old_home.expect_request("/privacy").respond_with_data("", status=301, headers={"Location": target})
        origin = target.removesuffix("/privacy")
        for allowed, recorded in (([], False), ([origin], True)):
            folder = tmp_path / str(recorded)
            folder.mkdir()
            url = old_home.url_for("/privacy")
            write_project(
                folder,
                f'[[policy]]\nid = "p"\nurl = "{url}"\nselect = "main"\nredirects_to = {allowed!r}\n'.replace(
                    "'", '"'
                ),
            )
            settings = load_settings(folder / "policydiff.toml")
            with new_client("policydiff-test", connections=2) as client:
                (done,) = fetch_policies(settings, client, [], today=TODAY, now=NOW, limits=FAST)
            assert (done.recorded is not None) is recorded, done.error
            if not recorded:
                assert done.exit_code == 3 and "redirected to" in (done.error or "")
