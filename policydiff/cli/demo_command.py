"""``policydiff demo``: the main job, ``check``, on a copy of the bundled example project.

``check`` records new versions and writes notices into the project's archive; run on the
checkout's ``fixtures/`` it would change files under version control. ``demo`` copies the project
first (``commands/demo.py``) and calls the ``check`` command itself on the copy: the same table,
notices, redlines and stderr lines, then one line saying where they are.

Exit code: check's 1 (a version pending, a change at ``--fail-on``) is a CI gate's signal and the
very result the demo exists to show, so the demo exits 0 when check ran and no policy failed;
otherwise check's own code (2 bad input, 3 a fetch failed, 4 internal error, or 1 beside them).
"""

import json
from pathlib import Path
from typing import Annotated

import typer

from policydiff.cli.archive_commands import check
from policydiff.cli.boundary import boundary
from policydiff.cli.options import shown
from policydiff.errors import InputError

DEMO_CONFIG = Path("fixtures") / "policydiff.toml"
RUN_RECORD = "check-run.json"


@boundary
def demo(
    into: Annotated[
        Path | None,
        typer.Option("--into", help="A new or empty folder for the copy (default: a new temporary folder)."),
    ] = None,
    config: Annotated[
        Path,
        typer.Option("--config", help="The project to copy: its config, archive and drafts.", dir_okay=False),
    ] = DEMO_CONFIG,
) -> None:
    """Run check on a copy of the example project (fixtures/): the checkout stays as it was."""
    from policydiff.commands.demo import copy_project

    if not config.is_file():
        raise InputError(f"{config}: no such config file; run demo in a policydiff checkout or pass --config")
    copied = copy_project(config, into)
    record = copied.folder / RUN_RECORD
    code = 0
    try:
        check(config=copied.config, json_file=record)
    except typer.Exit as done:
        code = done.exit_code
    original, folder = shown(config.parent), shown(copied.folder)
    typer.echo(f"demo: ran check on a copy of {original}/ in {folder}/; {original}/ is unchanged")
    typer.echo(
        f"demo: versions, notices and redlines in {shown(copied.archive)}/; run record {shown(record)}"
    )
    if code == 1 and not _failed(record):
        typer.echo("demo: check exits 1 on this project, the signal a CI job gates on; the demo ran, so 0")
        code = 0
    raise typer.Exit(code)


def _failed(record: Path) -> bool:
    """Whether the run record names a policy that failed (or is missing: the run did not finish)."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return any(policy.get("error") for policy in data.get("policies", []))
