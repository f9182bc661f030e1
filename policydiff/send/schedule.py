"""When SendGrid delivers a batch: scheduled a few minutes after its request (the default), or at once.

SendGrid's v3 API has no idempotency key, so a batch it accepted while the process died before the log
said so would be sent twice by a re-run. A scheduled batch closes that window: each request carries a
``batch_id`` made for it and a ``send_at`` ``delay_minutes`` ahead, and a re-run cancels the batch it
lost track of (``POST /v3/user/scheduled_sends``) before sending its recipients again. SendGrid only
guarantees a cancellation made at least 10 minutes before ``send_at`` ("scheduled sends cancelled less
than 10 minutes before the scheduled time are not guaranteed to be cancelled"), so the delay must leave
room for a re-run after that: ``CANCEL_LEAD`` is those 10 minutes plus one for the clocks to differ.
``--immediate`` sends at once and can mail one batch twice after a crash during its request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from policydiff.errors import InputError

DEFAULT_DELAY_MINUTES = 30
MIN_DELAY_MINUTES = 15  # CANCEL_LEAD + 4 minutes in which a crashed run can still be resumed safely
MAX_DELAY_MINUTES = 70 * 60  # SendGrid refuses a send_at more than 72 hours ahead; keep a margin
CANCEL_LEAD = timedelta(minutes=11)


@dataclass(frozen=True, slots=True)
class Schedule:
    """``delay_minutes`` after each request, or ``None``: SendGrid delivers at once (``--immediate``)."""

    delay_minutes: int | None = DEFAULT_DELAY_MINUTES

    @property
    def immediate(self) -> bool:
        return self.delay_minutes is None

    def send_at(self, now: datetime) -> int | None:
        """The ``send_at`` (Unix seconds) of a request made ``now``."""
        if self.delay_minutes is None:
            return None
        return int((now + timedelta(minutes=self.delay_minutes)).timestamp())


IMMEDIATE = Schedule(None)
SCHEDULED = Schedule()


def choose_schedule(*, immediate: bool, delay_minutes: int | None) -> Schedule:
    """The schedule the options ask for; a delay outside 15 minutes to 70 hours is an input error."""
    if immediate:
        if delay_minutes is not None:
            raise InputError("send: --immediate and --send-delay exclude each other")
        return IMMEDIATE
    if delay_minutes is None:
        return Schedule()
    if not MIN_DELAY_MINUTES <= delay_minutes <= MAX_DELAY_MINUTES:
        raise InputError(
            f"send --send-delay: must be {MIN_DELAY_MINUTES} to {MAX_DELAY_MINUTES} minutes "
            f"(got {delay_minutes}): SendGrid cancels a batch reliably only until 10 minutes before "
            "its send time, and takes a send time at most 72 hours ahead"
        )
    return Schedule(delay_minutes)


def cancel_deadline(send_at: int) -> datetime:
    """The last moment a batch due at ``send_at`` can still be cancelled for certain."""
    return datetime.fromtimestamp(send_at, UTC) - CANCEL_LEAD


def clock(moment: datetime | int) -> str:
    """``2026-11-24 09:30 UTC``: how the output names a send time."""
    when = datetime.fromtimestamp(moment, UTC) if isinstance(moment, int) else moment.astimezone(UTC)
    return when.strftime("%Y-%m-%d %H:%M UTC")
