"""A PDF's text as the document it was printed from: headings by font size, list items by their
bullets, paragraphs joined across line breaks, running headers, footers and page numbers dropped.

pdfminer lays a page out in text boxes of lines and characters (``extract_pages``); this reads that
layout the way a reader sees the page:

- the body size is the size most characters have; a line set larger is a heading, its level the
  rank of its size among the heading sizes (the largest is ``#``); a short line wholly in bold at
  the body size, standing alone, is a heading one level below them;
- a list item starts at a line that begins with a bullet glyph, or beside which a small filled
  shape (a bullet printed as a drawing, as browsers and Word do) sits; its nesting follows its
  indentation; it ends where the next item, a heading or a line back at the margin begins;
- a paragraph's lines are joined with spaces, and a word broken by a hyphen at a line's end is
  joined again (``infor-`` / ``mation``);
- a line that recurs at the top or bottom of most pages (a running header or footer, the page
  number in it aside) and a lone page number there are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from policydiff.lazy_re import lazy
from policydiff.load.bidi import logical
from policydiff.text import WORD

__all__ = ["Line", "document_text", "page_lines"]

_BULLET_GLYPHS = "•◦▪▫■□●○‣⁃·"
_BULLET_START = lazy(rf"^[{re.escape(_BULLET_GLYPHS)}]\s+")
# a dash or an asterisk starts an item only where a line could start one (not a wrapped dash)
_DASH_START = lazy(r"^[-–*]\s+")
_PAGE_NUMBER = lazy(r"^\s*(?:page\s+)?-?\s*\d{1,4}\s*-?(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_DIGITS = lazy(r"\d+")
_MARKER = lazy(r"(?:- |\d{1,3}[.)] |\(?[a-z]{1,3}[.)] )")
_COMPOUND = lazy(r"\w+-\w+")
# a capitalised word after another word on the same line: a name ("our Services", "Sales Teams")
_NAMED = lazy(r"\w[,;]?[ \t]+([A-Z][a-z]+)\b")
_CAPITALISED = lazy(r"[A-Z][a-z]+\b")
# a line ending in a lower-case word: after "… and Marketing", "Teams" goes on the name
_LOWER_END = lazy(r"(?<![\w-])[a-z]+$")
_HEADING_RATIO = 1.12  # a line this much larger than the body is a heading
_BOLD_HEADING_WORDS = 12
_MARGIN_ZONE = 0.1  # the top and bottom tenth of a page hold running headers and footers
_RUNNING_DRIFT = 2.0  # points: the heights a running line stands at, page to page, fall in one bucket


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page: its text, where it starts, its size, boldness, and a bullet beside it."""

    text: str
    x0: float
    x1: float
    top: float  # distance from the page's top
    bottom: float
    size: float
    bold: bool
    bulleted: bool
    box: int  # the text box it belongs to, in reading order on its page
    page: int
    page_height: float
    bold_start: bool = False  # its first word is bold (a run-in bold lead that ends on this line)
    first_word: float = 0.0  # the width of its first word as printed
    space: float = 0.0  # the width of the space after it, where one is printed
    marker: str = ""  # the bullet character it starts with, as printed ("" for a drawn bullet)
    ruled: bool = False  # it stands in a ruled table's cell: a drawn cell border runs beside it
    rule_above: bool = False  # a drawn cell border runs right above it: the top of its cell
    border_before: bool = False  # a drawn cell border parts it from the line before it in its box


def page_lines(page: Any, number: int = 0) -> list[Line]:
    """The lines of pdfminer ``LTPage`` ``number``, in reading order, with what the layout says of each."""
    from pdfminer.layout import LTChar, LTCurve, LTTextBox

    shapes = [
        item
        for item in _walk(page)
        if isinstance(item, LTCurve) and 1 < item.width < 8 and 1 < item.height < 8
    ]
    borders = _Borders.of(page, [item for item in _walk(page) if isinstance(item, LTCurve)])
    boxes = [item for item in page if isinstance(item, LTTextBox)]
    lines: list[Line] = []
    for index, box in enumerate(boxes):
        above: float | None = None  # the bottom of the box's line before, from the page's top
        for text_line, into in _parted(box, index, boxes, borders, page.height):
            if into != index:
                # the part past a cell border is the first line of the next cell's box
                above, index_here = None, into
            else:
                index_here = index
            chars = [c for c in text_line if isinstance(c, LTChar)]
            # a glyph the font maps to no character, which pdfminer writes "(cid:N)": no text a
            # reader sees (``unmapped_glyphs`` counts them, to refuse a file made of them)
            text = " ".join(UNMAPPED.sub("", "".join(item.get_text() for item in text_line)).split())
            text = logical(text)  # right-to-left words as read, not as printed
            if not chars or not text:
                continue
            size = Counter(round(c.size, 1) for c in chars if c.get_text().strip()).most_common(1)
            inked = [c for c in chars if c.get_text().strip()]
            bold = all("bold" in c.fontname.lower() for c in inked)
            bold_start = bool(inked) and "bold" in inked[0].fontname.lower()
            bulleted = bool(_BULLET_START.match(text)) or any(
                shape.x1 <= text_line.x0 + 1
                and text_line.x0 - shape.x1 < 30
                and shape.y0 >= text_line.y0 - 2
                and shape.y1 <= text_line.y1 + 2
                for shape in shapes
            )
            first_word, space = _first_word(text_line)
            lines.append(
                Line(
                    text=_BULLET_START.sub("", text),
                    marker=text[0] if _BULLET_START.match(text) else "",
                    x0=text_line.x0,
                    x1=text_line.x1,
                    top=page.height - text_line.y1,
                    bottom=page.height - text_line.y0,
                    size=size[0][0] if size else 0.0,
                    bold=bold,
                    bulleted=bulleted,
                    box=index_here,
                    page=number,
                    page_height=page.height,
                    bold_start=bold_start,
                    first_word=first_word,
                    space=space,
                    ruled=borders.beside(
                        text_line.x0, page.height - text_line.y1, page.height - text_line.y0
                    ),
                    rule_above=borders.above(text_line.x0, page.height - text_line.y1),
                    border_before=above is not None
                    and borders.between(text_line.x0, above, page.height - text_line.y1),
                )
            )
            above = page.height - text_line.y0
    return lines


