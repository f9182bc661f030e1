"""Word ``.docx`` drafts: headings, lists, tables, footnotes, headers and footers, as Markdown-like text.

A draft with unaccepted tracked changes is refused: python-docx reads neither the inserted nor
the deleted text of a revision, so its text would be neither the old nor the new version.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policydiff.errors import InputError
from policydiff.lazy_re import lazy
from policydiff.limits import Limits, over
from policydiff.load.base import DAMAGED_FILE_ERRORS, Loaded, LoadOptions, cell_lines, failure
from policydiff.load.sniff import ZIP_MAGIC

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.styles.style import ParagraphStyle

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, and Office's password-encrypted files
_REVISIONS = {  # tag → the words of the refusal message
    "ins": "insertion",
    "del": "deletion",
    "moveFrom": "move",
    "cellIns": "inserted cell",
    "cellDel": "deleted cell",
}
_HEADING_STYLE = lazy(r"^heading\s*([1-9])$", re.I)
# Markers segment reads as list items or numbered headings; anything else is rewritten canonically.
_KNOWN_MARKER = lazy(
    r"^(?:\d{1,3}[.)]|\(\d{1,3}\)|\([a-z]\)|[a-z]\)|\([ivx]{1,5}\)|\d{1,3}(?:\.\d{1,3})+\.?|[A-Z]\.|[IVXLC]{1,6}\.)$"
)
_LEVEL_REFERENCE = lazy(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"))
_ROMAN_SMALL = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_TRUE = frozenset({"1", "true", "on"})
_MARGINS = (
    "header",
    "first_page_header",
    "even_page_header",
    "footer",
    "first_page_footer",
    "even_page_footer",
)
_MARGIN_WORDS = 5  # a header or footer of fewer words is a title, a page count or a mark like "Confidential"
_WORD = lazy(r"[^\W\d_]{2,}")
# What zipfile raises for a damaged or unusual archive (a newer zip version, an unknown compression).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError, EOFError)


def load_docx(data: bytes, options: LoadOptions) -> Loaded:
    """The text of a Word document, refusing one that still holds tracked changes."""
    name = options.name
    document = _open(data, name, options.limits)
    try:
        _refuse_revisions(document.element.body, name)
        reader = _Reader(document, name)
        body = list(reader.blocks(document.element.body))
        text = "\n\n".join([*body, *reader.notes, *reader.margins(document, body)])
        title = (document.core_properties.title or "").strip() or None
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"{name}: not a readable Word .docx file (elements nested too deeply)") from None
    except DAMAGED_FILE_ERRORS as error:
        # python-docx reads a damaged part lazily: an unknown style type, a core-properties part of
        # the wrong element, a relationship without a target
        raise InputError(f"{name}: not a readable Word .docx file ({failure(error)})") from None
    return Loaded(text, title)


def _open(data: bytes, name: str, limits: Limits) -> WordDocument:
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            f"{name}: a legacy .doc or a password-protected Word file; save it as .docx without a password"
        )
    if not data.startswith(ZIP_MAGIC):
        raise InputError(f"{name}: not a Word .docx file (it is not a zip package)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(archive.infolist(), name, limits)
            if "word/document.xml" not in archive.namelist():
                raise InputError(f"{name}: a zip file without a Word body (word/document.xml)")
    except ZIP_ERRORS as error:
        raise InputError(f"{name}: not a readable Word .docx file ({failure(error, kind=False)})") from None
    # python-docx is ~70 ms of import: only Word files pay for it.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError, zlib.error) as error:
        # lxml's XMLSyntaxError is a SyntaxError: a damaged part reads as one
        raise InputError(f"{name}: not a readable Word .docx file ({failure(error, kind=False)})") from None
    except RecursionError:
        raise InputError(f"{name}: not a readable Word .docx file (elements nested too deeply)") from None
    except DAMAGED_FILE_ERRORS as error:
        raise InputError(f"{name}: not a readable Word .docx file ({failure(error)})") from None


def _check_sizes(entries: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    """Refuse a zip bomb from its directory, before python-docx inflates a byte of it.

    zipfile never inflates an entry past the size its directory declares, so the declared sizes
    bound what reading the package can cost.
    """
    unpacked = sum(info.file_size for info in entries)
    if unpacked > limits.unpacked_bytes:
        raise over(name, f"the Word package unpacks to {unpacked:,} bytes", "unpacked_mb", limits)
    for info in entries:
        # a stored (uncompressed) entry has a ratio of 1; an empty one compresses to a few bytes
        if info.file_size > 1_000_000 and info.file_size > limits.docx_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise over(name, f"its part {info.filename} is compressed {ratio:,} to 1", "docx_ratio", limits)


def _refuse_revisions(element: Any, name: str, where: str = "") -> None:
    from docx.oxml.ns import qn

    found: Counter[str] = Counter()
    for tag, word in _REVISIONS.items():
        found[word] += sum(1 for _ in element.iter(qn(f"w:{tag}")))
    if not sum(found.values()):
        return
    counted = ", ".join(f"{count} {word}{'s' if count > 1 else ''}" for word, count in found.items() if count)
    raise InputError(
        f"{name}: has unaccepted tracked changes{where} ({counted}), so its text is neither the old nor "
        "the new version; accept or reject them in Word (Review > Accept/Reject) and save it again"
    )


# ------------------------------------------------------------------ numbering definitions


@dataclass(frozen=True, slots=True)
class _Level:
    format: str  # Word's numFmt: "decimal", "lowerLetter", "bullet", "none", ...
    start: int
    text: str  # lvlText: "%1.", "(%2)", "%1.%2"


@dataclass(slots=True)
class _Numbering:
    """Word's numbering definitions and the counters of the lists met so far."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def marker(self, num_id: str, level: int) -> str | None:
        """The next marker of list ``num_id`` at ``level`` ("3.", "(b)", "-"), or None for no marker."""
        levels = self.levels.get(num_id, {})
        counts = self.counters.setdefault(num_id, {})
        definition = levels.get(level, _Level("decimal" if levels else "bullet", 1, f"%{level + 1}."))
        for deeper in [key for key in counts if key > level]:
            del counts[deeper]  # a new item at this level restarts the levels under it
        counts[level] = counts.get(level, definition.start - 1) + 1
        if definition.format == "none":
            return None
        if definition.format == "bullet":
            return "-"

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            other = levels.get(at, definition)
            return _format_number(counts.get(at, other.start), other.format)

        shown = _LEVEL_REFERENCE.sub(number, definition.text).strip()
        if _KNOWN_MARKER.match(shown):
            return shown
        return _canonical_marker(counts[level], definition.format)


