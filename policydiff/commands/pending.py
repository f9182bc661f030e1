"""Pending versions: recorded material changes whose notices are not drafted, decided or acknowledged.

A version is pending when its recorded severity is ``major`` or ``review`` and nothing settled it:
no ``settled.json`` entry (notices drafted, or ``policydiff ack``), no notice folder holding its
drafts (archives written before ``settled.json`` existed, or a run killed between the drafts and
the entry), and the lawyers' reviews do not bring its change below ``review``. ``check`` lists
every pending version on every run and exits 1 while any is left, whatever else failed, so a
material change cannot vanish because a run failed, was killed, or a later run saw nothing new.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from policydiff.archive import PolicyArchive
from policydiff.commands.common import judgement, policy_reviews
from policydiff.config import Settings
from policydiff.model import Report, Review, Severity, Version
from policydiff.records import Pending
from policydiff.render.common import REVIEW_CHOICES
from policydiff.settlements import Settlement, read_settlements

__all__ = ["drafted_in", "notice_folder", "pending_versions", "version_report"]


def pending_versions(
    settings: Settings, policy: str, reviews: Sequence[Review] | None = None
) -> tuple[Pending, ...]:
    """Every recorded version of ``policy`` that is still pending, oldest first."""
    archive = PolicyArchive(settings.archive, policy)
    versions = archive.versions()
    if len(versions) < 2:
        return ()
    settled = read_settlements(archive)
    if reviews is None:
        reviews = policy_reviews(settings, policy)
    found = []
    for previous, version in zip(versions, versions[1:], strict=False):
        if version.severity.rank < Severity.REVIEW.rank or _settled(archive, version, settled):
            continue
        report = version_report(settings, archive, previous, version, reviews)
        if report.severity.rank < Severity.REVIEW.rank:
            continue  # the lawyers' reviews settled it
        found.append(_pending(archive, previous, version, report))
    return tuple(found)


def version_report(
    settings: Settings, archive: PolicyArchive, previous: Version, version: Version, reviews: Sequence[Review]
) -> Report:
    """``version`` judged against ``previous`` as it was recorded, with the lawyers' reviews applied."""
    from policydiff.compare import compare
    from policydiff.load.ref import from_archive
    from policydiff.review import apply_reviews

    report = compare(
        from_archive(archive, previous, settings.limits),
        from_archive(archive, version, settings.limits),
        judgement(settings),
    )
    return apply_reviews(report, reviews)


def notice_folder(archive: PolicyArchive, version: Version) -> Path:
    """``notices/<date>/``, or ``notices/<date>--<label>/`` when that day already has another version's."""
    base = archive.folder / "notices"
    plain = base / version.date
    report = plain / "report.json"
    if not plain.exists() or (report.exists() and version.sha256 in report.read_text(encoding="utf-8")):
        return plain
    return base / version.name


def drafted_in(folder: Path, version: Version) -> bool:
    """Whether ``folder`` holds notice drafts written for ``version`` (its report names its text's hash)."""
    from policydiff.notice import is_notice_file

    report = folder / "report.json"
    try:
        if version.sha256 not in report.read_text(encoding="utf-8"):
            return False
        return any(is_notice_file(path.name) for path in folder.iterdir())
    except OSError:
        return False


def _settled(archive: PolicyArchive, version: Version, settled: Sequence[Settlement]) -> bool:
    if any(s.version == version.label and s.sha256 == version.sha256 for s in settled):
        return True
    return drafted_in(notice_folder(archive, version), version)


def _pending(archive: PolicyArchive, previous: Version, version: Version, report: Report) -> Pending:
    policy, label = archive.policy, version.label
    ack = f'policydiff ack {policy} {label} --because "…"'
    awaiting = tuple(c.id for c in report.changes if c.severity is Severity.REVIEW)
    if report.notice.required:
        folder = notice_folder(archive, version)
        draft = f"policydiff notice {policy}@{previous.label} {policy}@{label} --out {folder} --force"
        why = "its notices are not drafted"
        if awaiting:
            why += f"; {_count(len(awaiting))} a lawyer must decide"
        return Pending(policy, version, previous, Severity.MAJOR, why, (draft, ack), awaiting, report)
    decide = tuple(f"policydiff review {policy} {change} {REVIEW_CHOICES} --because …" for change in awaiting)
    why = f"{_count(len(awaiting))} a lawyer must decide before anyone can say no notice is needed"
    return Pending(policy, version, previous, Severity.REVIEW, why, (*decide, ack), awaiting, report)


def _count(number: int) -> str:
    return f"{number} change{'' if number == 1 else 's'}"
