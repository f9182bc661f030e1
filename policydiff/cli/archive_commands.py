"""The commands of a project and its archive: record, history, fetch, review, check."""

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from policydiff import __version__
from policydiff.cli.boundary import boundary, say
from policydiff.cli.options import (
    ConfigOption,
    FailOn,
    FailOnOption,
    HistoryFormat,
    LimitOption,
    OutputOption,
    PoliciesArgument,
    RemoveOption,
    ReviewSeverity,
    SelectOption,
    append,
    budget,
    fail_rank,
    now,
    person,
    project_settings,
    shown,
    terminal,
    today,
    write,
)
from policydiff.errors import InputError

if TYPE_CHECKING:
    from policydiff.commands.record import Recorded
    from policydiff.config import Settings
    from policydiff.records import PolicyCheck

R = TypeVar("R")


@boundary
def record(
    policy: Annotated[str, typer.Argument(help="The policy's id in policydiff.toml.")],
    source: Annotated[str, typer.Argument(help="Its text: a file, a URL, - for stdin, or POLICY@VERSION.")],
    version: Annotated[
        str | None,
        typer.Option("--version", help="Its label (default: the version the text states, else the date)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="The version's date, YYYY-MM-DD (default: the one it states, else today)."
        ),
    ] = None,
    config: ConfigOption = None,
    limit: LimitOption = None,
    select: SelectOption = None,
    remove: RemoveOption = None,
) -> None:
    """Store a new version of a policy in the archive, judged against the previous one."""
    from policydiff.commands.record import record_source

    settings = project_settings(config, limit)
    with budget(settings.limits, source, documents=2):  # the new version and the latest one
        done = record_source(
            settings,
            policy,
            source,
            version,
            date,
            today(),
            shown=shown,
            select=select,
            remove=tuple(remove or ()),
        )
    typer.echo(_recorded_line(done))
    for warning in done.warnings:  # about its date: the exit code stays that of a recorded version
        say(f"warning: {done.policy}: {warning}")


def _recorded_line(done: "Recorded") -> str:
    latest = done.version
    if not done.created:
        return f"{done.policy}: same text as {latest.label} ({latest.date}); no new version recorded"
    where = shown(done.path)
    if done.report is None or done.previous is None:
        return f"{done.policy}: recorded {latest.label} ({latest.date}), the first version, in {where}"
    counts = ", ".join(
        f"{count} {severity}"
        for severity in ("major", "review", "minor")
        if (count := sum(1 for c in done.report.changes if c.severity.value == severity))
    )
    notice = "advance notice required" if latest.notice else "no notice needed"
    if not latest.notice and done.report.notice.pending_review:
        # "no notice needed" would be a conclusion nobody drew: a lawyer decides the review changes first
        notice = "notice undecided until a lawyer decides the review changes (policydiff review)"
    judged = f"{latest.severity.value} against {done.previous.label}" + (f" ({counts})" if counts else "")
    return f"{done.policy}: recorded {latest.label} ({latest.date}) in {where}: {judged}; {notice}"


@boundary
def history(
    policy: Annotated[str, typer.Argument(help="The policy's id.")],
    format: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="text, json, md (to paste), html, atom (a feed).")
    ] = HistoryFormat.text,
    output: OutputOption = None,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour the text table.")] = None,
    config: ConfigOption = None,
) -> None:
    """Show the recorded versions of a policy, newest first, with each one's severity and summary."""
    from policydiff.commands.history import policy_history

    page = policy_history(project_settings(config), policy, output.parent if output else Path.cwd())
    if format is HistoryFormat.json:
        from policydiff.archive import history_json

        write(history_json(policy, page.versions), output)
        return
    from policydiff.render.history import render_history

    use_color, width = terminal(color, output)
    write(render_history(page, format.value, color=use_color, width=width), output)