def _numbering(document: WordDocument) -> _Numbering:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn

    numbering = _Numbering()
    # looked up directly: python-docx's numbering_part would try to create a missing part
    parts = [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype == RELATIONSHIP_TYPE.NUMBERING and not rel.is_external
    ]
    if not parts:
        return numbering  # no numbering part: every numbered paragraph reads as a bullet
    root = parts[0].element
    abstract = {
        node.get(qn("w:abstractNumId"), ""): _levels(node) for node in root.iterchildren(qn("w:abstractNum"))
    }
    for node in root.iterchildren(qn("w:num")):
        numbering.levels[node.get(qn("w:numId"), "")] = _instance_levels(node, abstract)
    return numbering


def _levels(abstract_num: Any) -> dict[int, _Level]:
    """The levels an ``abstractNum`` defines, by ``ilvl``."""
    from docx.oxml.ns import qn

    levels = abstract_num.iterchildren(qn("w:lvl"))
    return {_int(level.get(qn("w:ilvl")), 0): _level(level) for level in levels}


def _instance_levels(num: Any, abstract: dict[str, dict[int, _Level]]) -> dict[int, _Level]:
    """A ``num``'s levels: those of its ``abstractNum``, with the start numbers it overrides."""
    from docx.oxml.ns import qn

    base = num.find(qn("w:abstractNumId"))
    levels = dict(abstract.get(base.get(qn("w:val"), "") if base is not None else "", {}))
    for override in num.iterchildren(qn("w:lvlOverride")):
        ilvl = _int(override.get(qn("w:ilvl")), 0)
        start = override.find(qn("w:startOverride"))
        if start is not None and ilvl in levels:
            level = levels[ilvl]
            levels[ilvl] = _Level(level.format, _int(start.get(qn("w:val")), level.start), level.text)
    return levels


