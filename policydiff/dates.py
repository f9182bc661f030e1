"""Dates as a policy writes them: the one table of month names, for reading and for writing.

``long_date`` writes "April 20, 2026" whatever the process locale (notices, history, redlines);
``MONTH_NUMBERS`` reads the month names policies use in their "Last updated" lines, and
``stated_date`` finds the date a policy states about itself (pure: no I/O, no clock).

Numeric dates are read only when they cannot be misread: ``2026-04-20`` (year first) always;
``20.04.2026`` is day first (dots are the European habit); ``04/20/2026`` and ``20/04/2026`` are read
when one number is above 12 or both are equal, and ``03/04/2026`` (March 4 or April 3) is ambiguous:
it is found, with no day, so the caller can say so rather than guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from policydiff.lazy_re import lazy

__all__ = [
    "MONTHS",
    "MONTH_NUMBERS",
    "StatedDate",
    "dates_in",
    "find_stated_date",
    "long_date",
    "stated_date",
]

MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)

# English names and abbreviations, and the French names policies of EU services carry
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTHS, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTHS, start=1)},
    "sept": 9,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip


def long_date(day: dt.date) -> str:
    """``April 20, 2026``, whatever the process locale."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


# ---------------------------------------------------------------------- reading a stated date

_TOP_LINES = 80  # normalised text keeps one blank line between blocks: about 40 lines of text
_BARE_DATE_LINES = 12  # a date alone on a line counts only among the first few lines
_CUE_TO_DATE = 40  # "Last updated on [" between a cue and its date
_LINE_MAX = 100  # below the top, only a short line that starts with a strong cue states the date

