"""Post the planned batches to SendGrid through an injected client: retries, the log, the key kept out.

``sendgrid`` and ``python_http_client`` are imported only here and only when a batch is posted.
"""

from __future__ import annotations

import http.client
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.error import URLError

from policydiff.send.batches import BATCH_ARG, Batch, Plan, request_body
from policydiff.send.log import SEND_LOG, LogRecord, append_record
from policydiff.send.notice_folder import Notice
from policydiff.send.result import SendFailed, SendResult

if TYPE_CHECKING:
    from sendgrid import SendGridAPIClient

MAX_ATTEMPTS = 5
MAX_WAIT_S = 120.0


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int | None  # None: no HTTP answer came
    message_id: str | None = None
    problem: str | None = None  # None: accepted


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
    _quiet_client_logs()
    done = SendResult(plan.mode, 0, 0, plan.skipped, 0, plan.duplicates)
    for number, batch in enumerate(plan.batches, start=1):
        _log(notice, plan, batch, "sending", _Answer(None), now)
        body = request_body(notice, notice.variant(batch.locale), batch, plan.mode)
        answer = _post(client, body, timeout, sleep, now, max_attempts)
        if answer.problem is not None:
            if answer.status is not None:  # an answer: SendGrid did not take the batch
                _log(notice, plan, batch, "failed", answer, now)
            failed = replace(done, failed=plan.to_send - done.sent)
            problem = _redact(answer.problem, client)
            raise SendFailed(_failure(notice, plan, number, batch, problem, failed), failed)
        _log(notice, plan, batch, "accepted", answer, now)
        done = _accepted(done, batch, plan)
        on_progress(done.sent)
    return done


def _accepted(done: SendResult, batch: Batch, plan: Plan) -> SendResult:
    """``done`` with one more batch taken by SendGrid."""
    in_doubt = sum(1 for p in batch.recipients if p.hash in plan.in_doubt)
    return replace(
        done,
        sent=done.sent + len(batch.recipients),
        requests=done.requests + 1,
        resent_in_doubt=done.resent_in_doubt + in_doubt,
    )


def _quiet_client_logs() -> None:
    # the client logs the Authorization header and the recipients at DEBUG
    for name in ("python_http_client", "python_http_client.client"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _log(
    notice: Notice, plan: Plan, batch: Batch, outcome: str, answer: _Answer, now: Callable[[], datetime]
) -> None:
    record = LogRecord(batch.id, plan.mode, notice.digest, outcome, tuple(p.hash for p in batch.recipients))
    append_record(
        notice.folder,
        record,
        locale=batch.locale,
        status=answer.status,
        message_id=answer.message_id,
        time=now(),
    )


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
        answer, retry_headers = _attempt(client, body, timeout, attempt)
        if retry_headers is None:  # accepted, refused, or sent with no answer: never posted again
            return answer
        if attempt < max_attempts:
            sleep(retry_wait(attempt, retry_headers, now))
    return answer


def _attempt(
    client: SendGridAPIClient, body: dict[str, Any], timeout: float, attempt: int
) -> tuple[_Answer, Mapping[str, str] | None]:
    """One POST: its answer, and the headers to wait by when it may be tried again (None: it may not)."""
    from python_http_client.exceptions import HTTPError

    try:
        response = client.client.mail.send.post(request_body=body, timeout=timeout)
    except HTTPError as error:
        return _http_error(int(error.status_code), _sendgrid_message(error.body), error.headers, attempt)
    except URLError as error:  # the request never left: safe to try again
        return _Answer(None, problem=f"could not reach SendGrid {attempt} time(s) ({error.reason})"), {}
    except (OSError, http.client.HTTPException) as error:
        # the request went out but no answer came: SendGrid may have taken it, so never resend blindly
        return _Answer(
            None,
            problem=f"got no answer ({type(error).__name__}: {error}); SendGrid may have accepted it: "
            f"find {BATCH_ARG}={body['custom_args'][BATCH_ARG]} in its Email Activity before resuming",
        ), None
    status = int(response.status_code)
    if 200 <= status < 300:
        return _Answer(status, response.headers.get("X-Message-Id")), None
    return _Answer(status, problem=f"got an unexpected answer {status} from SendGrid"), None


def _http_error(
    status: int, says: str, headers: Mapping[str, str] | None, attempt: int
) -> tuple[_Answer, Mapping[str, str] | None]:
    """SendGrid's error answer: a 429 or 5xx may be tried again, any other status is final."""
    if status != 429 and status < 500:
        return _Answer(status, problem=f"was refused by SendGrid ({status}): {says}"), None
    return _Answer(
        status, problem=f"got {status} from SendGrid {attempt} time(s) (last: {says})"
    ), headers or {}


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
