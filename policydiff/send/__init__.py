"""Deliver a notice folder to a recipients CSV: SendGrid batches, a send log for safe re-runs, an outbox.

One job per module: ``notice_folder`` and ``recipients`` read the inputs, ``log`` keeps the send log,
``batches`` plans the requests, ``schedule`` says when SendGrid delivers them, ``api`` makes each
SendGrid call through an injected ``SendGridAPIClient``, ``delivery`` sends the batches so that nobody
is mailed twice (cancelling a scheduled batch whose outcome a crash hid), ``redaction`` keeps the key and
SendGrid's answers out of messages and the log, ``outbox`` writes the dry run's ``.eml`` files. None
prints or reads the clock; importing the package does not import ``sendgrid``.
"""

from __future__ import annotations

from policydiff.send.api import MAX_ATTEMPTS, MAX_WAIT_S, retry_wait
from policydiff.send.batches import (
    BATCH_ARG,
    MAX_PAYLOAD_BYTES,
    MAX_PERSONALIZATIONS,
    Batch,
    Plan,
    plan_batches,
    request_body,
)
from policydiff.send.delivery import send_batches
from policydiff.send.log import SEND_LOG, LogRecord, read_send_log
from policydiff.send.notice_folder import NOTICE_SCHEMA, Notice, Variant, read_notice
from policydiff.send.outbox import OUTBOX, eml, write_outbox
from policydiff.send.recipients import Recipient, Recipients, read_recipients
from policydiff.send.redaction import redact
from policydiff.send.result import Mode, SendFailed, SendResult
from policydiff.send.schedule import (
    CANCEL_LEAD,
    DEFAULT_DELAY_MINUTES,
    IMMEDIATE,
    MAX_DELAY_MINUTES,
    MIN_DELAY_MINUTES,
    Schedule,
    choose_schedule,
)

__all__ = [
    "BATCH_ARG",
    "CANCEL_LEAD",
    "DEFAULT_DELAY_MINUTES",
    "IMMEDIATE",
    "MAX_ATTEMPTS",
    "MAX_DELAY_MINUTES",
    "MAX_PAYLOAD_BYTES",
    "MAX_PERSONALIZATIONS",
    "MAX_WAIT_S",
    "MIN_DELAY_MINUTES",
    "NOTICE_SCHEMA",
    "OUTBOX",
    "SEND_LOG",
    "Batch",
    "LogRecord",
    "Mode",
    "Notice",
    "Plan",
    "Recipient",
    "Recipients",
    "Schedule",
    "SendFailed",
    "SendResult",
    "Variant",
    "choose_schedule",
    "eml",
    "plan_batches",
    "read_notice",
    "read_recipients",
    "read_send_log",
    "redact",
    "request_body",
    "retry_wait",
    "send_batches",
    "write_outbox",
]