UNMAPPED = lazy(r"\(cid:\d+\)")


def unmapped_glyphs(page: Any) -> int:
    """How many glyphs of a pdfminer ``LTPage`` map to no character ("(cid:N)" in its text)."""
    from pdfminer.layout import LTTextBox

    return sum(len(UNMAPPED.findall(box.get_text())) for box in page if isinstance(box, LTTextBox))


@dataclass(frozen=True, slots=True)
class _Part:
    """Part of a pdfminer text line, its characters on one side of a cell border: it iterates and
    measures as the line does."""

    items: tuple[Any, ...]
    x0: float
    x1: float
    y0: float
    y1: float

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def get_text(self) -> str:
        return "".join(item.get_text() for item in self.items)


def _parted(
    box: Any, index: int, boxes: list[Any], borders: _Borders, height: float
) -> Iterator[tuple[Any, int]]:
    """The lines of a pdfminer text box, each with the box it belongs to. A line whose characters
    a drawn vertical cell border parts ("DATA RETENTION | We and our partners …" set on one
    baseline) is cut there; the part past the border is given to the box that goes on below it in
    that column, if there is one (else to a box of its own)."""
    for text_line in box:
        items = list(text_line)
        placed = [i for i, item in enumerate(items) if hasattr(item, "x0") and item.get_text().strip()]
        top, bottom = height - text_line.y1, height - text_line.y0
        middle = (top + bottom) / 2
        cuts = [
            after
            for before, after in zip(placed, placed[1:], strict=False)
            if any(
                items[before].x1 <= x <= items[after].x0 and top_ <= middle <= bottom_
                for x, top_, bottom_ in borders.vertical
            )
        ]
        if not cuts:
            yield text_line, index
            continue
        starts = [0, *cuts]
        for number, (start, end) in enumerate(zip(starts, [*cuts, len(items)], strict=True)):
            chunk = tuple(items[start:end])
            inked = [item for item in chunk if hasattr(item, "x0")]
            if not inked:
                continue
            left, right = min(i.x0 for i in inked), max(i.x1 for i in inked)
            part = _Part(chunk, left, right, text_line.y0, text_line.y1)
            yield part, index if number == 0 else _box_below(part, boxes, borders, height, index, number)


def _box_below(
    part: _Part, boxes: list[Any], borders: _Borders, height: float, index: int, number: int
) -> int:
    """The box whose first line starts where ``part`` does, within two lines below it: the cell it
    opens. Not one a drawn border parts from it: that is the next row's cell (a header cell's text
    above a body cell's)."""
    line_height = part.y1 - part.y0
    for other, box in enumerate(boxes):
        if other == index or not len(box):
            continue
        first = next(iter(box))
        gap = (height - first.y1) - (height - part.y0)
        if (
            abs(first.x0 - part.x0) <= _COLUMN_TOLERANCE
            and -1.0 <= gap <= 2 * line_height
            and not borders.between(part.x0, height - part.y0, height - first.y1)
        ):
            return other
    return index + number * _BOX_SPLIT


_THIN = 1.5  # points: a drawn rule is at most this thick
_RULE_ALIGN = 2.0  # points between a cell border's end and the border it meets
_PADDING = 16.0  # points at most between a cell's border and its text (padding and the font's ascent)
_CELL_HEIGHT = 10.0  # points: a vertical rule this long at least is a cell border (one line and its padding)


@dataclass(frozen=True, slots=True)
class _Borders:
    """The cell borders drawn on a page (tops measured from the page's top): vertical rules, and
    horizontal rules that meet one at an end (a link's underline meets none)."""

    vertical: tuple[tuple[float, float, float], ...]  # (x, top, bottom)
    horizontal: tuple[tuple[float, float, float], ...]  # (top, x0, x1)

    @classmethod
    def of(cls, page: Any, curves: list[Any]) -> _Borders:
        vertical = tuple(
            ((c.x0 + c.x1) / 2, page.height - c.y1, page.height - c.y0)
            for c in curves
            if c.width <= _THIN and c.height > _CELL_HEIGHT
        )
        horizontal = tuple(
            (page.height - c.y1, c.x0, c.x1)
            for c in curves
            if c.height <= _THIN
            and c.width > 2 * _PADDING
            and any(
                min(abs(c.x0 - x), abs(c.x1 - x)) <= _RULE_ALIGN
                and top - _RULE_ALIGN <= page.height - c.y1 <= bottom + _RULE_ALIGN
                for x, top, bottom in vertical
            )
        )
        return cls(vertical, horizontal)

    def beside(self, x0: float, top: float, bottom: float) -> bool:
        """Whether a cell's left border runs beside text starting at ``x0`` between ``top`` and ``bottom``."""
        middle = (top + bottom) / 2
        return any(
            0 <= x0 - x <= _PADDING and top_ <= middle <= bottom_ for x, top_, bottom_ in self.vertical
        )

    def between(self, x0: float, upper: float, lower: float) -> bool:
        """Whether a cell border over text at ``x0`` runs between ``upper`` and ``lower`` (page tops)."""
        return any(x0_ - _RULE_ALIGN <= x0 <= x1 and upper <= at <= lower for at, x0_, x1 in self.horizontal)

    def above(self, x0: float, top: float) -> bool:
        """Whether a cell's top border runs right above text at ``x0``, ``top`` below the page's top."""
        return any(
            x0_ - _RULE_ALIGN <= x0 <= x1 and 0 <= top - at <= _PADDING for at, x0_, x1 in self.horizontal
        )


def _first_word(text_line: Any) -> tuple[float, float]:
    """The width of a pdfminer line's first word (its first glyph to the last before a space) and of
    the space after it, if the printer set one as a glyph (0 if not)."""
    left = right = None
    for item in text_line:
        placed = hasattr(item, "x0")  # a layout's own character (LTAnno) has no place
        if not item.get_text().strip():
            if left is not None and right is not None:
                return right - left, item.x1 - item.x0 if placed else 0.0
            continue
        if placed:
            left = item.x0 if left is None else left
            right = item.x1
    return (0.0 if left is None or right is None else right - left), 0.0


