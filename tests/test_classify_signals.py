"""Signals: where a replaced run stands, so a swap can read the clause it stands in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policydiff.classify.editorial import replacements
from policydiff.classify.signals import _replacement_offsets
from policydiff.diff import word_edits
from policydiff.model import Op

_WORDS = st.lists(
    st.sampled_from(["we", "may", "will", "share", "data", ",", "some", "all", " "]), max_size=12
)


@given(_WORDS, _WORDS)
def test_one_offset_for_each_replacement_and_it_points_at_the_insert(old: list[str], new: list[str]) -> None:
    a, b = " ".join(old), " ".join(new)
    edits = word_edits(a, b)
    offsets = _replacement_offsets(edits)
    assert len(offsets) == len(replacements(edits))
    assert all(0 <= at <= len(b) for at in offsets)


def test_a_swapped_modal_is_found_where_it_stands() -> None:
    old, new = "If you block cookies, pages will load slowly.", "If you block cookies, pages may load slowly."
    edits = word_edits(old, new)
    (at,) = _replacement_offsets(edits)
    assert new[at:].startswith("may")
    assert any(edit.op is Op.INSERT for edit in edits)
