"""The one error boundary of the typer commands (the policy itself lives in ``guard``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from policydiff.cli.guard import error_log_path, internal_error, say
from policydiff.errors import PolicydiffError

__all__ = ["boundary", "error_log_path", "say"]

P = ParamSpec("P")
R = TypeVar("R")


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
            raise typer.Exit(internal_error(error)) from None

    return wrapper
