"""policydiff.send and ``policydiff send``: the real SendGrid client against a local SendGrid stub.

The stub (pytest-httpserver, threaded) implements the endpoints a send uses as SendGrid documents them:
batch ids, Mail Send with ``batch_id`` and ``send_at``, cancelling and pausing scheduled sends; it keeps
its own clock, which a test may move on, and counts what it delivered.
"""

from __future__ import annotations

import base64
import csv
import json
import logging
import os
import pty
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from pytest_httpserver import HTTPServer
from python_http_client.exceptions import BadRequestsError
from sendgrid import SendGridAPIClient
from typer.testing import CliRunner, Result
from werkzeug import Request, Response

from policydiff import send as mailing
from policydiff.cli import app
from policydiff.errors import InputError

KEY = "SG.pd-test-key.Zq9vXw3T-never-in-any-output"
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    hold: threading.Event | None = None  # answer only once this is set (or after 30 s)
    accept: bool | None = None  # queue the mail whatever the status (None: when the status is 2xx)


CANCEL_GUARANTEED_S = 600  # SendGrid: a cancel made less than 10 minutes before send_at is not guaranteed
MAX_AHEAD_S = 72 * 3600  # SendGrid: send_at at most 72 hours ahead


@dataclass
class Mail:
    """One Mail Send request SendGrid took (sandbox requests deliver nothing and are not kept)."""

    body: dict[str, Any]
    batch_id: str | None
    send_at: int | None
    taken_at: float

    def emails(self) -> list[str]:
        return [p["to"][0]["email"] for p in self.body["personalizations"]]


class SendGridStub:
    """A local SendGrid v3 for the endpoints a send uses, as SendGrid documents them.

    - ``POST /v3/mail/batch`` → 201 ``{"batch_id": …}``; ``GET /v3/mail/batch/{id}`` validates one.
    - ``POST /v3/mail/send`` → 202 (200 in sandbox mode, which delivers nothing) with ``X-Message-Id``;
      ``batch_id`` must be one it made, ``send_at`` an integer at most 72 hours ahead. A mail without
      ``send_at`` is delivered when taken; a scheduled one when ``send_at`` passes, unless its batch
      is cancelled (discarded) or paused (kept back) at least 10 minutes before: a later cancel or pause
      is "not guaranteed", and this stub takes the worst case, delivering anyway.
    - ``POST /v3/user/scheduled_sends`` ``{"batch_id", "status": "cancel"|"pause"}`` → 201; 400 for an
      unknown batch, a batch that already has a status, one whose send time has passed, or past
      ``cancel_limit`` batches cancelled or paused at once (10, as the docs say). ``GET``, ``PATCH`` and
      ``DELETE /v3/user/scheduled_sends/{id}`` read, change and remove a status.

    Its clock is the real one plus ``offset`` (``set_clock``, ``advance``); ``delivered()`` counts the mail
    delivered by now. ``script`` scripts the Mail Send answers (``scripts`` those of other endpoints);
    ``delay`` holds every Mail Send answer after the mail is taken; ``hook(event)`` runs at "batch",
    "taken" (a mail was queued, before its answer) and "cancel"; ``echo_key`` sends the caller's
    Authorization back in every answer's body and headers.
    """

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.url = server.url_for("").rstrip("/")
        self.script: list[Answer] = []
        self.scripts: dict[str, list[Answer]] = {"batch": [], "cancel": []}
        self.requests: list[dict[str, Any]] = []  # every Mail Send body
        self.authorization: list[str] = []
        self.accepted: list[dict[str, Any]] = []  # bodies answered 2xx (sandbox included)
        self.mail: list[Mail] = []
        self.batches: set[str] = set()
        self.statuses: dict[str, tuple[str, float]] = {}  # batch id → (status, set at)
        self.calls: list[str] = []
        self.offset = 0.0
        self.delay = 0.0
        self.cancel_limit = 10
        self.echo_key = False
        self.hook: Any = None
        self.lock = threading.Lock()
        server.expect_request(re.compile(r"^/v3/.*")).respond_with_handler(self.handle)

    # --- the clock and what was delivered ---

    def now(self) -> float:
        return time.time() + self.offset

    def set_clock(self, moment: datetime) -> None:
        self.offset = moment.timestamp() - time.time()

    def advance(self, seconds: float) -> None:
        self.offset += seconds

    def delivered(self) -> Counter[str]:
        """Each address and how many times it was delivered by the stub's clock."""
        now, count = self.now(), Counter[str]()
        with self.lock:
            for mail in self.mail:
                if mail.send_at is None or (mail.send_at <= now and not self._held(mail)):
                    count.update(mail.emails())
        return count

    def _held(self, mail: Mail) -> bool:
        status = self.statuses.get(mail.batch_id or "")
        return status is not None and status[1] <= mail.send_at - CANCEL_GUARANTEED_S  # type: ignore[operator]

    def accepted_emails(self) -> Counter[str]:
        return Counter(p["to"][0]["email"] for body in self.accepted for p in body["personalizations"])

    # --- the endpoints ---

    def handle(self, request: Request) -> Response:
        route = f"{request.method} {request.path}"
        with self.lock:
            self.calls.append(route)
            self.authorization.append(request.headers.get("Authorization", ""))
        if route == "POST /v3/mail/send":
            return self._mail_send(request)
        if route == "POST /v3/mail/batch":
            return self._new_batch(request)
        if route == "POST /v3/user/scheduled_sends":
            return self._set_status(request)
        match = re.fullmatch(r"(GET|PATCH|DELETE) /v3/user/scheduled_sends/([^/]+)", route)
        if match:
            return self._status(request, match.group(1), unquote(match.group(2)))
        match = re.fullmatch(r"GET /v3/mail/batch/([^/]+)", route)
        if match and unquote(match.group(1)) in self.batches:
            return self._answer(request, 200, {"batch_id": unquote(match.group(1))})
        if match:
            return self._error(request, 400, "invalid batch id")
        return self._error(request, 404, f"no route {route}")

    def _new_batch(self, request: Request) -> Response:
        if self.hook:
            self.hook("batch")
        scripted = self._scripted("batch")
        if scripted is not None:
            return self._scripted_answer(request, scripted)
        batch_id = base64.urlsafe_b64encode(os.urandom(24)).decode().rstrip("=")
        with self.lock:
            self.batches.add(batch_id)
        return self._answer(request, 201, {"batch_id": batch_id})

    def _mail_send(self, request: Request) -> Response:
        body = request.get_json()
        with self.lock:
            self.requests.append(body)
            answer = self.script.pop(0) if self.script else None
        sandbox = body.get("mail_settings", {}).get("sandbox_mode", {}).get("enable") is True
        problem = self._mail_problem(body)
        if answer is None and problem:
            return self._error(request, 400, problem[0], problem[1])
        if answer is None:
            headers = {"X-Message-Id": base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")}
            answer = Answer(200 if sandbox else 202, headers)
        taken = answer.accept if answer.accept is not None else 200 <= answer.status < 300
        if taken:
            with self.lock:
                if 200 <= answer.status < 300:
                    self.accepted.append(body)
                if not sandbox:
                    self.mail.append(Mail(body, body.get("batch_id"), body.get("send_at"), self.now()))
            if self.hook:
                self.hook("taken")
        if answer.hold is not None:
            answer.hold.wait(30)
        if self.delay:
            time.sleep(self.delay)
        return self._scripted_answer(request, answer)

    def _mail_problem(self, body: dict[str, Any]) -> tuple[str, str] | None:
        if "batch_id" in body and body["batch_id"] not in self.batches:
            return "invalid batch id", "batch_id"
        send_at = body.get("send_at")
        if send_at is not None and (type(send_at) is not int or send_at > self.now() + MAX_AHEAD_S):
            return "send_at must be a Unix timestamp at most 72 hours ahead", "send_at"
        return None

    def _set_status(self, request: Request) -> Response:
        if self.hook:
            self.hook("cancel")
        scripted = self._scripted("cancel")
        if scripted is not None:
            return self._scripted_answer(request, scripted)
        body = request.get_json(silent=True) or {}
        batch_id, status = body.get("batch_id"), body.get("status")
        now = self.now()
        with self.lock:
            active = [b for b in self.statuses if not self._sent(b, now)]
            if status not in ("cancel", "pause"):
                problem = "status must be cancel or pause"
            elif batch_id not in self.batches:
                problem = "invalid batch id"
            elif batch_id in self.statuses:
                problem = "a status for this batch id exists, try PATCH to update the status"
            elif self._sent(batch_id, now):
                problem = "this batch was already sent"
            elif len(active) >= self.cancel_limit:
                problem = "max limit reached"
            else:
                self.statuses[batch_id] = (status, now)
                problem = ""
        if problem:
            return self._error(request, 400, problem)
        return self._answer(request, 201, {"batch_id": batch_id, "status": status})

    def _sent(self, batch_id: str, now: float) -> bool:
        return any(m.batch_id == batch_id and m.send_at is not None and m.send_at <= now for m in self.mail)

    def _status(self, request: Request, method: str, batch_id: str) -> Response:
        with self.lock:
            known = self.statuses.get(batch_id)
            if method == "GET":
                items = [{"batch_id": batch_id, "status": known[0]}] if known else []
                return self._answer(request, 200, items)
            if known is None:
                return self._error(request, 404, "batch id not found")
            if method == "DELETE":
                del self.statuses[batch_id]
                return self._answer(request, 204, None)
            status = (request.get_json(silent=True) or {}).get("status")
            if status not in ("cancel", "pause"):
                return self._error(request, 400, "status must be cancel or pause")
            self.statuses[batch_id] = (status, self.now())
            return self._answer(request, 204, None)

    # --- answers ---

    def _scripted(self, endpoint: str) -> Answer | None:
        with self.lock:
            queue = self.scripts[endpoint]
            return queue.pop(0) if queue else None

    def _scripted_answer(self, request: Request, answer: Answer) -> Response:
        headers = dict(answer.headers)
        body = answer.body
        if self.echo_key:
            echo = request.headers.get("Authorization", "")
            headers |= {"X-Message-Id": echo.removeprefix("Bearer "), "X-Echo": echo}
            if not 200 <= answer.status < 300:
                # the key straddles the 300th character: a cut before redaction would leave part of it
                message = "x" * 250 + f" you sent Authorization: {echo} (check it)"
                body = json.dumps({"errors": [{"message": message, "field": None}]})
            elif not body:
                body = json.dumps({"echo": echo})
        return Response(body, answer.status, headers, content_type="application/json")

    def _answer(self, request: Request, status: int, payload: Any) -> Response:
        body = "" if payload is None else json.dumps(payload)
        if self.echo_key and isinstance(payload, dict):
            body = json.dumps(payload | {"echo": request.headers.get("Authorization", "")})
        return self._scripted_answer(request, Answer(status, body=body))

    def _error(self, request: Request, status: int, message: str, field: str | None = None) -> Response:
        body = json.dumps({"errors": [{"message": message, "field": field}]})
        return self._scripted_answer(request, Answer(status, body=body))


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)  # threaded: a held answer blocks no other
    server.start()
    yield server
    server.stop()