def _level(node: Any) -> _Level:
    from docx.oxml.ns import qn

    def value(tag: str) -> str | None:
        child = node.find(qn(tag))
        return None if child is None else child.get(qn("w:val"))

    return _Level(value("w:numFmt") or "decimal", _int(value("w:start"), 1), value("w:lvlText") or "")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _format_number(number: int, style: str) -> str:
    if style in ("lowerLetter", "upperLetter"):
        letters = ""
        while number > 0:
            number, remainder = divmod(number - 1, 26)
            letters = chr(ord("a") + remainder) + letters
        return letters.upper() if style == "upperLetter" else letters or "a"
    if style in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman.upper() if style == "upperRoman" else roman
    return str(number)


def _roman(number: int) -> str:
    out = ""
    for value, letters in (*_ROMAN, *_ROMAN_SMALL):
        while number >= value:
            out += letters
            number -= value
    return out or "0"


def _canonical_marker(number: int, style: str) -> str:
    """A marker segment reads as a list item, for levels whose own text it would not ("a.", "1-")."""
    if style == "lowerLetter":
        return f"({_format_number(number, style)})"
    if style == "lowerRoman":
        return f"({_roman(number)})"
    if style in ("upperLetter", "upperRoman"):
        return f"{_format_number(number, style)}."
    return f"{number}."


# ------------------------------------------------------------------ body → blocks


