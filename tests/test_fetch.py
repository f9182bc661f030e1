"""policydiff.fetch against a real local web server: limits, errors, and the suspicious-page guard."""

from __future__ import annotations

import contextlib
import io
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from helpers import (
    COMMANDS_NOW,
    COMMANDS_TODAY,
    JOYPIX_NEW,
    JOYPIX_OLD,
    files_of,
    policy_page,
    threaded_server,
    write_project,
)
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Request, Response

from policydiff.cli import app
from policydiff.commands.fetch import fetch_policies
from policydiff.config import load_settings
from policydiff.errors import NetworkError
from policydiff.fetch import (
    FetchLimits,
    Page,
    _allowed_origins,
    check_page,
    fetch_page,
    new_client,
    quoted,
    redirect_origin,
    suspicion,
    user_agent,
)
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


# ---------------------------------------------------------------------- redirects stay on the origin


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[HTTPServer]:
    """A second server on the same host, another port: another origin."""
    with threaded_server() as running:
        yield running


def test_a_redirect_to_another_port_of_the_same_host_is_a_failed_fetch(
    web: HTTPServer, elsewhere: HTTPServer, client: httpx.Client
) -> None:
    elsewhere.expect_request("/privacy").respond_with_data(policy_page(POLICY), content_type="text/html")
    target = elsewhere.url_for("/privacy")
    web.expect_request("/p").respond_with_data("", status=302, headers={"Location": target})
    url = web.url_for("/p")
    with pytest.raises(NetworkError) as error:
        fetch_page(client, url, FAST)
    origin = web.url_for("/").rstrip("/")
    assert error.value.message == (
        f"{url}: redirected to {target}, off the policy's origin {origin}; not followed "
        "(fetch the URL it redirects to, or allow that origin for the policy)"
    )
    assert error.value.exit_code == 3 and "\n" not in error.value.message
    assert not elsewhere.log  # never asked
    elsewhere.clear()


def test_an_off_origin_hop_later_in_the_chain_is_refused_too(
    web: HTTPServer, elsewhere: HTTPServer, client: httpx.Client
) -> None:
    target = elsewhere.url_for("/privacy")
    web.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    web.expect_request("/b").respond_with_data("", status=307, headers={"Location": target})
    with pytest.raises(NetworkError, match=r"/a: redirected to .*/privacy \(from .*/b\), off the policy's"):
        fetch_page(client, web.url_for("/a"), FAST)
    assert not elsewhere.log


def test_an_allowed_origin_is_followed(web: HTTPServer, elsewhere: HTTPServer, client: httpx.Client) -> None:
    elsewhere.expect_request("/privacy").respond_with_data(policy_page(POLICY), content_type="text/html")
    target = elsewhere.url_for("/privacy")
    web.expect_request("/p").respond_with_data("", status=308, headers={"Location": target})
    allowed = [elsewhere.url_for("/").rstrip("/")]
    page = fetch_page(client, web.url_for("/p"), FAST, allowed_origins=allowed)
    assert page.url == web.url_for("/p") and page.final_url == target
    elsewhere.clear()


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "ftp://127.0.0.1/privacy.txt", "data:text/html,<h1>policy</h1>", "gopher://x/"],
)
def test_a_redirect_out_of_http_is_refused(web: HTTPServer, client: httpx.Client, location: str) -> None:
    web.expect_request("/p").respond_with_data("", status=302, headers={"Location": location})
    refused = r"/p: redirected to (.*, off the policy's origin|a location that is not an http\(s\) URL)"
    with pytest.raises(NetworkError, match=refused) as error:
        fetch_page(client, web.url_for("/p"), FAST)
    assert error.value.exit_code == 3


def test_only_http_urls_are_fetched(client: httpx.Client) -> None:
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/p", "data:text/plain,x"):
        with pytest.raises(NetworkError, match=r"not an http:// or https:// URL$"):
            fetch_page(client, url, FAST)


def test_which_origins_a_redirect_may_reach() -> None:
    def allowed(url: str, *extra: str) -> set[str]:
        return {str(origin) for origin in _allowed_origins(httpx.URL(url), extra)}

    # same host, http → https: the upgrade a site makes when it moves to TLS
    assert allowed("http://joypix.ai/privacy") == {"http://joypix.ai", "https://joypix.ai"}
    # https → http would be a downgrade; another port is another origin
    assert allowed("https://joypix.ai/privacy") == {"https://joypix.ai"}
    assert allowed("http://joypix.ai:8080/privacy") == {"http://joypix.ai:8080"}
    assert allowed("https://JoyPix.ai:443/p", "https://www.joypix.ai/") == {
        "https://joypix.ai",
        "https://www.joypix.ai",
    }
    assert redirect_origin(" https://www.JOYPIX.ai:8443 ") == "https://www.joypix.ai:8443"
    for bad in ("ftp://joypix.ai", "https://joypix.ai/privacy", "https://u:p@joypix.ai", "joypix.ai"):
        with pytest.raises(ValueError):
            redirect_origin(bad)