def _over_policies(
    config: Path | None,
    policies: list[str] | None,
    verb: str,
    job: Callable[..., R],
    shard: tuple[int, int] | None = None,
    limit: list[str] | None = None,
) -> "tuple[R, Settings, dt.datetime]":
    """Run ``job`` (fetch or check) over the chosen policies with one HTTP client and a progress bar."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from policydiff.commands.fetch import FETCH_WORKERS, policies_to_fetch
    from policydiff.fetch import new_client, user_agent

    settings = project_settings(config, limit)
    chosen = policies_to_fetch(settings, policies or [])
    started, day = now(), today()
    console = Console(stderr=True)
    columns = (TextColumn(verb), BarColumn(), MofNCompleteColumn())
    show = len(chosen) > 1 and console.is_terminal
    with (
        budget(settings.limits, "this run", documents=2 * len(chosen)),  # each page and its latest version
        new_client(user_agent(__version__), connections=FETCH_WORKERS) as client,
        Progress(*columns, console=console, transient=True, disable=not show) as progress,
    ):
        ids = [policy.id for policy in chosen]
        extra = {"shard": shard} if shard is not None else {}
        if shard is not None:
            from policydiff.commands.check import in_shard

            share = set(in_shard(ids, shard))  # for the progress bar's total; the job takes its own share
            chosen = [policy for policy in chosen if policy.id in share]
        task = progress.add_task(verb, total=len(chosen))
        done = job(
            settings, client, ids, today=day, now=started, on_done=lambda _: progress.advance(task), **extra
        )
    return done, settings, started


@boundary
def fetch(policies: PoliciesArgument = None, config: ConfigOption = None, limit: LimitOption = None) -> None:
    """Download each policy page, record a new version when its text changed; exit 3 if a fetch failed."""
    from policydiff.commands.fetch import Fetched, fetch_policies

    results: tuple[Fetched, ...]
    results, _, _ = _over_policies(config, policies, "fetching", fetch_policies, limit=limit)
    code = 0
    for result in results:
        if result.recorded is not None:
            typer.echo(_recorded_line(result.recorded))
            for warning in result.recorded.warnings:
                say(f"warning: {result.policy}: {warning}")
            continue
        kept = f" (page kept in {result.rejected})" if result.rejected else ""
        say(f"{result.policy}: {result.error}; not recorded, the last good version stays{kept}")
        code = max(code, result.exit_code)
    raise typer.Exit(code)


@boundary
def review(
    policy: Annotated[str, typer.Argument(help="The policy id.")],
    change_id: Annotated[str, typer.Argument(help="The change's id, as diff, check and history show it.")],
    severity: Annotated[
        ReviewSeverity | None, typer.Option("--as", help="Your decision on the change (with --because).")
    ] = None,
    because: Annotated[
        str | None, typer.Option("--because", help="Why: shown next to the rule's reason.")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="Who decided (default: $POLICYDIFF_REVIEWER, else git's user.name, else your login)."
        ),
    ] = None,
    show_history: Annotated[
        bool,
        typer.Option(
            "--history", help="List every decision on the change, oldest first, instead of deciding."
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Record a lawyer's decision on a change; diff, notice and check then judge it that way every time.

    Every decision is kept in reviews.json; the last one on a change applies. --history lists them.
    """
    if show_history:
        if severity is not None or because is not None or by is not None:
            raise InputError(
                "--history lists the decisions on a change; --as, --because and --by do not go with it"
            )
        _review_history(project_settings(config), policy, change_id)
        return
    if severity is None or because is None:
        missing = " and ".join(
            name for name, value in (("--as", severity), ("--because", because)) if value is None
        )
        raise InputError(
            f'{missing}: missing: a decision needs --as editorial|minor|major and --because "why" '
            f"(--history lists the decisions already recorded)"
        )
    from policydiff.commands.review import review_change
    from policydiff.model import Severity

    settings = project_settings(config)
    done = review_change(
        settings, policy, change_id, Severity(severity.value), because, _reviewer(by), today()
    )
    side = done.change.new or done.change.old
    where = side.path if side else "?"
    review = done.review
    typer.echo(
        f"{policy}: change {done.change.id} at {where} is {review.severity.value} from now on ({review.says})"
    )
    if done.superseded is not None:
        old = done.superseded
        typer.echo(
            f"{policy}: this supersedes the decision by {old.by} on {old.date} ({old.severity.value} because "
            f"{old.because}); both are kept: policydiff review {policy} {review.fingerprint} --history"
        )


