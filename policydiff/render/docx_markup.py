"""What of a leaf's text is Markdown, for the Word redline: Word says it with styles, runs and links.

Clause text keeps the loaders' Markdown (``## ``, ``- ``, ``**…**``, ``[label](url)``, table
pipes); a redline whose accept-all text is the published policy shows none of it. For one leaf
this finds the characters to hide, the ones shown as something else (a cell border as a tab, a
``<br>`` as a line break), and the spans that are bold or link somewhere. Spans are offsets into
the leaf's text. Pure: data in, data out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydiff.lazy_re import lazy
from policydiff.model import Clause, ClauseKind
from policydiff.text import CODE_SPAN, EMPHASIS, MD_ESCAPE, MD_IMAGE, MD_LINK, RULE_LINE, TABLE_RULE

__all__ = ["Markup", "Shown", "markup"]

_ATX = lazy(r"^#{1,6}[ \t]+")
_ATX_CLOSING = lazy(r"[ \t]+#+[ \t]*$")
_HEADING_BOLD = lazy(r"^(\*\*|__)(?=\S).*?(?<=\S)(\*\*|__)(:?)$")
_SETEXT = lazy(r"\n[ \t]*(=+|-+)[ \t]*$")
# a bullet, alone or after an item's number ("1. - x"), a quote or heading mark, at a line's start
# (after an image or an empty link, which show nothing)
_LINE_MARK = lazy(
    r"(?m)(?:^|<br\s*/?>)[ \t]*(?:!?\[\]\([^()\s]*\)|!\[[^\]]*\]\([^()\s]*\))*(?:\d{1,3}[.)][ \t]+)?"
    r"((?:#{1,6}(?:[ \t]+|$)|[-*+][ \t]+|>[ \t]?)+)"
)
_BULLET = lazy(r"^[ \t]*[-*+][ \t]+")
_BOLD = lazy(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_BR = lazy(r"<br\s*/?>", re.IGNORECASE)
_CELL_EDGE = lazy(r"(?m)^[ \t]*\||\|[ \t]*$")
_PIPE = lazy(r"\|")
_SAFE_TARGET = lazy(r"^(?:https?://|mailto:)", re.IGNORECASE)

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Shown:
    """Characters ``[start, end)`` shown as a tab (``"text"``, ``"\\t"``) or a line break (``"line"``)."""

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Markup:
    hidden: tuple[Span, ...] = ()
    shown: tuple[Shown, ...] = ()
    bold: tuple[Span, ...] = ()
    links: tuple[tuple[int, int, str], ...] = ()  # a label's span and where it points


def markup(leaf: Clause) -> Markup:
    """The Markdown of ``leaf``'s text: what to hide, what to show otherwise, what is bold or a link."""
    # an escaped character is text, never markup: set aside (in the private use area, one character
    # for one, so offsets hold) while the markup is found
    escaped = {match.start() + 1 for match in MD_ESCAPE.finditer(leaf.text)}
    text = MD_ESCAPE.sub(lambda match: "\\" + chr(0xF0000 + ord(match.group(1))), leaf.text)
    heading = leaf.kind is ClauseKind.HEADING
    hidden: list[Span] = _heading(text) if heading else []
    shown: list[Shown] = []
    links: list[tuple[int, int, str]] = []
    hidden += [(position - 1, position) for position in escaped]  # the backslash
    images = list(MD_IMAGE.finditer(text))
    hidden += [match.span() for match in images]  # an image's alt text is not the page's text
    for match in images:  # a linked image ("[![logo](…)](…)"): the link around it is found too
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    for match in MD_LINK.finditer(text):
        if match.group().startswith("!"):
            continue
        label_start, label_end = match.span(1)
        hidden += [(match.start(), label_start), (label_end, match.end())]
        target = leaf.text[label_end + 2 : match.end() - 1].strip().split(" ")[0]
        if _SAFE_TARGET.match(target):
            links.append((label_start, label_end, target))
    for match in CODE_SPAN.finditer(text) if "`" in text else ():  # a code span's ticks: Word shows none
        ticks = len(match.group(1))
        hidden += [(match.start(), match.start() + ticks), (match.end() - ticks, match.end())]
    for match in [] if heading else _LINE_MARK.finditer(text):
        hidden.append(match.span(1))
    for match in RULE_LINE.finditer(text):  # a setext underline or a thematic break ("* * *")
        newline = text.rfind("\n", 0, match.start())
        hidden.append((newline if newline >= 0 else match.start(), match.end()))
    if leaf.kind is ClauseKind.ROW:
        for match in TABLE_RULE.finditer(text):
            newline = text.rfind("\n", 0, match.start())
            hidden.append((newline if newline >= 0 else match.start(), match.end()))
        for match in _CELL_EDGE.finditer(text):
            hidden.append(match.span())
        for match in _PIPE.finditer(text):
            if not _inside(match.start(), hidden):
                shown.append(Shown(match.start(), match.end(), "text", "\t"))
    for match in _BR.finditer(text):
        shown.append(Shown(match.start(), match.end(), "line", ""))
    bold = [
        match.span(2)
        for match in _BOLD.finditer(text)
        if match.start() not in escaped and not _inside(match.start(), hidden)
    ]
    for match in EMPHASIS.finditer(text):
        if match.start() not in escaped and not _inside(match.start(), hidden):
            hidden.append(match.span())
    return Markup(tuple(sorted(hidden)), tuple(shown), tuple(bold), tuple(links))


def bulleted(leaf: Clause | None) -> bool:
    """Whether a leaf starts with a bullet (it becomes Word's List Bullet style): an item, or a bulleted
    "Label: text" definition."""
    return leaf is not None and leaf.kind is not ClauseKind.HEADING and bool(_BULLET.match(leaf.text))


def _heading(text: str) -> list[Span]:
    """Heading marks, a setext underline and bold around the whole title: the Heading style says it."""
    spans: list[Span] = []
    setext = _SETEXT.search(text)
    if setext:
        spans.append((setext.start(), len(text)))
        text = text[: setext.start()]
    begin, end = 0, len(text)
    atx = _ATX.match(text)
    if atx:
        begin = atx.end()
        closing = _ATX_CLOSING.search(text)
        if closing and closing.start() > begin:
            end = closing.start()
        spans += [(0, begin), (end, len(text))] if end < len(text) else [(0, begin)]
    bold = _HEADING_BOLD.match(text[begin:end]) if "\n" not in text else None
    if bold:
        colon = len(bold.group(3))
        spans += [(begin, begin + 2), (end - colon - 2, end - colon)]
    return spans


def _inside(position: int, spans: list[Span]) -> bool:
    return any(start <= position < end for start, end in spans)
