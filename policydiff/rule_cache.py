"""The compiled rule book kept between runs, so that a run loads it instead of building it.

Building the rule book (reading 15 TOML files, indexing some thousand phrases) takes 30-60 ms of
every run; unpickling it takes about a third of that. The ontology's readers are kept with it (their
TOML files cost another 5 ms a run to read). The pickle is named by a hash of what it is built
from (the rule and ontology files, the modules that compile them, and the interpreter's version),
so a changed rule file or an upgrade builds a new one and an old one is never read (the few
newest are kept, so that two versions run by turns do not rebuild each other's). It is
written to a temporary file and renamed into place: runs side by side each read a whole file or
build their own. A file that another user could have written is not read (a pickle runs code).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from policydiff import lazy_re, pattern_pickle
from policydiff.classify import READER_SOURCES, RuleBook, keep_readers
from policydiff.files import owned_by_user

__all__ = ["cached_rulebook", "keep_new_patterns", "rulebook_key"]

_PACKAGE = Path(__file__).parent
# what the pickle is made from: the rule and ontology files, and the code that reads them
_SOURCES = (
    "classify/rules.py",
    "classify/rulebook.py",
    "classify/phrases.py",
    "model.py",
    "pattern_pickle.py",
    "rule_cache.py",
    "lazy_re.py",
    "regex_gate.py",
    *READER_SOURCES,
)
_ONTOLOGY = _PACKAGE / "classify" / "ontology"
_PREFIX = "rulebook-"
_KEPT = 4  # compiled rule books kept in the folder, the newest


def rulebook_key(rules: Path | None = None) -> str:
    """The hash that names the compiled rule book of ``rules`` (default: the packaged rules)."""
    folder = rules or _PACKAGE / "classify" / "rules"
    # (the patterns are kept as the engine's programs: only the engine that made them reads them)
    digest = hashlib.sha256(
        f"{sys.version_info[:3]} {sys.implementation.name} {pattern_pickle.ENGINE}".encode()
    )
    ontology = sorted(_ONTOLOGY.glob("*.toml"))
    for path in [*(_PACKAGE / name for name in _SOURCES), *sorted(folder.glob("*.toml")), *ontology]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def cached_rulebook(cache: Path | None) -> RuleBook:
    """The packaged rule book, read from ``cache`` when built there before, else built and kept there.

    The ontology's readers kept with it are handed to the judgement. ``cache`` None keeps nothing.
    A cache that cannot be read or written is passed by: the rule book is built as if there were none.
    """
    from policydiff.classify import load_rulebook, packaged_readers

    if cache is None:
        return load_rulebook()
    path = cache / f"{_PREFIX}{rulebook_key()}.pickle"
    found = _read(path)
    if found is not None:
        _READ[:] = [(path, found)]
        return found
    rulebook = load_rulebook()
    # … with the programs of the module-level patterns imported so far (those a run of this kind
    # uses among them): built once here, they spare each later run compiling them
    programs = {key: program for key in lazy_re.patterns() if (program := _program_of(key))}
    _write(path, (rulebook, packaged_readers(), programs))
    return rulebook


# the kept rule book this run read, and where from (``keep_new_patterns`` writes it again)
_READ: list[tuple[Path, RuleBook]] = []


def keep_new_patterns() -> bool:
    """Keep again the rule book this run read, with the programs of the module patterns it had to
    compile (made or changed since it was kept: the rule files, which name it, did not change), so
    that later runs compile none; whether it was kept. Called as a run ends, only by a run that did."""
    from policydiff.classify import packaged_readers

    if not _READ:
        return False
    new = {key: program for key in lazy_re.missed() if (program := _program_of(key))}
    if not new:
        return False
    path, rulebook = _READ.pop()
    # (added to those it was handed: another kind of run uses patterns this one never made)
    try:
        kept = pattern_pickle.dumps((rulebook, packaged_readers(), {**lazy_re.handed(), **new}))
    except (pickle.PicklingError, TypeError, AttributeError):
        return False  # kept as it was: later runs compile the new patterns, as this one did
    _write(path, kept)
    return True


def _program_of(key: tuple[str | bytes, int]) -> lazy_re.Program | None:
    """The program of what is compiled for a lazy pattern (its source behind its gate)."""
    return pattern_pickle.program_of(lazy_re.compiled_source(*key), key[1])


def _read(path: Path) -> RuleBook | None:
    try:
        with path.open("rb") as handle:
            if not owned_by_user(os.fstat(handle.fileno())):
                return None
            found = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not (isinstance(found, tuple) and len(found) == 3 and isinstance(found[0], RuleBook)):
        return None
    if not isinstance(found[2], dict) or not keep_readers(found[1]):
        return None
    lazy_re.prime(found[2], pattern_pickle.rebuilt)
    return found[0]


def _written(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0  # removed meanwhile by a run beside this one


_Kept = tuple[RuleBook, dict[str, bytes], dict[tuple[str | bytes, int], lazy_re.Program]]


def _write(path: Path, kept: _Kept | bytes) -> None:
    from policydiff.files import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, kept if isinstance(kept, bytes) else pattern_pickle.dumps(kept))
        # built from rule files that are no more, or from another checkout or version used side by
        # side: keeping a few newest spares those a rebuild on every run as they take turns
        others = sorted(
            (old for old in path.parent.glob(f"{_PREFIX}*.pickle") if old != path),
            key=_written,
            reverse=True,
        )
        for old in others[_KEPT - 1 :]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk: the next run builds the rule book again
