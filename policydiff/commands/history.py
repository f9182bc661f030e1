"""``policydiff history``: a policy's recorded versions, as the page every history format renders."""

from __future__ import annotations

import os
from pathlib import Path

from policydiff.archive import PolicyArchive, known_policies
from policydiff.config import Settings
from policydiff.errors import InputError
from policydiff.render.history import HistoryPage

__all__ = ["policy_history"]


def policy_history(settings: Settings, policy: str, here: Path) -> HistoryPage:
    """The history of ``policy``, its links relative to the folder ``here`` the output goes to."""
    archive = PolicyArchive(settings.archive, policy)
    versions = archive.versions()
    configured = next((p for p in settings.policies if p.id == policy), None)
    if not versions and configured is None:
        known = ", ".join(sorted({*known_policies(settings.archive), *(p.id for p in settings.policies)}))
        raise InputError(f"{policy}: no such policy in {settings.archive} (known: {known or 'none'})")
    base = Path(os.path.relpath(archive.folder.resolve(), here.resolve())).as_posix() + "/"
    return HistoryPage(
        policy=policy,
        title=(configured.title if configured else "") or policy,
        versions=versions,
        author=settings.organization.name,
        url=configured.url if configured else None,
        base="" if base == "./" else base,
        history_url=settings.notice.history_url,
        # the notice's redline link names one comparison: the latest of the project's one policy
        redline_url=settings.notice.redline_url if len(settings.policies) <= 1 else None,
    )
