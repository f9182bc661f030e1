"""A Word redline: the new version in which every change is a tracked change, material ones commented.

Accept all changes in Word and the text is the new version; reject all and it is the old one.
The document follows the new version's clause order: an unchanged clause is a plain paragraph,
a changed one shows its word edits as insertions and deletions, a removed one is a deleted
paragraph where it stood, a moved one is a move (``w:moveFrom`` there, ``w:moveTo`` here).
Each major or minor change carries a comment with its category, severity and reasons.

Policy text is untrusted: it only ever becomes the text of ``w:t``/``w:delText`` nodes set
through lxml, never markup; characters XML 1.0 forbids are dropped (C0 controls) or replaced
(U+FFFD for lone surrogates and non-characters).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import Enum
from typing import TYPE_CHECKING, Any

from policydiff.model import Change, ChangeKind, Clause, ClauseKind, Edit, Op, Outline, Report, Severity

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

__all__ = ["AUTHOR", "render_docx", "xml_text"]

AUTHOR = "policydiff"

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_NONCHARACTER = re.compile("[\ud800-\udfff\ufffe\uffff]")
_CHUNK = re.compile(r"\s+|\S+")
_LINE_CHUNK = re.compile(r"[^\S\n]*\n\s*|[^\n]+")
_ATX = re.compile(r"^#{1,6}[ \t]+")
_ATX_CLOSING = re.compile(r"[ \t]+#+[ \t]*$")
_BOLD = re.compile(r"^(\*\*|__)(?=\S).*?(?<=\S)(\*\*|__)(:?)$")
_SETEXT = re.compile(r"\n[ \t]*(=+|-+)[ \t]*$")
_MATERIAL = (Severity.MAJOR, Severity.MINOR)


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 can hold it: C0 controls dropped, surrogates and non-characters as U+FFFD."""
    return _XML_NONCHARACTER.sub("\ufffd", _XML_FORBIDDEN.sub("", text))


