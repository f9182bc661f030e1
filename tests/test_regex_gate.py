"""A gate of first characters in front of a pattern: it finds what the pattern found, nothing else."""

from __future__ import annotations

import importlib
import pkgutil
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policydiff
from policydiff.classify.rules import default_rulebook
from policydiff.lazy_re import _ALL
from policydiff.regex_gate import gated, gated_alternatives


def test_an_alternation_of_phrases_is_gated_by_their_first_letters() -> None:
    assert gated(r"\bwe\s+do\s+not\b|\bnever\b", re.IGNORECASE).startswith("(?=[nw])")
    # a leading space or digit class stands in the gate as the class
    assert gated(r"(?:,|\band\b|^)\s*no\b", re.IGNORECASE).startswith(r"(?=[,\san])")
    assert gated(r"\d+\s+days", 0).startswith(r"(?=[\d])")


@pytest.mark.parametrize(
    ("source", "flags"),
    [
        (r"a?", 0),  # may match nothing: no first character to ask for
        (r"\w+ing\b", 0),  # a word character is nearly every character: nothing to gain
        (r"[^.]+\.", 0),  # a negated class
        (r"(?x) we \s+ do", 0),  # flags set inside must open the pattern
        (r"we # a comment", re.VERBOSE),  # a comment would swallow the closing parenthesis
        (r"(?i:k)ept", 0),  # case folded inside only: a gate without the flag would miss "Kept"
        (r"(?P<x>a)|(?P=x)b", 0),  # a back-reference
    ],
)
def test_what_cannot_be_bounded_is_left_as_it_is(source: str, flags: int) -> None:
    assert gated(source, flags) == source


@pytest.mark.parametrize(
    ("source", "flags", "text"),
    [
        (r"kept", re.IGNORECASE, "\u212aEPT"),  # the Kelvin sign folds to k, in the gate as in the pattern
        (r"\bsale\b", re.IGNORECASE, "\u017fALE"),  # the long s folds to s
        (r"\s+we\b", 0, "\u00a0we"),  # a no-break space is a space
        (r"\d+ days", 0, "\u0663 days"),  # an Arabic-Indic digit is a digit
        (r"(?-i:Do Not)\s+sell|never", re.IGNORECASE, "do not sell, DO NOT SELL, Do Not Sell"),
    ],
)
def test_the_gate_folds_case_and_classes_as_the_pattern_does(source: str, flags: int, text: str) -> None:
    ours, theirs = re.compile(gated(source, flags), flags), re.compile(source, flags)
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
    assert ours.groups == theirs.groups


def _cue_alternatives() -> list[list[str]]:
    """The regular-expression cues of the rule files, each as its list of alternatives."""
    data = tomllib.loads(
        (Path(policydiff.__file__).parent / "classify" / "rules" / "cues.toml").read_text("utf-8")
    )
    return [cue["patterns"] for cue in data.get("cue", []) if cue.get("regex")]


def test_an_alternation_gated_alternative_by_alternative_finds_the_same() -> None:
    for alternatives in _cue_alternatives():
        ours = re.compile(gated_alternatives(alternatives, re.IGNORECASE), re.IGNORECASE)
        theirs = re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)
        for sentence in _SENTENCES:
            for text in (sentence, sentence.upper()):
                assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]


def _package_patterns() -> list[tuple[str, int]]:
    """Every lazy pattern of the package and every regular-expression cue of the rule book."""
    for module in pkgutil.walk_packages(policydiff.__path__, "policydiff."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found = {(p.pattern, p._flags) for p in _ALL if isinstance(p.pattern, str)}
    for cue in default_rulebook().cues:
        if isinstance(cue.pattern, re.Pattern):
            found.add((cue.pattern.pattern, cue.pattern.flags))
    return sorted(found)


_PATTERNS = _package_patterns()
_WORDS = [
    "we", "do", "not", "never", "share", "sell", "your", "data", "may", "no", "longer", "Do Not Sell",
    "consent", "days", "30", "2026", "if", "you", "our", "partners", "including", "such as", "e.g.",
    "\u212a", "\u017f", "\u00a0", "\u0663", "’", "'", "(", ")", ":", ";", ",", ".", "-", "\n", "*", "[x](y)",
]  # fmt: skip


_SENTENCES = [
    "We do not sell your personal information, and we never share it with advertisers.",
    "We no longer need your consent; you may opt out at any time by clicking Do Not Sell or Share.",
    "Your data is kept for 30 days (or 2 months where the law requires it), then deleted.",
    "If you are under 13, a parent’s consent is required. Employees who need access can see it.",
    "By continuing to use the site you agree to cookies; we will notify you by email 30 days before.",
    "Data may be transferred to the United States, e.g. to our processor Stripe, Inc.: see § 4.2.",
    "We can't access, read or decrypt your messages — they are end-to-end encrypted.",
    "\u212aept \u017fold \u00a0we\u00a0do\u00a0not share \u0663\u0660 days [link](https://example.com/a_b).",
]


@pytest.mark.parametrize("sentence", _SENTENCES)
def test_every_pattern_of_the_package_finds_the_same_in_sentences(sentence: str) -> None:
    for source, flags in _PATTERNS:
        ours, theirs = re.compile(gated(source, flags), flags), re.compile(source, flags)
        for text in (sentence, sentence.upper(), sentence.casefold()):
            assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)], (
                source
            )


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join), st.sampled_from(_PATTERNS))
def test_every_pattern_of_the_package_finds_the_same_behind_its_gate(
    text: str, pattern: tuple[str, int]
) -> None:
    source, flags = pattern
    ours, theirs = re.compile(gated(source, flags), flags), re.compile(source, flags)
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]


def test_most_of_the_packages_patterns_are_gated() -> None:
    gated_ones = sum(gated(source, flags) != source for source, flags in _PATTERNS)
    assert gated_ones >= len(_PATTERNS) // 3, (gated_ones, len(_PATTERNS))