def document_text(pages: Iterable[list[Line]]) -> str:
    """The text of a document's pages, as Markdown-like blocks segment reads."""
    pages = [list(page) for page in pages]
    pages = [_bold_apart(page) for page in pages]
    # a table's header repeated atop each page is no running header: its rows are kept for the table
    in_rows = set(_table_rows([line for page in pages for line in page]))
    pages = _without_running_lines(pages, in_rows)
    # a "- " or "* " item is a list item before the list's indentation levels are counted
    marked, numbered = _with_markers([line for page in pages for line in page])
    lines = _dash_items(marked)
    numbered |= _numbered_items(lines)
    if not lines:
        return ""
    body = Counter(round(line.size) for line in lines for _ in line.text.split()).most_common(1)[0][0]
    sizes = sorted({round(line.size) for line in lines if line.size >= body * _HEADING_RATIO}, reverse=True)
    levels = {size: min(index + 1, 6) for index, size in enumerate(sizes)}
    margin = min(line.x0 for line in lines)
    # where the body's paragraphs start: the left edge most of its unmarked lines share
    body_left = Counter(round(line.x0) for line in lines if not line.bulleted).most_common(1)[0][0]
    right = max(line.x1 for line in lines)
    indents = sorted({round(line.x0) for line in lines if line.bulleted})
    box_lines = Counter((line.box, line.page) for line in lines)
    blocks: list[str] = []
    current: list[str] = []
    kind = ""  # "p", "item" or "" (nothing open)
    previous: Line | None = None
    heading: Line | None = None  # the heading line just written, which a wrapped line may continue
    words = {word.casefold() for line in lines for word in WORD.findall(line.text)}
    # … and its hyphenated compounds ("add-ons"), which a line break must not join into one word
    words |= {word.casefold() for line in lines for word in _COMPOUND.findall(line.text)}
    # … and the capitalised words it writes inside a line: names, which may start a wrapped line
    named = {match.group(1) for line in lines for match in _NAMED.finditer(line.text)}
    rows = _table_rows(lines)
    rights = _column_rights({id(row): row for row in rows.values()}.values())
    leads = _run_in_leads(lines)
    written: set[int] = set()  # the table rows already written
    header, header_page = "", -1  # the first row of the last table, and its page
    table = -1  # the block of the table last written
    resumed = -1  # the page the last table was seen to run onto
    for line in lines:
        row = rows.get((line.page, line.box))
        if row is not None:
            if row.number not in written:
                if current:
                    blocks.append(_joined(current, words))
                    current = []
                text = row.markdown(words, rights[row.columns()], named)
                # the row after the last one written, or the first on a page the table was seen to
                # run onto, with no other text between: the table goes on
                follows = row.number - 1 in written or resumed == row.page
                going_on = follows and bool(blocks) and table == len(blocks) - 1
                # a header row a browser repeats atop each page a table runs onto is not a row; the
                # same header after other text starts a table of its own
                repeated = text == header and row.page != header_page and table == len(blocks) - 1
                if going_on or repeated:
                    if text != header:
                        blocks[-1] += "\n" + text  # the table goes on: one block, as in Markdown
                else:
                    blocks.append(text + row.rule())
                    header, header_page = text, row.page
                table = len(blocks) - 1
                written.add(row.number)
                kind, previous, heading = "", line, None
            elif line.page > row.page and table == len(blocks) - 1 and not current:
                # a row written already runs onto this page (its repeated header, a cell going on)
                resumed = line.page
            continue
        level = levels.get(round(line.size))
        bold = level is None and id(line) not in leads and _bold_heading(line, previous, box_lines)
        # a heading that wraps goes on in a line set alike right below it; a bold heading's next line
        # may be no heading by itself ("… with other" / "companies?": short, its box not its own)
        wrapped = level is not None or bold or (heading is not None and heading.bold and line.bold)
        if wrapped and heading is not None and not line.bulleted and _same_heading(heading, line):
            last = blocks[-1]  # a long heading wrapped onto a second line
            if last.startswith("**") and last.endswith("**") and len(last) > 4:
                blocks[-1] = f"**{_joined([last[2:-2], line.text])}**"
            else:
                blocks[-1] = _joined([last, line.text])
            heading, previous = line, line
            continue
        starts = (
            level is not None
            or bold
            or line.bulleted
            or id(line) in numbered
            or previous is None
            or (line.box, line.page) != (previous.box, previous.page)
            and not _runs_on(previous, line, right)
            and not _hangs(current, previous, line)
            and not (kind == "item" and _item_goes_on(previous, line, body_left, right))
            or (kind == "item" and line.x0 < previous.x0 - 4 and round(line.x0) <= round(margin) + 2)
        )
        if starts and current:
            blocks.append(_joined(current, words))
            current = []
        heading = line if level is not None or bold else None
        if level is not None:
            blocks.append("#" * level + " " + line.text)
            kind, previous = "", line
            continue
        if bold:  # Markdown's own way to set a heading in bold: segment reads both alike
            blocks.append(f"**{line.text}**")
            kind, previous = "", line
            continue
        if line.bulleted:
            depth = indents.index(round(line.x0)) if round(line.x0) in indents else 0
            current = ["  " * depth + "- " + line.text]
            kind = "item"
        elif starts or not current:
            current = [line.text]
            kind = "item" if kind == "item" and line.x0 > margin + 4 else "p"
        else:
            current.append(line.text)
        previous = line
    if current:
        blocks.append(_joined(current, words))
    return "\n\n".join(block for block in blocks if block.strip())


