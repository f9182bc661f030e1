"""policydiff.classify.context: what the whole old version says, asked by the judgement."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydiff.classify import default_rulebook
from policydiff.classify.context import MayName, UsesOfAll, squash
from policydiff.classify.practice import practice_reader
from policydiff.classify.profile import kinds_named, profile, whole_region
from policydiff.load import load_bytes
from policydiff.model import Category
from policydiff.segment import segment

FRAUD = (Category.PURPOSE, "fraud")


def uses_of_all(text: str) -> UsesOfAll:
    return UsesOfAll(segment(load_bytes(text.encode(), "old.md")), default_rulebook())


@pytest.mark.parametrize(
    ("text", "general"),
    [
        ("We use all the information we collect to detect and prevent fraud.", True),
        ("We may use any of the information described above to protect against fraud.", True),
        ("We use your card number to detect and prevent fraud.", False),  # one kind of data only
        ("We use your data to send you offers.", False),  # another purpose
        ("We do not use your data to detect fraud.", False),  # denied, not stated
    ],
)
def test_a_purpose_of_all_the_data_is_one_no_kind_of_data_limits(text: str, general: bool) -> None:
    assert uses_of_all(f"# Policy\n\n{text}\n")(FRAUD) is general


def _phrase_pool() -> list[str]:
    rulebook = default_rulebook()
    phrases = sorted(
        {phrase.replace("*", "s") for rules in rulebook.categories for phrase, _ in rules.term_entries}
    )
    return phrases + sorted(practice_reader().right_verbs)


_FILLERS = [
    "we",
    "you can",
    "we do not",
    "your",
    "our",
    "and",
    "or",
    ",",
    ".",
    "e-mail",
    "U.S.",
    "to",
    "with",
]
_WORDINGS = st.sampled_from(_phrase_pool() + _FILLERS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDINGS, min_size=1, max_size=14), st.sampled_from(["", "You can:", "We never:"]))
def test_a_clause_the_word_test_passes_over_names_nothing(parts: list[str], lead: str) -> None:
    """What spares reading a clause is never wrong: each term a reading finds, affirmed or denied,
    as a member or as its concept, and each kind it names, the word test lets through."""
    rulebook = default_rulebook()
    text = " ".join(parts)
    found = profile(whole_region(text), rulebook, lead=lead, terms_only=True)
    matches = [*found.affirmed.values(), *found.denied.values()]
    concepts = {(m.category, m.name) for m in matches if m.category is not None}
    may_name = MayName(rulebook)
    for key in {*found.affirmed, *found.denied, *kinds_named(found), *concepts}:
        assert may_name(key, text, lead=lead), (key, text)


@pytest.mark.parametrize(
    ("key", "text", "may"),
    [
        # a verb's phrase opens with a word every policy holds: its other words decide
        ((Category.RIGHTS, "respond"), "We will share your data with our partners.", False),
        ((Category.RIGHTS, "respond"), "We will respond to your request within a month.", True),
        # a right granted by the user's verb, not by its name
        ((Category.RIGHTS, "erase"), "You can delete your photos at any time.", True),
        # a member written another way: with a hyphen, with stops
        ((Category.COLLECTION, "email address"), "We ask for your e-mail address.", True),
        ((Category.COLLECTION, "email address"), "We ask for your postal address.", False),
        ((Category.TRANSFER, "us"), "Your data is stored in the U.S.", True),
    ],
)
def test_the_word_test_reads_a_concepts_phrases_and_a_members_words(
    key: tuple[Category, str], text: str, may: bool
) -> None:
    assert MayName(default_rulebook())(key, text) is may


def test_squash_joins_a_word_however_it_is_written() -> None:
    assert squash("E-mail the U.S. team's lead") == "email the us teams lead"
