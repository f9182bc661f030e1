"""``policydiff check``: fetch or read each policy, record new versions, draft notices and redlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from policydiff.archive import PolicyArchive
from policydiff.commands.common import policy_reviews
from policydiff.commands.fetch import Fetched, fetch_policies
from policydiff.commands.notice import draft_notice
from policydiff.commands.record import Recorded
from policydiff.config import Settings
from policydiff.errors import PolicydiffError
from policydiff.files import write_text_atomic
from policydiff.model import PolicyCheck, Report, Version

if TYPE_CHECKING:
    import httpx

    from policydiff.fetch import FetchLimits

__all__ = ["check_exit_code", "check_policies"]


def check_policies(
    settings: Settings,
    client: httpx.Client,
    policy_ids: Sequence[str],
    *,
    today: dt.date,
    now: dt.datetime,
    limits: FetchLimits | None = None,
    on_done: Callable[[Fetched], None] | None = None,
) -> tuple[PolicyCheck, ...]:
    """Fetch or read each policy, record a new version, and draft notices for material changes."""
    fetched = fetch_policies(
        settings, client, policy_ids, today=today, now=now, limits=limits, on_done=on_done
    )
    return tuple(_check_one(settings, result, today) for result in fetched)


def check_exit_code(checks: Sequence[PolicyCheck], fail_rank: int) -> int:
    """2 for bad input, else 3 for a failed fetch, else 1 when a change reaches ``fail_rank``, else 0."""
    codes = {check.exit_code for check in checks if check.error is not None}
    if 4 in codes:
        return 4
    if 2 in codes:
        return 2
    if codes:
        return 3
    return 1 if any(check.severity.rank >= fail_rank for check in checks) else 0


def _check_one(settings: Settings, fetched: Fetched, today: dt.date) -> PolicyCheck:
    from policydiff.review import apply_reviews, stale_reviews

    if fetched.recorded is None:
        return PolicyCheck(
            fetched.policy, fetched.source, "failed", error=fetched.error, exit_code=fetched.exit_code or 3
        )
    recorded = fetched.recorded
    base = PolicyCheck(fetched.policy, fetched.source, "first" if recorded.created else "unchanged")
    try:
        reviews = policy_reviews(settings, fetched.policy)
    except PolicydiffError as error:
        return replace(base, new=recorded.version, error=error.message, exit_code=error.exit_code)
    if not recorded.created or recorded.report is None or recorded.previous is None:
        return replace(base, new=recorded.version, stale=stale_reviews(reviews, None, recorded.text))
    report = apply_reviews(recorded.report, reviews)
    checked = replace(
        base,
        status="changed",
        old=recorded.previous,
        new=recorded.version,
        report=report,
        stale=stale_reviews(reviews, report, recorded.text),
    )
    if not report.notice.required:
        return checked
    return _with_notice(settings, checked, recorded, report, today)


def _with_notice(
    settings: Settings, checked: PolicyCheck, recorded: Recorded, report: Report, today: dt.date
) -> PolicyCheck:
    """``checked`` with its notices drafted, or with the command that finishes them if they could not be."""
    folder = _notice_folder(PolicyArchive(settings.archive, recorded.policy), recorded.version)
    try:
        _write_report_files(report, folder)  # the redline first: it is there even if the notice fails
        drafted = draft_notice(report, settings, today, None, folder, force=True, policy=recorded.policy)
    except PolicydiffError as error:
        # the version is recorded, so the next run will not see this change again: say how to finish
        previous = recorded.previous.label if recorded.previous else "previous"
        retry = (
            f"policydiff notice {recorded.policy}@{previous} "
            f"{recorded.policy}@{recorded.version.label} --out {folder} --force"
        )
        message = f"{recorded.version.label} recorded, but its notice was not drafted: {error.message}"
        return replace(checked, folder=folder, error=f"{message}; fix that, then run: {retry}", exit_code=2)
    return replace(checked, folder=folder, effective_date=drafted.plan.effective_date)


def _notice_folder(archive: PolicyArchive, version: Version) -> Path:
    """``notices/<date>/``, or ``notices/<date>--<label>/`` when that day already has another version's."""
    base = archive.folder / "notices"
    plain = base / version.date
    report = plain / "report.json"
    if not plain.exists() or (report.exists() and version.sha256 in report.read_text(encoding="utf-8")):
        return plain
    return base / version.name


def _write_report_files(report: Report, folder: Path) -> None:
    from policydiff.render import render_text

    write_text_atomic(folder / "redline.html", render_text(report, "html"))
    write_text_atomic(folder / "report.json", render_text(report, "json"))