@pytest.fixture
def stub(server: HTTPServer) -> Iterator[SendGridStub]:
    try:
        yield SendGridStub(server)
        server.check_assertions()
    finally:
        server.clear()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICYDIFF_ERROR_LOG", str(tmp_path / "error.log"))
    monkeypatch.delenv("SENDGRID_API_KEY", raising=False)
    monkeypatch.delenv("POLICYDIFF_SENDGRID_HOST", raising=False)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return tmp_path


@pytest.fixture
def keyed(stub: SendGridStub, monkeypatch: pytest.MonkeyPatch) -> SendGridStub:
    monkeypatch.setenv("SENDGRID_API_KEY", KEY)
    monkeypatch.setenv("POLICYDIFF_SENDGRID_HOST", stub.url)
    return stub


def make_notice(
    folder: Path, *, meta: dict[str, Any] | None = None, locales: tuple[str, ...] = ("fr",)
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    email: dict[str, Any] = {
        "from": "JoyPix Privacy <privacy@joypix.ai>",
        "subject": "We're updating our Privacy Policy",
    }
    email["subjects"] = {locale: f"[{locale}] Mise à jour" for locale in locales}
    default = {"schema": "policydiff.notice/1", "email": email, "locales": ["en", *locales]}
    (folder / "notice.json").write_text(json.dumps(default if meta is None else meta), encoding="utf-8")
    (folder / "email.txt").write_text("We are changing our policy on 2026-12-24.\n", encoding="utf-8")
    (folder / "email.html").write_text("<p>We are changing our policy on 2026-12-24.</p>\n", encoding="utf-8")
    for locale in locales:
        (folder / f"email.{locale}.txt").write_text(f"[{locale}] Nous changeons.\n", encoding="utf-8")
        (folder / f"email.{locale}.html").write_text(f"<p>[{locale}] Nous changeons.</p>\n", encoding="utf-8")
    return folder


def make_recipients(path: Path, count: int, *, locale: str = "") -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["email", "name", "locale"])
        for number in range(count):
            writer.writerow([f"user{number:05d}@example.com", f"User {number}", locale])
    return path


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, ["send", *args], input=stdin)


def assert_one_line(stderr: str, *names: str) -> None:
    assert stderr.count("\n") == 1 and stderr.startswith("policydiff: "), stderr
    assert "Traceback" not in stderr
    for name in names:
        assert name.casefold() in stderr.casefold(), (name, stderr)


def everyone(count: int, times: int = 1) -> Counter[str]:
    """What ``make_recipients(…, count)`` gives, each address ``times`` times."""
    return Counter({f"user{n:05d}@example.com": times for n in range(count)})


def log_lines(folder: Path) -> list[dict[str, Any]]:
    """The log's records, read as ``read_send_log`` reads them: a last line with no end of line is
    one a kill cut short while it was written, no record (the next append cuts it off)."""
    path = folder / mailing.SEND_LOG
    if not path.exists():
        return []
    data = path.read_text()
    return [json.loads(line) for line in data[: data.rfind("\n") + 1].splitlines()]


def library_send(
    stub: SendGridStub,
    folder: Path,
    csv_path: Path,
    mode: mailing.Mode,
    *,
    now: datetime = NOW,
    resend_unconfirmed: bool = False,
    **options: Any,
) -> Any:
    """Plan and send with the real client at ``now`` (the stub's clock too); returns (result or
    SendFailed, recorded sleeps)."""
    stub.set_clock(now)
    notice = mailing.read_notice(folder)
    plan = mailing.plan_batches(
        notice,
        mailing.read_recipients(csv_path),
        mode=mode,
        log=mailing.read_send_log(folder),
        resend_unconfirmed=resend_unconfirmed,
    )
    sleeps: list[float] = []
    client = SendGridAPIClient(api_key=KEY, host=stub.url)
    try:
        result: Any = mailing.send_batches(
            client, notice, plan, sleep=sleeps.append, now=lambda: now, **options
        )
    except mailing.SendFailed as failure:
        result = failure
    return result, sleeps


# --- recipients and notice folders ---------------------------------------------------------------


