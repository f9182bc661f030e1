"""Plan the SendGrid requests: who is still to send, grouped by locale, in batches within its limits."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from policydiff.errors import InputError
from policydiff.send.log import SEND_LOG, LogRecord
from policydiff.send.notice_folder import Notice, Variant
from policydiff.send.recipients import Recipient, Recipients
from policydiff.send.result import Mode
from policydiff.send.syntax import sha256_hex

MAX_PERSONALIZATIONS = 1000  # SendGrid: at most 1,000 personalizations (and recipients) per request
MAX_PAYLOAD_BYTES = 29_000_000  # SendGrid refuses a message of 30 MB or more; keep a margin
BATCH_ARG = "policydiff_batch"  # the custom_args key that ties SendGrid's records to the send log


@dataclass(frozen=True, slots=True)
class Batch:
    id: str
    locale: str
    recipients: tuple[Recipient, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    mode: Mode
    batches: tuple[Batch, ...]
    skipped: int  # already accepted in an earlier run
    in_doubt: frozenset[str]  # hashes of recipients whose earlier request got no answer
    duplicates: int

    @property
    def to_send(self) -> int:
        return sum(len(batch.recipients) for batch in self.batches)


def plan_batches(
    notice: Notice,
    recipients: Recipients,
    *,
    mode: Mode,
    log: Sequence[LogRecord] = (),
    max_personalizations: int = MAX_PERSONALIZATIONS,
    max_payload_bytes: int = MAX_PAYLOAD_BYTES,
) -> Plan:
    """Group the recipients not yet accepted by locale, in batches within SendGrid's limits."""
    accepted, in_doubt = _earlier_runs(notice, mode, log)
    groups: dict[str, list[Recipient]] = {}
    for person in recipients.people:
        if person.hash not in accepted:
            groups.setdefault(notice.variant(person.locale).locale, []).append(person)
    batches = []
    for locale in sorted(groups):
        variant = notice.variant(locale)
        for chunk in _chunks(groups[locale], notice, variant, mode, max_personalizations, max_payload_bytes):
            batches.append(Batch(_batch_id(notice, locale, chunk), locale, tuple(chunk)))
    skipped = len(recipients.people) - sum(len(g) for g in groups.values())
    return Plan(mode, tuple(batches), skipped, frozenset(in_doubt), recipients.duplicates)


def _earlier_runs(notice: Notice, mode: Mode, log: Sequence[LogRecord]) -> tuple[set[str], set[str]]:
    """Hashes accepted by this notice in this mode, and those whose last request got no answer."""
    mine = [r for r in log if r.mode is mode and r.notice == notice.digest]
    if mode is Mode.LIVE and any(r.outcome == "accepted" and r.notice != notice.digest for r in log):
        raise InputError(
            f"{notice.folder / SEND_LOG}: a different version of this notice was already sent; "
            "put a changed notice in a new folder so that nobody gets two versions"
        )
    accepted = {h for r in mine if r.outcome == "accepted" for h in r.recipients}
    last = {r.batch: r for r in mine}
    in_doubt = {h for r in last.values() if r.outcome == "sending" for h in r.recipients} - accepted
    return accepted, in_doubt


def _chunks(
    people: list[Recipient], notice: Notice, variant: Variant, mode: Mode, most: int, max_bytes: int
) -> list[list[Recipient]]:
    base = len(_dumps(request_body(notice, variant, Batch("x" * 23, variant.locale, ()), mode)))
    if base >= max_bytes:
        raise InputError(
            f"{notice.folder}: the {variant.locale or 'default'} email is too large for SendGrid"
        )
    chunks: list[list[Recipient]] = [[]]
    size = base
    for person in people:
        extra = len(_dumps(_personalization(person))) + 2  # ", " between items
        if len(chunks[-1]) >= most or size + extra > max_bytes:
            chunks.append([])
            size = base
        chunks[-1].append(person)
        size += extra
    return [chunk for chunk in chunks if chunk]


def _batch_id(notice: Notice, locale: str, people: Sequence[Recipient]) -> str:
    # the same notice, locale and recipients give the same id, so a resumed run names its batches alike
    return "pd-" + sha256_hex("\n".join([notice.digest, locale, *(p.hash for p in people)]))[:20]


def _personalization(person: Recipient) -> dict[str, Any]:
    to = {"email": person.email, "name": person.name} if person.name else {"email": person.email}
    return {"to": [to]}


def request_body(notice: Notice, variant: Variant, batch: Batch, mode: Mode) -> dict[str, Any]:
    """The Mail Send v3 JSON of one batch: one personalization per recipient, so nobody sees another."""
    sender = {"email": notice.sender}
    if notice.sender_name:
        sender["name"] = notice.sender_name
    body: dict[str, Any] = {
        "personalizations": [_personalization(p) for p in batch.recipients],
        "from": sender,
        "subject": variant.subject,
        "content": [
            {"type": "text/plain", "value": variant.text},
            {"type": "text/html", "value": variant.html},
        ],
        "custom_args": {BATCH_ARG: batch.id},
    }
    if mode is Mode.SANDBOX:
        body["mail_settings"] = {"sandbox_mode": {"enable": True}}
    return body


def _dumps(value: object) -> bytes:
    return json.dumps(value).encode("utf-8")  # as the client serialises it
