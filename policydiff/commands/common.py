"""What several commands need of a project: its judgement settings and its lawyers' reviews."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from policydiff.archive import parse_reference
from policydiff.classify import RuleBook
from policydiff.compare import Judgement
from policydiff.config import Settings
from policydiff.model import Report, Review

__all__ = ["archived_policies", "judgement", "policy_reviews", "reviewed", "reviews_path", "rulebook"]


def judgement(settings: Settings) -> Judgement:
    """What ``compare`` needs of the settings."""
    if settings.notice.major is None:
        return Judgement(period_days=settings.notice.period_days, rulebook=rulebook(settings))
    return Judgement(settings.notice.period_days, settings.notice.major, rulebook(settings))


def rulebook(settings: Settings) -> RuleBook:
    """The packaged rule book, kept between runs in the settings' rule cache."""
    return _rulebook(settings.rule_cache)


@cache
def _rulebook(folder: Path | None) -> RuleBook:
    from policydiff.rule_cache import cached_rulebook

    return cached_rulebook(folder)


def reviews_path(settings: Settings, policy_id: str) -> Path:
    """Where a policy's reviews live: beside its ``history.json``."""
    return settings.archive / policy_id / "reviews.json"


def policy_reviews(settings: Settings, policy_id: str | None) -> tuple[Review, ...]:
    """The lawyers' decisions kept for ``policy_id`` (none for ``None``)."""
    from policydiff.review import read_reviews

    return read_reviews(reviews_path(settings, policy_id)) if policy_id else ()


def archived_policies(settings: Settings, sources: Sequence[str]) -> list[str]:
    """The configured policies that ``POLICY@REF`` sources name, sorted (an existing file is a file)."""
    references = [parse_reference(source) for source in sources if not Path(source).exists()]
    named = {reference[0] for reference in references if reference}
    return sorted(policy for policy in named if any(p.id == policy for p in settings.policies))


def reviewed(report: Report, settings: Settings, sources: Sequence[str]) -> Report:
    """``report`` with the reviews of the configured policies its ``POLICY@REF`` sources name."""
    for policy in archived_policies(settings, sources):
        from policydiff.review import apply_reviews  # two files compared need none

        report = apply_reviews(report, policy_reviews(settings, policy))
    return report
