"""The command line's option types (typer annotations) over what the commands share (``runtime``)."""

from pathlib import Path
from typing import Annotated

import typer

from policydiff.cli.runtime import (
    DiffFormat,
    FailOn,
    HistoryFormat,
    ReviewSeverity,
    SegmentFormat,
    append,
    budget,
    exit_code,
    fail_rank,
    lazy_archive,
    now,
    person,
    project_settings,
    rule_cache_folder,
    shown,
    terminal,
    today,
    write,
)

__all__ = [
    "ConfigOption",
    "DiffFormat",
    "FailOn",
    "FailOnOption",
    "HistoryFormat",
    "LimitOption",
    "OutputOption",
    "PoliciesArgument",
    "RemoveOption",
    "ReviewSeverity",
    "SegmentFormat",
    "SelectOption",
    "append",
    "budget",
    "exit_code",
    "fail_rank",
    "lazy_archive",
    "now",
    "person",
    "project_settings",
    "rule_cache_folder",
    "shown",
    "terminal",
    "today",
    "write",
]

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Project config (default: policydiff.toml here or in a parent folder).",
        dir_okay=False,
    ),
]
FailOnOption = Annotated[
    FailOn, typer.Option("--fail-on", help="Exit 1 when a change at or above this is found.")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file.", dir_okay=False)
]
LimitOption = Annotated[
    list[str] | None,
    typer.Option(
        "--limit",
        metavar="KEY=N",
        help="Set a resource limit for this run, e.g. --limit input_mb=50 (repeatable; keys: input_mb,"
        " unpacked_mb, docx_ratio, pdf_pages, html_elements, seconds; [limits] in docs/config.md).",
    ),
]
SelectOption = Annotated[
    str | None,
    typer.Option(
        "--select", metavar="CSS", help="For an HTML source: the element holding the policy (a CSS selector)."
    ),
]
RemoveOption = Annotated[
    list[str] | None,
    typer.Option(
        "--remove",
        metavar="CSS",
        help="For an HTML source: drop the elements this selector matches (repeatable).",
    ),
]
PoliciesArgument = Annotated[
    list[str] | None, typer.Argument(help="Policy ids (default: every policy with a url or source).")
]
