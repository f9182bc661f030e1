"""The three ways to send, and what a run did: counts, files written, or the failure that stopped it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from policydiff.errors import DeliveryError
from policydiff.send.schedule import Schedule


class Mode(StrEnum):
    DRY_RUN = "dry-run"
    SANDBOX = "sandbox"
    LIVE = "live"


@dataclass(frozen=True, slots=True)
class SendResult:
    mode: Mode
    sent: int
    requests: int
    skipped: int
    failed: int
    duplicates: int
    resent_in_doubt: int = 0  # sent again after an immediate request that got no answer (may be twice)
    written: tuple[Path, ...] = ()
    schedule: Schedule = Schedule()
    last_send_at: int | None = None  # the latest send_at of this run's scheduled batches
    cancelled: int = 0  # recipients whose in-doubt batch this run cancelled at SendGrid (then sent again)
    unconfirmed: int = 0  # recipients skipped because their in-doubt batch could not be cancelled
    unconfirmed_batches: tuple[str, ...] = ()  # those batches' policydiff names (custom arg)


class SendFailed(DeliveryError):
    """A batch was not accepted; ``result`` counts what was sent before it."""

    def __init__(self, message: str, result: SendResult) -> None:
        super().__init__(message)
        self.result = result