@dataclass(frozen=True, slots=True)
class _Row:
    """A table row: text boxes side by side, their tops aligned; each box is a cell."""

    number: int  # rows in reading order; a row whose predecessor is not a row starts a table
    page: int
    cells: tuple[tuple[Line, ...], ...]

    def markdown(self, words: set[str], rights: list[float], named: Collection[str] = ()) -> str:
        cells = (
            _cell_text(cell, words, right, named) for cell, right in zip(self.cells, rights, strict=True)
        )
        return "| " + " | ".join(cells) + " |"

    def columns(self) -> tuple[int, ...]:
        """Where its cells start: the rows of one table (or of tables laid out alike) share it."""
        return tuple(round(min((line.x0 for line in cell), default=-1.0)) for cell in self.cells)

    def rule(self) -> str:
        return "\n" + "|" + " --- |" * len(self.cells)


def _cell_text(cell: tuple[Line, ...], words: set[str], right: float, named: Collection[str] = ()) -> str:
    """A cell on one line, as Markdown tables write one: its paragraphs (text boxes of their own on
    one page) parted by ``<br><br>``, a list item or a line after a line break after a ``<br>``,
    wrapped lines joined. A line broke, rather than wrapped, where the next line's first word would
    have fit after it before ``right``, the widest line of its column (the column's own edge is not
    printed), or where a capitalised word that is no name (``named``) follows an unfinished line."""
    paragraphs: list[list[list[str]]] = []  # a paragraph's lines as written, each as printed
    for index, line in enumerate(cell):
        before = cell[index - 1] if index else None
        # the bullet as printed: a character the page shows stays ("* item" as the web page's text
        # has it), a drawn one is a list's, which the web page and Word readers write "- "
        text = f"{line.marker or '-'} {line.text}" if line.bulleted else line.text
        broke = before is not None and (_broke(before, line, right) or _capital_starts(before, line, named))
        # a page break is no break of its own: a line that broke before one starts a paragraph if
        # the cell's lines before it were paragraphs (more than one), else the cell goes on
        after_page = (
            before is not None
            and before.page != line.page
            and broke
            # (or the line before ended a list's member and the next starts one, capitalised:
            # "Essential data, and" / "ID card data."; "Your email," / "your name." goes on)
            and (len(paragraphs) > 1 or (bool(_MEMBER_END.search(before.text)) and line.text[:1].isupper()))
        )
        if before is None or (before.page == line.page and before.box != line.box) or after_page:
            paragraphs.append([[text]])
        elif line.bulleted or (broke and before is not None and before.page == line.page):
            paragraphs[-1].append([text])
        else:
            paragraphs[-1][-1].append(text)
    return "<br><br>".join("<br>".join(_joined(lines, words) for lines in items) for items in paragraphs)


# the end of a list's member written as a paragraph of a cell: a comma, a semicolon, "and"/"or" after one
_MEMBER_END = lazy(r"(?:[,;]|,\s+(?:and|or))\s*$")


def _capital_starts(before: Line, line: Line, named: Collection[str]) -> bool:
    """Whether ``line`` starts a line of its own in a cell, though its first word would not have fit
    after ``before``: ``before`` ends in a lower-case word with no stop, and ``line`` starts with a
    capitalised word the document never capitalises inside a line ("… contractual relationship" /
    "Account deletion request": a list of items a narrow column wraps anyway)."""
    first = _CAPITALISED.match(line.text)
    if first is None or not _LOWER_END.search(before.text):
        return False
    return first.group() not in named


_SPACE = 0.33  # a space's width in ems where none is printed: a little over most fonts' (0.25-0.32)
_FIT_TOLERANCE = 0.02  # points: the widest line is the column's edge, or short of it


def _broke(before: Line, line: Line, right: float) -> bool:
    """Whether a line break ended ``before``: a space and ``line``'s first word would have fit after
    it, and a browser or word processor wraps a word only when it does not (nor after a hyphen)."""
    if before.text.endswith("-") or not line.first_word:
        return False
    space = before.space or line.space or _SPACE * line.size
    return before.x1 + space + line.first_word <= right + _FIT_TOLERANCE


def _column_rights(rows: Iterable[_Row]) -> dict[tuple[int, ...], list[float]]:
    """The right edge of each column's widest line, for the rows whose cells start alike."""
    found: dict[tuple[int, ...], list[float]] = {}
    for row in rows:
        rights = found.setdefault(row.columns(), [0.0] * len(row.cells))
        for index, cell in enumerate(row.cells):
            rights[index] = max([rights[index], *(line.x1 for line in cell)])
    return found


_ROW_TOLERANCE = 3.0  # points between the tops of cells of one row
_CELL_LINES = 60  # more lines than this in a box: a column of text, not a cell


def _table_rows(lines: list[Line]) -> dict[tuple[int, int], _Row]:
    """The text boxes that form table rows, by (page, box): two or more boxes whose tops align and
    whose widths do not overlap, on a page with at least two such rows (a lone pair of aligned boxes
    is more likely a layout's columns). A cell's further paragraphs, what of it runs onto the next
    page, and a header row with one cell filled are boxes of their own: ``_Cells`` places them."""
    boxes: dict[tuple[int, int], list[Line]] = {}
    for line in lines:
        boxes.setdefault((line.page, line.box), []).append(line)
    by_page: dict[int, list[list[Line]]] = {}
    for (page, _), box in boxes.items():
        by_page.setdefault(page, []).append(box)
    cells = _Cells()
    tables: list[list[_Cluster]] = []
    for page in sorted(by_page):
        clusters: list[list[list[Line]]] = []
        for box in sorted(by_page[page], key=lambda b: (b[0].top, b[0].x0)):
            if clusters and abs(box[0].top - clusters[-1][0][0].top) <= _ROW_TOLERANCE:
                clusters[-1].append(box)
            else:
                clusters.append([box])
        rows = [
            sorted(cluster, key=lambda b: b[0].x0)
            for cluster in clusters
            if _is_row(cluster) and _opens_row(cluster)
        ]
        # a lone pair of level boxes is more likely a layout's columns, unless cell borders are drawn
        # round the page's text (a table's header above a row that runs on from the page before)
        if len(rows) < 2 and not any(line.ruled for box in by_page[page] for line in box):
            rows = []
        in_rows = {id(box) for cluster in rows for box in cluster}
        placed = cells.place(rows, [box for box in by_page[page] if id(box) not in in_rows])
        if placed:
            tables.append(placed)
    order = {key: index for index, key in enumerate(boxes)}
    found: dict[tuple[int, int], _Row] = {}
    number = 0
    for placed in tables:
        for cluster in sorted(
            placed, key=lambda c: min(order[line.page, line.box] for cell in c for line in cell)
        ):
            number += 1
            page = min(line.page for cell in cluster for line in cell)
            row = _Row(number, page, tuple(tuple(cell) for cell in cluster))
            for line in (line for cell in cluster for line in cell):
                found[line.page, line.box] = row
            for line in cells.dropped.get(id(cluster), []):
                found[line.page, line.box] = row
        number += 1  # rows on the next page start a new table unless they follow on at once
    return found


