"""``policydiff diff OLD NEW`` without the command-line library.

A person runs ``diff`` interactively and CI runs it on hundreds of policies: importing typer and
click and building every command's parameters costs a third of a typical run. ``diff`` with plain
arguments (two files, ``--format``, ``--fail-on``, ``--output``, ``--config``, ``--color``) is
parsed here and runs ``run_diff`` in the same error boundary; anything else (help, a URL option,
stdin, a misspelt option, another command) returns ``None`` and typer parses it as always.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["fast_main"]

_VALUED = {
    "--format": "format",
    "-f": "format",
    "--fail-on": "fail_on",
    "--output": "output",
    "-o": "output",
    "--config": "config",
}
_FLAGS = {"--color": True, "--no-color": False}


def fast_main(argv: list[str]) -> int | None:
    """The exit code of ``diff`` run from plain arguments, or None when typer must parse them."""
    parsed = _parse(argv)
    if parsed is None:
        return None
    from policydiff.cli.diff_run import run_diff
    from policydiff.cli.guard import guarded
    from policydiff.cli.runtime import DiffFormat, FailOn

    (old, new), values, color = parsed
    output, config = values.get("output"), values.get("config")
    return guarded(
        lambda: run_diff(
            old,
            new,
            format=DiffFormat(values.get("format", "text")),
            output=Path(output) if output is not None else None,
            fail_on=FailOn(values.get("fail_on", "never")),
            color=color,
            config=Path(config) if config is not None else None,
        )
    )


def _parse(argv: list[str]) -> tuple[tuple[str, str], dict[str, str], bool | None] | None:
    """(old, new), the options given and ``--color``, or None for anything but plain arguments."""
    if not argv or argv[0] != "diff":
        return None
    positional: list[str] = []
    values: dict[str, str] = {}
    color: bool | None = None
    rest = iter(argv[1:])
    for word in rest:
        name, equals, inline = word.partition("=") if word.startswith("--") else (word, "", "")
        if name in _VALUED:
            value = inline if equals else next(rest, None)
            if value is None or _VALUED[name] in values or not _plain_value(_VALUED[name], value):
                return None
            values[_VALUED[name]] = value
        elif word in _FLAGS and color is None:
            color = _FLAGS[word]
        elif word.startswith("-") or word == "":
            return None  # stdin, help, another option, a misspelling: typer says what it is
        else:
            positional.append(word)
    if len(positional) != 2 or any("://" in source or "@" in source for source in positional):
        return None  # URLs and archived versions go the usual way
    return (positional[0], positional[1]), values, color


def _plain_value(option: str, value: str) -> bool:
    """A value typer would accept as it is; anything else is typer's to refuse in its own words."""
    from policydiff.cli.runtime import DiffFormat, FailOn

    if option == "format":
        return value in {member.value for member in DiffFormat}
    if option == "fail_on":
        return value in {member.value for member in FailOn}
    return bool(value) and not value.startswith("-")
