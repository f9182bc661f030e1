"""Deliver a notice folder to a recipients CSV: SendGrid batches, a send log for safe re-runs, an outbox.

The client is injected (a ``SendGridAPIClient``); this module never prints and never reads the clock.
"""

from __future__ import annotations

import csv
import hashlib
import http.client
import io
import json
import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, parseaddr
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.error import URLError

from python_http_client.exceptions import HTTPError

from policydiff.errors import DeliveryError, InputError

if TYPE_CHECKING:
    from sendgrid import SendGridAPIClient

NOTICE_SCHEMA = "policydiff.notice/1"
SEND_LOG = "send-log.jsonl"
OUTBOX = "outbox"
MAX_PERSONALIZATIONS = 1000  # SendGrid: at most 1,000 personalizations (and recipients) per request
MAX_PAYLOAD_BYTES = 29_000_000  # SendGrid refuses a message of 30 MB or more; keep a margin
MAX_ATTEMPTS = 5
MAX_WAIT_S = 120.0
BATCH_ARG = "policydiff_batch"  # the custom_args key that ties SendGrid's records to the send log
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Mode(StrEnum):
    DRY_RUN = "dry-run"
    SANDBOX = "sandbox"
    LIVE = "live"


@dataclass(frozen=True, slots=True)
class Variant:
    """The email of one locale ("" for the default files)."""

    locale: str
    subject: str
    text: str
    html: str


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice folder as it will be sent; ``digest`` covers everything a recipient receives."""

    folder: Path
    sender: str
    sender_name: str
    variants: tuple[Variant, ...]
    digest: str

    def variant(self, locale: str) -> Variant:
        """The exact locale's email, else its language's ("fr" for "fr-CA"), else the default."""
        by_key = {_locale_key(v.locale): v for v in self.variants}
        key = _locale_key(locale)
        return by_key.get(key) or by_key.get(key.split("-")[0]) or by_key[""]


@dataclass(frozen=True, slots=True)
class Recipient:
    email: str
    name: str
    locale: str
    line: int

    @property
    def hash(self) -> str:
        return hashlib.sha256(self.email.lower().encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Recipients:
    people: tuple[Recipient, ...]
    duplicates: int  # rows dropped because their address (ignoring case) came earlier


@dataclass(frozen=True, slots=True)
class LogRecord:
    batch: str
    mode: Mode
    notice: str
    outcome: str  # "sending" (written before the request), "accepted" or "failed"
    recipients: tuple[str, ...]


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


# --- reading ----------------------------------------------------------------------------------


def read_notice(folder: Path, *, default_sender: str = "", default_subject: str = "") -> Notice:
    """Read ``notice.json`` and ``email[.LOCALE].{txt,html}``; the config fills a missing from/subject."""
    if not folder.is_dir():
        raise InputError(f"{folder}: not a notice folder (no such directory)")
    missing = [name for name in ("notice.json", "email.html", "email.txt") if not (folder / name).is_file()]
    if missing:
        raise InputError(f"{folder}: not a notice folder: missing {', '.join(missing)}")
    meta = _notice_json(folder / "notice.json")
    email_meta = meta.get("email", {})
    if not isinstance(email_meta, dict):
        raise InputError(f"{folder / 'notice.json'}: email: must be an object")
    sender_name, sender = _sender(folder, _text_field(folder, email_meta, "from") or default_sender)
    subject = _text_field(folder, email_meta, "subject") or default_subject
    if not subject:
        raise InputError(
            f"{folder / 'notice.json'}: email.subject missing (and no [email] subject in config)"
        )
    subjects = email_meta.get("subjects", {})
    if not isinstance(subjects, dict) or not all(isinstance(s, str) for s in subjects.values()):
        raise InputError(f"{folder / 'notice.json'}: email.subjects: must map locales to subjects")
    _one_line(folder, subject)
    variants = [Variant("", subject, _body(folder / "email.txt"), _body(folder / "email.html"))]
    for locale in _locales(folder):
        variants.append(
            Variant(
                locale,
                _one_line(folder, subjects.get(locale) or subject),
                _body(folder / f"email.{locale}.txt"),
                _body(folder / f"email.{locale}.html"),
            )
        )
    digest = _sha256(json.dumps([sender_name, sender, [list(_fields(v)) for v in variants]]))
    return Notice(folder, sender, sender_name, tuple(variants), digest)


def _notice_json(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not readable JSON: {error}") from None
    if not isinstance(meta, dict):
        raise InputError(f"{path}: must be a JSON object")
    if meta.get("schema", NOTICE_SCHEMA) != NOTICE_SCHEMA:
        raise InputError(f"{path}: schema {meta.get('schema')!r} is not {NOTICE_SCHEMA!r}")
    return meta


def _text_field(folder: Path, table: Mapping[str, object], key: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise InputError(f"{folder / 'notice.json'}: email.{key}: must be a string")
    return value.strip()


def _sender(folder: Path, value: str) -> tuple[str, str]:
    if not value:
        raise InputError(f"{folder / 'notice.json'}: email.from missing (and no [email] from in the config)")
    name, address = parseaddr(value)
    if not _EMAIL.match(address):  # SendGrid accepts no Unicode in the from address
        raise InputError(f"{folder / 'notice.json'}: email.from: {value!r} is not an ASCII e-mail address")
    return name, address


def _one_line(folder: Path, subject: str) -> str:
    if _CONTROL.search(subject):
        raise InputError(f"{folder / 'notice.json'}: email subject holds a line break or control character")
    return subject


def _body(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: missing (each email.LOCALE.html needs its .txt and back)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read as UTF-8: {error}") from None
    if not text.strip():
        raise InputError(f"{path}: empty")
    return text


def _locales(folder: Path) -> list[str]:
    files = [p for p in folder.glob("email.*.*") if p.suffix in (".html", ".txt")]
    found = {p.name[len("email.") : -len(p.suffix)] for p in files}
    for locale in found:
        if not _LOCALE.match(locale):
            raise InputError(f"{folder}: email.{locale}.*: {locale!r} is not a locale like 'fr' or 'pt-BR'")
    return sorted(found)


def _locale_key(locale: str) -> str:
    return locale.strip().lower().replace("_", "-")


def _fields(variant: Variant) -> tuple[str, str, str, str]:
    return (_locale_key(variant.locale), variant.subject, variant.text, variant.html)


def read_recipients(path: Path) -> Recipients:
    """Read a CSV with an ``email`` column and optional ``name``/``locale``; reports every bad row at once."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"{path}: line {line}: not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        if "email" not in header:
            raise InputError(f"{path}: line 1: no 'email' column in the header (found: {', '.join(header)})")
        people, problems = _rows(reader, header)
    except csv.Error as error:
        raise InputError(f"{path}: line {reader.line_num}: not valid CSV: {error}") from None
    if problems:
        shown = "; ".join(problems[:8]) + (f"; and {len(problems) - 8} more" if len(problems) > 8 else "")
        raise InputError(f"{path}: {len(problems)} malformed row(s), nothing sent: {shown}")
    unique: dict[str, Recipient] = {}
    for person in people:
        unique.setdefault(person.email.lower(), person)
    if not unique:
        raise InputError(f"{path}: no recipients")
    return Recipients(tuple(unique.values()), len(people) - len(unique))


