"""``policydiff fetch``: download each policy page and record a new version when its text changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import TYPE_CHECKING

from policydiff.archive import PolicyArchive
from policydiff.commands.record import Recorded, record_version
from policydiff.config import CONFIG_NAME, PolicySettings, Settings
from policydiff.errors import InputError, NetworkError, PolicydiffError
from policydiff.load.ref import from_page, open_source

if TYPE_CHECKING:
    import httpx

    from policydiff.fetch import FetchLimits, Page

__all__ = ["FETCH_WORKERS", "Fetched", "fetch_policies", "policies_to_fetch"]

FETCH_WORKERS = 4  # concurrent fetches: enough to hide latency, few enough to be polite to one site


@dataclass(frozen=True, slots=True)
class Fetched:
    """One policy of a ``fetch``: recorded (new or unchanged) or failed, with the reason."""

    policy: str
    source: str  # the URL, or the file of a policy configured with ``source``
    recorded: Recorded | None = None
    error: str | None = None
    exit_code: int = 0  # of the error: 3 for a network failure or a suspicious page, 2 for bad input
    rejected: str | None = None  # the snapshot kept of a refused page, relative to the policy's folder


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
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    job = _Job(settings, client, today, stamp, limits or FetchLimits())
    results: dict[str, Fetched] = {}
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(policies)))) as pool:
        for future in as_completed([pool.submit(job.run, policy) for policy in policies]):
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


@dataclass(frozen=True, slots=True)
class _Job:
    settings: Settings
    client: httpx.Client
    today: dt.date
    stamp: str  # names the snapshot of each page fetched in this run
    limits: FetchLimits

    def run(self, policy: PolicySettings) -> Fetched:
        """Fetch (or read) one policy and record it; every expected failure becomes a ``Fetched``."""
        page: Page | None = None
        try:
            if policy.url is None:
                source, limits = policy.source or "", self.settings.limits
                document = open_source(source, select=policy.select, remove=policy.remove, limits=limits)
                recorded = record_version(self.settings, policy.id, document, None, None, self.today)
                return Fetched(policy.id, policy.source or "", recorded)
            page = self._page(policy.url, policy.redirects_to)
            return Fetched(policy.id, policy.url, self._record(policy, page))
        except PolicydiffError as error:
            refused = page is not None and isinstance(error, NetworkError)
            rejected = self._reject(policy, page) if refused and page is not None else None
            source = policy.url or policy.source or ""
            return Fetched(
                policy.id, source, error=error.message, exit_code=error.exit_code, rejected=rejected
            )

    def _page(self, url: str, redirects_to: tuple[str, ...]) -> Page:
        from policydiff.fetch import fetch_page

        return fetch_page(self.client, url, self.limits, allowed_origins=redirects_to)

    def _record(self, policy: PolicySettings, page: Page) -> Recorded:
        from policydiff.fetch import check_page

        document = from_page(page, policy.select, policy.remove, self.settings.limits)

        def guard(previous: str | None) -> None:
            check_page(page, document.text, document.title, previous)

        snapshot = (f"{self.stamp}.{page.extension}", page.body)
        return record_version(
            self.settings, policy.id, document, None, None, self.today, snapshot=snapshot, guard=guard
        )

    def _reject(self, policy: PolicySettings, page: Page) -> str:
        archive = PolicyArchive(self.settings.archive, policy.id)
        with archive.locked():
            return archive.keep_rejected(self.stamp, page.body, page.extension)
