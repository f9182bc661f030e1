"""The Word redline as plain data: paragraphs of runs with revision marks, move ranges and comments.

``lay_out`` decides everything the document says and nothing of how OOXML spells it (that is
``docx_xml``): no python-docx, no lxml, no clock. Accept all revisions and the paragraphs read as
the new version; reject all and they read as the old one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby

from policydiff.model import Change, Clause, ClauseKind, Outline, Report, Severity
from policydiff.render.common import review_hint
from policydiff.render.docx_markup import bulleted
from policydiff.render.docx_merge import Item, Mode, merge
from policydiff.render.docx_tokens import Mark, Token, heading_level, tokens

__all__ = ["Comment", "Layout", "Mark", "MoveRange", "Paragraph", "Run", "lay_out"]

_Span = tuple[int, int]  # the paragraphs an item was laid out in, first to last inclusive


@dataclass(frozen=True, slots=True)
class Run:
    """Text under one revision mark; a line break comes before each line after the first."""

    mark: Mark
    lines: tuple[str, ...]
    bold: bool = False
    link: str | None = None  # an http(s) or mailto target: the run is part of a hyperlink


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Run, ...] = ()
    mark: Mark = Mark.EQUAL  # what happened to its paragraph mark
    heading: int = 0  # the Word heading level of its style; 0 for body text
    listed: str = ""  # "bullet" for a bulleted item (Word's List Bullet), "number" for a numbered one
    row: bool = False  # a table row: its runs' tabs part its cells, rows in a row make a Word table


@dataclass(frozen=True, slots=True)
class MoveRange:
    """One end of a move around paragraphs ``first`` to ``last``: Word pairs both ends by ``number``."""

    number: int
    mark: Mark  # MOVE_FROM or MOVE_TO
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Comment:
    """A material change's comment, anchored on paragraphs ``first`` to ``last``."""

    change: str  # the change's id
    lines: tuple[str, ...]
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Layout:
    """The whole redline: never without a paragraph; the last paragraph mark is never a revision."""

    paragraphs: tuple[Paragraph, ...]
    moves: tuple[MoveRange, ...]
    comments: tuple[Comment, ...]
    title: str  # the document properties
    subject: str


def lay_out(report: Report, old: Outline, new: Outline) -> Layout:
    """``report``'s redline over the outlines it was made from, in the new version's order.

    Raises ``ValueError`` when the outlines are not the documents of the report.
    """
    items = merge(report, old, new)
    paragraphs, spans = _paragraphs(items)
    return Layout(
        paragraphs=tuple(paragraphs) or (Paragraph(),),
        moves=_moves(items, spans),
        comments=_comments(report.changes, items, spans),
        title=report.new.title or "",
        subject=f"Redline: {report.old.source} -> {report.new.source}",
    )


@dataclass(slots=True)
class _Draft:
    """A paragraph being filled: its tokens, and the first leaf of each version met, for its style."""

    tokens: list[Token] = field(default_factory=list)
    leaf: Clause | None = None
    old_leaf: Clause | None = None

    def add(self, token: Token) -> None:
        self.tokens.append(token)
        self.leaf = self.leaf or token.leaf
        self.old_leaf = self.old_leaf or token.old_leaf

    def close(self, mark: Mark) -> Paragraph:
        # the new version's style, else the old one's (a deleted heading keeps its style)
        leaf = self.leaf or self.old_leaf
        listed = "bullet" if bulleted(leaf) else "number" if leaf and leaf.kind is ClauseKind.ITEM else ""
        row = leaf is not None and leaf.kind is ClauseKind.ROW
        return Paragraph(_runs(self.tokens), mark, heading_level(leaf), listed, row)


