"""A policy's version history as a terminal table, a Markdown "Version History", an HTML page, an Atom feed.

Newest first everywhere. Severity is always a word and a symbol, colour only repeating it. The
JSON form is ``history.json`` itself (``policydiff.archive.history_json``).

The HTML page defends itself as the redline does (``policydiff.render.html``): policy words reach
it only through autoescape, and its Content-Security-Policy lets nothing load or run but its own
style, pinned by its sha256; there is no script, and colours are classes, not style attributes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policydiff import dates
from policydiff.lazy_re import lazy
from policydiff.model import Severity, Version
from policydiff.render.common import SEVERITY_ORDER, SEVERITY_SYMBOL, clean, console_text

if TYPE_CHECKING:
    from jinja2 import Template

__all__ = ["HISTORY_RENDERERS", "HistoryPage", "content_security_policy", "long_date", "render_history"]

HTML_TEMPLATE = "history/history.html.j2"
STYLE_TEMPLATE = "history/_history.css.j2"
_SCHEME = lazy(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")

SYMBOL = SEVERITY_SYMBOL
WORD = {
    Severity.MAJOR: "major",
    Severity.REVIEW: "review",  # a change there waited for a lawyer's decision when it was recorded
    Severity.MINOR: "minor",
    Severity.EDITORIAL: "editorial",
    Severity.NONE: "first",
}
STYLE = {
    Severity.MAJOR: "bold red",
    Severity.REVIEW: "bold bright_magenta",
    Severity.MINOR: "yellow",
    Severity.EDITORIAL: "dim",
    Severity.NONE: "green",
}
COLOUR = {
    Severity.MAJOR: "#c62828",
    Severity.REVIEW: "#6a3fa0",
    Severity.MINOR: "#b26a00",
    Severity.EDITORIAL: "#6b6b78",
    Severity.NONE: "#2e7d32",
}
MARK_SPACING = 76  # pixels between two marks of the timeline: room for a date under each


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """What a history rendering shows: one policy and its versions, oldest first as recorded."""

    policy: str
    title: str
    versions: tuple[Version, ...]
    author: str = ""  # the organisation: the feed's author
    url: str | None = None  # where the policy is published
    base: str = ""  # href prefix from the rendered page to the policy's archive folder
    history_url: str | None = None  # where this history page is published: the feed's links resolve on it
    redline_url: str | None = None  # where the latest version's redline is published


def long_date(iso: str) -> str:
    """``2026-03-17`` → ``March 17, 2026``, in English whatever the locale."""
    return dates.long_date(dt.date.fromisoformat(iso))


def render_history(page: HistoryPage, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """``page`` in format ``fmt``: ``text``, ``md``, ``html`` or ``atom``."""
    if fmt == "text":
        return render_text(page, color=color, width=width)
    try:
        renderer = HISTORY_RENDERERS[fmt]
    except KeyError:
        known = ", ".join(sorted(HISTORY_RENDERERS))
        raise ValueError(f"unknown history format {fmt!r} (known: {known})") from None
    return renderer(page)


def render_text(page: HistoryPage, *, color: bool = False, width: int = 100) -> str:
    """A rich table: date, version, severity, notice and the summary of each version."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(clean(f"{page.title or page.policy}: version history")), title_justify="left")
    for column in ("Date", "Version", "Severity", "Notice", "Changes"):
        table.add_column(column, overflow="fold", no_wrap=column in ("Date", "Severity"))
    for version in reversed(page.versions):
        style = STYLE[version.severity] if color else ""
        table.add_row(
            Text(version.date),
            Text(clean(version.label)),
            Text(f"{SYMBOL[version.severity]} {WORD[version.severity]}", style=style),
            Text(_notice_word(version)),
            Text("\n".join(clean(line) for line in version.summary) or _no_summary(version)),
        )
    if not page.versions:
        table.add_row("—", "—", "—", "—", "no versions recorded yet")
    return console_text([table], color=color, width=width)


def _notice_word(version: Version) -> str:
    if version.notice:
        return "required"
    # no major change, but one no rule could read: nobody has decided that no notice was needed
    return "undecided" if version.severity is Severity.REVIEW else "—"


def _no_summary(version: Version) -> str:
    if version.severity is Severity.NONE:
        return "first recorded version"
    return "editorial changes only" if version.severity is Severity.EDITORIAL else ""


