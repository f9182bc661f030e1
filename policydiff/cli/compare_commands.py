"""The commands that compare or read sources as given: ``diff``, ``segment``, ``notice``."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from policydiff.cli.boundary import boundary, say
from policydiff.cli.options import (
    ConfigOption,
    DiffFormat,
    FailOn,
    FailOnOption,
    LimitOption,
    OutputOption,
    RemoveOption,
    SegmentFormat,
    SelectOption,
    budget,
    lazy_archive,
    project_settings,
    shown,
    today,
    write,
)
from policydiff.errors import InputError

if TYPE_CHECKING:
    from policydiff.commands.notice import Drafted

# diff reads files, URLs and stdin; notice also reads archived versions
DiffOld = Annotated[
    str,
    typer.Argument(help="The old version: a .txt, .md, .html, .docx or .pdf file, a URL, or - for stdin."),
]
DiffNew = Annotated[
    str,
    typer.Argument(help="The new version: a .txt, .md, .html, .docx or .pdf file, a URL, or - for stdin."),
]
NoticeOld = Annotated[
    str, typer.Argument(help="The old version: a file, a URL, POLICY@VERSION, or - for stdin.")
]
NoticeNew = Annotated[
    str, typer.Argument(help="The new version: a file, a URL, POLICY@VERSION, or - for stdin.")
]
PublishDate = Annotated[
    str | None,
    typer.Option("--publish-date", help="When the notice goes out, YYYY-MM-DD (default today)."),
]
EffectiveDate = Annotated[
    str | None,
    typer.Option(
        "--effective-date",
        help="When the new version takes effect, YYYY-MM-DD (default: publish date + the notice period).",
    ),
]


@boundary
def diff(
    old: DiffOld,
    new: DiffNew,
    format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="Report format; docx is a Word redline with tracked changes, pdf the HTML report printed.",
        ),
    ] = DiffFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.", dir_okay=False)
    ] = None,
    fail_on: FailOnOption = FailOn.never,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour the text report.")] = None,
    config: ConfigOption = None,
    limit: LimitOption = None,
    select: SelectOption = None,
    remove: RemoveOption = None,
) -> None:
    """Show every change between two versions, with its severity and the words that decided it."""
    from policydiff.cli.diff_run import run_diff

    code = run_diff(
        old,
        new,
        format=format,
        output=output,
        fail_on=fail_on,
        color=color,
        config=config,
        limit=limit,
        select=select,
        remove=remove,
    )
    raise typer.Exit(code)


@boundary
def segment(
    source: Annotated[
        str, typer.Argument(help="A .txt, .md, .html, .docx or .pdf file, a URL, or - for stdin.")
    ],
    format: Annotated[
        SegmentFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SegmentFormat.text,
    output: OutputOption = None,
    config: ConfigOption = None,
    limit: LimitOption = None,
    select: SelectOption = None,
    remove: RemoveOption = None,
) -> None:
    """Show the clause tree of a policy: paths, kinds, headings and offsets."""
    from policydiff.commands.segment import segment_source

    limits = project_settings(config, limit).limits
    with budget(limits, source):
        outline = segment_source(
            source,
            archive_root=lazy_archive(config),
            shown=shown,
            limits=limits,
            select=select,
            remove=tuple(remove or ()),
        )
    if format is SegmentFormat.json:
        from policydiff.render.json_report import render_segment_json

        write(render_segment_json(outline), output)
    else:
        from policydiff.render.outline import render_outline

        write(render_outline(outline), output)


@boundary
def notice(
    old: NoticeOld,
    new: NoticeNew,
    publish_date: PublishDate = None,
    effective_date: EffectiveDate = None,
    out: Annotated[Path, typer.Option("--out", help="The folder to write the notices to.")] = Path("notice"),
    force: Annotated[bool, typer.Option("--force", help="Replace notice files already in --out.")] = False,
    config: ConfigOption = None,
    limit: LimitOption = None,
    select: SelectOption = None,
    remove: RemoveOption = None,
) -> None:
    """Draft the notices material changes need: email (HTML and text), announcement, in-app, history entry.

    Exits 2 and writes nothing while a change a lawyer must decide (review) is pending and none is major.
    """
    from policydiff.commands.diff import one_stdin
    from policydiff.commands.notice import notice_for_sources

    one_stdin(old, new)
    published = _date("--publish-date", publish_date) if publish_date else today()
    effective = _date("--effective-date", effective_date) if effective_date else None
    settings = project_settings(config, limit)
    with budget(settings.limits, f"{old} and {new}", documents=2):
        drafted = notice_for_sources(
            old,
            new,
            settings,
            published,
            effective,
            out,
            force=force,
            shown=shown,
            today=today(),
            select=select,
            remove=tuple(remove or ()),
        )
    _print_drafted(drafted, out)


# a notice's dates are near today: far ones are typos, and date arithmetic past year 9999 fails
_EARLIEST, _LATEST = dt.date(1990, 1, 1), dt.date(2999, 12, 31)


def _date(option: str, value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option}: not a date YYYY-MM-DD (got {value!r})") from None
    if not _EARLIEST <= day <= _LATEST:
        raise InputError(f"{option}: {value} is out of range ({_EARLIEST} to {_LATEST})")
    return day


def _print_drafted(drafted: "Drafted", out: Path) -> None:
    """The files written on stdout; on stderr, a warning for each change that may need opt-in consent."""
    if not drafted.plan.required:
        typer.echo("no material change: no advance notice is needed")
    for name in drafted.files:
        typer.echo(f"wrote {out / name}")
    for change in drafted.plan.changes:
        if change.consent:
            say(
                f"warning: change {change.id} ({change.path}: {change.summary}) may require opt-in consent;"
                f" the notices ask for it: {'; '.join(change.consent_reasons)}"
            )
    for line in (*drafted.warnings, *drafted.pending):
        say(f"warning: {line}")
    if drafted.pending:
        # drafted for the majors; a pending change a lawyer then calls major belongs in them too
        say(
            "warning: the notices tell only of the major changes; if a lawyer decides a pending change"
            " is major, draft them again with --force"
        )
    if drafted.late:  # the drafts are written; the date they promise cannot be kept
        say(f"warning: {drafted.late}")