def render_docx(report: Report, old: Outline, new: Outline, *, now: dt.datetime) -> bytes:
    """The redline of ``report`` as ``.docx`` bytes; ``old``/``new`` are the outlines it was made from.

    ``now`` dates every revision, comment and zip entry, so the same inputs give the same bytes.
    Raises ``ValueError`` when the outlines are not the documents of the report.
    """
    stamp = (now if now.tzinfo else now.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    stamp = stamp.replace(microsecond=0)
    items = _layout(report, old, new)
    paragraphs, spans = _paragraphs(items)
    return _docx(report, paragraphs, spans, items, stamp)


# ------------------------------------------------------------------ layout: two streams merged


@dataclass(frozen=True, slots=True)
class _Piece:
    """A run of one document's text: an unchanged leaf, or the side of a change and the leaves it covers."""

    key: tuple[str, object]
    start: int
    text: str
    leaves: tuple[Clause, ...]
    change: int | None = None  # index in report.changes


class _Mode(Enum):
    SAME = "same"  # unchanged: in both versions as it is
    PAIRED = "paired"  # a change shown by its word edits
    OLD_ONLY = "old"  # only in the old version: deleted (or moved away)
    NEW_ONLY = "new"  # only in the new version: inserted (or moved here)


@dataclass(slots=True)
class _Item:
    mode: _Mode
    edits: tuple[Edit, ...]
    old: _Piece | None
    new: _Piece | None
    change: int | None
    move: int = 0  # the number of the move this item is one end of; 0 for none
    comments: list[int] = field(default_factory=list)  # changes commented on this item


def _layout(report: Report, old: Outline, new: Outline) -> list[_Item]:
    """Old and new streams of pieces merged in the new document's order (a longest common subsequence)."""
    changes = report.changes
    old_stream, old_swallowed = _stream(old, changes, new_side=False)
    new_stream, new_swallowed = _stream(new, changes, new_side=True)
    paired = {p.change for p in old_stream if p.key[0] == "pair"} & {
        p.change for p in new_stream if p.key[0] == "pair"
    }
    old_keys = [p.key if p.key[0] != "pair" or p.change in paired else ("old", p.change) for p in old_stream]
    new_keys = [p.key if p.key[0] != "pair" or p.change in paired else ("new", p.change) for p in new_stream]
    items: list[_Item] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, old_from, old_to, new_from, new_to in matcher.get_opcodes():
        if tag == "equal":
            items.extend(
                _common(old_stream[i], new_stream[j], changes)
                for i, j in zip(range(old_from, old_to), range(new_from, new_to), strict=True)
            )
            continue
        items.extend(_one_sided(old_stream[i], _Mode.OLD_ONLY) for i in range(old_from, old_to))
        items.extend(_one_sided(new_stream[j], _Mode.NEW_ONLY) for j in range(new_from, new_to))
    _pair_moves(items, changes)
    _place_comments(items, changes, old_swallowed, new_swallowed)
    return items


def _stream(
    outline: Outline, changes: Sequence[Change], *, new_side: bool
) -> tuple[list[_Piece], dict[int, int]]:
    """One document as pieces in its order; and the changes whose side lies inside another's (→ that one)."""
    text = outline.document.text
    ranges: list[tuple[int, int, int]] = []
    for index, change in enumerate(changes):
        side = change.new if new_side else change.old
        if side is None:
            continue
        if text[side.start : side.end] != side.text:
            which = "new" if new_side else "old"
            raise ValueError(f"change {change.id}: its {which} text is not in the {which} document given")
        ranges.append((side.start, side.end, index))
    ranges.sort(key=lambda r: (r[0], -r[1], r[2]))
    outer: list[tuple[int, int, int]] = []
    swallowed: dict[int, int] = {}
    for start, end, index in ranges:
        if outer and start < outer[-1][1]:
            swallowed[index] = outer[-1][2]  # its text is already inside the outer change's text
            continue
        outer.append((start, end, index))
    starts = [start for start, _, _ in outer]
    order: list[Clause | int] = []  # a leaf of its own, or the index in ``outer`` of the side covering it
    covered: dict[int, list[Clause]] = {}
    for leaf in outline.leaves():
        at = bisect_right(starts, leaf.start) - 1
        if at >= 0 and leaf.start < outer[at][1]:
            if at not in covered:
                covered[at] = []
                order.append(at)
            covered[at].append(leaf)
        else:
            order.append(leaf)
    pieces: list[_Piece] = []
    for entry in order:
        if isinstance(entry, Clause):
            pieces.append(_Piece(("same", entry.text), entry.start, entry.text, (entry,)))
            continue
        start, end, index = outer[entry]
        change = changes[index]
        paired = change.old is not None and change.new is not None and change.kind is not ChangeKind.MOVED
        key = ("pair" if paired else "side", index)
        pieces.append(_Piece(key, start, text[start:end], tuple(covered[entry]), index))
    for at, (_, _, index) in enumerate(outer):
        if at not in covered:
            swallowed[index] = -1  # a side that holds no leaf: nothing of it to lay out
    return pieces, swallowed


def _common(old: _Piece, new: _Piece, changes: Sequence[Change]) -> _Item:
    if new.change is None:
        return _Item(_Mode.SAME, (Edit(Op.EQUAL, new.text),), old, new, None)
    return _Item(_Mode.PAIRED, changes[new.change].edits, old, new, new.change)


def _one_sided(piece: _Piece, mode: _Mode) -> _Item:
    if mode is _Mode.OLD_ONLY:
        return _Item(mode, (Edit(Op.DELETE, piece.text),), piece, None, piece.change)
    return _Item(mode, (Edit(Op.INSERT, piece.text),), None, piece, piece.change)


def _pair_moves(items: list[_Item], changes: Sequence[Change]) -> None:
    """A moved change laid out at both places becomes a numbered move; with one end only, a plain del/ins."""
    ends: dict[int, list[_Item]] = {}
    for item in items:
        one_sided = item.mode in (_Mode.OLD_ONLY, _Mode.NEW_ONLY)
        if item.change is not None and one_sided and changes[item.change].kind is ChangeKind.MOVED:
            ends.setdefault(item.change, []).append(item)
    number = 0
    for pair in ends.values():
        if len(pair) == 2 and {item.mode for item in pair} == {_Mode.OLD_ONLY, _Mode.NEW_ONLY}:
            number += 1
            for item in pair:
                item.move = number


def _place_comments(
    items: list[_Item],
    changes: Sequence[Change],
    old_swallowed: dict[int, int],
    new_swallowed: dict[int, int],
) -> None:
    """Each material change is commented once: where its new text is, else its old text, else its host's."""
    new_place: dict[int, _Item] = {}
    old_place: dict[int, _Item] = {}
    for item in items:
        if item.change is None:
            continue
        if item.mode in (_Mode.PAIRED, _Mode.NEW_ONLY):
            new_place.setdefault(item.change, item)
        else:
            old_place.setdefault(item.change, item)
    for index, change in enumerate(changes):
        if change.severity not in _MATERIAL:
            continue
        host = new_place.get(index) or old_place.get(index)
        for swallowed in (new_swallowed, old_swallowed):
            outer = swallowed.get(index, -1)
            while host is None and outer >= 0:
                host = new_place.get(outer) or old_place.get(outer)
                outer = swallowed.get(outer, -1)
        if host is None and items:
            host = items[0]  # nothing laid out holds it: the top of the document does
        if host is not None:
            host.comments.append(index)


# ------------------------------------------------------------------ items → paragraphs


class _Mark(Enum):
    EQUAL = "equal"
    INSERT = "ins"
    DELETE = "del"
    MOVE_FROM = "moveFrom"
    MOVE_TO = "moveTo"


@dataclass(frozen=True, slots=True)
class _Token:
    mark: _Mark
    kind: str  # "text" | "line" | "para"
    text: str = ""  # the text, or a line's indentation
    leaf: Clause | None = None  # the new leaf it belongs to, for the paragraph style
    old_leaf: Clause | None = None  # the old leaf it belongs to


@dataclass(slots=True)
class _Paragraph:
    tokens: list[_Token] = field(default_factory=list)
    mark: _Mark = _Mark.EQUAL  # what happened to its paragraph mark
    leaf: Clause | None = None
    old_leaf: Clause | None = None


@dataclass(frozen=True, slots=True)
class _Span:
    """The paragraphs an item was laid out in: ``first`` to ``last`` inclusive."""

    first: int
    last: int


def _paragraphs(items: list[_Item]) -> tuple[list[_Paragraph], list[_Span | None]]:
    paragraphs: list[_Paragraph] = []
    spans: list[_Span | None] = []
    for item in items:
        first = len(paragraphs)
        current = _Paragraph()
        pending: list[_Mark] = []  # paragraph breaks met since the last text
        moved = item.move != 0
        for token in _tokens(item, moved):
            if token.kind == "para":
                if current.tokens or pending:
                    pending.append(token.mark)
                continue
            for mark in pending:  # each break closes a paragraph, an empty one between two breaks
                current.mark = mark
                paragraphs.append(current)
                current = _Paragraph()
            pending = []
            current.tokens.append(token)
            if token.leaf is not None and current.leaf is None:
                current.leaf = token.leaf
            if token.old_leaf is not None and current.old_leaf is None:
                current.old_leaf = token.old_leaf
        if current.tokens:
            current.mark = _end_mark(item)
            paragraphs.append(current)
        elif len(paragraphs) > first:
            paragraphs[-1].mark = _end_mark(item)  # trailing breaks: the item ends where its text does
        spans.append(_Span(first, len(paragraphs) - 1) if len(paragraphs) > first else None)
    if paragraphs and paragraphs[-1].mark is not _Mark.EQUAL:
        paragraphs.append(_Paragraph())  # the last paragraph mark of a document cannot be a revision
    return paragraphs, spans


def _end_mark(item: _Item) -> _Mark:
    if item.mode is _Mode.OLD_ONLY:
        return _Mark.MOVE_FROM if item.move else _Mark.DELETE
    if item.mode is _Mode.NEW_ONLY:
        return _Mark.MOVE_TO if item.move else _Mark.INSERT
    return _Mark.EQUAL


@dataclass(frozen=True, slots=True)
class _SideView:
    """One side of an item: where its leaves are (relative to the piece) and which characters to hide."""

    starts: list[int]
    leaves: tuple[tuple[int, int, Clause], ...]
    hidden: tuple[tuple[int, int], ...]  # heading markup: "## ", "**…**", a setext underline

    @classmethod
    def of(cls, piece: _Piece | None) -> _SideView:
        if piece is None:
            return cls([], (), ())
        leaves = tuple((leaf.start - piece.start, leaf.end - piece.start, leaf) for leaf in piece.leaves)
        hidden = tuple((start + a, start + b) for start, _, leaf in leaves for a, b in _heading_markup(leaf))
        return cls([start for start, _, _ in leaves], leaves, hidden)

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
        return any(a < end and start < b for a, b in self.hidden)

    def whitespace(self, position: int, text: str) -> tuple[str, str]:
        """A run of white space as this side reads it: a paragraph break, a line break, or spaces."""
        if self.leaves and self.leaf_at(position) is None:
            return ("para", "")  # between two leaves: always a new paragraph
        newlines = text.count("\n")
        if newlines >= 2:
            return ("para", "")
        if newlines == 1:
            return ("line", text.rsplit("\n", 1)[1])
        return ("text", text)


def _heading_markup(leaf: Clause) -> list[tuple[int, int]]:
    """Spans of a heading leaf's text that are Markdown, not words: the Heading style says it instead."""
    if leaf.kind is not ClauseKind.HEADING:
        return []
    text = leaf.text
    spans: list[tuple[int, int]] = []
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
    bold = _BOLD.match(text[begin:end]) if "\n" not in text else None
    if bold:
        colon = len(bold.group(3))
        spans += [(begin, begin + 2), (end - colon - 2, end - colon)]
    return spans


def _tokens(item: _Item, moved: bool) -> Iterator[_Token]:
    """The item's edits as tokens with their revision marks, heading markup left out."""
    old_view, new_view = _SideView.of(item.old), _SideView.of(item.new)
    deleted = _Mark.MOVE_FROM if moved else _Mark.DELETE
    inserted = _Mark.MOVE_TO if moved else _Mark.INSERT
    old_at = new_at = 0
    for edit in item.edits:
        in_old, in_new = edit.op is not Op.INSERT, edit.op is not Op.DELETE
        for part in _parts(
            edit.text, old_view if in_old else None, old_at, new_view if in_new else None, new_at
        ):
            old_form = _form(old_view, old_at, part) if in_old else None
            new_form = _form(new_view, new_at, part) if in_new else None
            old_leaf = old_view.leaf_at(old_at) if in_old else None
            new_leaf = new_view.leaf_at(new_at) if in_new else None
            if old_form is not None and old_form == new_form:
                yield _Token(_Mark.EQUAL, *old_form, new_leaf, old_leaf)
            else:
                if old_form is not None:
                    yield _Token(deleted, *old_form, None, old_leaf)
                if new_form is not None:
                    yield _Token(inserted, *new_form, new_leaf, None)
            old_at += len(part) if in_old else 0
            new_at += len(part) if in_new else 0


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


def _form(view: _SideView, position: int, text: str) -> tuple[str, str] | None:
    """How a chunk shows on one side: None when hidden, else (kind, text)."""
    if view.is_hidden(position, position + len(text)):
        return None
    if text.isspace():
        return view.whitespace(position, text)
    return ("text", text)


# ------------------------------------------------------------------ paragraphs → WordprocessingML


@dataclass(slots=True)
class _Writer:
    """Builds the body with lxml through python-docx; numbers the revisions."""

    document: WordDocument
    date: str
    next_id: int = 1
    styles: dict[int, str] = field(default_factory=dict)

    def revision_id(self) -> str:
        self.next_id += 1
        return str(self.next_id - 1)

    def revision(self, tag: str) -> Any:
        from docx.oxml.ns import qn
        from docx.oxml.parser import OxmlElement

        return OxmlElement(
            f"w:{tag}", {qn("w:id"): self.revision_id(), qn("w:author"): AUTHOR, qn("w:date"): self.date}
        )

    def style_id(self, leaf: Clause | None) -> str | None:
        level = _heading_level(leaf)
        if not level:
            return None
        if level not in self.styles:
            self.styles[level] = self.document.styles[f"Heading {level}"].style_id
        return self.styles[level]

    def paragraph(self, paragraph: _Paragraph) -> Any:
        from docx.oxml.ns import qn
        from docx.oxml.parser import OxmlElement

        p = OxmlElement("w:p")
        properties = OxmlElement("w:pPr")
        # The new version's style; no w:pPrChange for a heading level that differs, because it
        # mostly differs by source format (a .txt heading against an HTML <h2>), not by policy.
        style = self.style_id(paragraph.leaf or paragraph.old_leaf)
        if style:
            properties.append(OxmlElement("w:pStyle", {qn("w:val"): style}))
        if paragraph.mark is not _Mark.EQUAL:
            mark = OxmlElement("w:rPr")
            mark.append(self.revision(paragraph.mark.value))
            properties.append(mark)
        if len(properties):
            p.append(properties)
        group: list[_Token] = []
        for token in paragraph.tokens:
            if group and token.mark is not group[0].mark:
                p.append(self.run_group(group))
                group = []
            group.append(token)
        if group:
            p.append(self.run_group(group))
        return p

    def run_group(self, tokens: list[_Token]) -> Any:
        """One run of tokens with the same mark, wrapped in its ``w:ins``/``w:del``/``w:moveFrom``/…"""
        from docx.oxml.ns import qn
        from docx.oxml.parser import OxmlElement

        mark = tokens[0].mark
        run = OxmlElement("w:r")
        text_tag = "w:delText" if mark is _Mark.DELETE else "w:t"
        pending = ""

        def flush() -> None:
            nonlocal pending
            for index, piece in enumerate(pending.split("\t")):
                if index:
                    run.append(OxmlElement("w:tab"))
                if piece:
                    node = OxmlElement(text_tag, {qn("xml:space"): "preserve"})
                    node.text = piece  # text, never markup: lxml escapes it
                    run.append(node)
            pending = ""

        for token in tokens:
            if token.kind == "line":
                flush()
                run.append(OxmlElement("w:br"))
                pending = xml_text(token.text)
            else:
                pending += xml_text(token.text)
        flush()
        if mark is _Mark.EQUAL:
            return run
        wrapper = self.revision(mark.value)
        wrapper.append(run)
        return wrapper


def _heading_level(leaf: Clause | None) -> int:
    """The Word heading level of a heading leaf: its ``#``s, its setext underline, else its depth."""
    if leaf is None or leaf.kind is not ClauseKind.HEADING:
        return 0
    atx = re.match(r"#{1,6}(?=[ \t])", leaf.text)
    if atx:
        return len(atx.group())
    setext = _SETEXT.search(leaf.text)
    if setext:
        return 1 if setext.group(1).startswith("=") else 2
    depth = len(leaf.path.split(".")) - 1
    return min(max(depth, 1), 6)


def _docx(
    report: Report,
    paragraphs: list[_Paragraph],
    spans: list[_Span | None],
    items: list[_Item],
    now: dt.datetime,
) -> bytes:
    # python-docx is ~70 ms of import: only this format pays for it.
    import docx

    document = docx.Document()
    _drop_word_2010_styles(document)
    writer = _Writer(document, now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    body = document.element.body
    section = body.find(_qn("w:sectPr"))
    elements = [writer.paragraph(paragraph) for paragraph in paragraphs] or [_empty_paragraph()]
    for element in elements:
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)
    _mark_moves(writer, elements, items, spans)
    _add_comments(document, report, elements, items, spans, now)
    _track_revisions(document)
    _core_properties(document, report, now)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), now)


