"""policydiff.commands.send: the key and host checks, and ``send_notice`` against the local SendGrid stub."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import threaded_server
from sendgrid import SendGridAPIClient
from test_send import KEY, NOW, Answer, SendGridStub, make_notice, make_recipients

from policydiff import send as mailing
from policydiff.commands.send import (
    SENDGRID_HOST,
    SendOutcome,
    choose_mode,
    send_notice,
    sendgrid_host,
    sendgrid_key,
    summary_lines,
)
from policydiff.config import EmailSettings
from policydiff.errors import InputError


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # the client's urllib would send the stub's requests to a proxy from the environment
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def stub() -> Iterator[SendGridStub]:
    with threaded_server() as server:
        yield SendGridStub(server)
        server.check_assertions()


def run(
    tmp_path: Path,
    mode: mailing.Mode,
    stub: SendGridStub | None = None,
    **options: Any,
) -> SendOutcome:
    """``send_notice`` on ``tmp_path/n`` and ``tmp_path/r.csv``, with the test key and a fixed clock."""
    if stub is not None:
        stub.set_clock(NOW)
    arguments: dict[str, Any] = {
        "mode": mode,
        "email": EmailSettings(),
        "api_key": KEY,
        "api_host": stub.url if stub else None,
        "now": lambda: NOW,
        "sleep": lambda seconds: None,
        "confirm": None,
        **options,
    }
    return send_notice(tmp_path / "n", tmp_path / "r.csv", **arguments)


def no_client(api_key: str, host: str) -> SendGridAPIClient:
    raise AssertionError("no client may be made")


# --- key, host and mode ------------------------------------------------------------------------------


def test_the_key_is_required_stripped_and_never_echoed() -> None:
    assert sendgrid_key(f"  {KEY}\n") == KEY
    for missing in (None, "", "   "):
        with pytest.raises(InputError, match="SENDGRID_API_KEY: not set") as error:
            sendgrid_key(missing)
        assert error.value.exit_code == 2
    for bad in ("SG.secret\nvalue", "SG.secret value", "SG.sécret"):
        with pytest.raises(InputError, match="holds spaces, control or non-ASCII") as error:
            sendgrid_key(bad)
        assert "secret" not in error.value.message and "sécret" not in error.value.message


def test_the_host_comes_from_the_environment_then_the_config_then_sendgrid() -> None:
    assert sendgrid_host("http://127.0.0.1:9/", "https://configured.example") == "http://127.0.0.1:9"
    assert sendgrid_host(None, "https://configured.example/") == "https://configured.example"
    assert sendgrid_host("", None) == SENDGRID_HOST == "https://api.sendgrid.com"
    for bad in ("ftp://example.com", "example.com", "https://"):
        with pytest.raises(InputError, match=r"POLICYDIFF_SENDGRID_HOST: must be an http\(s\) URL"):
            sendgrid_host(bad, None)


def test_one_mode_at_most() -> None:
    assert choose_mode(dry_run=False, sandbox=False, live=False) is mailing.Mode.DRY_RUN
    assert choose_mode(dry_run=True, sandbox=False, live=False) is mailing.Mode.DRY_RUN
    assert choose_mode(dry_run=False, sandbox=True, live=False) is mailing.Mode.SANDBOX
    assert choose_mode(dry_run=False, sandbox=False, live=True) is mailing.Mode.LIVE
    for flags in ((True, False, True), (False, True, True), (True, True, False)):
        with pytest.raises(InputError, match="send: choose one of --dry-run, --sandbox, --live"):
            choose_mode(dry_run=flags[0], sandbox=flags[1], live=flags[2])


# --- send_notice ---------------------------------------------------------------------------------------


def test_a_dry_run_writes_the_outbox_and_needs_no_key_or_client(tmp_path: Path) -> None:
    folder = make_notice(tmp_path / "n")
    rows = "email,name,locale\na@example.com,Ann,fr\nb@example.com,Bob,\nA@example.com,Dup,\n"
    (tmp_path / "r.csv").write_text(rows, encoding="utf-8")
    outcome = run(tmp_path, mailing.Mode.DRY_RUN, api_key=None, client_factory=no_client)
    assert outcome.outbox == folder / "outbox" and outcome.send_log == folder / "send-log.jsonl"
    assert (outcome.result.mode, outcome.result.duplicates) == (mailing.Mode.DRY_RUN, 1)
    notice = mailing.read_notice(folder)
    people = mailing.read_recipients(tmp_path / "r.csv").people
    assert [path.read_bytes() for path in outcome.result.written] == [
        mailing.eml(notice, person, NOW) for person in people
    ]
    assert summary_lines(outcome) == (
        f"dry run: wrote 2 .eml files to {folder / 'outbox'} (1 duplicate rows dropped); nothing sent",
    )
    assert not outcome.send_log.exists()


def test_sandbox_sends_through_the_client_with_progress_and_no_confirmation(
    tmp_path: Path, stub: SendGridStub
) -> None:
    folder = make_notice(tmp_path / "n")
    make_recipients(tmp_path / "r.csv", 2500)
    made: list[tuple[str, str]] = []
    reports: list[str] = []

    def client(api_key: str, host: str) -> SendGridAPIClient:
        made.append((api_key, host))
        return SendGridAPIClient(api_key=api_key, host=host)

    @contextmanager
    def progress(total: int) -> Iterator[Callable[[int], None]]:
        reports.append(f"start {total}")
        yield lambda sent: reports.append(f"sent {sent}")
        reports.append("stop")

    def refuse(to_send: int) -> None:
        raise AssertionError("only --live asks")

    outcome = run(
        tmp_path, mailing.Mode.SANDBOX, stub, client_factory=client, progress=progress, confirm=refuse
    )
    assert made == [(KEY, stub.url)]
    assert reports == ["start 2500", "sent 1000", "sent 2000", "sent 2500", "stop"]
    assert [len(r["personalizations"]) for r in stub.requests] == [1000, 1000, 500]
    assert summary_lines(outcome) == (
        "sandbox: sent 2500 in 3 requests; skipped as already sent: 0; failed: 0; duplicate rows dropped: 0",
        "delivery: scheduled by SendGrid 30 minutes after each request (the last batch at 2026-11-24 10:00"
        " UTC); a run that crashes can be resumed without mailing anyone twice for 19 minutes",
    )
    assert [r["send_at"] for r in stub.requests] == [int(NOW.timestamp()) + 1800] * 3
    assert [json.loads(line)["outcome"] for line in outcome.send_log.read_text().splitlines()] == [
        "sending",
        "accepted",
    ] * 3
    assert not (folder / "outbox").exists()


def test_live_asks_before_sending_and_not_when_everyone_was_sent(tmp_path: Path, stub: SendGridStub) -> None:
    make_notice(tmp_path / "n")
    make_recipients(tmp_path / "r.csv", 3)
    asked: list[int] = []

    def decline(to_send: int) -> None:
        asked.append(to_send)
        raise InputError("declined")

    with pytest.raises(InputError, match="declined"):
        run(tmp_path, mailing.Mode.LIVE, stub, confirm=decline, client_factory=no_client)
    assert asked == [3] and stub.requests == []

    first = run(tmp_path, mailing.Mode.LIVE, stub, confirm=asked.append)
    again = run(tmp_path, mailing.Mode.LIVE, stub, confirm=asked.append)
    assert asked == [3, 3] and len(stub.requests) == 1
    assert (first.result.sent, again.result.sent, again.result.skipped) == (3, 0, 3)
    assert "mail_settings" not in stub.requests[0]


def test_without_a_key_nothing_is_read_from_the_log_or_sent(tmp_path: Path, stub: SendGridStub) -> None:
    folder = make_notice(tmp_path / "n")
    make_recipients(tmp_path / "r.csv", 3)
    (folder / "send-log.jsonl").write_text("not a record\n")  # the key is checked first, as before
    with pytest.raises(InputError, match="SENDGRID_API_KEY: not set"):
        run(tmp_path, mailing.Mode.SANDBOX, stub, api_key=None, client_factory=no_client)
    with pytest.raises(InputError, match="must be an http"):
        run(tmp_path, mailing.Mode.SANDBOX, stub, api_host="ftp://x", client_factory=no_client)
    with pytest.raises(InputError, match="line 1 is not a send-log record"):
        run(tmp_path, mailing.Mode.SANDBOX, stub, client_factory=no_client)
    assert stub.requests == []


def test_the_config_supplies_sender_subject_and_host(tmp_path: Path, stub: SendGridStub) -> None:
    make_notice(tmp_path / "n", meta={"schema": "policydiff.notice/1"}, locales=())
    make_recipients(tmp_path / "r.csv", 2)
    email = EmailSettings(sender="privacy@joypix.ai", subject="Heads up", api_host=stub.url)
    outcome = run(tmp_path, mailing.Mode.SANDBOX, email=email, api_host=None)
    assert outcome.result.sent == 2
    assert (stub.requests[0]["from"], stub.requests[0]["subject"]) == (
        {"email": "privacy@joypix.ai"},
        "Heads up",
    )


def test_a_refused_batch_raises_after_closing_the_progress_bar(tmp_path: Path, stub: SendGridStub) -> None:
    make_notice(tmp_path / "n")
    make_recipients(tmp_path / "r.csv", 5)
    stub.script = [Answer(401, body=json.dumps({"errors": [{"message": f"bad key {KEY}"}]}))]
    closed: list[bool] = []

    @contextmanager
    def progress(total: int) -> Iterator[Callable[[int], None]]:
        try:
            yield lambda sent: None
        finally:
            closed.append(True)

    with pytest.raises(mailing.SendFailed) as failure:
        run(tmp_path, mailing.Mode.SANDBOX, stub, progress=progress)
    assert closed == [True] and failure.value.exit_code == 3
    assert "refused by SendGrid (401): bad key [redacted]" in failure.value.message
    assert KEY not in failure.value.message and failure.value.result.failed == 5


def test_the_note_names_the_send_log_when_recipients_were_sent_again(tmp_path: Path) -> None:
    immediate = mailing.IMMEDIATE
    result = mailing.SendResult(mailing.Mode.LIVE, 3, 1, 0, 0, 0, resent_in_doubt=3, schedule=immediate)
    outcome = SendOutcome(result, tmp_path / "outbox", tmp_path / "send-log.jsonl")
    assert summary_lines(outcome) == (
        "live: sent 3 in 1 requests; skipped as already sent: 0; failed: 0; duplicate rows dropped: 0",
        "delivery: immediate (--immediate); a crash during a request can mail that batch (up to 1000"
        " recipients) twice",
        "note: 3 recipients were sent again because an earlier run got no answer for their batch; "
        f"see {tmp_path / 'send-log.jsonl'}",
    )


def test_the_summary_says_what_was_cancelled_and_warns_of_what_is_unconfirmed(tmp_path: Path) -> None:
    result = mailing.SendResult(
        mailing.Mode.LIVE,
        5,
        1,
        3,
        0,
        0,
        schedule=mailing.Schedule(45),
        last_send_at=int(NOW.timestamp()),
        cancelled=5,
        unconfirmed=3,
        unconfirmed_batches=("pd-1", "pd-2"),
    )
    lines = summary_lines(SendOutcome(result, tmp_path / "outbox", tmp_path / "send-log.jsonl"))
    assert lines[1] == (
        "delivery: scheduled by SendGrid 45 minutes after each request (the last batch at 2026-11-24 09:30"
        " UTC); a run that crashes can be resumed without mailing anyone twice for 34 minutes"
    )
    assert lines[2].startswith("note: 5 recipients were in a batch whose request got no answer; that")
    assert lines[3].startswith("warning: 3 recipients may not have been mailed")
    assert "policydiff_batch=pd-1, policydiff_batch=pd-2 in SendGrid's Email Activity" in lines[3]
    assert lines[3].endswith("run again with --resend-unconfirmed")
    nothing = mailing.SendResult(mailing.Mode.LIVE, 0, 0, 5, 0, 0)
    assert len(summary_lines(SendOutcome(nothing, tmp_path, tmp_path))) == 1  # no delivery line: none sent


def test_the_schedule_and_batch_size_reach_the_requests(tmp_path: Path, stub: SendGridStub) -> None:
    make_notice(tmp_path / "n")
    make_recipients(tmp_path / "r.csv", 5)
    outcome = run(tmp_path, mailing.Mode.LIVE, stub, schedule=mailing.Schedule(60), batch_size=2)
    assert [len(r["personalizations"]) for r in stub.requests] == [2, 2, 1]
    assert {r["send_at"] for r in stub.requests} == {int(NOW.timestamp()) + 3600}
    assert len({r["batch_id"] for r in stub.requests}) == 3 and outcome.result.schedule.delay_minutes == 60
    with pytest.raises(InputError, match="--batch-size: must be 1 to 1000"):
        run(tmp_path, mailing.Mode.LIVE, stub, batch_size=1001, client_factory=no_client)
    make_recipients(tmp_path / "r.csv", 7)
    immediate = run(tmp_path, mailing.Mode.LIVE, stub, schedule=mailing.IMMEDIATE)
    assert immediate.result.sent == 2 and "batch_id" not in stub.requests[-1]


def test_choose_schedule_checks_the_delay() -> None:
    assert mailing.choose_schedule(immediate=False, delay_minutes=None) == mailing.Schedule(30)
    assert mailing.choose_schedule(immediate=True, delay_minutes=None) is mailing.IMMEDIATE
    assert mailing.choose_schedule(immediate=False, delay_minutes=15).send_at(NOW) == NOW.timestamp() + 900
    assert mailing.IMMEDIATE.send_at(NOW) is None
    for bad in (14, 0, -1, 4201):
        with pytest.raises(InputError, match="must be 15 to 4200 minutes"):
            mailing.choose_schedule(immediate=False, delay_minutes=bad)


def test_now_is_read_once_for_a_dry_run(tmp_path: Path) -> None:
    make_notice(tmp_path / "n")
    make_recipients(tmp_path / "r.csv", 3)
    calls: list[datetime] = []

    def clock() -> datetime:
        calls.append(NOW)
        return NOW

    run(tmp_path, mailing.Mode.DRY_RUN, now=clock)
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("email", "flags", "scheduled", "sizes"),
    [
        ('delivery = "immediate"\nbatch_size = 2\n', [], False, [2, 2, 1]),
        ("send_delay_minutes = 45\n", ["--batch-size", "3"], True, [3, 2]),
        ('delivery = "immediate"\n', ["--send-delay", "20"], True, [5]),  # a flag wins over the config
    ],
)
def test_the_configs_sending_keys_reach_send(
    tmp_path: Path,
    stub: SendGridStub,
    monkeypatch: pytest.MonkeyPatch,
    email: str,
    flags: list[str],
    scheduled: bool,
    sizes: list[int],
) -> None:
    from typer.testing import CliRunner

    from policydiff.cli import app

    make_notice(tmp_path / "n")
    make_recipients(tmp_path / "r.csv", 5)
    config = tmp_path / "policydiff.toml"
    config.write_text(f'[organization]\nname = "JoyPix LLC"\n\n[email]\nfrom = "p@joypix.ai"\n{email}')
    monkeypatch.setenv("SENDGRID_API_KEY", KEY)
    monkeypatch.setenv("POLICYDIFF_SENDGRID_HOST", stub.url)
    done = CliRunner().invoke(
        app, ["send", str(tmp_path / "n"), "--recipients", str(tmp_path / "r.csv"), "--sandbox", *flags,
              "--config", str(config)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert [len(r["personalizations"]) for r in stub.requests] == sizes
    assert all(("send_at" in r) is scheduled and ("batch_id" in r) is scheduled for r in stub.requests)
    if "send_delay_minutes = 45" in email:
        assert "45 minutes" in done.output or "45 min" in done.output
