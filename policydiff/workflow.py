"""The multi-step jobs behind ``init``, ``record`` and ``fetch``: library functions returning dataclasses.

They never print and never read the clock: ``today`` and ``now`` come from the caller, and
progress is reported through a callback. ``check`` reuses ``record_version`` and ``fetch_policies``.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import tomllib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from policydiff.archive import PolicyArchive, check_label, parse_date
from policydiff.config import CONFIG_NAME, Organization, PolicySettings, Settings, parse_settings
from policydiff.errors import InputError, NetworkError, PolicydiffError
from policydiff.model import Change, Document, PolicyCheck, Report, Severity, Version

if TYPE_CHECKING:
    import httpx

    from policydiff.compare import Judgement
    from policydiff.fetch import FetchLimits, Page
    from policydiff.model import NoticePlan, Review

__all__ = [
    "Fetched",
    "Initialised",
    "Recorded",
    "fetch_policies",
    "init_project",
    "judgement",
    "policies_to_fetch",
    "record_version",
    "summary_line",
]

FETCH_WORKERS = 4  # concurrent fetches: enough to hide latency, few enough to be polite to one site


@dataclass(frozen=True, slots=True)
class Recorded:
    """What ``record_version`` did: the new version, or the latest one when the text was the same."""

    policy: str
    version: Version
    created: bool
    previous: Version | None = None
    report: Report | None = None  # against ``previous``; None for a first version or the same text


@dataclass(frozen=True, slots=True)
class Fetched:
    """One policy of a ``fetch``: recorded (new or unchanged) or failed, with the reason."""

    policy: str
    source: str  # the URL, or the file of a policy configured with ``source``
    recorded: Recorded | None = None
    error: str | None = None
    exit_code: int = 0  # of the error: 3 for a network failure or a suspicious page, 2 for bad input
    rejected: str | None = None  # the snapshot kept of a refused page, relative to the policy's folder


@dataclass(frozen=True, slots=True)
class Initialised:
    config: Path
    archive: Path
    overwritten: bool


def judgement(settings: Settings) -> Judgement:
    """What ``compare`` needs of the settings."""
    from policydiff.compare import Judgement

    if settings.notice.major is None:
        return Judgement(period_days=settings.notice.period_days)
    return Judgement(settings.notice.period_days, settings.notice.major)


# ---------------------------------------------------------------------- record


def record_version(
    settings: Settings,
    policy_id: str,
    document: Document,
    label: str | None,
    date: str | None,
    today: dt.date,
    *,
    snapshot: tuple[str, bytes] | None = None,
) -> Recorded:
    """Store ``document`` as the policy's next version unless its text equals the latest one.

    ``label`` defaults to the version the text states, else the date; ``date`` to ``today``.
    The whole job runs under the policy's lock, so the severity is always against the true predecessor.
    """
    settings.policy(policy_id)  # an unknown policy is a typo, not a new folder
    day = parse_date(date, "--date") if date else today.isoformat()
    if label is not None:
        check_label(label)
    archive = PolicyArchive(settings.archive, policy_id)
    with archive.locked():
        latest = archive.latest()
        if latest is not None and latest.sha256 == document.sha256:
            return Recorded(policy_id, latest, created=False)
        report = _compare(archive, latest, document, settings) if latest else None
        chosen = label or archive.free_label((document.version, day), day)
        version = archive.add(
            label=chosen,
            date=day,
            text=document.text,
            source=document.source,
            severity=report.severity if report else Severity.NONE,
            notice=report.notice.required if report else False,
            summary=[summary_line(c) for c in report.changes if c.severity.rank >= 2] if report else (),
            redline=_redline(report) if report else None,
            snapshot=snapshot,
            format=document.format,
        )
    return Recorded(policy_id, version, created=True, previous=latest, report=report)


def _compare(archive: PolicyArchive, latest: Version, document: Document, settings: Settings) -> Report:
    from policydiff.compare import compare
    from policydiff.load import load

    # the reference names the old side in the stored redline; an absolute path would differ per machine
    old = replace(
        load(str(archive.path_of(latest)), kind=latest.format), source=f"{archive.policy}@{latest.label}"
    )
    return compare(old, document, judgement(settings))


def _redline(report: Report) -> tuple[str, str]:
    from policydiff.render import RENDERERS, render

    fmt = "html" if "html" in RENDERERS else "md"  # a browser opens an HTML redline from the history page
    return fmt, render(report, fmt)


def summary_line(change: Change) -> str:
    """One line for the history: severity, categories, direction, where, and why."""
    from policydiff.render.common import clean, where

    categories = ", ".join(category.value for category in change.categories) or "other"
    says = change.reasons[0].says if change.reasons else change.kind.value
    return clean(f"{change.severity.value} · {categories} {change.direction.value} · {where(change)}: {says}")


# ---------------------------------------------------------------------- fetch


def fetch_policies(
    settings: Settings,
    client: httpx.Client,
    policy_ids: Sequence[str],
    *,
    today: dt.date,
    now: dt.datetime,
    limits: FetchLimits | None = None,
    workers: int = FETCH_WORKERS,
    on_done: Callable[[Fetched], None] | None = None,
) -> tuple[Fetched, ...]:
    """Fetch each policy (all with a URL or source when ``policy_ids`` is empty) and record what changed.

    A failed or suspicious fetch never replaces the last good version: it comes back as a ``Fetched``
    with its error, and the other policies still run. ``on_done`` is called in this thread.
    """
    from policydiff.fetch import FetchLimits

    policies = policies_to_fetch(settings, policy_ids)
    limits = limits or FetchLimits()
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    results: dict[str, Fetched] = {}
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(policies)))) as pool:
        futures = [
            pool.submit(_fetch_one, settings, client, policy, today, stamp, limits) for policy in policies
        ]
        for future in as_completed(futures):
            fetched = future.result()
            results[fetched.policy] = fetched
            if on_done is not None:
                on_done(fetched)
    return tuple(results[policy.id] for policy in policies)


def policies_to_fetch(settings: Settings, policy_ids: Sequence[str]) -> list[PolicySettings]:
    """The configured policies ``fetch`` works on: those named, else every one with a url or source."""
    if not policy_ids:
        policies = [p for p in settings.policies if p.url or p.source]
        if not policies:
            if settings.path is None:
                settings.policy("")  # says there is no config and how to make one
            raise InputError(f"{settings.path}: no [[policy]] with a url or source to fetch")
        return policies
    chosen = [settings.policy(policy_id) for policy_id in dict.fromkeys(policy_ids)]
    for policy in chosen:
        if not policy.url and not policy.source:
            raise InputError(f"{settings.path or CONFIG_NAME}: policy '{policy.id}' has no url or source")
    return chosen


def _fetch_one(
    settings: Settings,
    client: httpx.Client,
    policy: PolicySettings,
    today: dt.date,
    stamp: str,
    limits: FetchLimits,
) -> Fetched:
    from policydiff.fetch import check_page, fetch_page
    from policydiff.load import load

    archive = PolicyArchive(settings.archive, policy.id)
    page: Page | None = None
    try:
        if policy.url is None:
            document = load(policy.source or "", select=policy.select, remove=policy.remove)
            recorded = record_version(settings, policy.id, document, None, None, today)
            return Fetched(policy.id, policy.source or "", recorded)
        page = fetch_page(client, policy.url, limits)
        document = _page_document(page, policy)
        latest = archive.latest()
        check_page(page, document.text, document.title, archive.read_text(latest) if latest else None)
        snapshot = (f"{stamp}.{page.extension}", page.body)
        recorded = record_version(settings, policy.id, document, None, None, today, snapshot=snapshot)
        return Fetched(policy.id, policy.url, recorded)
    except PolicydiffError as error:
        rejected = None
        if page is not None and isinstance(error, NetworkError):
            with archive.locked():
                rejected = archive.keep_rejected(stamp, page.body, page.extension)
        source = policy.url or policy.source or ""
        return Fetched(policy.id, source, error=error.message, exit_code=error.exit_code, rejected=rejected)


def _page_document(page: Page, policy: PolicySettings) -> Document:
    """The page's text, read by the loader of its kind through a temporary file named like one."""
    from policydiff.load import load

    with tempfile.TemporaryDirectory(prefix="policydiff-") as folder:
        path = Path(folder) / f"page.{page.extension}"
        path.write_bytes(page.body)
        try:
            document = load(str(path), select=policy.select, remove=policy.remove)
        except InputError as error:
            # an unreadable page is a bad fetch (exit 3), named by its URL rather than our temporary file
            raise NetworkError(error.message.replace(str(path), page.url)) from None
    return replace(document, source=page.url)


