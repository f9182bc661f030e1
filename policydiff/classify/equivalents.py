"""Wordings that mean the same (``ontology/equivalents.toml``): one for another is editorial.

Read on folded text (``text.fold``): each form of a group is replaced by the group's first
form, longest forms first, so "we'll" and "we will", "e.g." and "for example" read alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from policydiff.classify.numbers import said_once
from policydiff.classify.readers import kept
from policydiff.lazy_re import lazy

__all__ = ["american", "canonical"]

_FILE = Path(__file__).with_name("ontology") / "equivalents.toml"


Forms = tuple[re.Pattern[str], dict[str, str]]
# read once per process, or come from the rule cache (``readers.kept``)
FORMS: list[Forms] = []


def forms() -> Forms:
    """The pattern of every equivalent form, and the group's first form of each."""
    if not FORMS:
        handed = kept("equivalents", tuple)
        FORMS.append(handed if handed is not None else _read())
    return FORMS[0]


def _read() -> Forms:
    import tomllib

    data = tomllib.loads(_FILE.read_text(encoding="utf-8"))
    to_first: dict[str, str] = {}
    for table in data.values():
        for group in table["groups"]:
            for form in group[1:]:
                to_first.setdefault(form, group[0])
    return re.compile(rf"(?<!\S)(?:{_trie(to_first)})(?!\S)"), to_first


