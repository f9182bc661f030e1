"""GET a policy page with an injected ``httpx.Client``, and refuse pages that are not the policy.

``fetch_page`` returns the raw page or raises ``NetworkError``: an HTTP error, a timeout, a
redirect off the policy's origin or too many redirects, a page over the size cap or of the wrong
content type. ``check_page`` then refuses what a server answers with 200 but is not the policy:
an (almost) empty page, a bot check or login page, or a text that shrank by more than half
against the last good version.

What a server sends back (a status text, a header, a ``Location``, a page title, the words of an
error) reaches a message only through ``quoted``: without control characters or ANSI escapes,
with anything shaped like a secret replaced by ``[redacted]``, and cut short after that.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from policydiff.errors import NetworkError
from policydiff.lazy_re import lazy

if TYPE_CHECKING:
    from types import TracebackType

    import httpx

__all__ = [
    "FetchLimits",
    "Page",
    "check_page",
    "fetch_page",
    "new_client",
    "quoted",
    "redirect_origin",
    "user_agent",
]

# what each accepted Content-Type is loaded as, and the file extension its snapshot gets
CONTENT_TYPES: dict[str, tuple[str, str]] = {
    "text/html": ("html", "html"),
    "application/xhtml+xml": ("html", "html"),
    "text/plain": ("text", "txt"),
    "text/markdown": ("markdown", "md"),
    "application/pdf": ("pdf", "pdf"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx", "docx"),
}
MIN_WORDS = 50  # the shortest real privacy policies run to several hundred words
MAX_SHRINK = 0.5  # a text less than half as long as the last good one is a broken page, not a new policy
_CHALLENGE_WORDS = 400  # widgets and password fields only count on a page this short

# Phrases of bot checks and login walls, read in the page's title and at the top of its text.
_BLOCKED = lazy(
    r"verify(?:ing)? (?:that )?you are (?:a )?human|are you a robot|i'?m not a robot|checking your browser"
    r"|security check|just a moment\.\.\.|attention required|access denied|unusual traffic"
    r"|enable javascript and cookies|press (?:&|and) hold|request blocked|captcha"
    r"|(?:sign|log) ?in to (?:continue|view|access)|please (?:sign|log) ?in\b|session (?:has )?expired",
    re.IGNORECASE,
)
_LOGIN_TITLE = lazy(r"^\W*(?:sign|log) ?in\b|\blogin\b", re.IGNORECASE)
# Widgets of challenge pages, and password fields, in the raw page.
_WIDGETS = lazy(
    rb"g-recaptcha|h-captcha|cf-turnstile|cf-challenge|challenge-platform|challenge-form|px-captcha"
    rb"|datadome|<input[^>]+type=[\"']?password",
    re.IGNORECASE,
)
_TOP = 600  # characters of text where a bot check states itself
_TITLE = lazy(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long, how big and how far a fetch may go."""

    timeout: float = 20.0  # seconds to connect, and between two reads
    # seconds for the whole page, wall clock: connecting, every redirect, the headers and every
    # read of the body; a server trickling bytes is cut off when they run out
    total: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: its raw bytes and what they are."""

    url: str
    final_url: str
    content_type: str
    kind: str  # a loader kind: "html", "text", "markdown", "pdf", "docx"
    extension: str
    body: bytes


def user_agent(version: str) -> str:
    """The User-Agent every fetch sends: says what we are, so a site can tell us apart from a bot."""
    return f"policydiff/{version} (privacy-policy change monitor; +https://pypi.org/project/policydiff/)"


def new_client(agent: str, limits: FetchLimits = FetchLimits(), connections: int = 4) -> httpx.Client:
    """An ``httpx.Client`` with our timeouts and User-Agent; ``fetch_page`` follows redirects itself.

    Connections are not kept alive: each request opens its own, so ``fetch_page`` sees every socket
    it waits on and can cut it off when the page's time is up.
    """
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(min(limits.timeout, limits.total)),
        follow_redirects=False,
        max_redirects=limits.max_redirects,
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=0),
        headers={
            "User-Agent": agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        },
    )


# ---------------------------------------------------------------------- origins and redirects

_DEFAULT_PORTS = {"http": 80, "https": 443}


class _Origin(NamedTuple):
    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        default = _DEFAULT_PORTS[self.scheme] == self.port
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}" if default else f"{self.scheme}://{host}:{self.port}"


def _origin(url: httpx.URL) -> _Origin | None:
    """Scheme, host and port of an http(s) URL, the port filled in; None for any other scheme."""
    scheme = url.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not url.host:
        return None
    return _Origin(scheme, url.host.lower(), url.port or _DEFAULT_PORTS[scheme])


def redirect_origin(text: str) -> str:
    """``text`` as an origin a policy's redirects may go to, ``https://host[:port]``, or ValueError.

    Only the scheme, host and port count: a path, query or fragment is refused, so a config cannot
    mean to allow one page and allow a whole site instead.
    """
    import httpx

    try:
        url = httpx.URL(text.strip())
    except httpx.InvalidURL as error:
        raise ValueError(f"not a URL ({error})") from None
    origin = _origin(url)
    if origin is None:
        raise ValueError("not an http:// or https:// origin")
    if url.path not in ("", "/") or url.query or url.fragment or url.userinfo:
        raise ValueError("an origin is a scheme, host and port only (no path, query or user)")
    return str(origin)


def _allowed_origins(url: httpx.URL, allowed: Iterable[str]) -> frozenset[_Origin]:
    """Where the redirects of the page at ``url`` may go: its own origin, its https upgrade, ``allowed``.

    http → https on the same host (from port 80 to 443) is the upgrade a site makes when it
    moves to TLS: followed. The way back, https → http, is a downgrade: refused unless allowed.
    """
    import httpx

    own = _origin(url)
    assert own is not None  # fetch_page refused every other scheme
    origins = {own}
    if own.scheme == "http" and own.port == _DEFAULT_PORTS["http"]:
        origins.add(_Origin("https", own.host, _DEFAULT_PORTS["https"]))
    for text in allowed:
        origin = _origin(httpx.URL(redirect_origin(text)))
        if origin is not None:
            origins.add(origin)
    return frozenset(origins)


# ---------------------------------------------------------------------- the page's deadline


class _Deadline:
    """One page's wall-clock budget: every socket the fetch opens is shut down when it runs out.

    Per-read timeouts alone let a server that sends a byte every few seconds hold a fetch for
    ever; here a timer thread shuts the page's sockets down at the deadline, which wakes the read
    blocked on them. httpcore reports each socket it connects through the ``trace`` extension.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        # a monotonic deadline, not a date: it bounds how long we wait and never reaches any output
        self.end = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._fired = False
        self._finished = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with self._lock:
            self._finished = True
            self._sockets.clear()
        self._timer.cancel()

    @property
    def expired(self) -> bool:
        return self._fired or time.monotonic() >= self.end

    def timeout(self, per_operation: float) -> httpx.Timeout:
        """What one request may wait at most: its per-operation timeout, or what is left of the page's."""
        import httpx

        return httpx.Timeout(max(0.001, min(per_operation, self.end - time.monotonic())))

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's ``trace`` hook: watch each network stream a connection step returns."""
        if event.endswith(".complete"):
            self.watch(info.get("return_value"))

    def watch(self, stream: object) -> None:
        """Shut ``stream``'s socket down at the deadline (now, if it has passed)."""
        extra = getattr(stream, "get_extra_info", None)
        sock = extra("socket") if callable(extra) else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            if self._finished:
                return
            self._sockets.append(sock)
            if self._fired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._finished:
                return
            self._fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # the plain socket's shutdown, even on an ssl.SSLSocket: it wakes a read blocked in another
    # thread without touching the TLS state that thread is using; a closed socket has nothing to do
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


