"""policydiff.diff: word-level edits that rebuild both texts, whichever backend is installed."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policydiff import diff
from policydiff.diff import backend_name, rebuild, word_edits
from policydiff.model import Edit, Op

WORDS = st.sampled_from(
    [
        "we",
        "may",
        "do",
        "not",
        "share",
        "sell",
        "your",
        "data",
        " ",
        "  ",
        "\n",
        ",",
        ".",
        ";",
        "é",
        "日本",
        "🙂",
        "_",
    ]
)
policy_like = st.lists(WORDS, max_size=40).map("".join)
any_text = st.one_of(st.text(), policy_like, st.sampled_from(["", " ", "\n", " \n\t "]))


@pytest.fixture(params=["fast", "pure"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test with each diff-match-patch backend (the C++ port only where it is installed)."""
    diff._backend.cache_clear()
    if request.param == "pure":
        monkeypatch.setitem(sys.modules, "fast_diff_match_patch", None)  # makes the import fail
    elif backend_name() != "fast-diff-match-patch":
        pytest.skip("fast_diff_match_patch is not installed here")
    yield backend_name()
    diff._backend.cache_clear()


def check_edits(old: str, new: str) -> tuple[Edit, ...]:
    edits = word_edits(old, new)
    assert rebuild(edits, Op.DELETE) == old
    assert rebuild(edits, Op.INSERT) == new
    assert all(edit.text for edit in edits)
    assert all(a.op is not b.op for a, b in zip(edits, edits[1:], strict=False)), "runs are merged"
    assert not any(a.op is Op.INSERT and b.op is Op.DELETE for a, b in zip(edits, edits[1:], strict=False))
    return edits


def test_backend_name(backend: str) -> None:
    assert backend in ("fast-diff-match-patch", "diff-match-patch")
    assert backend_name() == backend


def test_pure_backend_runs_without_a_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fast_diff_match_patch", None)
    diff._backend.cache_clear()
    try:
        assert backend_name() == "diff-match-patch"
        cells = diff._backend()[1].__closure__ or ()
        engines = [cell.cell_contents for cell in cells if hasattr(cell.cell_contents, "Diff_Timeout")]
        assert [engine.Diff_Timeout for engine in engines] == [0]
    finally:
        diff._backend.cache_clear()


def test_identical_texts_give_one_equal_edit(backend: str) -> None:
    assert word_edits("We keep data.", "We keep data.") == (Edit(Op.EQUAL, "We keep data."),)
    assert word_edits("", "") == ()


def test_edits_are_whole_words(backend: str) -> None:
    edits = check_edits("We retain data for 6 months.", "We retain data for 24 months.")
    assert edits == (
        Edit(Op.EQUAL, "We retain data for "),
        Edit(Op.DELETE, "6"),
        Edit(Op.INSERT, "24"),
        Edit(Op.EQUAL, " months."),
    )
    assert check_edits("We collect", "We recollect")[1:] == (
        Edit(Op.DELETE, "collect"),
        Edit(Op.INSERT, "recollect"),
    )


def test_deletion_comes_before_insertion(backend: str) -> None:
    edits = check_edits("We do not use your photos.", "We may use your photos.")
    ops = [edit.op for edit in edits]
    assert ops.index(Op.DELETE) < ops.index(Op.INSERT)
    assert Edit(Op.DELETE, "do not") in edits and Edit(Op.INSERT, "may") in edits


def test_from_and_to_nothing(backend: str) -> None:
    assert check_edits("", "We share.") == (Edit(Op.INSERT, "We share."),)
    assert check_edits("We share.", "") == (Edit(Op.DELETE, "We share."),)
    assert check_edits(" ", "\n") == (Edit(Op.DELETE, " "), Edit(Op.INSERT, "\n"))


def test_many_distinct_tokens(backend: str) -> None:
    old = " ".join(f"w{n}" for n in range(60_000))  # codes run past the surrogate block
    new = old.replace("w30000 ", "")
    edits = check_edits(old, new)
    assert [edit.op for edit in edits] == [Op.EQUAL, Op.DELETE, Op.EQUAL]


@given(any_text, any_text)
def test_edits_rebuild_both_texts(old: str, new: str) -> None:
    check_edits(old, new)


@given(policy_like, policy_like)
def test_edits_rebuild_both_texts_with_the_pure_backend(old: str, new: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setitem(sys.modules, "fast_diff_match_patch", None)
        diff._backend.cache_clear()
        try:
            check_edits(old, new)
        finally:
            diff._backend.cache_clear()


@given(any_text, any_text)
def test_word_edits_are_deterministic(old: str, new: str) -> None:
    assert word_edits(old, new) == word_edits(old, new)


def test_results_agree_between_runs_on_a_long_clause(backend: str) -> None:
    old = " ".join(["We may share your data with partners for advertising."] * 200)
    new = old.replace("partners", "affiliates", 50).replace("may", "will", 7)
    assert check_edits(old, new) == word_edits(old, new)
