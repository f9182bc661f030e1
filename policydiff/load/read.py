"""Read the bytes of a source: a file path, or ``-`` for standard input, never more than the input limit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from policydiff.errors import InputError
from policydiff.limits import Limits, over

STDIN = "-"
STDIN_NAME = "<stdin>"


def source_name(source: str) -> str:
    """The name error messages use for a source."""
    return STDIN_NAME if source == STDIN else source


def read_bytes(source: str, stdin: BinaryIO | None = None, limits: Limits = Limits()) -> bytes:
    """All bytes of ``source``; an ``InputError`` naming it when it cannot be read or is too large."""
    if source == STDIN:
        # sys.stdin.buffer is looked up only now: a test or an embedding app may have replaced it
        stream = stdin if stdin is not None else sys.stdin.buffer
        return _bounded(stream, STDIN_NAME, limits)
    path = Path(source)
    try:
        # a device or a pipe (/dev/zero, <(cmd)) reports no size: the bounded read stops it all the same
        size = path.stat().st_size
        if size > limits.input_bytes:
            raise over(source, f"{size:,} bytes", "input_mb", limits)
        with path.open("rb") as stream:
            return _bounded(stream, source, limits)
    except FileNotFoundError:
        raise InputError(f"{source}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as error:
        raise InputError(f"{source}: cannot be read ({error.strerror or type(error).__name__})") from None


def _bounded(stream: BinaryIO, name: str, limits: Limits) -> bytes:
    """The stream's bytes, refused once they pass the input limit (read one byte past it to know)."""
    data = stream.read(limits.input_bytes + 1)
    if len(data) > limits.input_bytes:
        raise over(name, f"more than {limits.input_bytes:,} bytes", "input_mb", limits)
    return data
