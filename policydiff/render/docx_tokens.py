"""The Word redline's second step: one item's edits as tokens of text, each with its revision mark.

A token is text, a line break (with the next line's indentation) or a paragraph break, read the
way each version reads it: white space between two leaves is a paragraph break, a blank line in a
leaf is one too, and heading markup ("## ", "**…**", a setext underline) is left out because the
Heading style says it instead. Pure: data in, data out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import accumulate
from typing import Literal

from policydiff.lazy_re import lazy
from policydiff.model import Clause, ClauseKind, Op
from policydiff.render.docx_markup import Shown, markup
from policydiff.render.docx_merge import Item, Piece

__all__ = ["Mark", "Token", "heading_level", "tokens"]

_CHUNK = lazy(r"\s+|\S+")
_LINE_CHUNK = lazy(r"[^\S\n]*\n\s*|[^\n]+")
_ATX_LEVEL = lazy(r"#{1,6}(?=[ \t])")
_SETEXT = lazy(r"\n[ \t]*(=+|-+)[ \t]*$")

Kind = Literal["text", "line", "para"]
_END = 1 << 62  # sorts after every end: a span that starts at a position is found by bisection


class Mark(Enum):
    """What Word's revisions say of a run or a paragraph mark."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    MOVE_FROM = "move from"
    MOVE_TO = "move to"


@dataclass(frozen=True, slots=True)
class Token:
    mark: Mark
    kind: Kind
    text: str = ""  # the text, or a line's indentation
    leaf: Clause | None = None  # the new leaf it belongs to, for the paragraph style
    old_leaf: Clause | None = None  # the old leaf it belongs to
    bold: bool = False
    link: str | None = None  # where the text links to


def tokens(item: Item) -> Iterator[Token]:
    """The item's edits as tokens with their revision marks, heading markup left out."""
    old_view, new_view = _SideView.of(item.old), _SideView.of(item.new)
    deleted = Mark.MOVE_FROM if item.move else Mark.DELETE
    inserted = Mark.MOVE_TO if item.move else Mark.INSERT
    old_at = new_at = 0
    gone: list[Token] = []  # deleted and inserted text since the last unchanged token: Word shows
    come: list[Token] = []  # a replaced phrase as one deletion then one insertion, never interleaved
    for edit in item.edits:
        in_old, in_new = edit.op is not Op.INSERT, edit.op is not Op.DELETE
        for part in _parts(
            edit.text, old_view if in_old else None, old_at, new_view if in_new else None, new_at
        ):
            old_form = _form(old_view, old_at, part) if in_old else None
            new_form = _form(new_view, new_at, part) if in_new else None
            old_leaf = old_view.leaf_at(old_at) if in_old else None
            new_leaf = new_view.leaf_at(new_at) if in_new else None
            old_look = old_view.look(old_at) if in_old else (False, None)
            new_look = new_view.look(new_at) if in_new else (False, None)
            if old_form is not None and old_form == new_form and old_look == new_look:
                yield from gone + come
                gone, come = [], []
                yield Token(Mark.EQUAL, *old_form, new_leaf, old_leaf, *new_look)
            else:
                if old_form is not None:
                    gone.append(Token(deleted, *old_form, None, old_leaf, *old_look))
                if new_form is not None:
                    come.append(Token(inserted, *new_form, new_leaf, None, *new_look))
                if "para" in (old_form or ("",))[:1] + (new_form or ("",))[:1]:
                    yield from gone + come  # a paragraph break keeps its place among the edits
                    gone, come = [], []
            old_at += len(part) if in_old else 0
            new_at += len(part) if in_new else 0
    yield from gone + come


def heading_level(leaf: Clause | None) -> int:
    """The Word heading level of a heading leaf (its ``#``s, setext underline, else depth); 0 for others."""
    if leaf is None or leaf.kind is not ClauseKind.HEADING:
        return 0
    atx = _ATX_LEVEL.match(leaf.text)
    if atx:
        return len(atx.group())
    setext = _SETEXT.search(leaf.text)
    if setext:
        return 1 if setext.group(1).startswith("=") else 2
    depth = len(leaf.path.split(".")) - 1
    return min(max(depth, 1), 6)


