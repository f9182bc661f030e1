"""The command line: parse options, call one library function, render, pick the exit code.

This is the one error boundary. A ``PolicydiffError`` becomes one line on stderr and its
exit code; a usage error one line and exit 2; anything unexpected exit 4 with one line and
the traceback in a log file (never 1, which a CI job reads as "changes found").
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TypeVar

import typer

from policydiff import __version__
from policydiff.errors import InputError, PolicydiffError

if TYPE_CHECKING:
    from policydiff.commands.record import Recorded
    from policydiff.config import Settings
    from policydiff.model import PolicyCheck

app = typer.Typer(
    name="policydiff",
    help="Compare versions of a privacy policy clause by clause, find material changes, draft notices.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

P = ParamSpec("P")
R = TypeVar("R")


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"
    docx = "docx"


class SegmentFormat(StrEnum):
    text = "text"
    json = "json"


class FailOn(StrEnum):
    major = "major"
    minor = "minor"
    any = "any"
    never = "never"


# the severity rank (none 0 … major 3) from which --fail-on exits 1
_FAIL_RANK = {FailOn.major: 3, FailOn.minor: 2, FailOn.any: 1, FailOn.never: 99}


ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Project config (default: policydiff.toml here or in a parent folder).",
        dir_okay=False,
    ),
]


def error_log_path() -> Path:
    """Where the traceback of an internal error goes."""
    override = os.environ.get("POLICYDIFF_ERROR_LOG")
    if override:
        return Path(override)
    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(state) / "policydiff" / "error.log"


def _log_internal_error(error: BaseException) -> str:
    text = "".join(traceback.format_exception(error))
    for path in (error_log_path(), Path(tempfile.gettempdir()) / "policydiff-error.log"):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as log:
                log.write(f"policydiff {__version__} {' '.join(sys.argv)}\n{text}\n")
            return str(path)
        except OSError:
            continue
    return "no log could be written"


def _say(message: str) -> None:
    # one line, whatever the message holds
    sys.stderr.write("policydiff: " + " ".join(message.split()) + "\n")


def boundary(command: Callable[P, R]) -> Callable[P, R]:
    """Turn errors raised by a command into one stderr line and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except PolicydiffError as error:
            _say(error.message)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            _say("interrupted")
            raise typer.Exit(130) from None
        except Exception as error:  # noqa: BLE001 - the one place that must catch everything
            where = _log_internal_error(error)
            _say(f"internal error: {type(error).__name__}: {error} (traceback in {where})")
            raise typer.Exit(4) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"policydiff {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Compare versions of a privacy policy clause by clause, find material changes, draft notices."""


def _settings(config: Path | None) -> Settings:
    from policydiff.config import load_settings

    return load_settings(config, search_from=Path.cwd())


def _lazy_archive(config: Path | None) -> Callable[[], Path]:
    """The archive root, read from the config only when a ``POLICY@REF`` needs it."""
    return lambda: _settings(config).archive


def _write(data: str | bytes, output: Path | None) -> None:
    """Write a rendering to ``output``, or to stdout (bytes through its binary buffer)."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
        return
    try:
        if isinstance(data, bytes):
            output.write_bytes(data)
        else:
            output.write_text(data, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror or error}") from None


def _terminal(color: bool | None, output: Path | None) -> tuple[bool, int]:
    """Colour and width for a text rendering: a terminal's own, else plain at 100 columns."""
    at_terminal = output is None and sys.stdout.isatty()
    use_color = at_terminal if color is None else color
    return use_color, typer.get_terminal_size()[0] if at_terminal else 100


def _exit_code(severity_rank: int, fail_on: FailOn) -> int:
    return 1 if severity_rank >= _FAIL_RANK[fail_on] else 0


