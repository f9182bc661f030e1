"""Files written whole or not at all: the one atomic write every part of policydiff uses.

A reader (another process, a crash, a ``git add`` between two writes) sees the old file or the
new one, never a part: the bytes go to a temporary file in the same folder, reach the disk
(fsync), and a rename puts them under their name; the folder is synced so the rename lasts too.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

__all__ = ["TEMP_PREFIX", "owned_by_user", "write_atomic", "write_text_atomic"]

# temporary files start with this, so a folder listing (or a clean-up) can tell them from real ones
TEMP_PREFIX = ".policydiff-"


def write_atomic(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never a part."""
    import tempfile  # only a run that writes pays for it

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # the bytes reach the disk before the name points at them
        os.chmod(temporary, mode)  # mkstemp makes 0600; these files are meant to be shared
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(path.parent)


def write_text_atomic(path: Path, text: str) -> None:
    """``write_atomic`` for text: UTF-8, line endings kept as given."""
    write_atomic(path, text.encode("utf-8"))


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (a no-op where a folder cannot be opened)."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def owned_by_user(stat: os.stat_result) -> bool:
    """Written by this user and by no one else (POSIX); elsewhere the folder's own rights protect it.

    Files whose content runs as code (a pickle, compiled methods) are read only when this holds.
    """
    getuid = getattr(os, "getuid", None)
    return getuid is None or (stat.st_uid == getuid() and not stat.st_mode & 0o022)
