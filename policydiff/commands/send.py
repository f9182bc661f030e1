"""``policydiff send``: write a notice to a dry-run outbox, or deliver it through SendGrid in batches."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import urlparse

from policydiff.config import EmailSettings
from policydiff.errors import InputError
from policydiff.send import (
    BATCH_ARG,
    MAX_PERSONALIZATIONS,
    OUTBOX,
    SEND_LOG,
    Mode,
    Schedule,
    SendResult,
    plan_batches,
    read_notice,
    read_recipients,
    read_send_log,
    send_batches,
    write_outbox,
)
from policydiff.send.schedule import CANCEL_LEAD, SCHEDULED, clock

if TYPE_CHECKING:
    from sendgrid import SendGridAPIClient

__all__ = [
    "SENDGRID_HOST",
    "ClientFactory",
    "ProgressBar",
    "SendOutcome",
    "choose_mode",
    "send_notice",
    "sendgrid_client",
    "sendgrid_host",
    "sendgrid_key",
    "summary_lines",
]

SENDGRID_HOST = "https://api.sendgrid.com"

# given how many recipients are to be sent, a context in which each accepted batch reports the count so far
ProgressBar: TypeAlias = Callable[[int], AbstractContextManager[Callable[[int], None]]]
ClientFactory: TypeAlias = "Callable[[str, str], SendGridAPIClient]"  # (api_key, host) → client


@dataclass(frozen=True, slots=True)
class SendOutcome:
    """What a ``send`` did (``result.mode`` says how), and where its outbox and send log are."""

    result: SendResult
    outbox: Path  # NOTICE_DIR/outbox: a dry run's .eml files
    send_log: Path  # NOTICE_DIR/send-log.jsonl: written by sandbox and live runs only
    batch_size: int = MAX_PERSONALIZATIONS  # at most this many recipients per request


def choose_mode(*, dry_run: bool, sandbox: bool, live: bool) -> Mode:
    """The mode the flags ask for, a dry run when none does; more than one is an input error."""
    chosen = [mode for mode, on in ((Mode.SANDBOX, sandbox), (Mode.LIVE, live)) if on]
    if len(chosen) + dry_run > 1:
        raise InputError("send: choose one of --dry-run, --sandbox, --live")
    return chosen[0] if chosen else Mode.DRY_RUN


def sendgrid_key(value: str | None) -> str:
    """The API key (``SENDGRID_API_KEY``); checked here because the client would send "Bearer None"."""
    key = (value or "").strip()
    if not key:
        raise InputError("SENDGRID_API_KEY: not set; export a SendGrid API key with Mail Send access")
    if not key.isascii() or not key.isprintable() or " " in key:
        # http.client would put the key itself into the error message of a bad header
        raise InputError("SENDGRID_API_KEY: holds spaces, control or non-ASCII characters")
    return key


def sendgrid_host(env_value: str | None, configured: str | None) -> str:
    """``POLICYDIFF_SENDGRID_HOST``, else ``[email] api_host``, else SendGrid's; an http(s) URL."""
    host = env_value or configured or SENDGRID_HOST
    parsed = urlparse(host)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(f"POLICYDIFF_SENDGRID_HOST: must be an http(s) URL (got {host!r})")
    return host.rstrip("/")


def sendgrid_client(api_key: str, host: str) -> SendGridAPIClient:
    """The official client, imported only when a send is about to post."""
    from sendgrid import SendGridAPIClient

    return SendGridAPIClient(api_key=api_key, host=host)


