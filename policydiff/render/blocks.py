"""A policy's Markdown-like text as blocks a page shows: headings, list items, table rows, paragraphs.

The loaders keep structure as Markdown (``## ``, ``- ``, ``| a | b |``, ``**…**``, ``[label](url)``);
a reader of the HTML report sees none of it. ``blocks`` cuts text into blocks and each block's
inline text into pieces (words, bold, a link target), reading Markdown the way the Word redline
does (``docx_markup``). ``visible`` says which characters of one clause's text a reader sees.
Pure: data in, data out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from policydiff.lazy_re import lazy
from policydiff.model import Clause, ClauseKind
from policydiff.render.docx_markup import Markup, markup
from policydiff.text import RULE_LINE, TABLE_RULE

__all__ = ["Block", "Piece", "blocks", "kind_of_path", "visible"]

_ATX = lazy(r"^\s{0,3}#{1,6}(?:\s|$)")
_ITEM = lazy(r"^\s*(?:[-*+•]|\d{1,3}[.)]|\(?[a-z]\)|\(?[ivx]{1,5}\))\s+")
_BULLET = lazy(r"^\s*[-*+•]\s+")
_CELL = lazy(r"(?<!\\)\|")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    bold: bool = False
    href: str | None = None  # an http(s) or mailto target


@dataclass(frozen=True, slots=True)
class Block:
    """``kind``: "heading", "item", "table" or "paragraph"; a table has rows of cells of pieces."""

    kind: str
    cells: tuple[tuple[Piece, ...], ...]  # one, the block's text; a table's first row
    bulleted: bool = False  # an item whose bullet was Markdown ("- "): the page draws one
    rows: tuple[tuple[tuple[Piece, ...], ...], ...] = ()  # a table's rows, each a tuple of cells


def blocks(text: str) -> tuple[Block, ...]:
    """``text`` (one or more clauses of a policy) as blocks, its Markdown read, not shown."""
    out: list[Block] = []
    lines = text.split("\n")
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(_block("paragraph", " ".join(line.strip() for line in paragraph)))
            paragraph.clear()

    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not line.strip() or RULE_LINE.match(line) and not paragraph:
            flush()
            continue
        if paragraph and RULE_LINE.match(line):  # a setext underline: the lines above are a heading
            out.append(_block("heading", " ".join(part.strip() for part in paragraph)))
            paragraph.clear()
            continue
        if _ATX.match(line):
            flush()
            out.append(_block("heading", line))
        elif line.lstrip().startswith("|"):
            flush()
            if not TABLE_RULE.match(line):
                row = _row(line)
                if out and out[-1].kind == "table":  # the rows that follow one another make one table
                    out[-1] = replace(out[-1], rows=(*out[-1].rows, row))
                else:
                    out.append(Block("table", row, rows=(row,)))
        elif _ITEM.match(line):
            flush()
            paragraph.append(line)
            if not following.strip() or _ITEM.match(following) or following.lstrip().startswith("|"):
                item = _block("item", " ".join(part.strip() for part in paragraph))
                out.append(replace(item, bulleted=bool(_BULLET.match(paragraph[0]))))
                paragraph.clear()
        else:
            paragraph.append(line)
    flush()
    return tuple(out)


def kind_of_path(path: str) -> ClauseKind:
    """A clause's kind from its path: ``…h`` or ``title`` a heading, ``…r3`` a row, ``…b2`` an item."""
    last = path.rsplit(".", 1)[-1]
    if last in ("h", "title") or path == "title":
        return ClauseKind.HEADING
    kinds = {"r": ClauseKind.ROW, "b": ClauseKind.ITEM, "d": ClauseKind.DEFINITION}
    return kinds.get(last[:1], ClauseKind.PARAGRAPH) if last[1:2].isdigit() else ClauseKind.PARAGRAPH


def visible(text: str, kind: ClauseKind) -> list[bool]:
    """For each character of a clause's ``text``, whether a reader sees it (Markdown is not seen)."""
    return _seen(markup(Clause("x", kind, 0, len(text), text)), len(text))


def _seen(found: Markup, size: int) -> list[bool]:
    keep = [True] * size
    for start, end in found.hidden:
        for at in range(start, min(end, size)):
            keep[at] = False
    for shown in found.shown:  # a cell border or a <br>: seen as a break, its first character kept
        for at in range(shown.start, min(shown.end, size)):
            keep[at] = at == shown.start
    return keep


def _block(kind: str, text: str) -> Block:
    clause_kind = {"heading": ClauseKind.HEADING, "item": ClauseKind.ITEM}.get(kind, ClauseKind.PARAGRAPH)
    return Block(kind, (_pieces(text.strip(), clause_kind),))


def _row(line: str) -> tuple[tuple[Piece, ...], ...]:
    cells = _CELL.split(line.strip().strip("|"))
    return tuple(_pieces(cell.strip(), ClauseKind.PARAGRAPH) for cell in cells)


def _pieces(text: str, kind: ClauseKind) -> tuple[Piece, ...]:
    found = markup(Clause("x", kind, 0, len(text), text))
    keep = _seen(found, len(text))
    breaks = {item.start for item in found.shown}  # a <br> inside a block: a space between its words
    pieces: list[Piece] = []
    for at, char in enumerate(text):
        if not keep[at]:
            continue
        bold = any(a <= at < b for a, b in found.bold)
        # markup keeps only the links a page may show (http(s), mailto)
        href = next((target for a, b, target in found.links if a <= at < b), None)
        char = " " if at in breaks else char
        if pieces and pieces[-1].bold == bold and pieces[-1].href == href:
            pieces[-1] = Piece(pieces[-1].text + char, bold, href)
        else:
            pieces.append(Piece(char, bold, href))
    return tuple(pieces)
