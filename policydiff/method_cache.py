"""The methods ``dataclasses`` writes, compiled once and kept between runs.

``dataclasses`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` (and, for a
frozen class, ``__setattr__`` and ``__delattr__``) as source text and compiles it as the class is
made: the 65 classes a ``diff`` imports make some 370 small compilations, 40-90 ms of every run and
the largest part of its fixed cost (issue 17). The text is fixed by the class's fields, so the code
compiled from it is kept in the cache folder beside the rule book, one file per interpreter (a code
object is read only by the interpreter that made it), keyed by the text itself: a run that finds the
text runs the kept code, which is what the compiler makes of that text, and compiles what it does
not find. The file is written whole (``write_atomic``) only by a run that compiled something new,
and a file that another user could have written is not read (code in it would run).
"""

from __future__ import annotations

import builtins
import importlib.util
import marshal
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import CodeType
from typing import Any

__all__ = ["KEPT_MAX", "kept_methods", "methods_file"]

KEPT_MAX = 4_000  # texts kept at most: past this, a file keeps only what the run that wrote it used


def methods_file(folder: Path) -> Path:
    """The file in ``folder`` that holds this interpreter's compiled methods."""
    tag = sys.implementation.cache_tag or sys.implementation.name
    return folder / f"methods-{tag}-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


class _Compiler:
    """``exec`` as ``dataclasses`` calls it, running kept code for a text compiled before."""

    def __init__(self, known: Mapping[str, CodeType]) -> None:
        self.known = known
        self.used: dict[str, CodeType] = {}
        self.new = False

    def __call__(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        if not isinstance(source, str):
            builtins.exec(source, globals, locals)
            return
        code = self.known.get(source)
        if code is None:
            # what ``exec`` makes of the text in ``dataclasses``, a module with no ``__future__`` import
            code = compile(source, "<string>", "exec", dont_inherit=True)
            self.new = True
        self.used[source] = code
        builtins.exec(code, globals, locals)


@contextmanager
def kept_methods(folder: Path | None) -> Iterator[None]:
    """Within the block, dataclasses are made with the methods kept in ``folder`` (None: as usual).

    On leaving, the texts compiled anew are added to the file; a folder that cannot be read or
    written is passed by, and the classes are made as if there were none.
    """
    if folder is None:
        yield
        return
    import dataclasses

    path = methods_file(folder)
    compiler = _Compiler(_read(path))
    had = "exec" in vars(dataclasses)
    previous = vars(dataclasses).get("exec")
    # ``dataclasses`` looks ``exec`` up among its globals before the builtins: only it is served
    setattr(dataclasses, "exec", compiler)  # noqa: B010 (a module attribute, not a constant name)
    try:
        yield
    finally:
        if had:
            setattr(dataclasses, "exec", previous)  # noqa: B010
        else:
            delattr(dataclasses, "exec")
        if compiler.new:
            _write(path, compiler)


def _read(path: Path) -> dict[str, CodeType]:
    from policydiff.files import owned_by_user

    try:
        with path.open("rb") as handle:
            if not owned_by_user(os.fstat(handle.fileno())):
                return {}
            found = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {
        text: code for text, code in found.items() if isinstance(text, str) and isinstance(code, CodeType)
    }


def _write(path: Path, compiler: _Compiler) -> None:
    from policydiff.files import write_atomic

    kept = {**compiler.known, **compiler.used}
    if len(kept) > KEPT_MAX:  # texts of classes long changed: start again from what this run made
        kept = dict(compiler.used)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, marshal.dumps(kept))
    except (OSError, ValueError):
        pass  # a read-only or full disk: the next run compiles them again