def test_malformed_rows_are_reported_with_line_numbers_and_nothing_is_sent(
    isolated: Path, keyed: SendGridStub
) -> None:
    make_notice(isolated / "n")
    rows = 'email,name,locale\nok@example.com,Ok,\nnot-an-address,,\nx@example.com,"Doe, Jane",\n\n'
    rows += "y@example.com,Y,fr,extra\nz@example.com,Z,f!\n"
    (isolated / "r.csv").write_text(rows, encoding="utf-8")
    result = invoke("n", "--recipients", "r.csv", "--live", "--yes")
    assert result.exit_code == 2
    assert_one_line(result.stderr, "r.csv", "4 malformed", "line 3", "line 4", "line 6", "line 7")
    assert "line 2:" not in result.stderr
    assert keyed.requests == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("name,locale\nA,fr\n", "line 1: no 'email' column"),
        ("email\n", "no recipients"),
        (b"email\nok@example.com\nbad\xff@example.com\n", "line 3: not UTF-8"),
        ('email,name\n"a@example.com,A\n', "malformed"),
    ],
)
def test_unreadable_recipient_files(isolated: Path, content: str | bytes, problem: str) -> None:
    path = isolated / "r.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(InputError, match=problem):
        mailing.read_recipients(path)


def test_duplicates_are_dropped_ignoring_case_and_short_rows_are_padded(isolated: Path) -> None:
    path = isolated / "r.csv"
    rows = "\ufeffEmail , Name,Locale,crm_id\nAnn@Example.com,Ann,fr,1\n"
    rows += "b@example.com\nann@example.COM,Again,,3\n"
    path.write_text(rows, encoding="utf-8")
    recipients = mailing.read_recipients(path)
    assert [(p.email, p.name, p.locale, p.line) for p in recipients.people] == [
        ("Ann@Example.com", "Ann", "fr", 2),
        ("b@example.com", "", "", 3),
    ]
    assert recipients.duplicates == 1
    assert recipients.people[0].hash == mailing.Recipient("ann@example.com", "", "", 0).hash


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda f: (f / "notice.json").unlink(), "missing notice.json"),
        (lambda f: (f / "email.html").unlink(), "missing email.html"),
        (lambda f: (f / "email.txt").unlink(), "missing email.txt"),
        (lambda f: (f / "email.fr.txt").unlink(), "email.fr.txt: missing"),
        (lambda f: (f / "notice.json").write_text("{nope"), "not readable JSON"),
        (lambda f: (f / "notice.json").write_text('{"schema": "other/9"}'), "schema"),
        (lambda f: (f / "notice.json").write_text('{"email": {"subject": "S"}}'), "email.from missing"),
        (lambda f: (f / "notice.json").write_text('{"email": {"from": "Jöe <j@é.fr>"}}'), "not an ASCII"),
        (
            lambda f: (f / "notice.json").write_text(
                '{"email": {"from": "a@b.io", "subject": "a\\nBcc: x"}}'
            ),
            "line",
        ),
        (lambda f: (f / "email.txt").write_text("  \n"), "email.txt: empty"),
    ],
)
def test_bad_notice_folders_exit_2_with_one_line(isolated: Path, damage: Any, problem: str) -> None:
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 2)
    damage(folder)
    result = invoke("n", "--recipients", "r.csv")
    assert result.exit_code == 2, result.stdout
    assert_one_line(result.stderr, problem)
    assert not (folder / "outbox").exists()


def test_the_config_fills_a_missing_from_and_subject(isolated: Path) -> None:
    make_notice(isolated / "n", meta={"schema": "policydiff.notice/1"}, locales=())
    (isolated / "policydiff.toml").write_text('[email]\nfrom = "privacy@joypix.ai"\nsubject = "Heads up"\n')
    make_recipients(isolated / "r.csv", 1)
    result = invoke("n", "--recipients", "r.csv")
    assert result.exit_code == 0, result.stderr
    message = BytesParser(policy=policy.default).parsebytes(
        next((isolated / "n/outbox").iterdir()).read_bytes()
    )
    assert (message["From"], message["Subject"]) == ("privacy@joypix.ai", "Heads up")


# --- dry run -----------------------------------------------------------------------------------------


def test_dry_run_is_the_default_and_writes_one_eml_per_recipient(isolated: Path, keyed: SendGridStub) -> None:
    folder = make_notice(isolated / "n")
    rows = "email,name,locale\na@example.com,Ann,fr-CA\nb@example.com,Bob,de\nA@EXAMPLE.COM,Dup,\n"
    (isolated / "r.csv").write_text(rows, encoding="utf-8")
    (folder / "outbox").mkdir()
    (folder / "outbox" / "00009-stale@example.com.eml").write_text("old")
    result = invoke("n", "--recipients", "r.csv")
    assert result.exit_code == 0, result.stderr
    assert "wrote 2 .eml files" in result.stdout and "1 duplicate" in result.stdout
    files = sorted((folder / "outbox").iterdir())
    assert [f.name for f in files] == ["00001-a@example.com.eml", "00002-b@example.com.eml"]
    french, german = (BytesParser(policy=policy.default).parsebytes(f.read_bytes()) for f in files)
    assert french["To"] == "Ann <a@example.com>" and french["Subject"] == "[fr] Mise à jour"
    assert french["Content-Language"] == "fr"
    assert [part.get_content_type() for part in french.iter_parts()] == ["text/plain", "text/html"]
    assert french.get_body(("plain",)).get_content() == "[fr] Nous changeons.\r\n"  # type: ignore[union-attr]
    assert german["Subject"] == "We're updating our Privacy Policy"  # no German files: the default
    assert "2026-12-24" in german.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert keyed.requests == [] and not (folder / mailing.SEND_LOG).exists()


def test_eml_is_byte_identical_for_the_same_input(isolated: Path) -> None:
    notice = mailing.read_notice(make_notice(isolated / "n"))
    person = mailing.Recipient("a@example.com", "Ann", "fr", 2)
    first, second = mailing.eml(notice, person, NOW), mailing.eml(notice, person, NOW)
    assert first == second
    other = mailing.eml(notice, mailing.Recipient("b@example.com", "Ann", "fr", 2), NOW)
    ids = [BytesParser(policy=policy.default).parsebytes(m)["Message-ID"] for m in (first, other)]
    assert ids[0] != ids[1] and ids[0].endswith("@joypix.ai>")
    assert b'boundary="policydiff-' in first and b"\r\n" in first  # SMTP line endings
    zoe = mailing.eml(notice, mailing.Recipient("z@example.com", "Zoë", "fr", 2), NOW)
    head = zoe.split(b"\r\n\r\n")[0]
    assert head.isascii() and b"Subject: [fr] Mise =?utf-8?q?=C3=A0?= jour" in head  # RFC 2047
    parsed = BytesParser(policy=policy.default).parsebytes(zoe)
    assert (parsed["To"], parsed["Subject"]) == ("Zoë <z@example.com>", "[fr] Mise à jour")


# --- batches -----------------------------------------------------------------------------------------


