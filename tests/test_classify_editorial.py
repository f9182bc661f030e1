"""Editorial helpers: where a replaced run stands, so a swap can read the clause it stands in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policydiff.classify.editorial import (
    EMAIL_OR_PHONE,
    edit_runs,
    edit_runs_at,
    replacements,
    replacements_at,
)
from policydiff.diff import word_edits

_WORDS = st.lists(
    st.sampled_from(["we", "may", "will", "share", "data", ",", "some", "all", " "]), max_size=12
)


@given(_WORDS, _WORDS)
def test_each_run_stands_where_its_insert_is_in_the_new_text(old: list[str], new: list[str]) -> None:
    a, b = " ".join(old), " ".join(new)
    edits = word_edits(a, b)
    runs = edit_runs_at(edits)
    assert [(deleted, inserted) for deleted, inserted, _ in runs] == edit_runs(edits)
    for _, inserted, at in runs:
        assert b[at : at + len(inserted)] == inserted
    placed = replacements_at(edits)
    assert [pair for pair, _ in placed] == replacements(edits)
    assert {at for _, at in placed} <= {at for _, _, at in runs}


def test_a_swapped_modal_is_found_where_it_stands() -> None:
    old, new = "If you block cookies, pages will load slowly.", "If you block cookies, pages may load slowly."
    ((pair, at),) = replacements_at(word_edits(old, new))
    assert pair == ("will", "may") and new[at:].startswith("may")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Version 2.0, 18-09-2025", []),
        ("Updated 2025-09-18.", []),
        ("Call +44 20 7946 0958 any day.", ["+44 20 7946 0958"]),
        ("Write to help@acme.example.", ["help@acme.example"]),
    ],
)
def test_a_date_is_no_phone_number(text: str, found: list[str]) -> None:
    assert EMAIL_OR_PHONE.findall(text) == found
