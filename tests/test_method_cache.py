"""The dataclass methods kept between runs: the same classes, compiled once, never read from a file
another user could have written."""

from __future__ import annotations

import dataclasses
import marshal
import os
import subprocess
import sys
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path
from typing import Any

import pytest

from policydiff import method_cache
from policydiff.method_cache import kept_methods, methods_file


def _make() -> type[Any]:
    @dataclass(frozen=True)
    class Parcel:
        """A class of the kind the package makes: frozen, with a default and a factory."""

        name: str
        weight: int = 3
        labels: tuple[str, ...] = field(default_factory=tuple)

    return Parcel


def _kept(folder: Path) -> dict[str, Any]:
    found = marshal.loads(methods_file(folder).read_bytes())
    assert isinstance(found, dict)
    return found


def test_a_class_made_with_kept_methods_is_the_same_class(tmp_path: Path) -> None:
    plain = _make()
    for _ in range(2):  # the first block compiles and keeps, the second runs what was kept
        with kept_methods(tmp_path):
            kept = _make()
        parcel = kept("box")
        assert (parcel.name, parcel.weight, parcel.labels) == ("box", 3, ())
        assert repr(parcel) == repr(plain("box")).replace(plain.__qualname__, kept.__qualname__)
        assert kept("box", 4) == kept("box", 4) != kept("box", 5)
        assert hash(kept("box")) == hash(kept("box"))
        with pytest.raises(FrozenInstanceError):
            parcel.name = "crate"  # type: ignore[misc]
        for method in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
            ours, theirs = getattr(kept, method).__code__, getattr(plain, method).__code__
            # (compared as code, not as marshal's bytes: marshal writes a back-reference for an object
            # another holds, so the same code dumps differently as the run's other objects come and go)
            assert ours == theirs and ours.co_filename == theirs.co_filename, method


def test_the_first_run_keeps_the_methods_and_the_next_compiles_none(tmp_path: Path) -> None:
    with kept_methods(tmp_path):
        _make()
    path = methods_file(tmp_path)
    written = path.read_bytes()
    assert any("weight" in text for text in _kept(tmp_path))
    os.utime(path, (1, 1))
    with kept_methods(tmp_path):
        _make()
    assert path.read_bytes() == written and path.stat().st_mtime == 1  # nothing new: not written


def test_the_kept_code_is_what_runs(tmp_path: Path) -> None:
    with kept_methods(tmp_path):
        _make()
    path = methods_file(tmp_path)
    kept = _kept(tmp_path)
    (text,) = [text for text in kept if "def __repr__" in text]
    kept[text] = compile(
        "def __create_fn__(**kwargs):\n def __repr__(self): return 'kept'\n return __repr__",
        "<string>",
        "exec",
    )
    path.write_bytes(marshal.dumps(kept))
    path.chmod(0o644)
    with kept_methods(tmp_path):
        assert repr(_make()("box")) == "kept"
    path.chmod(0o666)  # another user could have written it: its code never runs
    with kept_methods(tmp_path):
        assert repr(_make()("box")) != "kept"


@pytest.mark.parametrize(
    "content", [b"", b"not marshal at all", marshal.dumps([1, 2]), marshal.dumps({1: 2})]
)
def test_a_damaged_file_is_passed_by_and_written_again(tmp_path: Path, content: bytes) -> None:
    path = methods_file(tmp_path)
    path.write_bytes(content)
    with kept_methods(tmp_path):
        assert _make()("box").weight == 3
    assert any("weight" in text for text in _kept(tmp_path))


def test_no_folder_keeps_nothing_and_the_module_is_left_as_found(tmp_path: Path) -> None:
    with kept_methods(None):
        _make()
        assert "exec" not in vars(dataclasses)
    with kept_methods(tmp_path):
        assert "exec" in vars(dataclasses)
    assert "exec" not in vars(dataclasses)
    with pytest.raises(ValueError), kept_methods(tmp_path / "raised"):
        raise ValueError("a run that fails still leaves dataclasses as it found it")
    assert "exec" not in vars(dataclasses)


def test_a_folder_that_cannot_be_written_is_passed_by(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    with kept_methods(blocked / "cache"):
        assert _make()("box").weight == 3
    assert blocked.read_text(encoding="utf-8") == "a file where the folder should be"


def test_a_file_grown_past_its_bound_keeps_only_what_the_last_run_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(method_cache, "KEPT_MAX", 3)
    methods_file(tmp_path).write_bytes(
        marshal.dumps({f"stale {n}": compile("", "<string>", "exec") for n in range(3)})
    )
    methods_file(tmp_path).chmod(0o644)
    with kept_methods(tmp_path):
        _make()
    assert not any(text.startswith("stale") for text in _kept(tmp_path))


def test_the_command_keeps_its_methods_and_says_the_same_with_them(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Privacy\n\nWe collect your email address.\n", encoding="utf-8")
    new.write_text("# Privacy\n\nWe collect your email address and your location.\n", encoding="utf-8")
    env = {**os.environ, "POLICYDIFF_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "policydiff", "diff", str(old), str(new), "--format", "json"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert methods_file(tmp_path / "cache").is_file()
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert (first.returncode, first.stdout, first.stderr) == (second.returncode, second.stdout, second.stderr)
    assert '"kind": "modified"' in second.stdout
