"""Read the bytes of a source: a file path, or ``-`` for standard input."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from policydiff.errors import InputError

STDIN = "-"
STDIN_NAME = "<stdin>"


def source_name(source: str) -> str:
    """The name error messages use for a source."""
    return STDIN_NAME if source == STDIN else source


def read_bytes(source: str, stdin: BinaryIO | None = None) -> bytes:
    """All bytes of ``source``; an ``InputError`` naming it when it cannot be read."""
    if source == STDIN:
        # sys.stdin.buffer is looked up only now: a test or an embedding app may have replaced it
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read()
    path = Path(source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as error:
        raise InputError(f"{source}: cannot be read ({error.strerror or type(error).__name__})") from None
