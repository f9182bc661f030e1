"""One policy in the formats users hold it in: Markdown rendered to a web page (with the page's
chrome around it), a Word file (python-docx) and a PDF (Chromium's print-to-PDF of the page).

Used by tests/test_format_matrix.py and benchmarks/formats.py: the same words in any two of these
formats must read as the same clauses.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

CHROME_BEFORE = (
    "<header><nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav></header>"
    "<div class='cookie-banner'>We use cookies. <button>Accept</button></div>"
)
CHROME_AFTER = "<footer><p>© 2026 Example</p><a href='/imprint'>Imprint</a></footer>"
# tables as documents set them: ruled cells with padding (text in cells never runs together); code
# blocks wrapped
PRINT_STYLE = (
    "table { border-collapse: collapse } td, th { border: 1px solid #888; padding: 4px 10px;"
    " vertical-align: top }"
    # a code block (Markdown's indented lines) wraps as a print stylesheet makes it: unwrapped, its
    # lines run off the page and the PDF holds fewer words than the page
    " pre { white-space: pre-wrap }"
    # a wide table fits the page as a print stylesheet makes it: at its natural width a table of six
    # columns runs off the paper and its last column is not printed at all
    " table:has(th:nth-child(6)) { font-size: 7pt } table:has(th:nth-child(6)) td,"
    " table:has(th:nth-child(6)) th { padding: 2px 4px }"
)


_IMAGE_SOURCE = re.compile(r'(<img\b[^<>]*?)\bsrc="[^"]*"')
_BLANK_GIF = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def to_html(source: str) -> str:
    """The policy as a site serves it: navigation, a cookie banner and a footer around ``<main>``."""
    body = _markdown().render(source)
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Privacy</title></head><body>"
        f"{CHROME_BEFORE}<main>{body}</main>{CHROME_AFTER}</body></html>"
    )


def to_pdf(source: str, path: Path) -> None:
    """The policy printed to PDF by headless Chromium (Debian's ``chromium``)."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "policy.html"
        page.write_text(
            f"<!doctype html><html><head><meta charset='utf-8'><style>{PRINT_STYLE}</style></head>"
            f"<body>{_loaded_images(_markdown().render(source))}</body></html>",
            encoding="utf-8",
        )
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={path}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def _loaded_images(html: str) -> str:
    """The page with every image loaded, as it prints when published: Chromium prints a broken
    image's alt text as words, and tests never fetch the real one, so a blank image stands in."""
    return _IMAGE_SOURCE.sub(rf'\1src="{_BLANK_GIF}"', html)


def to_docx(source: str, path: Path) -> None:
    """The policy as a Word draft: heading styles, list styles (numbers written out), tables."""
    import docx

    document = docx.Document()
    tokens = _markdown().parse(source)
    lists: list[tuple[str, list[int]]] = []  # (style, [next number]) per open list; [] for bullets
    pending: list[str] = []
    opened: list[bool] = []  # per open list item: whether its first paragraph is written
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            paragraph = document.add_paragraph(style=f"Heading {min(int(token.tag[1]), 9)}")
            _runs(paragraph, tokens[index + 1].children)
            index += 3
            continue
        if token.type == "bullet_list_open":
            lists.append(("List Bullet", []))
        elif token.type == "ordered_list_open":
            # the number written as text: Word's own numbering would run on from list to list
            lists.append(("List Paragraph", [int(token.attrGet("start") or 1)]))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            opened.append(False)
            if lists and lists[-1][1]:
                # written before the item's first paragraph, even one inside a nested list
                pending.append(f"{lists[-1][1][0]}. ")
                lists[-1][1][0] += 1
        elif token.type == "list_item_close":
            opened.pop()
        elif token.type == "paragraph_open":
            style = lists[-1][0] if lists else None
            if opened and opened[-1]:
                # an item's second paragraph: indented under it, with no bullet of its own, as Word
                # writes one ("List Continue")
                style = "List Continue" + (f" {min(len(lists), 3)}" if len(lists) > 1 else "")
            elif style == "List Bullet" and len(lists) > 1:
                style += f" {min(len(lists), 3)}"
            if opened:
                opened[-1] = True
            paragraph = document.add_paragraph(style=style)
            if pending:  # the numbers of the items this paragraph opens, outermost first
                paragraph.add_run("".join(pending))
                pending.clear()
            _runs(paragraph, tokens[index + 1].children)
            index += 3
            continue
        elif token.type in ("code_block", "fence"):
            # indented lines (a capture's text under a list it no longer belongs to): a browser shows
            # their words, each run of lines between blank ones a paragraph
            for block in token.content.split("\n\n"):
                lines = [line.strip() for line in block.splitlines() if line.strip()]
                if lines:
                    paragraph = document.add_paragraph()
                    for number, line in enumerate(lines):
                        run = paragraph.add_run(line)
                        if number < len(lines) - 1:
                            run.add_break()
        elif token.type == "table_open":
            rows: list[list[Any]] = []
            while tokens[index].type != "table_close":
                if tokens[index].type == "tr_open":
                    rows.append([])
                if tokens[index].type == "inline":
                    rows[-1].append(tokens[index])
                index += 1
            table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
            for number, row in enumerate(rows):
                for column, cell in enumerate(row):
                    _runs(table.cell(number, column).paragraphs[0], cell.children)
        index += 1
    document.save(str(path))


def _runs(paragraph: Any, children: list[Any] | None) -> None:
    """Inline Markdown as Word runs: bold, italic, line breaks; a link as a Word hyperlink (its words
    in runs under a ``w:hyperlink`` to an external relationship, as Word writes one)."""
    bold = italic = False
    link: Any = None
    for token in children or []:
        if token.type in ("strong_open", "strong_close"):
            bold = token.type == "strong_open"
        elif token.type in ("em_open", "em_close"):
            italic = token.type == "em_open"
        elif token.type == "link_open" and str(token.attrs.get("href", "")).startswith(("http", "mailto:")):
            link = _hyperlink(paragraph, str(token.attrs["href"]))
        elif token.type == "link_close":
            link = None
        elif token.type in ("text", "code_inline") and link is not None:
            link.append(_link_run(token.content, bold=bold, italic=italic))
        elif token.type in ("text", "code_inline"):
            run = paragraph.add_run(token.content)
            run.bold, run.italic = bold or None, italic or None
        elif token.type == "softbreak":
            paragraph.add_run(" ")
        elif token.type == "hardbreak" or (
            token.type == "html_inline" and token.content.lower().startswith("<br")
        ):
            paragraph.add_run().add_break()
        elif token.type == "html_inline" and re.match(r"</?p\b", token.content, re.IGNORECASE):
            # a raw paragraph inside a line parts it, as a browser shows it: a paragraph's gap
            run = paragraph.add_run()
            run.add_break()
            run.add_break()


def _hyperlink(paragraph: Any, url: str) -> Any:
    """An empty ``w:hyperlink`` to ``url`` at the paragraph's end (python-docx has no call for it)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    paragraph._p.append(element)
    return element


def _link_run(text: str, *, bold: bool, italic: bool) -> Any:
    """A ``w:r`` holding ``text`` for a hyperlink, bold or italic as the words around it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for on, tag in ((bold, "w:b"), (italic, "w:i")):
        if on:
            properties.append(OxmlElement(tag))
    run.append(properties)
    words = OxmlElement("w:t")
    words.set(qn("xml:space"), "preserve")
    words.text = text
    run.append(words)
    return run
