"""Numbers with units in policy text: periods of time (in days) and ages (in years)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from policydiff.lazy_re import lazy

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "forty-five": 45,
    "sixty": 60,
    "ninety": 90,
    "seventeen": 17,
    "nineteen": 19,
    "twenty-four": 24,
    "forty": 40,
    "fifty": 50,
    "a": 1,
    "an": 1,
    # half a period: "half a year" is six months, not a year
    "half a": 0.5,
    "half an": 0.5,
}
# a month is a twelfth of a year: "12 months" and "one year" are the same period, not a longer one
_DAYS_PER = {"day": 1.0, "week": 7.0, "month": 365.0 / 12, "year": 365.0, "hour": 1 / 24}
# a business day is about 7/5 of a calendar day: "15 business days" is three weeks
_BUSINESS = 7 / 5

_NUMBER = r"(\d+(?:[.,]\d+)?|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_DURATION = lazy(
    _NUMBER + r"\s*(?:\(\d+\)\s*)?(?:-\s*)?(business|working|calendar)?\s*(day|week|month|year|hour)s?\b",
    re.IGNORECASE,
)
# what every period ends with (as ``_DURATION`` ends)
DURATION_UNIT = lazy(r"(?:day|week|month|year|hour)s?\b", re.IGNORECASE)
# a word each match of a pattern holds, casefolded: a period its unit, a period of none one of the
# words of each of its branches, an age a digit, adulthood its noun
DURATION_UNITS = ("day", "week", "month", "year", "hour")
_UNITS = DURATION_UNITS
_AT_ONCE_WORDS = ("immediately", "instantly", "once", "away", "forthwith", "session", "browser")
_DIGITS = tuple("0123456789")
_ADULTS_WORDS = ("adult", "majority")
# how far before its unit a period is looked for; at most this many words stand between a period's
# first character and its unit ("half a (6) - business"), so a window holding more cannot cut one
_PERIOD_REACH = 96
_PERIOD_WORDS = 6
# a period of none: "deleted immediately" → "within 30 days" keeps the data longer
_AT_ONCE = lazy(
    r"\b(?:immediately|instantly|at\s+once|right\s+away|forthwith)\b"
    # a cookie that lasts the browser session: a table's expiry cell "Session", "end of session"
    # (ePrivacy Art. 5(3); ICO cookie guidance: session cookies expire when the browser closes)
    r"|(?:(?<=\|)|^)[ \t]*(?:browser\s+)?session[ \t]*(?=\||$)"
    r"|\bend\s+of\s+(?:the\s+|your\s+)?(?:browser\s+)?session\b"
    # … said by the browser's closing ("cookies that expire when you close your browser")
    r"|\b(?:when|once|as\s+soon\s+as)\s+(?:you\s+close\s+(?:your|the)\s+browser|(?:your|the)\s+browser\s+(?:closes|is\s+closed))\b",
    re.IGNORECASE | re.MULTILINE,
)
# the ages a policy spells out, in words (COPPA's 13, GDPR Art. 8's 13 to 16, adulthood's 18 and 21)
_AGE_NUMBERS = {
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty-one": 21, "twenty one": 21, "twenty": 20,
}  # fmt: skip
_AGE_WORDS = tuple(sorted(_AGE_NUMBERS, key=len, reverse=True))
_AGE = lazy(
    # (… or the age a user must be: "you must be 18 to use the app")
    # ("the minimum age to use our service is 13": the age's noun and its number a few words apart;
    # "13, *or 16* in the EEA": another age for some users, GDPR Art. 8(1))
    # ("as young as 11": the youngest age let in)
    r"\b(?:under|below|younger\s+than|over|older\s+than|at\s+least|aged?|age\s+of|as\s+young\s+as"
    r"|minimum\s+age(?:\s+(?!is\b|of\b)[\w-]+){0,5}?\s+(?:is|of)"
    r"|(?:must|need\s+to|have\s+to)\s+be(?=\s+\d{1,2}\s+(?:to|in\s+order\s+to|before)\b))"
    # (… or joined to it, the group named by its age: "under-13s", "over 18s")
    # (not the first digits of a larger number: "over 2,000 people")
    # (… in words, with the figure after it as legal drafting gives it: "the age of sixteen (16)")
    r"(?:\s+|-)(?:the\s+age\s+of\s+)?(?:(?P<word>"
    + "|".join(_AGE_WORDS)
    + r")\s*(?:\(\s*\d{1,2}\s*\))?(?!\w)"
    r"|(?:[a-z]+(?:[\s-][a-z]+)?\s*\(\s*)?(\d{1,2})(?![.,]\d)(?:\s*\))?s?\b)"
    r"|\b(\d{1,2})\s*(?:years?\s+old|years\s+of\s+age|\+"
    # "18 or older", "16 years and over": an age threshold, not a period of 18 years
    r"|(?:\s+years?)?\s+(?:or|and)\s+(?:older|over|above|up)\b)"
    # … and an age given as the alternative to one just stated: "13, or *16* in the EEA"
    r"|(?:(?<=\d,\sor\s)|(?<=\d\sor\s))(\d{1,2})(?=\s+(?:in|for|where)\b)",
    re.IGNORECASE,
)


def said_once(folded: str) -> str:
    """Folded text with a number spelled out and then given in figures ("thirty 30 days", folded
    from "thirty (30) days") said once, in figures: the legal drafting habit names one number."""
    return _SPELLED_TWICE.sub(_figures_if_same, folded)


def _figures_if_same(match: re.Match[str]) -> str:
    word, figures = match.group(1), match.group(2)
    return figures if _WORDS.get(word.replace(" ", "-")) == int(figures) else match.group()


_SPELLED_TWICE = lazy(
    r"\b("
    + "|".join(w.replace("-", " ") for w in sorted(_WORDS, key=len, reverse=True) if len(w) > 2)
    + r") (\d+)\b"
)


# an age said as adulthood ("intended for adults", "the age of majority"): 18, the age of majority
# in most jurisdictions (UN Convention on the Rights of the Child, Art. 1: a child is under 18)
_ADULTS = lazy(
    r"\b(?:for|only|to)\s+adults\b|\badults\s+only\b|\badult\s+users\b|\b(?:the\s+)?age\s+of\s+majority\b",
    re.IGNORECASE,
)
_MAJORITY = 18.0


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number read with its unit: a duration in days or an age in years."""

    unit: str  # "duration" (value in days) or "age" (value in years)
    value: float
    text: str
    start: int
    end: int

    def shifted(self, offset: int) -> Quantity:
        return Quantity(self.unit, self.value, self.text, self.start + offset, self.end + offset)


