"""Split a normalised document into a clause tree.

Two passes. ``_blocks`` reads lines into flat blocks (headings, paragraphs, list items,
"Label: text" definitions, table rows). ``_tree`` nests them under their headings with a
stack of numbering *styles*: a heading in a style already open closes back to it (``2.``
after ``1.`` → ``1.1``), a style not yet open nests (``(1)`` under ``2.``), and a Markdown
heading of level k closes everything but Markdown headings above k.

Every non-space character of the text lies in exactly one leaf; list markers and table
pipes belong to their item or row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydiff.lazy_re import lazy
from policydiff.model import Clause, ClauseKind, Document, Outline
from policydiff.text import table_cells

_MD_HEADING = lazy(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = lazy(r"^\s*(?:={3,}|-{3,})\s*$")
_TABLE_ROW = lazy(r"^\s*\|.*\|\s*$")
# "(?:\|\s*)?" and not "\|?\s*": two optional runs of spaces in a row split a long indent in
# quadratically many ways before the match fails
_TABLE_SEPARATOR = lazy(r"^\s*(?:\|\s*)?:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BULLET = lazy(r"^(\s*)([-*+•·▪◦●○■]|\d{1,3}[.)]|\(\d{1,3}\)|\([a-z]\)|[a-z]\)|\([ivx]{1,5}\))\s+(\S.*)$")
_NUMBERED = lazy(
    r"^((?:Section|Article|Part|Chapter|Clause)\s+\d+(?:\.\d+)*[.:]?|\d{1,3}(?:\.\d{1,3})*\.(?!\d)|\d{1,3}(?:\.\d{1,3})+(?!\d)|\(\d{1,3}\)"
    r"|\([a-z]\)|[IVXLC]{1,6}\.|[A-Z]\.)\s*(\S.*)$"
)
_BOLD_HEADING = lazy(r"^(?:\*\*|__)([^*_].*?)(?:\*\*|__):?$")
# the label may be set in bold or italics, or the whole line in italics ("_Last updated: 1 May_"), as a
# web page's reader writes the same line without its italics
_DEFINITION = lazy(r"^([*_]{0,3}[A-Z0-9][^:;.!?\n]{0,70}?[*_]{0,3}):(?!//)\s*(\S.*)$")
_SENTENCE_END = ".;:,!"
MAX_SECTION_DEPTH = 32
"""Sections nest at most this deep: a deeper heading ("1.1.1.…" 500 levels down) opens beside the
deepest section, so that no later stage walking the tree recursively runs out of stack."""


@dataclass(slots=True)
class _Block:
    """A block of the text being segmented: its kind, span and list label."""

    kind: ClauseKind
    start: int
    end: int
    label: str | None = None
    style: str = ""  # headings: the numbering style; items: "" (unused)
    level: int = 0  # Markdown heading level; 0 for other styles
    title: str = ""  # headings: the heading text as shown
    context: str | None = None


@dataclass(slots=True)
class _Section:
    """A section open while segmenting: its heading style, level, path and trail."""

    style: str
    level: int
    path: str
    trail: tuple[str, ...]
    label: str | None
    children: list[Clause | _Section] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)


def segment(document: Document) -> Outline:
    """Build the clause tree of a document."""
    blocks = _blocks(document.text, plain=document.format in ("text", "pdf"))
    return Outline(document, _tree(document.text, blocks))


# ---------------------------------------------------------------- pass 1: lines → blocks


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    position = 0
    for line in text.split("\n"):
        out.append((position, line))
        position += len(line) + 1
    return out


def _span(offset: int, line: str) -> tuple[int, int]:
    """The span of a line without its leading and trailing white space."""
    stripped = line.lstrip()
    start = offset + len(line) - len(stripped)
    return start, start + len(stripped.rstrip())


def _numbering_style(label: str) -> str:
    if label[0].isdigit():
        return f"num{label.rstrip('.').count('.') + 1}"
    if label.startswith("("):
        return "paren-num" if label[1].isdigit() else "paren-alpha"
    if label[0] in "IVXLC" and label.endswith(".") and len(label) > 1 and label[-2] in "IVXLC":
        return "roman"
    if label[0].isupper() and len(label) == 2 and label.endswith("."):
        return "alpha-upper"
    return "word-" + label.split()[0].lower()  # Section / Article / Part …


def _looks_like_heading(rest: str) -> bool:
    words = rest.split()
    if not words or len(words) > 14 or len(rest) > 110:
        return False
    if rest[-1] in _SENTENCE_END and not rest.endswith("..."):
        return False
    first = words[0].lstrip("*_\"'")
    return bool(first) and (first[0].isupper() or first[0].isdigit())


def _same_family(label: str, other: str) -> bool:
    return _numbering_style(label) == _numbering_style(other)


def _next_content(lines: list[tuple[int, str]], index: int) -> str:
    for _, line in lines[index + 1 :]:
        if line.strip():
            return line.strip()
    return ""


def _heading_block(start: int, end: int, label: str | None, style: str, level: int, title: str) -> _Block:
    return _Block(ClauseKind.HEADING, start, end, label=label, style=style, level=level, title=title)


def _strip_emphasis(text: str) -> str:
    return text.replace("**", "").replace("__", "").strip()


@dataclass(slots=True)
class _Reader:
    """Pass 1 under way: the blocks so far and the paragraph, definition or item that may go on."""

    text: str
    lines: list[tuple[int, str]]
    plain: bool
    blocks: list[_Block] = field(default_factory=list)
    open_block: _Block | None = None
    open_indent: int = 0

    def close(self, block: _Block | None = None) -> None:
        """End the open block, adding ``block`` (a heading) after it: nothing goes on across either."""
        if block is not None:
            self.blocks.append(block)
        self.open_block = None

    def open(self, block: _Block, indent: int) -> None:
        """Add a block the next lines may continue."""
        self.blocks.append(block)
        self.open_block, self.open_indent = block, indent


def _blocks(text: str, *, plain: bool) -> list[_Block]:
    reader = _Reader(text, _lines(text), plain)
    index = 0
    while index < len(reader.lines):
        index = _read(reader, index)
    return reader.blocks


def _read(reader: _Reader, index: int) -> int:
    """Read the block at line ``index`` (a setext heading or a table takes more lines); the next index."""
    offset, line = reader.lines[index]
    stripped = line.strip()
    if not stripped:
        reader.close()
        return index + 1
    start, end = _span(offset, line)
    marked = _markdown_heading(reader.lines, index, stripped, start, end)
    if marked is not None:
        reader.close(marked[0])
        return index + marked[1]
    if _TABLE_ROW.match(line) or (_TABLE_SEPARATOR.match(line) and "|" in line):
        reader.close()
        return _table(reader.lines, index, reader.blocks)
    _read_line(reader, index, start, end)
    return index + 1


def _markdown_heading(
    lines: list[tuple[int, str]], index: int, stripped: str, start: int, end: int
) -> tuple[_Block, int] | None:
    """A ``#`` heading or an underlined (setext) one at line ``index``, and how many lines it takes."""
    heading = _MD_HEADING.match(stripped)
    if heading:
        level = len(heading.group(1))
        title = _strip_emphasis(heading.group(2)).replace("\\.", ".")
        return _heading_block(start, end, _heading_label(title), f"md{level}", level, title), 1
    if index + 1 < len(lines) and _SETEXT.match(lines[index + 1][1]) and not _BULLET.match(lines[index][1]):
        level = 1 if lines[index + 1][1].strip()[0] == "=" else 2
        title = _strip_emphasis(stripped)
        underline_end = _span(*lines[index + 1])[1]
        return _heading_block(start, underline_end, _heading_label(title), f"md{level}", level, title), 2
    return None