_Cluster = list[list[Line]]  # a row: the lines of each cell, left to right
_CELL_GAP = 2.5  # lines of space at most between a cell's last paragraph and one that continues it
_COLUMN_TOLERANCE = 3.0  # points between the left edges of the paragraphs of one cell


class _Cells:
    """The rows of each page's tables, each cell grown by the boxes that continue it.

    A cell's next paragraph is a text box below its first, starting at its left edge, before the
    next row starts, or close below a page's last row; at a page's top, before anything else, it
    continues the previous page's last row. Body text after a table starts at the page's margin,
    left of the cells' padding, so it continues no cell. A lone bold box right above a table is
    its header row with the other cells empty (``| Specification | |``), and the same words atop
    the next page are that header repeated by the browser (``dropped``: read as the header).
    """

    def __init__(self) -> None:
        self._last: _Cluster | None = None  # the last row of the page before, if it had rows
        self._header: _Cluster | None = None  # the first row of the table that last ran
        self.dropped: dict[int, list[Line]] = {}  # id of a row → boxes that repeat it

    def place(self, found: list[list[list[Line]]], others: list[list[Line]]) -> list[_Cluster]:
        """The rows of a page (``found``: boxes side by side) with the boxes that continue them."""
        rows: list[_Cluster] = [[list(box) for box in row] for row in found]
        rest = sorted(others, key=lambda b: b[0].top)
        # from the last row up, so that inserting a header leaves the rows above it where they were
        for index in reversed(range(len(rows))):
            floor = max(line.bottom for cell in rows[index - 1] for line in cell) if index else -1.0
            header = self._header_above(rows[index], [box for box in rest if box[0].top >= floor])
            # below another row, a box in one of its columns is that cell's next paragraph
            if header is None or (index and any(_cell_of(rows[index - 1], cell) for cell in header if cell)):
                continue
            rows.insert(index, header)
            rest = [box for box in rest if not any(box[0] is cell[0] for cell in header if cell)]
        carried = self._last  # the row that runs on from the page before, until something else starts
        # the header a browser repeats atop the page: what follows it still continues the row before
        repeated = bool(rows) and carried is not None and _words(rows[0]) == _words(self._header)
        if carried is not None and self._runs_on(rows[int(repeated) :], carried, rest):
            rows.pop(int(repeated))
        tops = [min(cell[0].top for cell in row if cell) for row in rows]
        # the foot of the repeated header: right below it the row before runs on
        floor = max(line.bottom for cell in rows[0] for line in cell) if repeated else 0.0
        # … and the top of the page's text below a header repeated as a lone box (dropped below)
        page_top = min(
            [box[0].top for box in rest if carried is None or not self._repeats_header(box)] + tops,
            default=0.0,
        )
        loose: list[float] = []  # the tops of the boxes no row took: text between tables
        for box in rest:
            at = bisect_right(tops, box[0].top) - 1
            at = -1 if repeated and at == 0 else at
            if at < 0 and carried is not None and self._repeats_header(box):
                assert self._header is not None
                self.dropped.setdefault(id(self._header), []).extend(box)
                continue
            row = rows[at] if at >= 0 else carried
            cell = _cell_of(row, box) if row is not None else None
            # a border atop a box is no sign of a new row right below a repeated header (its lower
            # border) nor atop the page (a browser may draw one where a row breaks)
            opening = box[0].top - (floor if repeated else page_top) > _PADDING
            # … unless it falls in the first column, whose cell ended a sentence, and starts one:
            # right below a repeated header, a row of its own whose upper border is the header's
            # lower one (a row running on goes on in its longer cells, not in its label)
            fresh = (
                repeated
                and cell is not None
                and row is not None
                and cell is row[0]
                and bool(_ENDS_SENTENCE.search(cell[-1].text))
                and box[0].text[:1].isupper()
            )
            if at < 0 and (opening or fresh) and row is not None and cell is not None and box[0].rule_above:
                # a border drawn atop it that is no repeated header's: a new row with this one cell
                # filled (after the repeated header), not the row before running on
                first = int(repeated)
                rows.insert(first, _one_cell_row(row, cell, box))
                tops.insert(first, box[0].top)
                continue
            height = max((line.bottom - line.top for line in cell or ()), default=0.0)
            # (however far below the last row, a box beside a drawn cell border is inside the
            # table: under a border of its own, a row; else the row's cell going on)
            far = at == len(rows) - 1 and box[0].top - cell[-1].bottom > _CELL_GAP * height if cell else True
            if cell is None or (far and not box[0].ruled):
                # text after the table (or below the page's last row, too far from it)
                carried = carried if at >= 0 else None
                loose.append(box[0].top)
                continue
            if at >= 0 and box[0].ruled and box[0].rule_above:
                # a drawn border atop it: a row of its own with this one cell filled ("| Who we
                # are | |"), not the next paragraph of the cell above
                rows.insert(at + 1, _one_cell_row(rows[at], cell, box))
                tops.insert(at + 1, box[0].top)
                continue
            cell.extend(box)
        # a table starts at a row with text above it (or none carried from the page before); its
        # first row is the header a browser repeats when it runs onto the next page
        for index, top in enumerate(tops):
            above = tops[index - 1] if index else -1.0
            if any(above < at < top for at in loose) or (index == 0 and self._last is None):
                self._header = rows[index]
        # a page that held only the row running on (under its repeated header): that row runs on still
        last = carried if not rows or (repeated and len(rows) == 1) else rows[-1]
        below = tops[-1] if rows else -1.0
        self._last = last if last is not None and not any(at > below for at in loose) else None
        return rows

    @staticmethod
    def _runs_on(rows: list[_Cluster], carried: _Cluster, rest: list[list[Line]]) -> bool:
        """Whether a page's first row is the rest of the row the page before ended with: nothing
        stands above it, its first cell goes on mid-sentence (a lower-case start) and each of its
        cells falls in a column of that row. If so, its cells are given to that row's."""
        if not rows:
            return False
        first = rows[0]
        top = min(cell[0].top for cell in first if cell)
        if any(box[0].top < top for box in rest):
            return False
        owners = [_cell_of(carried, cell) if cell else None for cell in first]
        if any(owner is None for owner, cell in zip(owners, first, strict=True) if cell):
            return False
        # cut mid-sentence: its first cell starts in lower case, or another does where the cell above
        # it stopped short of a full stop ("… pay for our" / "Services. We also …" beside "… (DICOM)"
        # / "files, which …"); a cell that ends without a full stop is no sign alone: labels and
        # legal bases often do
        cut = [
            bool(_GOES_ON.match(cell[0].text)) and not _ENDS_SENTENCE.search(owner[-1].text)
            for owner, cell in zip(owners, first, strict=True)
            if cell and owner
        ]
        start = next((cell[0].text for cell in first if cell), "")
        # in a ruled table a row that runs onto a page has no border atop it there (CSS
        # box-decoration-break: slice, the default): the border says what the words cannot
        open_top = all(cell[0].ruled and not cell[0].rule_above for cell in first if cell)
        # … and a row with its label column empty goes on in its longer cells ("| | … Odpowiedzialnością
        # | Warsaw, … |" under the header a browser repeats, whose lower border stands atop it)
        unlabelled = bool(carried[0]) and owners[0] is not carried[0]
        # … and a row whose label column goes on a list ("This is how we:" / "* Personalise …"): a
        # label is no list item, the rest of a cell that held items or announced them is
        label = next(((owner, cell) for owner, cell in zip(owners, first, strict=True) if cell), None)
        listing = label is not None and label[1] is first[0] and _goes_on_a_list(label[0], label[1])
        if not _GOES_ON.match(start) and not any(cut) and not open_top and not unlabelled and not listing:
            return False
        if len({id(owner) for owner in owners if owner is not None}) < len([cell for cell in first if cell]):
            return False
        for owner, cell in zip(owners, first, strict=True):
            if owner is not None:
                owner.extend(cell)
        return True

    def _header_above(self, first: _Cluster, rest: list[list[Line]]) -> _Cluster | None:
        """A lone bold box right above a row, within its columns: the header row of the table the
        row starts (the page's first, or one after text between tables)."""
        top = min(cell[0].top for cell in first if cell)
        spans = [(min(line.x0 for line in cell), max(line.x1 for line in cell)) for cell in first if cell]
        height = max(line.bottom - line.top for cell in first for line in cell)
        above = [box for box in rest if box[-1].bottom <= top and top - box[-1].bottom <= _CELL_GAP * height]
        if len(above) != 1 or not all(line.bold for line in above[0]):
            return None
        box = above[0]
        if all(line.bold for cell in first for line in cell):
            return None  # the row is the table's own header (bold cells): the bold box is a heading
        drawn = any(cell[0].ruled or cell[0].rule_above for cell in first if cell)
        if drawn and not any(line.ruled or line.rule_above for line in box):
            return None  # outside the borders drawn round the table's cells: a heading above it
        middle = (min(line.x0 for line in box) + max(line.x1 for line in box)) / 2
        starts = [left for left, _ in spans]
        column = bisect_right(starts, middle) - 1
        if column < 0 or max(line.x1 for line in box) > spans[-1][1] + _COLUMN_TOLERANCE:
            return None
        return [list(box) if index == column else [] for index in range(len(first))]

    def _repeats_header(self, box: list[Line]) -> bool:
        words = " ".join(line.text for line in box)
        return self._header is not None and any(
            cell and words == " ".join(line.text for line in cell[: len(box)]) for cell in self._header
        )