class _Reader:
    """Walks a document body in order; keeps the list counters and the style lookups."""

    def __init__(self, document: WordDocument, name: str) -> None:
        from docx.styles.style import ParagraphStyle

        self.name = name
        self.numbering = _numbering(document)
        self.styles: dict[str, ParagraphStyle] = {
            style.style_id: style for style in document.styles if isinstance(style, ParagraphStyle)
        }
        self.links = _external_links(document.part)
        self.part = document.part
        self.notes: list[str] = []  # "[^1]: text", in the order the body refers to them
        self._open_notes: set[tuple[str, str]] = set()
        self._note_parts: dict[str, dict[str, tuple[Any, Any]]] = {}  # kind → id → (w:footnote, its part)

    def margins(self, document: WordDocument, body: list[str]) -> list[str]:
        """Header and footer paragraphs that hold policy text (a sentence, not a title or page number).

        Each is read once, however many sections or pages repeat it, and never when the body
        already says it.
        """
        seen = {" ".join(block.split()) for block in body}
        kept: list[str] = []
        for section in document.sections:
            for name in _MARGINS:
                margin = getattr(section, name)
                if margin.is_linked_to_previous:
                    continue  # no part of its own: the previous section's, already read
                _refuse_revisions(margin._element, self.name, f" in a {name.split('_')[-1]}")
                with self._reading(margin.part):
                    blocks = list(self.blocks(margin._element))
                for block in blocks:
                    flat = " ".join(block.split())
                    if flat in seen or len(_WORD.findall(flat)) < _MARGIN_WORDS:
                        continue
                    seen.add(flat)
                    kept.append(block)
        return kept

    @contextmanager
    def _reading(self, part: Any) -> Iterator[None]:
        """Hyperlinks resolved through ``part``'s relationships while its content is read."""
        saved = self.part, self.links
        self.part, self.links = part, _external_links(part)
        try:
            yield
        finally:
            self.part, self.links = saved

    def _note(self, reference: Any) -> str:
        """A footnote or endnote reference as ``[^n]``; the note's text joins ``self.notes``."""
        from docx.oxml.ns import qn

        kind = "footnote" if reference.tag == qn("w:footnoteReference") else "endnote"
        key = (kind, reference.get(qn("w:id"), ""))
        found = self._note_element(*key)
        if found is None or key in self._open_notes:
            return ""  # no such note, or one that refers to itself
        self._open_notes.add(key)
        note, part = found
        _refuse_revisions(note, self.name, f" in an {kind}" if kind == "endnote" else f" in a {kind}")
        number = len(self.notes) + 1
        self.notes.append("")  # the number is taken before the note is read, should a note refer on
        with self._reading(part):
            text = " ".join(" ".join(self.blocks(note)).split())
        self._open_notes.discard(key)
        self.notes[number - 1] = f"[^{number}]: {text}"
        return f"[^{number}]"

    def _note_element(self, kind: str, identifier: str) -> tuple[Any, Any] | None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml.ns import qn

        if kind not in self._note_parts:
            reltype = RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES
            notes: dict[str, Any] = {}
            for rel in self.part.package.main_document_part.rels.values():
                if rel.reltype == reltype and not rel.is_external:
                    root = _parse_part(rel.target_part.blob)
                    for note in root.iterchildren(qn(f"w:{kind}")):
                        notes[note.get(qn("w:id"), "")] = (note, rel.target_part)
            self._note_parts[kind] = notes
        found: tuple[Any, Any] | None = self._note_parts[kind].get(identifier)
        return found

    def blocks(self, container: Any) -> Iterator[str]:
        """The blocks of a body, cell or content control: a list's items make one block."""
        items: list[str] = []
        for kind, text in self._parts(container):
            if kind == "item":
                items.append(text)
                continue
            if items:
                yield "\n".join(items)
                items = []
            yield text
        if items:
            yield "\n".join(items)

    def _parts(self, container: Any) -> Iterator[tuple[str, str]]:
        from docx.oxml.ns import qn

        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                part = self._paragraph(child)
                if part is not None:
                    yield part
            elif child.tag == qn("w:tbl"):
                yield from (("block", block) for block in self._table(child))
            elif child.tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    yield from self._parts(content)

    # --- paragraphs

    def _paragraph(self, p: Any) -> tuple[str, str] | None:
        text = self._inline(p).strip()
        style = self._style_chain(p)
        level = _heading_level(p, style)
        numbered = self._numbered(p, style)
        marker = self.numbering.marker(*numbered) if numbered else None  # counted even when empty
        if not text:
            return None
        if level:
            label = f"{marker} " if marker and marker != "-" else ""
            return "block", "#" * level + " " + label + " ".join(text.split())
        if numbered is None:
            return "block", _lines(text)
        indent = "  " * numbered[1]
        lines = text.split("\n")
        first = f"{indent}{marker} {lines[0].strip()}" if marker else f"{indent}{lines[0].strip()}"
        # two breaks in a row part the item's paragraphs, as a browser shows a paragraph inside a
        # list item and the Markdown and HTML readers write one (a blank line, then indented)
        rest: list[str] = []
        for line in lines[1:]:
            if line.strip():
                rest.append(f"{indent}  {line.strip()}")
            elif not rest or rest[-1]:
                rest.append("")
        while rest and not rest[-1]:
            rest.pop()
        return "item", "\n".join([first, *rest])

    def _style_chain(self, p: Any) -> list[ParagraphStyle]:
        """The paragraph's style and the styles it is based on, nearest first."""
        chain: list[ParagraphStyle] = []
        style = self.styles.get(p.style or "") or self.styles.get("Normal")
        while style is not None and style not in chain and len(chain) < 20:
            chain.append(style)
            style = style.base_style
        return chain

    def _numbered(self, p: Any, chain: list[ParagraphStyle]) -> tuple[str, int] | None:
        """``(numId, level)`` of a list paragraph: its own numbering or its style's."""
        from docx.oxml.ns import qn

        for holder in [p, *(style.element for style in chain)]:
            num_pr = holder.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is None:
                continue
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            identifier = num_id.get(qn("w:val"), "0") if num_id is not None else "0"
            if identifier == "0":
                return None  # numId 0 switches numbering off
            return identifier, _int(ilvl.get(qn("w:val")) if ilvl is not None else None, 0)
        return None

    def _inline(self, p: Any) -> str:
        """A paragraph's text: runs, hyperlinks as ``[text](url)``, bold as ``**text**``, breaks as lines."""
        from docx.oxml.ns import qn

        parts: list[str] = []
        bold: list[str] = []

        def flush() -> None:
            if bold:
                parts.append(_wrap_bold("".join(bold)))
                bold.clear()

        for child in p.iterchildren():
            if child.tag == qn("w:r"):
                text = _run_text(child)
                for reference in child.iterchildren(qn("w:footnoteReference"), qn("w:endnoteReference")):
                    text += self._note(reference)
                if _is_bold(child):
                    bold.append(text)
                    continue
                flush()
                parts.append(text)
            elif child.tag == qn("w:hyperlink"):
                flush()
                parts.append(self._hyperlink(child))
            elif child.tag in (qn("w:smartTag"), qn("w:fldSimple"), qn("w:customXml"), qn("w:sdt")):
                flush()
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                parts.append(self._inline(content) if content is not None else "")
        flush()
        return "".join(parts)

    def _hyperlink(self, link: Any) -> str:
        from docx.oxml.ns import qn

        text = self._inline(link)
        target = self.links.get(link.get(qn("r:id"), ""), "")
        core = " ".join(text.split())
        if not core or not target or target in (core, f"mailto:{core}", f"tel:{core}"):
            return text
        if target.lower().startswith(("javascript:", "vbscript:", "data:")):
            return text
        # text.strip_links recognises targets without spaces and with at most one level of parentheses
        target = target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        return f"[{core}]({target})"

    # --- tables

    def _table(self, table: Any) -> list[str]:
        """Pipe rows, the first one as the header; a table of one cell is a box of paragraphs."""
        from docx.oxml.ns import qn

        rows = [row for row in table.iterchildren(qn("w:tr"))]
        cells_per_row = [list(row.iterchildren(qn("w:tc"))) for row in rows]
        # a one-column table of several rows is a table (a label over its items), as a web page's
        # and a Markdown file's are read; one cell alone is a box drawn round some text
        if sum(len(cells) for cells in cells_per_row) <= 1:
            return [block for cells in cells_per_row for cell in cells for block in self.blocks(cell)]
        lines: list[str] = []
        for cells in cells_per_row:
            texts: list[str] = []
            for cell in cells:
                merged = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                continued = merged is not None and merged.get(qn("w:val"), "continue") == "continue"
                flat = "" if continued else _cell_text(self.blocks(cell))
                texts.append(flat.replace("|", "\\|"))
                span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                texts.extend([""] * (_int(span.get(qn("w:val")) if span is not None else None, 1) - 1))
            # an empty first row stays, as the empty header a web page's table has (its labels,
            # if any, in the row below it)
            if not any(texts) and (lines or len(cells_per_row) < 2):
                continue
            lines.append("| " + " | ".join(texts) + " |")
            if len(lines) == 1 and len(cells_per_row) > 1:
                lines.append("| " + " | ".join(["---"] * len(texts)) + " |")
        return ["\n".join(lines)] if lines else []


