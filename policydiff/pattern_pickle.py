"""Pickles whose regular expressions come back compiled, not compiled again.

``pickle`` keeps a compiled pattern as its source and compiles it again when loaded: for the rule
book and the ontology's readers that is some fifteen milliseconds of every run, most of the rule
cache's load (issue 17). Here a pattern is kept with the program the regular-expression engine made
of it, and loading hands that program straight back to the engine's constructor. The program is the
interpreter's own business: it is only ever read by the interpreter that wrote it (the rule cache is
named by the interpreter's version and ``_sre.MAGIC``), the engine checks a program before it runs
one, and a program it refuses is compiled again from its source.
"""

from __future__ import annotations

import importlib
import io
import pickle
import re
from array import array
from typing import Any

__all__ = ["ENGINE", "dumps", "program_of", "rebuilt"]


def _engine() -> tuple[Any, Any, Any, str]:
    """The engine's private parts as CPython 3.11-3.13 name them, or none on another interpreter."""
    try:
        sre = importlib.import_module("_sre")
        compiler, parser = importlib.import_module("re._compiler"), importlib.import_module("re._parser")
        return sre, compiler, parser, f"sre {sre.MAGIC} {sre.CODESIZE} {_WORD}"
    except (ImportError, AttributeError):  # patterns are then kept as pickle keeps them
        return None, None, None, "none"


# the array type whose items are the engine's code words: a program is kept as their bytes, which
# unpickle as one string where a list of ints is a hundred thousand objects (the rule cache holds
# some 160,000 code words: 2 ms of every run as ints, 0.3 ms as bytes)
_WORD = next((code for code in "IL" if array(code).itemsize == 4), "")
_sre, _compiler, _parser, ENGINE = _engine()


def dumps(value: object) -> bytes:
    """``pickle.dumps(value)``, each compiled pattern in it kept with its program."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is not re.Pattern or _compiler is None:
            return NotImplemented
        program = _program(obj)
        return NotImplemented if program is None else (_rebuilt, program)


def _program(pattern: re.Pattern[Any]) -> tuple[Any, ...] | None:
    """What the engine's constructor takes for ``pattern``, as ``re._compiler.compile`` builds it."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        code = _compiler._code(parsed, pattern.flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        flags = pattern.flags | parsed.state.flags
        # (plain ints: the opcodes are named ints that refuse to be pickled)
        program: list[int] | bytes = [int(op) for op in code]
        if _WORD and _sre.CODESIZE == 4:
            program = array(_WORD, program).tobytes()
        return (pattern.pattern, flags, program, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 (an engine unlike the one this was written for: keep the source)
        return None


def program_of(source: str | bytes, flags: int) -> tuple[Any, ...] | None:
    """What the engine's constructor takes for ``re.compile(source, flags)``, if this engine is known."""
    if _compiler is None:
        return None
    try:
        return _program(re.compile(source, flags))
    except re.error:
        return None


def rebuilt(program: tuple[Any, ...]) -> re.Pattern[Any]:
    """The pattern a ``program_of`` result stands for (compiled from its source if refused)."""
    return _rebuilt(*program)


def _rebuilt(
    source: str | bytes,
    flags: int,
    code: list[int] | bytes,
    groups: int,
    groupindex: dict[str, int],
    indexgroup: tuple[Any, ...],
) -> re.Pattern[Any]:
    """The pattern from its program; compiled from its source when the engine refuses the program."""
    try:
        if isinstance(code, bytes):
            words = array(_WORD)
            words.frombytes(code)
            code = words.tolist()
        return _sre.compile(source, flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 (a program the engine does not take: compile as pickle would)
        return re.compile(source, flags)