# ---------------------------------------------------------------------- init

_CONFIG_TEMPLATE = """\
# policydiff project config: see "Project config" in policydiff's README.
# Every command finds this file by walking up from the working directory, or takes --config FILE.

[organization]
# Who publishes the policies: used in the notices to users.
{name}
{product}
{contact}
{website}

[notice]
# Days of advance notice before a material change takes effect. A longer period promised by the
# policy itself ("we will notify you 30 days in advance") always wins.
period_days = 30
# Which changes count as major (need advance notice); the default is every "expands" change
# except contact and other:
# major = ["collection:expands", "purpose:expands", "sharing:expands", "retention:expands"]

[email]
# The sender and subject of the notice email.
{sender}
subject = "We're updating our Privacy Policy"

[archive]
# The version history, plain files meant to be committed to git (relative to this file).
path = "policies"

# One [[policy]] table per policy you keep or watch. `policydiff record privacy FILE` stores a
# version; with a url, `policydiff fetch` downloads it and records what changed.
[[policy]]
id = "privacy"
title = {title}
{url}
# The CSS selector of the policy's text in the page, and elements to drop from it:
# select = "main"
# remove = [".cookie-banner"]
"""


def _toml_line(key: str, value: str, example: str) -> str:
    # json.dumps makes a valid TOML basic string (same escapes for quotes, backslashes, controls)
    if value:
        return f"{key} = {json.dumps(value, ensure_ascii=False)}"
    return f"# {key} = {json.dumps(example)}"


