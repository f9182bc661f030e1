"""policydiff.send and ``policydiff send``: the real SendGrid client against a local Mail Send stub.

The stub (pytest-httpserver, threaded) implements ``POST /v3/mail/send``, records every request and
answers from a script (202 by default, 200 in sandbox mode, as SendGrid does).
"""

from __future__ import annotations

import csv
import json
import logging
import os
import pty
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

import pytest
from pytest_httpserver import HTTPServer
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


class SendGridStub:
    """Records every Mail Send request; answers from ``script`` first, then with success."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.url = server.url_for("").rstrip("/")
        self.script: list[Answer] = []
        self.requests: list[dict[str, Any]] = []
        self.authorization: list[str] = []
        self.accepted: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        server.expect_request("/v3/mail/send", method="POST").respond_with_handler(self.handle)

    def handle(self, request: Request) -> Response:
        body = request.get_json()
        with self.lock:
            self.requests.append(body)
            self.authorization.append(request.headers.get("Authorization", ""))
            answer = self.script.pop(0) if self.script else None
        if answer is None:
            sandbox = body.get("mail_settings", {}).get("sandbox_mode", {}).get("enable") is True
            answer = Answer(200 if sandbox else 202, {"X-Message-Id": f"msg-{len(self.requests)}"})
        if answer.hold is not None:
            answer.hold.wait(30)
        if 200 <= answer.status < 300:
            with self.lock:
                self.accepted.append(body)
        return Response(answer.body, answer.status, answer.headers, content_type="application/json")

    def accepted_emails(self) -> Counter[str]:
        return Counter(p["to"][0]["email"] for body in self.accepted for p in body["personalizations"])


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


def log_lines(folder: Path) -> list[dict[str, Any]]:
    path = folder / mailing.SEND_LOG
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def library_send(stub: SendGridStub, folder: Path, csv_path: Path, mode: mailing.Mode, **options: Any) -> Any:
    """Plan and send with the real client; returns (result or SendFailed, recorded sleeps)."""
    notice = mailing.read_notice(folder)
    plan = mailing.plan_batches(
        notice, mailing.read_recipients(csv_path), mode=mode, log=mailing.read_send_log(folder)
    )
    sleeps: list[float] = []
    client = SendGridAPIClient(api_key=KEY, host=stub.url)
    try:
        result: Any = mailing.send_batches(
            client, notice, plan, sleep=sleeps.append, now=lambda: NOW, **options
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
    assert keyed.accepted_emails() == Counter({f"user{n:05d}@example.com": 1 for n in range(2500)})
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
    assert [len(r["personalizations"]) for r in keyed.requests[3:]] == [1000, 1000, 500]
    assert all("mail_settings" not in r for r in keyed.requests[3:])
    assert [line["status"] for line in log_lines(folder) if line["outcome"] == "accepted"][3:] == [202] * 3


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
    sizes = [
        len(json.dumps(mailing.request_body(notice, notice.variant(""), b, plan.mode))) for b in plan.batches
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
    result, sleeps = library_send(stub, folder, csv_path, mailing.Mode.LIVE)
    assert isinstance(result, mailing.SendResult), result
    assert (result.sent, result.requests, result.failed) == (2500, 3, 0)
    assert sleeps == [1.0, 2.0]
    assert len(stub.requests) == 5 and stub.accepted_emails() == Counter(
        {f"user{n:05d}@example.com": 1 for n in range(2500)}
    )


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
    assert [line["outcome"] for line in log_lines(folder)] == ["sending", "accepted", "sending", "failed"]

    resumed = invoke("n", "--recipients", "r.csv", "--live", "--yes")
    assert resumed.exit_code == 0, resumed.stderr
    assert "sent 1500 in 2 requests; skipped as already sent: 1000; failed: 0" in resumed.stdout
    assert "sent again" not in resumed.stdout  # the 500s were answers: nothing was in doubt
    assert keyed.accepted_emails() == Counter({f"user{n:05d}@example.com": 1 for n in range(2500)})


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


def test_an_unanswered_request_is_in_doubt_and_reported_when_resent(
    isolated: Path, stub: SendGridStub
) -> None:
    folder = make_notice(isolated / "n")
    csv_path = make_recipients(isolated / "r.csv", 3)
    release = threading.Event()
    stub.script = [Answer(202, hold=release)]
    try:
        failure, sleeps = library_send(stub, folder, csv_path, mailing.Mode.LIVE, timeout=0.3)
    finally:
        release.set()
    assert isinstance(failure, mailing.SendFailed) and failure.exit_code == 3
    assert "got no answer" in failure.message and "may have accepted it" in failure.message
    assert sleeps == [] and len(stub.requests) == 1  # never resent blindly
    assert log_lines(folder)[-1]["outcome"] == "sending"

    result, _ = library_send(stub, folder, csv_path, mailing.Mode.LIVE)
    assert isinstance(result, mailing.SendResult)
    assert (result.sent, result.resent_in_doubt) == (3, 3)


def test_a_run_killed_after_batch_1_resumes_and_mails_everyone_once(
    isolated: Path, keyed: SendGridStub
) -> None:
    folder = make_notice(isolated / "n")
    make_recipients(isolated / "r.csv", 2500)
    release = threading.Event()
    keyed.script = [Answer(202), Answer(503, hold=release)]  # batch 2 hangs until the process is dead
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
    assert "1000 recipients were sent again" in resumed.stdout  # batch 2's outcome was unknown
    assert keyed.accepted_emails() == Counter({f"user{n:05d}@example.com": 1 for n in range(2500)})


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