# ---------------------------------------------------------------------- fetching


def fetch_page(
    client: httpx.Client,
    url: str,
    limits: FetchLimits = FetchLimits(),
    *,
    allowed_origins: Iterable[str] = (),
) -> Page:
    """GET ``url``; ``NetworkError`` naming the URL when the answer is not a usable page.

    Redirects are followed up to ``limits.max_redirects`` while they stay on the page's origin
    (scheme, host and port), its http → https upgrade or one of ``allowed_origins``
    (``https://host[:port]``); a redirect anywhere else fails the fetch. The whole page (connecting,
    each redirect, headers and body) must arrive within ``limits.total`` seconds.
    """
    import httpx

    try:
        start = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise NetworkError(f"{url}: not a valid URL ({quoted(str(error))})") from None
    if _origin(start) is None:
        raise NetworkError(f"{url}: not an http:// or https:// URL")
    origins = _allowed_origins(start, allowed_origins)
    deadline = _Deadline(limits.total)
    try:
        with deadline:
            return _within(limits.total, lambda: _follow(client, url, start, origins, limits, deadline))
    except _Unanswered:
        raise NetworkError(f"{url}: page not received within {limits.total:g} s (timeout)") from None
    except httpx.TimeoutException:
        raise NetworkError(_late(url, limits, deadline)) from None
    except httpx.TooManyRedirects:
        raise NetworkError(f"{url}: more than {limits.max_redirects} redirects") from None
    except httpx.InvalidURL as error:
        raise NetworkError(f"{url}: not a valid URL ({quoted(str(error))})") from None
    except httpx.HTTPError as error:
        if deadline.expired:  # the deadline shut the socket: the read failed because time was up
            raise NetworkError(_late(url, limits, deadline)) from None
        problem = quoted(str(error)) or "connection failed"
        raise NetworkError(f"{url}: {type(error).__name__}: {problem}") from None


