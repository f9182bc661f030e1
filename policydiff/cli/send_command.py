"""``policydiff send``: the command line's side of a send (flags, environment, confirmation, progress bar)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from policydiff.cli.boundary import boundary
from policydiff.cli.options import ConfigOption, now, project_settings
from policydiff.errors import InputError

if TYPE_CHECKING:
    from policydiff.commands.send import SendOutcome
    from policydiff.config import EmailSettings
    from policydiff.send import Mode


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
    config: ConfigOption = None,
) -> None:
    """Send a notice through SendGrid in batches; a re-run resumes and never mails anyone twice."""
    from policydiff.commands.send import choose_mode, summary_lines

    mode = choose_mode(dry_run=dry_run, sandbox=sandbox, live=live)
    outcome = _send(notice_dir, recipients, mode, project_settings(config).email, ask=not yes)
    for line in summary_lines(outcome):
        typer.echo(line)


def _send(notice_dir: Path, recipients: Path, mode: Mode, email: EmailSettings, *, ask: bool) -> SendOutcome:
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