def _shown(path: Path) -> str:
    """A path as a user reads it: relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _today() -> dt.date:
    return dt.date.today()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@app.command()
@boundary
def diff(
    old: Annotated[
        str,
        typer.Argument(
            help="The old version: a .txt, .md, .html, .docx or .pdf file, a URL, or - for stdin."
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            help="The new version: a .txt, .md, .html, .docx or .pdf file, a URL, or - for stdin."
        ),
    ],
    format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="Report format; docx is a Word redline with tracked changes."),
    ] = DiffFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.", dir_okay=False)
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a change at or above this is found.")
    ] = FailOn.never,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour the text report.")] = None,
    config: ConfigOption = None,
) -> None:
    """Show every change between two versions, with its severity and the words that decided it."""
    from policydiff.commands.diff import diff_sources, one_stdin
    from policydiff.render import RenderOptions, render

    one_stdin(old, new)
    if format is DiffFormat.docx and output is None and sys.stdout.isatty():
        raise InputError("--format docx: a Word file is binary; give --output FILE (or redirect stdout)")
    report = diff_sources(old, new, _settings(config), shown=_shown)
    use_color, width = _terminal(color, output)
    # the Word redline's revisions are dated now: the one place that reads the clock for it
    options = RenderOptions(color=use_color, width=width, now=_now())
    _write(render(report, format.value, options), output)
    raise typer.Exit(_exit_code(report.severity.rank, fail_on))


@app.command()
@boundary
def segment(
    source: Annotated[
        str, typer.Argument(help="A .txt, .md, .html, .docx or .pdf file, a URL, or - for stdin.")
    ],
    format: Annotated[
        SegmentFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SegmentFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.", dir_okay=False)
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Show the clause tree of a policy: paths, kinds, headings and offsets."""
    from policydiff.commands.segment import segment_source

    outline = segment_source(source, archive_root=_lazy_archive(config), shown=_shown)
    if format is SegmentFormat.json:
        from policydiff.render.json_report import render_segment_json

        _write(render_segment_json(outline), output)
    else:
        from policydiff.render.outline import render_outline

        _write(render_outline(outline), output)


def _date(option: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option}: not a date YYYY-MM-DD (got {value!r})") from None


@app.command()
@boundary
def notice(
    old: Annotated[
        str, typer.Argument(help="The old version: a file, a URL, POLICY@VERSION, or - for stdin.")
    ],
    new: Annotated[
        str, typer.Argument(help="The new version: a file, a URL, POLICY@VERSION, or - for stdin.")
    ],
    publish_date: Annotated[
        str | None,
        typer.Option("--publish-date", help="When the notice goes out, YYYY-MM-DD (default today)."),
    ] = None,
    effective_date: Annotated[
        str | None,
        typer.Option(
            "--effective-date",
            help="When the new version takes effect, YYYY-MM-DD (default: publish date + the notice period).",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="The folder to write the notices to.")] = Path("notice"),
    force: Annotated[bool, typer.Option("--force", help="Replace notice files already in --out.")] = False,
    config: ConfigOption = None,
) -> None:
    """Draft the notices material changes need: email (HTML and text), announcement, in-app, history entry."""
    from policydiff.commands.diff import one_stdin
    from policydiff.commands.notice import notice_for_sources

    one_stdin(old, new)
    published = _date("--publish-date", publish_date) if publish_date else _today()
    effective = _date("--effective-date", effective_date) if effective_date else None
    drafted = notice_for_sources(
        old, new, _settings(config), published, effective, out, force=force, shown=_shown
    )
    if not drafted.plan.required:
        typer.echo("no material change: no advance notice is needed")
    for name in drafted.files:
        typer.echo(f"wrote {out / name}")
    for change in drafted.plan.changes:
        if change.consent:
            _say(
                f"warning: change {change.id} ({change.path}: {change.summary}) may require opt-in consent;"
                f" the notices ask for it: {'; '.join(change.consent_reasons)}"
            )


class HistoryFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"
    atom = "atom"


@app.command()
@boundary
def init(
    name: Annotated[str | None, typer.Option("--name", help='The organisation, e.g. "JoyPix LLC".')] = None,
    product: Annotated[str | None, typer.Option("--product", help="The product the policy covers.")] = None,
    contact: Annotated[
        str | None, typer.Option("--contact", help="Where users reach you: an e-mail address or a URL.")
    ] = None,
    website: Annotated[str | None, typer.Option("--website", help="The website, https://…")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing config.")] = False,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Where to write it (default: ./policydiff.toml).", dir_okay=False),
    ] = None,
) -> None:
    """Write a commented policydiff.toml and the archive folder; in a terminal, asks what flags leave out."""
    from policydiff.commands.init import init_project
    from policydiff.config import CONFIG_NAME, Organization

    target = config or Path.cwd() / CONFIG_NAME
    if target.exists() and not force:  # say so before asking any question
        raise InputError(f"{target}: already exists; use --force to overwrite it")
    answers = {"name": name, "product": product, "contact": contact, "website": website}
    questions = {
        "name": "Organisation name",
        "product": "Product",
        "contact": "Privacy contact (e-mail or URL)",
        "website": "Website (https://…)",
    }
    for key, question in questions.items():
        if answers[key] is None and sys.stdin.isatty():
            answers[key] = typer.prompt(question, default="", show_default=False)
    organization = Organization(**{key: (value or "").strip() for key, value in answers.items()})
    done = init_project(target, organization, force=force)
    typer.echo(f"wrote {_shown(done.config)}; versions will be kept in {_shown(done.archive)}/")


