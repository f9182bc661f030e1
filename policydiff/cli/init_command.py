"""``policydiff init``: a project config from flags or, at a terminal, from answers checked one by one."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from policydiff.cli.boundary import boundary
from policydiff.cli.options import shown
from policydiff.errors import InputError

if TYPE_CHECKING:
    from policydiff.commands.init import Question


@boundary
def init(
    name: Annotated[str | None, typer.Option("--name", help='The organisation, e.g. "JoyPix LLC".')] = None,
    product: Annotated[
        str | None, typer.Option("--product", help="The product the policy covers (default: --name).")
    ] = None,
    contact: Annotated[
        str | None, typer.Option("--contact", help="Where users reach you: an e-mail address or https URL.")
    ] = None,
    website: Annotated[str | None, typer.Option("--website", help="The website, https://…")] = None,
    policy_url: Annotated[
        str | None, typer.Option("--policy-url", help="Where the full policy is published, https://…")
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option("--from", help='The notice email\'s sender: "Name <address>" or an address.'),
    ] = None,
    consent_url: Annotated[
        str | None, typer.Option("--consent-url", help="Where users opt in to a change that needs consent.")
    ] = None,
    object_url: Annotated[
        str | None, typer.Option("--object-url", help="Where users object to processing.")
    ] = None,
    opt_out_url: Annotated[str | None, typer.Option("--opt-out-url", help="Where users opt out.")] = None,
    withdraw_consent_url: Annotated[
        str | None, typer.Option("--withdraw-consent-url", help="Where users withdraw a consent.")
    ] = None,
    export_url: Annotated[
        str | None, typer.Option("--export-url", help="Where users download their data.")
    ] = None,
    close_account_url: Annotated[
        str | None, typer.Option("--close-account-url", help="Where users close their account.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing config.")] = False,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Where to write it (default: ./policydiff.toml).", dir_okay=False),
    ] = None,
) -> None:
    """Write policydiff.toml and the archive folder; at a terminal, asks for what the flags leave out.

    Without a terminal, --name, --contact, --policy-url and --from are required (every notice
    needs them) and nothing is written if one is missing or bad.
    """
    from policydiff.commands.init import flag_problems, init_project
    from policydiff.config import CONFIG_NAME

    target = config or Path.cwd() / CONFIG_NAME
    if target.exists() and not force:  # say so before asking any question
        raise InputError(f"{target}: already exists; use --force to overwrite it")
    given = {
        "organization.name": name,
        "organization.product": product,
        "organization.contact": contact,
        "organization.website": website,
        "notice.policy_url": policy_url,
        "email.from": sender,
        "notice.links.consent": consent_url,
        "notice.links.object": object_url,
        "notice.links.opt_out": opt_out_url,
        "notice.links.withdraw_consent": withdraw_consent_url,
        "notice.links.export": export_url,
        "notice.links.close_account": close_account_url,
    }
    if sys.stdin.isatty():
        answers = _ask(given)
    else:
        problem = flag_problems(given)
        if problem is not None:
            raise InputError(problem)
        answers = {key: value for key, value in given.items() if value is not None}
    done = init_project(target, answers, force=force)
    typer.echo(f"wrote {shown(done.config)}; versions will be kept in {shown(done.archive)}/")


def _ask(given: dict[str, str | None]) -> dict[str, str]:
    """Every answer, in order: a good flag is kept, anything else asked until the answer is good."""
    from policydiff.commands.init import QUESTIONS

    typer.echo(
        "Setting up policydiff.toml (docs/config.md describes every key); Enter skips an optional one."
    )
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        answers[question.key] = _answer(question, given[question.key], answers)
    return answers


def _answer(question: "Question", flag: str | None, answers: dict[str, str]) -> str:
    """One answer: the flag's if it is good, else asked again and again until it is."""
    from policydiff.commands.init import answer_problem, suggestion

    if flag is not None:
        problem = answer_problem(question, flag)
        if problem is None:
            return flag.strip()
        typer.echo(f"{question.flag}: {problem}", err=True)
    default = suggestion(question.key, answers)
    label = question.ask if question.required or default else f"{question.ask} (optional)"
    while True:
        reply: str = typer.prompt(label, default=default or "", show_default=bool(default))
        problem = answer_problem(question, reply)
        if problem is None:
            return reply.strip()
        typer.echo(f"  {problem}; please answer again", err=True)
