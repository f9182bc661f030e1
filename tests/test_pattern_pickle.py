"""Pickles that keep patterns compiled: what loads answers as what was pickled, by its program."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policydiff import pattern_pickle
from policydiff.classify import load_rulebook
from policydiff.lazy_re import lazy

PATTERNS = [
    re.compile(r"(?P<number>\d+)\s+(?P<unit>days?|months?)", re.IGNORECASE),
    re.compile(r"(?i)café|naïve|\bopt[- ]?out\b"),
    re.compile(r"^\s*[-*+]\s+(.*)$", re.MULTILINE),
    re.compile(rb"%PDF-(\d)\.(\d)"),
    re.compile(r"(?<![\w-])(?:we|our)\s+(?=\w)", re.VERBOSE | re.DOTALL),
]


def test_a_pattern_comes_back_without_being_compiled_again(monkeypatch: pytest.MonkeyPatch) -> None:
    data = pattern_pickle.dumps(PATTERNS)

    def refuse(*args: object) -> None:
        raise AssertionError("compiled again from its source")

    monkeypatch.setattr(re, "compile", refuse)
    monkeypatch.setattr(re, "_compile", refuse)
    back = pickle.loads(data)
    assert [(p.pattern, p.flags, p.groups, p.groupindex) for p in back] == [
        (p.pattern, p.flags, p.groups, p.groupindex) for p in PATTERNS
    ]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab 12dayDAYSmonthcafénaïveopt-out\nwe our-*%PDF.", max_size=60))
def test_it_matches_as_the_pattern_it_was(text: str) -> None:
    back = pickle.loads(pattern_pickle.dumps(PATTERNS))
    for ours, theirs in zip(back, PATTERNS, strict=True):
        subject: str | bytes = text.encode() if isinstance(theirs.pattern, bytes) else text
        assert [m.span() for m in ours.finditer(subject)] == [m.span() for m in theirs.finditer(subject)]
        assert [m.groups() for m in ours.finditer(subject)] == [m.groups() for m in theirs.finditer(subject)]


def test_the_rule_books_patterns_come_back_as_they_were_built() -> None:
    built = load_rulebook()
    back = pickle.loads(pattern_pickle.dumps(built))
    sentence = "We may share your precise location with advertisers, unless you opt out within 30 days."
    assert [
        (c.id, [m.span() for m in c.pattern.finditer(sentence)])
        for c in back.cues
        if isinstance(c.pattern, re.Pattern)
    ] == [
        (c.id, [m.span() for m in c.pattern.finditer(sentence)])
        for c in built.cues
        if isinstance(c.pattern, re.Pattern)
    ]


def test_a_program_the_engine_refuses_is_compiled_from_its_source() -> None:
    source, flags = r"consent\s+required", re.IGNORECASE | re.UNICODE
    rebuilt = pattern_pickle._rebuilt(source, flags, [999, 1, 2], 0, {}, (None,))  # no program of the engine
    assert (
        rebuilt.search("Consent  required") is not None and rebuilt.flags == re.compile(source, flags).flags
    )


def test_a_lazy_pattern_stays_lazy_and_other_values_pickle_as_pickle_does() -> None:
    value = {"lazy": lazy(r"x+"), "text": "tëxt", "numbers": [1, 2.5, None]}
    back = pickle.loads(pattern_pickle.dumps(value))
    assert back == value and "search" not in vars(back["lazy"])


def test_the_engine_is_named_so_a_cache_from_another_one_is_never_read() -> None:
    import _sre

    engine = pattern_pickle.ENGINE
    assert engine == f"sre {_sre.MAGIC} {_sre.CODESIZE} {pattern_pickle._WORD}"


def test_a_program_is_kept_as_the_bytes_of_its_code_words_and_rebuilt_from_them() -> None:
    from array import array

    program = pattern_pickle.program_of(r"\bkept\s+(\d+)\s+months?\b", re.IGNORECASE)
    assert program is not None and isinstance(program[2], bytes)
    words = array(pattern_pickle._WORD)
    words.frombytes(program[2])
    assert words.tolist() == [
        int(op) for op in re._compiler._code(re._parser.parse(program[0], program[1]), program[1])
    ]
    found = pattern_pickle.rebuilt(program).search("Data is KEPT 18 months.")
    assert found is not None and found.group(1) == "18"
    refused = array(pattern_pickle._WORD, [999, 1, 2]).tobytes()
    rebuilt = pattern_pickle._rebuilt(r"kept", 0, refused, 0, {}, (None,))
    assert rebuilt.search("kept") is not None


def test_a_program_of_a_source_rebuilds_the_same_pattern() -> None:
    source = r"(?P<days>\d+)\s+days?"
    program = pattern_pickle.program_of(source, re.IGNORECASE)
    assert program is not None
    rebuilt = pattern_pickle.rebuilt(program)
    assert rebuilt.pattern == source and rebuilt.groupindex == {"days": 1}
    found = rebuilt.search("Kept 30 DAYS")
    assert found is not None and found.group("days") == "30"
    assert pattern_pickle.program_of("(unclosed", 0) is None
