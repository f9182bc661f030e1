"""``policydiff send``: the command line's side of a send (flags, environment, confirmation, progress bar)."""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from policydiff.cli.boundary import boundary
from policydiff.cli.options import ConfigOption, now, project_settings
from policydiff.errors import InputError

if TYPE_CHECKING:
    from policydiff.commands.send import SendOutcome
    from policydiff.config import EmailSettings
    from policydiff.send import Mode, Schedule


@boundary
def send(
    notice_dir: Annotated[Path, typer.Argument(help="A notice folder (notice.json, email.html, email.txt).")],
    recipients: Annotated[
        Path, typer.Option("--recipients", help="CSV with an email column, optional name and locale.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Write one .eml per recipient to NOTICE_DIR/outbox (default).")
    ] = False,
    sandbox: Annotated[bool, typer.Option("--sandbox", help="Send in SendGrid's sandbox mode.")] = False,
    live: Annotated[bool, typer.Option("--live", help="Deliver the notice.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before --live.")] = False,
    send_delay: Annotated[
        int | None,
        typer.Option(
            "--send-delay",
            metavar="MINUTES",
            help="SendGrid delivers each batch this many minutes after its request (default 30; 15 to 4200). "
            "A run that crashes can be resumed for MINUTES - 11 minutes: it cancels the batch whose "
            "outcome it never learnt before sending it again, so nobody is mailed twice.",
        ),
    ] = None,
    immediate: Annotated[
        bool,
        typer.Option(
            "--immediate",
            help="Deliver each batch at once instead of scheduling it. A crash during a request can then "
            "mail that batch (up to 1,000 recipients) twice: a re-run cannot cancel it and sends it again.",
        ),
    ] = False,
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size",
            metavar="N",
            help="At most N recipients per request (1 to 1000; default [email] batch_size, else 1000).",
        ),
    ] = None,
    resend_unconfirmed: Annotated[
        bool,
        typer.Option(
            "--resend-unconfirmed",
            help="Also send the recipients of batches left unconfirmed (too late to cancel after a crash). "
            "Use it only once SendGrid's Email Activity shows those batches were not delivered.",
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Send a notice through SendGrid in batches; a re-run resumes and never mails anyone twice.

    Each batch is scheduled (30 minutes ahead by default) under its own SendGrid batch id, so that a
    re-run after a crash can cancel a batch whose outcome it never learnt; --immediate trades that for
    speed, and a crash during one of its requests can mail that batch twice.
    """
    from policydiff.commands.send import choose_mode, summary_lines
    from policydiff.send import MAX_PERSONALIZATIONS, choose_schedule

    mode = choose_mode(dry_run=dry_run, sandbox=sandbox, live=live)
    email = project_settings(config).email
    # a flag wins over [email]; --send-delay asks for scheduled delivery whatever the config says
    quick = immediate or (email.immediate and send_delay is None)
    delay = send_delay if send_delay is not None or quick else email.send_delay_minutes
    schedule = choose_schedule(immediate=quick, delay_minutes=delay)
    size = batch_size if batch_size is not None else email.batch_size or MAX_PERSONALIZATIONS
    options = _Options(schedule, size, resend_unconfirmed)
    outcome = _send(notice_dir, recipients, mode, email, options, ask=not yes)
    for line in summary_lines(outcome):
        typer.echo(line)


@dataclass(frozen=True, slots=True)
class _Options:
    schedule: "Schedule"
    batch_size: int
    resend_unconfirmed: bool


def _send(
    notice_dir: Path, recipients: Path, mode: "Mode", email: "EmailSettings", options: _Options, *, ask: bool
) -> "SendOutcome":
    """``send_notice`` with what the command line supplies: key and host, clock, confirmation, progress."""
    import time

    from policydiff.commands.send import send_notice

    return send_notice(
        notice_dir,
        recipients,
        mode=mode,
        email=email,
        api_key=os.environ.get("SENDGRID_API_KEY"),
        api_host=os.environ.get("POLICYDIFF_SENDGRID_HOST"),
        now=now,
        sleep=time.sleep,
        confirm=_confirm_live if ask else None,
        progress=_progress_bar,
        schedule=options.schedule,
        batch_size=options.batch_size,
        resend_unconfirmed=options.resend_unconfirmed,
    )


@contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr for ``total`` recipients (none when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (TextColumn("sending"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task("send", total=total)
        yield lambda sent: progress.update(task, completed=sent)


def _confirm_live(to_send: int) -> None:
    if not sys.stdin.isatty():
        raise InputError("send --live: standard input is not a terminal; add --yes to deliver")
    typer.confirm(f"Deliver the notice to {to_send} recipients now?", abort=True)
