"""Definitions in a policy: the term a clause defines ('"Personal Data" means …') and what it says
the term means."""

from __future__ import annotations

import re

from policydiff.lazy_re import lazy
from policydiff.text import LEADING_MARKER, fold

__all__ = ["DEFINING_WORD", "defined_term", "definition_body"]

_DEFINES = lazy(
    r"^\W*(?:[\"“](?P<quoted>[A-Za-z][\w'/ -]{0,60}?)[\"”]"  # a quoted term, whatever its case
    # (a capitalised name may join its words: "Products and Services", "Terms of Use")
    r"|[\"']?(?P<term>[A-Z][\w'/-]*(?:\s+(?:(?:and|or|of|the|&)\s+)?[A-Z][\w'/-]*){0,4})[\"']?)(?:\s*\([^)]*\))?\s*"
    r"(?:means|refers to|shall mean|is defined as|includes|:)",
)
DEFINING_WORD = lazy(r"\bmeans\b|\brefers to\b|\bdefin|\bincludes?\b")


def defined_term(text: str) -> str | None:
    """The term a clause defines: '"Personal Data" means …', 'User Content: …'."""
    match = _definition(text)
    return (match.group("quoted") or match.group("term")) if match else None


def definition_body(text: str) -> str | None:
    """What a definition says its term means (the words after "means" or ":"), folded; None when
    ``text`` defines nothing."""
    match = _definition(text)
    return fold(match.string[match.end() :]) if match else None


def _definition(text: str) -> re.Match[str] | None:
    """The match of a definition's opening, on the text without its number and bold marks."""
    return _DEFINES.match(LEADING_MARKER.sub("", text, count=1).replace("**", ""))
