"""classify/alternation.py: an alternation tried only at words that start like one of its stems."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from policydiff.classify.alternation import WordAlternation
from policydiff.classify.practice import practice_reader

_WORDS = st.sampled_from(
    [
        "we", "collect", "Collected", "COLLECTS", "share", "sharing", "in-store", "store", "stored",
        "your", "data", "record", "records", "our", "recordings", "use", "used", "e-mail", "email",
        "sell", "ſell", "ſhare", "Kelvin", "retain", "keep", "kept", "x", "a", "re", "rec",
        "delete", "analyse", "analyze", "process", "processed", "you", "may", "not", "opt", "out",
    ]
)  # fmt: skip
_GAPS = st.sampled_from([" ", ", ", "-", "", "\n", ". ", "(", ")", "_"])


def spans(found: object) -> list[tuple[str | None, tuple[int, int]]]:
    return [(m.lastgroup, m.span()) for m in found]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WORDS, _GAPS), max_size=30), st.integers(0, 40), st.integers(0, 200))
@example([("we", " "), ("ſell", " "), ("data", "")], 0, 200)
def test_the_practice_verbs_find_what_their_whole_pattern_finds(
    parts: list[tuple[str, str]], pos: int, endpos: int
) -> None:
    verbs = practice_reader().verbs
    text = "".join(word + gap for word, gap in parts)
    assert spans(verbs.finditer(text)) == spans(verbs.pattern.finditer(text))
    assert spans(verbs.finditer(text, pos, endpos)) == spans(verbs.pattern.finditer(text, pos, endpos))
    found, whole = verbs.search(text, pos), verbs.pattern.search(text, pos)
    assert (found and found.span()) == (whole and whole.span())


def test_words_are_tried_by_their_first_letters_only() -> None:
    alternation = WordAlternation.of(
        re.compile(r"\bgather\w*|\be-mail\b|\bxy\b", re.IGNORECASE), ["gather*", "e-mail", "xy"]
    )
    assert alternation.starts == (frozenset({"e"}), frozenset({"xy"}), frozenset({"gat"}))
    assert [m.group() for m in alternation.finditer("We GATHERED your E-mail; xyz, xy.")] == [
        "GATHERED",
        "E-mail",
        "xy",
    ]
    # a letter outside ASCII that the engine folds to a stem's is tried, not filtered out
    assert [m.group() for m in alternation.finditer("We ga\u017fthered it")] == []
    long_s = WordAlternation.of(re.compile(r"\bsell\b", re.IGNORECASE), ["sell"])
    assert [m.group() for m in long_s.finditer("we \u017fell nothing")] == ["\u017fell"]


def test_a_match_over_several_words_hides_the_words_inside_it() -> None:
    alternation = WordAlternation.of(re.compile(r"\bopt\s+out\b|\bout\w*", re.IGNORECASE), ["opt", "out*"])
    assert [m.group() for m in alternation.finditer("you may opt out, outright")] == ["opt out", "outright"]


def test_a_stem_without_a_letter_to_file_it_under_tries_every_word() -> None:
    alternation = WordAlternation.of(re.compile(r"\b\w+ed\b"), ["", "*"])
    assert alternation.anywhere
    assert [m.group() for m in alternation.finditer("we logged and stored it")] == ["logged", "stored"]
