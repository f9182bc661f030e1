"""``policydiff record``: store a new version of a policy, judged against the one before it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from policydiff.archive import PolicyArchive, check_label, parse_date
from policydiff.commands.common import judgement, rulebook
from policydiff.config import Settings
from policydiff.dates import StatedDate, find_stated_date
from policydiff.load.ref import from_archive, is_reference, open_source
from policydiff.model import Change, Document, Report, Severity, Version

__all__ = ["Recorded", "record_source", "record_version", "summary_line", "version_date"]

# called under the policy's lock with the latest version's text (None for a first version):
# raising refuses the new version (fetch uses it to refuse a page that shrank or is a captcha)
Guard = Callable[[str | None], None]


@dataclass(frozen=True, slots=True)
class Recorded:
    """What ``record_version`` did: the new version, or the latest one when the text was the same."""

    policy: str
    version: Version
    created: bool
    path: Path  # the version's file
    text: str  # the version's normalised text
    previous: Version | None = None
    report: Report | None = None  # against ``previous``; None for a first version or the same text
    # about the version's date: the policy's own date not used, or not updated though the text changed
    warnings: tuple[str, ...] = ()


def record_source(
    settings: Settings,
    policy_id: str,
    source: str,
    label: str | None,
    date: str | None,
    today: dt.date,
    *,
    shown: Callable[[Path], str] = str,
    select: str | None = None,
    remove: tuple[str, ...] = (),
) -> Recorded:
    """Record ``source`` (a file, ``-``, a URL or ``POLICY@REF``) as the policy's next version.

    ``select`` and ``remove``, when given, refine a page instead of the policy's configured ones.
    """
    configured = settings.policy(policy_id)
    if is_reference(source):  # an archived version: already extracted, kept in its format
        document = open_source(
            source, archive_root=lambda: settings.archive, shown=shown, limits=settings.limits
        )
    else:
        document = open_source(
            source,
            select=select if select is not None else configured.select,
            remove=remove or configured.remove,
            limits=settings.limits,
        )
    return record_version(settings, policy_id, document, label, date, today)


def record_version(
    settings: Settings,
    policy_id: str,
    document: Document,
    label: str | None,
    date: str | None,
    today: dt.date,
    *,
    snapshot: tuple[str, bytes] | None = None,
    guard: Guard | None = None,
) -> Recorded:
    """Store ``document`` as the policy's next version unless its text equals the latest one.

    ``label`` defaults to the version the text states, else the date; ``date`` to the date the text
    states about itself ("Last updated: April 20, 2026"), else ``today`` (see ``version_date``).
    The whole job runs under the policy's lock, so the severity is always against the true predecessor.
    """
    settings.policy(policy_id)  # an unknown policy is a typo, not a new folder
    given = parse_date(date, "--date") if date else None
    if label is not None:
        check_label(label)
    archive = PolicyArchive(settings.archive, policy_id)
    with archive.locked():
        return _record(archive, settings, document, label, (given, today), snapshot, guard)


def _record(
    archive: PolicyArchive,
    settings: Settings,
    document: Document,
    label: str | None,
    when: tuple[str | None, dt.date],  # --date (ISO) if given, and today
    snapshot: tuple[str, bytes] | None,
    guard: Guard | None,
) -> Recorded:
    """The job under the lock: store ``document`` unless the latest version has its text."""
    archive.sweep()  # every writer cleans up after a killed one, whether it records or not
    latest = archive.latest()
    same = latest is not None and latest.sha256 == document.sha256
    # read only when needed: the guard, or the new version's date against the latest's stated one
    latest_text = archive.read_text(latest) if latest and (guard or not same) else None
    if guard is not None:
        guard(latest_text)
    if latest is not None and same:
        return Recorded(archive.policy, latest, False, archive.path_of(latest), document.text)
    day, warnings = version_date(document.text, *when, latest, latest_text)
    report = _against(archive, latest, document, settings) if latest else None
    chosen = label or archive.free_label((document.version, day), day)
    redline = _html(report, settings) if report else None
    version = _add(archive, document, chosen, day, report, snapshot, redline)
    path = archive.path_of(version)
    return Recorded(
        archive.policy, version, True, path, document.text, previous=latest, report=report, warnings=warnings
    )


def version_date(
    text: str, given: str | None, today: dt.date, latest: Version | None, latest_text: str | None
) -> tuple[str, tuple[str, ...]]:
    """The date of a new version whose text is ``text`` (changed from ``latest_text``), with warnings.

    ``--date`` (``given``) wins. Else the date the policy states about itself, unless it cannot be
    read one way (03/04/2026), is after ``today``, is the date the latest version stated already
    (the "Last updated" line was not updated with the text), or is before the latest version's date
    (the archive keeps versions in order): then ``today``, the day the text was seen, and a warning
    says why. Not the latest version's date: the policy was that version's text on that day.
    """
    stated = find_stated_date(text)
    stale = None
    if stated is not None and stated.day is not None and latest_text is not None:
        before = find_stated_date(latest_text)
        if before is not None and before.day == stated.day:
            stale = f"{_line(stated, 'still says')} although its text changed"
    if given is not None:
        return given, (stale,) if stale else ()
    if stated is None:
        return today.isoformat(), ()  # it states no date: the day it was seen
    fallback = max(today.isoformat(), latest.date if latest else "")  # a latest --date may be ahead
    instead = f"the version is dated {fallback}" + (" (today)" if fallback == today.isoformat() else "")
    if stale:
        return fallback, (f"{stale}; {instead}",)
    if stated.day is None:
        reason = "which can be read day first or month first"
    elif stated.day > today:
        reason = "a date still to come"
    elif latest is not None and stated.day.isoformat() < latest.date:
        reason = f"before the latest recorded version ({latest.label}, {latest.date})"
    else:
        return stated.day.isoformat(), ()
    return fallback, (f"{_line(stated, 'says')}, {reason}; {instead}; give --date to choose another",)


def _line(stated: StatedDate, says: str) -> str:
    """The policy's own words for its date: its "Last Modified" line, or a date alone at its top."""
    if stated.cue:
        return f"the policy's '{stated.cue}' line {says} {stated.written}"
    return f"the date at the top of the policy {says} {stated.written}"


def _against(archive: PolicyArchive, latest: Version, document: Document, settings: Settings) -> Report:
    from policydiff.compare import compare

    return compare(from_archive(archive, latest, settings.limits), document, judgement(settings))


def _add(
    archive: PolicyArchive,
    document: Document,
    label: str,
    day: str,
    report: Report | None,
    snapshot: tuple[str, bytes] | None,
    redline: str | None,
) -> Version:
    return archive.add(
        label=label,
        date=day,
        text=document.text,
        source=document.source,
        severity=report.severity if report else Severity.NONE,
        notice=report.notice.required if report else False,
        summary=[summary_line(c) for c in report.changes if c.severity.rank >= 2] if report else (),
        redline=("html", redline) if redline else None,  # the history page links to it
        snapshot=snapshot,
        format=document.format,
    )


def _html(report: Report, settings: Settings) -> str:
    from policydiff.notice import plain_summaries
    from policydiff.render import RenderOptions, render_text

    return render_text(report, "html", RenderOptions(plain=plain_summaries(report, rulebook(settings))))


def summary_line(change: Change) -> str:
    """One line for the history: severity, categories, direction, where, and why."""
    from policydiff.render.common import clean, where

    categories = ", ".join(category.value for category in change.categories) or "other"
    says = change.reasons[0].says if change.reasons else change.kind.value
    return clean(f"{change.severity.value} · {categories} {change.direction.value} · {where(change)}: {says}")
