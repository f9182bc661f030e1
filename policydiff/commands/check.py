"""``policydiff check``: fetch or read each policy, record new versions, draft notices and redlines.

Then every policy's pending versions (``commands/pending.py``) are listed; a pending major change
whose notices a failed or killed run never drafted is drafted now, so a rerun finishes the job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from policydiff.archive import PolicyArchive
from policydiff.commands.common import policy_reviews, rulebook
from policydiff.commands.fetch import Fetched, fetch_policies
from policydiff.commands.notice import Drafted, draft_notice
from policydiff.commands.pending import notice_folder
from policydiff.commands.record import Recorded
from policydiff.config import Settings
from policydiff.errors import PolicydiffError
from policydiff.files import write_text_atomic
from policydiff.model import Report, Severity, Version
from policydiff.records import PolicyCheck
from policydiff.settlements import Settlement, append_settlement

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
    shard: tuple[int, int] | None = None,
) -> tuple[PolicyCheck, ...]:
    """Fetch or read each policy (of ``shard`` K of N), record a new version, and draft notices."""
    from policydiff.commands.fetch import policies_to_fetch

    if shard is not None:
        policy_ids = in_shard([policy.id for policy in policies_to_fetch(settings, policy_ids)], shard)
        if not policy_ids:  # an empty shard checks nothing (no ids would mean every policy)
            return ()
    fetched = fetch_policies(
        settings, client, policy_ids, today=today, now=now, limits=limits, on_done=on_done
    )
    stamp = now.isoformat(timespec="seconds")
    positions = {policy.id: index for index, policy in enumerate(settings.policies)}
    return tuple(
        replace(
            _with_pending(settings, _check_one(settings, result, today, stamp), today, stamp),
            position=positions.get(result.policy, 0),
        )
        for result in fetched
    )


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` (1 ≤ K ≤ N ≤ 1000) as ``(K, N)``; ``InputError`` naming ``--shard`` otherwise."""
    from policydiff.errors import InputError

    number, _, total = text.partition("/")
    if number.isdigit() and total.isdigit() and 1 <= int(number) <= int(total) <= _MAX_SHARDS:
        return int(number), int(total)
    raise InputError(f"--shard: {text!r} is not K/N with 1 <= K <= N <= {_MAX_SHARDS} (e.g. 2/4)")


def in_shard(policy_ids: Sequence[str], shard: tuple[int, int]) -> list[str]:
    """The ids of shard K of N: a stable share by a hash of each id, whatever the config's order.

    Every id falls in exactly one of the N shards, and stays there when other policies come or go.
    """
    import hashlib

    number, total = shard
    return [
        policy
        for policy in policy_ids
        if int.from_bytes(hashlib.sha256(policy.encode("utf-8")).digest()[:8], "big") % total == number - 1
    ]


_MAX_SHARDS = 1000


def check_exit_code(checks: Sequence[PolicyCheck], fail_rank: int) -> int:
    """1 while a version is pending or a change (this run's or one drafted late) reaches ``fail_rank``;
    else 4 for an internal error, 2 for bad input, 3 for a failed fetch; else 0.

    A material change must never hide behind another policy's failure: the errors are still
    listed beside it, and the run record keeps each policy's own code.
    """
    found = [check.severity for check in checks] + [p.severity for c in checks for p in c.drafted_late]
    if any(check.pending for check in checks) or any(severity.rank >= fail_rank for severity in found):
        return 1
    codes = {check.exit_code for check in checks if check.error is not None}
    if 4 in codes:
        return 4
    if 2 in codes:
        return 2
    return 3 if codes else 0


def _check_one(settings: Settings, fetched: Fetched, today: dt.date, stamp: str) -> PolicyCheck:
    from policydiff.review import apply_reviews, stale_reviews

    if fetched.recorded is None:
        return PolicyCheck(
            fetched.policy, fetched.source, "failed", error=fetched.error, exit_code=fetched.exit_code or 3
        )
    recorded = fetched.recorded
    status = "first" if recorded.created else "unchanged"
    notes = tuple(f"warning: {warning}" for warning in recorded.warnings)  # about the version's date
    base = PolicyCheck(fetched.policy, fetched.source, status, notes=notes)
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
    return _with_notice(settings, checked, recorded, report, today, stamp)


