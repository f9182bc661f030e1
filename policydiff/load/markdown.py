"""Markdown's inline markup read as a browser shows it, so a policy's Markdown and its web page
read alike (issue 14: markup never becomes an edit).

Markdown passes raw HTML through and escapes its own marks: ``<br>`` is a line break (inside a
table cell it stays ``<br>``: a cell is one line, as the HTML reader writes it), an ``<img>`` shows no
words, other inline tags show their words (``<b>`` as ``**bold**``), ``\\*`` is a star and
``[Introduction](#introduction)`` points within the page, so its words say it all, and so does a
link labelled with its own address (``[a@x.com](mailto:a@x.com)``). Images, link titles (tooltips)
and wrapper tags show no words. Everything else, block structure included, is left as written.
"""

from __future__ import annotations

import re

from policydiff.lazy_re import lazy
from policydiff.text import MD_IMAGE

__all__ = ["read_markdown"]

_BREAK = lazy(r"[ \t]*<br\s*/?>[ \t]*", re.IGNORECASE)
_BOLD = lazy(r"</?(?:b|strong)\s*>", re.IGNORECASE)
_INLINE = lazy(
    r"</?(?:span|font|u|i|em|small|sup|sub|mark|abbr|cite|q|s|ins|del|wbr)\b[^<>]*>", re.IGNORECASE
)
# a backslash escape of ASCII punctuation (CommonMark 2.4), but "\|": a pipe inside a table cell
_ESCAPE = lazy(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{}~])")
_BLOCK_ESCAPE = lazy(r"\s*(?:\d+\\[.)]|\\[#>]|\\[*+-](?=\s|$)|[-*+]\s+\\\d)")
_PAGE_LINK = lazy(r"\[((?:[^\[\]\\\n]|\\.)*)\]\(#[^()\s]*\)")  # "[Products\[1\]](#note-1)" too
# a link's title shows only as a tooltip: "[Help](https://x.com/help "Help")"
_LINK_TITLE = lazy(r"(\[[^\[\]\n]*\]\([^()\s]+)\s+\"[^\"\n]*\"\)")  # a whole link, on one line
# a link left with no words once its image is read away shows none
_EMPTY_LINK = lazy(r"\[[ \t]*\]\([^()\s]*\)")
# an image or a wrapper holds no words of its own: "<img …>", "<div style=…>", "</img>"
_WRAPPER = lazy(r"</?(?:div|section|article|center|img)\b[^<>]*>", re.IGNORECASE)
# a link labelled with its own address: "[privacy@x.com](mailto:privacy@x.com)", "[x.com/a](x.com/a)"
_SELF_LINK = lazy(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_CODE = lazy(r"`[^`\n]*`")
_PARAGRAPH_TAG = lazy(r"</?p\b[^<>]*>", re.IGNORECASE)
_ITEM_START = lazy(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
# a raw link: "<a href='https://x.com/a'>Learn more</a>", as Markdown writes it
_RAW_LINK = lazy(r"""<a\b[^<>]*?\bhref\s*=\s*["']([^"'<>\s]*)["'][^<>]*>([^<>]*)</a>""", re.IGNORECASE)
# a "*" or "+" bullet (after any indent or an ordered item's number), not a thematic break "* * *"
_BULLET = lazy(r"(?m)^([ \t]*(?:\d+[.)][ \t]+)?)[*+](?=[ \t]+(?![*+\s]*$))")


def read_markdown(text: str) -> str:
    """``text`` with its inline HTML and escapes read as a browser shows them, and its bullets
    written as "- " (a browser shows one bullet for "*", "+" and "-"; the web page reader writes "-")."""
    if any(mark in text for mark in ("<", "\\", "](")):
        text = "\n".join(_line(line) for line in text.split("\n"))
    # after the inline pass: a page link's words may start a line with a bullet ("[* Contact](#c)")
    if "* " in text or "+ " in text:
        text = _BULLET.sub(r"\1-", text)
    if ". " in text or ") " in text:
        text = _numbered_on(text)
    return text


# an ordered list's item at the margin (CommonMark 5.2: up to three spaces before its number)
_ORDERED = lazy(r"^( {0,3})(\d{1,9})([.)])([ \t]+)(?=\S)")
_OTHER_ITEM = lazy(r"^ {0,3}[-*+][ \t]+\S")
_INTERRUPTS = lazy(r"^ {0,3}(?:#{1,6}(?:\s|$)|\||>|```|~~~)")


def _numbered_on(text: str) -> str:
    """An ordered list's items numbered as a browser shows them: from the first item's number on,
    whatever each is written with ("1." after "10." in the same list shows as "11."; CommonMark
    5.3: only the start number counts). The list goes on across blank lines and its items' indented
    lines; a line back at the margin that is no item, or an item of another kind, ends it."""
    lines = text.split("\n")
    state: tuple[str, str, int, int] | None = None  # (indent, delimiter, next number, content column)
    blank = False
    for index, line in enumerate(lines):
        if not line.strip():
            blank = True
            continue
        item = _ORDERED.match(line)
        if item is not None:
            indent, number, delimiter, gap = item.groups()
            if state is not None and (indent, delimiter) == state[:2]:
                if int(number) != state[2]:
                    lines[index] = f"{indent}{state[2]}{delimiter}{gap}{line[item.end() :]}"
                state = (indent, delimiter, state[2] + 1, state[3])
            else:
                state = (indent, delimiter, int(number) + 1, item.end())
        elif state is not None:
            inside = len(line) - len(line.lstrip(" ")) >= state[3]
            # a paragraph's lazy continuation line stays in its item; a heading, table or quote does not
            lazy = not blank and not _INTERRUPTS.match(line)
            if not (inside or lazy) or _OTHER_ITEM.match(line):
                state = None
        blank = False
    return "\n".join(lines)


def _line(line: str) -> str:
    if "<" in line and _PARAGRAPH_TAG.search(line) and not line.lstrip().startswith("|"):
        # a paragraph tag inside a line parts it as a browser does; inside a list item the new
        # paragraph stays in the item, indented as the web page reader writes it
        item = _ITEM_START.match(line)
        indent = " " * len(item.group()) if item else ""
        parts = [part.strip() for part in _PARAGRAPH_TAG.split(line)]
        line = f"\n\n{indent}".join(part for part in parts if part)
        return "\n".join(_line(piece) for piece in line.split("\n"))
    if "`" in line:  # code spans show their text as written
        parts = _CODE.split(line)
        codes = _CODE.findall(line)
        read = [_read(part, table=line.lstrip().startswith("|")) for part in parts]
        return "".join(piece for pair in zip(read, [*codes, ""], strict=True) for piece in pair)
    return _read(line, table=line.lstrip().startswith("|"))


def _read(text: str, *, table: bool) -> str:
    if not any(mark in text for mark in ("<", "\\", "](")):
        return text  # most lines hold no markup: each pattern below needs one of these marks
    if "](" in text:
        text = _LINK_TITLE.sub(r"\1)", text)
        if "![" in text:
            text = _EMPTY_LINK.sub("", MD_IMAGE.sub("", text))  # the web page reader drops images
    # a cell's line breaks are its structure ("<br><br>" parts a cell's paragraphs): kept, spaced as
    # the web page reader writes them; elsewhere a break is a new line
    text = _BREAK.sub("<br>" if table else "\n", text)
    text = _WRAPPER.sub("", text)
    text = _RAW_LINK.sub(_raw_link, text) if "<a" in text.lower() else text
    text = _BOLD.sub("**", text)
    text = _INLINE.sub("", text)
    text = _PAGE_LINK.sub(r"\1", text)
    if "](" in text:  # the web page reader writes such a link as its words: so does this one
        text = _SELF_LINK.sub(_self_link, text)
    # an escape that keeps a line from being a block ("12\. BETA PROGRAMS", "\# 1") stays: it is
    # structure, and a web page says the same by its tags
    kept = _BLOCK_ESCAPE.match(text)
    start = kept.end() if kept else 0
    return text[:start] + _ESCAPE.sub(r"\1", text[start:])


def labelled_by_itself(words: str, target: str) -> bool:
    """Whether a link's words are its own address ("a@x.com" → "mailto:a@x.com"): a page shows
    nothing the words do not, so every reader writes such a link as its words."""
    return target in (words, f"mailto:{words}", f"tel:{words}")


def _self_link(match: re.Match[str]) -> str:
    label, target = match.groups()
    return label if labelled_by_itself(label, target) else match.group()


def _raw_link(match: re.Match[str]) -> str:
    target, words = match.group(1).strip(), " ".join(match.group(2).split())
    if not words:
        return ""
    if not target or target.startswith("#") or labelled_by_itself(words, target):
        return words
    return f"[{words}]({target})"
