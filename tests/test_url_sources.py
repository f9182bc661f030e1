"""A URL wherever a source is accepted (diff, segment, notice, record), through fetch's one path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import policy_page, small_policy
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from policydiff.cli import app

PAGE = policy_page(small_policy(1))


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_page_and_its_text_as_a_file_are_the_same_policy(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/privacy").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    saved = tmp_path / "privacy.md"
    saved.write_text(small_policy(1), encoding="utf-8")
    code, out, err = _run("diff", httpserver.url_for("/privacy"), str(saved), "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["old"]["source"] == httpserver.url_for("/privacy")
    assert [c["severity"] for c in report["changes"]] == []  # markup and page chrome are no change


def test_a_url_against_a_changed_file_finds_the_change(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/privacy").respond_with_data(PAGE, content_type="text/html")
    changed = tmp_path / "new.md"
    changed.write_text(small_policy(1).replace("1 months", "36 months"), encoding="utf-8")
    code, out, _ = _run("diff", httpserver.url_for("/privacy"), str(changed), "--format", "json")
    assert code == 0 and json.loads(out)["severity"] == "major"


def test_select_and_remove_refine_a_page_on_the_command_line(httpserver: HTTPServer) -> None:
    page = (
        "<html><body><div id='promo'><p>Try our new app today.</p></div>"
        "<div id='policy'><h1>Privacy</h1><p>We collect your email address.</p>"
        "<p class='ad'>Sponsored: great deals.</p></div></body></html>"
    )
    httpserver.expect_request("/p").respond_with_data(page, content_type="text/html")
    url = httpserver.url_for("/p")
    code, out, err = _run("segment", url, "--select", "#policy", "--remove", ".ad", "--format", "json")
    assert (code, err) == (0, "")
    text = json.loads(out)["text"]
    assert "We collect your email address." in text
    assert "Try our new app" not in text and "Sponsored" not in text
    # a fetched page without the policy's element is a bad fetch, as in `fetch` (exit 3)
    code, _, err = _run("segment", url, "--select", "#nowhere")
    assert code == 3 and "matches nothing" in err and err.count("\n") == 1


def test_record_takes_a_url(httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request("/privacy").respond_with_data(PAGE, content_type="text/html")
    (tmp_path / "policydiff.toml").write_text('[[policy]]\nid = "example"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = _run("record", "example", httpserver.url_for("/privacy"), "--date", "2026-01-05")
    assert code == 0, err
    assert "example" in out
    versions = list((tmp_path / "policies" / "example" / "versions").glob("*.md"))
    assert versions and "We collect your email address" in versions[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("status", "body", "content_type", "code", "words"),
    [
        (404, "gone", "text/html", 3, "404"),
        (500, "oops", "text/html", 3, "500"),
        (200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png", 3, "image/png"),
    ],
)
def test_a_bad_answer_is_one_line_naming_the_url(
    httpserver: HTTPServer,
    tmp_path: Path,
    status: int,
    body: str | bytes,
    content_type: str,
    code: int,
    words: str,
) -> None:
    httpserver.expect_request("/p").respond_with_data(body, status=status, content_type=content_type)
    saved = tmp_path / "p.md"
    saved.write_text(small_policy(1), encoding="utf-8")
    url = httpserver.url_for("/p")
    for args in (("diff", url, str(saved)), ("segment", url)):
        got, _, err = _run(*args)
        assert got == code, err
        assert err.count("\n") == 1 and url in err and words in err and "Traceback" not in err


def test_an_unreachable_host_is_exit_3_and_a_non_http_scheme_is_not_a_url(tmp_path: Path) -> None:
    code, _, err = _run("segment", "http://127.0.0.1:9/privacy")  # the discard port: nothing listens
    assert code == 3 and err.count("\n") == 1 and "http://127.0.0.1:9/privacy" in err
    code, _, err = _run("segment", "ftp://example.com/privacy")
    assert code == 2 and err.count("\n") == 1 and "ftp://example.com/privacy" in err
