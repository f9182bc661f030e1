"""What the commands share without the command-line library: option values, the config and clock
they read, where output goes. ``diff``'s fast path (``policydiff.cli.fast``) runs on this alone."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from policydiff.errors import InputError

if TYPE_CHECKING:
    from policydiff.config import Settings
    from policydiff.limits import Limits


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"


class SegmentFormat(StrEnum):
    text = "text"
    json = "json"


class HistoryFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"
    atom = "atom"


class ReviewSeverity(StrEnum):
    editorial = "editorial"
    minor = "minor"
    major = "major"


class FailOn(StrEnum):
    major = "major"
    minor = "minor"
    any = "any"
    never = "never"


def fail_rank(fail_on: FailOn) -> int:
    """The severity rank from which ``--fail-on`` exits 1; "major" starts at review, which ranks just
    below it, so a change no rule could read and no lawyer has decided yet never passes a gate
    silently (SPEC). The model is imported here, not when the command line starts (``--help``)."""
    from policydiff.model import Severity

    return {
        FailOn.major: Severity.REVIEW.rank,
        FailOn.minor: Severity.MINOR.rank,
        FailOn.any: Severity.EDITORIAL.rank,
        FailOn.never: Severity.MAJOR.rank + 1,
    }[fail_on]


def exit_code(severity_rank: int, fail_on: FailOn) -> int:
    """1 when the report's severity reaches ``--fail-on``, else 0."""
    return 1 if severity_rank >= fail_rank(fail_on) else 0


def project_settings(config: Path | None, limits: list[str] | None = None) -> Settings:
    """The settings of ``--config``, else of the policydiff.toml found from the working directory;
    ``limits`` (the ``--limit`` flags) win over its ``[limits]``."""
    from dataclasses import replace

    from policydiff.config import load_settings
    from policydiff.limits import with_flags

    settings = load_settings(config, search_from=Path.cwd())
    if limits:
        settings = replace(settings, limits=with_flags(settings.limits, limits))
    return replace(settings, rule_cache=rule_cache_folder(os.environ))


def rule_cache_folder(environ: Mapping[str, str]) -> Path | None:
    """Where runs keep the compiled rule book and dataclass methods: ``POLICYDIFF_CACHE_DIR``
    (empty: nowhere), else ``$XDG_CACHE_HOME/policydiff``, else ``~/.cache/policydiff``."""
    if "POLICYDIFF_CACHE_DIR" in environ:
        chosen = environ["POLICYDIFF_CACHE_DIR"]
        return Path(chosen).expanduser() if chosen else None
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policydiff"


@contextmanager
def budget(limits: Limits, what: str, documents: int = 1) -> Iterator[None]:
    """Stop the run once it has taken ``limits.seconds`` for each of the ``documents`` it reads.

    The one wall clock of a run, set here at the edge (the core never reads the clock). A run whose
    worker threads are still busy (fetch, check) cannot be unwound from the main thread alone: it says
    why and ends at once, as a kill would, which the archive and the notice step survive by design.
    """
    import os
    import signal
    import threading

    from policydiff.limits import over

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield  # no timer to set here (Windows, or a host application's thread)
        return
    seconds = limits.seconds * max(1, documents)
    # threads alive before the run are the host's (a test server, an embedding application): only
    # the run's own workers make it end at once
    before = set(threading.enumerate())

    def expired(signum: int, frame: object) -> None:
        each = f" for {documents} documents" if documents > 1 else ""
        error = over(what, f"the run took more than {seconds:,} seconds{each}", "seconds", limits)
        if any(thread.is_alive() and thread not in before for thread in threading.enumerate()):
            from policydiff.cli.guard import say

            say(error.message)
            sys.stderr.flush()
            os._exit(error.exit_code)
        raise error

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def lazy_archive(config: Path | None) -> Callable[[], Path]:
    """The archive root, read from the config only when a ``POLICY@REF`` needs it."""
    return lambda: project_settings(config).archive


def today() -> dt.date:
    """Today, or ``$POLICYDIFF_TODAY`` (YYYY-MM-DD): to draft again, reproducibly, as on a given day."""
    import os

    fixed = os.environ.get("POLICYDIFF_TODAY")
    if not fixed:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(fixed)
    except ValueError:
        raise InputError(f"$POLICYDIFF_TODAY: not a date YYYY-MM-DD (got {fixed!r})") from None


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def write(data: str | bytes, output: Path | None) -> None:
    """Write a rendering to ``output``, or to stdout (bytes through its binary buffer)."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
        return
    with _writing(output):
        if isinstance(data, bytes):
            output.write_bytes(data)
        else:
            output.write_text(data, encoding="utf-8")


def append(path: Path, text: str) -> None:
    """Add ``text`` at the end of ``path`` (a job summary other steps write to as well)."""
    with _writing(path), path.open("a", encoding="utf-8") as out:
        out.write(text)


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A file that cannot be written is the user's input error, named by its path."""
    try:
        yield
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror or error}") from None


def terminal(color: bool | None, output: Path | None) -> tuple[bool, int]:
    """Colour and width for a text rendering: a terminal's own, else plain at 100 columns."""
    at_terminal = output is None and sys.stdout.isatty()
    use_color = at_terminal if color is None else color
    return use_color, shutil.get_terminal_size()[0] if at_terminal else 100


def shown(path: Path) -> str:
    """A path as a user reads it: relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def person(by: str | None) -> str:
    """Who acts: ``--by``, else $POLICYDIFF_REVIEWER, else git's ``user.name``, else the login name."""
    import getpass
    import os
    import subprocess

    if by:
        return by
    if os.environ.get("POLICYDIFF_REVIEWER"):
        return os.environ["POLICYDIFF_REVIEWER"]
    try:
        done = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        done = None
    if done is not None and done.returncode == 0 and done.stdout.strip():
        return done.stdout.strip()
    return getpass.getuser()