def _rows(reader: Any, header: list[str]) -> tuple[list[Recipient], list[str]]:
    people: list[Recipient] = []
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):  # most often a name with an unquoted comma
            problems.append(f"line {line}: {len(row)} fields, the header has {len(header)}")
            continue
        row += [""] * (len(header) - len(row))  # trailing optional columns left out
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        email, name, locale = cells["email"], cells.get("name", ""), cells.get("locale", "")
        if not _EMAIL.match(email) or len(email) > 254:
            problems.append(f"line {line}: {email!r} is not an ASCII e-mail address")
        elif _CONTROL.search(name) or "," in name or ";" in name:
            problems.append(f"line {line}: name {name!r} holds ',', ';' or a control character")
        elif locale and not _LOCALE.match(locale):
            problems.append(f"line {line}: locale {locale!r} is not like 'fr' or 'pt-BR'")
        else:
            people.append(Recipient(email, name, locale, line))
    return people, problems


def read_send_log(folder: Path) -> tuple[LogRecord, ...]:
    """The records of ``NOTICE_DIR/send-log.jsonl`` (none yet: empty)."""
    path = folder / SEND_LOG
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None
    records = []
    for number, line in enumerate(lines, start=1):
        try:
            item = json.loads(line)
            records.append(
                LogRecord(
                    str(item["batch"]),
                    Mode(item["mode"]),
                    str(item["notice"]),
                    str(item["outcome"]),
                    tuple(str(h) for h in item.get("recipients", ())),
                )
            )
        except (ValueError, KeyError, TypeError):
            # who was mailed cannot be known without it: refuse rather than risk mailing twice
            raise InputError(f"{path}: line {number} is not a send-log record; repair or move it") from None
    return tuple(records)


