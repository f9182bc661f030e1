"""``policydiff review``: record a lawyer's decision on a change between two archived versions.

Decisions are appended to ``reviews.json``, never replaced: the last one on a change applies, and
``review_history`` lists them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from policydiff.archive import PolicyArchive
from policydiff.commands.common import judgement, reviews_path
from policydiff.compare import compare
from policydiff.config import Settings
from policydiff.errors import InputError
from policydiff.lazy_re import lazy
from policydiff.load.ref import from_archive
from policydiff.model import Change, Review, Severity, Version

__all__ = ["ReviewHistory", "Reviewed", "find_change", "review_change", "review_history"]

_CHANGE_ID = lazy(r"^[0-9a-f]{8}(-[0-9]+)?$")


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A decision recorded: the change it is about, and the decision it supersedes, if any."""

    review: Review
    change: Change
    superseded: Review | None = None  # the decision on the same change that applied until now


@dataclass(frozen=True, slots=True)
class ReviewHistory:
    """Every decision on one change, oldest first: the last one applies."""

    policy: str
    fingerprint: str
    decisions: tuple[Review, ...]
    change: Change | None = None  # looked up only when no decision was recorded yet

    @property
    def applies(self) -> Review | None:
        """The decision that applies: the last one recorded."""
        return self.decisions[-1] if self.decisions else None


def find_change(settings: Settings, policy_id: str, change_id: str) -> tuple[Change, Version, Version]:
    """The change ``change_id`` between two consecutive archived versions, newest pair first."""
    from policydiff.review import base_id

    settings.policy(policy_id)
    archive = PolicyArchive(settings.archive, policy_id)
    versions = archive.versions()
    wanted = change_id.strip().lower()
    for old, new in reversed(list(zip(versions, versions[1:], strict=False))):
        report = compare(
            from_archive(archive, old, settings.limits),
            from_archive(archive, new, settings.limits),
            judgement(settings),
        )
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
) -> Reviewed:
    """Record a lawyer's decision on a change; it is appended, and supersedes an earlier one on the change."""
    from policydiff.review import decisions_on, make_review, read_decisions, with_review, write_reviews

    change, _, _ = find_change(settings, policy_id, change_id)
    review = make_review(change, severity, because, by, today.isoformat())
    path = reviews_path(settings, policy_id)
    with PolicyArchive(settings.archive, policy_id).locked():  # read and append as one step
        decisions = read_decisions(path)
        earlier = decisions_on(decisions, review.fingerprint)
        write_reviews(path, with_review(decisions, review))
    return Reviewed(review, change, earlier[-1] if earlier else None)


def review_history(settings: Settings, policy_id: str, change_id: str) -> ReviewHistory:
    """Every decision recorded on ``change_id``; ``InputError`` for a change that is not in the archive."""
    from policydiff.review import base_id, decisions_on, read_decisions

    settings.policy(policy_id)
    wanted = change_id.strip().lower()
    if not _CHANGE_ID.match(wanted):
        raise InputError(
            f"{change_id}: not a change id (8 hex digits, e.g. 1a2b3c4d or 1a2b3c4d-2, "
            f"as 'policydiff diff {policy_id}@previous {policy_id}@latest' shows them)"
        )
    decisions = decisions_on(read_decisions(reviews_path(settings, policy_id)), wanted)
    if decisions:
        return ReviewHistory(policy_id, base_id(wanted), decisions)
    change, _, _ = find_change(settings, policy_id, wanted)  # InputError when there is no such change
    return ReviewHistory(policy_id, base_id(wanted), (), change)
