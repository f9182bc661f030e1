"""The command line: parse options, call one library function, render, pick the exit code.

This is the one error boundary. A ``PolicydiffError`` becomes one line on stderr and its
exit code; a usage error one line and exit 2; anything unexpected exit 4 with one line and
the traceback in a log file (never 1, which a CI job reads as "changes found").
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

from policydiff import __version__
from policydiff.errors import InputError, PolicydiffError

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


def _settings(config: Path | None) -> Any:
    from policydiff.config import load_settings

    return load_settings(config, search_from=Path.cwd())


def _load(source: str, settings: Any = None, config: Path | None = None) -> Any:
    """Load a file, ``-`` or an archived ``POLICY@REF`` (read the config only for a reference)."""
    from policydiff.load import load

    if "@" in source and not Path(source).exists():
        from policydiff.archive import reference_version

        found = reference_version(source, (settings or _settings(config)).archive)
        if found is not None:
            path, version = found
            return load(_shown(path), kind=version.format)
    return load(source)


def _compare_sources(old: str, new: str, settings: Any) -> tuple[Any, Any, Any]:
    """The report on two sources, judged by the project's settings and its lawyers' reviews."""
    from policydiff.compare import compare
    from policydiff.workflow import judgement

    old_document, new_document = _load(old, settings), _load(new, settings)
    report = _reviewed(compare(old_document, new_document, judgement(settings)), settings, old, new)
    return report, old_document, new_document


def _one_stdin(*sources: str) -> None:
    """Refuse ``-`` twice before reading anything (a terminal would wait for input first)."""
    if sources.count("-") > 1:
        raise InputError("-: standard input can be read for one source only")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror or error}") from None


def _write_bytes(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error.strerror or error}") from None


def _redline(report: Any, old_document: Any, new_document: Any) -> bytes:
    """The Word redline, its revisions dated now (the one place that reads the clock for it)."""
    from datetime import UTC, datetime

    from policydiff.render import BINARY_RENDERERS
    from policydiff.segment import segment as build_outline

    old_outline, new_outline = build_outline(old_document), build_outline(new_document)
    return BINARY_RENDERERS["docx"](report, old_outline, new_outline, datetime.now(UTC))


def _exit_code(severity_rank: int, fail_on: FailOn) -> int:
    return 1 if severity_rank >= _FAIL_RANK[fail_on] else 0


@app.command()
@boundary
def diff(
    old: Annotated[
        str, typer.Argument(help="The old version: a .txt, .md, .html, .docx or .pdf file, or - for stdin.")
    ],
    new: Annotated[
        str, typer.Argument(help="The new version: a .txt, .md, .html, .docx or .pdf file, or - for stdin.")
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
    from policydiff.render import render

    _one_stdin(old, new)
    if format is DiffFormat.docx and output is None and sys.stdout.isatty():
        raise InputError("--format docx: a Word file is binary; give --output FILE (or redirect stdout)")
    settings = _settings(config)
    report, old_document, new_document = _compare_sources(old, new, settings)
    if format is DiffFormat.docx:
        _write_bytes(_redline(report, old_document, new_document), output)
        raise typer.Exit(_exit_code(report.severity.rank, fail_on))
    use_color = sys.stdout.isatty() and output is None if color is None else color
    width = 100 if output is not None or not sys.stdout.isatty() else typer.get_terminal_size()[0]
    _write(render(report, format.value, color=use_color, width=width), output)
    raise typer.Exit(_exit_code(report.severity.rank, fail_on))


@app.command()
@boundary
def segment(
    source: Annotated[str, typer.Argument(help="A .txt, .md or .html file, or - for stdin.")],
    format: Annotated[
        SegmentFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SegmentFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.", dir_okay=False)
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Show the clause tree of a policy: paths, kinds, headings and offsets."""
    from policydiff.render.outline import render_outline
    from policydiff.segment import segment as build_outline

    outline = build_outline(_load(source, config=config))
    if format is SegmentFormat.json:
        from policydiff.render.json_report import render_segment_json

        _write(render_segment_json(outline), output)
    else:
        _write(render_outline(outline), output)


def _date(option: str, value: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option}: not a date YYYY-MM-DD (got {value!r})") from None