_ENDS_SENTENCE = lazy(r"[.!?:;]\W*$")
# A cell's text that goes on a sentence: a lower-case word, not an address or a name written in
# lower case ("local.representative@example.com", "www.example.com" open a row of their own)
_GOES_ON = lazy(r"[a-z][a-z'’-]*(?=[\s,;:)]|$)")


def _goes_on_a_list(owner: list[Line] | None, cell: list[Line]) -> bool:
    """Whether ``cell`` opens with a list item that continues ``owner``'s items or the list it announced."""
    if owner is None or not _is_item(cell[0]):
        return False
    return owner[-1].text.rstrip().endswith(":") or any(_is_item(line) for line in owner)


def _is_item(line: Line) -> bool:
    return line.bulleted or bool(_DASH_START.match(line.text))


def _one_cell_row(row: _Cluster, cell: list[Line], box: list[Line]) -> _Cluster:
    """A row shaped like ``row`` with only ``box`` in the column of its ``cell``: "| Who we are | |"."""
    return [list(box) if other is cell else [] for other in row]


def _words(row: _Cluster | None) -> list[str]:
    return [" ".join(line.text for line in cell) for cell in row or []]


def _cell_of(row: _Cluster, box: list[Line]) -> list[Line] | None:
    """The cell of ``row`` whose column ``box`` starts in, if any."""
    left = min(line.x0 for line in box)
    return next(
        (cell for cell in row if cell and abs(min(line.x0 for line in cell) - left) <= _COLUMN_TOLERANCE),
        None,
    )


