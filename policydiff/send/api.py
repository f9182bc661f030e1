"""The SendGrid v3 calls a send makes, through the injected client: one attempt each, sorted by what it means.

``POST /v3/mail/batch`` (a batch id), ``POST /v3/mail/send``, ``POST /v3/user/scheduled_sends`` (cancel)
and ``GET /v3/user/scheduled_sends/{batch_id}``. Every problem text is redacted (the key, key-shaped
words) before it is cut to length. ``sendgrid`` and ``python_http_client`` are imported only here, and
only when a request is made.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from urllib.error import URLError
from urllib.parse import quote

from policydiff.send.redaction import checked_batch_id, hashed, redact

if TYPE_CHECKING:
    from sendgrid import SendGridAPIClient

MAX_ATTEMPTS = 5
MAX_WAIT_S = 120.0
MESSAGE_CHARS = 300  # of SendGrid's own error text, once redacted


class Kind(Enum):
    OK = "ok"  # 2xx
    REFUSED = "refused"  # 4xx but 429: SendGrid read the request and did nothing; final
    THROTTLED = "throttled"  # 429: nothing done; try again after the wait it asks for
    SERVER = "server"  # 5xx: it may or may not have been done
    UNREACHED = "unreached"  # connecting or writing failed: the request did not arrive whole
    SILENT = "silent"  # the request went out and no answer came: it may have been done


@dataclass(frozen=True, slots=True)
class Answer:
    kind: Kind
    status: int | None = None
    says: str = ""  # SendGrid's error text or the transport's, redacted and cut
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    def problem(self, attempts: int = 1) -> str:
        """What went wrong, after ``attempts`` tries ("" for a success)."""
        if self.kind is Kind.REFUSED:
            return f"was refused by SendGrid ({self.status}): {self.says}"
        if self.kind in (Kind.THROTTLED, Kind.SERVER):
            return f"got {self.status} from SendGrid {attempts} time(s) (last: {self.says})"
        if self.kind is Kind.UNREACHED:
            return f"could not reach SendGrid {attempts} time(s) ({self.says})"
        if self.kind is Kind.SILENT:
            return f"got no answer ({self.says})"
        return ""

    @property
    def may_be_done(self) -> bool:
        """Whether SendGrid may have acted on a request that did not come back as a success."""
        return self.kind in (Kind.SERVER, Kind.SILENT)

    @property
    def retry(self) -> bool:
        return self.kind in (Kind.THROTTLED, Kind.SERVER, Kind.UNREACHED, Kind.SILENT)


class Stop(Exception):
    """A call that cannot go on; ``problem`` is redacted and says what happened."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def quiet_client_logs() -> None:
    """The client logs the Authorization header and the recipients at DEBUG: keep it at WARNING."""
    for name in ("python_http_client", "python_http_client.client"):
        logging.getLogger(name).setLevel(logging.WARNING)


