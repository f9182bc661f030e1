"""Right-to-left text as a PDF stores it, put back in reading order.

A PDF places glyphs where they are seen, so a Hebrew or Arabic word comes out of its text layer
left to right as printed: "תירבע" for "עברית". The words a web page or a Word file hold are in
logical order (Unicode UAX #9: the order they are typed and read), so the same policy would
differ by format. A line's runs of right-to-left letters are turned round (each letter with the
combining marks printed after it, Hebrew points and Arabic vowel signs), and where such letters
outweigh the rest, the line's runs too: a paragraph of a right-to-left policy reads from the
right. Digits and Latin words inside keep their own order, as the bidirectional algorithm
leaves them.
"""

from __future__ import annotations

import unicodedata

from policydiff.lazy_re import lazy

# Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_HAS_RTL = lazy(f"[{_RTL}]")
# a run of right-to-left letters, with the spaces and marks between them
_RUN = lazy(f"[{_RTL}](?:[{_RTL}\\s\u0300-\u036f]*[{_RTL}])?")


def logical(text: str) -> str:
    """``text`` as read, its right-to-left runs turned from the order printed (a no-op without any)."""
    if not _HAS_RTL.search(text):
        return text
    parts: list[str] = []
    at = 0
    for run in _RUN.finditer(text):
        if run.start() > at:
            parts.append(text[at : run.start()])
        parts.append(_turned(run.group()))
        at = run.end()
    if at < len(text):
        parts.append(text[at:])
    rtl = sum(1 for c in text if _HAS_RTL.match(c))
    ltr = sum(1 for c in text if c.isalpha() and not _HAS_RTL.match(c))
    if rtl > ltr:
        parts.reverse()  # a right-to-left line: its first run is printed rightmost
    return "".join(parts)


def _turned(run: str) -> str:
    """A run of letters in reverse, each keeping the marks printed after it."""
    clusters: list[str] = []
    for char in run:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return "".join(reversed(clusters))