@app.command()
@boundary
def notice(
    old: Annotated[str, typer.Argument(help="The old version: a .txt, .md or .html file, or - for stdin.")],
    new: Annotated[str, typer.Argument(help="The new version: a .txt, .md or .html file, or - for stdin.")],
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
    from datetime import date

    from policydiff.workflow import draft_notice

    _one_stdin(old, new)
    published = _date("--publish-date", publish_date) if publish_date else date.today()
    effective = _date("--effective-date", effective_date) if effective_date else None
    settings = _settings(config)
    report, _, _ = _compare_sources(old, new, settings)
    plan, files = draft_notice(report, settings, published, effective, out, force=force)
    if not plan.required:
        typer.echo("no material change: no advance notice is needed")
    for name in files:
        typer.echo(f"wrote {out / name}")
    for change in plan.changes:
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


def _shown(path: Path) -> str:
    """A path as a user reads it: relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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
    from policydiff.config import CONFIG_NAME, Organization
    from policydiff.workflow import init_project

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
    import datetime as dt

    from policydiff.archive import PolicyArchive
    from policydiff.load import load
    from policydiff.workflow import record_version

    settings = _settings(config)
    configured = settings.policy(policy)
    if "@" in source and not Path(source).exists():
        document = _load(source, settings)  # an archived version: already extracted, kept in its format
    else:
        document = load(source, select=configured.select, remove=configured.remove)
    done = record_version(settings, policy, document, version, date, dt.date.today())
    typer.echo(_recorded_line(done, PolicyArchive(settings.archive, policy)))


def _recorded_line(done: Any, archive: Any) -> str:
    latest = done.version
    if not done.created:
        return f"{done.policy}: same text as {latest.label} ({latest.date}); no new version recorded"
    where = _shown(archive.path_of(latest))
    if done.report is None:
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
    from policydiff.archive import PolicyArchive, history_json, known_policies

    settings = _settings(config)
    archive = PolicyArchive(settings.archive, policy)
    versions = archive.versions()
    configured = next((p for p in settings.policies if p.id == policy), None)
    if not versions and configured is None:
        known = ", ".join(sorted({*known_policies(settings.archive), *(p.id for p in settings.policies)}))
        raise InputError(f"{policy}: no such policy in {settings.archive} (known: {known or 'none'})")
    if format is HistoryFormat.json:
        _write(history_json(policy, versions), output)
        return
    from policydiff.render.history import HistoryPage, render_history

    here = (output.parent if output else Path.cwd()).resolve()
    base = Path(os.path.relpath(archive.folder.resolve(), here)).as_posix() + "/"
    page = HistoryPage(
        policy=policy,
        title=(configured.title if configured else "") or policy,
        versions=versions,
        author=settings.organization.name,
        url=configured.url if configured else None,
        base="" if base == "./" else base,
    )
    use_color = sys.stdout.isatty() and output is None if color is None else color
    width = 100 if output is not None or not sys.stdout.isatty() else typer.get_terminal_size()[0]
    _write(render_history(page, format.value, color=use_color, width=width), output)


def _over_policies(
    settings: Any, policies: list[str] | None, verb: str, job: Callable[..., R]
) -> tuple[R, Any]:
    """Run ``job`` (fetch or check) over the chosen policies with one HTTP client and a progress bar."""
    import datetime as dt

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from policydiff.fetch import new_client, user_agent
    from policydiff.workflow import FETCH_WORKERS, policies_to_fetch

    chosen = policies_to_fetch(settings, policies or [])
    now, today = dt.datetime.now(dt.UTC), dt.date.today()
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
    return done, now


@app.command()
@boundary
def fetch(
    policies: Annotated[
        list[str] | None, typer.Argument(help="Policy ids (default: every policy with a url or source).")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Download each policy page, record a new version when its text changed; exit 3 if a fetch failed."""
    from policydiff.workflow import fetch_policies

    settings = _settings(config)
    results, _ = _over_policies(settings, policies, "fetching", fetch_policies)
    code = 0
    for result in results:
        if result.recorded is not None:
            typer.echo(_recorded_line(result.recorded, _archive_of(settings, result.policy)))
            continue
        kept = f" (page kept in {result.rejected})" if result.rejected else ""
        _say(f"{result.policy}: {result.error}; not recorded, the last good version stays{kept}")
        code = max(code, result.exit_code)
    raise typer.Exit(code)


def _archive_of(settings: Any, policy: str) -> Any:
    from policydiff.archive import PolicyArchive

    return PolicyArchive(settings.archive, policy)


def _reviewed(report: Any, settings: Any, *sources: str) -> Any:
    """``report`` with the lawyers' reviews of the policy its archive references name (``POLICY@REF``)."""
    from policydiff.archive import parse_reference
    from policydiff.review import apply_reviews
    from policydiff.workflow import policy_reviews

    references = [parse_reference(source) for source in sources if not Path(source).exists()]
    policies = {reference[0] for reference in references if reference}
    for policy in sorted(policies):
        if any(p.id == policy for p in settings.policies):
            report = apply_reviews(report, policy_reviews(settings, policy))
    return report


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
    import datetime as dt
    import getpass

    from policydiff.model import Severity
    from policydiff.workflow import review_change

    settings = _settings(config)
    reviewer = by or os.environ.get("POLICYDIFF_REVIEWER") or getpass.getuser()
    done, change = review_change(
        settings, policy, change_id, Severity(severity.value), because, reviewer, dt.date.today()
    )
    typer.echo(
        f"{policy}: change {change.id} at {(change.new or change.old).path}"  # type: ignore[union-attr]
        f" is {done.severity.value} from now on ({done.says})"
    )


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
    from policydiff.render import check as check_render
    from policydiff.workflow import check_exit_code, check_policies

    settings = _settings(config)
    checks, now = _over_policies(settings, policies, "checking", check_policies)
    code = check_exit_code(checks, _FAIL_RANK[fail_on])
    use_color = sys.stdout.isatty() if color is None else color
    width = typer.get_terminal_size()[0] if sys.stdout.isatty() else 100
    sys.stdout.write(check_render.render_check_text(checks, color=use_color, width=width))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in check_render.annotation_lines(checks, _shown_path(settings.archive)):
            sys.stdout.write(line + "\n")
    if summary is not None:
        _append(summary, check_render.render_check_markdown(checks))
    if json_file is not None:
        _write(check_render.check_record(checks, code, now.isoformat(timespec="seconds")), json_file)
    for failed in (c for c in checks if c.error is not None):
        kept = "; not recorded, the last good version stays" if failed.status == "failed" else ""
        _say(f"{failed.policy}: {failed.error}{kept}")
    raise typer.Exit(code)


def _shown_path(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror or error}") from None


SENDGRID_HOST = "https://api.sendgrid.com"


def _sendgrid_key() -> str:
    """The API key from ``SENDGRID_API_KEY``; checked here because the client would send "Bearer None"."""
    key = os.environ.get("SENDGRID_API_KEY", "").strip()
    if not key:
        raise InputError("SENDGRID_API_KEY: not set; export a SendGrid API key with Mail Send access")
    if not key.isascii() or not key.isprintable() or " " in key:
        # http.client would put the key itself into the error message of a bad header
        raise InputError("SENDGRID_API_KEY: holds spaces, control or non-ASCII characters")
    return key


def _sendgrid_host(configured: str | None) -> str:
    from urllib.parse import urlparse

    host = os.environ.get("POLICYDIFF_SENDGRID_HOST") or configured or SENDGRID_HOST
    parsed = urlparse(host)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(f"POLICYDIFF_SENDGRID_HOST: must be an http(s) URL (got {host!r})")
    return host.rstrip("/")


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
    from datetime import UTC, datetime

    from policydiff import send as mailing

    chosen = [mode for mode, on in ((mailing.Mode.SANDBOX, sandbox), (mailing.Mode.LIVE, live)) if on]
    if len(chosen) + dry_run > 1:
        raise InputError("send: choose one of --dry-run, --sandbox, --live")
    mode = chosen[0] if chosen else mailing.Mode.DRY_RUN
    email = _settings(config).email
    notice = mailing.read_notice(notice_dir, default_sender=email.sender, default_subject=email.subject)
    people = mailing.read_recipients(recipients)
    if mode is mailing.Mode.DRY_RUN:
        result = mailing.write_outbox(notice, people, now=datetime.now(UTC))
        typer.echo(
            f"dry run: wrote {len(result.written)} .eml files to {notice_dir / mailing.OUTBOX}"
            f" ({result.duplicates} duplicate rows dropped); nothing sent"
        )
        return
    key, host = _sendgrid_key(), _sendgrid_host(email.api_host)
    plan = mailing.plan_batches(notice, people, mode=mode, log=mailing.read_send_log(notice_dir))
    if mode is mailing.Mode.LIVE and plan.to_send and not yes:
        if not sys.stdin.isatty():
            raise InputError("send --live: standard input is not a terminal; add --yes to deliver")
        typer.confirm(f"Deliver the notice to {plan.to_send} recipients now?", abort=True)
    from sendgrid import SendGridAPIClient

    client = SendGridAPIClient(api_key=key, host=host)
    result = _send_with_progress(notice, plan, client, now=lambda: datetime.now(UTC), sleep=time.sleep)
    typer.echo(
        f"{mode.value}: sent {result.sent} in {result.requests} requests; skipped as already sent: "
        f"{result.skipped}; failed: {result.failed}; duplicate rows dropped: {result.duplicates}"
    )
    if result.resent_in_doubt:
        typer.echo(
            f"note: {result.resent_in_doubt} recipients were sent again because an earlier run got no answer"
            f" for their batch; see {notice_dir / mailing.SEND_LOG}"
        )


def _send_with_progress(
    notice: Any, plan: Any, client: Any, *, now: Callable[[], Any], sleep: Callable[[float], None]
) -> Any:
    """Run ``send_batches`` with a rich progress bar on stderr (none when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from policydiff.send import send_batches

    console = Console(stderr=True)
    columns = (TextColumn("sending"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task("send", total=plan.to_send)
        return send_batches(
            client,
            notice,
            plan,
            sleep=sleep,
            now=now,
            on_progress=lambda sent: progress.update(task, completed=sent),
        )


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
