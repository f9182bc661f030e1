"""HTML pages: decode with the declared charset, keep the policy's element, write it as Markdown-like text."""

from __future__ import annotations

import re

from policydiff.errors import InputError
from policydiff.lazy_re import lazy
from policydiff.load.base import Loaded, LoadOptions
from policydiff.load.decode import declared_charset, decode

_HTML_START = lazy(r"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = lazy(r"<(?:p|div|h[1-6]|ul|ol|table|main|article|section|span|a\s)[^>]*>", re.I)


def looks_like_html(head: str) -> bool:
    """Whether the start of a source reads as an HTML page or fragment."""
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and _HTML_TAG.search(head) is not None


def load_html(data: bytes, options: LoadOptions) -> Loaded:
    """The policy's text in a page: ``select``ed or main element, without chrome and banners."""
    text = decode(data, options.name, declared=declared_charset(data))
    # bs4 and lxml cost ~150 ms to import: only pages pay for them, never `policydiff --help`.
    from policydiff.load.html_content import main_content, page_title
    from policydiff.load.html_markdown import to_markdown
    from policydiff.load.html_parse import parse

    soup = parse(text, options.name, options.limits)
    try:
        roots = main_content(soup, options)
        body = "\n\n".join(part for part in (to_markdown(root) for root in roots) if part)
    except RecursionError:
        raise InputError(f"{options.name}: HTML nested too deeply to read") from None
    if not body.strip():
        raise InputError(f"{options.name}: no text left in the page after removing navigation and banners")
    return Loaded(body, page_title(soup, roots))
