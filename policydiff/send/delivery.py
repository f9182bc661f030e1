"""Post the planned batches to SendGrid through an injected client, so that nobody is mailed twice.

Scheduled (the default): for each batch, a new SendGrid batch id, then a ``sending`` line in the send log
(synced) naming it, its recipients and its ``send_at``, then ``POST /v3/mail/send`` with both, then an
``accepted`` line. A batch whose outcome is unknown (the process died, no answer came, a 5xx) is
cancelled at SendGrid before its recipients are sent again under a new batch id; if it is too late to
cancel it for certain, it is logged ``unconfirmed`` and its recipients are not sent again.

Immediate (``--immediate``): no batch id, no ``send_at``; a batch whose outcome is unknown is sent
again by the next run, so a crash during a request can mail that one batch twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from policydiff.send.api import MAX_ATTEMPTS, Answer, Kind, SendGrid, Stop
from policydiff.send.batches import BATCH_ARG, Batch, Plan, request_body, without
from policydiff.send.log import SEND_LOG, LogRecord, append_record
from policydiff.send.notice_folder import Notice
from policydiff.send.redaction import checked_message_id
from policydiff.send.result import SendFailed, SendResult
from policydiff.send.schedule import SCHEDULED, Schedule, cancel_deadline, clock

if TYPE_CHECKING:
    from sendgrid import SendGridAPIClient


@dataclass(frozen=True, slots=True)
class _Sent:
    """What became of one planned batch."""

    requests: int = 0  # accepted requests (0 or 1)
    send_at: int | None = None
    cancelled: int = 0  # recipients of attempts that were cancelled before trying again
    unconfirmed: tuple[str, ...] = ()  # the batch's name, when it was left unconfirmed


def send_batches(
    client: SendGridAPIClient,
    notice: Notice,
    plan: Plan,
    *,
    sleep: Callable[[float], None],
    now: Callable[[], datetime],
    on_progress: Callable[[int], None] = lambda sent: None,
    timeout: float = 30.0,
    max_attempts: int = MAX_ATTEMPTS,
    schedule: Schedule = SCHEDULED,
) -> SendResult:
    """Cancel the earlier runs' batches in doubt, then send each batch; raise ``SendFailed`` on a failure."""
    api = SendGrid(client, sleep, now, timeout, max_attempts)
    done = SendResult(
        plan.mode,
        0,
        0,
        plan.skipped,
        0,
        plan.duplicates,
        schedule=schedule,
        unconfirmed=len(plan.unconfirmed),
        unconfirmed_batches=tuple(r.batch for r in plan.unconfirmed_batches),
    )
    try:
        plan, done = _resolve_earlier(api, notice, plan, done)
    except Stop as stop:
        failed = replace(done, failed=plan.to_send)
        message = f"{notice.folder}: {stop.problem}; this run sent nobody"
        raise SendFailed(api.redact(message), failed) from None
    left_before = done.unconfirmed
    for number, batch in enumerate(plan.batches, start=1):
        try:
            if schedule.immediate:
                sent = _send_now(api, notice, plan, batch)
            else:
                sent = _send_scheduled(api, notice, plan, batch, schedule)
        except Stop as stop:
            failed = replace(done, failed=plan.to_send - done.sent - (done.unconfirmed - left_before))
            message = _failure(notice, plan, number, batch, stop.problem, failed)
            raise SendFailed(api.redact(message), failed) from None
        done = _count(done, batch, plan, sent)
        on_progress(done.sent)
    return done


def _resolve_earlier(api: SendGrid, notice: Notice, plan: Plan, done: SendResult) -> tuple[Plan, SendResult]:
    """Cancel each scheduled batch an earlier run lost track of; drop those left unconfirmed from the plan."""
    dropped: set[str] = set()
    for record in plan.to_cancel:
        outcome = _cancel_or_leave(api, notice, record, earlier=True)
        if outcome == "cancelled":
            done = replace(done, cancelled=done.cancelled + len(record.recipients))
        else:
            dropped |= set(record.recipients)
            done = replace(
                done,
                unconfirmed=done.unconfirmed + len(record.recipients),
                unconfirmed_batches=(*done.unconfirmed_batches, record.batch),
            )
    return without(plan, notice, dropped), done


def _cancel_or_leave(api: SendGrid, notice: Notice, record: LogRecord, *, earlier: bool) -> str:
    """Cancel a scheduled batch in doubt ("cancelled"), or log it "unconfirmed" when it is too late."""
    if record.batch_id is None or record.send_at is None:
        raise ValueError(f"batch {record.batch} was not scheduled: it cannot be cancelled")
    deadline = cancel_deadline(record.send_at)
    try:
        cancelled = api.cancel(record.batch_id, deadline)
    except Stop as stop:
        when = "an earlier run" if earlier else "this run"
        raise Stop(
            f"could not cancel batch {record.batch} (SendGrid batch {record.batch_id}, "
            f"{len(record.recipients)} recipients, due {clock(record.send_at)}) whose request got no answer "
            f"in {when}: {stop.problem}; nobody in it was sent again; run the same command again before "
            f"{clock(deadline)} to retry the cancel (after that they are left unconfirmed, never sent again)"
        ) from None
    outcome = "cancelled" if cancelled else "unconfirmed"
    _log(api, notice, replace(record, outcome=outcome), None)
    return outcome