def _paragraphs(items: Sequence[Item]) -> tuple[list[Paragraph], list[_Span | None]]:
    """All items' paragraphs, and for each item the paragraphs it was laid out in (None: none)."""
    paragraphs: list[Paragraph] = []
    spans: list[_Span | None] = []
    for item in items:
        first = len(paragraphs)
        paragraphs += _item_paragraphs(item)
        spans.append((first, len(paragraphs) - 1) if len(paragraphs) > first else None)
    if paragraphs and paragraphs[-1].mark is not Mark.EQUAL:
        paragraphs.append(Paragraph())  # the last paragraph mark of a document cannot be a revision
    return paragraphs, spans


def _item_paragraphs(item: Item) -> list[Paragraph]:
    """An item's tokens cut at its paragraph breaks; the last paragraph ends with the item's own mark."""
    paragraphs: list[Paragraph] = []
    draft = _Draft()
    pending: list[Mark] = []  # paragraph breaks met since the last text
    for token in tokens(item):
        if token.kind == "para":
            if draft.tokens or pending:
                pending.append(token.mark)
            continue
        for mark in pending:  # each break closes a paragraph, an empty one between two breaks
            paragraphs.append(draft.close(mark))
            draft = _Draft()
        pending = []
        draft.add(token)
    if draft.tokens:
        paragraphs.append(draft.close(_end_mark(item)))
    elif paragraphs:  # trailing breaks: the item ends where its text does
        paragraphs[-1] = replace(paragraphs[-1], mark=_end_mark(item))
    return paragraphs


def _end_mark(item: Item) -> Mark:
    if item.mode is Mode.OLD_ONLY:
        return Mark.MOVE_FROM if item.move else Mark.DELETE
    if item.mode is Mode.NEW_ONLY:
        return Mark.MOVE_TO if item.move else Mark.INSERT
    return Mark.EQUAL


def _runs(paragraph_tokens: Sequence[Token]) -> tuple[Run, ...]:
    """Consecutive tokens with the same mark, weight and link as one run each."""
    return tuple(
        Run(mark, _lines(group), bold, link)
        for (mark, bold, link), group in groupby(paragraph_tokens, key=lambda t: (t.mark, t.bold, t.link))
    )


def _lines(run_tokens: Iterable[Token]) -> tuple[str, ...]:
    lines = [""]
    for token in run_tokens:
        if token.kind == "line":
            lines.append(token.text)  # its indentation starts the next line
        else:
            lines[-1] += token.text
    return tuple(lines)


def _moves(items: Sequence[Item], spans: Sequence[_Span | None]) -> tuple[MoveRange, ...]:
    return tuple(
        MoveRange(item.move, Mark.MOVE_FROM if item.mode is Mode.OLD_ONLY else Mark.MOVE_TO, *span)
        for item, span in zip(items, spans, strict=True)
        if item.move and span is not None
    )


def _comments(
    changes: Sequence[Change], items: Sequence[Item], spans: Sequence[_Span | None]
) -> tuple[Comment, ...]:
    # an item laid out in no paragraph lends its comments to the first one
    return tuple(
        Comment(changes[index].id, _comment_lines(changes[index]), *(span or (0, 0)))
        for item, span in zip(items, spans, strict=True)
        for index in item.comments
    )


def _comment_lines(change: Change) -> tuple[str, ...]:
    """Severity, categories and direction, where the change is, and each reason with its trigger words."""
    categories = ", ".join(category.value for category in change.categories) or "uncategorised"
    side = change.new or change.old
    where = f"{change.kind.value} {side.path}" if side else change.kind.value
    if side and side.heading:
        where += f" ({side.heading})"
    lines = [f"{change.severity.value.upper()}: {categories}, {change.direction.value}", where]
    for reason in change.reasons:
        lines.append(
            f"{reason.rule}: {reason.says}; trigger \u201c{reason.trigger}\u201d ({reason.side.value} text)"
        )
    if change.consent.may_be_required:
        lines.append("Consent may be required: " + "; ".join(change.consent.reasons))
    if change.severity is Severity.REVIEW:
        lines.append("Undecided: " + review_hint(change))
    return tuple(lines)
