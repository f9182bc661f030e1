"""The one error boundary: a ``PolicydiffError`` becomes one stderr line and its exit code.

Anything unexpected exits 4 with one line and the traceback in a log file (never 1, which a CI
job reads as "changes found").
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import typer

from policydiff import __version__
from policydiff.errors import PolicydiffError

P = ParamSpec("P")
R = TypeVar("R")


def error_log_path() -> Path:
    """Where the traceback of an internal error goes."""
    override = os.environ.get("POLICYDIFF_ERROR_LOG")
    if override:
        return Path(override)
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(state) / "policydiff" / "error.log"


def _log_internal_error(error: BaseException) -> str:
    text = "".join(traceback.format_exception(error))
    for path in (error_log_path(), Path(tempfile.gettempdir()) / "policydiff-error.log"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as log:
                log.write(f"policydiff {__version__} {' '.join(sys.argv)}\n{text}\n")
            return str(path)
        except OSError:
            continue
    return "no log could be written"


def say(message: str) -> None:
    """Print ``message`` on stderr as one ``policydiff: …`` line."""
    # one line, whatever the message holds
    sys.stderr.write("policydiff: " + " ".join(message.split()) + "\n")


def boundary(command: Callable[P, R]) -> Callable[P, R]:
    """Turn errors raised by a command into one stderr line and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except PolicydiffError as error:
            for line in (error.message, *error.details):
                say(line)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            say("interrupted")
            raise typer.Exit(130) from None
        except Exception as error:  # noqa: BLE001 - the one place that must catch everything
            where = _log_internal_error(error)
            say(f"internal error: {type(error).__name__}: {error} (traceback in {where})")
            raise typer.Exit(4) from None

    return wrapper