def render_markdown(page: HistoryPage) -> str:
    """The "Version History" list a policy ends with: ``- Updated March 17, 2026: v2.0.``"""
    return _template("history/history.md.j2", autoescape=False).render(entries=_entries(page))


def render_html(page: HistoryPage) -> str:
    """A self-contained page: an SVG timeline, then each version with its summary and links."""
    from markupsafe import Markup

    entries = _entries(page)
    count = len(entries)
    style = _template(STYLE_TEMPLATE, autoescape=True).render(
        colours=[(WORD[s], COLOUR[s]) for s in (*SEVERITY_ORDER, Severity.NONE)]
    )
    if "</style" in style.lower():  # it would end the element early and leave the rest unhashed
        raise ValueError("the history page's own style contains '</style'")
    for entry in entries:
        entry["text_href"] = _href(entry["text_href"])
        entry["redline_href"] = _href(entry["redline_href"])
    return _template(HTML_TEMPLATE, autoescape=True).render(
        page=page,
        policy_href=_href(page.url),
        entries=entries,
        width=max(320, 60 + MARK_SPACING * max(count - 1, 0) + 60),
        spacing=MARK_SPACING,
        legend=[(SYMBOL[s], WORD[s]) for s in SEVERITY_ORDER],
        style=Markup(style),
        csp=Markup(content_security_policy(style)),  # a base64 hash and keywords only
    )


def content_security_policy(style: str) -> str:
    """The redline's policy for a page without script: nothing loads or runs but ``style``."""
    from policydiff.render.html import content_security_policy as redline_policy

    return redline_policy(style, None)


def _href(target: str | None) -> str | None:
    """``target`` as a link when it is relative or http(s); None for ``javascript:`` and the like."""
    if not target:
        return None
    scheme = _SCHEME.match(target)
    return target if scheme is None or scheme.group(1).lower() in ("http", "https") else None


def _absolute(target: str | None, base: str | None = None) -> str | None:
    """``target`` as an absolute http(s) URL, resolved on ``base``; None when it cannot be one."""
    from urllib.parse import urljoin, urlsplit

    if not target:
        return None
    resolved = urljoin(base, target) if base else target
    parts = urlsplit(resolved)
    return resolved if parts.scheme in ("http", "https") and parts.netloc else None


def render_atom(page: HistoryPage) -> str:
    """An Atom 1.0 feed, one entry per version; ids stay the same from one run to the next."""
    entries = _entries(page)
    history = _absolute(page.history_url)
    for index, entry in enumerate(entries):
        # a feed reader opens links without the page around them: only absolute http(s) ones
        redline = page.redline_url if index == 0 and page.redline_url else entry["redline_href"]
        entry["redline_link"] = _absolute(redline, history)
        entry["version_link"] = _absolute(entry["text_href"], history)
        entry["history_link"] = f"{history}#{entry['anchor']}" if history else None
    return _template("history/history.atom.j2", autoescape=True).render(
        page=page,
        entries=entries,
        history_link=history,
        policy_link=_absolute(page.url),
        feed_id=f"urn:policydiff:{page.policy}",
        updated=entries[0]["updated"] if entries else "1970-01-01T00:00:00Z",
        author=page.author or "policydiff",
    )


def _entries(page: HistoryPage) -> list[dict[str, Any]]:
    """Each version as a template sees it, newest first; the timeline position counts oldest first."""
    total = len(page.versions)
    entries = []
    for index, version in enumerate(reversed(page.versions)):
        severity = version.severity
        entries.append(
            {
                "version": version,
                "anchor": f"v-{version.name}",
                "position": total - 1 - index,
                "long_date": long_date(version.date),
                "updated": f"{version.date}T00:00:00Z",
                "symbol": SYMBOL[severity],
                "word": WORD[severity],
                "colour": COLOUR[severity],
                "undecided": _notice_word(version) == "undecided",
                "summary": [clean(line) for line in version.summary],
                "quiet": _no_summary(version),
                "is_dated_label": version.label == version.date,
                "text_href": page.base + version.file,
                "redline_href": page.base + version.redline if version.redline else None,
            }
        )
    return entries


def _template(name: str, *, autoescape: bool) -> Template:
    from policydiff.render.templates import jinja_env

    return jinja_env(autoescape).get_template(name)


HISTORY_RENDERERS: dict[str, Callable[[HistoryPage], str]] = {
    "text": render_text,
    "md": render_markdown,
    "html": render_html,
    "atom": render_atom,
}
