"""``policydiff merge-runs``: join the run records of ``check --shard K/N`` jobs."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from policydiff.cli.boundary import boundary
from policydiff.cli.options import append, write


@boundary
def merge_runs(
    records: Annotated[list[Path], typer.Argument(help="The run records (check --json) of the shards.")],
    json_file: Annotated[
        Path | None, typer.Option("--json", help="Write the merged run record here.", dir_okay=False)
    ] = None,
    summary: Annotated[
        Path | None,
        typer.Option(
            "--summary", help="Append the Markdown summary here (e.g. $GITHUB_STEP_SUMMARY).", dir_okay=False
        ),
    ] = None,
) -> None:
    """Merge shards' run records: the summary one run over every policy would give, and its exit code."""
    from policydiff.commands.merge_runs import merge_run_files
    from policydiff.render.check import markdown_from_record
    from policydiff.render.json_report import dumps

    merged = merge_run_files(records)
    markdown = markdown_from_record(merged)
    sys.stdout.write(markdown)
    if summary is not None:
        append(summary, markdown)
    if json_file is not None:
        write(dumps(merged), json_file)
    raise typer.Exit(int(merged["exit_code"]))