def _number(word: str) -> float:
    return float(word.replace(",", ".")) if word[0].isdigit() else float(_WORDS[word.casefold()])


def value_of(word: str) -> float | None:
    """The number one word says, in figures or spelled out ("6", "six"), else None."""
    if word[:1].isdigit():
        try:
            return _number(word)
        except ValueError:
            return None
    value = _WORDS.get(word.casefold())
    return None if value is None else float(value)


def _inside(q: Quantity, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    at = bisect_right(starts, q.start) - 1
    return at >= 0 and q.end <= spans[at][1]


def number_spellings(q: Quantity) -> tuple[str, ...]:
    """The ways the number of ``q`` is written ("12", "twelve"), to find it again in another text."""
    found = _NUMBER_AT.match(q.text)
    if found is None:
        return ()
    value = value_of(found.group(1))
    if value is None:
        return ()
    words = tuple(word for word, number in _WORDS.items() if number == value and len(word) > 2)
    figure = str(int(value)) if value == int(value) else found.group(1)
    return (figure, *words)


_NUMBER_AT = lazy(r"\W*" + _NUMBER, re.IGNORECASE)


def _reports_a_past_window(text: str, start: int, end: int) -> bool:
    """Whether a period is the past window a disclosure reports on ("In the preceding 12 months, we
    have collected …": CCPA § 1798.110(c), § 1798.115(c)): when, not how long anything is done."""
    if _PAST_WINDOW_BEFORE.search(text, max(0, start - 30), start) is None:
        return False
    return _REPORTED.search(text, max(0, start - 80), min(len(text), end + 80)) is not None


# "in the past", "during the preceding", "over the last" right before the period
_PAST_WINDOW_BEFORE = lazy(
    r"\b(?:in|during|over|within|for)\s+the\s+(?:last|past|preceding|previous|prior)\s+$", re.IGNORECASE
)
# what such a window reports: what was done in it ("we have collected", "categories sold")
_REPORTED = lazy(r"\b(?:collected|disclosed|sold|shared|received|obtained)\b", re.IGNORECASE)


def _periods(text: str) -> Iterator[re.Match[str]]:
    """What ``_DURATION.finditer(text)`` finds, read only before each unit: the number words make
    that pattern slow to try at every position of a clause, and a period ends with its unit."""
    position = 0
    for unit in DURATION_UNIT.finditer(text):
        if unit.start() < position:
            continue
        low = max(position, unit.start() - _PERIOD_REACH)
        if low > position and len(text[low : unit.start()].split()) <= _PERIOD_WORDS:
            low = position  # the window may cut a period that starts before it (a run of spaces)
        # (one character past the unit: the pattern's closing word boundary reads it)
        match = _DURATION.search(text, low, unit.end() + 1)
        if match is not None:
            yield match
            position = match.end()


# a duration read per a longer one: a rate or an availability, no period
_A_RATE = lazy(r"\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b", re.IGNORECASE)
_PER = lazy(r"(?:a|per|each|every)\s", re.IGNORECASE)  # ("seven days *a week*": the second half of a rate)
_RATE_BEFORE = lazy(r"\b(?:days?|hours?|times?|nights?)\s+$", re.IGNORECASE)


def quantities(text: str) -> list[Quantity]:
    """Durations and ages in a text, in order."""
    found: list[Quantity] = []
    # (each pattern below is slow to try at every position of a clause, and most clauses hold none
    # of the words it needs: an ASCII text is looked at for them first, in C)
    lowered = text.lower() if text.isascii() else None

    def holds(words: tuple[str, ...]) -> bool:
        return lowered is None or any(word in lowered for word in words)

    for match in _periods(text) if holds(_UNITS) else ():
        if _reports_a_past_window(text, match.start(), match.end()):
            continue
        if _A_RATE.match(text, match.end()) or (
            _PER.match(match.group()) and _RATE_BEFORE.search(text, max(0, match.start() - 12), match.start())
        ):
            continue  # "seven days a week", "24 hours a day": how often or when, no length of time
        days = _number(match.group(1)) * _DAYS_PER[match.group(3).casefold()]
        if match.group(2) and match.group(2).casefold() in ("business", "working"):
            days *= _BUSINESS
        found.append(Quantity("duration", days, match.group(), match.start(), match.end()))
    for match in _AT_ONCE.finditer(text) if holds(_AT_ONCE_WORDS) else ():
        words = match.group().strip()  # a cell's "Session" without the spaces around it
        start = match.start() + match.group().index(words)
        found.append(Quantity("duration", 0.0, words, start, start + len(words)))
    for match in _AGE.finditer(text) if holds(_DIGITS) or holds(_AGE_WORDS) else ():
        word = match.group("word")
        years = _AGE_NUMBERS[word.casefold()] if word else match.group(2) or match.group(3) or match.group(4)
        found.append(Quantity("age", float(years), match.group(), match.start(), match.end()))
    for match in _ADULTS.finditer(text) if holds(_ADULTS_WORDS) else ():
        found.append(Quantity("age", _MAJORITY, match.group(), match.start(), match.end()))
    # "18 years or older" is an age: the period read inside it goes (ages do not overlap one another:
    # the one starting last at or before a period is the only one that may hold it)
    ages = sorted((q.start, q.end) for q in found if q.unit == "age")
    starts = [start for start, _ in ages]
    found = [q for q in found if q.unit == "age" or not _inside(q, ages, starts)]
    found.sort(key=lambda q: q.start)
    return found