# --- planning ---------------------------------------------------------------------------------


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
    mine = [r for r in log if r.mode is mode and r.notice == notice.digest]
    if mode is Mode.LIVE and any(r.outcome == "accepted" and r.notice != notice.digest for r in log):
        raise InputError(
            f"{notice.folder / SEND_LOG}: a different version of this notice was already sent; "
            "put a changed notice in a new folder so that nobody gets two versions"
        )
    accepted = {h for r in mine if r.outcome == "accepted" for h in r.recipients}
    last = {r.batch: r for r in mine}
    in_doubt = {h for r in last.values() if r.outcome == "sending" for h in r.recipients} - accepted
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
    return "pd-" + _sha256("\n".join([notice.digest, locale, *(p.hash for p in people)]))[:20]


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


# --- sending ----------------------------------------------------------------------------------


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
) -> SendResult:
    """Send each batch, logging it before the request and once accepted; raise ``SendFailed`` on a failure."""
    # the client logs the Authorization header and the recipients at DEBUG
    for name in ("python_http_client", "python_http_client.client"):
        logging.getLogger(name).setLevel(logging.WARNING)
    sent = requests = resent = 0
    for number, batch in enumerate(plan.batches, start=1):
        variant = notice.variant(batch.locale)
        _append_log(notice.folder, _record(notice, plan.mode, batch, "sending", _Answer(None), now))
        body = request_body(notice, variant, batch, plan.mode)
        answer = _post(client, body, timeout, sleep, now, max_attempts)
        if answer.problem is not None:
            if answer.status is not None:  # an answer: SendGrid did not take the batch
                _append_log(notice.folder, _record(notice, plan.mode, batch, "failed", answer, now))
            failed = plan.to_send - sent
            result = SendResult(plan.mode, sent, requests, plan.skipped, failed, plan.duplicates, resent)
            problem = _redact(answer.problem, client)
            raise SendFailed(_failure(notice, plan, number, batch, problem, result), result)
        _append_log(notice.folder, _record(notice, plan.mode, batch, "accepted", answer, now))
        sent += len(batch.recipients)
        requests += 1
        resent += sum(1 for p in batch.recipients if p.hash in plan.in_doubt)
        on_progress(sent)
    return SendResult(plan.mode, sent, requests, plan.skipped, 0, plan.duplicates, resent)


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int | None  # None: no HTTP answer came
    message_id: str | None = None
    problem: str | None = None  # None: accepted


def _post(
    client: SendGridAPIClient,
    body: dict[str, Any],
    timeout: float,
    sleep: Callable[[float], None],
    now: Callable[[], datetime],
    max_attempts: int,
) -> _Answer:
    """POST one batch; retries 429, 5xx and refused connections a bounded number of times."""
    answer = _Answer(None, problem="was not tried")
    for attempt in range(1, max_attempts + 1):
        try:
            response = client.client.mail.send.post(request_body=body, timeout=timeout)
        except HTTPError as error:
            status, says = int(error.status_code), _sendgrid_message(error.body)
            if status != 429 and status < 500:
                return _Answer(status, problem=f"was refused by SendGrid ({status}): {says}")
            answer = _Answer(status, problem=f"got {status} from SendGrid {attempt} time(s) (last: {says})")
            headers = error.headers or {}
        except URLError as error:  # the request never left: safe to try again
            answer = _Answer(None, problem=f"could not reach SendGrid {attempt} time(s) ({error.reason})")
            headers = {}
        except (OSError, http.client.HTTPException) as error:
            # the request went out but no answer came: SendGrid may have taken it, so never resend blindly
            return _Answer(
                None,
                problem=f"got no answer ({type(error).__name__}: {error}); SendGrid may have accepted it: "
                f"find {BATCH_ARG}={body['custom_args'][BATCH_ARG]} in its Email Activity before resuming",
            )
        else:
            status = int(response.status_code)
            if 200 <= status < 300:
                return _Answer(status, response.headers.get("X-Message-Id"))
            return _Answer(status, problem=f"got an unexpected answer {status} from SendGrid")
        if attempt < max_attempts:
            sleep(retry_wait(attempt, headers, now))
    return answer


