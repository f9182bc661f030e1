"""The advance-notice period a version promises ("we will notify you 30 days in advance")."""

from __future__ import annotations

import re
from functools import cache

from policydiff.classify.numbers import DURATION_UNITS, quantities
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
    told = _key_words(notice.term_entries, _TELLING, last=True)
    headings: dict[tuple[str, ...], bool] = {}  # a section's clauses share their heading trail
    for leaf in outline.leaves():
        # a promise has a period, a telling and (unless its heading says it) a change; most clauses
        # have none: skip them cheaply, by words read in C before the costlier phrase search
        # (every period ends with its unit, "30 days", "a week": a clause without one promises none)
        # (… first as plain substrings, which C finds faster than a pattern that ignores case: a 10
        # MB text is read whole, issue 17)
        low = leaf.text.lower()
        if not any(unit in low for unit in DURATION_UNITS) or not any(word in low for word in told):
            continue
        if not _UNIT.search(low) or not telling.search(low):
            continue
        if leaf.heading not in headings:
            headings[leaf.heading] = bool(leaf.heading) and bool(notice.terms.search(" ".join(leaf.heading)))
        headed = headings[leaf.heading]
        if not (headed or changing.search(low)):
            continue
        days = _promised_in(leaf, rulebook, headed, telling, changing)
        if days is not None:
            return days, leaf.path
    return None


# ``DURATION_UNIT`` in lower-cased text
_UNIT = lazy(r"(?:day|week|month|year|hour)s?\b")
# the concepts a promise of notice needs one of (``_promised_in``)
_TELLING = ("notify", "ahead", "ahead_of")
_SMALL_WORDS = frozenset({"you", "to", "with", "a", "an", "the", "us", "of", "in", "on", "by"})


@cache
def _key_words(
    entries: tuple[tuple[str, str], ...], concepts: tuple[str, ...], *, last: bool
) -> tuple[str, ...]:
    """One word of each phrase of ``concepts``, casefolded: its last word of substance ("notify you":
    "notify"; "prior notice": "notice"), or its longest ("changes to this": "changes"). Any text
    holding a phrase of ``concepts`` holds one of them."""

    def word(phrase: str) -> str:
        words = [w.rstrip("*") for w in phrase.casefold().split() if w not in _SMALL_WORDS]
        return words[-1] if last else max(words, key=len)

    return tuple(sorted({word(phrase) for phrase, concept in entries if concept in concepts}))


@cache
def _words_of(
    entries: tuple[tuple[str, str], ...], concepts: tuple[str, ...], *, last: bool
) -> re.Pattern[str]:
    """A pattern that finds the ``_key_words`` as words: no lower-cased text it misses holds a phrase
    of ``concepts``."""
    # (lazy: the rule cache keeps its program, the source the same in every run; read in lower-cased
    # text, where a pattern that minds case is found faster than one that ignores it)
    found = _key_words(entries, concepts, last=last)
    return lazy(r"\b(?:" + "|".join(map(re.escape, found)) + ")")


def _promised_in(
    leaf: Clause, rulebook: RuleBook, headed: bool, telling: re.Pattern[str], changing: re.Pattern[str]
) -> int | None:
    """The first duration of a sentence that says we notify of changes (or sits under such a heading)."""
    for start, end in sentences(leaf.text):
        sentence = leaf.text[start:end]
        low = sentence.lower()
        # (the words read in C first, as for the clause: a sentence without them promises nothing)
        if not (_UNIT.search(low) and telling.search(low) and (headed or changing.search(low))):
            continue
        durations = [q for q in quantities(sentence) if q.unit == "duration"]
        if not durations:
            continue
        names = {t.name for t in rulebook.find_terms(sentence) if t.category is Category.NOTICE}
        if names & {"notify", "ahead", "ahead_of"} and ("changes" in names or headed):
            return round(durations[0].value)
    return None