def test_a_policy_redirected_off_its_origin_records_no_version(
    web: HTTPServer,
    elsewhere: HTTPServer,
    client: httpx.Client,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    elsewhere.expect_request("/privacy").respond_with_data(policy_page(POLICY), content_type="text/html")
    web.expect_request("/p").respond_with_data(
        "", status=301, headers={"Location": elsewhere.url_for("/privacy")}
    )
    config = write_project(tmp_path, f'[[policy]]\nid = "p"\nurl = "{web.url_for("/p")}"\n')
    (fetched,) = fetch_policies(
        load_settings(config), client, [], today=COMMANDS_TODAY, now=COMMANDS_NOW, limits=FAST
    )
    assert fetched.recorded is None and fetched.exit_code == 3 and fetched.rejected is None
    assert fetched.error is not None and "off the policy's origin" in fetched.error
    folder = tmp_path / "policies" / "p"
    assert not folder.exists() or files_of(folder) == []
    # the command: one line naming the URL and where it went, exit 3, nothing recorded
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["fetch"])
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr == (
        f"policydiff: p: {web.url_for('/p')}: redirected to {elsewhere.url_for('/privacy')}, off the "
        f"policy's origin {web.url_for('/').rstrip('/')}; not followed (fetch the URL it redirects to, "
        "or allow that origin for the policy); not recorded, the last good version stays\n"
    )
    assert not folder.exists() or files_of(folder) == []
    assert not elsewhere.log


# ---------------------------------------------------------------------- the page's deadline


