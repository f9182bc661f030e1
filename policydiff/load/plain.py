"""Plain text and Markdown: the decoded text as it is."""

from __future__ import annotations

from policydiff.load.base import Loaded, LoadOptions
from policydiff.load.decode import decode


def load_plain(data: bytes, options: LoadOptions) -> Loaded:
    """Decode a ``.txt`` or ``.md`` file; its structure is already in the text."""
    return Loaded(decode(data, options.name))
