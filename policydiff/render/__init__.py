"""Renderers: a ``Report`` to text for a terminal, ``policydiff.diff/1`` JSON, Markdown, or an HTML page.

``RENDERERS`` maps a ``--format`` name to a function ``Report -> str``. The modules behind
them (rich, jinja2) are imported on first use, so importing this package costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from policydiff.model import Outline, Report

__all__ = ["BINARY_RENDERERS", "RENDERERS", "render"]


def _text(report: Report) -> str:
    from policydiff.render.terminal import render_terminal

    return render_terminal(report)


def _json(report: Report) -> str:
    from policydiff.render.json_report import render_json

    return render_json(report)


def _markdown(report: Report) -> str:
    from policydiff.render.markdown import render_markdown

    return render_markdown(report)


def _html(report: Report) -> str:
    from policydiff.render.html import render_html

    return render_html(report)


RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": _text,
    "json": _json,
    "md": _markdown,
    "html": _html,
}


# Formats that are files, not text: they need both outlines (unchanged clauses are laid out
# too) and a time to date the revisions with; the caller writes the bytes to a file.


def _docx(report: Report, old: Outline, new: Outline, now: datetime) -> bytes:
    from policydiff.render.docx_redline import render_docx

    return render_docx(report, old, new, now=now)


BINARY_RENDERERS: dict[str, Callable[[Report, Outline, Outline, datetime], bytes]] = {"docx": _docx}


def render(report: Report, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """Render ``report`` in format ``fmt`` (a key of ``RENDERERS``); ``color``/``width`` shape "text".

    Raises ``ValueError`` for an unknown format (the CLI only offers known ones).
    """
    if fmt == "text":
        from policydiff.render.terminal import render_terminal

        return render_terminal(report, color=color, width=width)
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        known = ", ".join(sorted(RENDERERS))
        raise ValueError(f"unknown report format {fmt!r} (known: {known})") from None
    return renderer(report)