def test_2500_recipients_make_3_requests_and_a_rerun_makes_none(isolated: Path, keyed: SendGridStub) -> None:
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 2500)
    result = invoke("n", "--recipients", "r.csv", "--sandbox")
    assert result.exit_code == 0, result.stderr
    assert "sandbox: sent 2500 in 3 requests; skipped as already sent: 0; failed: 0" in result.stdout
    assert [len(r["personalizations"]) for r in keyed.requests] == [1000, 1000, 500]
    first = keyed.requests[0]
    assert first["personalizations"][0] == {"to": [{"email": "user00000@example.com", "name": "User 0"}]}
    assert all(len(p["to"]) == 1 for r in keyed.requests for p in r["personalizations"])
    assert first["mail_settings"] == {"sandbox_mode": {"enable": True}}
    assert [c["type"] for c in first["content"]] == ["text/plain", "text/html"]
    assert first["from"] == {"email": "privacy@joypix.ai", "name": "JoyPix Privacy"}
    assert keyed.accepted_emails() == everyone(2500)
    assert set(keyed.authorization) == {f"Bearer {KEY}"}
    log = log_lines(folder)
    assert [(line["outcome"], line["status"]) for line in log] == [("sending", None), ("accepted", 200)] * 3
    assert [r["custom_args"][mailing.BATCH_ARG] for r in keyed.requests] == [line["batch"] for line in log][
        ::2
    ]
    assert "@" not in (folder / mailing.SEND_LOG).read_text()  # hashes, never addresses

    again = invoke("n", "--recipients", "r.csv", "--sandbox")
    assert again.exit_code == 0, again.stderr
    assert "sent 0 in 0 requests; skipped as already sent: 2500" in again.stdout
    assert len(keyed.requests) == 3

    live = invoke("n", "--recipients", "r.csv", "--live", "--yes")  # a sandbox run delivered nothing
    assert live.exit_code == 0, live.stderr
    assert "delivery: scheduled by SendGrid 30 minutes after each request" in live.stdout
    assert [len(r["personalizations"]) for r in keyed.requests[3:]] == [1000, 1000, 500]
    assert all("mail_settings" not in r for r in keyed.requests[3:])
    assert [line["status"] for line in log_lines(folder) if line["outcome"] == "accepted"][3:] == [202] * 3


def test_each_batch_is_scheduled_under_its_own_batch_id(isolated: Path, keyed: SendGridStub) -> None:
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 2500)
    before = int(time.time())
    result = invoke("n", "--recipients", "r.csv", "--live", "--yes", "--send-delay", "20")
    assert result.exit_code == 0, result.stderr
    ids = [r["batch_id"] for r in keyed.requests]
    assert len(set(ids)) == 3 and set(ids) <= keyed.batches
    assert keyed.calls.count("POST /v3/mail/batch") == 3
    assert all(before + 1200 <= r["send_at"] <= time.time() + 1200 for r in keyed.requests)
    log = log_lines(folder)
    assert [line["batch_id"] for line in log] == [i for i in ids for _ in (0, 1)]
    assert [line["send_at"] for line in log][::2] == [r["send_at"] for r in keyed.requests]
    assert keyed.delivered() == Counter()  # nothing before its send time
    keyed.advance(20 * 60)
    assert keyed.delivered() == everyone(2500)
    assert "20 minutes after each request" in result.stdout and "for 9 minutes" in result.stdout


@pytest.mark.parametrize(
    ("flags", "problem"),
    [
        (["--send-delay", "5"], "must be 15 to 4200 minutes (got 5)"),
        (["--send-delay", "4201"], "must be 15 to 4200 minutes"),
        (["--send-delay", "20", "--immediate"], "exclude each other"),
        (["--batch-size", "0"], "--batch-size: must be 1 to 1000"),
        (["--batch-size", "1001"], "--batch-size: must be 1 to 1000"),
    ],
)
def test_bad_schedule_or_batch_size_is_exit_2(
    isolated: Path, keyed: SendGridStub, flags: list[str], problem: str
) -> None:
    make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 3)
    result = invoke("n", "--recipients", "r.csv", "--sandbox", *flags)
    assert result.exit_code == 2
    assert_one_line(result.stderr, problem)
    assert keyed.calls == []


def test_immediate_sends_no_batch_id_and_says_what_a_crash_can_do(
    isolated: Path, keyed: SendGridStub
) -> None:
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 5)
    result = invoke("n", "--recipients", "r.csv", "--live", "--yes", "--immediate", "--batch-size", "2")
    assert result.exit_code == 0, result.stderr
    assert "delivery: immediate (--immediate); a crash during a request can mail that batch" in result.stdout
    assert [len(r["personalizations"]) for r in keyed.requests] == [2, 2, 1]
    assert all("batch_id" not in r and "send_at" not in r for r in keyed.requests)
    assert "POST /v3/mail/batch" not in keyed.calls and keyed.delivered() == everyone(5)
    assert all("batch_id" not in line for line in log_lines(folder))
    again = invoke("n", "--recipients", "r.csv", "--live", "--yes", "--immediate")
    assert "sent 0 in 0 requests" in again.stdout and "crash during a request" in again.stdout


def test_a_batch_carries_one_locale(isolated: Path, keyed: SendGridStub) -> None:
    folder = make_notice(isolated / "n", locales=("fr", "pt-BR"))
    rows = ["email,locale"] + [f"u{n}@example.com,{('fr', '', 'pt_br', 'de')[n % 4]}" for n in range(10)]
    (isolated / "r.csv").write_text("\n".join(rows) + "\n")
    result = invoke("n", "--recipients", "r.csv", "--sandbox")
    assert result.exit_code == 0, result.stderr
    by_subject = {r["subject"]: [p["to"][0]["email"] for p in r["personalizations"]] for r in keyed.requests}
    assert by_subject == {
        "We're updating our Privacy Policy": ["u1@example.com", "u3@example.com", "u5@example.com",
                                              "u7@example.com", "u9@example.com"],
        "[fr] Mise à jour": ["u0@example.com", "u4@example.com", "u8@example.com"],
        "[pt-BR] Mise à jour": ["u2@example.com", "u6@example.com"],
    }  # fmt: skip
    assert [line["locale"] for line in log_lines(folder)][::2] == ["", "fr", "pt-BR"]


def test_batches_stay_under_the_payload_limit(isolated: Path) -> None:
    notice = mailing.read_notice(make_notice(isolated / "n"))
    recipients = mailing.read_recipients(make_recipients(isolated / "r.csv", 300))
    plan = mailing.plan_batches(notice, recipients, mode=mailing.Mode.LIVE, max_payload_bytes=5000)
    longest = {"batch_id": "x" * 128, "send_at": 2**40}  # the most room a batch id and send time take
    sizes = [
        len(json.dumps(mailing.request_body(notice, notice.variant(""), b, plan.mode, **longest)))
        for b in plan.batches
    ]
    assert len(plan.batches) >= 4 and 4900 < max(sizes) <= 5000 and plan.to_send == 300
    assert sum(len(b.recipients) for b in plan.batches) == 300
    small = mailing.plan_batches(notice, recipients, mode=mailing.Mode.LIVE, max_personalizations=7)
    assert [len(b.recipients) for b in small.batches] == [7] * 42 + [6]
    with pytest.raises(InputError, match="too large"):
        mailing.plan_batches(notice, recipients, mode=mailing.Mode.LIVE, max_payload_bytes=100)


# --- failures and retries -------------------------------------------------------------------------------


def test_a_500_at_batch_2_is_retried_with_backoff(isolated: Path, stub: SendGridStub) -> None:
    folder = make_notice(isolated / "n")
    csv_path = make_recipients(isolated / "r.csv", 2500)
    stub.script = [Answer(202), Answer(500, body='{"errors":[{"message":"oops"}]}'), Answer(503), Answer(202)]
    stub.script[1].accept = True  # SendGrid queued it all the same
    result, sleeps = library_send(stub, folder, csv_path, mailing.Mode.LIVE)
    assert isinstance(result, mailing.SendResult), result
    assert (result.sent, result.requests, result.failed, result.cancelled) == (2500, 3, 0, 2000)
    assert sleeps == [1.0, 2.0]
    assert len(stub.requests) == 5 and stub.accepted_emails() == everyone(2500)
    # a 5xx may have been taken: each such attempt is cancelled, and the next has a new batch id
    assert [r["batch_id"] for r in stub.requests[1:3]] == list(stub.statuses)
    assert len({r["batch_id"] for r in stub.requests}) == 5
    assert [line["outcome"] for line in log_lines(folder)] == (
        ["sending", "accepted"] + ["sending", "cancelled"] * 2 + ["sending", "accepted"] * 2
    )
    stub.advance(3600)
    assert stub.delivered() == everyone(2500)


