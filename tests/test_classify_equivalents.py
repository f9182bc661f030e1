"""classify/equivalents.py: wordings that mean the same are read alike."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policydiff.classify.equivalents import _trie, canonical, word_forms
from policydiff.text import fold


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("We'll tell you.", "We will tell you."),
        ("We don't sell it.", "We do not sell it."),
        ("data, e.g. logs", "data, for example logs"),
        ("data such as logs", "data including logs"),
        ("the build, i.e. the version", "the build, that is the version"),
        ("your e-mail", "your email"),
        ("personal information", "personal data"),
        ("We utilise it prior to shipping.", "We use it before shipping."),
        ("In the event that you leave", "If you leave"),
        # a form read completes a longer one: "we're" is "we are", then the legal duty
        ("kept when we're required to do so by law", "kept as required by law"),
        ("we analyse your behaviour in our centre", "we analyze your behavior in our center"),
        ("kept for ninety (90) days", "kept for 90 days"),
    ],
)
def test_equivalent_forms_read_alike(left: str, right: str) -> None:
    assert canonical(fold(left)) == canonical(fold(right))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("We will tell you.", "We will not tell you."),
        ("We can share it.", "We may share it."),  # ability and permission are not one form
        ("your email address", "your postal address"),
        ("to improve", "to sell"),
        ("before you leave", "after you leave"),
        ("We use it.", "We sell it."),
    ],
)
def test_different_wordings_stay_different(left: str, right: str) -> None:
    assert canonical(fold(left)) != canonical(fold(right))


def test_a_form_inside_a_longer_word_is_left_alone() -> None:
    assert canonical(fold("a thetic toes")) == "a thetic toes"  # "to" only as a whole word


def test_a_legal_form_spelled_out_is_its_abbreviation() -> None:
    from policydiff.classify.equivalents import canonical

    assert canonical("acme limited is the controller") == canonical("acme ltd is the controller")
    assert canonical("acme incorporated") == canonical("acme inc")


@pytest.mark.parametrize(
    ("one", "other"),
    [("using", "use"), ("used", "use"), ("shares", "share"), ("logging", "logs"), ("stored", "store")],
)
def test_word_forms_see_one_verb_in_two_forms(one: str, other: str) -> None:
    assert word_forms(one) & word_forms(other)


def test_word_forms_keep_a_negation_apart() -> None:
    assert not word_forms("not") & word_forms("note")


_SOME_FORMS = [
    "for example",
    "for example only",
    "e.g.",
    "eg",
    "including",
    "including for example",
    "we'll",
    "we will",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_SOME_FORMS), min_size=1, unique=True),
    st.lists(st.sampled_from([*_SOME_FORMS, "data", "ex", "we", ",", "(", ")"]), max_size=12).map(" ".join),
)
def test_the_tree_of_forms_reads_as_the_flat_alternation_longest_first(forms: list[str], text: str) -> None:
    # the forms' tree tries a form that goes on before one that ends: the longest that ends where a
    # word ends, as the flat alternation of the forms longest first does
    flat = re.compile(
        r"(?<!\S)(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\S)"
    )
    tree = re.compile(rf"(?<!\S)(?:{_trie(forms)})(?!\S)")
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]