def retry_wait(attempt: int, headers: Mapping[str, str], now: Callable[[], datetime]) -> float:
    """Seconds to wait: ``Retry-After`` or ``X-RateLimit-Reset`` when given, else 1, 2, 4, … capped."""
    backoff = min(2.0 ** (attempt - 1), 30.0)
    try:
        if headers.get("Retry-After"):
            return min(max(float(headers["Retry-After"]), 0.0), MAX_WAIT_S)
        if headers.get("X-RateLimit-Reset"):
            return min(max(float(headers["X-RateLimit-Reset"]) - now().timestamp(), 0.0), MAX_WAIT_S)
    except ValueError:  # an HTTP-date or garbage: fall back to the backoff
        pass
    return backoff


def _sendgrid_message(body: bytes) -> str:
    try:
        errors = json.loads(body.decode("utf-8"))["errors"]
        text = "; ".join(
            str(e.get("message", "")) + (f" ({e['field']})" if e.get("field") else "") for e in errors
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        text = body.decode("utf-8", "replace")
    return " ".join(text.split())[:300] or "no message"


def _redact(text: str, client: object) -> str:
    key = getattr(client, "api_key", None)
    return text.replace(key, "[redacted]") if isinstance(key, str) and key else text


def _failure(notice: Notice, plan: Plan, number: int, batch: Batch, problem: str, result: SendResult) -> str:
    total, size = plan.to_send + plan.skipped, len(batch.recipients)
    return (
        f"{notice.folder}: batch {number} of {len(plan.batches)} ({batch.id}, {size} recipients) {problem}; "
        f"sent {result.sent + result.skipped} of {total} recipients ({result.sent} in this run), "
        f"{result.failed} not sent; {notice.folder / SEND_LOG} keeps the progress: "
        "run the same command again to resume"
    )


def _record(
    notice: Notice, mode: Mode, batch: Batch, outcome: str, answer: _Answer, now: Callable[[], datetime]
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "batch": batch.id,
        "mode": mode.value,
        "notice": notice.digest,
        "locale": batch.locale,
        "outcome": outcome,
        "status": answer.status,
        "message_id": answer.message_id,  # SendGrid's X-Message-Id, to match its event data
        "time": now().astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    if outcome != "failed":
        record["recipients"] = [p.hash for p in batch.recipients]  # sha256 of the address, never the address
    return record


def _append_log(folder: Path, record: dict[str, Any]) -> None:
    path = folder / SEND_LOG
    new = not path.exists()
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, (json.dumps(record, separators=(",", ":")) + "\n").encode("utf-8"))
        os.fsync(descriptor)  # on disk before the next batch starts, so a crash cannot forget a send
    finally:
        os.close(descriptor)
    if new:
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


# --- dry run ----------------------------------------------------------------------------------


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
    message.set_boundary(f"policydiff-{_sha256(notice.digest + variant.locale)[:24]}")
    return head.encode(), message.as_bytes()


def _recipient_headers(notice: Notice, variant: Variant, person: Recipient) -> bytes:
    message_id = _sha256("\n".join([notice.digest, variant.locale, person.email.lower()]))[:32]
    to = formataddr((person.name, person.email))  # ASCII: a non-ASCII name comes RFC 2047-encoded
    # folding through the header registry costs ~0.5 ms; only a long line needs it
    line = f"To: {to}\r\n" if len(to) <= 72 else SMTP.header_factory("To", to).fold(policy=SMTP)
    return f"{line}Message-ID: <{message_id}@{notice.sender.rpartition('@')[2]}>\r\n".encode()


def _dumps(value: object) -> bytes:
    return json.dumps(value).encode("utf-8")  # as the client serialises it


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