@dataclass
class SendGrid:
    """The client, its key (for redaction), the clock and the retry budget of a send."""

    client: SendGridAPIClient
    sleep: Callable[[float], None]
    now: Callable[[], datetime]
    timeout: float = 30.0
    max_attempts: int = MAX_ATTEMPTS
    key: str | None = field(init=False)

    def __post_init__(self) -> None:
        key = getattr(self.client, "api_key", None)
        self.key = key if isinstance(key, str) and key else None
        quiet_client_logs()

    def redact(self, text: str) -> str:
        return redact(text, self.key)

    def mail(self, body: dict[str, Any]) -> Answer:
        """One ``POST /v3/mail/send``."""
        send = self.client.client.mail.send
        return self._attempt(lambda: send.post(request_body=body, timeout=self.timeout))

    def wait(self, attempt: int, answer: Answer) -> None:
        """Sleep before attempt ``attempt + 1``."""
        self.sleep(retry_wait(attempt, answer.headers, self.now))

    def new_batch_id(self) -> str:
        """``POST /v3/mail/batch``: a batch id of the expected shape (asking again is harmless)."""
        answer = self._with_retries(
            lambda: self.client.client.mail.batch.post(timeout=self.timeout), "POST /v3/mail/batch"
        )
        try:
            value = json.loads(answer.body.decode("utf-8")).get("batch_id")
        except (ValueError, AttributeError):
            value = None
        batch_id = checked_batch_id(value, self.key)
        if batch_id is None:
            seen = hashed(value) if isinstance(value, str) else type(value).__name__
            raise Stop(f"got no batch id of the expected shape from POST /v3/mail/batch ({seen})")
        return batch_id

    def cancel(self, batch_id: str, deadline: datetime) -> bool:
        """Cancel a scheduled batch; False when ``deadline`` passed first. A refusal that is not
        explained by an existing cancellation raises ``Stop``."""
        request = self.client.client.user.scheduled_sends
        body = {"batch_id": batch_id, "status": "cancel"}
        answer, attempt = Answer(Kind.UNREACHED, says="not tried"), 0
        for attempt in range(1, self.max_attempts + 1):
            if self.now() >= deadline:
                return False
            answer = self._attempt(lambda: request.post(request_body=body, timeout=self.timeout))
            if answer.kind is Kind.OK:
                return True
            if answer.kind is Kind.REFUSED:  # e.g. a cancellation that an earlier run made already
                break
            if attempt < self.max_attempts:
                self.wait(attempt, answer)
        if self._status(batch_id) == "cancel":  # an earlier or unanswered attempt did it
            return True
        raise Stop(f"POST /v3/user/scheduled_sends {answer.problem(attempt)}")

    def _status(self, batch_id: str) -> str | None:
        """``GET /v3/user/scheduled_sends/{batch_id}``: "cancel", "pause" or None (none, no answer)."""
        path = self.client.client.user.scheduled_sends._(quote(batch_id, safe=""))
        answer = self._attempt(lambda: path.get(timeout=self.timeout))
        if answer.kind is not Kind.OK:
            return None
        try:
            items = json.loads(answer.body.decode("utf-8"))
            mine = [item for item in items if isinstance(item, dict) and item.get("batch_id") == batch_id]
            statuses = [item.get("status") for item in mine]
        except (ValueError, TypeError, AttributeError):
            return None
        return next((s for s in statuses if s in ("cancel", "pause")), None)

    def _with_retries(self, send: Callable[[], Any], what: str) -> Answer:
        """``send`` until it succeeds, for a call harmless to repeat; raise ``Stop`` if it never does."""
        answer, attempt = Answer(Kind.UNREACHED, says="not tried"), 0
        for attempt in range(1, self.max_attempts + 1):
            answer = self._attempt(send)
            if answer.kind is Kind.OK:
                return answer
            if not answer.retry:
                break
            if attempt < self.max_attempts:
                self.wait(attempt, answer)
        raise Stop(f"{what} {answer.problem(attempt)}")

    def _attempt(self, send: Callable[[], Any]) -> Answer:
        """One request, sorted by what its outcome means."""
        from python_http_client.exceptions import HTTPError

        try:
            response = send()
        except HTTPError as error:
            status = int(error.status_code)
            says = sendgrid_message(error.body, self.key)
            headers: Mapping[str, str] = error.headers or {}
            kind = Kind.THROTTLED if status == 429 else Kind.SERVER if status >= 500 else Kind.REFUSED
            return Answer(kind, status, says, headers)
        except URLError as error:  # connecting or writing the request failed: it did not arrive whole
            return Answer(Kind.UNREACHED, None, self.redact(str(error.reason))[:MESSAGE_CHARS])
        except Exception as error:  # noqa: BLE001 - any other failure after the request went out
            # a timeout, a dropped connection, a garbled answer: it may have been done; the text is
            # redacted here because nothing raised below may carry the key up to the error boundary
            text = self.redact(f"{type(error).__name__}: {error}")[:MESSAGE_CHARS]
            return Answer(Kind.SILENT, None, text)
        status = int(response.status_code)
        if 200 <= status < 300:
            return Answer(Kind.OK, status, headers=response.headers or {}, body=response.body or b"")
        return Answer(Kind.REFUSED, status, f"unexpected status {status}")


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


def sendgrid_message(body: bytes | None, key: str | None) -> str:
    """SendGrid's ``errors[].message`` (and field), redacted, then cut to ``MESSAGE_CHARS``."""
    raw = body or b""
    try:
        errors = json.loads(raw.decode("utf-8"))["errors"]
        text = "; ".join(
            str(e.get("message", "")) + (f" ({e['field']})" if e.get("field") else "") for e in errors
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        text = raw.decode("utf-8", "replace")
    text = redact(" ".join(text.split()), key)  # redact first: a cut could split the key
    return text[:MESSAGE_CHARS] or "no message"
