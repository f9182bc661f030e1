"""Find many phrases in a text in one pass over its words.

A phrase is a sequence of words; a word ending in ``*`` is a stem that matches any word it
begins. Words are compared casefolded; between the words of a phrase the text may hold only
spaces, hyphens or brackets ("opt out" finds "opt-out", "internet protocol ip address" finds
"Internet Protocol (IP) address"). At each position the longest phrase wins and
matches never overlap, but for a determiner that ends one phrase and opens the next ("use
*your* address"). A regex alternation of hundreds of phrases with look-arounds is the
obvious way to write this; it was about fifty times slower on a long policy.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from policydiff.lazy_re import lazy

# a word; an abbreviation written with stops ("U.S.", "e.g.", "U.K") is one word, read without them
# ("the U.S." is "the US": a lexicon's "the us" finds both, as a reader does); an apostrophe inside
# a word is part of it ("children's"), one that ends a plural's possessive is not ("closed accounts'
# data" holds "closed accounts", as "data of closed accounts" does)
_WORD = lazy(r"(?:[^\W\d_]\.)+[^\W\d_](?![\w'])\.?|\w+(?:'\w+)*")
# ("%" reads as the word it stands for: "100% secure" is "100 secure"; the apostrophe of a plural's
# possessive is no word of its own: "30 days' notice" is "30 days notice")
_GAP = lazy(r"[\s()%'-]*")
_KEY = 3  # stems are filed under their first letters
_DETERMINERS = frozenset({"your", "our", "their", "the", "his", "her", "its"})


@dataclass(frozen=True, slots=True)
class Found:
    """A phrase found in a text; ``group()``/``start()``/``end()`` read like a regex match."""

    name: str
    text: str
    begin: int
    finish: int

    def group(self) -> str:
        return self.text

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


# (name, words, stems): a plain tuple, not a named one nor a dataclass. Thousands are unpickled
# from the rule cache each run; a plain tuple is rebuilt by one opcode, where a named tuple calls
# its __new__ in Python and a frozen dataclass its __setstate__ (issue 17: 3 ms of a run)
_Phrase = tuple[str, tuple[str, ...], tuple[bool, ...]]


@cache
def _phrase(name: str, words: tuple[str, ...], stems: tuple[bool, ...]) -> _Phrase:
    """One object for equal phrases, with one object for each equal word: the rule cache pickles
    each object once, and the thousands of phrases that repeat across the indexes (a category's
    terms, the index of every category's terms, the rules' phrases) are unpickled once, not each
    time they appear (issue 17: a third less time reading the rule book)."""
    return (sys.intern(name), tuple(map(sys.intern, words)), stems)


def _split(phrase: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    words: list[str] = []
    stems: list[bool] = []
    for part in re.split(r"[\s-]+", phrase.strip().casefold()):
        stem = part.endswith("*")
        for word in (found.replace(".", "") for found in _WORD.findall(part.rstrip("*"))):
            words.append(word)
            stems.append(False)
        if stems:
            stems[-1] = stem
    return tuple(words), tuple(stems)


@lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """The casefolded words of ``text`` with their offsets: each phrase set (terms, cues, rule
    phrases) reads the same sentences, so they are split once (a pure memo of the text)."""
    return tuple((m.group().casefold().replace(".", ""), m.start(), m.end()) for m in _WORD.finditer(text))


class PhraseSet:
    """An index of named phrases."""

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        """``entries`` are (phrase, name) pairs; the name is reported with each match."""
        self._exact: dict[str, list[_Phrase]] = defaultdict(list)
        self._stems: dict[str, list[_Phrase]] = defaultdict(list)
        self._short_stems: list[_Phrase] = []
        self.size = 0
        for phrase, name in entries:
            words, stems = _split(phrase)
            if not words:
                continue
            entries_here = [_phrase(name, words, stems)]
            if len(words) == 2 and not stems[0] and all(len(w) >= _KEY and w.isalpha() for w in words):
                # a compound written closed finds the open phrase: "datacenters" is "data centers",
                # "website" is "web site"
                entries_here.append(_phrase(name, (words[0] + words[1],), (stems[1],)))
            for entry in entries_here:
                self.size += 1
                first, stem = entry[1][0], entry[2][0]
                if not stem:
                    self._exact[first].append(entry)
                elif len(first) >= _KEY:
                    self._stems[first[:_KEY]].append(entry)
                else:
                    self._short_stems.append(entry)
        for bucket in (*self._exact.values(), *self._stems.values()):
            bucket.sort(key=lambda p: -len(p[1]))
        self._short_stems.sort(key=lambda p: -len(p[1]))

    def __bool__(self) -> bool:
        return self.size > 0

    def __getstate__(self) -> dict[str, object]:
        # the memo of words seen is a run's own: the rule cache keeps the phrases only
        return {key: value for key, value in self.__dict__.items() if key != "_memo"}

    @cached_property
    def _memo(self) -> dict[str, tuple[_Phrase, ...]]:
        return {}

    def _candidates(self, word: str) -> tuple[_Phrase, ...]:
        """The phrases whose first word ``word`` is (or begins with), longest first within each
        kind: a policy repeats its words, so each distinct word is looked up once, not per place."""
        found = self._memo.get(word)
        if found is None:
            found = tuple(
                phrase
                for phrase in (
                    *self._exact.get(word, ()),
                    *self._stems.get(word[:_KEY], ()),
                    *self._short_stems,
                )
                if (word.startswith(phrase[1][0]) if phrase[2][0] else word == phrase[1][0])
            )
            self._memo[word] = found
        return found

    def finditer(self, text: str) -> Iterator[Found]:
        """Every phrase in ``text``, left to right, longest first, overlapping only on a determiner
        that ends one phrase and opens the next.

        Where phrases of several names are equally long at one place, each name is reported.
        """
        tokens = _tokens(text)
        memo = self._memo
        count = len(tokens)
        index = 0
        while index < count:
            candidates = memo.get(tokens[index][0])
            if candidates is None:
                candidates = self._candidates(tokens[index][0])
            if not candidates:
                index += 1
                continue
            size = 0
            names: list[str] = []
            for phrase in candidates:
                name, words, stems = phrase
                length = len(words)
                if length < size or (length == size and name in names):
                    continue
                if length == 1 or self._matches(words, stems, tokens, index, text):
                    if length > size:
                        size, names = length, []
                    names.append(name)
            if not size:
                index += 1
                continue
            start, end = tokens[index][1], tokens[index + size - 1][2]
            for name in names:
                yield Found(name, text[start:end], start, end)
            # a phrase that ends on a determiner ("use *your*") holds it only to read its verb as one:
            # the determiner may open the next phrase too ("use your address" is "use your" and
            # "your address")
            index += size - 1 if size > 1 and tokens[index + size - 1][0] in _DETERMINERS else size

    @staticmethod
    def _matches(
        words: tuple[str, ...],
        stems: tuple[bool, ...],
        tokens: tuple[tuple[str, int, int], ...],
        index: int,
        text: str,
    ) -> bool:
        """Whether a phrase's words after the first (which the candidates already match) follow at
        ``index``."""
        if index + len(words) > len(tokens):
            return False
        for offset in range(1, len(words)):
            word, token = words[offset], tokens[index + offset]
            if not (token[0].startswith(word) if stems[offset] else token[0] == word):
                return False
            gap = text[tokens[index + offset - 1][2] : token[1]]
            if _GAP.fullmatch(gap) is None:
                return False
        return True

    def search(self, text: str) -> Found | None:
        """The first phrase in ``text``, if any."""
        if not self.may_hold(text):
            return None
        return next(self.finditer(text), None)

    def may_hold(self, text: str) -> bool:
        """False when no phrase has all its words in ``text``. Most texts a search is asked about
        hold none: their words are read in C, as a set, without offsets, each casefolded once."""
        memo = self._memo
        words = {word.casefold().replace(".", "") for word in set(_WORD.findall(text))}
        for word in words:
            found = memo.get(word)
            if found is None:
                found = self._candidates(word)
            for _, phrase_words, stems in found:
                if all(
                    any(other.startswith(later) for other in words) if stem else later in words
                    for later, stem in zip(phrase_words[1:], stems[1:], strict=True)
                ):
                    return True
        return False


def another_sense(phrases: list[str], *, party_after: bool = True) -> re.Pattern[str]:
    """A pattern matching, where a term ends, one of ``phrases`` as the next words ("share *the
    same* design", "calendar *days*"); with ``party_after``, only when no "with" or "to" follows in
    the clause: a party named after a verb makes it its own sense again ("share the same data with
    partners")."""
    alternatives = "|".join(r"\s+".join(map(re.escape, p.casefold().split())) for p in phrases)
    guard = r"(?![^.;:]*\b(?:with|to)\s)" if party_after else ""
    return re.compile(rf"\s+(?:{alternatives})\b{guard}", re.IGNORECASE)
