"""classify/equivalents.py: wordings that mean the same are read alike."""

from __future__ import annotations

import pytest

from policydiff.classify.equivalents import canonical, word_forms
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