def _opens_row(cluster: list[list[Line]]) -> bool:
    """Boxes side by side in a ruled table open a row only under a drawn border: without one they
    are further paragraphs of the row's cells that happen to start level."""
    return not all(box[0].ruled for box in cluster) or any(box[0].rule_above for box in cluster)


def _is_row(cluster: list[list[Line]]) -> bool:
    if len(cluster) < 2 or any(len(box) > _CELL_LINES for box in cluster):
        return False
    spans = sorted((min(line.x0 for line in box), max(line.x1 for line in box)) for box in cluster)
    return all(left[1] <= right[0] for left, right in zip(spans, spans[1:], strict=False))


_BOX_SPLIT = 1000  # box numbers given to the second part of a text box split apart


def _bold_apart(page: list[Line]) -> list[Line]:
    """A text box whose bold lines are followed, after a gap, by regular ones, or whose lines a drawn
    cell border parts, is two boxes: a table's header cell the browser repeats atop a page and the
    cell text that runs on below it, which the layout analysis joined."""
    out: list[Line] = []
    for line in page:
        before = out[-1] if out else None
        if (
            before is not None
            and before.box % _BOX_SPLIT == line.box % _BOX_SPLIT
            and (
                before.bold
                and not line.bold
                and line.top - before.bottom > 0.3 * (before.bottom - before.top)
                or line.border_before  # a drawn cell border between them
            )
        ):
            line = replace(line, box=line.box + _BOX_SPLIT)
        elif before is not None and before.box % _BOX_SPLIT == line.box and before.box != line.box:
            line = replace(line, box=before.box)  # the rest of a box already split
        out.append(line)
    return out


_LONE_MARKER = lazy(r"\(?(?:\d{1,3}|[a-z]{1,3})[.)]")


def _with_markers(lines: list[Line]) -> tuple[list[Line], set[int]]:
    """A list number printed as a box of its own ("1." left of its item's first line, as browsers
    lay out an ordered item) is written before that line: "1. - item" for a bulleted item in a
    numbered one, as Markdown writes "1. * item". Also the ids of the lines that start an item so."""
    starts = {(line.page, line.box): line for line in reversed(lines)}  # each box's first line
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    markers: dict[int, Line] = {}  # id of an item's first line → the number beside it
    for line in lines:
        if not _LONE_MARKER.fullmatch(line.text) or starts.get((line.page, line.box)) is not line:
            continue
        item = next(
            (
                other
                for other in by_page[line.page]
                if other is not line
                and abs(other.top - line.top) <= _ROW_TOLERANCE
                and 0 <= other.x0 - line.x1 < 4 * max(line.size, 1.0)
            ),
            None,
        )
        if item is not None:
            markers[id(item)] = line
    dropped = {id(marker) for marker in markers.values()}
    out, numbered = [], set()
    for line in lines:
        if id(line) in dropped:
            continue
        marker = markers.get(id(line))
        if marker is not None:
            text = f"{marker.text} - {line.text}" if line.bulleted else f"{marker.text} {line.text}"
            line = replace(line, text=text, bulleted=False, x0=marker.x0)
            numbered.add(id(line))
        out.append(line)
    return out, numbered


def _dash_items(lines: list[Line]) -> list[Line]:
    """Lines that start with "- " or "* " where an item can start (after a sentence ended, another
    item, a new box, a line that ended short of its box's widest line by more than a space and the
    marker: a line break, not a wrap, or in an item that started with the same marker) are list
    items; a dash that wrapped onto a line's start is text."""
    rights: dict[tuple[int, int], float] = {}
    for line in lines:
        rights[line.box, line.page] = max(line.x1, rights.get((line.box, line.page), line.x1))
    out: list[Line] = []
    markers: dict[tuple[int, int], str] = {}  # the marker of the last item of each box
    for line in lines:
        previous = out[-1] if out else None
        can_start = (
            previous is None
            or previous.bulleted
            or (previous.box, previous.page) != (line.box, line.page)
            or previous.text.rstrip().endswith((".", ":", ";", "!", "?"))
            # the marker would have fit after the line before: a line break, not a wrap
            or _broke(previous, line, rights[line.box, line.page])
            # the marker of the item this line would end: the list's next item
            or markers.get((line.box, line.page)) == line.text[:1]
        )
        if not line.bulleted and can_start and _DASH_START.match(line.text):
            line = replace(line, text=_DASH_START.sub("", line.text), bulleted=True, marker=line.text[0])
        if line.bulleted:
            markers[line.box, line.page] = line.marker
        out.append(line)
    return out


_NUMBER_START = lazy(r"\(?(\d{1,3})[.)]\s+\S")


def _numbered_items(lines: list[Line]) -> set[int]:
    """The ids of lines that start a numbered item printed in its item's own line ("1. Denying …",
    then "2. Charging …" in the same text box, as a browser prints an ordered list): the number
    follows the box's last item's, and the line before ended a sentence or broke short."""
    rights: dict[tuple[int, int], float] = {}
    for line in lines:
        rights[line.box, line.page] = max(line.x1, rights.get((line.box, line.page), line.x1))
    found: set[int] = set()
    last: dict[tuple[int, int], int] = {}  # the number of the last item of each box
    previous: Line | None = None
    for line in lines:
        start = _NUMBER_START.match(line.text)
        if (
            start is not None
            and previous is not None
            and (previous.box, previous.page) == (line.box, line.page)
        ):
            number = int(start.group(1))
            ended = previous.text.rstrip().endswith((".", ":", ";", "!", "?")) or _broke(
                previous, line, rights[line.box, line.page]
            )
            # … or that stands out left of the line before, as an item's number hangs ("20. To send
            # …" under the indented paragraph that ended item 19)
            outdented = line.x0 < previous.x0 - 4
            if ended and (last.get((line.box, line.page)) == number - 1 or outdented):
                found.add(id(line))
        if start is not None:
            last[line.box, line.page] = int(start.group(1))
        previous = line
    return found