@dataclass(frozen=True, slots=True)
class _SideView:
    """One side of an item: where its leaves are (relative to the piece) and which characters to hide."""

    starts: list[int]
    leaves: tuple[tuple[int, int, Clause], ...]
    hidden: tuple[tuple[int, int], ...]  # Markdown: "## ", "- ", "**", "[…](url)", table pipes
    hidden_starts: list[int]
    reach: list[int]  # the furthest end of the hidden spans up to each one: finds overlaps by bisection
    shown: dict[int, Shown]  # by start: a cell border shown as a tab, a <br> as a line break
    bold: tuple[tuple[int, int], ...]
    links: tuple[tuple[int, int, str], ...]

    @classmethod
    def of(cls, piece: Piece | None) -> _SideView:
        if piece is None:
            return cls([], (), (), [], [], {}, (), ())
        leaves = tuple((leaf.start - piece.start, leaf.end - piece.start, leaf) for leaf in piece.leaves)
        hidden: list[tuple[int, int]] = []
        shown: dict[int, Shown] = {}
        bold: list[tuple[int, int]] = []
        links: list[tuple[int, int, str]] = []
        for start, _, leaf in leaves:
            found = markup(leaf)
            hidden += [(start + a, start + b) for a, b in found.hidden]
            # a shown span is hidden too, but for its first character, which _form shows otherwise
            hidden += [(start + item.start, start + item.end) for item in found.shown]
            shown.update({start + item.start: item for item in found.shown})
            bold += [(start + a, start + b) for a, b in found.bold]
            links += [(start + a, start + b, target) for a, b, target in found.links]
        hidden.sort()
        reach = list(accumulate((b for _, b in hidden), max))
        return cls(
            [start for start, _, _ in leaves],
            leaves,
            tuple(hidden),
            [a for a, _ in hidden],
            reach,
            shown,
            tuple(sorted(bold)),
            tuple(sorted(links)),
        )

    def look(self, position: int) -> tuple[bool, str | None]:
        """Whether the text at ``position`` is bold, and where it links to."""
        at = bisect_right(self.bold, (position, _END)) - 1
        bold = at >= 0 and position < self.bold[at][1]
        at = bisect_right(self.links, (position, _END, "")) - 1
        link = self.links[at][2] if at >= 0 and position < self.links[at][1] else None
        return bold, link

    def leaf_at(self, position: int) -> Clause | None:
        at = bisect_right(self.starts, position) - 1
        if at >= 0 and position < self.leaves[at][1]:
            return self.leaves[at][2]
        return None

    def plain(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies in one leaf and shows no markup (or the side has no leaves)."""
        if not self.leaves:
            return True
        leaf = self.leaf_at(start)
        return leaf is not None and leaf is self.leaf_at(end - 1) and not self.is_hidden(start, end)

    def is_hidden(self, start: int, end: int) -> bool:
        before = bisect_left(self.hidden_starts, end)  # the spans that start before ``end``
        return before > 0 and self.reach[before - 1] > start

    def whitespace(self, position: int, text: str) -> tuple[Kind, str]:
        """A run of white space as this side reads it: a paragraph break, a line break, or spaces."""
        if self.leaves and self.leaf_at(position) is None:
            return ("para", "")  # between two leaves: always a new paragraph
        newlines = text.count("\n")
        if newlines >= 2:
            return ("para", "")
        if newlines == 1:
            return ("line", text.rsplit("\n", 1)[1])
        return ("text", text)


def _parts(
    text: str, old: _SideView | None, old_at: int, new: _SideView | None, new_at: int
) -> Iterator[str]:
    """An edit's text cut where a side may read it differently: at white space with a line end,
    at every space where a line crosses leaves, at every character of heading markup."""
    for line in _LINE_CHUNK.finditer(text):
        chunk, offset = line.group(), line.start()
        if chunk.isspace() or all(
            view is None or view.plain(at + offset, at + line.end())
            for view, at in ((old, old_at), (new, new_at))
        ):
            yield chunk  # a line inside one leaf, without markup: one run of text (the common case)
            continue
        for word in _CHUNK.finditer(chunk):
            start, end = offset + word.start(), offset + word.end()
            hidden = any(
                view is not None and view.is_hidden(at + start, at + end)
                for view, at in ((old, old_at), (new, new_at))
            )
            yield from word.group() if hidden else (word.group(),)


def _form(view: _SideView, position: int, text: str) -> tuple[Kind, str] | None:
    """How a chunk shows on one side: None when hidden, else (kind, text)."""
    other = view.shown.get(position)
    if other is not None:
        return ("line" if other.kind == "line" else "text", other.text)
    if view.is_hidden(position, position + len(text)):
        return None
    if text.isspace():
        return view.whitespace(position, text)
    return ("text", text)