@contextlib.contextmanager
def raw_server(answer: Callable[[socket.socket], None]) -> Iterator[str]:
    """A bare TCP server on 127.0.0.1: ``answer`` writes whatever bytes it likes, as slowly as it likes."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(5.0)
                with contextlib.suppress(OSError):
                    conn.recv(65536)  # the request
                    answer(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/privacy"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def trickle(data: bytes, every: float = 0.05) -> Callable[[socket.socket], None]:
    """Send ``data`` one byte at a time: each byte well within any read timeout."""

    def answer(conn: socket.socket) -> None:
        for byte in data:
            conn.sendall(bytes([byte]))
            time.sleep(every)

    return answer


PAGE = policy_page(POLICY).encode()
TRICKLE = FetchLimits(timeout=0.5, total=0.6)  # every byte comes within 0.5 s, the page never within 0.6 s


@pytest.mark.parametrize(
    "answer",
    [
        # the headers at once, then a body byte by byte
        lambda conn: (
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(PAGE)
            ),
            trickle(PAGE)(conn),
        ),
        # a body without a length, ended by closing the connection: a cut must not look like its end
        lambda conn: (
            conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n"),
            trickle(PAGE)(conn),
        ),
        # the headers themselves, byte by byte
        trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Pad: " + b"x" * 200 + b"\r\n\r\n"),
    ],
    ids=["body", "body-until-close", "headers"],
)
def test_a_trickling_server_is_cut_off_at_the_page_deadline(answer: Callable[[socket.socket], None]) -> None:
    with raw_server(answer) as url, new_client("test", TRICKLE) as client:
        started = time.monotonic()
        with pytest.raises(NetworkError) as error:
            fetch_page(client, url, TRICKLE)
        took = time.monotonic() - started
    assert error.value.message == f"{url}: page not received within 0.6 s (timeout)"
    assert took < 0.6 + 0.3, f"the fetch took {took:.2f} s of a 0.6 s budget"


def test_the_deadline_spans_every_redirect(web: HTTPServer) -> None:
    def hop(to: str) -> Callable[[Request], Response]:
        def answer(_: Request) -> Response:
            time.sleep(0.25)
            return Response("", status=302, headers={"Location": to})

        return answer

    web.expect_request("/1").respond_with_handler(hop("/2"))
    web.expect_request("/2").respond_with_handler(hop("/3"))
    web.expect_request("/3").respond_with_handler(hop("/4"))
    web.expect_request("/4").respond_with_data(policy_page(POLICY), content_type="text/html")
    limits = FetchLimits(timeout=0.5, total=0.6)  # each hop is quick enough, all of them are not
    started = time.monotonic()
    with (
        new_client("test", limits) as client,
        pytest.raises(NetworkError, match=r"within 0.6 s \(timeout\)$"),
    ):
        fetch_page(client, web.url_for("/1"), limits)
    assert time.monotonic() - started < 0.9


def test_the_documented_limits() -> None:
    # the README promises a 20 s timeout per GET: the whole page, not each read
    limits = FetchLimits()
    assert (limits.total, limits.max_bytes, limits.max_redirects) == (20.0, 5_000_000, 5)
    assert limits.timeout <= limits.total


# ---------------------------------------------------------------------- what a server says, made safe

SECRET = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"


def test_a_hostile_status_text_is_quoted_safely() -> None:
    reason = b"\x1b[2J\x1b]0;pwned\x07Oops " + b"token=" + SECRET.encode() + b" " + b"A" * 400 + b"\x9b31m"
    head = b"HTTP/1.1 503 " + reason + b"\r\nContent-Length: 0\r\n\r\n"
    with (
        raw_server(lambda conn: conn.sendall(head)) as url,
        new_client("test", FAST) as client,
        pytest.raises(NetworkError) as error,
    ):
        fetch_page(client, url, FAST)
    message = error.value.message
    assert message.startswith(f"{url}: ")
    assert SECRET not in message and "\x1b" not in message and "\x9b" not in message and "\x07" not in message
    assert len(message) < len(url) + 2 + 200


def test_a_hostile_content_type_and_location_are_quoted_safely(web: HTTPServer, client: httpx.Client) -> None:
    web.expect_request("/json").respond_with_data(
        "{}", content_type="application/json; session=" + SECRET + "; x=" + "y" * 300
    )
    with pytest.raises(NetworkError) as error:
        fetch_page(client, web.url_for("/json"), FAST)
    assert SECRET not in error.value.message and "session=[redacted]" in error.value.message
    assert len(error.value.message) < len(web.url_for("/json")) + 200
    away = f"https://user:hunter2@127.0.0.1:1/cb?access_token={SECRET}&next=1"
    web.expect_request("/r").respond_with_data("", status=302, headers={"Location": away})
    with pytest.raises(NetworkError) as error:
        fetch_page(client, web.url_for("/r"), FAST)
    assert "hunter2" not in error.value.message and SECRET not in error.value.message
    assert (
        "redirected to https://[redacted]@127.0.0.1:1/cb?access_token=[redacted]&next=1"
        in error.value.message
    )


def test_a_hostile_page_title_is_quoted_safely() -> None:
    raw = (
        b"<html><head><title>Log in \x1b[31m\xe2\x80\xae"
        + b"x" * 300
        + b"</title></head><body></body></html>"
    )
    reason = suspicion(raw, POLICY, None, None)
    assert reason is not None and reason.startswith("looks like a login page (title 'Log in x")
    assert "\x1b" not in reason and "\u202e" not in reason and len(reason) < 150


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m and \x1b]8;;https://evil\x07link\x1b]8;;\x07", "red and link"),
        ("tab\there\r\nnew line\u2028sep", "tab here new line sep"),
        ("bidi \u202egnp.exe\u202c zero\u200bwidth", "bidi gnp.exe zerowidth"),
        ("Authorization: Bearer abc.def.ghi", "Authorization: [redacted]"),
        ("proxy said: bearer abcdefghi", "proxy said: bearer [redacted]"),
        (
            "X-Amz-Signature=0123abcd&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE",
            "X-Amz-Signature=[redacted]&X-Amz-Credential=[redacted]",
        ),
        ('{"api_key": "abc123"}', '{"api_key": "[redacted]"}'),
        ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig here", "jwt [redacted] here"),
        ("key AKIAIOSFODNN7EXAMPLE used", "key [redacted] used"),
        ("id 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 seen", "id [redacted] seen"),
        ("HTTP 404 NOT FOUND", "HTTP 404 NOT FOUND"),
        ("see https://joypix.ai/privacy#section-4", "see https://joypix.ai/privacy#section-4"),
    ],
)
def test_quoted_removes_escapes_and_secrets(raw: str, shown: str) -> None:
    assert quoted(raw) == shown


def test_quoted_cuts_after_redacting() -> None:
    text = "x" * 190 + " token=" + SECRET
    shown = quoted(text, 200)
    assert len(shown) == 200 and shown.endswith("…") and SECRET[:4] not in shown
    assert quoted("a" * 500, 50) == "a" * 49 + "…"


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


def test_a_name_lookup_that_hangs_fails_the_fetch_on_time(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # getaddrinfo blocks in the C library where no socket deadline reaches: the fetch still ends
    import socket
    import time

    def hanging(*args: object, **kwargs: object) -> object:
        time.sleep(30)
        raise OSError("never answered")

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    started = time.monotonic()
    with pytest.raises(NetworkError, match=r"policy\.example\.test/privacy: page not received within 2 s"):
        fetch_page(client, "http://policy.example.test/privacy", FAST)
    assert time.monotonic() - started < FAST.total + 2
