"""Plan the SendGrid requests: who is still to send, grouped by locale, in batches within its limits."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
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
    in_doubt: frozenset[str]  # hashes of recipients whose earlier immediate request got no answer
    duplicates: int
    # scheduled batches whose request got no answer: each is cancelled before its recipients (planned in
    # ``batches``) are sent again, or, when too late to cancel, they are dropped from the plan
    to_cancel: tuple[LogRecord, ...] = ()
    unconfirmed: frozenset[str] = frozenset()  # hashes skipped because their batch could not be cancelled
    unconfirmed_batches: tuple[LogRecord, ...] = ()

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
    resend_unconfirmed: bool = False,
) -> Plan:
    """Group the recipients not yet accepted by locale, in batches within SendGrid's limits.

    Recipients of a scheduled batch still in doubt are planned too: ``send_batches`` cancels that batch
    first, and drops them (``without``) if it cannot. Those of a batch left unconfirmed by an earlier run
    are skipped unless ``resend_unconfirmed``.
    """
    earlier = _earlier_runs(notice, mode, log)
    unconfirmed = frozenset() if resend_unconfirmed else earlier.unconfirmed
    done = earlier.accepted | unconfirmed
    groups: dict[str, list[Recipient]] = {}
    for person in recipients.people:
        if person.hash not in done:
            groups.setdefault(notice.variant(person.locale).locale, []).append(person)
    batches = []
    for locale in sorted(groups):
        variant = notice.variant(locale)
        for chunk in _chunks(groups[locale], notice, variant, mode, max_personalizations, max_payload_bytes):
            batches.append(Batch(_batch_id(notice, locale, chunk), locale, tuple(chunk)))
    present = {person.hash for person in recipients.people}
    return Plan(
        mode,
        tuple(batches),
        len(present & earlier.accepted),
        frozenset(earlier.in_doubt),
        recipients.duplicates,
        earlier.to_cancel,
        frozenset(present & unconfirmed),
        tuple(r for r in earlier.unconfirmed_batches if present & set(r.recipients)) if unconfirmed else (),
    )


def without(plan: Plan, notice: Notice, hashes: Collection[str]) -> Plan:
    """``plan`` less the recipients in ``hashes`` (their batches renamed), and with nothing left to cancel."""
    batches = []
    for batch in plan.batches:
        kept = tuple(p for p in batch.recipients if p.hash not in hashes)
        if kept == batch.recipients:
            batches.append(batch)
        elif kept:
            batches.append(Batch(_batch_id(notice, batch.locale, kept), batch.locale, kept))
    return replace(plan, batches=tuple(batches), to_cancel=())


@dataclass(frozen=True, slots=True)
class _Earlier:
    accepted: set[str]
    in_doubt: set[str]  # immediate batches with no answer
    to_cancel: tuple[LogRecord, ...]  # scheduled batches with no answer
    unconfirmed: frozenset[str]
    unconfirmed_batches: tuple[LogRecord, ...]


def _earlier_runs(notice: Notice, mode: Mode, log: Sequence[LogRecord]) -> _Earlier:
    """What earlier runs of this notice in this mode did, from the last event of each batch."""
    mine = [r for r in log if r.mode is mode and r.notice == notice.digest]
    if mode is Mode.LIVE and any(r.outcome == "accepted" and r.notice != notice.digest for r in log):
        raise InputError(
            f"{notice.folder / SEND_LOG}: a different version of this notice was already sent; "
            "put a changed notice in a new folder so that nobody gets two versions"
        )
    accepted = {h for r in mine if r.outcome == "accepted" for h in r.recipients}
    last = list({r.key: r for r in mine}.values())
    pending = [r for r in last if r.outcome == "sending"]
    left = tuple(r for r in last if r.outcome == "unconfirmed" and set(r.recipients) - accepted)
    return _Earlier(
        accepted,
        {h for r in pending if r.batch_id is None for h in r.recipients} - accepted,
        tuple(r for r in pending if r.batch_id is not None),
        frozenset(h for r in left for h in r.recipients) - accepted,
        left,
    )


def _chunks(
    people: list[Recipient], notice: Notice, variant: Variant, mode: Mode, most: int, max_bytes: int
) -> list[list[Recipient]]:
    room = Batch("x" * 23, variant.locale, ())  # with room for a batch id and a send time
    base = len(_dumps(request_body(notice, variant, room, mode, batch_id="x" * 128, send_at=2**40)))
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


def request_body(
    notice: Notice,
    variant: Variant,
    batch: Batch,
    mode: Mode,
    *,
    batch_id: str | None = None,
    send_at: int | None = None,
) -> dict[str, Any]:
    """The Mail Send v3 JSON of one batch: one personalization per recipient, so nobody sees another.

    A scheduled batch carries SendGrid's ``batch_id`` (so it can be cancelled) and its ``send_at``.
    """
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
    if batch_id is not None:
        body["batch_id"] = batch_id
    if send_at is not None:
        body["send_at"] = send_at
    if mode is Mode.SANDBOX:
        body["mail_settings"] = {"sandbox_mode": {"enable": True}}
    return body


def _dumps(value: object) -> bytes:
    return json.dumps(value).encode("utf-8")  # as the client serialises it
