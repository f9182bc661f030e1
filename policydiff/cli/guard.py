"""What the one error boundary does, without the command-line library: a ``PolicydiffError``
becomes one stderr line and its exit code; anything unexpected exits 4 with one line and the
traceback in a log file (never 1, which a CI job reads as "changes found"). ``boundary`` wraps
the typer commands in it; ``diff``'s fast path (``policydiff.cli.fast``) runs in it directly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from policydiff import __version__
from policydiff.errors import PolicydiffError

__all__ = ["error_log_path", "guarded", "internal_error", "say"]


def error_log_path() -> Path:
    """Where the traceback of an internal error goes."""
    override = os.environ.get("POLICYDIFF_ERROR_LOG")
    if override:
        return Path(override)
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(state) / "policydiff" / "error.log"


def _log_internal_error(error: BaseException) -> str:
    import tempfile  # only an internal error needs them: a run that goes well never imports them
    import traceback

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


def internal_error(error: BaseException) -> int:
    """Say an unexpected error in one line, log its traceback, and give exit code 4."""
    where = _log_internal_error(error)
    say(f"internal error: {type(error).__name__}: {error} (traceback in {where})")
    return 4


def guarded(run: Callable[[], int], passes: tuple[type[BaseException], ...] = ()) -> int:
    """``run``'s exit code, or the one its error calls for, said in one line (``passes``: the
    exceptions that are the caller's own way to end, raised on as they are)."""
    try:
        return run()
    except passes:
        raise
    except PolicydiffError as error:
        for line in (error.message, *error.details):
            say(line)
        return error.exit_code
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except Exception as error:  # noqa: BLE001 - the one place that must catch everything
        return internal_error(error)
