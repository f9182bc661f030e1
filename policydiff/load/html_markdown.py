"""An HTML element to Markdown-like text that keeps the structure segmenting needs.

Headings become ``#`` lines, paragraphs and ``div``s blocks separated by blank lines, lists
``-``/``1.`` lines indented two spaces per level, tables pipe rows, ``dl`` entries
``Term: definition``. Link targets stay (``[text](href)``): ``text.fold`` ignores them,
a lawyer reading the redline does not. Nothing is escaped but pipes inside table cells,
so that the text compares as it reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from policydiff.lazy_re import lazy
from policydiff.load.base import cell_lines
from policydiff.load.markdown import labelled_by_itself

DEEP_TEXT = "policydiff-deep-text"
"""The text of elements nested too deep to build (``html_parse``): one line per block they held."""
_HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}
_LISTS = frozenset({"ul", "ol", "menu"})
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header",
        "hgroup", "hr", "html", "legend", "li", "main", "nav", "p", "pre", "search", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    }
    | _HEADING_LEVELS.keys()
    | _LISTS
    | {DEEP_TEXT}
)  # fmt: skip
TRANSPARENT = frozenset({"object", "noscript", "video", "audio", "canvas", "applet"})
"""Fallback containers: their text is read in place, as if they were not there.

A browser shows it where the plugin, script or medium is missing, and an unclosed one holds the
rest of the page: dropping them would drop policy text.
"""
_HTML_SPACE = lazy(r"[ \t\n\r\f]+")  # not \s: a no-break space is the author's, normalise decides
_CELLS = ("td", "th", DEEP_TEXT)  # DEEP_TEXT: what was too deep to build in a row reads as a cell
_MAX_INDENT = 16  # list levels; a page nesting lists deeper (unclosed <ul>s) gains nothing but width
_UNSAFE_TARGETS = ("javascript:", "vbscript:", "data:")


class _Block(NamedTuple):
    text: str
    indented: bool = False  # a list's lines already carry their own indentation


def to_markdown(root: Tag) -> str:
    """The Markdown-like text of ``root`` and everything inside it."""
    return "\n\n".join(block.text for block in _block(root, depth=0))


def _block(tag: Tag, depth: int) -> list[_Block]:
    """One block-level element, dispatched on its name; ``depth`` is the list nesting level."""
    name = tag.name
    if name in _HEADING_LEVELS:
        text = _one_line(_inline_children(tag, bold=False))
        return [_Block("#" * _HEADING_LEVELS[name] + " " + text)] if text else []
    if name in _LISTS:
        lines = _list_lines(tag, depth)
        return [_Block("\n".join(lines), indented=True)] if lines else []
    if name == "table":
        return _table(tag)
    if name == "dl":
        return _definitions(tag)
    if name == "pre":
        text = tag.get_text().strip("\n")
        return [_Block(text)] if text.strip() else []
    if name == "hr":
        return []
    if name == DEEP_TEXT:
        text = _deep_lines(tag)
        return [_Block(text)] if text else []
    return _blocks(tag, depth)


def _blocks(node: Tag, depth: int) -> list[_Block]:
    """The blocks inside ``node``: runs of inline content become paragraphs."""
    blocks: list[_Block] = []
    inline: list[str] = []

    def flush() -> None:
        text = _paragraph("".join(inline))
        inline.clear()
        if text:
            blocks.append(_Block(text))

    for child in _children(node):
        if isinstance(child, Tag) and child.name in BLOCKS:
            flush()
            blocks.extend(_block(child, depth))
        else:
            inline.append(_inline(child, bold=True))
    flush()
    return blocks


def _children(tag: Tag) -> Iterator[PageElement]:
    """The children of ``tag``, with those of a transparent container in its place."""
    pending = [iter(tag.children)]
    while pending:
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
        elif isinstance(child, Tag) and child.name in TRANSPARENT:
            pending.append(iter(child.children))
        else:
            yield child


def _inline(node: PageElement, *, bold: bool) -> str:
    """Inline text with ``**bold**``, links and ``br`` line breaks; white space collapsed."""
    if isinstance(node, PreformattedString):
        return ""  # comments, CDATA, doctypes, processing instructions
    if isinstance(node, NavigableString):
        return _HTML_SPACE.sub(" ", str(node))
    if not isinstance(node, Tag):
        return ""
    name = node.name
    if name == "br":
        return "\n"
    if name == "img":
        return ""
    if name == DEEP_TEXT:
        return f"\n{_deep_lines(node)}\n"
    strong = name in ("strong", "b") and bold
    inner = _inline_children(node, bold=bold and not strong)
    if name == "a":
        return _link(inner, node.get("href"))
    if strong:
        return _wrap(inner, "**")
    if name in BLOCKS:
        return f"\n{inner}\n"  # a block inside an inline element still starts a line
    return inner


def _deep_lines(tag: Tag) -> str:
    lines = (_one_line(line) for line in tag.get_text().split("\n"))
    return "\n".join(line for line in lines if line)


def _inline_children(tag: Tag, *, bold: bool) -> str:
    parts = []  # a loop, not a generator: one frame less per level of nesting
    for child in tag.children:
        parts.append(_inline(child, bold=bold))
    return "".join(parts)


def _wrap(inner: str, mark: str) -> str:
    """Wrap each line's words in ``mark``; spaces stay outside so words do not glue together."""
    wrapped = []
    for line in inner.split("\n"):
        core = line.strip()
        if not core:
            wrapped.append(line)
            continue
        before = " " if line[:1].isspace() else ""
        after = " " if line[-1:].isspace() else ""
        wrapped.append(f"{before}{mark}{core}{mark}{after}")
    return "\n".join(wrapped)