def _reviewer(by: str | None) -> str:
    """``--by``, else $POLICYDIFF_REVIEWER, else git's user.name, else the login name."""
    try:
        return person(by)
    except (KeyError, OSError):  # no login name either (a container's user without a passwd entry)
        raise InputError("--by: cannot tell who you are; name the reviewer with --by NAME") from None


def _review_history(settings: "Settings", policy: str, change_id: str) -> None:
    """Print every decision on a change, oldest first, marking the one that applies."""
    from policydiff.commands.review import review_history

    found = review_history(settings, policy, change_id)
    if found.change is not None:
        side = found.change.new or found.change.old
        rules = found.change.severity.value
        typer.echo(
            f"{policy}: no decision recorded on change {found.fingerprint} at {side.path if side else '?'} "
            f"(the rules judge it {rules}); record one with --as and --because"
        )
        return
    count = len(found.decisions)
    at = found.decisions[-1].path
    typer.echo(
        f"{policy}: {count} decision{'s' if count != 1 else ''} on change {found.fingerprint} at {at}, "
        "oldest first; the last one applies"
    )
    width = max(len(review.severity.value) for review in found.decisions)
    for index, review in enumerate(found.decisions, start=1):
        mark = "applies   " if index == count else "superseded"
        because = " ".join(review.because.split())
        typer.echo(
            f"  {mark}  {review.date}  {review.severity.value:<{width}}  by {review.by} because {because}"
        )


@boundary
def check(
    policies: PoliciesArgument = None,
    fail_on: FailOnOption = FailOn.never,
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
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            help="Check only share K of N (e.g. 2/4), stable by policy id; merge-runs joins the records.",
        ),
    ] = None,
    config: ConfigOption = None,
    limit: LimitOption = None,
) -> None:
    """Fetch or read each policy, record new versions, draft notices and redlines for material changes."""
    from policydiff.commands.check import check_exit_code, check_policies, parse_shard
    from policydiff.render import check as check_render

    checks: tuple[PolicyCheck, ...]
    share = parse_shard(shard) if shard is not None else None
    checks, settings, started = _over_policies(config, policies, "checking", check_policies, share, limit)
    code = check_exit_code(checks, fail_rank(fail_on))
    _print_checks(checks, settings, color)
    if summary is not None:
        append(summary, check_render.render_check_markdown(checks))
    if json_file is not None:
        write(check_render.check_record(checks, code, started.isoformat(timespec="seconds")), json_file)
    _say_errors(checks)
    raise typer.Exit(code)


def _print_checks(checks: "Sequence[PolicyCheck]", settings: "Settings", color: bool | None) -> None:
    """The table on stdout and, in a GitHub Actions job, a ``::warning`` line per material change."""
    from policydiff.render import check as check_render

    use_color, width = terminal(color, None)
    sys.stdout.write(check_render.render_check_text(checks, color=use_color, width=width))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in check_render.annotation_lines(checks, Path(shown(settings.archive))):
            sys.stdout.write(line + "\n")


def _say_errors(checks: "Sequence[PolicyCheck]") -> None:
    """One stderr line per policy that failed or needs attention."""
    for failed in (c for c in checks if c.error is not None):
        kept = "; not recorded, the last good version stays" if failed.status == "failed" else ""
        say(f"{failed.policy}: {failed.error}{kept}")