def test_429_honours_retry_after_and_the_rate_limit_reset(isolated: Path, stub: SendGridStub) -> None:
    folder = make_notice(isolated / "n")
    csv_path = make_recipients(isolated / "r.csv", 10)
    reset = str(int((NOW + timedelta(seconds=42)).timestamp()))
    stub.script = [Answer(429, {"Retry-After": "7"}), Answer(429, {"X-RateLimit-Reset": reset}), Answer(429)]
    result, sleeps = library_send(stub, folder, csv_path, mailing.Mode.LIVE)
    assert isinstance(result, mailing.SendResult) and result.sent == 10
    assert sleeps == [7.0, 42.0, 4.0]
    assert mailing.retry_wait(9, {"Retry-After": "9999"}, lambda: NOW) == mailing.MAX_WAIT_S
    assert mailing.retry_wait(9, {}, lambda: NOW) == 30.0  # backoff is capped


def test_when_retries_run_out_the_log_is_kept_and_a_rerun_resumes(
    isolated: Path, keyed: SendGridStub
) -> None:
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 2500)
    keyed.script = [Answer(202)] + [Answer(500, {"Retry-After": "0"})] * mailing.MAX_ATTEMPTS
    failed = invoke("n", "--recipients", "r.csv", "--live", "--yes")
    assert failed.exit_code == 3
    assert_one_line(
        failed.stderr, "batch 2 of 3", "got 500", "5 time(s)", "sent 1000 of 2500", "1500 not sent"
    )
    assert "run the same command again to resume" in failed.stderr
    outcomes = [line["outcome"] for line in log_lines(folder)]
    assert outcomes == ["sending", "accepted"] + ["sending", "cancelled"] * mailing.MAX_ATTEMPTS

    resumed = invoke("n", "--recipients", "r.csv", "--live", "--yes")
    assert resumed.exit_code == 0, resumed.stderr
    assert "sent 1500 in 2 requests; skipped as already sent: 1000; failed: 0" in resumed.stdout
    assert "sent again" not in resumed.stdout  # every 5xx attempt was cancelled: nothing was in doubt
    assert keyed.accepted_emails() == everyone(2500)


def test_immediate_retries_a_5xx_with_the_same_body_and_logs_the_failure(
    isolated: Path, stub: SendGridStub
) -> None:
    folder = make_notice(isolated / "n")
    csv_path = make_recipients(isolated / "r.csv", 3)
    stub.script = [Answer(500, {"Retry-After": "0"})] * mailing.MAX_ATTEMPTS
    failure, sleeps = library_send(stub, folder, csv_path, mailing.Mode.LIVE, schedule=mailing.IMMEDIATE)
    assert isinstance(failure, mailing.SendFailed) and "got 500 from SendGrid 5 time(s)" in failure.message
    assert sleeps == [0.0] * 4 and len(stub.requests) == 5
    assert "POST /v3/user/scheduled_sends" not in stub.calls
    assert [line["outcome"] for line in log_lines(folder)] == ["sending", "failed"]


def test_a_4xx_stops_with_sendgrids_message_and_no_retry(isolated: Path, keyed: SendGridStub) -> None:
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 5)
    errors = {
        "errors": [{"message": "The from address does not match a verified Sender Identity", "field": "from"}]
    }
    keyed.script = [Answer(403, body=json.dumps(errors))]
    result = invoke("n", "--recipients", "r.csv", "--sandbox")
    assert result.exit_code == 3
    assert_one_line(
        result.stderr, "refused by SendGrid (403)", "verified Sender Identity (from)", "sent 0 of 5"
    )
    assert len(keyed.requests) == 1
    assert log_lines(folder)[-1]["outcome"] == "failed"


def test_an_unanswered_immediate_request_is_in_doubt_and_reported_when_resent(
    isolated: Path, stub: SendGridStub
) -> None:
    folder = make_notice(isolated / "n")
    csv_path = make_recipients(isolated / "r.csv", 3)
    release = threading.Event()
    stub.script = [Answer(202, hold=release)]
    immediate = {"schedule": mailing.IMMEDIATE}
    try:
        failure, sleeps = library_send(stub, folder, csv_path, mailing.Mode.LIVE, timeout=0.3, **immediate)
    finally:
        release.set()
    assert isinstance(failure, mailing.SendFailed) and failure.exit_code == 3
    assert "got no answer" in failure.message and "may have accepted it" in failure.message
    assert sleeps == [] and len(stub.requests) == 1  # never resent blindly
    assert log_lines(folder)[-1]["outcome"] == "sending"

    result, _ = library_send(stub, folder, csv_path, mailing.Mode.LIVE, **immediate)
    assert isinstance(result, mailing.SendResult)
    assert (result.sent, result.resent_in_doubt) == (3, 3)
    assert stub.delivered() == Counter({f"user{n:05d}@example.com": 2 for n in range(3)})  # the window


def test_an_unanswered_scheduled_request_is_cancelled_and_sent_again_at_once(
    isolated: Path, stub: SendGridStub
) -> None:
    folder = make_notice(isolated / "n")
    csv_path = make_recipients(isolated / "r.csv", 3)
    release = threading.Event()
    stub.script = [Answer(202, hold=release)]  # taken, but the answer comes too late
    try:
        result, sleeps = library_send(stub, folder, csv_path, mailing.Mode.LIVE, timeout=0.3)
    finally:
        release.set()
    assert isinstance(result, mailing.SendResult), result
    assert (result.sent, result.cancelled, result.resent_in_doubt) == (3, 3, 0) and sleeps == [1.0]
    first, second = (r["batch_id"] for r in stub.requests)
    assert stub.statuses[first][0] == "cancel" and second not in stub.statuses
    assert [line["outcome"] for line in log_lines(folder)] == ["sending", "cancelled", "sending", "accepted"]
    stub.advance(3600)
    assert stub.delivered() == everyone(3)


def test_a_run_killed_after_batch_1_resumes_and_mails_everyone_once(
    isolated: Path, keyed: SendGridStub
) -> None:
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 2500)
    release = threading.Event()
    # batch 2 is queued by SendGrid, but its answer hangs until the process is dead
    keyed.script = [Answer(202), Answer(202, hold=release)]
    command = [sys.executable, "-m", "policydiff", "send", "n", "--recipients", "r.csv", "--live", "--yes"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while len(keyed.requests) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert len(keyed.requests) == 2, process.communicate()
        assert [line["outcome"] for line in log_lines(folder)] == ["sending", "accepted", "sending"]
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=10)
    finally:
        release.set()
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == -signal.SIGKILL

    resumed = invoke("n", "--recipients", "r.csv", "--live", "--yes")
    assert resumed.exit_code == 0, resumed.stderr
    assert "sent 1500 in 2 requests; skipped as already sent: 1000" in resumed.stdout
    # batch 2's outcome was unknown: it was cancelled before its recipients were sent again
    assert "1000 recipients were in a batch whose request got no answer; that batch was cancelled" in (
        resumed.stdout
    )
    assert keyed.statuses[keyed.requests[1]["batch_id"]][0] == "cancel"
    keyed.advance(3600)
    assert keyed.delivered() == everyone(2500)