def config_text(organization: Organization) -> str:
    """A commented ``policydiff.toml`` for ``organization``; empty values stay as commented examples."""
    product = organization.product or organization.name
    website = organization.website.rstrip("/")
    contact = organization.contact
    return _CONFIG_TEMPLATE.format(
        name=_toml_line("name", organization.name, "Example Inc."),
        product=_toml_line("product", organization.product, "Example App"),
        contact=_toml_line("contact", contact, "privacy@example.com"),
        website=_toml_line("website", organization.website, "https://example.com"),
        sender=_toml_line(
            "from", contact if "@" in contact and "/" not in contact else "", "privacy@example.com"
        ),
        title=json.dumps(f"{product} Privacy Policy".strip(), ensure_ascii=False),
        # a guessed address stays commented out: fetch must not watch a page nobody checked
        url="# url = " + json.dumps(f"{website}/privacy" if website else "https://example.com/privacy"),
    )


def init_project(config: Path, organization: Organization, *, force: bool = False) -> Initialised:
    """Write a commented config file at ``config`` and create its archive folder.

    An existing config is kept unless ``force``; a value that would make the config invalid
    (a website that is no URL, a contact that is no address) is refused before anything is written.
    """
    from policydiff.archive import write_atomic

    text = config_text(organization)
    settings = parse_settings(tomllib.loads(text), config)  # the same checks every command makes
    existed = config.exists()
    if existed and not force:
        raise InputError(f"{config}: already exists; use --force to overwrite it")
    write_atomic(config, text.encode("utf-8"))
    settings.archive.mkdir(parents=True, exist_ok=True)
    return Initialised(config, settings.archive, overwritten=existed)


# ---------------------------------------------------------------------- notice drafts


def notice_overrides(settings: Settings) -> tuple[Path, ...]:
    """The project's own notice template folder (``[notice] templates``), if it has one."""
    if not settings.notice.templates:
        return ()
    base = settings.path.parent if settings.path else Path.cwd()
    folder = base / settings.notice.templates
    if not folder.is_dir():
        raise InputError(f"{settings.path or CONFIG_NAME}: notice.templates: no such folder {folder}")
    return (folder,)


def write_notice_files(files: dict[str, str], folder: Path, *, force: bool) -> None:
    """Write the notice files; refuse to overwrite without ``force``, and with it drop stale ones."""
    from policydiff.notice import is_notice_file

    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    present = sorted(p.name for p in folder.iterdir() if is_notice_file(p.name)) if folder.is_dir() else []
    if present and not force:
        held = ", ".join(present)
        raise InputError(f"{folder}: already holds notice files ({held}); add --force to replace them")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in present:
            if name not in files:  # a stale email or notice.json must not be sent with the new ones
                (folder / name).unlink()
        for name, text in files.items():
            partial = folder / f".{name}.partial"
            partial.write_text(text, encoding="utf-8", newline="")
            partial.replace(folder / name)
    except OSError as error:
        raise InputError(f"{folder}: cannot write: {error.strerror or error}") from None


def draft_notice(
    report: Report,
    settings: Settings,
    published: dt.date,
    effective: dt.date | None,
    folder: Path,
    *,
    force: bool = False,
) -> tuple[NoticePlan, dict[str, str]]:
    """Plan and render the notice set for ``report`` and write it to ``folder``."""
    from policydiff.notice import plan_notice, render_notice

    plan = plan_notice(report, settings, published, effective)
    files = render_notice(plan, overrides=notice_overrides(settings))
    write_notice_files(files, folder, force=force)
    return plan, files


