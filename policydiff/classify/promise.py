"""The advance-notice period a version promises ("we will notify you 30 days in advance")."""

from __future__ import annotations

import re
from functools import cache

from policydiff.classify.numbers import DURATION_UNIT, quantities
from policydiff.classify.rulebook import RuleBook
from policydiff.lazy_re import lazy
from policydiff.model import Category, Clause, Outline
from policydiff.text import sentences

__all__ = ["promised_notice", "promised_notice_days"]


def promised_notice_days(outline: Outline, rulebook: RuleBook) -> int | None:
    """The advance-notice period the document promises, in days."""
    promise = promised_notice(outline, rulebook)
    return promise[0] if promise else None


def promised_notice(outline: Outline, rulebook: RuleBook) -> tuple[int, str] | None:
    """The promised advance-notice period in days and the path of the clause that promises it."""
    notice = next(c for c in rulebook.categories if c.category is Category.NOTICE)
    telling = _words_of(notice.term_entries, _TELLING, last=True)
    changing = _words_of(notice.term_entries, ("changes",), last=False)
    headings: dict[tuple[str, ...], bool] = {}  # a section's clauses share their heading trail
    for leaf in outline.leaves():
        # a promise has a period, a telling and (unless its heading says it) a change; most clauses
        # have none: skip them cheaply, by words read in C before the costlier phrase search
        # (every period ends with its unit, "30 days", "a week": a clause without one promises none)
        if not DURATION_UNIT.search(leaf.text) or not telling.search(leaf.text):
            continue
        if leaf.heading not in headings:
            headings[leaf.heading] = bool(leaf.heading) and bool(notice.terms.search(" ".join(leaf.heading)))
        headed = headings[leaf.heading]
        if not (headed or changing.search(leaf.text)) or not notice.terms.search(leaf.text):
            continue
        days = _promised_in(leaf, rulebook, headed)
        if days is not None:
            return days, leaf.path
    return None


# the concepts a promise of notice needs one of (``_promised_in``)
_TELLING = ("notify", "ahead", "ahead_of")
_SMALL_WORDS = frozenset({"you", "to", "with", "a", "an", "the", "us", "of", "in", "on", "by"})


@cache
def _words_of(
    entries: tuple[tuple[str, str], ...], concepts: tuple[str, ...], *, last: bool
) -> re.Pattern[str]:
    """A pattern that finds, in any text holding a phrase of ``concepts``, one word of that phrase:
    its last word of substance ("notify you": "notify"; "prior notice": "notice"), or its longest
    ("changes to this": "changes"). No text it misses holds one."""

    def word(phrase: str) -> str:
        words = [w.rstrip("*") for w in phrase.casefold().split() if w not in _SMALL_WORDS]
        return words[-1] if last else max(words, key=len)

    found = {word(phrase) for phrase, concept in entries if concept in concepts}
    # (lazy: the rule cache keeps its program, the source the same in every run)
    return lazy(r"\b(?:" + "|".join(sorted(map(re.escape, found))) + ")", re.IGNORECASE)


def _promised_in(leaf: Clause, rulebook: RuleBook, headed: bool) -> int | None:
    """The first duration of a sentence that says we notify of changes (or sits under such a heading)."""
    for start, end in sentences(leaf.text):
        sentence = leaf.text[start:end]
        durations = [q for q in quantities(sentence) if q.unit == "duration"]
        if not durations:
            continue
        names = {t.name for t in rulebook.find_terms(sentence) if t.category is Category.NOTICE}
        if names & {"notify", "ahead", "ahead_of"} and ("changes" in names or headed):
            return round(durations[0].value)
    return None
