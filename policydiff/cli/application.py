"""The typer application: every command on the one ``app``, and its entry point.

The command line: parse options, call one library function, render, pick the exit code.

This is the one error boundary (``boundary``). A ``PolicydiffError`` becomes one line on stderr
and its exit code; a usage error one line and exit 2; anything unexpected exit 4 with one line
and the traceback in a log file (never 1, which a CI job reads as "changes found").

The commands live by theme in ``compare_commands``, ``archive_commands`` and ``send_command``;
this module puts them on the one ``app``, in the order ``--help`` lists them.
"""

import sys
from typing import Annotated, NoReturn

import typer

from policydiff import __version__
from policydiff.cli.ack_command import ack
from policydiff.cli.archive_commands import check, fetch, history, record, review
from policydiff.cli.boundary import say
from policydiff.cli.compare_commands import diff, notice, segment
from policydiff.cli.config_command import config_app
from policydiff.cli.demo_command import demo
from policydiff.cli.init_command import init
from policydiff.cli.merge_runs_command import merge_runs
from policydiff.cli.send_command import send

__all__ = ["app", "typer_main"]

app = typer.Typer(
    name="policydiff",
    help="Compare versions of a privacy policy clause by clause, find material changes, draft notices.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# the order --help lists them in: comparing first, then the archive's life, then sending
for _command in (diff, segment, notice, init, record, history, fetch, review, ack, check, demo, send):
    app.command()(_command)
app.command("merge-runs")(merge_runs)
app.add_typer(config_app, name="config")


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


def typer_main(argv: list[str] | None = None) -> NoReturn:
    """Run the typer application: usage errors become one line and exit 2."""
    from click.exceptions import ClickException

    try:
        code = app(args=argv, prog_name="policydiff", standalone_mode=False)
    except ClickException as error:  # usage errors
        if type(error).__name__ == "NoArgsIsHelpError":  # no arguments at all: show the help as it is
            sys.stderr.write(error.format_message() + "\n")
            sys.exit(2)
        say(f"{error.format_message()} (see 'policydiff --help')")
        sys.exit(2)
    except typer.Abort:  # a declined confirmation: nothing was done; 1 would read as "changes found"
        say("aborted: nothing was done")
        sys.exit(2)
    except (typer.Exit, SystemExit) as done:
        code = getattr(done, "exit_code", getattr(done, "code", 0))
    sys.exit(code if isinstance(code, int) else 0)
