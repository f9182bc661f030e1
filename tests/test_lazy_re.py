"""Patterns compiled on first use: the same answers as ``re``, and none of the package's is broken."""

from __future__ import annotations

import copy
import importlib
import pickle
import re
from pathlib import Path

import pytest

import policydiff
from policydiff.lazy_re import _LazyPattern, lazy


def test_nothing_is_compiled_until_a_method_is_used() -> None:
    pattern = lazy(r"\bconsent\b", re.IGNORECASE)
    assert pattern.pattern == r"\bconsent\b"  # (its source needs no compiling)
    assert "search" not in vars(pattern)
    assert pattern.search("With your CONSENT.") is not None
    assert "search" in vars(pattern) and "finditer" in vars(pattern)  # held: later calls go straight to C


def test_it_answers_as_the_compiled_pattern_does() -> None:
    source, text = r"(?P<n>\d+)\s+(days?|months?)", "kept for 30 days, or 2 months"
    ours, theirs = lazy(source), re.compile(source)
    assert [m.group() for m in ours.finditer(text)] == [m.group() for m in theirs.finditer(text)]
    assert ours.sub("N", text) == theirs.sub("N", text) and ours.split(text) == theirs.split(text)
    assert (
        ours.flags == theirs.flags and ours.groups == theirs.groups and ours.groupindex == theirs.groupindex
    )
    assert lazy(rb"%PDF-\d").match(b"%PDF-1") is not None


def test_a_broken_pattern_fails_when_first_used() -> None:
    pattern = lazy(r"(unclosed")
    with pytest.raises(re.error):
        pattern.search("x")


def test_it_pickles_and_copies_as_its_source() -> None:
    pattern = lazy(r"opt[- ]?out", re.IGNORECASE)
    for other in (pickle.loads(pickle.dumps(pattern)), copy.deepcopy(pattern)):
        assert other == pattern and hash(other) == hash(pattern)
        assert other.search("OPT OUT") is not None
    assert lazy("a") != lazy("a", re.IGNORECASE) and lazy("a") != "a"


def test_every_pattern_of_the_package_compiles() -> None:
    # a typo in a pattern that only a rare sentence reaches must not wait for that sentence
    package = Path(policydiff.__file__).parent
    found = 0
    for path in sorted(package.rglob("*.py")):
        name = ".".join(("policydiff", *path.relative_to(package).with_suffix("").parts))
        if name.endswith("__main__"):
            continue
        module = importlib.import_module(name.removesuffix(".__init__"))
        for value in list(vars(module).values()):
            if isinstance(value, _LazyPattern):
                re.compile(value.pattern, value._flags)
                found += 1
    assert found > 200


def test_a_primed_program_builds_the_pattern_and_its_source_is_not_compiled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from policydiff import lazy_re

    monkeypatch.setattr(lazy_re, "_PROGRAMS", {})
    monkeypatch.setattr(lazy_re, "_BUILD", [])
    source = r"\bkept for (\d+) days\b"
    built: list[object] = []

    def build(program: tuple[object, ...]) -> re.Pattern[str]:
        built.append(program)
        return re.compile(str(program[0]), int(str(program[1])))

    lazy_re.prime({(source, re.IGNORECASE): (source, int(re.IGNORECASE))}, build)
    found = lazy(source, re.IGNORECASE).search("KEPT FOR 30 DAYS")
    assert found is not None and found.group(1) == "30"
    assert built == [(source, int(re.IGNORECASE))]
    # a pattern with no program known (another source, or other flags) is compiled as before
    assert lazy(source).search("KEPT FOR 30 DAYS") is None and len(built) == 1