def _hangs(current: list[str], previous: Line, line: Line) -> bool:
    """The next line of a numbered or bulleted item set with a hanging indent: its marker stands
    left of the text, so the layout puts the lines after the first in a box of their own."""
    return (
        bool(current)
        and bool(_MARKER.match(current[0].lstrip()))
        and line.page == previous.page
        and previous.x0 < line.x0 < previous.x0 + 40
        and line.top - previous.bottom < 0.6 * max(previous.size, 1.0)
    )


def _item_goes_on(previous: Line, line: Line, body_left: float, right: float) -> bool:
    """A list item broken by a page break after a sentence: the page's last line is full (its
    sentence ended as the line did), and the next page's first line stands at the item's text,
    indented from where the body's paragraphs start (a second paragraph of the item is a block
    of its own, as in Markdown)."""
    return (
        line.page == previous.page + 1
        and previous.x1 > right - 0.15 * (right - previous.x0)
        and abs(line.x0 - previous.x0) < 4
        and line.x0 > body_left + 4
        and not line.bulleted
        and not _MARKER.match(line.text)
    )


def _runs_on(previous: Line, line: Line, right: float) -> bool:
    """A block broken by a page break: the last line of a page is full, with no end to its
    sentence, and the next page's first line goes on at the same indentation."""
    return (
        line.page == previous.page + 1
        and previous.x1 > right - 0.15 * (right - previous.x0)
        and not previous.text.rstrip().endswith((".", "!", "?", ":", ";"))
        and abs(line.x0 - previous.x0) < 4
    )


def _run_in_leads(lines: list[Line]) -> set[int]:
    """The bold lines that begin a paragraph's run-in bold lead: the lead ends on a later line of
    the same box, which starts bold and goes on in regular type ("**With providers of services you
    bought through** / **Nord.** When you purchase …"). They are the paragraph's, not headings."""
    found: set[int] = set()
    chain: list[Line] = []
    for line, after in zip(lines, lines[1:], strict=False):
        if not line.bold or (after.box, after.page) != (line.box, line.page):
            chain = []
            continue
        chain.append(line)
        if not after.bold and after.bold_start:
            found.update(id(bold) for bold in chain)
            chain = []
    return found


def _bold_heading(line: Line, previous: Line | None, box_lines: Counter[tuple[int, int]]) -> bool:
    """A short line wholly in bold at the body size, alone in its box: a heading set in bold."""
    if not line.bold or line.bulleted or len(line.text.split()) > _BOLD_HEADING_WORDS:
        return False
    if line.text.rstrip().endswith((".", ",", ";")):
        return False
    if box_lines[line.box, line.page] == 1 or previous is None:
        return True
    # the first line of its box, or the first after a sentence ended
    return (previous.box, previous.page) != (line.box, line.page) or previous.text.rstrip().endswith(
        (".", ":", ";", "!", "?")
    )


def _joined(lines: list[str], words: frozenset[str] | set[str] = frozenset()) -> str:
    """A block's lines as one paragraph. A line ending in a hyphen goes on without a space: the
    hyphen is kept ("in-" "meeting"), unless the word without it is one the document uses
    elsewhere and the hyphenated one is not ("infor-" "mation": hyphenation only a layout made;
    "add-" "ons" where the document writes "add-ons" too)."""
    text = lines[0]
    for line in lines[1:]:
        end = re.search(r"(\w+)-$", text)
        if end is None:
            # a browser may wrap between "]" and "(" with no space there (UAX #14 breaks between a
            # closing and an opening bracket): a link written out as text, "[words](#target)"
            glue = "" if text.endswith("]") and line.startswith("(") else " "
            text = f"{text}{glue}{line}"
            continue
        start = re.match(r"\w+", line)
        after = start.group() if start else ""
        # a layout's hyphenation leaves at least two letters before the break and three after it
        joined, compound = (end.group(1) + after).casefold(), f"{end.group(1)}-{after}".casefold()
        made = len(end.group(1)) >= 2 and len(after) >= 3 and joined in words and compound not in words
        text = text[:-1] + line if line[:1].islower() and made else text + line
    return text


def _same_heading(heading: Line, line: Line) -> bool:
    """The next line of a heading that wraps: set alike, in the same box, right below it."""
    return (
        (heading.box, heading.page) == (line.box, line.page)
        and abs(heading.size - line.size) < 0.5
        and heading.bold == line.bold
        and line.top - heading.bottom < heading.size
    )


def _without_running_lines(
    pages: list[list[Line]],
    in_rows: Collection[tuple[int, int]] = (),
) -> list[list[Line]]:
    """The pages without their page numbers and the lines that repeat at the top or bottom of most.

    A running line (a header or footer, its page number aside) stands in the top or bottom tenth
    of a page that has text besides it, on at least half of three or more pages, in no table row
    (``in_rows``: (page, box)). A page number stands alone as a page's first or last line, with no
    bullet beside it.
    """

    def zone(line: Line) -> bool:
        height = line.page_height
        return line.top < height * _MARGIN_ZONE or line.bottom > height * (1 - _MARGIN_ZONE)

    def key(line: Line) -> tuple[str, int]:
        # (where it stands too: a running line is printed at one height on every page; the same
        # short item of a long list falls in the margins at any height)
        return _DIGITS.sub("#", line.text.casefold()), round(line.top / _RUNNING_DRIFT)

    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        edges = {key(line) for line in page if zone(line)}
        if len(edges) < len({key(line) for line in page}):  # the page has body text too
            seen.update(edges)
    running = {text for text, count in seen.items() if len(pages) >= 3 and count >= 0.5 * len(pages)}
    kept = []
    for page in pages:
        page = [
            line
            for line in page
            if not (zone(line) and key(line) in running and (line.page, line.box) not in in_rows)
        ]
        # a number with a bullet beside it is a list item ("• 0" votes), never a page number
        while page and _PAGE_NUMBER.match(page[-1].text) and not page[-1].bulleted:
            page.pop()
        while page and _PAGE_NUMBER.match(page[0].text) and not page[0].bulleted:
            page.pop(0)
        kept.append(page)
    return kept


def _walk(item: Any) -> Iterator[Any]:
    yield item
    try:
        children = list(item)
    except TypeError:
        return
    for child in children:
        yield from _walk(child)