def _link(inner: str, href: object) -> str:
    core = _one_line(inner)
    if not core:
        return " " if inner.strip(" ") != inner else ""
    target = href.strip() if isinstance(href, str) else ""
    # "#section-3" only points within the page: the text says it all; scripts are no place to go
    if not target or target.startswith("#") or target.lower().startswith(_UNSAFE_TARGETS):
        return inner
    if labelled_by_itself(core, target):
        return inner
    # text.strip_links recognises targets without spaces and with at most one level of parentheses
    target = target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    before = " " if inner[:1].isspace() else ""
    after = " " if inner[-1:].isspace() else ""
    return f"{before}[{core}]({target}){after}"


def _one_line(text: str) -> str:
    return _HTML_SPACE.sub(" ", text).strip()


def _paragraph(raw: str) -> str:
    lines = [_HTML_SPACE.sub(" ", line).strip() for line in raw.split("\n")]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def _flat(tag: Tag) -> str:
    """Everything inside ``tag`` on one line (table cells, definitions)."""
    lines = (line.strip() for block in _blocks(tag, 0) for line in block.text.split("\n"))
    return " ".join(line for line in lines if line)


def _cell(tag: Tag) -> str:
    """A table cell on one line, its line breaks and paragraphs kept as Markdown tables write
    them: ``<br>`` between lines, ``<br><br>`` between paragraphs (and across two breaks in a row)."""
    blocks = (cell_lines(line.strip() for line in block.text.split("\n")) for block in _blocks(tag, 0))
    return "<br><br>".join(block for block in blocks if block)


def _list_items(tag: Tag) -> Iterator[PageElement]:
    for child in _children(tag):
        if isinstance(child, Tag) and child.name != "li" and child.name not in _LISTS and child.find("li"):
            yield from _list_items(child)  # the <div> some frameworks wrap around items
        else:
            yield child


def _list_lines(tag: Tag, depth: int) -> list[str]:
    ordered = tag.name == "ol"
    number = _int_attribute(tag, "start", 1)
    lines: list[str] = []
    for item in _list_items(tag):
        if isinstance(item, Tag) and item.name in _LISTS:
            lines.extend(_list_lines(item, depth + 1))  # a list directly inside a list: invalid, common
        elif isinstance(item, Tag) and item.name == "li":
            number = _int_attribute(item, "value", number)
            marker = f"{number}." if ordered else "-"
            lines.extend(_item_lines(item, marker, depth))
            number += 1
        else:
            text = _one_line(_inline(item, bold=True))
            if text:
                lines.append(_indent(depth) + text)
    return lines


