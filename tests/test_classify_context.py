"""policydiff.classify.context: what the whole old version says, asked by the judgement."""

from __future__ import annotations

import pytest

from policydiff.classify import default_rulebook
from policydiff.classify.context import UsesOfAll
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
