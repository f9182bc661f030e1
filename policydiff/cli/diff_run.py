"""``policydiff diff``'s work, without the command-line library: the typer command and the fast
path (``policydiff.cli.fast``) both run it, so they cannot drift apart."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from policydiff.cli.runtime import (
    DiffFormat,
    FailOn,
    budget,
    exit_code,
    now,
    project_settings,
    shown,
    terminal,
    write,
)
from policydiff.errors import InputError

__all__ = ["run_diff"]


def run_diff(
    old: str,
    new: str,
    *,
    format: DiffFormat = DiffFormat.text,
    output: Path | None = None,
    fail_on: FailOn = FailOn.never,
    color: bool | None = None,
    config: Path | None = None,
    limit: list[str] | None = None,
    select: str | None = None,
    remove: list[str] | None = None,
) -> int:
    """Compare ``old`` with ``new``, write the report, and give the exit code ``--fail-on`` asks for."""
    from policydiff.commands.diff import diff_sources, one_stdin
    from policydiff.render import RenderOptions, render, render_text

    one_stdin(old, new)
    binary = format in (DiffFormat.docx, DiffFormat.pdf)
    if binary and output is None and sys.stdout.isatty():
        raise InputError(
            f"--format {format.value}: the file is binary; give --output FILE (or redirect stdout)"
        )
    if format is DiffFormat.pdf:  # before the work: a missing browser is said at once
        from policydiff.commands.print_pdf import find_chromium

        chromium = find_chromium(os.environ)
    settings = project_settings(config, limit)
    with budget(settings.limits, f"{old} and {new}", documents=2):
        report = diff_sources(old, new, settings, shown=shown, select=select, remove=tuple(remove or ()))
    use_color, width = terminal(color, output)
    # the Word redline's revisions are dated now: the one place that reads the clock for it
    plain = {}
    if format in (DiffFormat.html, DiffFormat.pdf):  # the report says what each change means first
        from policydiff.commands.common import rulebook
        from policydiff.notice import plain_summaries

        plain = plain_summaries(report, rulebook(settings))
    options = RenderOptions(color=use_color, width=width, now=now(), plain=plain)
    if format is DiffFormat.pdf:
        from policydiff.commands.print_pdf import print_pdf

        write(print_pdf(render_text(report, "html", options), chromium), output)
    else:
        write(render(report, format.value, options), output)
    return exit_code(report.severity.rank, fail_on)