def _send_scheduled(api: SendGrid, notice: Notice, plan: Plan, batch: Batch, schedule: Schedule) -> _Sent:
    """One batch as a scheduled send; an attempt that may have been taken is cancelled before the next."""
    variant = notice.variant(batch.locale)
    record: LogRecord | None = None
    answer, attempt, cancelled = Answer(Kind.UNREACHED), 0, 0
    for attempt in range(1, api.max_attempts + 1):
        if record is None:  # a new batch id for each attempt that SendGrid may have taken
            batch_id = api.new_batch_id()
            record = _record(notice, plan, batch, "sending", batch_id, schedule.send_at(api.now()))
            _log(api, notice, record, None)
        body = request_body(
            notice, variant, batch, plan.mode, batch_id=record.batch_id, send_at=record.send_at
        )
        answer = api.mail(body)
        if answer.kind is Kind.OK:
            _log(api, notice, replace(record, outcome="accepted"), answer)
            return _Sent(1, record.send_at, cancelled)
        if answer.kind is Kind.REFUSED:
            _log(api, notice, replace(record, outcome="failed"), answer)
            raise Stop(answer.problem(attempt))
        if answer.may_be_done:
            if _cancel_or_leave(api, notice, record, earlier=False) == "unconfirmed":
                return _Sent(0, record.send_at, cancelled, (batch.id,))
            cancelled += len(batch.recipients)
            record = None
        if attempt < api.max_attempts:
            api.wait(attempt, answer)
    raise Stop(answer.problem(attempt))


def _send_now(api: SendGrid, notice: Notice, plan: Plan, batch: Batch) -> _Sent:
    """One batch for delivery at once: 429, 5xx and refused connections are tried again."""
    record = _record(notice, plan, batch, "sending", None, None)
    _log(api, notice, record, None)
    body = request_body(notice, notice.variant(batch.locale), batch, plan.mode)
    answer, attempt = Answer(Kind.UNREACHED), 0
    for attempt in range(1, api.max_attempts + 1):
        answer = api.mail(body)
        if answer.kind is Kind.OK:
            _log(api, notice, replace(record, outcome="accepted"), answer)
            return _Sent(1)
        if answer.kind is Kind.SILENT:  # SendGrid may have taken it: never posted again in this run
            raise Stop(
                f"{answer.problem(attempt)}; SendGrid may have accepted it (--immediate): find "
                f"{BATCH_ARG}={batch.id} in its Email Activity before resuming, which sends it again"
            )
        if answer.kind is Kind.REFUSED:
            break
        if attempt < api.max_attempts:
            api.wait(attempt, answer)
    if answer.status is not None:  # an answer: SendGrid did not take the batch
        _log(api, notice, replace(record, outcome="failed"), answer)
    raise Stop(answer.problem(attempt))


def _count(done: SendResult, batch: Batch, plan: Plan, sent: _Sent) -> SendResult:
    """``done`` with one more batch: taken by SendGrid, or left unconfirmed."""
    size = len(batch.recipients)
    if sent.unconfirmed:
        return replace(
            done,
            unconfirmed=done.unconfirmed + size,
            unconfirmed_batches=(*done.unconfirmed_batches, *sent.unconfirmed),
            cancelled=done.cancelled + sent.cancelled,
        )
    in_doubt = sum(1 for p in batch.recipients if p.hash in plan.in_doubt)
    last = max(filter(None, (done.last_send_at, sent.send_at)), default=None)
    return replace(
        done,
        sent=done.sent + size,
        requests=done.requests + sent.requests,
        resent_in_doubt=done.resent_in_doubt + in_doubt,
        cancelled=done.cancelled + sent.cancelled,
        last_send_at=last,
    )


def _record(
    notice: Notice, plan: Plan, batch: Batch, outcome: str, batch_id: str | None, send_at: int | None
) -> LogRecord:
    hashes = tuple(p.hash for p in batch.recipients)
    return LogRecord(batch.id, plan.mode, notice.digest, outcome, hashes, batch_id, send_at, batch.locale)


def _log(api: SendGrid, notice: Notice, record: LogRecord, answer: Answer | None) -> None:
    """Append ``record``; of SendGrid's answer only the status and a shape-checked ``X-Message-Id``."""
    message_id = None
    if answer is not None and answer.kind is Kind.OK:
        message_id = checked_message_id(answer.headers.get("X-Message-Id"), api.key)
    append_record(
        notice.folder,
        record,
        locale=record.locale,
        status=answer.status if answer is not None else None,
        message_id=message_id,
        time=api.now(),
    )


def _failure(notice: Notice, plan: Plan, number: int, batch: Batch, problem: str, result: SendResult) -> str:
    total, size = plan.to_send + plan.skipped + len(plan.unconfirmed), len(batch.recipients)
    return (
        f"{notice.folder}: batch {number} of {len(plan.batches)} ({batch.id}, {size} recipients) {problem}; "
        f"sent {result.sent + result.skipped} of {total} recipients ({result.sent} in this run), "
        f"{result.failed} not sent; {notice.folder / SEND_LOG} keeps the progress: "
        "run the same command again to resume"
    )
