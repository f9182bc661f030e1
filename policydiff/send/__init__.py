"""Deliver a notice folder to a recipients CSV: SendGrid batches, a send log for safe re-runs, an outbox.

One job per module: ``notice_folder`` and ``recipients`` read the inputs, ``log`` keeps the send log,
``batches`` plans the requests, ``delivery`` posts them through an injected ``SendGridAPIClient``,
``outbox`` writes the dry run's ``.eml`` files. None prints or reads the clock; importing the package
does not import ``sendgrid``.
"""

from __future__ import annotations

from policydiff.send.batches import (
    BATCH_ARG,
    MAX_PAYLOAD_BYTES,
    MAX_PERSONALIZATIONS,
    Batch,
    Plan,
    plan_batches,
    request_body,
)
from policydiff.send.delivery import MAX_ATTEMPTS, MAX_WAIT_S, retry_wait, send_batches
from policydiff.send.log import SEND_LOG, LogRecord, read_send_log
from policydiff.send.notice_folder import NOTICE_SCHEMA, Notice, Variant, read_notice
from policydiff.send.outbox import OUTBOX, eml, write_outbox
from policydiff.send.recipients import Recipient, Recipients, read_recipients
from policydiff.send.result import Mode, SendFailed, SendResult

__all__ = [
    "BATCH_ARG",
    "MAX_ATTEMPTS",
    "MAX_PAYLOAD_BYTES",
    "MAX_PERSONALIZATIONS",
    "MAX_WAIT_S",
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
    "SendFailed",
    "SendResult",
    "Variant",
    "eml",
    "plan_batches",
    "read_notice",
    "read_recipients",
    "read_send_log",
    "request_body",
    "retry_wait",
    "send_batches",
    "write_outbox",
]
