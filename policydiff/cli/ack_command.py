"""``policydiff ack``: settle a pending version without notices, with who, when and why."""

from typing import Annotated

import typer

from policydiff.cli.boundary import boundary
from policydiff.cli.options import ConfigOption, now, person, project_settings


@boundary
def ack(
    policy: Annotated[str, typer.Argument(help="The policy id.")],
    version: Annotated[str, typer.Argument(help="The pending version: its label, date, latest or previous.")],
    because: Annotated[str, typer.Option("--because", help="Why no (further) notice is needed.")],
    by: Annotated[
        str | None,
        typer.Option("--by", help="Who decides (default: $POLICYDIFF_REVIEWER, git user.name, login)."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Acknowledge a pending major or review version: check stops listing it; the reason is kept."""
    from policydiff.commands.ack import acknowledge

    done = acknowledge(
        project_settings(config), policy, version, because, person(by), now().isoformat(timespec="seconds")
    )
    label = f"{policy}@{done.version.label} ({done.version.date}, {done.version.severity.value})"
    state = "no longer pending" if done.was_pending else "was not pending; acknowledgement kept"
    typer.echo(f"{label}: {state} (by {done.settlement.by}: {done.settlement.because})")
