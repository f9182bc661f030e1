"""The records of the notice and check workflows: what a notice tells, and what a ``check`` found.

Apart from ``model`` because ``diff`` never needs them: each frozen dataclass costs its creation on
every run that imports it (issue 17).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policydiff.model import DocumentSummary, Report, Review, Severity, Version


@dataclass(frozen=True, slots=True)
class NoticeLink:
    """A link a notice prints: what it is for (``key``), its words and its absolute URL."""

    key: str
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class NoticeChange:
    """One change as a notice tells it: a sentence from its rule's plain words, the clause, both wordings."""

    id: str
    kind: str
    severity: str
    path: str  # in the new version (the old one for a removal)
    old_path: str | None
    clause: str  # the clause named for a reader: heading trail and item
    summary: str
    rules: tuple[str, ...]  # the rule ids the summary is told from
    categories: tuple[str, ...]
    topics: tuple[str, ...]  # the categories in the rule files' words
    old_quote: str | None
    new_quote: str | None
    old_runs: tuple[tuple[bool, str], ...]  # (changed?, words) runs of the old wording
    new_runs: tuple[tuple[bool, str], ...]
    consent: bool
    consent_reasons: tuple[str, ...] = ()
    consent_url: str | None = None  # this change's own opt-in link (a per-change anchor or URL)


@dataclass(frozen=True, slots=True)
class NoticePlan:
    """Every value the notice templates use, decided from a report, the settings and two dates."""

    required: bool
    publish_date: str  # ISO YYYY-MM-DD
    effective_date: str
    earliest_effective_date: str  # publish date + period_days
    publish_date_text: str  # "April 20, 2026"
    effective_date_text: str
    period_days: int
    period_source: str  # where the period comes from: the config, the old policy's promise, or both
    organization: str
    product: str
    contact: str
    contact_url: str  # mailto: or https
    website: str
    sender: str
    subject: str
    policy_title: str
    old: DocumentSummary
    new: DocumentSummary
    policy_url: str | None
    redline_url: str | None
    history_url: str | None
    consent_url: str | None
    actions: tuple[NoticeLink, ...]  # what a user can do: object, opt out, withdraw consent, export, close
    changes: tuple[NoticeChange, ...]  # the material (major) changes
    other_changes: tuple[NoticeChange, ...]  # changes of substance that need no notice (minor)
    editorial_count: int
    consent_needed: bool


@dataclass(frozen=True, slots=True)
class Pending:
    """A recorded version whose material change is not settled: no notice drafted, no decision, no ack."""

    policy: str
    version: Version
    previous: Version
    severity: Severity  # with the lawyers' reviews applied: major, or review
    why: str  # one line: what is missing
    clear: tuple[str, ...]  # the commands that settle it, most likely first
    awaiting: tuple[str, ...] = ()  # the ids of the changes a lawyer must still decide
    report: Report | None = None  # the version against the previous one, reviews applied


@dataclass(frozen=True, slots=True)
class PolicyCheck:
    """One policy of a ``check``: what was compared, what was found, and what was written."""

    policy: str
    source: str
    status: str  # "first" (nothing to compare with), "unchanged", "changed" or "failed"
    old: Version | None = None
    new: Version | None = None
    report: Report | None = None  # with the lawyers' reviews applied
    folder: Path | None = None  # notices/<date>/ with the drafts, the redline and the report
    effective_date: str | None = None  # when a notice is required
    stale: tuple[Review, ...] = ()
    error: str | None = None
    exit_code: int = 0
    # every recorded version of the policy still pending after this run (this run's included)
    pending: tuple[Pending, ...] = ()
    notes: tuple[str, ...] = ()  # what the run finished for earlier versions (notices drafted late)
    drafted_late: tuple[Pending, ...] = ()  # earlier versions whose notices this run drafted
    position: int = 0  # the policy's place in the config: shards' run records merge in this order

    @property
    def severity(self) -> Severity:
        return self.report.severity if self.report else Severity.NONE
