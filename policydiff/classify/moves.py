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
from dataclasses import dataclass

from policydiff.classify.editorial import visible_words
from policydiff.lazy_re import lazy

__all__ = ["Pool", "moved_in", "restated_in", "units"]

# a sentence ends at a stop, a table cell or a line break tag; commas and "and" stay inside it
_UNIT_END = lazy(r"<br\s*/?>|\||[.;:!?](?=\s|$)|\n\s*\n", re.IGNORECASE)
# fewer words than this are fragments ("and", "Retention period"): they prove nothing either way
_MIN_WORDS = 3
# a shorter sentence must match a whole sentence of the other side: "precise location data" inside
# a removed "we do not collect precise location data" has not moved, it has turned round
_SHORT = 6


def _words(text: str) -> str:
    return " ".join(visible_words(text)).casefold()


@dataclass(frozen=True, slots=True)
class Pool:
    """The words of one side's changed text, searched for whole sentences."""

    text: str = ""
    units: frozenset[str] = frozenset()

    @classmethod
    def of(cls, texts: Iterable[str]) -> Pool:
        texts = [text for text in texts if text.strip()]
        return cls(
            " \n ".join(f" {_words(text)} " for text in texts), frozenset(u for t in texts for u in units(t))
        )

    def holds(self, unit: str) -> bool:
        """A long sentence anywhere in the pool; a short one as a sentence of its own."""
        if len(unit.split()) < _SHORT:
            return unit in self.units
        return f" {unit} " in self.text


def units(text: str) -> list[str]:
    """The sentences of ``text``, as casefolded words, long enough to be recognised elsewhere."""
    found = (_words(part) for part in _UNIT_END.split(text))
    return [unit for unit in found if len(unit.split()) >= _MIN_WORDS]


def moved_in(text: str, pool: Pool) -> bool:
    """Whether every sentence of ``text`` (one at least) stands in ``pool``."""
    found = units(text)
    return bool(found) and all(pool.holds(unit) for unit in found)


# a sentence said again in other words shares most of its longer words with the new one ("all
# associated content will be deleted" → "all associated data are immediately deleted")
_RESTATED = 0.7
_LONG_WORD = 4


def restated_in(sentence: str, pool: Pool, *, besides: str = "") -> bool:
    """Whether a sentence of ``pool`` says ``sentence`` again: most of its longer words stand in it
    (``besides``: the clause's own new text, whose runs in the pool do not count)."""
    words = {word for word in _words(sentence).split() if len(word) >= _LONG_WORD}
    if len(words) < _MIN_WORDS:
        return False
    need = _RESTATED * len(words)
    own = f" {_words(besides)} "
    return any(len(words & set(unit.split())) >= need and f" {unit} " not in own for unit in pool.units)
