"""The command line: parse options, call one library function, render, pick the exit code.

This is the one error boundary (``guard``, ``boundary``). A ``PolicydiffError`` becomes one line on
stderr and its exit code; a usage error one line and exit 2; anything unexpected exit 4 with one
line and the traceback in a log file (never 1, which a CI job reads as "changes found").

The typer application (``app``) lives in ``policydiff.cli.application`` and is built only when a command
needs it: ``diff`` with plain arguments runs on its fast path (``policydiff.cli.fast``), which does
the same work without the command-line library's import and set-up.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import typer

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point of the ``policydiff`` command: usage errors become one line and exit 2.

    Run as a process (``argv`` None), it tunes the cyclic garbage collector for one short run and
    makes the dataclasses with the methods compiled by earlier runs (``policydiff.method_cache``).
    """
    from contextlib import AbstractContextManager, nullcontext

    from policydiff.cli.fast import fast_main

    methods: AbstractContextManager[None] = nullcontext()
    if argv is None:
        # A run builds some hundred thousand objects (the rule book, two outlines) that live until
        # it ends and hold few cycles: collecting every 700 allocations walks them again and again,
        # and so does the collection at exit, some 20 ms of a typical 0.16 s run
        # (benchmarks/speed.py). mypy sets the same threshold for the same reason.
        gc.set_threshold(200_000, 30, 30)
        from policydiff.cli.runtime import rule_cache_folder
        from policydiff.method_cache import kept_methods

        methods = kept_methods(rule_cache_folder(os.environ))
    try:
        with methods:
            arguments = sys.argv[1:] if argv is None else argv
            code = fast_main(arguments)
            if code is not None:
                sys.exit(code)
            from policydiff.cli.application import typer_main

            typer_main(argv)
    finally:
        if argv is None:
            # a pattern new since the rule cache was kept (a newer policydiff, the same rule files) is
            # kept with it now, for later runs not to compile it (only if this run read that cache)
            kept = sys.modules.get("policydiff.rule_cache")
            if kept is not None:
                kept.keep_new_patterns()
            gc.freeze()  # what is left is freed as the process ends: no collection need walk it


def __getattr__(name: str) -> typer.Typer:
    """``policydiff.cli.application`` (the typer application) on first use."""
    if name == "app":
        from policydiff.cli.application import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
