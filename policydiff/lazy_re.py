"""Regular expressions compiled on first use, so a run pays only for the ones it reads with.

A module-level pattern is compiled when the module is imported, whether or not a run ever uses it:
on a typical pair about three in four of the reader's patterns are never used (issue 17). The
proxy below compiles its pattern the first time one of its methods is looked up and then keeps the
compiled pattern's bound methods in its own ``__dict__``, so later calls go straight to the C
methods (no Python frame in between). The same device as Bazaar's ``lazy_regex``.

Compiling the patterns a run does use still costs some ten milliseconds: the rule cache keeps the
programs the engine made of them (``prime``), and a pattern is built from its program when one is
known for its source and flags, compiled from its source otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, AnyStr, cast

from policydiff.regex_gate import gated

__all__ = ["Program", "compiled_source", "handed", "lazy", "missed", "patterns", "prime"]

# what the engine made of a pattern, kept between runs by the rule cache (``pattern_pickle``)
Program = tuple[Any, ...]
_PROGRAMS: dict[tuple[str | bytes, int], Program] = {}
_BUILD: list[Callable[[Program], re.Pattern[Any]]] = []
_ALL: list[_LazyPattern] = []  # every lazy pattern made, for the rule cache to keep their programs
# the patterns compiled from their sources though programs were handed: new since the cache was kept
_MISSED: list[tuple[str | bytes, int]] = []


class _LazyPattern:
    """A stand-in for ``re.Pattern`` that compiles on first use; ``pattern`` needs no compiling."""

    def __init__(self, source: str | bytes, flags: int) -> None:
        self.pattern = source
        self._flags = flags
        _ALL.append(self)

    def __getattr__(self, name: str) -> Any:
        # only called for what the instance does not hold yet: compile, then hold every method
        if name.startswith("__"):
            raise AttributeError(name)
        program = _PROGRAMS.get((self.pattern, self._flags))
        if program is None and _BUILD:
            _MISSED.append((self.pattern, self._flags))
        compiled = (
            _BUILD[0](program)
            if program is not None and _BUILD
            else re.compile(compiled_source(self.pattern, self._flags), self._flags)
        )
        for attribute in _COPIED:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _LazyPattern):
            return (self.pattern, self._flags) == (other.pattern, other._flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self._flags))

    def __reduce__(self) -> tuple[Any, tuple[str | bytes, int]]:
        return (lazy, (self.pattern, self._flags))

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags})"


_COPIED = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "split",
    "sub",
    "subn",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


def lazy(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, compiled when first used (typed as the pattern it stands for)."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(source, flags))


def compiled_source(source: str | bytes, flags: int) -> str | bytes:
    """What is compiled for a lazy pattern: its source behind a gate of its first characters."""
    return gated(source, flags) if isinstance(source, str) else source


def patterns() -> list[tuple[str | bytes, int]]:
    """The source and flags of every lazy pattern made so far (the modules imported so far)."""
    return [(pattern.pattern, pattern._flags) for pattern in _ALL]


def missed() -> list[tuple[str | bytes, int]]:
    """The patterns this run compiled from their sources though ``prime`` handed programs: made or
    changed since those programs were kept (a newer policydiff reading the same rule files)."""
    return list(_MISSED)


def handed() -> dict[tuple[str | bytes, int], Program]:
    """The programs ``prime`` handed this run."""
    return dict(_PROGRAMS)


def prime(
    programs: dict[tuple[str | bytes, int], Program], build: Callable[[Program], re.Pattern[Any]]
) -> None:
    """Have lazy patterns built from these programs (``build`` makes a pattern of one) instead of
    compiled from their sources: the rule cache keeps what the engine made of them last time."""
    _PROGRAMS.update(programs)
    _BUILD[:] = [build]
