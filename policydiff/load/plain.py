"""Plain text and Markdown: the decoded text (a Markdown file's inline markup read as a browser shows it)."""

from __future__ import annotations

from policydiff.load.base import Loaded, LoadOptions
from policydiff.load.decode import decode
from policydiff.load.markdown import read_markdown


def load_plain(data: bytes, options: LoadOptions) -> Loaded:
    """Decode a ``.txt`` file; its structure is already in the text, and what looks like a tag is text."""
    return Loaded(decode(data, options.name))


def load_markdown(data: bytes, options: LoadOptions) -> Loaded:
    """Decode a ``.md`` file, its inline HTML and escapes read as a browser shows them."""
    return Loaded(read_markdown(decode(data, options.name)))


def load_extracted(data: bytes, options: LoadOptions) -> Loaded:
    """Text a loader already read (an archived version): decoded, read no further."""
    return Loaded(decode(data, options.name))
