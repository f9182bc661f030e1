"""The placing of ``benchmarks/insertions.py``, on a policy of my own: where a sentence may go,
and where it lands. No corpus, no policydiff run."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import load_benchmark

pytestmark = pytest.mark.fast

probe = load_benchmark("insertions")

_PROSE = (
    "We collect the name, email address and phone number you give us when you open an account with "
    "us, and we use them to run that account and to answer you."
)
POLICY = f"""# Acme Privacy Policy

## What we collect

{_PROSE}

We share it with:

- our payment processor

| Data | Purpose |
|---|---|
| Email | Login |

{_PROSE} We may also share it with the following parties, each of which acts for us alone:"""


def test_only_plain_paragraphs_of_some_length_take_a_sentence() -> None:
    parts = POLICY.split("\n\n")
    assert probe.paragraphs(POLICY) == [parts.index(_PROSE)]


def test_a_sentence_is_appended_or_set_apart() -> None:
    index = probe.paragraphs(POLICY)[0]
    appended = probe.placed(POLICY, index, "We keep it for ten years.", "append")
    apart = probe.placed(POLICY, index, "We keep it for ten years.", "para")
    assert f"{_PROSE} We keep it for ten years.\n\n" in appended
    assert f"{_PROSE}\n\nWe keep it for ten years.\n\n" in apart
    assert appended.count("\n\n") == POLICY.count("\n\n") == apart.count("\n\n") - 1


def test_a_run_is_wrong_by_what_its_sentence_is() -> None:
    material = probe.Run("p", "append", True, "s", "minor")
    neutral = probe.Run("p", "append", False, "s", "review")
    assert material.wrong and not neutral.wrong
    assert probe.Run("p", "para", False, "s", "major").wrong
    assert not probe.Run("p", "para", True, "s", "review").wrong


def test_no_sentence_of_the_probe_is_in_both_sets() -> None:
    assert not set(probe.MATERIAL) & set(probe.NEUTRAL)


def test_a_set_of_ones_own_is_read_a_sentence_a_line(tmp_path: Path) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("# fresh, written before the rules were read\nWe sell your steps.\n\n  We keep it.  \n")
    assert probe.sentences_from(mine) == ["We sell your steps.", "We keep it."]


def test_each_sentence_is_tallied_over_its_placements() -> None:
    runs = [
        probe.Run("p", "append", False, "We print it.", "review"),
        probe.Run("q", "para", False, "We print it.", "minor"),
        probe.Run("p", "para", False, "We print it.", "review"),
        probe.Run("p", "append", True, "We sell it.", "major"),
    ]
    tallies = probe._tallies(runs)
    assert tallies[(False, "We print it.")] == {"review": 2, "minor": 1}
    assert tallies[(True, "We sell it.")] == {"major": 1}