@app.command()
@boundary
def record(
    policy: Annotated[str, typer.Argument(help="The policy's id in policydiff.toml.")],
    source: Annotated[str, typer.Argument(help="Its text: a file, - for stdin, or POLICY@VERSION.")],
    version: Annotated[
        str | None,
        typer.Option("--version", help="Its label (default: the version the text states, else the date)."),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="The version's date, YYYY-MM-DD (default: today).")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Store a new version of a policy in the archive, judged against the previous one."""
    from policydiff.commands.record import record_source

    done = record_source(_settings(config), policy, source, version, date, _today(), shown=_shown)
    typer.echo(_recorded_line(done))


def _recorded_line(done: Recorded) -> str:
    latest = done.version
    if not done.created:
        return f"{done.policy}: same text as {latest.label} ({latest.date}); no new version recorded"
    where = _shown(done.path)
    if done.report is None or done.previous is None:
        return f"{done.policy}: recorded {latest.label} ({latest.date}), the first version, in {where}"
    counts = ", ".join(
        f"{count} {severity}"
        for severity in ("major", "minor")
        if (count := sum(1 for c in done.report.changes if c.severity.value == severity))
    )
    notice = "advance notice required" if latest.notice else "no notice needed"
    judged = f"{latest.severity.value} against {done.previous.label}" + (f" ({counts})" if counts else "")
    return f"{done.policy}: recorded {latest.label} ({latest.date}) in {where}: {judged}; {notice}"


@app.command()
@boundary
def history(
    policy: Annotated[str, typer.Argument(help="The policy's id.")],
    format: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="text, json, md (to paste), html, atom (a feed).")
    ] = HistoryFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.", dir_okay=False)
    ] = None,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour the text table.")] = None,
    config: ConfigOption = None,
) -> None:
    """Show the recorded versions of a policy, newest first, with each one's severity and summary."""
    from policydiff.commands.history import policy_history

    page = policy_history(_settings(config), policy, output.parent if output else Path.cwd())
    if format is HistoryFormat.json:
        from policydiff.archive import history_json

        _write(history_json(policy, page.versions), output)
        return
    from policydiff.render.history import render_history

    use_color, width = _terminal(color, output)
    _write(render_history(page, format.value, color=use_color, width=width), output)


def _over_policies(
    config: Path | None, policies: list[str] | None, verb: str, job: Callable[..., R]
) -> tuple[R, Settings, dt.datetime]:
    """Run ``job`` (fetch or check) over the chosen policies with one HTTP client and a progress bar."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from policydiff.commands.fetch import FETCH_WORKERS, policies_to_fetch
    from policydiff.fetch import new_client, user_agent

    settings = _settings(config)
    chosen = policies_to_fetch(settings, policies or [])
    now, today = _now(), _today()
    console = Console(stderr=True)
    columns = (TextColumn(verb), BarColumn(), MofNCompleteColumn())
    show = len(chosen) > 1 and console.is_terminal
    with (
        new_client(user_agent(__version__), connections=FETCH_WORKERS) as client,
        Progress(*columns, console=console, transient=True, disable=not show) as progress,
    ):
        task = progress.add_task(verb, total=len(chosen))
        ids = [policy.id for policy in chosen]
        done = job(settings, client, ids, today=today, now=now, on_done=lambda _: progress.advance(task))
    return done, settings, now


@app.command()
@boundary
def fetch(
    policies: Annotated[
        list[str] | None, typer.Argument(help="Policy ids (default: every policy with a url or source).")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Download each policy page, record a new version when its text changed; exit 3 if a fetch failed."""
    from policydiff.commands.fetch import Fetched, fetch_policies

    results: tuple[Fetched, ...]
    results, _, _ = _over_policies(config, policies, "fetching", fetch_policies)
    code = 0
    for result in results:
        if result.recorded is not None:
            typer.echo(_recorded_line(result.recorded))
            continue
        kept = f" (page kept in {result.rejected})" if result.rejected else ""
        _say(f"{result.policy}: {result.error}; not recorded, the last good version stays{kept}")
        code = max(code, result.exit_code)
    raise typer.Exit(code)


class ReviewSeverity(StrEnum):
    editorial = "editorial"
    minor = "minor"
    major = "major"


@app.command()
@boundary
def review(
    policy: Annotated[str, typer.Argument(help="The policy id.")],
    change_id: Annotated[str, typer.Argument(help="The change's id, as diff, check and history show it.")],
    severity: Annotated[ReviewSeverity, typer.Option("--as", help="Your decision on the change.")],
    because: Annotated[str, typer.Option("--because", help="Why: shown next to the rule's reason.")],
    by: Annotated[
        str | None,
        typer.Option("--by", help="Who decided (default: $POLICYDIFF_REVIEWER, else your user name)."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Record a lawyer's decision on a change; diff, notice and check then judge it that way every time."""
    import getpass

    from policydiff.commands.review import review_change
    from policydiff.model import Severity

    reviewer = by or os.environ.get("POLICYDIFF_REVIEWER") or getpass.getuser()
    done, change = review_change(
        _settings(config), policy, change_id, Severity(severity.value), because, reviewer, _today()
    )
    side = change.new or change.old
    where = side.path if side else "?"
    typer.echo(f"{policy}: change {change.id} at {where} is {done.severity.value} from now on ({done.says})")


@app.command()
@boundary
def check(
    policies: Annotated[
        list[str] | None, typer.Argument(help="Policy ids (default: every policy with a url or source).")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a change at or above this is found.")
    ] = FailOn.never,
    json_file: Annotated[
        Path | None, typer.Option("--json", help="Write the run record (JSON) here.", dir_okay=False)
    ] = None,
    summary: Annotated[
        Path | None,
        typer.Option(
            "--summary", help="Append a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY).", dir_okay=False
        ),
    ] = None,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour the table.")] = None,
    config: ConfigOption = None,
) -> None:
    """Fetch or read each policy, record new versions, draft notices and redlines for material changes."""
    from policydiff.commands.check import check_exit_code, check_policies
    from policydiff.render import check as check_render

    checks: tuple[PolicyCheck, ...]
    checks, settings, now = _over_policies(config, policies, "checking", check_policies)
    code = check_exit_code(checks, _FAIL_RANK[fail_on])
    use_color = sys.stdout.isatty() if color is None else color
    width = typer.get_terminal_size()[0] if sys.stdout.isatty() else 100
    sys.stdout.write(check_render.render_check_text(checks, color=use_color, width=width))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in check_render.annotation_lines(checks, Path(_shown(settings.archive))):
            sys.stdout.write(line + "\n")
    if summary is not None:
        _append(summary, check_render.render_check_markdown(checks))
    if json_file is not None:
        _write(check_render.check_record(checks, code, now.isoformat(timespec="seconds")), json_file)
    for failed in (c for c in checks if c.error is not None):
        kept = "; not recorded, the last good version stays" if failed.status == "failed" else ""
        _say(f"{failed.policy}: {failed.error}{kept}")
    raise typer.Exit(code)


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror or error}") from None


@app.command()
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
    import time

    from policydiff.commands.send import choose_mode, send_notice, summary_lines

    outcome = send_notice(
        notice_dir,
        recipients,
        mode=choose_mode(dry_run=dry_run, sandbox=sandbox, live=live),
        email=_settings(config).email,
        api_key=os.environ.get("SENDGRID_API_KEY"),
        api_host=os.environ.get("POLICYDIFF_SENDGRID_HOST"),
        now=_now,
        sleep=time.sleep,
        confirm=None if yes else _confirm_live,
        progress=_progress_bar,
    )
    for line in summary_lines(outcome):
        typer.echo(line)


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


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point of the ``policydiff`` command: usage errors become one line and exit 2."""
    from click.exceptions import ClickException

    try:
        code = app(args=argv, prog_name="policydiff", standalone_mode=False)
    except ClickException as error:  # usage errors
        if type(error).__name__ == "NoArgsIsHelpError":  # no arguments at all: show the help as it is
            sys.stderr.write(error.format_message() + "\n")
            sys.exit(2)
        _say(f"{error.format_message()} (see 'policydiff --help')")
        sys.exit(2)
    except typer.Abort:  # a declined confirmation: nothing was done; 1 would read as "changes found"
        _say("aborted: nothing was done")
        sys.exit(2)
    except (typer.Exit, SystemExit) as done:
        code = getattr(done, "exit_code", getattr(done, "code", 0))
    sys.exit(code if isinstance(code, int) else 0)
