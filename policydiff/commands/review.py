"""``policydiff review``: record a lawyer's decision on a change between two archived versions."""

from __future__ import annotations

import datetime as dt

from policydiff.archive import PolicyArchive
from policydiff.commands.common import judgement, reviews_path
from policydiff.compare import compare
from policydiff.config import Settings
from policydiff.errors import InputError
from policydiff.load.ref import from_archive
from policydiff.model import Change, Review, Severity, Version

__all__ = ["find_change", "review_change"]


def find_change(settings: Settings, policy_id: str, change_id: str) -> tuple[Change, Version, Version]:
    """The change ``change_id`` between two consecutive archived versions, newest pair first."""
    from policydiff.review import base_id

    settings.policy(policy_id)
    archive = PolicyArchive(settings.archive, policy_id)
    versions = archive.versions()
    wanted = change_id.strip().lower()
    for old, new in reversed(list(zip(versions, versions[1:], strict=False))):
        report = compare(from_archive(archive, old), from_archive(archive, new), judgement(settings))
        for change in report.changes:
            if change.id == wanted or (base_id(wanted) == wanted and base_id(change.id) == wanted):
                return change, old, new
    if len(versions) < 2:
        raise InputError(f"{policy_id}: fewer than two versions recorded: there is no change to review")
    raise InputError(
        f"{change_id}: no such change between recorded versions of {policy_id} "
        f"(the ids are in 'policydiff diff {policy_id}@previous {policy_id}@latest')"
    )


def review_change(
    settings: Settings,
    policy_id: str,
    change_id: str,
    severity: Severity,
    because: str,
    by: str,
    today: dt.date,
) -> tuple[Review, Change]:
    """Record a lawyer's decision on a change; a later decision on the same change replaces an earlier one."""
    from policydiff.review import make_review, read_reviews, with_review, write_reviews

    change, _, _ = find_change(settings, policy_id, change_id)
    review = make_review(change, severity, because, by, today.isoformat())
    path = reviews_path(settings, policy_id)
    with PolicyArchive(settings.archive, policy_id).locked():
        write_reviews(path, with_review(read_reviews(path), review))
    return review, change
