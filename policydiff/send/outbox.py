"""The dry run's outbox: one ``.eml`` per recipient in ``NOTICE_DIR/outbox``, byte-identical run to run."""

from __future__ import annotations

import re
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

from policydiff.errors import InputError
from policydiff.send.notice_folder import Notice, Variant
from policydiff.send.recipients import Recipient, Recipients
from policydiff.send.result import Mode, SendResult
from policydiff.send.syntax import sha256_hex

OUTBOX = "outbox"


def write_outbox(notice: Notice, recipients: Recipients, *, now: datetime) -> SendResult:
    """Write one ``.eml`` per recipient to ``NOTICE_DIR/outbox`` (old ``.eml`` files there are replaced)."""
    outbox = notice.folder / OUTBOX
    shared: dict[str, tuple[bytes, bytes]] = {}  # building MIME is slow: once per locale, not per recipient
    try:
        outbox.mkdir(exist_ok=True)
        for stale in outbox.glob("*.eml"):
            stale.unlink()
        written = []
        for number, person in enumerate(recipients.people, start=1):
            variant = notice.variant(person.locale)
            if variant.locale not in shared:
                shared[variant.locale] = _shared_parts(notice, variant, now)
            head, body = shared[variant.locale]
            path = outbox / f"{number:05d}-{re.sub(r'[^a-z0-9@._+-]', '_', person.email.lower())}.eml"
            # a preview rewritten whole on every run: no fsync per file (10,000 of them cost 8x the time)
            path.write_bytes(head + _recipient_headers(notice, variant, person) + body)
            written.append(path)
    except OSError as error:
        raise InputError(f"{outbox}: cannot write: {error.strerror or error}") from None
    return SendResult(Mode.DRY_RUN, 0, 0, 0, 0, recipients.duplicates, written=tuple(written))


def eml(notice: Notice, person: Recipient, now: datetime) -> bytes:
    """One recipient's message: text then HTML, with a Message-ID and boundary derived from the content."""
    variant = notice.variant(person.locale)
    head, body = _shared_parts(notice, variant, now)
    return head + _recipient_headers(notice, variant, person) + body


def _shared_parts(notice: Notice, variant: Variant, now: datetime) -> tuple[bytes, bytes]:
    """The headers every recipient of a locale shares (From, Subject, Date), and the MIME body."""
    fields = (
        ("From", formataddr((notice.sender_name, notice.sender))),
        ("Subject", variant.subject),
        ("Date", format_datetime(now)),
    )
    # header objects, not strings: SMTP.fold leaves a short non-ASCII string unencoded
    head = "".join(SMTP.header_factory(name, value).fold(policy=SMTP) for name, value in fields)
    message = EmailMessage(policy=SMTP)
    message.set_content(variant.text)  # clears Content-* headers: Content-Language comes after
    message.add_alternative(variant.html, subtype="html")
    if variant.locale:
        message["Content-Language"] = variant.locale
    message.set_boundary(f"policydiff-{sha256_hex(notice.digest + variant.locale)[:24]}")
    return head.encode(), message.as_bytes()


def _recipient_headers(notice: Notice, variant: Variant, person: Recipient) -> bytes:
    message_id = sha256_hex("\n".join([notice.digest, variant.locale, person.email.lower()]))[:32]
    to = formataddr((person.name, person.email))  # ASCII: a non-ASCII name comes RFC 2047-encoded
    # folding through the header registry costs ~0.5 ms; only a long line needs it
    line = f"To: {to}\r\n" if len(to) <= 72 else SMTP.header_factory("To", to).fold(policy=SMTP)
    return f"{line}Message-ID: <{message_id}@{notice.sender.rpartition('@')[2]}>\r\n".encode()
