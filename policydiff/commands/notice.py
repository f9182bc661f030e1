"""``policydiff notice``: draft the notices a material change needs and write them to a folder.

A report with changes a lawyer must still decide (severity ``review``) and no major change is
refused: "no notice needed" is a conclusion only the lawyer can draw, so nothing is written and
``plan_notice`` raises with one line per pending change. With a major change the notices are
drafted for the majors and ``Drafted.pending`` lists the undecided ones for a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from policydiff.commands.common import archived_policies, rulebook
from policydiff.commands.diff import diff_sources
from policydiff.config import CONFIG_NAME, Settings
from policydiff.errors import InputError
from policydiff.files import write_text_atomic
from policydiff.model import Report
from policydiff.records import NoticePlan

__all__ = ["Drafted", "draft_notice", "notice_for_sources", "notice_overrides", "write_notice_files"]


@dataclass(frozen=True, slots=True)
class Drafted:
    """The notice plan and the files written for it, by name, into ``folder``."""

    plan: NoticePlan
    folder: Path
    files: tuple[str, ...]
    # the review changes the notices do not tell of, one line each with the command that decides it
    pending: tuple[str, ...] = ()
    # when the send-by date (effective date - period) is already past: one sentence saying so
    late: str | None = None
    # what to fix before sending: links left out (by config key), a clause contradicting the consent asked
    warnings: tuple[str, ...] = ()


def notice_for_sources(
    old: str,
    new: str,
    settings: Settings,
    published: dt.date,
    effective: dt.date | None,
    folder: Path,
    *,
    force: bool = False,
    stdin: BinaryIO | None = None,
    shown: Callable[[Path], str] = str,
    today: dt.date | None = None,
    select: str | None = None,
    remove: tuple[str, ...] = (),
) -> Drafted:
    """Compare two sources and draft the notices their material changes require (``today``: see
    ``draft_notice``; ``select``, ``remove``: see ``diff_sources``)."""
    report = diff_sources(old, new, settings, stdin=stdin, shown=shown, select=select, remove=remove)
    # the archived policy compared: its reviews settle a pending change, so its commands name it
    policy = next(iter(archived_policies(settings, (old, new))), None)
    return draft_notice(
        report, settings, published, effective, folder, force=force, policy=policy, today=today
    )


def draft_notice(
    report: Report,
    settings: Settings,
    published: dt.date,
    effective: dt.date | None,
    folder: Path,
    *,
    force: bool = False,
    policy: str | None = None,
    today: dt.date | None = None,
) -> Drafted:
    """Plan and render the notice set for ``report`` and write it to ``folder``.

    ``InputError`` (nothing written) when review changes leave the decision open and no change is major;
    ``policy``, the archived policy compared, is named in the ``policydiff review`` command of each.
    With ``today``, a send-by date already past is said in ``Drafted.late`` and ``notice.json``.
    """
    from policydiff.notice import missed_period, notice_warnings, pending_lines, plan_notice, render_notice

    plan = plan_notice(report, settings, published, effective, rulebook(settings), policy=policy)
    files = render_notice(plan, overrides=notice_overrides(settings), today=today)
    write_notice_files(files, folder, force=force)
    late = missed_period(plan, today) if today is not None else None
    warnings = notice_warnings(report, settings, plan)
    return Drafted(plan, folder, tuple(files), pending_lines(report, policy), late, warnings)


def notice_overrides(settings: Settings) -> tuple[Path, ...]:
    """The project's own notice template folder (``[notice] templates``), if it has one."""
    if not settings.notice.templates:
        return ()
    base = settings.path.parent if settings.path else Path.cwd()
    folder = base / settings.notice.templates
    if not folder.is_dir():
        raise InputError(f"{settings.path or CONFIG_NAME}: notice.templates: no such folder {folder}")
    return (folder,)


def write_notice_files(files: dict[str, str], folder: Path, *, force: bool) -> None:
    """Write the notice files; refuse to overwrite without ``force``, and with it drop stale ones."""
    from policydiff.notice import is_notice_file

    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    present = sorted(p.name for p in folder.iterdir() if is_notice_file(p.name)) if folder.is_dir() else []
    if present and not force:
        held = ", ".join(present)
        raise InputError(f"{folder}: already holds notice files ({held}); add --force to replace them")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in present:
            if name not in files:  # a stale email or notice.json must not be sent with the new ones
                (folder / name).unlink()
        for name, text in files.items():
            write_text_atomic(folder / name, text)
    except OSError as error:
        raise InputError(f"{folder}: cannot write: {error.strerror or error}") from None
