"""The Word redline's last step: a ``Layout`` as WordprocessingML, zipped with fixed dates.

Policy text is untrusted: it only ever becomes the text of ``w:t``/``w:delText`` nodes set
through lxml, never markup; characters XML 1.0 forbids are dropped (C0 controls) or replaced
(U+FFFD for lone surrogates and non-characters). Revision ids are numbered in document order.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import TYPE_CHECKING

from policydiff.lazy_re import lazy
from policydiff.render.docx_layout import Comment, Layout, Mark, MoveRange, Paragraph, Run

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement as Element

__all__ = ["AUTHOR", "write_docx", "xml_text"]

AUTHOR = "policydiff"

_XML_FORBIDDEN = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_NONCHARACTER = lazy("[\ud800-\udfff\ufffe\uffff]")
_LIST_STYLES = {"bullet": "List Bullet", "number": "List"}  # a numbered item keeps its number as text
_TAG = {Mark.INSERT: "ins", Mark.DELETE: "del", Mark.MOVE_FROM: "moveFrom", Mark.MOVE_TO: "moveTo"}


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 can hold it: C0 controls dropped, surrogates and non-characters as U+FFFD."""
    return _XML_NONCHARACTER.sub("\ufffd", _XML_FORBIDDEN.sub("", text))


def write_docx(layout: Layout, now: dt.datetime) -> bytes:
    """``layout`` as ``.docx`` bytes; ``now`` (UTC, whole seconds) dates every revision, comment and entry."""
    # python-docx is ~70 ms of import: only this format pays for it.
    import docx

    document = docx.Document()
    _drop_word_2010_styles(document)
    writer = _Writer(document, now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    elements, starts, ends = _body(writer, layout.paragraphs)
    body = document.element.body
    section = body.find(_qn("w:sectPr"))
    for element in elements:
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)
    _mark_moves(writer, starts, ends, layout.moves)
    _add_comments(document, starts, ends, layout.comments, now)
    _track_revisions(document)
    _core_properties(document, layout, now)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), now)


