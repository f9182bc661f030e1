"""The send log ``NOTICE_DIR/send-log.jsonl``: one JSON line per batch event, appended and synced.

A re-run reads it to skip who was accepted and to spot batches whose request got no answer. A batch's
events, under its key (SendGrid's ``batch_id`` for a scheduled batch, else policydiff's batch name):

- ``sending``: written and synced before the request; the last event of a batch whose outcome is unknown
- ``accepted``: SendGrid took it (2xx)
- ``failed``: SendGrid refused it with an answer; nobody in it was sent
- ``cancelled``: a scheduled batch in doubt was cancelled at SendGrid; its recipients may be sent again
- ``unconfirmed``: a scheduled batch in doubt could no longer be cancelled for certain; its recipients
  are not sent again (they may or may not have been mailed)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from policydiff.errors import InputError
from policydiff.files import fsync_folder
from policydiff.send.result import Mode

SEND_LOG = "send-log.jsonl"


@dataclass(frozen=True, slots=True)
class LogRecord:
    batch: str
    mode: Mode
    notice: str
    outcome: str  # "sending", "accepted", "failed", "cancelled" or "unconfirmed"
    recipients: tuple[str, ...]
    batch_id: str | None = None  # SendGrid's batch id: a scheduled batch
    send_at: int | None = None  # when SendGrid delivers a scheduled batch (Unix seconds)
    locale: str = ""

    @property
    def key(self) -> str:
        """What ties a batch's events together: a resent batch has a new SendGrid batch id."""
        return self.batch_id or self.batch


def read_send_log(folder: Path) -> tuple[LogRecord, ...]:
    """The records of ``NOTICE_DIR/send-log.jsonl`` (none yet: empty)."""
    path = folder / SEND_LOG
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error}") from None
    # a last line with no end of line is one a kill cut short while it was written (the kernel may
    # stop a write of several pages between two): its record never was, and what it would have
    # said is safe to forget (a "sending" line is written before the request, so none was made; an
    # outcome's "sending" line stands before it, and leaves the batch in doubt)
    whole = data[: data.rfind(b"\n") + 1]
    try:
        lines = whole.decode("utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: cannot read: {error}") from None
    records = []
    for number, line in enumerate(lines, start=1):
        try:
            records.append(_parse(line))
        except (ValueError, KeyError, TypeError):
            # who was mailed cannot be known without it: refuse rather than risk mailing twice
            raise InputError(f"{path}: line {number} is not a send-log record; repair or move it") from None
    return tuple(records)


OUTCOMES = ("sending", "accepted", "failed", "cancelled", "unconfirmed")


def _parse(line: str) -> LogRecord:
    item = json.loads(line)
    batch_id, send_at = item.get("batch_id"), item.get("send_at")
    if item["outcome"] not in OUTCOMES or (batch_id is None) != (send_at is None):
        raise ValueError("not a send-log record")
    if batch_id is not None and (not isinstance(batch_id, str) or type(send_at) is not int):
        raise ValueError("not a send-log record")
    return LogRecord(
        str(item["batch"]),
        Mode(item["mode"]),
        str(item["notice"]),
        str(item["outcome"]),
        tuple(str(h) for h in item.get("recipients", ())),
        batch_id,
        send_at,
        str(item.get("locale", "")),
    )


def append_record(
    folder: Path,
    record: LogRecord,
    *,
    locale: str,
    status: int | None,
    message_id: str | None,
    time: datetime,
) -> None:
    """Append one record and sync it; a failed or cancelled batch's line lists no recipients.

    Every value is policydiff's own or was checked against its expected shape (``redaction.checked_*``):
    nothing SendGrid sent back is written raw.
    """
    line: dict[str, object] = {
        "batch": record.batch,
        "mode": record.mode.value,
        "notice": record.notice,
        "locale": locale,
        "outcome": record.outcome,
        "status": status,
        "message_id": message_id,  # SendGrid's X-Message-Id, to match its event data
        "time": time.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    if record.batch_id is not None:
        line["batch_id"] = record.batch_id  # to cancel the batch if its outcome is never learnt
        line["send_at"] = record.send_at
    if record.outcome not in ("failed", "cancelled"):
        line["recipients"] = list(record.recipients)  # sha256 of the address, never the address
    _append_line(folder / SEND_LOG, json.dumps(line, separators=(",", ":")) + "\n")


def _append_line(path: Path, line: str) -> None:
    # appended in place, not replaced: earlier lines must survive a crash while this one is written
    new = not path.exists()
    descriptor = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        _cut_torn_tail(descriptor)
        os.write(descriptor, line.encode("utf-8"))
        os.fsync(descriptor)  # on disk before the next batch starts, so a crash cannot forget a send
    finally:
        os.close(descriptor)
    if new:
        fsync_folder(path.parent)


def _cut_torn_tail(descriptor: int) -> None:
    """Cut off a last line that a kill left without its end of line (``read_send_log`` reads past
    it), so that the next record starts a line of its own."""
    size = os.fstat(descriptor).st_size
    if not size or os.pread(descriptor, 1, size - 1) == b"\n":
        return
    end = size
    while end > 0:
        start = max(0, end - _TAIL_CHUNK)
        chunk = os.pread(descriptor, end - start, start)
        found = chunk.rfind(b"\n")
        if found >= 0:
            os.ftruncate(descriptor, start + found + 1)
            return
        end = start
    os.ftruncate(descriptor, 0)


_TAIL_CHUNK = 1 << 16
