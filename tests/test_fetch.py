"""policydiff.fetch against a real local web server: limits, errors, and the suspicious-page guard."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import httpx
import pytest
from helpers import JOYPIX_NEW, JOYPIX_OLD, policy_page, threaded_server
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from policydiff.errors import NetworkError
from policydiff.fetch import FetchLimits, Page, check_page, fetch_page, new_client, suspicion, user_agent
from policydiff.load import load

FAST = FetchLimits(timeout=0.5, total=2.0, max_bytes=200_000, max_redirects=3)
POLICY = JOYPIX_OLD.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    with threaded_server() as running:
        yield running


@pytest.fixture
def web(server: HTTPServer) -> Iterator[HTTPServer]:
    yield server
    server.clear()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with new_client(user_agent("9.9"), FAST) as running:
        yield running


def test_a_policy_page_comes_back_whole_with_our_user_agent(web: HTTPServer, client: httpx.Client) -> None:
    body = JOYPIX_NEW.read_bytes()
    web.expect_request("/privacy").respond_with_data(body, content_type="text/html; charset=utf-8")
    page = fetch_page(client, web.url_for("/privacy"), FAST)
    assert page.body == body and page.kind == "html" and page.extension == "html"
    request = web.log[-1][0]
    assert request.headers["User-Agent"].startswith("policydiff/9.9 (privacy-policy change monitor")


def test_redirects_are_followed_up_to_the_limit(web: HTTPServer, client: httpx.Client) -> None:
    web.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/privacy"})
    web.expect_request("/privacy").respond_with_data(policy_page(POLICY), content_type="text/html")
    page = fetch_page(client, web.url_for("/old"), FAST)
    assert page.final_url.endswith("/privacy")
    web.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    with pytest.raises(NetworkError, match=r"/loop: more than 3 redirects"):
        fetch_page(client, web.url_for("/loop"), FAST)


@pytest.mark.parametrize(
    ("status", "content_type", "body", "message"),
    [
        (500, "text/html", b"<h1>oops</h1>", "HTTP 500 INTERNAL SERVER ERROR"),
        (404, "text/html", b"missing", "HTTP 404 NOT FOUND"),
        (200, "application/json", b"{}", "not a policy page (Content-Type 'application/json')"),
        (200, "image/png", b"\x89PNG", "not a policy page"),
        (200, "text/html", b"x" * 300_000, "larger than the 200,000 byte limit"),
    ],
)
def test_an_unusable_answer_is_a_network_error_naming_the_url(
    web: HTTPServer, client: httpx.Client, status: int, content_type: str, body: bytes, message: str
) -> None:
    web.expect_request("/p").respond_with_data(body, status=status, content_type=content_type)
    with pytest.raises(NetworkError) as error:
        fetch_page(client, web.url_for("/p"), FAST)
    assert error.value.message.startswith(web.url_for("/p") + ": ")
    assert message.casefold() in error.value.message.casefold()
    assert error.value.exit_code == 3


def test_a_chunked_page_over_the_cap_is_cut_off(web: HTTPServer, client: httpx.Client) -> None:
    def chunks(_: Request) -> Response:
        # no Content-Length: the cap must hold while reading
        return Response((b"<p>" + b"x" * 10_000 for _ in range(40)), content_type="text/html")

    web.expect_request("/big").respond_with_handler(chunks)
    with pytest.raises(NetworkError, match="larger than the 200,000 byte limit$"):
        fetch_page(client, web.url_for("/big"), FAST)


def test_a_slow_page_past_the_timeout(web: HTTPServer, client: httpx.Client) -> None:
    def slow(_: Request) -> Response:
        time.sleep(1.0)
        return Response(policy_page(POLICY), content_type="text/html")

    web.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    with pytest.raises(NetworkError, match=r"no answer within 0.5 s \(timeout\)"):
        fetch_page(client, web.url_for("/slow"), FAST)
    assert time.monotonic() - started < 0.95


def test_a_page_trickling_past_the_total_time_is_abandoned(web: HTTPServer) -> None:
    def trickle(_: Request) -> Response:
        def parts() -> Iterator[bytes]:
            for _ in range(20):
                time.sleep(0.1)
                yield b"<p>policy text</p>"

        return Response(parts(), content_type="text/html")

    web.expect_request("/trickle").respond_with_handler(trickle)
    limits = FetchLimits(timeout=0.5, total=0.5)
    with (
        new_client("test", limits) as client,
        pytest.raises(NetworkError, match=r"not received within 0.5 s"),
    ):
        fetch_page(client, web.url_for("/trickle"), limits)


def test_no_server_at_all(client: httpx.Client) -> None:
    with pytest.raises(NetworkError, match=r"^http://127.0.0.1:9/privacy: ConnectError"):
        fetch_page(client, "http://127.0.0.1:9/privacy", FAST)


# ---------------------------------------------------------------------- the suspicious-page guard

CAPTCHA = b"""<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>
<h1>Verify you are human</h1><div class="cf-turnstile" data-sitekey="x"></div>
<p>joypix.ai needs to review the security of your connection before proceeding.</p></body></html>"""
LOGIN = b"""<html><head><title>Sign in | JoyPix</title></head><body><main><h1>Welcome back</h1><form>
<input name="email"><input type="password" name="pw"><button>Continue</button></form></main></body></html>"""


def judge(raw: bytes, previous: str | None = None) -> str | None:
    document = load("-", stdin=io.BytesIO(raw))
    return suspicion(raw, document.text, document.title, previous)


def test_a_real_policy_page_passes() -> None:
    assert judge(JOYPIX_NEW.read_bytes(), previous=POLICY) is None
    assert judge(policy_page(POLICY).encode()) is None


def test_a_policy_that_mentions_recaptcha_and_passwords_further_down_passes() -> None:
    text = (
        POLICY + "\nWe use Google reCAPTCHA to protect sign-up. Never share your password or log in links.\n"
    )
    page = policy_page(text).replace("</main>", '<form><input type="password"></form></main>')
    assert judge(page.encode()) is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (CAPTCHA, "looks like a bot check or login page ('Verify you are human')"),
        (LOGIN, "looks like a login page (title 'Sign in | JoyPix')"),
        (
            b"<html><body><main><div class='g-recaptcha'></div><p>Please wait.</p></main></body></html>",
            "looks like a bot check or login page ('g-recaptcha' in a page of 2 words)",
        ),
        (b"<html><body><main><p>Coming soon.</p></main></body></html>", "almost no text (2 words)"),
    ],
)
def test_bot_checks_login_pages_and_empty_pages_are_refused(raw: bytes, reason: str) -> None:
    assert judge(raw) == reason


def test_a_page_that_shrank_by_more_than_half_is_refused() -> None:
    previous = load(str(JOYPIX_OLD)).text
    truncated = judge(policy_page(POLICY[: len(POLICY) * 2 // 5]).encode(), previous=previous)
    assert truncated is not None and truncated.startswith(
        f"text shrank by more than half ({len(previous):,} → "
    )
    assert judge(policy_page(POLICY[: len(POLICY) * 3 // 5]).encode(), previous=previous) is None


def test_check_page_names_the_url() -> None:
    page = Page(
        "https://joypix.ai/privacy", "https://joypix.ai/privacy", "text/html", "html", "html", CAPTCHA
    )
    with pytest.raises(NetworkError) as error:
        check_page(page, "Verify you are human", "Just a moment...", None)
    assert error.value.message.startswith("https://joypix.ai/privacy: looks like a bot check")