def _drop_word_2010_styles(document: WordDocument) -> None:
    """python-docx's template carries a 430 KB copy of its styles for Word 2010; Word rebuilds it."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _empty_paragraph() -> Any:
    from docx.oxml.parser import OxmlElement

    return OxmlElement("w:p")


def _content_start(paragraph: Any) -> int:
    """Where a paragraph's content starts: after its properties."""
    return 1 if len(paragraph) and paragraph[0].tag == _qn("w:pPr") else 0


def _mark_moves(writer: _Writer, elements: list[Any], items: list[_Item], spans: list[_Span | None]) -> None:
    """Named move ranges around both ends of each move: Word pairs them by name."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    for item, span in zip(items, spans, strict=True):
        if not item.move or span is None:
            continue
        side = "moveFrom" if item.mode is _Mode.OLD_ONLY else "moveTo"
        identifier = writer.revision_id()
        start = OxmlElement(
            f"w:{side}RangeStart",
            {
                qn("w:id"): identifier,
                qn("w:author"): AUTHOR,
                qn("w:date"): writer.date,
                qn("w:name"): f"policydiff_move_{item.move}",
            },
        )
        first, last = elements[span.first], elements[span.last]
        first.insert(_content_start(first), start)
        last.append(OxmlElement(f"w:{side}RangeEnd", {qn("w:id"): identifier}))


def _add_comments(
    document: WordDocument,
    report: Report,
    elements: list[Any],
    items: list[_Item],
    spans: list[_Span | None],
    now: dt.datetime,
) -> None:
    """A comment for each major or minor change, anchored on the paragraphs it was laid out in."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    for item, span in zip(items, spans, strict=True):
        for index in item.comments:
            comment = document.comments.add_comment(
                text=_comment_text(report.changes[index]), author=AUTHOR, initials="PD"
            )
            comment._comment_elm.date = now  # python-docx stamps the clock: use the injected time
            identifier = str(comment.comment_id)
            first = elements[span.first] if span else elements[0]
            last = elements[span.last] if span else elements[0]
            first.insert(_content_start(first), OxmlElement("w:commentRangeStart", {qn("w:id"): identifier}))
            last.append(OxmlElement("w:commentRangeEnd", {qn("w:id"): identifier}))
            reference = OxmlElement("w:r")
            run_properties = OxmlElement("w:rPr")
            run_properties.append(OxmlElement("w:rStyle", {qn("w:val"): "CommentReference"}))
            reference.append(run_properties)
            reference.append(OxmlElement("w:commentReference", {qn("w:id"): identifier}))
            last.append(reference)


