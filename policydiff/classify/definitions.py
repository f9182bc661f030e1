"""Definitions in a policy: the term a clause defines ('"Personal Data" means …') and what it says
the term means."""

from __future__ import annotations

import re

from policydiff.lazy_re import lazy
from policydiff.text import LEADING_MARKER, fold

__all__ = ["DEFINING_WORD", "defined_term", "definition_body"]

_DEFINES = lazy(
    r"^\W*(?!(?:This|That|It|These|Those|Which|What|Such|Doing|Each|Any|All|Everything|Nothing)\b)"
    r"(?:[\"“](?P<quoted>[A-Za-z][\w'/ -]{0,60}?)[\"”]"  # a quoted term, whatever its case
    # (a capitalised name may join its words: "Products and Services", "Terms of Use")
    # (a name on one line: an address block's "LINE Corporation / Attn: …" defines nothing)
    r"|[\"']?(?P<term>[A-Z][\w'/-]*(?:[^\S\n]+(?:(?:and|or|of|the|&)[^\S\n]+)?[A-Z][\w'/-]*){0,4})[\"']?)"
    r"(?:[^\S\n]*\([^)]*\))?[^\S\n]*"
    r"(?:means|refers to|shall mean|is defined as|includes|:)"
    # … or a term in sentence case, only before a verb that defines ("Personal data means …")
    r"|^\W*(?!(?:This|That|It|These|Those|Which|What|Such|Doing|Each|Any|All|Everything|Nothing)\b)"
    r"(?P<plain>[A-Z][\w'/-]*(?:[^\S\n]+[a-z][\w'/-]*){0,3}?)[^\S\n]+"
    r"(?:means|refers to|shall mean|is defined as)\b",
)
DEFINING_WORD = lazy(r"\bmeans\b|\brefers to\b|\bdefin|\bincludes?\b")


def defined_term(text: str) -> str | None:
    """The term a clause defines: '"Personal Data" means …', 'User Content: …'."""
    match = _definition(text)
    return (match.group("quoted") or match.group("term") or match.group("plain")) if match else None


def definition_body(text: str) -> str | None:
    """What a definition says its term means (the words after "means" or ":"), folded; None when
    ``text`` defines nothing."""
    match = _definition(text)
    return fold(match.string[match.end() :]) if match else None


def _definition(text: str) -> re.Match[str] | None:
    """The match of a definition's opening, on the text without its number and bold marks."""
    return _DEFINES.match(LEADING_MARKER.sub("", text, count=1).replace("**", ""))