_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
# Markdown puts "_" next to words ("_Last updated: March 23, 2026_"): \b would not see a boundary there.
_START = r"(?<![^\W_])"
_END = r"(?![^\W_])"
_DATE = lazy(
    rf"""{_START}(?:
        (?P<iso_y>\d{{4}})(?P<iso_sep>[-/.])(?P<iso_m>\d{{1,2}})(?P=iso_sep)(?P<iso_d>\d{{1,2}})
      | (?P<mdy_m>{_MONTH})\.?\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})
      | (?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th|er)?(?:\s+of)?[\s-]+
        (?P<dmy_m>{_MONTH})\.?,?[\s-]+(?P<dmy_y>\d{{4}})
      | (?P<num_a>\d{{1,2}})(?P<sep>[-/.])(?P<num_b>\d{{1,2}})(?P=sep)(?P<num_y>\d{{4}})
    ){_END}""",
    re.IGNORECASE | re.VERBOSE,
)
_UPDATED = (
    r"last\s+(?:updated|modified|revised|amended|changed|reviewed|update|revision|modification)"
    r"|date\s+of\s+(?:the\s+)?last\s+(?:revision|update|modification|change)"
    r"|(?:version|revision|publication)\s+date|date\s+(?:updated|modified|revised)"
    r"|(?:updated|modified|revised|amended)(?:\s+on|\s+as\s+of)?"
    r"|derni[eè]re\s+(?:mise\s+[àa]\s+jour|modification)|mise?\s+[àa]\s+jour(?:\s+le)?"
)
_EFFECTIVE = r"effective(?:\s+date|\s+as\s+of|\s+from|\s+on)?|(?:entr[ée]e\s+)?en\s+vigueur"
_CUE = lazy(rf"{_START}(?:(?P<updated>{_UPDATED})|(?P<effective>{_EFFECTIVE})){_END}", re.IGNORECASE)
_MARKUP = lazy(r"[\s*_#>|\\\[\](){}~`]+")  # what Markdown, tables and brackets put around a date
_LEADING = " \t*_#>|\\[]()~`•-"  # what may come before a cue that starts a line: markup, a bullet
_DATE_LABEL = lazy(r"^dated?\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class StatedDate:
    """The date a policy states about itself, as it states it."""

    day: dt.date | None  # None when the numbers can be read both ways (03/04/2026)
    written: str  # the date as the policy writes it: "April 20, 2026", "03/04/2026"
    cue: str  # the words before it as written ("Last Modified"), "" for a date alone at the top
    # "updated" (Last updated, Revised on…), "effective", "mentioned" (a lone "updated" inside a
    # sentence: "we updated our July 18 policy" may name the version before), or "date" (a date alone)
    kind: str


def stated_date(text: str) -> dt.date | None:
    """The date ``text`` (a policy) states about itself; None when it states none that reads one way."""
    found = find_stated_date(text)
    return found.day if found else None


def find_stated_date(text: str) -> StatedDate | None:
    """The date a policy states about itself, the ambiguous one included (its ``day`` is None).

    Looked for, in this order, the first one that reads one way winning: a "Last updated"-like
    line (updated, modified, revised, version date, date of last revision…) near the top, then
    one further down that starts a short line (some policies end with it); then the same for an
    "Effective (date)" line, since a policy that states both was revised on its "Last updated"
    date; then a lone "updated" inside a sentence near the top; then a date alone on one of the
    first lines ("[March 17, 2026]", "**April 20, 2026**").
    """
    lines = text.splitlines()
    top, rest = lines[:_TOP_LINES], lines[_TOP_LINES:]
    candidates = _preferred(_cued(top, anywhere=True), _cued(rest, anywhere=False), _bare(top))
    ambiguous = None
    for candidate in candidates:
        if candidate.day is not None:
            return candidate
        ambiguous = ambiguous or candidate
    return ambiguous


def dates_in(line: str) -> Iterator[dt.date]:
    """Every date of ``line`` that reads one way ("Apr. 20, 2026", "20 April 2026", "2026-04-20")."""
    for match in _DATE.finditer(line):
        if (day := _day(match)) is not None:
            yield day


def _preferred(
    top: list[StatedDate], below: list[StatedDate], bare: list[StatedDate]
) -> Iterator[StatedDate]:
    for kind in ("updated", "effective", "mentioned"):
        yield from (found for found in (*top, *below) if found.kind == kind)
    yield from bare


def _cued(lines: list[str], *, anywhere: bool) -> list[StatedDate]:
    """The dates that follow a cue on a line (or start the next line); below the top, only a short line
    that starts with a cue of more than one word ("Last updated", "Effective date") counts."""
    found: list[StatedDate] = []
    for index, line in enumerate(lines):
        if not anywhere and (len(line) > _LINE_MAX or not _starts_with_strong_cue(line)):
            continue
        following = next((later for later in lines[index + 1 :] if later.strip()), None)
        found.extend(_after_cues(line, following))
    return found


def _starts_with_strong_cue(line: str) -> bool:
    cue = _CUE.search(line)
    before = line[: cue.start()].strip(_LEADING) if cue else "?"
    return cue is not None and not before and len(cue.group().split()) > 1


def _after_cues(line: str, following: str | None) -> Iterator[StatedDate]:
    for cue in _CUE.finditer(line):
        kind = "effective" if cue.group("effective") else "updated"
        if kind == "updated" and len(cue.group().split()) == 1 and line[: cue.start()].strip(_LEADING):
            kind = "mentioned"
        rest = line[cue.end() :]
        match = _DATE.search(rest[: _CUE_TO_DATE + 40])
        if match and match.start() <= _CUE_TO_DATE:
            yield from _stated(match, cue.group(), kind)
        elif following is not None and not re.search(r"\w", rest):
            # "Last updated:" alone, the date on the line below
            match = _DATE.search(following[:60])
            if match and match.start() <= 5:
                yield from _stated(match, cue.group(), kind)


def _bare(top: list[str]) -> list[StatedDate]:
    """A date alone on one of the first lines ("[March 17, 2026]", "**April 20, 2026**", "Date: …")."""
    found: list[StatedDate] = []
    for line in top[:_BARE_DATE_LINES]:
        match = _DATE.fullmatch(_DATE_LABEL.sub("", _MARKUP.sub(" ", line).strip()))
        if match:
            found.extend(_stated(match, "", "date"))
    return found


def _stated(match: re.Match[str], cue: str, kind: str) -> Iterator[StatedDate]:
    """The match as a stated date: none when it is no date at all (February 30, 2026)."""
    day = _day(match)
    if day is not None or _ambiguous(match):
        yield StatedDate(day, match.group(), " ".join(cue.split()), kind)


def _ambiguous(match: re.Match[str]) -> bool:
    """03/04/2026: two numbers that can each be the month, written with slashes or dashes."""
    first, second = match.group("num_a"), match.group("num_b")
    if first is None or second is None or match.group("sep") == ".":
        return False
    return int(first) != int(second) and 1 <= int(first) <= 12 and 1 <= int(second) <= 12


def _day(match: re.Match[str]) -> dt.date | None:
    """The date a match reads as; None when it reads two ways or is no date (February 30)."""
    parts = match.groupdict()
    if parts["iso_y"]:
        year, month, day = int(parts["iso_y"]), int(parts["iso_m"]), int(parts["iso_d"])
    elif parts["mdy_y"]:
        year, month, day = int(parts["mdy_y"]), MONTH_NUMBERS[parts["mdy_m"].lower()], int(parts["mdy_d"])
    elif parts["dmy_y"]:
        year, month, day = int(parts["dmy_y"]), MONTH_NUMBERS[parts["dmy_m"].lower()], int(parts["dmy_d"])
    else:
        first, second, year = int(parts["num_a"]), int(parts["num_b"]), int(parts["num_y"])
        if parts["sep"] == "." or first > 12 or first == second:
            day, month = first, second  # 17.03.2026, 17/03/2026, 04/04/2026
        elif second > 12:
            month, day = first, second  # 03/17/2026
        else:
            return None  # 03/04/2026: March 4 or April 3; a wrong date is worse than none
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
