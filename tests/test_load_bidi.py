"""Right-to-left runs of a PDF's text layer put back in reading order (policydiff.load.bidi)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policydiff.load.bidi import logical


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("תירבע", "עברית"),  # a Hebrew word, printed left to right
        ("שידיִי", "ייִדיש"),  # a point keeps the letter it was printed after
        ("ةيبرعلا", "العربية"),  # Arabic
        ("Hebrew (תירבע) page", "Hebrew (עברית) page"),  # a word inside a left-to-right line
        ("הלימ 123 םולש", "שלום 123 מילה"),  # a right-to-left line: its runs too; digits keep theirs
    ],
)
def test_a_right_to_left_run_reads_as_typed(printed: str, read: str) -> None:
    assert logical(printed) == read


@given(st.text(alphabet=st.characters(max_codepoint=0x04FF)))
def test_text_without_right_to_left_letters_is_left_alone(text: str) -> None:
    assert logical(text) == text


@given(st.text(alphabet="אבגדהוזחטיכלמנסעפצקרשת", min_size=1, max_size=30))
def test_a_word_read_twice_is_the_word_printed(word: str) -> None:
    assert logical(logical(word)) == word