@dataclass(slots=True)
class _Writer:
    """Builds the body with lxml through python-docx; numbers the revisions as it goes."""

    document: WordDocument
    date: str
    next_id: int = 1
    styles: dict[int | str, str] = field(default_factory=dict)  # heading level or style name → its id
    links: dict[str, str] = field(default_factory=dict)  # target → relationship id

    def revision_id(self) -> str:
        self.next_id += 1
        return str(self.next_id - 1)

    def revision(self, mark: Mark) -> Element:
        return _element(_TAG[mark], {"id": self.revision_id(), "author": AUTHOR, "date": self.date})

    def style_id(self, paragraph: Paragraph) -> str | None:
        key: int | str = paragraph.heading or _LIST_STYLES.get(paragraph.listed, "")
        if not key:
            return None
        if key not in self.styles:
            name = f"Heading {key}" if isinstance(key, int) else key
            self.styles[key] = self.document.styles[name].style_id
        return self.styles[key]

    def link_id(self, target: str) -> str:
        if target not in self.links:
            from docx.opc.constants import RELATIONSHIP_TYPE

            self.links[target] = self.document.part.relate_to(
                target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True
            )
        return self.links[target]

    def paragraph(self, paragraph: Paragraph) -> Element:
        p = _element("p")
        properties = _element("pPr")
        # No w:pPrChange for a heading level that differs between the versions: it mostly differs
        # by source format (a .txt heading against an HTML <h2>), not by policy.
        style = self.style_id(paragraph)
        if style:
            properties.append(_element("pStyle", {"val": style}))
        if paragraph.mark is not Mark.EQUAL:
            mark = _element("rPr")
            mark.append(self.revision(paragraph.mark))
            properties.append(mark)
        if len(properties):
            p.append(properties)
        self.fill(p, paragraph.runs)
        return p

    def fill(self, p: Element, runs: Sequence[Run]) -> None:
        """``runs`` into paragraph ``p``; the runs of one link inside one ``w:hyperlink``."""
        for link, linked in groupby(runs, key=lambda run: run.link):
            parent = p
            if link is not None:
                parent = _element("hyperlink", {"r:id": self.link_id(link), "history": "1"})
                p.append(parent)
            for run in linked:
                parent.append(self.run(run))

    def table(self, rows: Sequence[Paragraph]) -> tuple[Element, list[Element], list[Element]]:
        """A Word table of ``rows``, and each row's first and last cell paragraph.

        A row inserted or deleted whole is a row revision (``w:trPr``), as Word's Compare marks it.
        """
        gone = (Mark.DELETE, Mark.MOVE_FROM)
        new_borders = frozenset({Mark.EQUAL, Mark.INSERT, Mark.MOVE_TO})
        cut = [_cells(row.runs, frozenset(gone) if row.mark in gone else new_borders) for row in rows]
        width = max(len(cells) for cells in cut)
        table = _element("tbl")
        properties = _element("tblPr")
        properties.append(_element("tblStyle", {"val": self.document.styles["Table Grid"].style_id}))
        properties.append(_element("tblW", {"w": "0", "type": "auto"}))
        table.append(properties)
        grid = _element("tblGrid")
        for _ in range(width):
            grid.append(_element("gridCol", {"w": str(9000 // width)}))
        table.append(grid)
        firsts: list[Element] = []
        lasts: list[Element] = []
        for row, cells in zip(rows, cut, strict=True):
            tr = _element("tr")
            mark = {Mark.MOVE_TO: Mark.INSERT, Mark.MOVE_FROM: Mark.DELETE}.get(row.mark, row.mark)
            if mark is not Mark.EQUAL:
                row_properties = _element("trPr")
                row_properties.append(self.revision(mark))
                tr.append(row_properties)
            paragraphs = []
            for cell in [*cells, *([[]] * (width - len(cells)))]:
                tc = _element("tc")
                cell_properties = _element("tcPr")
                cell_properties.append(_element("tcW", {"w": str(9000 // width), "type": "dxa"}))
                tc.append(cell_properties)
                p = _element("p")
                self.fill(p, cell)
                tc.append(p)
                tr.append(tc)
                paragraphs.append(p)
            table.append(tr)
            firsts.append(paragraphs[0])
            lasts.append(paragraphs[-1])
        return table, firsts, lasts

    def run(self, run: Run) -> Element:
        """One ``w:r``, wrapped in its ``w:ins``/``w:del``/``w:moveFrom``/``w:moveTo`` unless unchanged."""
        element = _element("r")
        if run.bold or run.link:
            properties = _element("rPr")
            if run.bold:
                properties.append(_element("b"))
            if run.link:  # as Word's Hyperlink character style shows a link
                properties.append(_element("color", {"val": "0563C1"}))
                properties.append(_element("u", {"val": "single"}))
            element.append(properties)
        text_tag = "delText" if run.mark is Mark.DELETE else "t"
        for number, line in enumerate(run.lines):
            if number:
                element.append(_element("br"))
            for index, piece in enumerate(xml_text(line).split("\t")):
                if index:
                    element.append(_element("tab"))
                if piece:
                    node = _element(text_tag, {"xml:space": "preserve"})
                    node.text = piece  # text, never markup: lxml escapes it
                    element.append(node)
        if run.mark is Mark.EQUAL:
            return element
        wrapper = self.revision(run.mark)
        wrapper.append(element)
        return wrapper


def _body(
    writer: _Writer, paragraphs: Sequence[Paragraph]
) -> tuple[list[Element], list[Element], list[Element]]:
    """The body's elements in order, and for each layout paragraph the ``w:p`` its ranges start and
    end in (a row's first and last cell): consecutive rows make one Word table."""
    body: list[Element] = []
    starts: list[Element] = []
    ends: list[Element] = []
    index = 0
    while index < len(paragraphs):
        if not paragraphs[index].row:
            element = writer.paragraph(paragraphs[index])
            body.append(element)
            starts.append(element)
            ends.append(element)
            index += 1
            continue
        rows: list[Paragraph] = []
        while index < len(paragraphs) and paragraphs[index].row:
            rows.append(paragraphs[index])
            index += 1
        table, firsts, lasts = writer.table(rows)
        body.append(table)
        starts += firsts
        ends += lasts
    return body, starts, ends


def _cells(runs: Sequence[Run], borders: frozenset[Mark]) -> list[list[Run]]:
    """A row's runs cut into its cells at the tabs (cell borders) of runs marked ``borders``: the
    new version's borders, or the old one's for a row deleted whole; another tab stays a tab."""
    cells: list[list[Run]] = [[]]
    for run in runs:
        for number, line in enumerate(run.lines):
            parts = line.split("\t") if run.mark in borders else [line]
            for part_number, part in enumerate(parts):
                if part_number:
                    cells.append([])
                cell = cells[-1]
                continues = number and not part_number  # the line after a break inside one cell
                if continues and cell and cell[-1].mark is run.mark:
                    cell[-1] = replace(cell[-1], lines=(*cell[-1].lines, part))
                elif continues:
                    cell.append(Run(run.mark, ("", part), run.bold, run.link))
                elif part:
                    cell.append(Run(run.mark, (part,), run.bold, run.link))
    return [_trimmed(cell) for cell in cells]


def _trimmed(cell: list[Run]) -> list[Run]:
    """A cell without the spaces that stood beside its borders in the Markdown row."""
    if cell and cell[0].lines[0] != cell[0].lines[0].lstrip(" "):
        cell[0] = replace(cell[0], lines=(cell[0].lines[0].lstrip(" "), *cell[0].lines[1:]))
    if cell and cell[-1].lines[-1] != cell[-1].lines[-1].rstrip(" "):
        cell[-1] = replace(cell[-1], lines=(*cell[-1].lines[:-1], cell[-1].lines[-1].rstrip(" ")))
    return [run for run in cell if any(run.lines) or len(run.lines) > 1]


def _element(tag: str, attributes: dict[str, str] | None = None) -> Element:
    """``w:<tag>`` with ``attributes`` (``w:`` unless they name their own prefix), in that order."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    names = {name: qn(name if ":" in name else f"w:{name}") for name in attributes or {}}
    return OxmlElement(f"w:{tag}", {names[name]: value for name, value in (attributes or {}).items()})


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _drop_word_2010_styles(document: WordDocument) -> None:
    """python-docx's template carries a 430 KB copy of its styles for Word 2010; Word rebuilds it."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)


def _content_start(paragraph: Element) -> int:
    """Where a paragraph's content starts: after its properties."""
    return 1 if len(paragraph) and paragraph[0].tag == _qn("w:pPr") else 0


def _mark_moves(
    writer: _Writer, starts: list[Element], ends: list[Element], moves: tuple[MoveRange, ...]
) -> None:
    """Named move ranges around both ends of each move: Word pairs them by name."""
    for move in moves:
        side = _TAG[move.mark]
        identifier = writer.revision_id()
        name = f"policydiff_move_{move.number}"
        start = _element(
            f"{side}RangeStart", {"id": identifier, "author": AUTHOR, "date": writer.date, "name": name}
        )
        first, last = starts[move.first], ends[move.last]
        first.insert(_content_start(first), start)
        last.append(_element(f"{side}RangeEnd", {"id": identifier}))


def _add_comments(
    document: WordDocument,
    starts: list[Element],
    ends: list[Element],
    comments: tuple[Comment, ...],
    now: dt.datetime,
) -> None:
    """Each comment, anchored on its paragraphs, with a reference mark at the end of the last one."""
    for comment in comments:
        added = document.comments.add_comment(text=_comment_text(comment), author=AUTHOR, initials="PD")
        added._comment_elm.date = now  # python-docx stamps the clock: use the injected time
        identifier = str(added.comment_id)
        first, last = starts[comment.first], ends[comment.last]
        first.insert(_content_start(first), _element("commentRangeStart", {"id": identifier}))
        last.append(_element("commentRangeEnd", {"id": identifier}))
        reference = _element("r")
        run_properties = _element("rPr")
        run_properties.append(_element("rStyle", {"val": "CommentReference"}))
        reference.append(run_properties)
        reference.append(_element("commentReference", {"id": identifier}))
        last.append(reference)


def _comment_text(comment: Comment) -> str:
    # each line on one line: a reason's words may hold line breaks; cleaned before white space is read
    return "\n".join(" ".join(xml_text(line).split()) for line in comment.lines)


def _track_revisions(document: WordDocument) -> None:
    """Turn on Track Changes, so the reviewer's own edits are tracked too."""
    settings = document.settings.element
    if settings.find(_qn("w:trackRevisions")) is not None:
        return
    flag = _element("trackRevisions")
    anchor = settings.find(_qn("w:defaultTabStop"))  # the schema puts trackRevisions before it
    if anchor is not None:
        anchor.addprevious(flag)
    else:
        settings.insert(0, flag)


def _core_properties(document: WordDocument, layout: Layout, now: dt.datetime) -> None:
    properties = document.core_properties
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.created = now.replace(tzinfo=None)
    properties.modified = now.replace(tzinfo=None)
    properties.revision = 1
    properties.title = _property(layout.title)
    properties.subject = _property(layout.subject)
    properties.comments = "Tracked changes: accept all for the new version, reject all for the old one."


_PROPERTY_LIMIT = 255  # python-docx refuses a longer core property (ValueError)


def _property(text: str) -> str:
    """``text`` as a core property: XML-safe, cut to 255 characters with an ellipsis."""
    text = xml_text(text)
    return text if len(text) <= _PROPERTY_LIMIT else text[: _PROPERTY_LIMIT - 1].rstrip() + "…"


def _fixed_zip(data: bytes, now: dt.datetime) -> bytes:
    """The same package with every entry dated ``now`` (zip dates start in 1980), so bytes repeat."""
    stamp = max(now.replace(tzinfo=None), dt.datetime(1980, 1, 1))
    date_time = (*stamp.timetuple()[:5], stamp.second - stamp.second % 2)
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
