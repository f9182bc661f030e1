"""A policy's title, version and date, read from the lines near its top; pure, no I/O."""

from __future__ import annotations

import datetime as dt
import re

from policydiff.dates import MONTH_NUMBERS, dates_in, find_stated_date, stated_date
from policydiff.lazy_re import lazy
from policydiff.text import strip_links

_TOP_LINES = 80  # normalised text keeps one blank line between blocks: about 40 lines of text
_TITLE_CANDIDATES = 5  # a title that is not a heading is one of the first lines or none
_TITLE_MAX = 100

_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
# Markdown puts "_" next to words ("_Version 2.1_"): \b would not see a boundary there.
_START = r"(?<![^\W_])"
_END = r"(?![^\W_])"
_VERSION = lazy(
    rf"""{_START}(?:version|ver\.)\s*:?\s*v?(?P<word>\d{{1,3}}(?:\.\d{{1,3}})*)(?![\d/-]|\.\d|\s+(?:{_MONTH})\b){_END}
       | {_START}v(?P<short>\d{{1,3}}(?:\.\d{{1,3}})+){_END}""",
    re.IGNORECASE | re.VERBOSE,
)
# What every match of _VERSION holds, found without its look-arounds: about seven times faster
# over the lines of a long policy, which mostly hold no version at all
_VERSION_WORD = lazy(r"ver(?:sion|\.)|v\d", re.IGNORECASE)
_SHORT_VERSION_LINE = 80  # "operating system version 14" in a sentence is not the policy's version
_ATX = lazy(r"^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_RULE = lazy(r"^ {0,3}(?:=+|-+)\s*$")
_LIST_MARKER = lazy(r"^\s*(?:[-*+•]|\d+[.)])\s")
_IMAGE = lazy(r"!\[[^\]]*\]\([^)]*\)")
_ESCAPE = lazy(r"\\([!-/:-@\[-`{-~])")


def describe(text: str) -> tuple[str | None, str | None, str | None]:
    """``(title, version, date)`` of a policy; date as ISO ``YYYY-MM-DD``; None when not found."""
    lines = text.splitlines()
    top = lines[:_TOP_LINES]
    day = stated_date(text)
    date = day.isoformat() if day else None
    return _title(top), _version(top, lines, day), date


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
    return find_stated_date(line) is not None or _version_in(line) is not None


def _version_in(line: str) -> str | None:
    match = _VERSION.search(line)
    if match is None:
        return None
    if len(line) > _SHORT_VERSION_LINE and match.start() > 3:
        return None
    return "v" + (match.group("word") or match.group("short"))


def _version(top: list[str], lines: list[str], date: dt.date | None) -> str | None:
    for line in top:
        if version := _version_in(line):
            return version
    if date is None:
        return None
    # A "Version History" list names the current version next to the date the top shows.
    for line in lines:
        match = _VERSION.search(line) if _VERSION_WORD.search(line) else None
        if match and date in dates_in(line):
            return "v" + (match.group("word") or match.group("short"))
    return None
