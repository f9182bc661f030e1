"""``policydiff config check``: list every problem of the project config at once."""

from __future__ import annotations

from pathlib import Path

import typer

from policydiff.cli.boundary import boundary
from policydiff.cli.options import ConfigOption, shown
from policydiff.errors import InputError

config_app = typer.Typer(
    name="config",
    help="Check the project config (policydiff.toml).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@config_app.callback()
def _config() -> None:
    """Check the project config (policydiff.toml); docs/config.md describes every key."""


@config_app.command("check")
@boundary
def check(config: ConfigOption = None) -> None:
    """Validate policydiff.toml: each problem on stderr, one line each (key, what is wrong); exit 2 if any."""
    from policydiff.commands.config_check import check_config

    done = check_config(config, Path.cwd())
    where = shown(done.config)
    if done.problems:
        first, *rest = (problem.line(where) for problem in done.problems)
        raise InputError(first, details=rest)
    typer.echo(f"{where}: ok")
