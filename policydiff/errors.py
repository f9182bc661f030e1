"""The one exception tree of policydiff.

    PolicydiffError(message, exit_code=4)
    ├── InputError          exit 2   bad usage, a bad file, a bad config value
    ├── NetworkError        exit 3   a fetch that failed
    └── DeliveryError       exit 3   an email batch that was not accepted

Library code raises these; only ``policydiff.cli`` catches them, prints the message as one
line on stderr and exits with ``exit_code``. Messages read ``<input>: <problem>``. A problem
made of several items (each change a notice waits for) carries them as ``details``, printed
one line each after the message.
"""

from __future__ import annotations

from collections.abc import Sequence


class PolicydiffError(Exception):
    """Base of every error policydiff reports to a user."""

    exit_code: int = 4

    def __init__(self, message: str, exit_code: int | None = None, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = tuple(details)
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class InputError(PolicydiffError):
    """Bad usage or bad input: a missing, empty, binary or undecodable file, a bad config."""

    exit_code = 2


class NetworkError(PolicydiffError):
    """A network operation failed (fetching a policy page)."""

    exit_code = 3


class DeliveryError(PolicydiffError):
    """Email delivery failed or was refused."""

    exit_code = 3
