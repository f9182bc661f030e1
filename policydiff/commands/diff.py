"""``policydiff diff``: the report on two sources, judged by the project's settings and reviews."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from policydiff.commands.common import judgement, reviewed
from policydiff.compare import compare
from policydiff.config import Settings
from policydiff.errors import InputError
from policydiff.load.ref import open_source
from policydiff.model import Report

__all__ = ["diff_sources", "one_stdin"]


def one_stdin(*sources: str) -> None:
    """Refuse ``-`` twice before reading anything (a terminal would wait for input first)."""
    if sources.count("-") > 1:
        raise InputError("-: standard input can be read for one source only")


def diff_sources(
    old: str,
    new: str,
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    shown: Callable[[Path], str] = str,
    select: str | None = None,
    remove: tuple[str, ...] = (),
) -> Report:
    """Compare two sources (files, ``-``, URLs or ``POLICY@REF``) with the lawyers' reviews applied.

    ``select`` and ``remove`` refine the pages among them (CSS selectors, as a policy's config does).
    """
    one_stdin(old, new)
    # (the rule book first: the rule cache holds the compiled patterns loading reads with too)
    judged = judgement(settings)
    documents = [
        open_source(
            source,
            archive_root=lambda: settings.archive,
            stdin=stdin,
            shown=shown,
            limits=settings.limits,
            select=select,
            remove=remove,
        )
        for source in (old, new)
    ]
    return reviewed(compare(documents[0], documents[1], judged), settings, (old, new))
