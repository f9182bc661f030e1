"""``policydiff segment``: the clause tree a policy is read as."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from policydiff.limits import Limits
from policydiff.load.ref import open_source
from policydiff.model import Outline
from policydiff.segment import segment

__all__ = ["segment_source"]


def segment_source(
    source: str,
    *,
    archive_root: Callable[[], Path],
    stdin: BinaryIO | None = None,
    shown: Callable[[Path], str] = str,
    limits: Limits = Limits(),
    select: str | None = None,
    remove: tuple[str, ...] = (),
) -> Outline:
    """The clause tree of ``source``; ``archive_root`` is asked for only when it is ``POLICY@REF``."""
    document = open_source(
        source,
        archive_root=archive_root,
        stdin=stdin,
        shown=shown,
        limits=limits,
        select=select,
        remove=remove,
    )
    return segment(document)
