"""Lawyers' reviews: a decision on one change, kept so every later run judges it the same way.

A review is keyed by the change's fingerprint (its kind and the folded words of both sides,
``compare.change_fingerprint``), so the same edit gets the same decision in ``diff``,
``notice`` and ``check`` whichever versions are compared. ``reviews.json`` lives beside
``history.json`` and is written atomically.

The file is an audit trail (schema ``policydiff.reviews/2``): every decision is appended, who,
when and why, and none is ever dropped; several may be about the same change, and the *last one
appended* on a change is the one that applies (not the latest date: several share a day).
Files written as ``policydiff.reviews/1`` (one decision per change, sorted by date) read the
same way and become ``/2`` when the next decision is appended. ``read_reviews`` gives the
decisions that apply, ``read_decisions`` every one of them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from policydiff.classify import decide
from policydiff.errors import InputError
from policydiff.files import write_text_atomic
from policydiff.lazy_re import lazy
from policydiff.model import Change, Reason, Report, Review, Severity, Side, Stats
from policydiff.text import fold

SCHEMA = "policydiff.reviews/2"
SCHEMA_V1 = "policydiff.reviews/1"  # at most one decision per change; still read
_READABLE = (SCHEMA_V1, SCHEMA)
_SCHEMA_FAMILY = "policydiff.reviews/"
REVIEW_RULE = "review"
_FINGERPRINT = lazy(r"^[0-9a-f]{8}$")
_DATE = lazy(r"^\d{4}-\d{2}-\d{2}$")
_REVIEWABLE = (Severity.EDITORIAL, Severity.MINOR, Severity.MAJOR)


def base_id(change_id: str) -> str:
    """The fingerprint part of a change id ("1a2b3c4d-2" → "1a2b3c4d")."""
    return change_id.split("-", 1)[0]


def make_review(change: Change, severity: Severity, because: str, by: str, date: str) -> Review:
    """A review of ``change``; ``InputError`` when the reason or the reviewer is missing."""
    if severity not in _REVIEWABLE:
        raise InputError(f"--as: must be editorial, minor or major (got {severity.value})")
    if not " ".join(because.split()):
        raise InputError("--because: a review needs its reason")
    if not " ".join(by.split()):
        raise InputError("--by: a review needs the reviewer's name")
    side = change.new or change.old
    assert side is not None  # a change always has a side
    return Review(
        fingerprint=base_id(change.id),
        severity=severity,
        because=" ".join(because.split()),
        by=" ".join(by.split()),
        date=date,
        kind=change.kind.value,
        path=side.path,
        old=change.old.text if change.old else None,
        new=change.new.text if change.new else None,
    )


# ------------------------------------------------------------------ on disk


def read_reviews(path: Path) -> tuple[Review, ...]:
    """The decisions that apply, one per change, stored at ``path`` (none when it does not exist).

    ``InputError`` if the file is damaged. ``read_decisions`` gives the superseded ones too.
    """
    return current_reviews(read_decisions(path))


def read_decisions(path: Path) -> tuple[Review, ...]:
    """Every decision stored at ``path``, oldest first (none without a file); ``InputError`` if damaged."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not valid JSON: {error.msg} at line {error.lineno}") from None
    schema = data.get("schema") if isinstance(data, dict) else None
    if isinstance(schema, str) and schema.startswith(_SCHEMA_FAMILY) and schema not in _READABLE:
        raise InputError(
            f"{path}: written as {schema}, which this policydiff cannot read (it reads {SCHEMA_V1} and "
            f"{SCHEMA}); upgrade policydiff"
        )
    if not isinstance(data, dict) or schema not in _READABLE or not isinstance(data.get("reviews"), list):
        raise InputError(f'{path}: not a reviews file (expected {{"schema": "{SCHEMA}", "reviews": [...]}})')
    return tuple(_review(entry, path, index) for index, entry in enumerate(data["reviews"]))


def _review(entry: object, path: Path, index: int) -> Review:
    where = f"{path}: reviews[{index}]"
    if not isinstance(entry, Mapping):
        raise InputError(f"{where}: must be an object")
    fingerprint, severity, date = _decision(entry, where)
    return Review(
        fingerprint=fingerprint,
        severity=severity,
        because=_text(entry, where, "because") or "",
        by=_text(entry, where, "by") or "",
        date=date,
        kind=_text(entry, where, "kind") or "",
        path=_text(entry, where, "path") or "",
        old=_text(entry, where, "old", optional=True),
        new=_text(entry, where, "new", optional=True),
    )


