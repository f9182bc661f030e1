"""Parse a page into the tree a browser shows: void elements hold nothing, nothing nests without bound.

lxml's parser (libxml2) predates HTML5. It nests everything after an ``<embed>``, ``<source>``,
``<track>`` or ``<wbr>`` inside it, and an ``<iframe>``, ``<textarea>`` or ``<title>`` that is never
closed swallows the rest of the page as raw text. Either way the policy's text would sit inside an
element that is removed as chrome, and be lost without a word. Here:

- an ``<iframe>``, and an unclosed raw-text element or ``<template>``, is closed right after its start
  tag, before parsing;
- the tree builder closes a void element as soon as it opens, whatever libxml2 nests in it;
- no element is nested deeper than ``MAX_DEPTH``: deeper elements are not built, their text ends the
  deepest element that is, in one ``DEEP_TEXT`` element (a line where a block began or ended). Every
  later step (noise removal, selectors, the Markdown writer) then walks a tree of bounded depth.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.builder._lxml import LXMLTreeBuilder

from policydiff.lazy_re import lazy
from policydiff.limits import Limits, over
from policydiff.load.html_markdown import BLOCKS, DEEP_TEXT

__all__ = ["MAX_DEPTH", "NOISE_NAMES", "NOISE_ROLES", "VOID", "close_unclosed", "parse"]

MAX_DEPTH = 256
"""The deepest an element is nested (``<html>`` is 1); real pages stay under 60."""

VOID = frozenset(
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
        "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    }
)  # fmt: skip
"""Elements without content (HTML's void elements and the legacy ones browsers parse the same way)."""

NOISE_NAMES = frozenset(
    {
        "script", "style", "template", "svg", "nav", "aside", "iframe", "button", "select", "textarea",
        "embed", "noembed", "noframes",
    }
)  # fmt: skip
"""Elements whose text is never the policy's: code, inert templates, navigation, form controls,
frames and the raw markup browsers show only where frames or plugins do not exist. A ``<form>``
itself is not: ASP.NET pages wrap the whole body, policy included, in one."""
NOISE_ROLES = frozenset({"navigation", "banner", "contentinfo"})

# Content a browser never shows (an iframe shows its src): closed at once, whatever follows is the page's.
_EMPTY = ("iframe",)
# Raw text up to their end tag; never closed, they would swallow the rest of the page.
_RAW_TEXT = ("noembed", "noframes", "textarea", "title", "xmp")
# Raw text too, left as browsers read them: an unclosed script hides the rest of the page there as well.
_SCRIPTS = ("script", "style")
# Never shown (their content is inert markup), but an unclosed one would hold the rest of the page.
_INERT = ("template",)
_OPENING = lazy(r"<!--|<(/?)(" + "|".join(_EMPTY + _RAW_TEXT + _SCRIPTS + _INERT) + r")(?=[\s/>])", re.I)
_CLOSING = {name: re.compile(rf"</{name}(?=[\s/>])", re.I) for name in _RAW_TEXT + _SCRIPTS}
_TAG_REST = lazy(r"""(?:[^>"']|"[^"]*"|'[^']*')*+>""")  # attributes may quote a '>'
# Room an element needs below itself for its text to be written out: a table's text is only read
# from its cells, a definition list's from its terms and definitions.
_ROOM = {"table": 4, "thead": 3, "tbody": 3, "tfoot": 3, "tr": 2, "dl": 2}
_HTML_SPACE = lazy(r"[ \t\n\r\f]+")  # a line break in the source is a space: DEEP_TEXT's lines are blocks
_BUILT, _CLOSED, _UNBUILT, _SKIPPED, _PAST_LIMIT = range(5)


def parse(text: str, name: str = "page", limits: Limits = Limits()) -> BeautifulSoup:
    """Parse a page with lxml; bs4's hints about XHTML or file-name-like markup are not errors here.

    A page of more elements than ``limits.html_elements`` is refused (``LimitError``): past it,
    nothing more is built, and the page is not read at all.
    """
    builder = _Builder(max_elements=limits.html_elements)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(close_unclosed(text), builder=builder)
    if builder.elements > limits.html_elements:
        raise over(name, f"the page has {builder.elements:,} elements", "html_elements", limits)
    return soup


def close_unclosed(text: str) -> str:
    """``text`` with an end tag right after each iframe start tag, and after each raw-text or template
    start tag that is never closed."""
    last_closing = {name: _last_match(closing, text) for name, closing in _CLOSING.items()}
    closes: list[tuple[int, str]] = []  # (offset, name): an end tag goes there
    templates: list[int] = []  # the ends of the template start tags still open
    position = 0
    while match := _OPENING.search(text, position):
        if match.group(2) is None:  # a comment: nothing in it opens anything
            end = text.find("-->", match.end())
            if end < 0:
                break
            position = end + 3
            continue
        name = match.group(2).lower()
        if match.group(1):  # an end tag outside raw text: only a template's counts
            if name in _INERT and templates:
                templates.pop()
            position = match.end()
            continue
        rest = _TAG_REST.match(text, match.end())
        position = rest.end() if rest else text.find(">", match.end()) + 1
        if position <= 0:
            break
        if name in _EMPTY or (text[position - 2 : position] == "/>" and name not in _SCRIPTS):
            closes.append((position, name))  # libxml2 may or may not honour a slash: now it need not
        elif name in _INERT:
            templates.append(position)
        elif last_closing[name] >= position and (closing := _CLOSING[name].search(text, position)):
            position = closing.end()
        elif name in _SCRIPTS:
            break
        else:
            closes.append((position, name))
    closes += [(offset, "template") for offset in templates]
    if not closes:
        return text
    pieces: list[str] = []
    copied = 0
    for offset, name in sorted(closes):
        pieces += [text[copied:offset], f"</{name}>"]
        copied = offset
    return "".join(pieces) + text[copied:]


def _last_match(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for last_match in pattern.finditer(text):
        last = last_match.start()
    return last


class _Builder(LXMLTreeBuilder):
    """bs4's lxml tree builder, with void elements closed at once and the depth bounded.

    libxml2 reports a well-nested stream of start and end events; ``_open`` mirrors its open
    elements and what became of each: built, built and closed (void), not built (too deep: its
    text goes to the ``DEEP_TEXT`` element that ends the deepest built one, a line per block), or
    skipped with its content (a script or navigation too deep to build).
    """

    def __init__(self, max_elements: int) -> None:
        self.max_elements = max_elements
        super().__init__()

    def reset(self) -> None:
        super().reset()
        self.elements = 0  # start tags seen
        self._open: list[int] = []
        self._depth = 0  # built elements open
        self._unbuilt = 0  # unbuilt elements open
        self._skipping = 0  # elements open inside a skipped one, itself included
        self._deep: list[str] | None = None  # the text of unbuilt elements, until it is written

    def start(self, tag: str | bytes, attrib: dict[Any, Any], nsmap: Any = None) -> None:
        self.elements += 1
        if self.elements > self.max_elements:  # the page is refused: build nothing more
            self._open.append(_PAST_LIMIT)
            return
        name = _name(tag)
        if self._skipping:
            self._skipping += 1
            self._open.append(_SKIPPED)
        elif self._deep is not None and (self._unbuilt or name in VOID):
            if _is_noise(name, attrib):
                self._skipping = 1
                self._open.append(_SKIPPED)
                return
            self._open.append(_CLOSED if name in VOID else _UNBUILT)
            self._unbuilt += name not in VOID
            if name in BLOCKS or name == "br":
                self._deep.append("\n")
        elif name in VOID:
            super().start(tag, attrib, nsmap or {})
            super().end(tag)
            self._open.append(_CLOSED)
        elif self._depth + _ROOM.get(name, 1) < MAX_DEPTH:  # its DEEP_TEXT may sit below it
            self._write_deep()
            super().start(tag, attrib, nsmap or {})
            self._depth += 1
            self._open.append(_BUILT)
        elif _is_noise(name, attrib):
            self._skipping = 1
            self._open.append(_SKIPPED)
        else:
            self._deep = self._deep if self._deep is not None else []
            self._unbuilt += 1
            self._open.append(_UNBUILT)
            if name in BLOCKS:
                self._deep.append("\n")

    def end(self, tag: str | bytes) -> None:
        if not self._open:  # an end libxml2 never opened: bs4 ignores what it cannot match
            super().end(tag)
            return
        state = self._open.pop()
        if state == _PAST_LIMIT:
            return
        if state == _SKIPPED:
            self._skipping -= 1
        elif state == _UNBUILT:
            self._unbuilt -= 1
            if self._deep is not None and _name(tag) in BLOCKS:
                self._deep.append("\n")
        elif state == _BUILT:
            self._write_deep()
            super().end(tag)
            self._depth -= 1

    def data(self, data: str | bytes) -> None:
        if self._skipping or self.elements > self.max_elements:
            return
        if self._deep is None:
            super().data(data)
        else:
            text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
            self._deep.append(_HTML_SPACE.sub(" ", text))

    def _write_deep(self) -> None:
        """End the deepest built element's content with the text of the elements too deep to build."""
        if self._deep is None:
            return
        text, self._deep = "".join(self._deep), None
        if text.strip():
            super().start(DEEP_TEXT, {}, {})
            super().data(text)
            super().end(DEEP_TEXT)


def _name(tag: str | bytes) -> str:
    return (tag.decode("utf-8", "replace") if isinstance(tag, bytes) else tag).lower()


def _is_noise(name: str, attrib: dict[Any, Any]) -> bool:
    """Noise recognised from the start tag alone (what ``html_content`` drops that it can see there)."""
    if name in NOISE_NAMES:
        return True
    hidden = attrib.get("hidden")
    if hidden is not None and str(hidden).lower() != "until-found":
        return True
    if str(attrib.get("aria-hidden", "")).lower() == "true":
        return True
    return str(attrib.get("role", "")).lower() in NOISE_ROLES
