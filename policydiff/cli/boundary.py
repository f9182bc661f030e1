"""The one error boundary of the typer commands (the policy itself lives in ``guard``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from policydiff.cli.guard import error_log_path, guarded, say

__all__ = ["boundary", "error_log_path", "say"]

P = ParamSpec("P")
R = TypeVar("R")


def boundary(command: Callable[P, R]) -> Callable[P, R]:
    """Turn errors raised by a command into one stderr line and an exit code (``guard.guarded``)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        returned: list[R] = []

        def run() -> int:
            returned.append(command(*args, **kwargs))
            return 0

        code = guarded(run, passes=(typer.Exit, typer.Abort))
        if returned:
            return returned[0]
        raise typer.Exit(code)

    return wrapper