def _heading_label(title: str) -> str | None:
    """The number a Markdown heading's title starts with ("2.", "Section 3"), if it reads as one."""
    numbered = _NUMBERED.match(title)
    return numbered.group(1) if numbered and _looks_like_heading(numbered.group(2)) else None


def _read_line(reader: _Reader, index: int, start: int, end: int) -> None:
    """A one-line block: a numbered or bold heading, a list item, more of the open block, or a paragraph."""
    line = reader.lines[index][1]
    stripped = line.strip()
    heading = _numbered_heading(reader, index, stripped, start, end)
    bullet = _BULLET.match(line) if heading is None else None
    if heading is None and bullet is None:
        heading = _bold_heading(stripped, start, end)
    if heading is not None:
        reader.close(heading)
    elif bullet is not None:
        kind = ClauseKind.DEFINITION if _is_definition(bullet.group(3)) else ClauseKind.ITEM
        context = _lead_in(reader.blocks, reader.text)
        reader.open(_Block(kind, start, end, label=bullet.group(2), context=context), len(bullet.group(1)))
    elif reader.open_block is not None and _continues(
        reader.open_block, line, reader.text, plain=reader.plain, indent=reader.open_indent
    ):
        reader.open_block.end = end
    else:
        kind = ClauseKind.DEFINITION if _is_definition(stripped) else ClauseKind.PARAGRAPH
        reader.open(_Block(kind, start, end), 0)


