"""GET a policy page with an injected ``httpx.Client``, and refuse pages that are not the policy.

``fetch_page`` returns the raw page or raises ``NetworkError``: an HTTP error, a timeout, too many
redirects, a page over the size cap or of the wrong content type. ``check_page`` then refuses
what a server answers with 200 but is not the policy: an (almost) empty page, a bot check or a
login page, or a text that shrank by more than half against the last good version.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policydiff.errors import NetworkError

if TYPE_CHECKING:
    import httpx

__all__ = ["FetchLimits", "Page", "check_page", "fetch_page", "new_client", "user_agent"]

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
_BLOCKED = re.compile(
    r"verify(?:ing)? (?:that )?you are (?:a )?human|are you a robot|i'?m not a robot|checking your browser"
    r"|security check|just a moment\.\.\.|attention required|access denied|unusual traffic"
    r"|enable javascript and cookies|press (?:&|and) hold|request blocked|captcha"
    r"|(?:sign|log) ?in to (?:continue|view|access)|please (?:sign|log) ?in\b|session (?:has )?expired",
    re.IGNORECASE,
)
_LOGIN_TITLE = re.compile(r"^\W*(?:sign|log) ?in\b|\blogin\b", re.IGNORECASE)
# Widgets of challenge pages, and password fields, in the raw page.
_WIDGETS = re.compile(
    rb"g-recaptcha|h-captcha|cf-turnstile|cf-challenge|challenge-platform|challenge-form|px-captcha"
    rb"|datadome|<input[^>]+type=[\"']?password",
    re.IGNORECASE,
)
_TOP = 600  # characters of text where a bot check states itself
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long, how big and how far a fetch may go."""

    timeout: float = 20.0  # seconds to connect, and between two reads
    total: float = 60.0  # seconds for the whole page, so a server trickling bytes cannot hold us
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
    """An ``httpx.Client`` with our timeouts, redirect limit and User-Agent."""
    import httpx

    return httpx.Client(
        timeout=httpx.Timeout(limits.timeout),
        follow_redirects=True,
        max_redirects=limits.max_redirects,
        limits=httpx.Limits(max_connections=connections),
        headers={
            "User-Agent": agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        },
    )


def fetch_page(client: httpx.Client, url: str, limits: FetchLimits = FetchLimits()) -> Page:
    """GET ``url``; ``NetworkError`` naming the URL when the answer is not a usable page."""
    import httpx

    try:
        with client.stream("GET", url) as response:
            if not response.is_success:
                raise NetworkError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
            content_type = response.headers.get("content-type", "")
            media = content_type.split(";", 1)[0].strip().lower()
            if media not in CONTENT_TYPES:
                raise NetworkError(f"{url}: not a policy page (Content-Type {content_type or 'missing'!r})")
            body = _read_body(response, url, limits)
            kind, extension = CONTENT_TYPES[media]
            return Page(url, str(response.url), content_type, kind, extension, body)
    except httpx.TimeoutException:
        raise NetworkError(f"{url}: no answer within {limits.timeout:g} s (timeout)") from None
    except httpx.TooManyRedirects:
        raise NetworkError(f"{url}: more than {limits.max_redirects} redirects") from None
    except httpx.InvalidURL as error:
        raise NetworkError(f"{url}: not a valid URL ({error})") from None
    except httpx.HTTPError as error:
        raise NetworkError(f"{url}: {type(error).__name__}: {error or 'connection failed'}") from None


def _read_body(response: httpx.Response, url: str, limits: FetchLimits) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise NetworkError(f"{url}: page larger than the {limits.max_bytes:,} byte limit ({int(declared):,})")
    # a monotonic deadline, not a date: it bounds how long we wait and never reaches any output
    deadline = time.monotonic() + limits.total
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limits.max_bytes:
            raise NetworkError(f"{url}: page larger than the {limits.max_bytes:,} byte limit")
        if time.monotonic() > deadline:
            raise NetworkError(f"{url}: page not received within {limits.total:g} s (timeout)")
    return bytes(body)


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
        return f"looks like a bot check or login page ({blocked.group(0)!r})"
    for found in titles:
        if _LOGIN_TITLE.search(found):
            return f"looks like a login page (title {found!r})"
    if words < _CHALLENGE_WORDS and (widget := _WIDGETS.search(raw)):
        found = widget.group(0).decode("ascii", "replace")
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