def _cell_text(blocks: Iterable[str]) -> str:
    """A table cell on one line, as the HTML loader and Markdown tables write one: ``<br>``
    between its lines, ``<br><br>`` between its paragraphs (and across two breaks in a row)."""
    texts = (cell_lines(" ".join(line.split()) for line in block.split("\n")) for block in blocks)
    return "<br><br>".join(text for text in texts if text)


def _external_links(part: Any) -> dict[str, str]:
    return {rel_id: rel.target_ref for rel_id, rel in part.rels.items() if rel.is_external}


def _parse_part(blob: bytes) -> Any:
    """A package part's XML, parsed as python-docx parses its own: no entities, no network."""
    from docx.oxml.parser import parse_xml

    return parse_xml(blob)


def _heading_level(p: Any, chain: list[ParagraphStyle]) -> int:
    """1-6 for a heading paragraph (a Heading or Title style, or an outline level), else 0."""
    from docx.oxml.ns import qn

    for holder in [p, *(style.element for style in chain)]:
        outline = holder.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if outline is not None:
            level = _int(outline.get(qn("w:val")), 9)
            return min(level + 1, 6) if level < 9 else 0  # 9 is Word's "body text"
    for style in chain:
        name = style.name or ""
        if name.lower() == "title":
            return 1
        match = _HEADING_STYLE.match(name)
        if match:
            return min(int(match.group(1)), 6)
    return 0


def _run_text(run: Any) -> str:
    from docx.oxml.ns import qn

    pieces: list[str] = []
    for child in run.iterchildren():
        tag = child.tag
        if tag == qn("w:t"):
            pieces.append(child.text or "")
        elif tag == qn("w:tab") or tag == qn("w:ptab"):
            pieces.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            pieces.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            pieces.append("-")
    return "".join(pieces)


def _is_bold(run: Any) -> bool:
    from docx.oxml.ns import qn

    flag = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
    if flag is None:
        return False
    return str(flag.get(qn("w:val"), "true")).lower() in _TRUE


def _wrap_bold(text: str) -> str:
    """``**words**`` line by line, spaces outside, as the HTML loader writes ``<strong>``."""
    out = []
    for line in text.split("\n"):
        core = line.strip()
        if not core:
            out.append(line)
            continue
        before = " " if line[:1].isspace() else ""
        after = " " if line[-1:].isspace() else ""
        out.append(f"{before}**{core}**{after}")
    return "\n".join(out)


def _lines(text: str) -> str:
    """A paragraph's lines, trimmed: a soft line break stays a line; two in a row leave one empty
    line, a paragraph's gap, as a browser shows them and the HTML and Markdown readers read them."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")