def _numbered_heading(reader: _Reader, index: int, stripped: str, start: int, end: int) -> _Block | None:
    """ "2. Sharing", "Section 3: Cookies": a short numbered line that is neither in nor ending a list."""
    numbered = _NUMBERED.match(stripped)
    if (
        numbered
        and _looks_like_heading(numbered.group(2))
        and not _is_list_run(reader.lines, index, numbered.group(1))
        and not _ends_list(reader.blocks, numbered.group(1))
    ):
        label = numbered.group(1)
        return _heading_block(start, end, label, _numbering_style(label), 0, _strip_emphasis(stripped))
    return None


def _bold_heading(stripped: str, start: int, end: int) -> _Block | None:
    """A line in bold alone ("**Cookies**") that reads as a heading."""
    bold = _BOLD_HEADING.match(stripped)
    if bold and _looks_like_heading(bold.group(1).rstrip(":")) and len(bold.group(1).split()) <= 12:
        return _heading_block(start, end, None, "bold", 0, _strip_emphasis(stripped).rstrip(":"))
    return None


def _is_definition(body: str) -> bool:
    """ "Label: text" or "Label:text" with a short label (a sentence with a colon is not one)."""
    match = _DEFINITION.match(body)
    return bool(match) and len(match.group(1).split()) <= 8  # type: ignore[union-attr]


def _lead_in(blocks: list[_Block], text: str) -> str | None:
    """The paragraph a list hangs from ("We do not share:"), which colours how it is read."""
    if not blocks:
        return None
    last = blocks[-1]
    if last.kind in (ClauseKind.ITEM, ClauseKind.DEFINITION) and last.label is not None:
        return last.context
    if last.kind in (ClauseKind.PARAGRAPH, ClauseKind.DEFINITION):
        body = text[last.start : last.end]
        return body if body.rstrip().endswith(":") else None
    return None


def _continues(block: _Block, line: str, text: str, *, plain: bool, indent: int) -> bool:
    if block.label is not None:
        # an indented line under a list item continues it; so does a lazy line in Markdown
        return (len(line) - len(line.lstrip()) > indent) or not plain
    if plain:
        # one line, one paragraph — unless the line was hard-wrapped mid-sentence
        last = _last_visible(text, block.start, block.end)
        return bool(last) and last not in ".:;!?\"')" and line.lstrip()[:1].islower()
    return True


def _last_visible(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end]`` that is not white space ("" if none), without copying it."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[end - 1] if end > start else ""


def _is_list_run(lines: list[tuple[int, str]], index: int, label: str) -> bool:
    """A short numbered line followed at once by a sibling number is a list item, not a heading."""
    match = _NUMBERED.match(_next_content(lines, index))
    return bool(match) and _same_family(label, match.group(1))  # type: ignore[union-attr]


def _ends_list(blocks: list[_Block], label: str) -> bool:
    """A short numbered line right after the item before it ("3." after "2.") is the list's last item."""
    previous = blocks[-1] if blocks else None
    if (
        previous is None
        or previous.kind not in (ClauseKind.ITEM, ClauseKind.DEFINITION)
        or not previous.label
    ):
        return False
    return _same_family(previous.label, label) and _number(label) == _number(previous.label) + 1


def _number(label: str) -> int:
    digits = re.findall(r"\d+", label)
    if digits:
        return int(digits[-1])
    letter = re.fullmatch(r"\(([a-z])\)", label)
    return ord(letter.group(1)) if letter else -2


def _table(lines: list[tuple[int, str]], index: int, blocks: list[_Block]) -> int:
    """Read a run of table lines into row blocks; the separator joins the header row."""
    rows: list[tuple[int, int, str]] = []
    while index < len(lines):
        offset, line = lines[index]
        if not line.strip() or not (_TABLE_ROW.match(line) or _TABLE_SEPARATOR.match(line) and "|" in line):
            break
        start, end = _span(offset, line)
        rows.append((start, end, line.strip()))
        index += 1
    header: str | None = None
    position = 0
    if len(rows) >= 2 and _TABLE_SEPARATOR.match(rows[1][2]) and not _TABLE_SEPARATOR.match(rows[0][2]):
        # a header row of empty cells (a page's table whose labels sit in its first body row, as
        # converters write one): the first row below it is the header, as Word and PDFs read it
        labels = 2 if not any(table_cells(rows[0][2])) and len(rows) >= 3 and _labels(rows[2][2]) else 0
        header = " | ".join(table_cells(rows[labels][2]))
        last = max(labels, 1)
        blocks.append(_Block(ClauseKind.ROW, rows[0][0], rows[last][1], label="header", context=None))
        position = last + 1
    for start, end, _ in rows[position:]:
        blocks.append(_Block(ClauseKind.ROW, start, end, context=header))
    return index


def _labels(row: str) -> bool:
    """A row of labels: each of its filled cells wholly bold ("| **Category** | **Sold** |"); a row
    of a key and its value ("| Name | Brevo |") is data."""
    filled = [cell for cell in table_cells(row) if cell]
    return bool(filled) and all(_BOLD_CELL.fullmatch(cell) for cell in filled)


