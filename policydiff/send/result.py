"""The three ways to send, and what a run did: counts, files written, or the failure that stopped it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from policydiff.errors import DeliveryError


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
    resent_in_doubt: int = 0
    written: tuple[Path, ...] = ()


class SendFailed(DeliveryError):
    """A batch was not accepted; ``result`` counts what was sent before it."""

    def __init__(self, message: str, result: SendResult) -> None:
        super().__init__(message)
        self.result = result