def test_the_stub_schedules_cancels_and_pauses_as_sendgrid_documents(stub: SendGridStub) -> None:
    """The stub's own contract, through the real client: what the tests below count on."""
    stub.set_clock(NOW)
    client = SendGridAPIClient(api_key=KEY, host=stub.url).client
    ids = [json.loads(client.mail.batch.post().body)["batch_id"] for _ in range(4)]
    at = int(NOW.timestamp()) + 1800

    def mail(email: str, batch_id: str, send_at: int = at) -> None:
        body = {"personalizations": [{"to": [{"email": email}]}], "batch_id": batch_id, "send_at": send_at}
        assert client.mail.send.post(request_body=body).status_code == 202

    for email, batch_id in zip(("kept", "cancelled", "paused", "late"), ids, strict=True):
        mail(f"{email}@example.com", batch_id)
    scheduled = client.user.scheduled_sends
    for batch_id, status in ((ids[1], "cancel"), (ids[2], "pause")):
        assert scheduled.post(request_body={"batch_id": batch_id, "status": status}).status_code == 201
    assert json.loads(scheduled._(ids[1]).get().body) == [{"batch_id": ids[1], "status": "cancel"}]
    with pytest.raises(BadRequestsError):  # a status exists already: PATCH changes it
        scheduled.post(request_body={"batch_id": ids[1], "status": "pause"})
    with pytest.raises(BadRequestsError):
        client.mail.send.post(request_body={"personalizations": [], "batch_id": "made-up-batch-id"})
    with pytest.raises(BadRequestsError):  # more than 72 hours ahead
        mail("far@example.com", ids[0], at + 72 * 3600)
    assert stub.delivered() == Counter()
    stub.advance(1200)  # 10 minutes before send_at: a cancel now is "not guaranteed", so not honoured
    assert scheduled.post(request_body={"batch_id": ids[3], "status": "cancel"}).status_code == 201
    stub.advance(600)
    assert stub.delivered() == Counter({"kept@example.com": 1, "late@example.com": 1})
    assert scheduled._(ids[2]).delete().status_code == 204  # a paused batch goes once resumed
    assert stub.delivered() == Counter({f"{e}@example.com": 1 for e in ("kept", "late", "paused")})
    with pytest.raises(BadRequestsError) as refused:  # its send time has passed
        scheduled.post(request_body={"batch_id": ids[0], "status": "cancel"})
    assert b"already sent" in refused.value.body
    stub.cancel_limit = 0
    fresh = json.loads(client.mail.batch.post().body)["batch_id"]
    with pytest.raises(BadRequestsError) as refused:
        scheduled.post(request_body={"batch_id": fresh, "status": "cancel"})
    assert b"max limit reached" in refused.value.body


def leave_a_batch_in_doubt(
    stub: SendGridStub, folder: Path, csv_path: Path, mode: mailing.Mode = mailing.Mode.LIVE
) -> mailing.SendFailed:
    """A run whose only batch SendGrid takes without an answer, and whose cancel fails: in doubt."""
    release = threading.Event()
    stub.script = [Answer(200 if mode is mailing.Mode.SANDBOX else 202, hold=release)]
    if not stub.scripts["cancel"]:
        stub.scripts["cancel"] = [Answer(503, {"Retry-After": "0"})] * mailing.MAX_ATTEMPTS
    try:
        failure, _ = library_send(stub, folder, csv_path, mode, timeout=0.3)
    finally:
        release.set()
    assert isinstance(failure, mailing.SendFailed), failure
    assert log_lines(folder)[-1]["outcome"] == "sending"
    return failure


def test_a_batch_that_cannot_be_cancelled_is_never_sent_again_and_the_run_says_so(
    isolated: Path, stub: SendGridStub
) -> None:
    folder = make_notice(isolated / "n")
    csv_path = make_recipients(isolated / "r.csv", 3)
    failure = leave_a_batch_in_doubt(stub, folder, csv_path)
    for words in ("could not cancel batch pd-", "due 2026-11-24 10:00 UTC", "nobody in it was sent again"):
        assert words in failure.message
    assert "run the same command again before 2026-11-24 09:49 UTC" in failure.message
    assert failure.result.failed == 3 and len(stub.requests) == 1

    # 25 minutes on, 5 before its send time: too late to cancel for certain, so it is left to go
    result, _ = library_send(stub, folder, csv_path, mailing.Mode.LIVE, now=NOW + timedelta(minutes=25))
    assert isinstance(result, mailing.SendResult), result
    assert (result.sent, result.unconfirmed, result.skipped, result.requests) == (0, 3, 0, 0)
    assert len(stub.requests) == 1 and stub.calls.count("POST /v3/user/scheduled_sends") == 5
    assert log_lines(folder)[-1]["outcome"] == "unconfirmed"
    stub.advance(3600)
    assert stub.delivered() == everyone(3)  # it had been taken: everyone once

    again, _ = library_send(stub, folder, csv_path, mailing.Mode.LIVE, now=NOW + timedelta(hours=2))
    assert (again.sent, again.skipped, again.unconfirmed, again.unconfirmed_batches) == (
        0, 0, 3, (log_lines(folder)[-1]["batch"],)
    )  # fmt: skip
    forced, _ = library_send(
        stub, folder, csv_path, mailing.Mode.LIVE, now=NOW + timedelta(hours=2), resend_unconfirmed=True
    )
    assert (forced.sent, forced.unconfirmed) == (3, 0)  # someone checked Email Activity and chose to


@pytest.mark.parametrize(
    ("setup", "says"),
    [
        (lambda stub: setattr(stub, "cancel_limit", 0), "max limit reached"),
        (lambda stub: stub.advance(3600), "this batch was already sent"),  # SendGrid's clock is ahead
    ],
)
def test_a_refused_cancel_stops_before_anyone_is_sent_again(
    isolated: Path, stub: SendGridStub, setup: Any, says: str
) -> None:
    folder = make_notice(isolated / "n")
    csv_path = make_recipients(isolated / "r.csv", 3)
    leave_a_batch_in_doubt(stub, folder, csv_path)
    stub.set_clock(NOW)
    setup(stub)
    notice = mailing.read_notice(folder)
    plan = mailing.plan_batches(
        notice, mailing.read_recipients(csv_path), mode=mailing.Mode.LIVE, log=mailing.read_send_log(folder)
    )
    client = SendGridAPIClient(api_key=KEY, host=stub.url)
    later = NOW + timedelta(minutes=5)
    with pytest.raises(mailing.SendFailed) as failure:
        mailing.send_batches(client, notice, plan, sleep=lambda seconds: None, now=lambda: later)
    assert f"was refused by SendGrid (400): {says}" in failure.value.message
    assert "nobody in it was sent again" in failure.value.message and failure.value.result.failed == 3
    assert len(stub.requests) == 1 and log_lines(folder)[-1]["outcome"] == "sending"