class _Unanswered(Exception):
    """The page's time ran out where no socket could be shut (looking up the host's address)."""


def _within(seconds: float, work: Callable[[], Page]) -> Page:
    """``work()``, given up after ``seconds`` (and a little grace for the deadline's own error).

    The socket deadline cannot reach a name lookup: ``getaddrinfo`` blocks in the C library and
    cannot be interrupted. The work runs in a daemon thread, so a lookup that hangs is left behind
    (and dies with the process) while the fetch fails on time.
    """
    done: list[Page] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(work())
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread as it is
            failed.append(error)

    worker = threading.Thread(target=run, name="policydiff-fetch", daemon=True)
    worker.start()
    worker.join(seconds + _GRACE_S)
    if failed:
        raise failed[0]
    if not done:
        raise _Unanswered()
    return done[0]


_GRACE_S = 1.0


def _late(url: str, limits: FetchLimits, deadline: _Deadline) -> str:
    if deadline.expired:
        return f"{url}: page not received within {limits.total:g} s (timeout)"
    return f"{url}: no answer within {limits.timeout:g} s (timeout)"


def _follow(
    client: httpx.Client,
    url: str,
    start: httpx.URL,
    origins: frozenset[_Origin],
    limits: FetchLimits,
    deadline: _Deadline,
) -> Page:
    import httpx

    current = start
    for _ in range(limits.max_redirects + 1):
        if deadline.expired:
            raise NetworkError(_late(url, limits, deadline))
        request = client.build_request(
            "GET", current, timeout=deadline.timeout(limits.timeout), extensions={"trace": deadline.trace}
        )
        try:
            response = client.send(request, stream=True, follow_redirects=False)
        except httpx.InvalidURL as error:  # ``current`` is valid: httpx could not read the Location
            via = f" from {quoted(str(current))}" if current != start else ""
            raise NetworkError(
                f"{url}: redirected{via} to a location that is not an http(s) URL "
                f"({quoted(str(error))}); not followed"
            ) from None
        try:
            deadline.watch(response.extensions.get("network_stream"))  # a kept-alive connection
            if not response.has_redirect_location:
                return _page(response, url, limits, deadline)
            target = response.next_request.url if response.next_request else None
            if target is None:
                target = current.join(response.headers["location"])
            if _origin(target) not in origins:
                raise NetworkError(_off_origin(url, current, target, start))
            current = target
        finally:
            response.close()
    raise httpx.TooManyRedirects("too many redirects")


def _off_origin(url: str, current: httpx.URL, target: httpx.URL, start: httpx.URL) -> str:
    own = _origin(start)
    via = f" (from {quoted(str(current))})" if current != start else ""
    return (
        f"{url}: redirected to {quoted(str(target))}{via}, off the policy's origin {own}; "
        "not followed (fetch the URL it redirects to, or allow that origin for the policy)"
    )


def _page(response: httpx.Response, url: str, limits: FetchLimits, deadline: _Deadline) -> Page:
    if not response.is_success:
        reason = quoted(response.reason_phrase, 80)
        raise NetworkError(f"{url}: HTTP {response.status_code} {reason}".rstrip())
    content_type = response.headers.get("content-type", "")
    media = content_type.split(";", 1)[0].strip().lower()
    if media not in CONTENT_TYPES:
        shown = repr(quoted(content_type, 100)) if content_type else "missing"
        raise NetworkError(f"{url}: not a policy page (Content-Type {shown})")
    body = _read_body(response, url, limits, deadline)
    kind, extension = CONTENT_TYPES[media]
    return Page(url, str(response.url), content_type, kind, extension, body)