# ---------------------------------------------------------------------- reviews


def reviews_path(settings: Settings, policy_id: str) -> Path:
    return settings.archive / policy_id / "reviews.json"


def policy_reviews(settings: Settings, policy_id: str | None) -> tuple[Review, ...]:
    """The lawyers' decisions kept for ``policy_id`` (none for ``None``)."""
    from policydiff.review import read_reviews

    return read_reviews(reviews_path(settings, policy_id)) if policy_id else ()


def find_change(settings: Settings, policy_id: str, change_id: str) -> tuple[Change, Version, Version]:
    """The change ``change_id`` between two consecutive archived versions, newest pair first."""
    from policydiff.review import base_id

    settings.policy(policy_id)
    archive = PolicyArchive(settings.archive, policy_id)
    versions = archive.versions()
    wanted = change_id.strip().lower()
    for old, new in reversed(list(zip(versions, versions[1:], strict=False))):
        report = _compare(archive, old, _archived(archive, new), settings)
        for change in report.changes:
            if change.id == wanted or (base_id(wanted) == wanted and base_id(change.id) == wanted):
                return change, old, new
    if len(versions) < 2:
        raise InputError(f"{policy_id}: fewer than two versions recorded: there is no change to review")
    raise InputError(
        f"{change_id}: no such change between recorded versions of {policy_id} "
        f"(the ids are in 'policydiff diff {policy_id}@previous {policy_id}@latest')"
    )


def _archived(archive: PolicyArchive, version: Version) -> Document:
    from policydiff.load import load

    return replace(
        load(str(archive.path_of(version)), kind=version.format), source=f"{archive.policy}@{version.label}"
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
    archive = PolicyArchive(settings.archive, policy_id)
    with archive.locked():
        write_reviews(path, with_review(read_reviews(path), review))
    return review, change


# ---------------------------------------------------------------------- check


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


def _check_one(settings: Settings, fetched: Fetched, today: dt.date) -> PolicyCheck:
    from policydiff.review import apply_reviews, stale_reviews

    if fetched.recorded is None:
        return PolicyCheck(
            fetched.policy, fetched.source, "failed", error=fetched.error, exit_code=fetched.exit_code or 3
        )
    recorded = fetched.recorded
    archive = PolicyArchive(settings.archive, fetched.policy)
    base = PolicyCheck(fetched.policy, fetched.source, "first" if recorded.created else "unchanged")
    try:
        reviews = policy_reviews(settings, fetched.policy)
        latest_text = archive.read_text(recorded.version)
    except PolicydiffError as error:
        return replace(base, new=recorded.version, error=error.message, exit_code=error.exit_code)
    if not recorded.created or recorded.report is None or recorded.previous is None:
        return replace(base, new=recorded.version, stale=stale_reviews(reviews, None, latest_text))
    report = apply_reviews(recorded.report, reviews)
    checked = replace(
        base,
        status="changed",
        old=recorded.previous,
        new=recorded.version,
        report=report,
        stale=stale_reviews(reviews, report, latest_text),
    )
    if not report.notice.required:
        return checked
    folder = _notice_folder(archive, recorded.version)
    try:
        _write_report_files(report, folder)  # the redline first: it is there even if the notice fails
        plan, _ = draft_notice(report, settings, today, None, folder, force=True)
    except PolicydiffError as error:
        # the version is recorded, so the next run will not see this change again: say how to finish
        retry = (
            f"policydiff notice {fetched.policy}@{recorded.previous.label} "
            f"{fetched.policy}@{recorded.version.label} --out {folder} --force"
        )
        message = f"{recorded.version.label} recorded, but its notice was not drafted: {error.message}"
        return replace(checked, folder=folder, error=f"{message}; fix that, then run: {retry}", exit_code=2)
    return replace(checked, folder=folder, effective_date=plan.effective_date)


def _notice_folder(archive: PolicyArchive, version: Version) -> Path:
    """``notices/<date>/``, or ``notices/<date>--<label>/`` when that day already has another version's."""
    base = archive.folder / "notices"
    plain = base / version.date
    report = plain / "report.json"
    if not plain.exists() or (report.exists() and version.sha256 in report.read_text(encoding="utf-8")):
        return plain
    return base / version.name


def _write_report_files(report: Report, folder: Path) -> None:
    from policydiff.archive import write_atomic
    from policydiff.render import render

    write_atomic(folder / "redline.html", render(report, "html").encode("utf-8"))
    write_atomic(folder / "report.json", render(report, "json").encode("utf-8"))


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