class Killer:
    """Runs ``policydiff send`` as a process again and again, each time SIGKILLed at a random point.

    The point is drawn per round: in the middle of a Mail Send request that SendGrid has taken but not
    yet answered ("taken", the stub's hook: the worst moment), while a batch id is being made ("batch"),
    while an earlier batch is being cancelled ("cancel"), during start-up ("startup"), or at a random
    moment up to 0.25 s after the first request ("timer": between a log line and its request, between
    requests, in a fsync). The stub's events are counted 1 to 3 before the kill, so that each round
    moves the send on by a few batches at most; a round whose event does not come is killed at 2 s.
    """

    def __init__(self, stub: SendGridStub, command: list[str], seed: int, points: tuple[str, ...]) -> None:
        self.stub, self.command, self.points = stub, command, points
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.point, self.left = "", 0
        self.landed: Counter[str] = Counter()
        stub.hook = self.hook

    def in_doubt(self) -> bool:
        lines = log_lines(Path("n"))
        return bool(lines) and lines[-1]["outcome"] == "sending"

    def hook(self, event: str) -> None:
        with self.lock:
            if self.process is None:
                return
            if self.point == "timer" and self.left:  # the first request: the clock starts
                self.left = 0
                self.arm(self.process, self.random.uniform(0, 0.25))
            if event != self.point:
                return
            self.left -= 1
            if self.left:
                return
            self.kill(self.process, event)  # inside the request: its answer never arrives

    def arm(self, process: subprocess.Popen[bytes], seconds: float) -> None:
        alarm = threading.Timer(seconds, self.alarm, (process,))
        alarm.daemon = True
        alarm.start()

    def alarm(self, process: subprocess.Popen[bytes]) -> None:
        with self.lock:
            if self.process is process and self.point:
                self.kill(process, self.point if self.point in ("timer", "startup") else "fallback")

    def kill(self, process: subprocess.Popen[bytes], what: str) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            self.landed[what] += 1
        self.point = ""

    def run(self, kills: int) -> None:
        while sum(self.landed.values()) < kills:
            point = self.random.choice(self.points)
            if point == "cancel" and not self.in_doubt():
                point = "taken"  # nothing to cancel: the run would go on too far
            process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            with self.lock:
                # a run cancels one batch at most
                self.left = 1 if point == "cancel" else self.random.randint(1, 3)
                self.process, self.point = process, point
                # a kill in start-up, or (any other point) one after 2 s should the event never come
                self.arm(process, self.random.uniform(0.05, 0.6) if point == "startup" else 2.0)
            try:
                out, err = process.communicate(timeout=60)
            finally:
                with self.lock:
                    self.process = None
                if process.poll() is None:
                    process.kill()
                    process.communicate()
            assert process.returncode == -signal.SIGKILL, (process.returncode, out, err)
        self.stub.hook = None


def kill_and_resume(
    isolated: Path, stub: SendGridStub, flags: list[str], points: tuple[str, ...], kills: int
) -> tuple[Killer, Result]:
    make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 10_000)
    stub.delay = 0.02  # every Mail Send answer waits: a wider window for a kill in mid-request
    stub.cancel_limit = 100  # an older SendGrid page says 100; the documented 10 is tested above
    base = [sys.executable, "-m", "policydiff", "send", "n", "--recipients", "r.csv", "--live", "--yes"]
    killer = Killer(stub, [*base, "--batch-size", "100", *flags], seed=18, points=points)
    killer.run(kills)
    resumed = invoke("n", "--recipients", "r.csv", "--live", "--yes", "--batch-size", "100", *flags)
    assert resumed.exit_code == 0, resumed.stderr
    stub.advance(3600)
    return killer, resumed


def test_20_kills_at_random_points_then_a_resume_deliver_everyone_exactly_once(
    isolated: Path, keyed: SendGridStub
) -> None:
    points = ("taken", "taken", "taken", "batch", "cancel", "startup", "timer", "timer")
    killer, resumed = kill_and_resume(isolated, keyed, [], points, kills=20)
    delivered = keyed.delivered()
    taken = sum(len(mail.emails()) for mail in keyed.mail)
    cancelled = [b for b, (status, _) in keyed.statuses.items() if status == "cancel"]
    print(f"scheduled: kills {dict(killer.landed)}; taken {taken}; cancelled batches {len(cancelled)};"
          f" delivered {sum(delivered.values())} to {len(delivered)}")  # fmt: skip
    assert delivered == everyone(10_000)  # counted by the stub: nobody twice, nobody missed
    assert killer.landed["taken"] >= 3, killer.landed  # kills that landed after SendGrid took a batch
    assert taken > 10_000 and cancelled  # batches were taken twice, and each extra one was cancelled
    assert "skipped as already sent" in resumed.stdout and "unconfirmed" not in resumed.stdout
    outcomes = Counter(line["outcome"] for line in log_lines(isolated / "n"))
    assert outcomes["unconfirmed"] == 0 and outcomes["cancelled"] == len(cancelled)


def test_with_immediate_each_kill_duplicates_at_most_one_batch(isolated: Path, keyed: SendGridStub) -> None:
    kills = 20
    killer, resumed = kill_and_resume(
        isolated, keyed, ["--immediate"], ("taken", "taken", "startup", "timer"), kills
    )
    delivered = keyed.delivered()
    extra = sum(delivered.values()) - 10_000
    copies = Counter(tuple(mail.emails()) for mail in keyed.mail)  # each batch and how often it went
    print(f"immediate: kills {dict(killer.landed)}; delivered {sum(delivered.values())} to {len(delivered)};"
          f" extra {extra} in {sum(copies.values()) - len(copies)} batches")  # fmt: skip
    assert set(delivered) == set(everyone(10_000))  # nobody missed
    # the documented window: each kill can have SendGrid take one batch that the next run sends again
    assert sum(count - 1 for count in copies.values()) <= kills and extra <= kills * 100
    assert extra == 100 * (sum(copies.values()) - len(copies))  # whole batches, never parts
    assert killer.landed["taken"] == 0 or extra  # a kill after SendGrid took a batch did duplicate it
    assert "a crash during a request can mail that batch" in resumed.stdout


def test_a_changed_notice_is_refused_after_a_live_send(isolated: Path, keyed: SendGridStub) -> None:
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 3)
    assert invoke("n", "--recipients", "r.csv", "--live", "--yes").exit_code == 0
    (folder / "email.txt").write_text("A different text.\n")
    result = invoke("n", "--recipients", "r.csv", "--live", "--yes")
    assert result.exit_code == 2
    assert_one_line(result.stderr, "send-log.jsonl", "different version")
    (folder / mailing.SEND_LOG).write_text('{"batch": "x"}\n')
    result = invoke("n", "--recipients", "r.csv", "--live", "--yes")
    assert result.exit_code == 2
    assert_one_line(result.stderr, "line 1 is not a send-log record")
    assert len(keyed.requests) == 1


def test_a_last_line_a_kill_cut_short_is_read_past_and_cut_before_the_next(
    isolated: Path, keyed: SendGridStub
) -> None:
    # the kernel may stop a write of several pages at a kill: the line ends mid-record, no newline
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 3)
    assert invoke("n", "--recipients", "r.csv", "--live", "--yes").exit_code == 0
    path = folder / mailing.SEND_LOG
    whole = path.read_bytes()
    path.write_bytes(whole + whole.splitlines(keepends=True)[0][:40])  # a "sending" line, torn
    assert len(mailing.read_send_log(folder)) == len(whole.splitlines())
    result = invoke("n", "--recipients", "r.csv", "--live", "--yes")
    assert result.exit_code == 0, result.stderr
    assert len(keyed.requests) == 1  # all mailed already: the torn line made nothing in doubt
    # a new recipient: the next record is appended after the torn tail is cut
    make_recipients(isolated / "r.csv", 4)
    result = invoke("n", "--recipients", "r.csv", "--live", "--yes")
    assert result.exit_code == 0, result.stderr
    assert len(keyed.requests) == 2
    after = path.read_bytes()
    assert after.startswith(whole) and after.endswith(b"\n")
    assert len(mailing.read_send_log(folder)) == len(after.splitlines()) > len(whole.splitlines())


# --- the command line: key, host, modes, confirmation ------------------------------------------------------


