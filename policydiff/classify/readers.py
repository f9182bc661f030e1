"""The ontology's readers kept by the rule cache beside the rule book: a run that is handed them reads
none of the ontology's TOML files (nor imports ``tomllib``). Each is kept pickled and unpickled only
when the run first reads with it, so that a run that never does compiles none of its patterns."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from policydiff import pattern_pickle

__all__ = ["SOURCES", "keep_readers", "kept", "packaged_readers", "read_once"]

_T = TypeVar("_T")
# the code that reads the ontology (``classify/ontology/*.toml``) into the readers
SOURCES = (
    "classify/practice.py",
    "classify/statements.py",
    "classify/equivalents.py",
    "classify/converse.py",
    "classify/readers.py",
    "classify/alternation.py",
)
_NAMES = frozenset({"practice", "statements", "equivalents", "converse"})
_PICKLED: dict[str, bytes] = {}  # handed over by the rule cache, by name; taken on first use


def packaged_readers() -> dict[str, bytes]:
    """The readers of the packaged ontology, pickled (read now where not read before)."""
    from policydiff.classify import converse, equivalents, practice, statements

    readers = {
        "converse": converse.converse_reader(),
        "practice": practice.practice_reader(),
        "statements": statements.statement_reader(),
        "equivalents": equivalents.forms(),
    }
    # (their patterns kept compiled: loading them compiles nothing again)
    return {name: pattern_pickle.dumps(reader) for name, reader in readers.items()}


def keep_readers(found: object) -> bool:
    """Hand over ``found`` when it is what ``packaged_readers`` gives; whether it was."""
    if not (
        isinstance(found, dict)
        and set(found) == _NAMES
        and all(isinstance(data, bytes) for data in found.values())
    ):
        return False
    _PICKLED.update(found)
    return True


def kept(name: str, kind: type[_T]) -> _T | None:
    """The reader ``name`` handed over, unpickled now; None when none was, or it is no ``kind``."""
    data = _PICKLED.pop(name, None)
    if data is None:
        return None
    try:
        found = pickle.loads(data)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return found if isinstance(found, kind) else None


def read_once(
    cache: dict[Path, _T], folder: Path, packaged: Path, name: str, kind: type[_T], read: Callable[[Path], _T]
) -> _T:
    """The reader of ``folder``, read once per process; the ``packaged`` folder's may be the one the
    rule cache handed over as ``name``."""
    reader = cache.get(folder)
    if reader is None:
        handed = kept(name, kind) if folder == packaged else None
        reader = cache[folder] = handed if handed is not None else read(folder)
    return reader
