"""policydiff.files: whole files or nothing, never a part, never a temporary left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policydiff.files import TEMP_PREFIX, write_atomic, write_text_atomic


def test_write_atomic_replaces_whole_files_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "history.json"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["history.json"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_text_is_written_as_utf8_with_its_line_endings(tmp_path: Path) -> None:
    target = tmp_path / "notice.txt"
    write_text_atomic(target, "Caf\u00e9\r\nline two\n")
    assert target.read_bytes() == "Caf\u00e9\r\nline two\n".encode()


def test_a_failed_write_keeps_the_old_file_and_removes_its_temporary(tmp_path: Path) -> None:
    target = tmp_path / "history.json"
    write_atomic(target, b"old")

    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert not [name for name in os.listdir(tmp_path) if name.startswith(TEMP_PREFIX)]