def _trie(forms: Iterable[str]) -> str:
    """One alternation of ``forms`` as a tree of their letters: at each letter only the forms that
    go on with the next are tried (a flat alternation of some thousand forms tried each at every
    word). A form that goes on is tried before one that ends there, so the longest form that ends
    where a word ends is read ("including for example" is one form, not "including" then "for
    example"), as the flat alternation did with its forms longest first."""
    tree: dict[str, Any] = {}
    for form in forms:
        node = tree
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}  # a form ends here

    def written(node: dict[str, Any]) -> str:
        goes_on = [re.escape(char) + written(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            goes_on.append("")  # (ending here is tried last: a longer form first)
        if len(goes_on) == 1:
            return goes_on[0]
        return "(?:" + "|".join(goes_on) + ")"

    return written(tree)


@lru_cache(maxsize=8192)
def canonical(folded: str) -> str:
    """``folded`` (the output of ``text.fold``) with every equivalent form read as its group's first."""
    # (a pure memo: the judgement compares the same clause's words by several rules)
    pattern, to_first = forms()
    read = pattern.sub(lambda match: to_first[match.group()], folded)
    # a form read may complete a longer one ("when we're required to do so by law": "we are", then
    # the legal duty): read again until nothing changes (a form never reads as a longer one twice)
    for _ in range(3):
        again = pattern.sub(lambda match: to_first[match.group()], read)
        if again == read:
            break
        read = again
    # a form spelled out with its short one after it ("General Data Protection Regulation (GDPR)")
    # reads as the form twice: said once
    read = _restated(to_first).sub(r"\1", read)
    read = said_once(read)  # "thirty (30) days" is "30 days"
    read = american(read)  # "personalise" is "personalize"
    # "players' data", "the data of players": data about players, said one way
    read = _DATA_OF.sub(r"\1 about ", _OWNER_FIRST.sub(r"\2 about \1", read))
    return _EXCEPT_AS_ONLY.sub(_as_only, read)


# whose the data is, a class of people, said before it ("players' data", which reads as "players
# data") or after it with "of" ("the data of players"), is one owner of one data: read as "data
# about players" (the plain-language group above reads "regarding" and "concerning" as "about")
_DATA_NOUNS = r"(data|details|records|files|content|messages|communications)"
_PEOPLE = (
    r"(?:(?:our|your|their|the|a|an|all)\s+)?(?:users?|members?|players?|customers?|clients?|children|child|kids?"
    r"|employees?|candidates?|applicants?|patients?|students?|visitors?|subscribers?|guests?|contacts?"
    r"|friends?|followers?|parents?|minors?|teens?|consumers?|individuals?|people|persons?)"
)
_OWNER_FIRST = lazy(rf"\b({_PEOPLE})(?:\s+s)?\s+{_DATA_NOUNS}\b")
_DATA_OF = lazy(rf"(?:\bthe\s+)?\b{_DATA_NOUNS}\s+of\s+(?={_PEOPLE}\b)")


def american(text: str) -> str:
    """Casefolded words in their American spelling ("organisational" → "organizational",
    "behaviour" → "behavior"): one word in two spellings, never a different word."""
    for british, spelled in _SPELLINGS:
        text = british.sub(spelled, text)
    return text


# British spellings and their American forms (Oxford -ise/-yse, -our, -tre, -ence, -ogue); read one
# way on both sides, they join no two English words but the spellings of one
# (each read at a word's ends, so a whole text is read as its words are)
_SPELLINGS = (
    (lazy(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|ational|er|ers)\b"), r"iz\1"),
    (lazy(r"(?<=[a-z]{3})ys(e|es|ed|ing)\b"), r"yz\1"),
    (lazy(r"\b(behavi|endeav|fav|hon|lab|neighb|harb|rum|col)our"), r"\1or"),
    (lazy(r"\b(cen|li|thea)tre"), r"\1ter"),
    (lazy(r"\b(licen|defen|offen)ce"), r"\1se"),
    (lazy(r"\b(catal|dial)ogue"), r"\1og"),
)


def _as_only(match: re.Match[str]) -> str:
    modal = f"{match.group('modal')} " if match.group("modal") else ""
    return f"{modal}{match.group('verb')} {match.group('object')}only "


_RESTATED: dict[int, re.Pattern[str]] = {}


def _restated(to_first: dict[str, str]) -> re.Pattern[str]:
    """The pattern of a group's first form said twice in a row (built once per table of forms)."""
    found = _RESTATED.get(id(to_first))
    if found is None:
        # (longest first; the same source in every run, for the rule cache to keep its program)
        firsts = sorted(set(to_first.values()), key=lambda first: (-len(first), first))
        alternation = "|".join(re.escape(first) for first in firsts)
        found = _RESTATED[id(to_first)] = lazy(rf"(?<!\S)({alternation}) \1(?!\S)")
    return found


# A denial with an exception is an affirmation with a limit: "we do not share it except as described"
# says what "we share it only as described" says (the exception is the only case the practice holds;
# PolicyLint reads both as one statement with a condition). Read on folded words.
# "for any (other) purpose other than X" is "only for X": the purpose words say the practice's scope.
_EXCEPT_AS_ONLY = lazy(
    r"\b(?:(?P<modal>will|shall) |do |does )not (?P<verb>[a-z]+) (?P<object>(?:[a-z]+ ){0,6}?)"
    r"(?:for any (?:other )?purposes? |for anything |in any way )?(?:except|other than) "
)


@lru_cache(maxsize=8192)
def word_forms(word: str) -> frozenset[str]:
    """A lower-case word without its inflection ("logging", "logged", "logs" → "log"; "graduation"
    → "graduate") or its British spelling ("organisational" → "organizational"), and with the "e"
    an "-ing", "-ed", "-es" or "-ion" took away given back ("using" → "using", "use"; "shares" →
    "shar", "share"): enough to see
    one word in two forms ("before using your camera", "before we use your camera"), never used to
    find a term."""
    word = american(word)
    restored = ""
    # (… and the noun a verb makes with "-ion": "after graduation" is "after you graduate",
    # "before deletion" "before you delete it")
    for ending in ("ions", "ion", "ing", "ed", "es", "s"):
        if len(word) > len(ending) + (4 if ending.startswith("ion") else 2) and word.endswith(ending):
            word = word[: -len(ending)]
            restored = word + "e" if ending in ("ions", "ion", "ing", "ed", "es") else ""
            break
        if ending in ("ing", "ed") and len(word) == len(ending) + 2 and word.endswith(ending):
            restored = word[: -len(ending)] + "e"  # "used" → "use", "eyed" → "eye"
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "logg" of "logging" → "log"
    return frozenset({word, restored} - {""})