def _item_lines(item: Tag, marker: str, depth: int) -> list[str]:
    indent = _indent(depth)
    lines: list[str] = []
    first = True
    for block in _blocks(item, depth + 1):
        if block.indented:
            nested = block.text.split("\n")
            if first and nested and nested[0].strip():
                # an item that is only a list still shows its number: "1." then the inner bullet
                nested[0] = f"{indent}{marker} {nested[0].strip()}"
                first = False
            lines.extend(nested)
            continue
        if not first and block.text.strip():
            # a second paragraph of the item is a paragraph of its own, as Markdown writes it
            # ("- Title" / blank line / "  Text") and segment reads it, whatever format holds it
            lines.append("")
        for line in block.text.split("\n"):
            if not line.strip():
                continue  # within one paragraph, keep the item tight
            lines.append(f"{indent}{marker} {line}" if first else f"{indent}  {line}")
            first = False
    return lines


def _indent(depth: int) -> str:
    """Two spaces a level, up to ``_MAX_INDENT`` levels: deeper items line up with the deepest."""
    return "  " * min(depth, _MAX_INDENT)


def _int_attribute(tag: Tag, name: str, default: int) -> int:
    value = tag.get(name)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return default


def _table(table: Tag) -> list[_Block]:
    blocks: list[_Block] = []
    caption = table.find("caption", recursive=False)
    if isinstance(caption, Tag) and (text := _flat(caption)):
        blocks.append(_Block(text))
    lines: list[str] = []
    rows = _rows(table)
    for row in rows:
        cells = (
            [row]
            if row.name == DEEP_TEXT
            else [cell for cell in _children(row) if isinstance(cell, Tag) and cell.name in _CELLS]
        )
        texts: list[str] = []
        for cell in cells:
            texts.append(_cell(cell).replace("|", "\\|"))
            texts.extend([""] * (_int_attribute(cell, "colspan", 1) - 1))
        # an empty header row stays, as Markdown and Word write a table whose labels sit in its first
        # body row: the segmenter reads them as its header; other empty rows are spacing
        kept = not lines and len(texts) > 1 and len(rows) > 1 and _is_header(row, cells)
        if not any(texts) and not kept:
            continue
        lines.append("| " + " | ".join(texts) + " |")
        if len(lines) == 1 and _is_header(row, cells):
            lines.append("| " + " | ".join(["---"] * len(texts)) + " |")
    if lines:
        blocks.append(_Block("\n".join(lines)))
    return blocks


def _rows(table: Tag) -> list[Tag]:
    """The rows of ``table`` in order, through ``tbody`` and wrappers, not those of a table nested in it."""
    rows: list[Tag] = []
    pending = [child for child in reversed(table.contents) if isinstance(child, Tag)]
    while pending:
        tag = pending.pop()
        if tag.name in ("tr", DEEP_TEXT):
            rows.append(tag)
        elif tag.name not in ("table", "caption"):
            pending.extend(child for child in reversed(tag.contents) if isinstance(child, Tag))
    return rows


def _is_header(row: Tag, cells: list[Tag]) -> bool:
    parent = row.parent
    in_head = parent is not None and parent.name == "thead"
    return in_head or all(cell.name == "th" for cell in cells)


def _definitions(dl: Tag) -> list[_Block]:
    entries: list[tuple[list[str], list[str]]] = []
    for child in _definition_parts(dl):
        text = _flat(child)
        if not text:
            continue
        if child.name == "dt":
            if entries and not entries[-1][1]:
                entries[-1][0].append(text)  # several terms share the next definition
            else:
                entries.append(([text], []))
        else:
            if not entries:
                entries.append(([], []))
            entries[-1][1].append(text)
    blocks = []
    for terms, definitions in entries:
        term = ", ".join(term.rstrip(":").strip() for term in terms)
        definition = " ".join(definitions)
        blocks.append(_Block(f"{term}: {definition}" if term and definition else term or definition))
    return blocks


def _definition_parts(dl: Tag) -> Iterator[Tag]:
    for child in _children(dl):
        if not isinstance(child, Tag):
            continue
        if child.name in ("dt", "dd", DEEP_TEXT):
            yield child  # DEEP_TEXT: what was too deep to build reads as a definition
        elif child.find(["dt", "dd"]):
            yield from _definition_parts(child)  # <div> groups are allowed inside <dl>
