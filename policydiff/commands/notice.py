"""``policydiff notice``: draft the notices a material change needs and write them to a folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from policydiff.commands.diff import diff_sources
from policydiff.config import CONFIG_NAME, Settings
from policydiff.errors import InputError
from policydiff.files import write_text_atomic
from policydiff.model import NoticePlan, Report

__all__ = ["Drafted", "draft_notice", "notice_for_sources", "notice_overrides", "write_notice_files"]


@dataclass(frozen=True, slots=True)
class Drafted:
    """The notice plan and the files written for it, by name, into ``folder``."""

    plan: NoticePlan
    folder: Path
    files: tuple[str, ...]


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
) -> Drafted:
    """Compare two sources and draft the notices their material changes require."""
    report = diff_sources(old, new, settings, stdin=stdin, shown=shown)
    return draft_notice(report, settings, published, effective, folder, force=force)


def draft_notice(
    report: Report,
    settings: Settings,
    published: dt.date,
    effective: dt.date | None,
    folder: Path,
    *,
    force: bool = False,
) -> Drafted:
    """Plan and render the notice set for ``report`` and write it to ``folder``."""
    from policydiff.notice import plan_notice, render_notice

    plan = plan_notice(report, settings, published, effective)
    files = render_notice(plan, overrides=notice_overrides(settings))
    write_notice_files(files, folder, force=force)
    return Drafted(plan, folder, tuple(files))


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