def _read_body(response: httpx.Response, url: str, limits: FetchLimits, deadline: _Deadline) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise NetworkError(f"{url}: page larger than the {limits.max_bytes:,} byte limit ({int(declared):,})")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limits.max_bytes:
            raise NetworkError(f"{url}: page larger than the {limits.max_bytes:,} byte limit")
        if deadline.expired:
            raise NetworkError(_late(url, limits, deadline))
    if deadline.expired:  # a page whose end is its connection's end looks whole when cut off
        raise NetworkError(_late(url, limits, deadline))
    return bytes(body)


# ---------------------------------------------------------------------- what a server said, made safe

REDACTED = "[redacted]"
QUOTE_LIMIT = 200  # characters of a server's words a message may carry
_ESCAPES = lazy(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erase
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC, SOS strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the 8-bit CSI
)
_SECRETS = (
    # the user and password of a URL
    (re.compile(r"(?<=://)[^/?#@\s]+@"), REDACTED + "@"),
    # name=value and name: value where the name says it is a secret
    (
        re.compile(
            r"(?i)\b([\w.-]*?(?:token|secret|passw(?:or)?d|pwd|api[_-]?key|apikey|access[_-]?key"
            r"|private[_-]?key|auth|authorization|session(?:[_-]?id)?|sessid|sid|sig|signature"
            r"|credentials?|cookie|jwt)[\"']?\s*[=:]\s*[\"']?)(?!\[redacted\])"
            r"(?:(?:bearer|basic|digest)\s+)?[^\s&;,\"']+"
        ),
        r"\1" + REDACTED,
    ),
    (re.compile(r"(?i)\b(bearer|basic|digest)(\s+|%20|\+)(?!\[redacted\])[^\s\"',;]+"), r"\1 " + REDACTED),
    # well-known key shapes: JWTs, AWS, GitHub, Slack, SendGrid, Google, Stripe
    (
        re.compile(
            r"\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bgh[pousr]_\w{20,}"
            r"|\bxox[abprs]-[\w-]{8,}|\bSG\.[\w-]{2,}\.[\w-]{2,}|\bAIza[\w-]{30,}|\b[rsp]k_(?:live|test)_\w{8,}"
        ),
        REDACTED,
    ),
    # any long run of letters and digits mixed: a token, a session id, a signature
    (re.compile(r"(?<![\w+/=-])(?=[\w+/=-]*\d)(?=[\w+/=-]*[A-Za-z])[\w+/=-]{32,}"), REDACTED),
)


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """What a server sent, safe to put in a message: one line, no escapes or control characters,
    secret-shaped words ``[redacted]``, at most ``limit`` characters (cut after redacting, so half
    a secret never survives the cut)."""
    text = _ESCAPES.sub("", text)
    text = "".join(
        " " if char.isspace() else "" if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co") else char
        for char in text
    )
    text = " ".join(text.split())
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def check_page(page: Page, text: str, title: str | None, previous: str | None) -> None:
    """Refuse a page that is not the policy: ``NetworkError`` saying why; ``text`` is its normalised text."""
    problem = suspicion(page.body, text, title, previous)
    if problem:
        raise NetworkError(f"{page.url}: {problem}")


def suspicion(raw: bytes, text: str, title: str | None, previous: str | None) -> str | None:
    """Why a page with this raw content, text and title is not the policy; None when it looks fine."""
    words = len(text.split())
    titles = [found for found in (title, _page_title(raw)) if found]
    top = "\n".join([*titles, text[:_TOP]])
    if blocked := _BLOCKED.search(top):
        return f"looks like a bot check or login page ({quoted(blocked.group(0), 80)!r})"
    for found in titles:
        if _LOGIN_TITLE.search(found):
            return f"looks like a login page (title {quoted(found, 80)!r})"
    if words < _CHALLENGE_WORDS and (widget := _WIDGETS.search(raw)):
        found = quoted(widget.group(0).decode("ascii", "replace"), 80)
        return f"looks like a bot check or login page ({found!r} in a page of {words} words)"
    if words < MIN_WORDS:
        return f"almost no text ({words} words)"
    if previous is not None and len(text) < MAX_SHRINK * len(previous):
        return f"text shrank by more than half ({len(previous):,} → {len(text):,} characters)"
    return None


def _page_title(raw: bytes) -> str | None:
    """The ``<title>`` of a page; the loader prefers the first ``<h1>``, which a login page may not name."""
    match = _TITLE.search(raw[:65536])
    return " ".join(match.group(1).decode("utf-8", "replace").split()) or None if match else None
