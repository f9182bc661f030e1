"""Load a source into a ``Document``: read its bytes, pick a loader by kind, normalise, describe.

Three seams, one job each: ``read.read_bytes`` says where the bytes come from (a path or
standard input), ``source_kind`` what they are (``KINDS_BY_SUFFIX``, else sniffed), and
``LOADERS`` how a kind becomes text. A kind is a ``Document.format`` value.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import BinaryIO

from policydiff.errors import InputError
from policydiff.limits import Limits, over
from policydiff.load.base import Loaded, Loader, LoadOptions
from policydiff.load.decode import peek
from policydiff.load.describe import describe
from policydiff.load.html import load_html, looks_like_html
from policydiff.load.plain import load_extracted, load_markdown, load_plain
from policydiff.load.read import STDIN, read_bytes, source_name
from policydiff.load.sniff import looks_like_docx, looks_like_pdf
from policydiff.model import Document
from policydiff.text import normalise_text

__all__ = [
    "KINDS_BY_SUFFIX",
    "LOADERS",
    "LoadOptions",
    "Loaded",
    "Loader",
    "describe",
    "load",
    "load_bytes",
    "source_kind",
]

KINDS_BY_SUFFIX: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}


def load_docx(data: bytes, options: LoadOptions) -> Loaded:
    """The Word reader, imported when a Word file is read (zipfile and the XML reader cost start-up)."""
    from policydiff.load.docx import load_docx as read

    return read(data, options)


def load_pdf(data: bytes, options: LoadOptions) -> Loaded:
    """The PDF reader, imported when a PDF is read."""
    from policydiff.load.pdf import load_pdf as read

    return read(data, options)


LOADERS: dict[str, Loader] = {
    "text": load_plain,
    "markdown": load_markdown,
    "html": load_html,
    "docx": load_docx,
    "pdf": load_pdf,
}


def load(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    select: str | None = None,
    remove: tuple[str, ...] = (),
    kind: str | None = None,
    limits: Limits = Limits(),
) -> Document:
    """Load a file path or ``-`` (standard input) into a ``Document``; ``InputError`` if it cannot be.

    ``kind`` reads text already extracted from a source of that kind (an archived version), so it
    segments as the original did. ``limits`` bounds what the source may cost (``LimitError``).
    """
    data = read_bytes(source, stdin, limits)
    return load_bytes(data, source, select=select, remove=remove, kind=kind, limits=limits)


def load_bytes(
    data: bytes,
    source: str,
    *,
    select: str | None = None,
    remove: tuple[str, ...] = (),
    kind: str | None = None,
    suffix: str | None = None,
    limits: Limits = Limits(),
) -> Document:
    """Read bytes already in hand (a fetched page) as ``source``; ``suffix`` stands for a file's name."""
    name = source_name(source)
    if len(data) > limits.input_bytes:
        raise over(name, f"{len(data):,} bytes", "input_mb", limits)
    options = LoadOptions(name, select, tuple(remove), limits)
    if kind is not None:
        loaded = load_extracted(data, options)
    else:
        kind = source_kind(f"page{suffix}" if suffix else source, data)
        loaded = LOADERS[kind](data, options)
    text = normalise_text(loaded.text)  # the text alone: nothing reads the origin map here
    if not text.strip():
        raise InputError(f"{name}: no visible text")
    return _document(source, text, loaded, kind)


def _document(source: str, text: str, loaded: Loaded, kind: str) -> Document:
    """The document of normalised ``text``: its title (the loader's, else the text's), version and date."""
    title, version, date = describe(text)
    if loaded.title:
        title = normalise_text(loaded.title) or title
    return Document(
        source=source,
        text=text,
        original=loaded.text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format=kind,
        title=title,
        version=version,
        date=date,
    )


def source_kind(source: str, data: bytes) -> str:
    """The kind of a source: a Word or PDF signature, else its extension, else sniffed from its start."""
    # a PDF or Word file saved as "policy.txt" (or piped in) is still read as what it is
    if looks_like_pdf(data):
        return "pdf"
    if looks_like_docx(data):
        return "docx"
    if source != STDIN:
        kind = KINDS_BY_SUFFIX.get(PurePath(source).suffix.lower())
        if kind is not None:
            return kind
    return "html" if looks_like_html(peek(data)) else "text"