def _comment_text(change: Change) -> str:
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
    return "\n".join(" ".join(xml_text(line).split()) for line in lines)


def _track_revisions(document: WordDocument) -> None:
    """Turn on Track Changes, so the reviewer's own edits are tracked too."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    settings = document.settings.element
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    flag = OxmlElement("w:trackRevisions")
    anchor = settings.find(qn("w:defaultTabStop"))  # the schema puts trackRevisions before it
    if anchor is not None:
        anchor.addprevious(flag)
    else:
        settings.insert(0, flag)


def _core_properties(document: WordDocument, report: Report, now: dt.datetime) -> None:
    properties = document.core_properties
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.created = now.replace(tzinfo=None)
    properties.modified = now.replace(tzinfo=None)
    properties.revision = 1
    properties.title = xml_text(report.new.title or "")
    properties.subject = xml_text(f"Redline: {report.old.source} -> {report.new.source}")
    properties.comments = "Tracked changes: accept all for the new version, reject all for the old one."


def _fixed_zip(data: bytes, now: dt.datetime) -> bytes:
    """The same package with every entry dated ``now`` (zip dates start in 1980), so bytes repeat."""
    stamp = max(now.replace(tzinfo=None), dt.datetime(1980, 1, 1))
    date_time = (
        stamp.year,
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second - stamp.second % 2,
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