def test_a_missing_or_bad_key_is_exit_2(
    isolated: Path, stub: SendGridStub, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 3)
    monkeypatch.setenv("POLICYDIFF_SENDGRID_HOST", stub.url)
    result = invoke("n", "--recipients", "r.csv", "--sandbox")
    assert result.exit_code == 2
    assert_one_line(result.stderr, "SENDGRID_API_KEY", "not set")
    monkeypatch.setenv("SENDGRID_API_KEY", "SG.secret\nvalue")
    result = invoke("n", "--recipients", "r.csv", "--sandbox")
    assert result.exit_code == 2 and "secret" not in result.stderr
    assert stub.requests == []


def test_the_host_comes_from_the_config_when_the_environment_has_none(
    isolated: Path, stub: SendGridStub, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 3)
    monkeypatch.setenv("SENDGRID_API_KEY", KEY)
    (isolated / "policydiff.toml").write_text(f'[email]\napi_host = "{stub.url}"\n')
    result = invoke("n", "--recipients", "r.csv", "--sandbox")
    assert result.exit_code == 0, result.stderr
    assert len(stub.requests) == 1


@pytest.mark.parametrize("flags", [["--sandbox", "--live"], ["--dry-run", "--live"], ["--live"]])
def test_mode_misuse_is_exit_2(isolated: Path, keyed: SendGridStub, flags: list[str]) -> None:
    make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 3)
    result = invoke("n", "--recipients", "r.csv", *flags)  # --live alone: stdin is not a terminal
    assert result.exit_code == 2
    assert_one_line(result.stderr, "--yes" if flags == ["--live"] else "choose one")
    assert keyed.requests == []


@pytest.mark.parametrize(("answer", "code", "requests"), [("n", 2, 0), ("y", 0, 1)])
def test_live_asks_at_a_terminal(
    isolated: Path, keyed: SendGridStub, answer: str, code: int, requests: int
) -> None:
    make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 3)
    controller, terminal = pty.openpty()
    command = [sys.executable, "-m", "policydiff", "send", "n", "--recipients", "r.csv", "--live"]
    with subprocess.Popen(command, stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        os.close(terminal)
        prompt = process.stdout.read1(200)  # type: ignore[union-attr]
        assert b"Deliver the notice to 3 recipients now?" in prompt
        os.write(controller, f"{answer}\n".encode())
        process.wait(timeout=30)
    os.close(controller)
    assert process.returncode == code
    assert len(keyed.requests) == requests


# --- the key never leaks --------------------------------------------------------------------------------


def test_the_key_appears_in_no_output_log_or_file(
    isolated: Path, keyed: SendGridStub, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 1050)
    echo = {"errors": [{"message": f"bad header Authorization: Bearer {KEY}", "field": None}]}
    keyed.script = [Answer(202), Answer(401, body=json.dumps(echo))]  # a server that echoes the key back
    env = {**os.environ, "SENDGRID_API_KEY": KEY, "POLICYDIFF_SENDGRID_HOST": keyed.url}
    command = [sys.executable, "-m", "policydiff", "send", "n", "--recipients", "r.csv", "--sandbox"]
    process = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert process.returncode == 3 and "Bearer [redacted]" in process.stderr, process.stderr
    outputs = [process.stdout, process.stderr]
    for args in (["--sandbox"], [], ["--live", "--yes"]):  # in-process, so caplog sees the client's logger
        result = invoke("n", "--recipients", "r.csv", *args)
        assert result.exit_code == 0, result.stderr
        outputs += [result.stdout, result.stderr]
    assert len(keyed.requests) == 5
    assert not [record for record in caplog.records if record.name.startswith("python_http_client")]
    outputs.append(caplog.text)
    written = [path for path in isolated.rglob("*") if path.is_file()]
    assert any(path.suffix == ".eml" for path in written) and (folder / mailing.SEND_LOG) in written
    for text in outputs + [path.read_text("utf-8", "replace") for path in written]:
        assert KEY not in text and KEY.split(".")[1] not in text
    assert all(KEY not in json.dumps(body) for body in keyed.requests)


def assert_no_key(text: str) -> None:
    """Neither the key nor any 8 characters of it in a row."""
    assert KEY not in text
    assert not [KEY[i : i + 8] for i in range(len(KEY) - 7) if KEY[i : i + 8] in text], text


def test_a_server_echoing_the_key_in_bodies_and_headers_gets_none_of_it_into_output_or_log(
    isolated: Path, keyed: SendGridStub
) -> None:
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 250)
    keyed.echo_key = True  # every answer carries "Bearer <key>" in its body, X-Echo and X-Message-Id
    command = [sys.executable, "-m", "policydiff", "send", "n", "--recipients", "r.csv"]
    command += ["--batch-size", "100"]
    outputs: list[str] = []

    keyed.script = [Answer(202), Answer(400)]  # the refusal's text holds the key at characters 282-325
    refused = subprocess.run([*command, "--live", "--yes"], capture_output=True, text=True, timeout=60)
    assert refused.returncode == 3 and "Authorization: Bearer [redacted]" in refused.stderr, refused.stderr
    resumed = subprocess.run([*command, "--live", "--yes"], capture_output=True, text=True, timeout=60)
    assert resumed.returncode == 0 and "sent 150 in 2 requests" in resumed.stdout, resumed.stderr
    outputs += [refused.stdout, refused.stderr, resumed.stdout, resumed.stderr]
    accepted = [line for line in log_lines(folder) if line["outcome"] == "accepted"]
    assert len(accepted) == 3 and all(line["message_id"].startswith("sha256:") for line in accepted)

    for echoed in (KEY, KEY.split(".")[2], "Bearer " + KEY):  # a batch id made of the key is refused
        keyed.scripts["batch"] = [Answer(201, body=json.dumps({"batch_id": echoed}))]
        result = invoke("n", "--recipients", "r.csv", "--sandbox")
        assert result.exit_code == 3
        assert_one_line(result.stderr, "no batch id of the expected shape", "sha256:")
        outputs += [result.stdout, result.stderr]

    keyed.scripts["cancel"] = [Answer(400)]  # a refused cancel echoes the key as well
    failure = leave_a_batch_in_doubt(keyed, folder, isolated / "r.csv", mode=mailing.Mode.SANDBOX)
    assert "could not cancel" in failure.message and "Bearer [redacted]" in failure.message
    outputs.append(failure.message)

    written = [path for path in isolated.rglob("*") if path.is_file()]
    assert (folder / mailing.SEND_LOG) in written
    for text in outputs + [path.read_text("utf-8", "replace") for path in written]:
        assert_no_key(text)


def test_redaction_comes_before_any_cut_and_catches_key_shaped_words() -> None:
    other = "SG.AbCdEfGhIjKlMnOpQrStUv.0123456789abcdefghijABCDEFGHIJ-_xyzXYZ0123"
    text = "x" * 290 + f" Bearer {KEY} and {other} and {KEY[:-6]}"
    cleaned = mailing.redact(text, KEY)
    assert cleaned.endswith(" Bearer [redacted] and [redacted] and SG.[redacted].[redacted]")
    assert_no_key(cleaned[:300])
    assert_no_key(mailing.redact(f"token={KEY.split('.')[2][:12]}", KEY))
    assert mailing.redact("nothing secret here", KEY) == "nothing secret here"


def test_the_log_helper_reads_a_torn_last_line_as_the_product_does(tmp_path: Path) -> None:
    # a kill between two pages of a write leaves a last line with no end of line: the product's
    # reader skips it, and so must the kill tests' helper, or it fails on what the product forgives
    whole = json.dumps({"batch": "a", "outcome": "sending"})
    (tmp_path / mailing.SEND_LOG).write_text(f'{whole}\n{{"batch":"b","outc')
    assert log_lines(tmp_path) == [{"batch": "a", "outcome": "sending"}]
