"""Renderers: a ``Report`` as terminal text, ``policydiff.diff/1`` JSON, Markdown, HTML or a Word redline.

``RENDERERS`` maps a ``--format`` name to a function ``(Report, RenderOptions) -> str | bytes``;
``docx`` is the one that gives bytes. The modules behind them (rich, jinja2, python-docx) are
imported on first use, so importing this package costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from policydiff.model import Report

__all__ = ["RENDERERS", "RenderOptions", "Renderer", "is_binary", "render", "render_text"]


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What a caller may tell a renderer; each renderer reads only what concerns it."""

    color: bool = False  # terminal colours (text)
    width: int = 100  # terminal width (text)
    now: datetime | None = None  # dates the Word redline's revisions; required for docx
    # change id → what it means in plain words (the notice's sentence): the HTML report says it first
    plain: Mapping[str, str] = field(default_factory=dict)


Renderer = Callable[[Report, RenderOptions], str | bytes]


def _text(report: Report, options: RenderOptions) -> str:
    from policydiff.render.terminal import render_terminal

    return render_terminal(report, color=options.color, width=options.width)


def _json(report: Report, options: RenderOptions) -> str:
    from policydiff.render.json_report import render_json

    return render_json(report)


def _markdown(report: Report, options: RenderOptions) -> str:
    from policydiff.render.markdown import render_markdown

    return render_markdown(report)


def _html(report: Report, options: RenderOptions) -> str:
    from policydiff.render.html import render_html

    return render_html(report, plain=options.plain)


def _docx(report: Report, options: RenderOptions) -> bytes:
    # the one reading of a time: the caller injects it, so the same inputs give the same bytes
    if options.now is None:
        raise ValueError("docx: RenderOptions.now is required, to date the redline's revisions")
    from policydiff.render.docx_redline import render_docx

    return render_docx(report, now=options.now)


@dataclass(frozen=True, slots=True)
class _Format:
    """A report format: its renderer and whether it gives bytes."""

    renderer: Renderer
    binary: bool = False  # gives bytes for a file rather than text


# The one table of formats: RENDERERS and is_binary both read it.
_FORMATS = {
    "text": _Format(_text),
    "json": _Format(_json),
    "md": _Format(_markdown),
    "html": _Format(_html),
    "docx": _Format(_docx, binary=True),
}
RENDERERS: dict[str, Renderer] = {name: spec.renderer for name, spec in _FORMATS.items()}


def render(report: Report, fmt: str, options: RenderOptions | None = None) -> str | bytes:
    """Render ``report`` in format ``fmt`` (a key of ``RENDERERS``): ``bytes`` when ``is_binary(fmt)``.

    Raises ``ValueError`` for an unknown format (the CLI only offers known ones).
    """
    return _format(fmt).renderer(report, options or RenderOptions())


def render_text(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    """Like ``render`` for a caller that needs text; raises ``TypeError`` for a binary format."""
    if is_binary(fmt):
        raise TypeError(f"report format {fmt!r} gives bytes for a file, not text")
    text = render(report, fmt, options)
    assert isinstance(text, str)  # the table says so
    return text


def is_binary(fmt: str) -> bool:
    """Whether format ``fmt`` renders to ``bytes`` (a file) rather than ``str``; ``ValueError`` if unknown."""
    return _format(fmt).binary


def _format(fmt: str) -> _Format:
    try:
        return _FORMATS[fmt]
    except KeyError:
        known = ", ".join(sorted(_FORMATS))
        raise ValueError(f"unknown report format {fmt!r} (known: {known})") from None
