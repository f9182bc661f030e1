"""policydiff.classify.phrases: many phrases found in one pass, longest first, never overlapping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policydiff.classify.phrases import PhraseSet

ENTRIES = [
    ("share", "share"),
    ("share* with", "share-with"),
    ("third part*", "third"),
    ("opt out", "opt"),
    ("ai", "ai"),
    ("ai model*", "model"),
    ("e-mail", "mail"),
]
WORDS = ["we", "share", "shared", "with", "third", "party", "parties", "opt", "out", "opt-out", "ai",
         "models", "e-mail", "email", "Share", "İstanbul", "straße", "—", ",", "."]  # fmt: skip


def found(phrases: PhraseSet, text: str) -> list[tuple[str, str]]:
    return [(hit.name, hit.group()) for hit in phrases.finditer(text)]


def test_the_longest_phrase_wins_and_stems_match_any_ending() -> None:
    phrases = PhraseSet(ENTRIES)
    # "shared" is no "share" (exact) and "shared it with" no "share* with" (words side by side)
    assert found(phrases, "We shared it with third parties.") == [("third", "third parties")]
    assert found(phrases, "We shared with you.") == [("share-with", "shared with")]
    shared = found(phrases, "We share with AI models.")
    assert shared == [("share-with", "share with"), ("model", "AI models")]
    assert found(phrases, "You can opt-out by e-mail.") == [("opt", "opt-out"), ("mail", "e-mail")]


def test_a_text_without_any_first_word_holds_nothing() -> None:
    assert found(PhraseSet(ENTRIES), "Nothing here is about data.") == []
    assert not PhraseSet([])


@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_the_first_word_check_never_hides_a_phrase(words: list[str]) -> None:
    text = " ".join(words)
    phrases = PhraseSet(ENTRIES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PhraseSet, "_may_hold", lambda self, tokens: True)
        unfiltered = found(phrases, text)
    assert found(phrases, text) == unfiltered