def send_notice(
    notice_dir: Path,
    recipients: Path,
    *,
    mode: Mode,
    email: EmailSettings,
    api_key: str | None,
    api_host: str | None,
    now: Callable[[], datetime],
    sleep: Callable[[float], None],
    confirm: Callable[[int], None] | None,  # (to_send): before a live send to anyone; raises to stop it
    progress: ProgressBar | None = None,
    client_factory: ClientFactory = sendgrid_client,
    schedule: Schedule = SCHEDULED,
    batch_size: int = MAX_PERSONALIZATIONS,
    resend_unconfirmed: bool = False,
) -> SendOutcome:
    """Write the outbox (dry run) or send whoever this mode has not yet reached; a re-run resumes.

    A scheduled send (the default) cancels at SendGrid any batch an earlier run lost track of before
    sending its recipients again; ``IMMEDIATE`` resends such a batch, which may mail it twice.
    """
    notice = read_notice(notice_dir, default_sender=email.sender, default_subject=email.subject)
    people = read_recipients(recipients)
    if mode is Mode.DRY_RUN:
        return _outcome(notice_dir, write_outbox(notice, people, now=now()))
    key, host = sendgrid_key(api_key), sendgrid_host(api_host, email.api_host)
    if not 1 <= batch_size <= MAX_PERSONALIZATIONS:
        raise InputError(f"send --batch-size: must be 1 to {MAX_PERSONALIZATIONS} (got {batch_size})")
    plan = plan_batches(
        notice,
        people,
        mode=mode,
        log=read_send_log(notice_dir),
        max_personalizations=batch_size,
        resend_unconfirmed=resend_unconfirmed,
    )
    if mode is Mode.LIVE and plan.to_send and confirm is not None:
        confirm(plan.to_send)
    client = client_factory(key, host)
    with (progress or _no_progress)(plan.to_send) as on_progress:
        result = send_batches(
            client, notice, plan, sleep=sleep, now=now, on_progress=on_progress, schedule=schedule
        )
    return _outcome(notice_dir, result, batch_size)


def summary_lines(outcome: SendOutcome) -> tuple[str, ...]:
    """What the command line prints on stdout once a send is done."""
    result = outcome.result
    if result.mode is Mode.DRY_RUN:
        return (
            f"dry run: wrote {len(result.written)} .eml files to {outcome.outbox}"
            f" ({result.duplicates} duplicate rows dropped); nothing sent",
        )
    lines = [
        f"{result.mode.value}: sent {result.sent} in {result.requests} requests; skipped as already sent: "
        f"{result.skipped}; failed: {result.failed}; duplicate rows dropped: {result.duplicates}",
    ]
    if result.requests or result.schedule.immediate:
        lines.append(_delivery_line(result, outcome.batch_size))
    if result.cancelled:
        lines.append(
            f"note: {result.cancelled} recipients were in a batch whose request got no answer; that batch was"
            " cancelled at SendGrid before they were sent again, so nobody gets the notice twice"
        )
    if result.resent_in_doubt:
        lines.append(
            f"note: {result.resent_in_doubt} recipients were sent again because an earlier run got no answer"
            f" for their batch; see {outcome.send_log}"
        )
    if result.unconfirmed:
        names = ", ".join(f"{BATCH_ARG}={name}" for name in result.unconfirmed_batches)
        lines.append(
            f"warning: {result.unconfirmed} recipients may not have been mailed: their batch got no answer"
            " and was too close to its send time to cancel for certain, so they were not sent again; look up"
            f" {names} in SendGrid's Email Activity and, only if it is not there, run again with"
            " --resend-unconfirmed"
        )
    return tuple(lines)


def _delivery_line(result: SendResult, batch_size: int) -> str:
    """When SendGrid delivers what this run sent, and what a crash could do."""
    if result.schedule.delay_minutes is None:
        return (
            "delivery: immediate (--immediate); a crash during a request can mail that batch"
            f" (up to {batch_size} recipients) twice"
        )
    when = f" (the last batch at {clock(result.last_send_at)})" if result.last_send_at else ""
    window = result.schedule.delay_minutes - int(CANCEL_LEAD.total_seconds()) // 60
    return (
        f"delivery: scheduled by SendGrid {result.schedule.delay_minutes} minutes after each request{when};"
        f" a run that crashes can be resumed without mailing anyone twice for {window} minutes"
    )


def _outcome(notice_dir: Path, result: SendResult, batch_size: int = MAX_PERSONALIZATIONS) -> SendOutcome:
    return SendOutcome(result, notice_dir / OUTBOX, notice_dir / SEND_LOG, batch_size)


def _no_progress(total: int) -> AbstractContextManager[Callable[[int], None]]:
    return nullcontext(lambda sent: None)