_BOLD_CELL = lazy(r"(?:\*\*|__)[^*_].*(?:\*\*|__)")


# ---------------------------------------------------------------- pass 2: blocks → tree

_SEGMENT_PREFIX = {
    ClauseKind.PARAGRAPH: "p",
    ClauseKind.ITEM: "b",
    ClauseKind.DEFINITION: "d",
    ClauseKind.ROW: "r",
}


def _segment_name(section: _Section, wanted: str) -> str:
    name = wanted
    repeat = 1
    while name in section.used:
        repeat += 1
        name = f"{wanted}~{repeat}"
    section.used.add(name)
    return name


def _ordinal(section: _Section, prefix: str) -> str:
    section.counters[prefix] = section.counters.get(prefix, 0) + 1
    return _segment_name(section, f"{prefix}{section.counters[prefix]}")


def _join(parent: str, name: str) -> str:
    return f"{parent}.{name}" if parent else name


def _label_segment(label: str) -> str:
    label = label.rstrip(".:")
    if " " in label:  # "Section 2" → "2"
        label = label.split()[-1]
    return label.split(".")[-1] if label[0].isdigit() else label


def _title(blocks: list[_Block]) -> _Block | None:
    """A lone level-1 heading before every other heading is the document's title, not a section.

    Nesting the whole policy under its title would prefix every path and put the title in
    every heading trail, so an HTML page and a plain-text copy of it would never line up.
    """
    headings = [b for b in blocks if b.kind is ClauseKind.HEADING]
    level_one = [b for b in headings if b.style == "md1"]
    if len(level_one) == 1 and headings[0] is level_one[0]:
        return level_one[0]
    return None


def _tree(text: str, blocks: list[_Block]) -> tuple[Clause, ...]:
    root = _Section("root", 0, "", (), None)
    stack = [root]
    title = _title(blocks)
    for block in blocks:
        if block is title:
            name = _segment_name(root, "title")
            root.children.append(
                Clause(name, ClauseKind.HEADING, block.start, block.end, text[block.start : block.end])
            )
        elif block.kind is ClauseKind.HEADING:
            _open_section(stack, block, text)
        else:
            stack[-1].children.append(_leaf(stack[-1], block, text))
    return tuple(_freeze(child, text) for child in root.children)


def _open_section(stack: list[_Section], block: _Block, text: str) -> None:
    """Close the sections a heading ends, then open its own, its heading as the first leaf."""
    _close_for(stack, block)
    del stack[MAX_SECTION_DEPTH:]  # stack[0] is the root
    parent = stack[-1]
    wanted = _label_segment(block.label) if block.label else None
    name = _segment_name(parent, wanted) if wanted else _ordinal(parent, "s")
    section = _Section(
        block.style, block.level, _join(parent.path, name), (*parent.trail, block.title), block.label
    )
    heading_leaf = Clause(
        path=_join(section.path, "h"),
        kind=ClauseKind.HEADING,
        start=block.start,
        end=block.end,
        text=text[block.start : block.end],
        heading=section.trail,
        label=block.label,
    )
    section.used.add("h")
    section.children.append(heading_leaf)
    parent.children.append(section)
    stack.append(section)


def _leaf(parent: _Section, block: _Block, text: str) -> Clause:
    """A paragraph, item, definition or row of ``parent``, named by its kind's counter."""
    if block.label == "header":
        name = _segment_name(parent, "r0")
    else:
        # bullets share one counter whether or not they read "Label: text" (5.(1).b2)
        name = _ordinal(parent, "b" if block.label is not None else _SEGMENT_PREFIX[block.kind])
    return Clause(
        path=_join(parent.path, name),
        kind=block.kind,
        start=block.start,
        end=block.end,
        text=text[block.start : block.end],
        heading=parent.trail,
        label=block.label if block.label != "header" else None,
        context=block.context,
    )


def _close_for(stack: list[_Section], block: _Block) -> None:
    if block.style.startswith("md"):
        while len(stack) > 1 and not (stack[-1].style.startswith("md") and stack[-1].level < block.level):
            stack.pop()
        return
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth].style == block.style:
            del stack[depth:]
            return


def _freeze(node: Clause | _Section, text: str) -> Clause:
    if isinstance(node, Clause):
        return node
    children = tuple(_freeze(child, text) for child in node.children)
    start, end = children[0].start, children[-1].end
    return Clause(
        path=node.path,
        kind=ClauseKind.SECTION,
        start=start,
        end=end,
        text=text[start:end],
        heading=node.trail,
        label=node.label,
        children=children,
    )
