"""A policy's title, version and date, read from the lines near its top; pure, no I/O."""

from __future__ import annotations

import datetime as dt
import re

from policydiff.text import strip_links

_TOP_LINES = 80  # normalised text keeps one blank line between blocks: about 40 lines of text
_TITLE_CANDIDATES = 5  # a title that is not a heading is one of the first lines or none
_TITLE_MAX = 100
_CUE_TO_DATE = 40  # "Last updated on [" between a cue and its date

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Markdown puts "_" next to words ("_Last updated: March 23, 2026_"): \b would not see a boundary there.
_START = r"(?<![^\W_])"
_END = r"(?![^\W_])"
_DATE = re.compile(
    rf"""{_START}(?:
        (?P<iso_y>\d{{4}})[-/.](?P<iso_m>\d{{1,2}})[-/.](?P<iso_d>\d{{1,2}})
      | (?P<mdy_m>{_MONTH})\.?\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})
      | (?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th|er)?(?:\s+of)?\s+(?P<dmy_m>{_MONTH})\.?,?\s+(?P<dmy_y>\d{{4}})
      | (?P<num_a>\d{{1,2}})(?P<sep>[/.])(?P<num_b>\d{{1,2}})(?P=sep)(?P<num_y>\d{{4}})
    ){_END}""",
    re.IGNORECASE | re.VERBOSE,
)
_CUE = re.compile(
    _START
    + r"(?:last\s+(?:updated|modified|revised|amended|changed|reviewed)|updated|modified|revised|amended"
    r"|effective|derni[eè]re\s+mise\s+[àa]\s+jour|mise?\s+[àa]\s+jour|en\s+vigueur)" + _END,
    re.IGNORECASE,
)
_VERSION = re.compile(
    rf"""{_START}(?:version|ver\.)\s*:?\s*v?(?P<word>\d{{1,3}}(?:\.\d{{1,3}})*)(?![\d/-]|\.\d|\s+(?:{_MONTH})\b){_END}
       | {_START}v(?P<short>\d{{1,3}}(?:\.\d{{1,3}})+){_END}""",
    re.IGNORECASE | re.VERBOSE,
)
_SHORT_VERSION_LINE = 80  # "operating system version 14" in a sentence is not the policy's version
_ATX = re.compile(r"^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_RULE = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def describe(text: str) -> tuple[str | None, str | None, str | None]:
    """``(title, version, date)`` of a policy; date as ISO ``YYYY-MM-DD``; None when not found."""
    lines = text.splitlines()
    top = lines[:_TOP_LINES]
    date = _date(top)
    return _title(top), _version(top, lines, date), date


def _title(top: list[str]) -> str | None:
    for index in range(len(top)):
        heading = _heading(top, index)
        if heading is not None and not _is_dateline(heading) and (title := _clean(heading)):
            return title
    texts = [line for line in top if re.search(r"[^\W_]", line) and not _LIST_MARKER.match(line)]
    for line in texts[:_TITLE_CANDIDATES]:
        if _looks_like_title(title := _clean(line)):
            return title
    return None


def _heading(lines: list[str], index: int) -> str | None:
    line = lines[index]
    if atx := _ATX.match(line):
        return atx.group(1)
    following = lines[index + 1] if index + 1 < len(lines) else ""
    is_text = line.strip() and not _SETEXT_RULE.match(line) and not _LIST_MARKER.match(line)
    return line if is_text and _SETEXT_RULE.match(following) else None


def _clean(line: str) -> str:
    """A heading or line as a reader says it: no Markdown markup, links or escapes."""
    line = strip_links(_IMAGE.sub(" ", line))
    line = _ESCAPE.sub(r"\1", line)
    line = line.replace("**", "").replace("__", "")
    return " ".join(line.strip(" #*_").split())


def _looks_like_title(line: str) -> bool:
    return (
        0 < len(line) <= _TITLE_MAX
        and any(char.isalpha() for char in line)
        and not line.endswith((".", ":", ";", ","))
        and not _is_dateline(line)
    )


def _is_dateline(line: str) -> bool:
    return _dated_cue(line, None) is not None or _version_in(line) is not None


def _date(top: list[str]) -> str | None:
    for index, line in enumerate(top):
        following = next((later for later in top[index + 1 :] if later.strip()), None)
        if found := _dated_cue(line, following):
            return found
    return None


def _dated_cue(line: str, following: str | None) -> str | None:
    """The date that follows a "Last updated"-like cue on the line (or starts the next line)."""
    for cue in _CUE.finditer(line):
        rest = line[cue.end() :]
        match = _DATE.search(rest[: _CUE_TO_DATE + 40])
        if match and match.start() <= _CUE_TO_DATE:
            return _iso(match)
        if following is not None and not re.search(r"\w", rest):
            # "Last updated:" alone, the date on the line below
            match = _DATE.search(following[:60])
            if match and match.start() <= 5:
                return _iso(match)
    return None


def _iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    if parts["iso_y"]:
        year, month, day = int(parts["iso_y"]), int(parts["iso_m"]), int(parts["iso_d"])
    elif parts["mdy_y"]:
        year, month, day = int(parts["mdy_y"]), _MONTHS[parts["mdy_m"].lower()], int(parts["mdy_d"])
    elif parts["dmy_y"]:
        year, month, day = int(parts["dmy_y"]), _MONTHS[parts["dmy_m"].lower()], int(parts["dmy_d"])
    else:
        first, second, year = int(parts["num_a"]), int(parts["num_b"]), int(parts["num_y"])
        if parts["sep"] == "." or first > 12:
            day, month = first, second  # 17.03.2026 and 17/03/2026 are day first
        elif second > 12:
            month, day = first, second  # 03/17/2026
        else:
            return None  # 03/04/2026: a wrong date is worse than none
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _version_in(line: str) -> str | None:
    match = _VERSION.search(line)
    if match is None:
        return None
    if len(line) > _SHORT_VERSION_LINE and match.start() > 3:
        return None
    return "v" + (match.group("word") or match.group("short"))


def _version(top: list[str], lines: list[str], date: str | None) -> str | None:
    for line in top:
        if version := _version_in(line):
            return version
    if date is None:
        return None
    # A "Version History" list names the current version next to the date the top shows.
    for line in lines:
        match = _VERSION.search(line)
        if match and any(_iso(found) == date for found in _DATE.finditer(line)):
            return "v" + (match.group("word") or match.group("short"))
    return None