def _decision(entry: Mapping[str, object], where: str) -> tuple[str, Severity, str]:
    """The checked fingerprint, severity and date of a stored review."""
    fingerprint = entry.get("fingerprint")
    if not isinstance(fingerprint, str) or not _FINGERPRINT.match(fingerprint):
        raise InputError(f"{where}.fingerprint: must be 8 hex digits (got {fingerprint!r})")
    severity = entry.get("severity")
    if severity not in {s.value for s in _REVIEWABLE}:
        raise InputError(f"{where}.severity: must be editorial, minor or major (got {severity!r})")
    date = entry.get("date")
    if not isinstance(date, str) or not _DATE.match(date):
        raise InputError(f"{where}.date: must be YYYY-MM-DD (got {date!r})")
    return fingerprint, Severity(severity), date


def _text(entry: Mapping[str, object], where: str, key: str, *, optional: bool = False) -> str | None:
    value = entry.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or (not value and not optional):
        raise InputError(f"{where}.{key}: must be a non-empty string")
    return value


def write_reviews(path: Path, reviews: Iterable[Review]) -> None:
    """Write every decision of ``reviews`` to ``path`` atomically, in the order given (oldest first).

    The order is the record: the last decision on a change is the one that applies. Pass the whole
    trail (``read_decisions``), not ``read_reviews``, or the superseded decisions are lost.
    """
    entries = [
        {
            "fingerprint": r.fingerprint,
            "severity": r.severity.value,
            "because": r.because,
            "by": r.by,
            "date": r.date,
            "kind": r.kind,
            "path": r.path,
            "old": r.old,
            "new": r.new,
        }
        for r in reviews
    ]
    text = json.dumps({"schema": SCHEMA, "reviews": entries}, indent=2, ensure_ascii=False) + "\n"
    write_text_atomic(path, text)


def with_review(reviews: Iterable[Review], review: Review) -> tuple[Review, ...]:
    """``reviews`` with ``review`` appended; an earlier decision on the same change stays, superseded."""
    return (*reviews, review)


def current_reviews(decisions: Iterable[Review]) -> tuple[Review, ...]:
    """The decision that applies to each change: the last one appended; in the order they were made."""
    ordered = tuple(decisions)
    last = {review.fingerprint: index for index, review in enumerate(ordered)}
    return tuple(review for index, review in enumerate(ordered) if last[review.fingerprint] == index)


def decisions_on(decisions: Iterable[Review], change_id: str) -> tuple[Review, ...]:
    """Every decision on the change ``change_id`` (or its fingerprint), oldest first; the last applies."""
    fingerprint = base_id(change_id.strip().lower())
    return tuple(review for review in decisions if review.fingerprint == fingerprint)


# ------------------------------------------------------------------ applying them


def apply_reviews(report: Report, reviews: Iterable[Review]) -> Report:
    """``report`` with reviewed changes at their reviewed severity, the review first among their reasons.

    Given the whole trail, the last decision on each change applies.
    """
    by_fingerprint = {review.fingerprint: review for review in reviews}  # the last one wins
    if not by_fingerprint:
        return report
    changes = tuple(_reviewed(change, by_fingerprint.get(base_id(change.id))) for change in report.changes)
    if changes == report.changes:
        return report
    severity, notice = decide(
        changes,
        period_days=report.notice.period_days,
        promise=report.notice.promise,
        texts_differ=report.severity is not Severity.NONE,  # white space only: keep what compare said
    )
    return replace(
        report, severity=severity, notice=notice, changes=changes, stats=_restat(report.stats, changes)
    )


def _reviewed(change: Change, review: Review | None) -> Change:
    if review is None:
        return change
    reason = Reason(REVIEW_RULE, review.says, "", Side.NEW if change.new else Side.OLD)
    return replace(change, severity=review.severity, reasons=(reason, *change.reasons))


def _restat(stats: Stats, changes: tuple[Change, ...]) -> Stats:
    severities = Counter(c.severity.value for c in changes)
    by_severity = tuple((s.value, severities[s.value]) for s in Severity if severities[s.value])
    return replace(stats, by_severity=by_severity)


def reviewed_changes(report: Report) -> tuple[Change, ...]:
    """The changes of ``report`` whose severity a lawyer decided."""
    return tuple(c for c in report.changes if c.reasons and c.reasons[0].rule == REVIEW_RULE)


def stale_reviews(reviews: Iterable[Review], report: Report | None, latest_text: str) -> tuple[Review, ...]:
    """Reviews whose change neither appears in ``report`` nor still stands in the latest text.

    A change reviewed between two earlier versions is not stale while its new wording is still
    in the policy; it is once that wording was rewritten or reverted.
    """
    present = {base_id(change.id) for change in report.changes} if report else set()
    latest = fold(latest_text)
    stale = []
    for review in current_reviews(reviews):  # a superseded decision is no stale one
        if review.fingerprint in present:
            continue
        if review.new is not None and fold(review.new) and fold(review.new) in latest:
            continue
        if review.new is None and review.old is not None and fold(review.old) not in latest:
            continue  # a reviewed removal that is still removed
        stale.append(review)
    return tuple(stale)
