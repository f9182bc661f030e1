"""Text that moved between clauses: sentences removed from one clause and added in another.

Alignment pairs whole clauses. When a table becomes paragraphs, or a paragraph is split or
merged, the same sentences come out as one clause removed and others added; read on their own
they look like a new practice and a practice dropped. A clause whose every sentence stands, word
for word, in the text the other side gave up or gained is moved text (LABELING.md: "moved text"
is editorial), unless its meaning hangs on what it sits under: a list item reads with its lead-in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from policydiff.text import fold

__all__ = ["Pool", "moved_in"]

# a sentence ends at a stop, a table cell or a line break tag; commas and "and" stay inside it
_UNIT_END = re.compile(r"<br\s*/?>|\||[.;:!?](?=\s|$)|\n\s*\n", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,40}>")
# fewer words than this are fragments ("and", "Retention period"): they prove nothing either way
_MIN_WORDS = 3
# a shorter sentence must match a whole sentence of the other side: "precise location data" inside
# a removed "we do not collect precise location data" has not moved, it has turned round
_SHORT = 6


class Pool:
    """The folded text of one side's changed words, searched for whole sentences."""

    def __init__(self, texts: Iterable[str]) -> None:
        texts = [text for text in texts if text.strip()]
        self._text = " \n ".join(f" {fold(_TAG.sub(' ', text))} " for text in texts)
        self._units = frozenset(unit for text in texts for unit in units(text))

    def holds(self, unit: str) -> bool:
        """A long sentence anywhere in the pool; a short one as a sentence of its own."""
        if len(unit.split()) < _SHORT:
            return unit in self._units
        return f" {unit} " in self._text


def units(text: str) -> list[str]:
    """The folded sentences of ``text`` long enough to be recognised elsewhere."""
    found = []
    for part in _UNIT_END.split(text):
        unit = fold(_TAG.sub(" ", part))
        if len(unit.split()) >= _MIN_WORDS:
            found.append(unit)
    return found


def moved_in(text: str, pool: Pool) -> bool:
    """Whether every sentence of ``text`` (one at least) stands in ``pool``."""
    found = units(text)
    return bool(found) and all(pool.holds(unit) for unit in found)