def _with_notice(
    settings: Settings, checked: PolicyCheck, recorded: Recorded, report: Report, today: dt.date, stamp: str
) -> PolicyCheck:
    """``checked`` with its notices drafted, or with the command that finishes them if they could not be."""
    archive = PolicyArchive(settings.archive, recorded.policy)
    folder = notice_folder(archive, recorded.version)
    try:
        drafted = _draft(settings, archive, recorded.version, report, folder, today, stamp)
    except PolicydiffError as error:
        # the version is recorded, so the next run will not see this change again: say how to finish
        previous = recorded.previous.label if recorded.previous else "previous"
        retry = (
            f"policydiff notice {recorded.policy}@{previous} "
            f"{recorded.policy}@{recorded.version.label} --out {folder} --force"
        )
        message = f"{recorded.version.label} recorded, but its notice was not drafted: {error.message}"
        return replace(
            checked,
            folder=folder,
            error=f"{message}; fix that and run check again, or run: {retry}",
            exit_code=2,
        )
    notes = checked.notes + tuple(f"warning: {line}" for line in drafted.warnings)
    return replace(checked, folder=folder, effective_date=drafted.plan.effective_date, notes=notes)


def _draft(
    settings: Settings,
    archive: PolicyArchive,
    version: Version,
    report: Report,
    folder: Path,
    today: dt.date,
    stamp: str,
) -> Drafted:
    """Write the redline, the report and the notices into ``folder``, then mark the version settled.

    Under the policy's lock: another writer's sweep never takes a temporary file from under it.
    """
    with archive.locked():
        # the redline first: it is there even if the notice fails
        _write_report_files(report, folder, settings)
        drafted = draft_notice(
            report, settings, today, None, folder, force=True, policy=archive.policy, today=today
        )
        # the entry last: a kill before it leaves the version pending, and the drafts are found anyway
        relative = folder.relative_to(archive.folder).as_posix()
        append_settlement(
            archive, Settlement(version.label, version.sha256, "notice", stamp, folder=relative)
        )
    return drafted


def _with_pending(settings: Settings, check: PolicyCheck, today: dt.date, stamp: str) -> PolicyCheck:
    """``check`` with the policy's pending versions; those a failed or killed run left undrafted are drafted.

    The version this run just tried is not tried twice: its error already says what to fix.
    """
    from policydiff.commands.pending import pending_versions, version_report

    try:
        reviews = policy_reviews(settings, check.policy)
        pending = pending_versions(settings, check.policy, reviews)
    except PolicydiffError as error:
        return replace(
            check, error=_joined(check.error, error.message), exit_code=check.exit_code or error.exit_code
        )
    archive = PolicyArchive(settings.archive, check.policy)
    left, late, notes, error_text = [], [], list(check.notes), check.error
    for item in pending:
        tried = (
            check.status == "changed" and check.new is not None and check.new.sha256 == item.version.sha256
        )
        if item.severity is Severity.MAJOR and not tried:
            folder = notice_folder(archive, item.version)
            try:
                report = item.report or version_report(
                    settings, archive, item.previous, item.version, reviews
                )
                _draft(settings, archive, item.version, report, folder, today, stamp)
            except PolicydiffError as error:
                error_text = _joined(
                    error_text, f"{item.version.label}: its notices could not be drafted: {error.message}"
                )
            else:
                notes.append(f"{item.version.label} ({item.version.date}): notices drafted now in {folder}")
                late.append(item)
                continue
        left.append(item)
    code = check.exit_code or (2 if error_text and not check.error else 0)
    return replace(
        check,
        pending=tuple(left),
        drafted_late=tuple(late),
        notes=tuple(notes),
        error=error_text,
        exit_code=code,
    )


def _joined(first: str | None, second: str) -> str:
    return f"{first}; {second}" if first else second


def _write_report_files(report: Report, folder: Path, settings: Settings) -> None:
    from policydiff.notice import plain_summaries
    from policydiff.render import RenderOptions, render_text

    redline = render_text(report, "html", RenderOptions(plain=plain_summaries(report, rulebook(settings))))
    write_text_atomic(folder / "redline.html", redline)
    write_text_atomic(folder / "report.json", render_text(report, "json"))
