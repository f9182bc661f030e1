"""policydiff.load.decode: the control-character check that tells a binary file from text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from policydiff.load.decode import _TEXT_CONTROLS, _control_ratio


def _by_category(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    found = sum(1 for c in sample if c not in _TEXT_CONTROLS and unicodedata.category(c) == "Cc")
    return found / len(sample)


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF) | st.characters(), max_size=200))
def test_the_ratio_counts_exactly_the_control_characters_unicode_names(text: str) -> None:
    assert _control_ratio(text) == _by_category(text)


def test_text_controls_count_as_text() -> None:
    assert _control_ratio("a\tb\nc\r\n\f\v\x1b") == 0.0
    assert _control_ratio("\x00\x01ab") == 0.5
