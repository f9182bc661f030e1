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


class SegmentFormat(StrEnum):
    text = "text"
    json = "json"


class FailOn(StrEnum):
    major = "major"
    minor = "minor"
    any = "any"
    never = "never"


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


def _load(source: str) -> Any:
    from policydiff.load import load

    return load(source)


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


def _exit_code(severity_rank: int, fail_on: FailOn) -> int:
    threshold = {FailOn.major: 3, FailOn.minor: 2, FailOn.any: 1, FailOn.never: 99}[fail_on]
    return 1 if severity_rank >= threshold else 0


@app.command()
@boundary
def diff(
    old: Annotated[str, typer.Argument(help="The old version: a .txt, .md or .html file, or - for stdin.")],
    new: Annotated[str, typer.Argument(help="The new version: a .txt, .md or .html file, or - for stdin.")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Report format.")] = DiffFormat.text,
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
    from policydiff.compare import Judgement, compare
    from policydiff.render import render

    _one_stdin(old, new)
    settings = _settings(config)
    old_document, new_document = _load(old), _load(new)
    judgement = Judgement(period_days=settings.notice.period_days)
    if settings.notice.major is not None:
        judgement = Judgement(settings.notice.period_days, settings.notice.major)
    report = compare(old_document, new_document, judgement)
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
) -> None:
    """Show the clause tree of a policy: paths, kinds, headings and offsets."""
    from policydiff.render.outline import render_outline
    from policydiff.segment import segment as build_outline

    outline = build_outline(_load(source))
    if format is SegmentFormat.json:
        from policydiff.render.json_report import render_segment_json

        _write(render_segment_json(outline), output)
    else:
        _write(render_outline(outline), output)


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
    except typer.Abort:
        _say("aborted")
        sys.exit(1)
    except (typer.Exit, SystemExit) as done:
        code = getattr(done, "exit_code", getattr(done, "code", 0))
    sys.exit(code if isinstance(code, int) else 0)
